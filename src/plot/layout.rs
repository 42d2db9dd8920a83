//! Page furniture shared by the charts: the title block, a wrapping legend and a placeholder
//! message for charts with nothing to show.

use plotters::coord::Shift;
use plotters::drawing::DrawingAreaErrorKind;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{MUTED, bold, text};

/// What a drawing step returns.
pub(crate) type DrawResult<T = ()> = Result<T, DrawError>;

/// A drawing failure as text: plotters' errors are generic over the backend, so they are
/// flattened here and turned into a [`super::PlotError`] at the public boundary.
#[derive(Debug)]
pub(crate) struct DrawError(pub(crate) String);

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for DrawError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        DrawError(e.to_string())
    }
}

/// Left margin of the title and legend [px].
const INDENT: i32 = 28;

/// Clears `area` to white, writes the title and a one-line subtitle, and returns the area
/// below them.
pub(crate) fn frame<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    subtitle: &str,
) -> DrawResult<DrawingArea<DB, Shift>> {
    area.fill(&WHITE)?;
    area.draw(&Text::new(title.to_string(), (INDENT, 18), bold(28.0)))?;
    area.draw(&Text::new(
        subtitle.to_string(),
        (INDENT, 56),
        text(17.0).color(&MUTED),
    ))?;
    Ok(area.split_vertically(86).1)
}

/// How a legend entry shows its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Swatch {
    /// A filled square, for bars.
    Box,
    /// A short thick line over a pale band, for lines with confidence bands.
    Band,
    /// A short thick line, for lines without bands.
    Line,
}

/// Draws legend entries left to right, wrapping onto further rows, and returns the area below.
pub(crate) fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(String, RGBColor)],
    swatch: Swatch,
) -> DrawResult<DrawingArea<DB, Shift>> {
    const ROW: i32 = 30;
    let style = text(17.0);
    let width = area.dim_in_pixel().0 as i32;
    let (mut x, mut y) = (INDENT, 4);
    for (label, color) in entries {
        let label_w = area.estimate_text_size(label, &style)?.0 as i32;
        let entry_w = 30 + label_w + 34;
        if x > INDENT && x + entry_w > width - INDENT {
            x = INDENT;
            y += ROW;
        }
        draw_swatch(area, (x, y + 11), *color, swatch)?;
        area.draw(&Text::new(
            label.clone(),
            (x + 30, y + 11),
            style.pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
        x += entry_w;
    }
    let used = if entries.is_empty() { 0 } else { y + ROW + 6 };
    Ok(area.split_vertically(used).1)
}

/// One legend swatch, vertically centred on `at.1`.
fn draw_swatch<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    at: (i32, i32),
    color: RGBColor,
    swatch: Swatch,
) -> DrawResult {
    let (x, y) = at;
    match swatch {
        Swatch::Box => {
            area.draw(&Rectangle::new(
                [(x, y - 8), (x + 20, y + 8)],
                color.filled(),
            ))?;
        }
        Swatch::Band | Swatch::Line => {
            if swatch == Swatch::Band {
                let band = [(x, y - 7), (x + 22, y + 7)];
                area.draw(&Rectangle::new(band, color.mix(0.2).filled()))?;
            }
            let line = vec![(x, y), (x + 22, y)];
            area.draw(&PathElement::new(line, color.stroke_width(3)))?;
        }
    }
    Ok(())
}

/// Writes `message` in the middle of `area`, for a chart with no data to draw.
pub(crate) fn placeholder<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    message: &str,
) -> DrawResult {
    let (w, h) = area.dim_in_pixel();
    area.draw(&Text::new(
        message.to_string(),
        (w as i32 / 2, h as i32 / 2),
        text(22.0)
            .color(&MUTED)
            .pos(Pos::new(HPos::Center, VPos::Center)),
    ))?;
    Ok(())
}

/// The text of a value label drawn in `area`, wrapped at the space nearest its middle when it
/// is wider than `max_w` pixels.
pub(crate) fn wrap<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    label: &str,
    style: &TextStyle<'_>,
    max_w: u32,
) -> DrawResult<Vec<String>> {
    if area.estimate_text_size(label, style)?.0 <= max_w || !label.contains(' ') {
        return Ok(vec![label.to_string()]);
    }
    let mid = label.len() / 2;
    let split = label
        .match_indices(' ')
        .map(|(i, _)| i)
        .min_by_key(|i| i.abs_diff(mid))
        .unwrap_or(mid);
    Ok(vec![
        label[..split].to_string(),
        label[split + 1..].to_string(),
    ])
}
