//! Chart 1, `throughput`: deals won and revenue per week over time, one mean line with a shaded
//! 95% band per scenario, in two stacked panels that share the week axis.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::data::{Band, ChartData, WeekPoint};
use super::layout::{
    CAPTION_HEIGHT, DrawResult, Swatch, axis_titles, caption, frame, legend, placeholder,
};
use super::line::Polyline;
use super::style::{GRID, INK, money, number, scenario_color, scenario_entries, text, tick};

/// Draws the throughput chart into `area`.
pub(crate) fn draw<DB: DrawingBackend>(
    data: &ChartData,
    area: &DrawingArea<DB, Shift>,
) -> DrawResult {
    let body = frame(
        area,
        "Weekly throughput",
        "Mean per measured week across replications; shaded: 95% confidence interval",
    )?;
    let entries = scenario_entries(data);
    let body = legend(&body, &entries, Swatch::Band)?;
    let weeks = data
        .scenarios
        .iter()
        .flat_map(|s| &s.weekly)
        .map(|w| w.week);
    let (Some(first), Some(last)) = (weeks.clone().min(), weeks.max()) else {
        return placeholder(&body, "No weekly data to show");
    };
    let x = if first == last {
        (first as f64 - 1.0, last as f64 + 1.0)
    } else {
        (first as f64, last as f64)
    };
    let (top, bottom) = body.split_vertically(body.dim_in_pixel().1 / 2);
    let deals = Panel {
        caption: "Deals won per week",
        x_desc: "",
        y_desc: "Deals / week",
        pick: |w| w.deals_won,
        fmt: &|v| number(v, 1),
    };
    let revenue = Panel {
        caption: "Revenue per week",
        x_desc: "Week",
        y_desc: "Revenue ($ / week)",
        pick: |w| w.revenue,
        fmt: &|v| money(v),
    };
    draw_panel(&top, data, x, &deals)?;
    draw_panel(&bottom, data, x, &revenue)
}

/// One of the two panels: which band of a week it plots and how its axis reads.
struct Panel<'a> {
    caption: &'a str,
    x_desc: &'a str,
    y_desc: &'a str,
    pick: fn(&WeekPoint) -> Band,
    fmt: &'a dyn Fn(f64) -> String,
}

/// The finite `(week, band)` points of one scenario's series.
fn points(weekly: &[WeekPoint], pick: fn(&WeekPoint) -> Band) -> Vec<(f64, Band)> {
    weekly
        .iter()
        .filter_map(|w| pick(w).finite().map(|b| (w.week as f64, b)))
        .collect()
}

/// Draws one panel: bands first, then lines, so no band hides another scenario's line.
fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &ChartData,
    x: (f64, f64),
    panel: &Panel<'_>,
) -> DrawResult {
    let series: Vec<_> = data
        .scenarios
        .iter()
        .map(|s| points(&s.weekly, panel.pick))
        .collect();
    let all = series.iter().flatten().map(|(_, b)| b);
    let (lo, hi) = all.fold((0.0f64, 0.0f64), |(lo, hi), b| (lo.min(b.lo), hi.max(b.hi)));
    let pad = if hi - lo > 0.0 { 0.08 * (hi - lo) } else { 1.0 };
    let y = (if lo < 0.0 { lo - pad } else { 0.0 }, hi + pad);
    caption(area, panel.caption)?;
    let mut chart = ChartBuilder::on(area)
        .margin_top(CAPTION_HEIGHT)
        .margin_left(16)
        .margin_right(32)
        .margin_bottom(6)
        .x_label_area_size(if panel.x_desc.is_empty() { 34 } else { 58 })
        .y_label_area_size(96)
        .build_cartesian_2d(x.0..x.1, y.0..y.1)?;
    chart
        .configure_mesh()
        .x_labels(((x.1 - x.0) as usize + 1).min(12))
        .y_labels(6)
        .x_label_formatter(&week_label)
        .y_label_formatter(&|v| tick(&(panel.fmt)(*v)))
        .label_style(text(16.0))
        .bold_line_style(GRID)
        .light_line_style(TRANSPARENT)
        .axis_style(INK)
        .draw()?;
    let plot = chart.plotting_area().get_pixel_range();
    axis_titles(area, plot, panel.x_desc, panel.y_desc, 96)?;
    for (i, pts) in series.iter().enumerate() {
        let mut outline: Vec<(f64, f64)> = pts.iter().map(|(w, b)| (*w, b.hi)).collect();
        outline.extend(pts.iter().rev().map(|(w, b)| (*w, b.lo)));
        if pts.len() > 1 {
            // Many overlapping bands turn muddy: the more scenarios, the paler each band.
            let alpha = if series.len() > 3 { 0.1 } else { 0.18 };
            let fill = scenario_color(i).mix(alpha).filled();
            chart.draw_series(std::iter::once(Polygon::new(outline, fill)))?;
        }
    }
    for (i, pts) in series.iter().enumerate() {
        let color = scenario_color(i);
        let line: Vec<_> = pts.iter().map(|(w, b)| (*w, b.mean)).collect();
        // A single week has no line to draw: show it as a dot.
        let width = if line.len() == 1 { 10 } else { 3 };
        chart.draw_series([Polyline::new(line, color, width)])?;
    }
    Ok(())
}

/// A week tick: whole weeks only, so a short axis never repeats a number.
fn week_label(v: &f64) -> String {
    if (v - v.round()).abs() < 1e-6 {
        format!("{v:.0}")
    } else {
        String::new()
    }
}
