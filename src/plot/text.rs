//! Text that looks right in a PNG: a plotters element that lays glyphs out itself.
//!
//! plotters 0.3.7 draws `ab_glyph` text on bitmaps without each glyph's left side bearing and
//! rounds every pen position down, so letters jitter ("w ith", "ans wered"). [`Label`] lays
//! the text out with kerning, bearings and sub-pixel positions and blends the coverage into
//! the bitmap itself. On any other backend (SVG) it hands the text to the backend unchanged,
//! so an SVG keeps real, selectable `<text>`.

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, Glyph, PxScale, ScaleFont, point};
use plotters::element::{Drawable, PointCollection};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontStyle, FontTransform};
use plotters_backend::{BackendColor, BackendCoord, DrawingErrorKind};

use super::style::{BOLD, FAMILY, INK, REGULAR};

/// plotters' SVG backend writes `font-size` as the style size / 1.24, while ab_glyph's pixel
/// scale is the font's full height (1.164 em for DejaVu Sans): this factor makes both agree.
const SVG_SIZE: f64 = 1.24 / 1.164;

/// One line of text anchored at a point, optionally rotated to read bottom to top.
#[derive(Clone)]
pub(crate) struct Label {
    text: String,
    at: BackendCoord,
    size: f64,
    bold: bool,
    color: RGBColor,
    anchor: (HPos, VPos),
    vertical: bool,
}

impl Label {
    /// Regular ink text of `size` pixels whose top-left corner is at `at`.
    pub(crate) fn new(text: impl Into<String>, at: (i32, i32), size: f64) -> Self {
        Self {
            text: text.into(),
            at,
            size,
            bold: false,
            color: INK,
            anchor: (HPos::Left, VPos::Top),
            vertical: false,
        }
    }

    /// The same text in bold.
    pub(crate) fn bold(mut self) -> Self {
        self.bold = true;
        self
    }

    /// The same text in `color`.
    pub(crate) fn color(mut self, color: RGBColor) -> Self {
        self.color = color;
        self
    }

    /// Anchors the text at `at` by the given horizontal and vertical reference.
    pub(crate) fn anchor(mut self, h: HPos, v: VPos) -> Self {
        self.anchor = (h, v);
        self
    }

    /// Rotates the text a quarter turn anticlockwise (for y-axis titles).
    pub(crate) fn vertical(mut self) -> Self {
        self.vertical = true;
        self
    }
}

/// The parsed bundled font, regular or bold.
fn font(bold: bool) -> &'static FontRef<'static> {
    static FONTS: OnceLock<(FontRef<'static>, FontRef<'static>)> = OnceLock::new();
    let fonts = FONTS.get_or_init(|| {
        // The bytes are compiled in and checked by `style::ensure_font` before any drawing.
        let parse = |b| FontRef::try_from_slice(b).expect("bundled font parses");
        (parse(REGULAR), parse(BOLD))
    });
    if bold { &fonts.1 } else { &fonts.0 }
}

/// Lays `text` out from a pen at (0, 0) on the top line: the glyphs and the total width [px].
fn layout(text: &str, size: f64, bold: bool) -> (Vec<Glyph>, f32) {
    let scale = PxScale::from(size as f32);
    let f = font(bold).as_scaled(scale);
    let (mut caret, mut prev) = (0.0f32, None);
    let mut glyphs = Vec::with_capacity(text.len());
    for c in text.chars() {
        let id = f.glyph_id(c);
        if let Some(p) = prev {
            caret += f.kern(p, id);
        }
        glyphs.push(id.with_scale_and_position(scale, point(caret, f.ascent())));
        caret += f.h_advance(id);
        prev = Some(id);
    }
    (glyphs, caret)
}

/// The width and height of `text` at `size` pixels [px], as [`Label`] draws it.
pub(crate) fn measure(text: &str, size: f64, bold: bool) -> (u32, u32) {
    let (_, width) = layout(text, size, bold);
    (width.ceil() as u32, size.ceil() as u32)
}

impl<'a> PointCollection<'a, (i32, i32)> for &'a Label {
    type Point = &'a (i32, i32);
    type IntoIter = std::iter::Once<&'a (i32, i32)>;
    fn point_iter(self) -> Self::IntoIter {
        std::iter::once(&self.at)
    }
}

impl<DB: DrawingBackend> Drawable<DB> for Label {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        mut pos: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let Some(at) = pos.next() else { return Ok(()) };
        if std::any::type_name::<DB>().contains("BitMapBackend") {
            self.rasterise(at, backend)
        } else {
            self.delegate(at, backend)
        }
    }
}

impl Label {
    /// Draws the glyphs' coverage pixel by pixel (bitmap backends).
    fn rasterise<DB: DrawingBackend>(
        &self,
        at: BackendCoord,
        backend: &mut DB,
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let (glyphs, width) = layout(&self.text, self.size, self.bold);
        let height = self.size as f32;
        let dx = match self.anchor.0 {
            HPos::Left => 0.0,
            HPos::Center => -width / 2.0,
            HPos::Right => -width,
        };
        let dy = match self.anchor.1 {
            VPos::Top => 0.0,
            VPos::Center => -height / 2.0,
            VPos::Bottom => -height,
        };
        // Whole-pixel offsets: px_bounds are whole pixels too, so no row or column is skipped
        // or doubled when the coverage is mapped to the target.
        let (dx, dy) = (dx.round() as i32, dy.round() as i32);
        let mut pixels = Vec::new();
        for glyph in glyphs {
            let Some(outline) = font(self.bold).outline_glyph(glyph) else {
                continue;
            };
            let b = outline.px_bounds();
            outline.draw(|x, y, c| {
                if c > 0.02 {
                    let gx = b.min.x as i32 + x as i32 + dx;
                    let gy = b.min.y as i32 + y as i32 + dy;
                    let p = if self.vertical { (gy, -gx) } else { (gx, gy) };
                    pixels.push((p, c.min(1.0)));
                }
            });
        }
        let rgb = (self.color.0, self.color.1, self.color.2);
        for ((x, y), c) in pixels {
            let color = BackendColor {
                alpha: c as f64,
                rgb,
            };
            backend.draw_pixel((at.0 + x, at.1 + y), color)?;
        }
        Ok(())
    }

    /// Hands the text to the backend as text (SVG and other vector backends).
    fn delegate<DB: DrawingBackend>(
        &self,
        at: BackendCoord,
        backend: &mut DB,
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let weight = if self.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        let mut style = TextStyle::from((FAMILY, self.size * SVG_SIZE, weight).into_font())
            .color(&self.color)
            .pos(Pos::new(self.anchor.0, self.anchor.1));
        if self.vertical {
            style = style.transform(FontTransform::Rotate270);
        }
        backend.draw_text(&self.text, &style, at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_size_and_weight() {
        let (w, h) = measure("Revenue", 16.0, false);
        assert!(w > 40 && w < 90, "{w}");
        assert_eq!(h, 16);
        assert!(measure("Revenue per week", 16.0, false).0 > w);
        assert!(measure("Revenue", 24.0, false).0 > w);
        assert!(measure("Revenue", 16.0, true).0 > w);
        assert_eq!(measure("", 16.0, false).0, 0);
    }
}
