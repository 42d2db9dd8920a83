//! The heatmap of two sweep axes: cells coloured by the KPI mean on the viridis scale, each
//! labelled with its mean and 95% CI, the best cell outlined, and a colour bar on the right.

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::{Axis, Plan, SweepData, axis_title, fit, format_value, kpi_label, kpi_title};
use super::{lower_is_better, subtitle_tail};
use crate::plot::data::Band;
use crate::plot::layout::{DrawResult, axis_titles, frame, placeholder, to_area, wrap};
use crate::plot::style::{INK, MUTED};
use crate::plot::text::{Label, measure};

/// Which heatmap to draw: the axes on x and y, the other varying axes' values, the page.
#[derive(Debug)]
pub(super) struct View<'a> {
    pub(super) x: usize,
    pub(super) y: usize,
    pub(super) fixed: &'a [(usize, String)],
    pub(super) page: usize,
}

/// Width of the colour bar's column at the right [px].
const BAR_COLUMN: u32 = 200;
/// Space above the plot for the colour bar's title [px].
const TOP: u32 = 58;
/// Light grey for cells without a value.
const EMPTY: RGBColor = RGBColor(235, 235, 235);

type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Draws one heatmap page into `area`, coloured on a scale shared by every page.
pub(super) fn draw<DB: DrawingBackend>(
    data: &SweepData,
    plan: &Plan,
    view: &View<'_>,
    area: &DrawingArea<DB, Shift>,
) -> DrawResult {
    let (xa, ya) = (&plan.axes[view.x], &plan.axes[view.y]);
    let cells = cells(data, xa, ya, view);
    let (title, subtitle) = titles(data, plan, view);
    let body = frame(area, &title, &subtitle)?;
    // One scale for every page, so colours compare across the maps of a sweep.
    let means =
        (data.points.iter()).filter_map(|p| p.value.and_then(|b| b.finite()).map(|b| b.mean));
    let (Some(min), Some(max)) = (means.clone().reduce(f64::min), means.reduce(f64::max)) else {
        let note = format!("No values of {} to show", data.kpi.name());
        return placeholder(&body, &note);
    };
    let (w, _) = body.dim_in_pixel();
    let (heat, bar) = body.split_horizontally(w.saturating_sub(BAR_COLUMN));
    let y_w = (ya.values.iter())
        .map(|v| measure(v, 16.0, false).0)
        .max()
        .unwrap_or(0)
        .clamp(20, 200)
        + 52;
    let (nx, ny) = (xa.values.len() as f64, ya.values.len() as f64);
    let chart = ChartBuilder::on(&heat)
        .margin_left(16)
        .margin_right(12)
        .margin_top(TOP)
        .margin_bottom(6)
        .x_label_area_size(64)
        .y_label_area_size(y_w)
        .build_cartesian_2d(0.0..nx.max(1.0), 0.0..ny.max(1.0))?;
    let scale = Scale { min, max };
    let best = best_cell(&cells, lower_is_better(data.kpi));
    draw_cells(&heat, &chart, data, &cells, &scale, best)?;
    labels(&heat, &chart, xa, ya)?;
    let plot = chart.plotting_area().get_pixel_range();
    let (x_title, y_title) = (axis_title(&xa.name), axis_title(&ya.name));
    axis_titles(&heat, plot.clone(), &x_title, &y_title, y_w)?;
    color_bar(&bar, plot.1, data, &scale)
}

/// The title (KPI and axes, or the fixed values of a multi-page sweep) and subtitle.
fn titles(data: &SweepData, plan: &Plan, view: &View<'_>) -> (String, String) {
    let label = kpi_label(data.kpi);
    let title = if view.fixed.is_empty() {
        let (x, y) = (&plan.axes[view.x].name, &plan.axes[view.y].name);
        let full = format!("{label} by {x} and {y}");
        // Long paths: the axis titles name them anyway.
        if measure(&full, 30.0, true).0 > super::super::WIDTH - 56 {
            label
        } else {
            full
        }
    } else {
        let fixed: Vec<String> = (view.fixed.iter())
            .map(|(a, v)| format!("{} = {v}", plan.axes[*a].name))
            .collect();
        format!("{label} at {}", fixed.join(", "))
    };
    let best = if lower_is_better(data.kpi) {
        "lowest"
    } else {
        "highest"
    };
    let mut sub = format!("Mean per grid point with its 95% CI; outlined: the best cell ({best})");
    if plan.pages.len() > 1 {
        let (k, n) = (view.page + 1, plan.pages.len());
        sub.push_str(&format!("; map {k} of {n}, all on one colour scale"));
        if plan.combinations > plan.pages.len() as u128 {
            sub.push_str(&format!(" (first of {} combinations)", plan.combinations));
        }
    }
    sub.push_str(&subtitle_tail(plan));
    (
        fit(&title, 30.0, true, super::super::WIDTH - 56),
        fit(&sub, 17.0, false, super::super::WIDTH - 56),
    )
}

/// The cells as `[y][x]`: each point matching `view.fixed` goes to its (x, y) position;
/// a later duplicate wins.
fn cells(data: &SweepData, xa: &Axis, ya: &Axis, view: &View<'_>) -> Vec<Vec<Option<Band>>> {
    let mut cells = vec![vec![None; xa.values.len()]; ya.values.len()];
    for p in &data.points {
        if view.fixed.iter().any(|(a, v)| coord(p, *a) != v) {
            continue;
        }
        let (Some(i), Some(j)) = (xa.position(coord(p, view.x)), ya.position(coord(p, view.y)))
        else {
            continue;
        };
        cells[j][i] = p.value.and_then(|b| b.finite());
    }
    cells
}

/// The value of point `p` on axis `a` ("" when the row is short).
fn coord(p: &super::SweepPoint, a: usize) -> &str {
    p.coords.get(a).map_or("", String::as_str)
}

/// The `(x, y)` of the cell with the best mean; the first one on ties.
pub(super) fn best_cell(cells: &[Vec<Option<Band>>], lower: bool) -> Option<(usize, usize)> {
    let mut best: Option<((usize, usize), f64)> = None;
    for (j, row) in cells.iter().enumerate() {
        for (i, b) in row.iter().enumerate() {
            let Some(b) = b else { continue };
            let better = best.is_none_or(|(_, m)| if lower { b.mean < m } else { b.mean > m });
            if better {
                best = Some(((i, j), b.mean));
            }
        }
    }
    best.map(|(at, _)| at)
}

/// The colour scale from `min` to `max`.
#[derive(Debug, Clone, Copy)]
struct Scale {
    min: f64,
    max: f64,
}

impl Scale {
    /// The colour of `v`: its position from `min` to `max` on [`viridis`] (the middle when
    /// every value is the same).
    fn color(&self, v: f64) -> RGBColor {
        let span = self.max - self.min;
        let t = if span > 0.0 {
            (v - self.min) / span
        } else {
            0.5
        };
        viridis(t)
    }
}

/// The viridis colour map at `t` in 0..=1: sequential, perceptually uniform, and readable
/// with the common colour-vision deficiencies and in grey.
pub(super) fn viridis(t: f64) -> RGBColor {
    const STOPS: [(u8, u8, u8); 9] = [
        (68, 1, 84),
        (71, 44, 122),
        (59, 81, 139),
        (44, 113, 142),
        (33, 144, 141),
        (39, 173, 129),
        (92, 200, 99),
        (170, 220, 50),
        (253, 231, 37),
    ];
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let x = t * (STOPS.len() - 1) as f64;
    let k = (x.floor() as usize).min(STOPS.len() - 2);
    let f = x - k as f64;
    let (a, b) = (STOPS[k], STOPS[k + 1]);
    let mix = |p: u8, q: u8| (p as f64 + (q as f64 - p as f64) * f).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// Ink or white, whichever reads better on `bg`.
fn text_on(bg: RGBColor) -> RGBColor {
    let lum = 0.299 * bg.0 as f64 + 0.587 * bg.1 as f64 + 0.114 * bg.2 as f64;
    if lum > 140.0 { INK } else { WHITE }
}

/// Fills every cell, writes its value (and CI and "best" when they fit), outlines the best.
fn draw_cells<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Chart<'_, DB>,
    data: &SweepData,
    cells: &[Vec<Option<Band>>],
    scale: &Scale,
    best: Option<(usize, usize)>,
) -> DrawResult {
    let plot = chart.plotting_area();
    for (j, row) in cells.iter().enumerate() {
        for (i, cell) in row.iter().enumerate() {
            let (x, y) = (i as f64, j as f64);
            let fill = cell.map_or(EMPTY, |b| scale.color(b.mean));
            plot.draw(&Rectangle::new([(x, y), (x + 1.0, y + 1.0)], fill.filled()))?;
            plot.draw(&Rectangle::new(
                [(x, y), (x + 1.0, y + 1.0)],
                WHITE.stroke_width(2),
            ))?;
        }
    }
    for (j, row) in cells.iter().enumerate() {
        for (i, cell) in row.iter().enumerate() {
            let is_best = best == Some((i, j));
            cell_text(area, chart, data, (i, j), *cell, scale, is_best)?;
        }
    }
    if let Some((i, j)) = best {
        let a = to_area(area, chart, &(i as f64, j as f64 + 1.0));
        let b = to_area(area, chart, &(i as f64 + 1.0, j as f64));
        area.draw(&Rectangle::new([a, b], INK.stroke_width(5)))?;
        let inner = [(a.0 + 4, a.1 + 4), (b.0 - 4, b.1 - 4)];
        area.draw(&Rectangle::new(inner, WHITE.stroke_width(2)))?;
    }
    Ok(())
}

/// The text of cell `(i, j)`: its mean, then its CI and "best" when the cell is large enough;
/// "n/a" without a value. Text that does not fit is left out.
fn cell_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Chart<'_, DB>,
    data: &SweepData,
    (i, j): (usize, usize),
    cell: Option<Band>,
    scale: &Scale,
    is_best: bool,
) -> DrawResult {
    let (x, y) = (i as f64, j as f64);
    let top_left = to_area(area, chart, &(x, y + 1.0));
    let bottom_right = to_area(area, chart, &(x + 1.0, y));
    let (w, h) = (
        bottom_right.0 - top_left.0 - 8,
        bottom_right.1 - top_left.1 - 8,
    );
    let centre = (
        (top_left.0 + bottom_right.0) / 2,
        (top_left.1 + bottom_right.1) / 2,
    );
    let Some(b) = cell else {
        return put(area, "n/a", centre, 14.0, MUTED, (w, h));
    };
    let color = text_on(scale.color(b.mean));
    let mut lines: Vec<(String, f64)> = vec![(format_value(data.kpi, b.mean), 20.0)];
    if b.hi > b.lo {
        let ci = format!(
            "{} to {}",
            format_value(data.kpi, b.lo),
            format_value(data.kpi, b.hi)
        );
        lines.push((ci, 14.0));
    }
    if is_best {
        lines.push(("best".into(), 14.0));
    }
    // Drop lines from the end until the block fits the cell's height.
    while lines.len() > 1 && block_height(&lines) > h {
        lines.pop();
    }
    let mut top = centre.1 - block_height(&lines) / 2;
    for (k, (text, size)) in lines.iter().enumerate() {
        let bold = k == 0 || text == "best";
        let line_h = *size as i32 + 6;
        if measure(text, *size, bold).0 as i32 <= w && line_h - 6 <= h {
            let mut label = Label::new(text.as_str(), (centre.0, top), *size).color(color);
            if bold {
                label = label.bold();
            }
            area.draw(&label.anchor(HPos::Center, VPos::Top))?;
        }
        top += line_h;
    }
    Ok(())
}

/// The height of a block of text lines [px].
fn block_height(lines: &[(String, f64)]) -> i32 {
    lines.iter().map(|(_, s)| *s as i32 + 6).sum::<i32>() - 6
}

/// `text` centred at `at` if it fits in `room` pixels.
fn put<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    at: (i32, i32),
    size: f64,
    color: RGBColor,
    room: (i32, i32),
) -> DrawResult {
    if measure(text, size, false).0 as i32 <= room.0 && size as i32 <= room.1 {
        let label = Label::new(text, at, size).color(color);
        area.draw(&label.anchor(HPos::Center, VPos::Center))?;
    }
    Ok(())
}

/// The axis values: under each column and left of each row, thinned out when crowded.
fn labels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Chart<'_, DB>,
    xa: &Axis,
    ya: &Axis,
) -> DrawResult {
    const SIZE: f64 = 16.0;
    let cell_w = (to_area(area, chart, &(1.0, 0.0)).0 - to_area(area, chart, &(0.0, 0.0)).0).max(1);
    let widest = xa.values.iter().map(|v| measure(v, SIZE, false).0).max();
    let step = ((widest.unwrap_or(0) as i32 + 10) / cell_w + 1).max(1) as usize;
    for (i, v) in xa.values.iter().enumerate().step_by(step) {
        let at = to_area(area, chart, &(i as f64 + 0.5, 0.0));
        let label = Label::new(v.as_str(), (at.0, at.1 + 10), SIZE);
        area.draw(&label.anchor(HPos::Center, VPos::Top))?;
    }
    let cell_h = (to_area(area, chart, &(0.0, 0.0)).1 - to_area(area, chart, &(0.0, 1.0)).1).max(1);
    let step = (22 / cell_h + 1).max(1) as usize;
    for (j, v) in ya.values.iter().enumerate().step_by(step) {
        let at = to_area(area, chart, &(0.0, j as f64 + 0.5));
        let label = Label::new(v.as_str(), (at.0 - 10, at.1), SIZE);
        area.draw(&label.anchor(HPos::Right, VPos::Center))?;
    }
    Ok(())
}

/// The colour bar in `area`, spanning the plot's rows `rows` (absolute pixels): a gradient
/// with five labelled ticks and the KPI's title above it.
fn color_bar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: std::ops::Range<i32>,
    data: &SweepData,
    scale: &Scale,
) -> DrawResult {
    const X: i32 = 14;
    const WIDTH: i32 = 26;
    let base = area.get_base_pixel().1;
    let (top, bottom) = (rows.start - base, rows.end - base);
    let height = (bottom - top).max(1);
    let title = kpi_title(data.kpi);
    // `wrap` measures regular text; the bold title is about a tenth wider.
    let lines = wrap(&title, 16.0, (BAR_COLUMN - 2 * X as u32) * 8 / 10);
    for (k, line) in lines.iter().enumerate() {
        let y = top - 14 - 20 * (lines.len() - 1 - k) as i32;
        let label = Label::new(line.as_str(), (X, y), 16.0).bold();
        area.draw(&label.anchor(HPos::Left, VPos::Bottom))?;
    }
    const STEPS: i32 = 120;
    for s in 0..STEPS {
        let y0 = bottom - height * s / STEPS;
        let y1 = bottom - height * (s + 1) / STEPS;
        let t = (s as f64 + 0.5) / STEPS as f64;
        let v = scale.min + t * (scale.max - scale.min);
        area.draw(&Rectangle::new(
            [(X, y1), (X + WIDTH, y0)],
            scale.color(v).filled(),
        ))?;
    }
    area.draw(&Rectangle::new(
        [(X, top), (X + WIDTH, bottom)],
        INK.stroke_width(1),
    ))?;
    for v in nice_ticks(scale.min, scale.max) {
        let t = if scale.max > scale.min {
            (v - scale.min) / (scale.max - scale.min)
        } else {
            0.5
        };
        let y = bottom - (t * height as f64).round() as i32;
        let tick = vec![(X + WIDTH, y), (X + WIDTH + 6, y)];
        area.draw(&PathElement::new(tick, INK.stroke_width(1)))?;
        let label = Label::new(format_value(data.kpi, v), (X + WIDTH + 10, y), 15.0);
        area.draw(&label.anchor(HPos::Left, VPos::Center))?;
    }
    Ok(())
}

/// Round tick values from `min` to `max` (steps of 1, 2, 2.5 or 5 × 10ⁿ, four to eight
/// ticks); just `min` when the range is empty or not finite.
fn nice_ticks(min: f64, max: f64) -> Vec<f64> {
    let span = max - min;
    if !(span > 0.0 && span.is_finite()) {
        return vec![min];
    }
    let raw = span / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| span / s <= 7.0)
        .unwrap_or(10.0 * mag);
    let first = (min / step).ceil() as i64;
    let last = (max / step).floor() as i64;
    (first..=last.min(first + 20))
        .map(|k| k as f64 * step)
        .collect()
}
