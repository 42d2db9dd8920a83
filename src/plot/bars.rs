//! Grouped bars with 95% CI whiskers: one group per category, one bar per scenario. The funnel,
//! money and clarity charts are all drawn with it.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::data::Band;
use super::layout::{CAPTION_HEIGHT, DrawResult, axis_titles, caption, to_area, wrap};
use super::style::{GRID, INK, MUTED, text, tick};
use super::text::{Label, measure};

/// A grouped bar chart, ready to draw.
pub(crate) struct Groups<'a> {
    /// Panel caption, drawn above the plot (empty for none).
    pub(crate) caption: &'a str,
    /// Category names along the x axis.
    pub(crate) categories: Vec<String>,
    /// Bar colours, one per series (scenario).
    pub(crate) colors: Vec<RGBColor>,
    /// Values as `[series][category]`; `None` is drawn as "n/a".
    pub(crate) values: Vec<Vec<Option<Band>>>,
    /// The y-axis description, with its unit.
    pub(crate) y_desc: &'a str,
    /// Formats y-axis ticks.
    pub(crate) y_fmt: &'a dyn Fn(f64) -> String,
    /// Formats the value printed over each bar.
    pub(crate) label_fmt: &'a dyn Fn(f64) -> String,
    /// A fixed y range, or `None` to fit the data (always including zero).
    pub(crate) y_range: Option<(f64, f64)>,
    /// Width of the y label area [px].
    pub(crate) y_label_width: u32,
}

/// Share of a category's width taken by its bars (at most).
const GROUP_WIDTH: f64 = 0.8;

impl Groups<'_> {
    /// The y range: fixed, or the data's extent with headroom for the value labels.
    fn range(&self) -> (f64, f64) {
        if let Some(r) = self.y_range {
            return r;
        }
        let bands = self
            .values
            .iter()
            .flatten()
            .filter_map(|v| v.and_then(|b| b.finite()));
        let (lo, hi) = bands.fold((0.0f64, 0.0f64), |(lo, hi), b| {
            (lo.min(b.lo).min(b.mean), hi.max(b.hi).max(b.mean))
        });
        let span = if hi - lo > 0.0 { hi - lo } else { 1.0 };
        let lo = if lo < 0.0 { lo - 0.12 * span } else { 0.0 };
        let hi = if hi > 0.0 || lo == 0.0 {
            hi + 0.12 * span
        } else {
            0.0
        };
        (lo, hi)
    }

    /// The x extent `[left, right]` of bar `s` in category `c`.
    fn bar_x(&self, c: usize, s: usize) -> (f64, f64) {
        // Few series would make very wide bars; cap each at a third of a category.
        let w = (GROUP_WIDTH / self.colors.len().max(1) as f64).min(0.34);
        let start = -w * self.colors.len().max(1) as f64 / 2.0;
        let left = c as f64 + start + s as f64 * w;
        (left + 0.06 * w, left + 0.94 * w)
    }
}

/// Draws `g` into `area`.
pub(crate) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    g: &Groups<'_>,
) -> DrawResult {
    let n = g.categories.len().max(1);
    let (y_lo, y_hi) = g.range();
    if !g.caption.is_empty() {
        caption(area, g.caption)?;
    }
    let mut chart = ChartBuilder::on(area)
        .margin_left(16)
        .margin_right(28)
        .margin_top(if g.caption.is_empty() {
            12
        } else {
            CAPTION_HEIGHT
        })
        .x_label_area_size(64)
        .y_label_area_size(g.y_label_width)
        .build_cartesian_2d(-0.5..(n as f64 - 0.5), y_lo..y_hi)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(10)
        .y_label_formatter(&|v| tick(&(g.y_fmt)(*v)))
        .label_style(text(16.0))
        .bold_line_style(GRID)
        .light_line_style(TRANSPARENT)
        .axis_style(INK)
        .draw()?;
    let plot = chart.plotting_area().get_pixel_range();
    axis_titles(area, plot, "", g.y_desc, g.y_label_width)?;
    if y_lo < 0.0 {
        let zero = vec![(-0.5, 0.0), (n as f64 - 0.5, 0.0)];
        chart.draw_series(std::iter::once(PathElement::new(zero, INK.stroke_width(1))))?;
    }
    for (s, row) in g.values.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let band = value
                .and_then(|b| b.finite())
                .map(|b| clamp(b, (y_lo, y_hi)));
            draw_bar(area, &chart, g, (c, s), band)?;
        }
    }
    category_labels(area, &chart, &g.categories, y_lo)
}

/// `b` limited to a little beyond the axis `(lo, hi)`: what lies outside is clipped anyway,
/// and far-off values would overflow plotters' pixel arithmetic.
fn clamp(b: Band, (lo, hi): (f64, f64)) -> Band {
    let span = (hi - lo).max(f64::MIN_POSITIVE);
    let c = |v: f64| v.clamp(lo - 0.1 * span, hi + 0.1 * span);
    Band::new(c(b.mean), c(b.lo), c(b.hi))
}

type Chart<'a, DB> = ChartContext<
    'a,
    DB,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// Size of the value printed over each bar [px].
const VALUE_SIZE: f64 = 15.0;

/// One bar (category `c`, series `s`) with its whisker and value label, or "n/a" when the
/// value is missing. The label is left out when it is wider than the bar.
fn draw_bar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Chart<'_, DB>,
    g: &Groups<'_>,
    (c, s): (usize, usize),
    value: Option<Band>,
) -> DrawResult {
    let (x0, x1) = g.bar_x(c, s);
    let xm = (x0 + x1) / 2.0;
    let plot = chart.plotting_area();
    let Some(b) = value else {
        let at = to_area(area, chart, &(xm, 0.0));
        let label = Label::new("n/a", (at.0, at.1 - 4), 14.0).color(MUTED);
        area.draw(&label.anchor(HPos::Center, VPos::Bottom))?;
        return Ok(());
    };
    let color = g.colors[s % g.colors.len().max(1)];
    plot.draw(&Rectangle::new([(x0, 0.0), (x1, b.mean)], color.filled()))?;
    let cap = (x1 - x0) * 0.18;
    let whisker = INK.stroke_width(2);
    if b.hi > b.lo {
        plot.draw(&PathElement::new(vec![(xm, b.lo), (xm, b.hi)], whisker))?;
        for y in [b.lo, b.hi] {
            plot.draw(&PathElement::new(
                vec![(xm - cap, y), (xm + cap, y)],
                whisker,
            ))?;
        }
    }
    let text = (g.label_fmt)(b.mean);
    let bar_px = to_area(area, chart, &(x1, 0.0)).0 - to_area(area, chart, &(x0, 0.0)).0;
    if measure(&text, VALUE_SIZE, false).0 as i32 + 2 > bar_px {
        return Ok(());
    }
    let (y, v, offset) = if b.mean >= 0.0 {
        (b.hi.max(b.mean), VPos::Bottom, -5)
    } else {
        (b.lo.min(b.mean), VPos::Top, 5)
    };
    let at = to_area(area, chart, &(xm, y));
    let label = Label::new(text, (at.0, at.1 + offset), VALUE_SIZE);
    area.draw(&label.anchor(HPos::Center, v))?;
    Ok(())
}

/// Category names under the x axis, wrapped onto two lines when too wide for their slot.
fn category_labels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Chart<'_, DB>,
    categories: &[String],
    y_lo: f64,
) -> DrawResult {
    const SIZE: f64 = 16.0;
    let slot = to_area(area, chart, &(1.0, y_lo)).0 - to_area(area, chart, &(0.0, y_lo)).0;
    for (i, name) in categories.iter().enumerate() {
        let at = to_area(area, chart, &(i as f64, y_lo));
        let lines = wrap(name, SIZE, (slot - 8).max(1) as u32);
        for (k, line) in lines.into_iter().enumerate() {
            let pos = (at.0, at.1 + 10 + 20 * k as i32);
            area.draw(&Label::new(line, pos, SIZE).anchor(HPos::Center, VPos::Top))?;
        }
    }
    Ok(())
}
