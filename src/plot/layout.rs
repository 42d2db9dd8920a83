//! Page furniture shared by the charts: the title block, a wrapping legend and a placeholder
//! message for charts with nothing to show.

use plotters::coord::Shift;
use plotters::drawing::DrawingAreaErrorKind;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::style::MUTED;
use super::text::{Label, measure};

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
    area.draw(&Label::new(title, (INDENT, 16), 30.0).bold())?;
    area.draw(&Label::new(subtitle, (INDENT, 56), 17.0).color(MUTED))?;
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
    const SIZE: f64 = 17.0;
    let width = area.dim_in_pixel().0 as i32;
    let (mut x, mut y) = (INDENT, 4);
    for (label, color) in entries {
        let entry_w = 30 + measure(label, SIZE, false).0 as i32 + 34;
        if x > INDENT && x + entry_w > width - INDENT {
            x = INDENT;
            y += ROW;
        }
        draw_swatch(area, (x, y + 11), *color, swatch)?;
        let text = Label::new(label.as_str(), (x + 30, y + 11), SIZE);
        area.draw(&text.anchor(HPos::Left, VPos::Center))?;
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
    let text = Label::new(message, (w as i32 / 2, h as i32 / 2), 22.0).color(MUTED);
    area.draw(&text.anchor(HPos::Center, VPos::Center))?;
    Ok(())
}

/// Height reserved above a panel for its caption [px].
pub(crate) const CAPTION_HEIGHT: u32 = 34;

/// Writes a panel caption centred at the top of `area`; build the chart with a top margin of
/// [`CAPTION_HEIGHT`] under it.
pub(crate) fn caption<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, text: &str) -> DrawResult {
    let w = area.dim_in_pixel().0 as i32;
    let label = Label::new(text, (w / 2, 8), 19.0).bold();
    area.draw(&label.anchor(HPos::Center, VPos::Top))?;
    Ok(())
}

/// Axis titles for a chart drawn in `area` whose plotting area spans `plot` (absolute pixel
/// ranges, from `get_pixel_range`): the x title under the tick labels, the y title rotated
/// left of them. An empty title is skipped.
pub(crate) fn axis_titles<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    plot: (std::ops::Range<i32>, std::ops::Range<i32>),
    x_title: &str,
    y_title: &str,
    y_label_width: u32,
) -> DrawResult {
    const SIZE: f64 = 17.0;
    let base = area.get_base_pixel();
    let (xs, ys) = (plot.0, plot.1);
    if !x_title.is_empty() {
        let at = ((xs.start + xs.end) / 2 - base.0, ys.end - base.1 + 34);
        area.draw(&Label::new(x_title, at, SIZE).anchor(HPos::Center, VPos::Top))?;
    }
    if !y_title.is_empty() {
        let at = (
            xs.start - base.0 - y_label_width as i32 + 4,
            (ys.start + ys.end) / 2 - base.1,
        );
        let label = Label::new(y_title, at, SIZE).vertical();
        area.draw(&label.anchor(HPos::Center, VPos::Top))?;
    }
    Ok(())
}

/// `label` as one line, or wrapped at the space nearest its middle when it is wider than
/// `max_w` pixels at `size`.
pub(crate) fn wrap(label: &str, size: f64, max_w: u32) -> Vec<String> {
    if measure(label, size, false).0 <= max_w || !label.contains(' ') {
        return vec![label.to_string()];
    }
    let mid = label.len() / 2;
    let split = label
        .match_indices(' ')
        .map(|(i, _)| i)
        .min_by_key(|i| i.abs_diff(mid))
        .unwrap_or(mid);
    vec![label[..split].to_string(), label[split + 1..].to_string()]
}

/// The position of chart coordinate `p` in `area`'s own pixels (for labels drawn on `area`).
pub(crate) fn to_area<DB: DrawingBackend, X: Ranged, Y: Ranged>(
    area: &DrawingArea<DB, Shift>,
    chart: &ChartContext<'_, DB, Cartesian2d<X, Y>>,
    p: &(X::ValueType, Y::ValueType),
) -> (i32, i32) {
    let (at, base) = (chart.backend_coord(p), area.get_base_pixel());
    (at.0 - base.0, at.1 - base.1)
}
