//! Grouped bars with 95% CI whiskers: one group per category, one bar per scenario. The funnel,
//! money and clarity charts are all drawn with it.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::data::Band;
use super::layout::{DrawResult, wrap};
use super::style::{GRID, INK, MUTED, bold, text};

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
        let bands = self.values.iter().flatten().flatten();
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
    let mut builder = ChartBuilder::on(area);
    builder
        .margin_left(16)
        .margin_right(28)
        .margin_top(if g.caption.is_empty() { 12 } else { 8 })
        .x_label_area_size(64)
        .y_label_area_size(g.y_label_width);
    if !g.caption.is_empty() {
        builder.caption(g.caption, bold(19.0));
    }
    let mut chart = builder.build_cartesian_2d(-0.5..(n as f64 - 0.5), y_lo..y_hi)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(10)
        .y_label_formatter(&|v| (g.y_fmt)(*v))
        .y_desc(g.y_desc)
        .label_style(text(16.0))
        .axis_desc_style(text(17.0))
        .bold_line_style(GRID)
        .light_line_style(TRANSPARENT)
        .axis_style(INK)
        .draw()?;
    if y_lo < 0.0 {
        let zero = vec![(-0.5, 0.0), (n as f64 - 0.5, 0.0)];
        chart.draw_series(std::iter::once(PathElement::new(zero, INK.stroke_width(1))))?;
    }
    for (s, row) in g.values.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            draw_bar(&chart, g, c, s, value.and_then(|b| b.finite()))?;
        }
    }
    category_labels(area, &chart, &g.categories, y_lo)
}

type Chart<'a, DB> = ChartContext<
    'a,
    DB,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// One bar with its whisker and value label, or "n/a" when the value is missing.
fn draw_bar<DB: DrawingBackend>(
    chart: &Chart<'_, DB>,
    g: &Groups<'_>,
    c: usize,
    s: usize,
    value: Option<Band>,
) -> DrawResult {
    let (x0, x1) = g.bar_x(c, s);
    let xm = (x0 + x1) / 2.0;
    let area = chart.plotting_area();
    let px_width = {
        let (a, b) = (
            chart.backend_coord(&(x0, 0.0)),
            chart.backend_coord(&(x1, 0.0)),
        );
        (b.0 - a.0).max(1) as u32
    };
    let label_style = text(15.0).color(&INK);
    let Some(b) = value else {
        let pos = Pos::new(HPos::Center, VPos::Bottom);
        let style = text(13.0).color(&MUTED).pos(pos);
        area.draw(&Text::new("n/a", (xm, 0.0), style))?;
        return Ok(());
    };
    let color = g.colors[s % g.colors.len().max(1)];
    area.draw(&Rectangle::new([(x0, 0.0), (x1, b.mean)], color.filled()))?;
    let cap = (x1 - x0) * 0.18;
    let whisker = INK.stroke_width(2);
    if b.hi > b.lo {
        area.draw(&PathElement::new(vec![(xm, b.lo), (xm, b.hi)], whisker))?;
        for y in [b.lo, b.hi] {
            area.draw(&PathElement::new(
                vec![(xm - cap, y), (xm + cap, y)],
                whisker,
            ))?;
        }
    }
    let label = (g.label_fmt)(b.mean);
    if chart
        .plotting_area()
        .estimate_text_size(&label, &label_style)?
        .0
        + 2
        > px_width
    {
        return Ok(());
    }
    let (y, v) = if b.mean >= 0.0 {
        (b.hi.max(b.mean), VPos::Bottom)
    } else {
        (b.lo.min(b.mean), VPos::Top)
    };
    let offset = if b.mean >= 0.0 { -4 } else { 8 };
    let at = chart.backend_coord(&(xm, y));
    let base = area.get_base_pixel();
    let at = (at.0 - base.0, at.1 - base.1 + offset);
    area.strip_coord_spec().draw(&Text::new(
        label,
        at,
        label_style.pos(Pos::new(HPos::Center, v)),
    ))?;
    Ok(())
}

/// Category names under the x axis, wrapped onto two lines when too wide for their slot.
fn category_labels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Chart<'_, DB>,
    categories: &[String],
    y_lo: f64,
) -> DrawResult {
    let style = text(16.0);
    let base = area.get_base_pixel();
    let slot = {
        let (a, b) = (
            chart.backend_coord(&(0.0, y_lo)),
            chart.backend_coord(&(1.0, y_lo)),
        );
        (b.0 - a.0).max(1) as u32
    };
    for (i, name) in categories.iter().enumerate() {
        let at = chart.backend_coord(&(i as f64, y_lo));
        let lines = wrap(area, name, &style, slot.saturating_sub(8))?;
        for (k, line) in lines.into_iter().enumerate() {
            let pos = (at.0 - base.0, at.1 - base.1 + 10 + 20 * k as i32);
            let style = style.pos(Pos::new(HPos::Center, VPos::Top));
            area.draw(&Text::new(line, pos, style))?;
        }
    }
    Ok(())
}
