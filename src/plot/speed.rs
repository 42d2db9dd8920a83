//! Chart 3, `speed_to_lead`: the share of inbound leads answered within x hours (the CDF of
//! response times), one line per scenario, on a log hours axis with 1-hour and 1-day markers.

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::data::ChartData;
use super::layout::{DrawResult, Swatch, axis_titles, frame, legend, placeholder, to_area};
use super::line::Polyline;
use super::style::{GRID, INK, MUTED, number, percent, scenario_color, text, tick};
use super::text::Label;

/// Shortest response time the axis shows \[hours\]; faster answers are drawn at this edge.
const MIN_HOURS: f64 = 0.01;
/// Longest response time the axis shows \[hours\] (over 100 years); slower answers are drawn
/// at this edge.
const MAX_HOURS: f64 = 1e6;

/// Draws the speed-to-lead chart into `area`.
pub(crate) fn draw<DB: DrawingBackend>(
    data: &ChartData,
    area: &DrawingArea<DB, Shift>,
) -> DrawResult {
    let body = frame(
        area,
        "Speed to lead",
        "Share of inbound leads answered within a given time (mean across replications; circles mark medians)",
    )?;
    let curves: Vec<Vec<(f64, f64)>> = data
        .scenarios
        .iter()
        .map(|s| curve(&s.response_cdf))
        .collect();
    let entries: Vec<_> = (data.scenarios.iter().zip(&curves).enumerate())
        .map(|(i, (s, c))| (legend_label(&s.name, c), scenario_color(i)))
        .collect();
    let body = legend(&body, &entries, Swatch::Line)?;
    let hours = curves.iter().flatten().map(|p| p.0);
    let Some(max) = hours.clone().reduce(f64::max) else {
        return placeholder(&body, "No inbound leads to show");
    };
    let min = hours.reduce(f64::min).unwrap_or(MIN_HOURS);
    let x = (
        (min / 1.5).max(MIN_HOURS),
        (max * 1.5).max(min * 10.0).clamp(2.0, MAX_HOURS * 1.5),
    );
    let mut chart = ChartBuilder::on(&body)
        .margin_left(16)
        .margin_right(36)
        .margin_top(30)
        .x_label_area_size(56)
        .y_label_area_size(84)
        .build_cartesian_2d((x.0..x.1).log_scale(), 0.0..1.02)?;
    chart
        .configure_mesh()
        .y_labels(11)
        .x_label_formatter(&|v| number(*v, if *v < 1.0 { 2 } else { 0 }))
        .y_label_formatter(&|v| tick(&percent(*v)))
        .label_style(text(16.0))
        .bold_line_style(GRID)
        .light_line_style(TRANSPARENT)
        .axis_style(INK)
        .draw()?;
    let plot = chart.plotting_area().get_pixel_range();
    let x_title = "Response time (hours, log scale)";
    axis_titles(&body, plot, x_title, "Leads answered within that time", 84)?;
    draw_markers(&body, &chart, x)?;
    draw_curves(&chart, &curves, x.1)
}

type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<LogCoord<f64>, RangedCoordf64>>;

/// Dashed verticals at 1 hour, 1 day and 1 week (those on the axis), labelled above the plot.
fn draw_markers<DB: DrawingBackend>(
    body: &DrawingArea<DB, Shift>,
    chart: &Chart<'_, DB>,
    x: (f64, f64),
) -> DrawResult {
    for (at, label) in [(1.0, "1 hour"), (24.0, "1 day"), (168.0, "1 week")] {
        if at > x.0 && at < x.1 {
            let style = MUTED.stroke_width(1);
            chart.plotting_area().draw(&DashedPathElement::new(
                [(at, 0.0), (at, 1.02)],
                6,
                5,
                style,
            ))?;
            let top = to_area(body, chart, &(at, 1.02));
            let text = Label::new(label, (top.0, top.1 - 6), 15.0).color(MUTED);
            body.draw(&text.anchor(HPos::Center, VPos::Bottom))?;
        }
    }
    Ok(())
}

/// One curve per scenario, held flat from its last point to `x_max`, then a ring at each
/// median (drawn last, so no curve covers a ring).
fn draw_curves<DB: DrawingBackend>(
    chart: &Chart<'_, DB>,
    curves: &[Vec<(f64, f64)>],
    x_max: f64,
) -> DrawResult {
    let plot = chart.plotting_area();
    for (i, points) in curves.iter().enumerate() {
        let mut line = points.clone();
        if let Some(&(_, share)) = line.last() {
            line.push((x_max, share));
        }
        plot.draw(&Polyline::new(line, scenario_color(i), 3))?;
    }
    for (i, points) in curves.iter().enumerate() {
        if let Some(h) = median(points) {
            // A ring: a coloured disc under a white one, both anti-aliased.
            let disc = |color, width| Polyline::new(vec![(h, 0.5)], color, width);
            plot.draw(&disc(scenario_color(i), 15))?;
            plot.draw(&disc(WHITE, 8))?;
        }
    }
    Ok(())
}

/// The finite points of a CDF, clamped to the axis and made non-decreasing.
fn curve(cdf: &[[f64; 2]]) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::new();
    for &[h, p] in cdf {
        if !(h.is_finite() && p.is_finite()) {
            continue;
        }
        let h = h.clamp(MIN_HOURS, MAX_HOURS);
        let p = p.clamp(0.0, 1.0).max(out.last().map_or(0.0, |q| q.1));
        if out.last().is_none_or(|q| h >= q.0) {
            out.push((h, p));
        }
    }
    out
}

/// The legend label: the scenario's name and its median response time, read off the curve.
fn legend_label(name: &str, curve: &[(f64, f64)]) -> String {
    if curve.is_empty() {
        return format!("{name} (no inbound leads)");
    }
    match median(curve) {
        Some(h) if h < 1.0 => format!("{name}: median {} min", number(h * 60.0, 0)),
        Some(h) => format!("{name}: median {} h", number(h, 1)),
        None => format!("{name}: median not reached"),
    }
}

/// The hours at which the curve first reaches 50%, interpolated linearly.
fn median(curve: &[(f64, f64)]) -> Option<f64> {
    let i = curve.iter().position(|p| p.1 >= 0.5)?;
    if i == 0 {
        return Some(curve[0].0);
    }
    let ((h0, p0), (h1, p1)) = (curve[i - 1], curve[i]);
    Some(if p1 > p0 {
        h0 + (0.5 - p0) / (p1 - p0) * (h1 - h0)
    } else {
        h1
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_curve_skips_nan_and_never_falls() {
        let c = curve(&[
            [0.0, 0.1],
            [f64::NAN, 0.2],
            [1.0, 0.6],
            [2.0, 0.5],
            [4.0, 1.0],
        ]);
        assert_eq!(
            c,
            vec![(MIN_HOURS, 0.1), (1.0, 0.6), (2.0, 0.6), (4.0, 1.0)]
        );
    }

    #[test]
    fn the_median_is_interpolated() {
        assert_eq!(median(&[(1.0, 0.0), (3.0, 1.0)]), Some(2.0));
        assert_eq!(median(&[(1.0, 0.2)]), None);
    }
}
