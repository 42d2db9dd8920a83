//! The one-axis sweep chart: the KPI mean against the axis value, a shaded 95% band and a
//! marker with its value at every point.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::subtitle_tail;
use super::{Axis, Plan, SweepData, axis_title, fit, format_value, kpi_label, kpi_title};
use crate::plot::data::Band;
use crate::plot::layout::{DrawResult, axis_titles, frame, placeholder, to_area};
use crate::plot::line::Polyline;
use crate::plot::style::{GRID, INK, scenario_color, text, tick};
use crate::plot::text::{Label, measure};

/// Points up to which every marker gets its value written over it.
const LABELLED: usize = 16;

/// Draws the KPI against axis `x` into `area`.
pub(super) fn draw<DB: DrawingBackend>(
    data: &SweepData,
    plan: &Plan,
    x: usize,
    area: &DrawingArea<DB, Shift>,
) -> DrawResult {
    let axis = plan.axes.get(x);
    let label = kpi_label(data.kpi);
    let title = match axis {
        Some(a) => format!("{label} by {}", a.name),
        None => label,
    };
    let sub = format!(
        "Mean per grid point; shaded: 95% confidence interval{}",
        subtitle_tail(plan)
    );
    let width = super::super::WIDTH - 56;
    let body = frame(
        area,
        &fit(&title, 30.0, true, width),
        &fit(&sub, 17.0, false, width),
    )?;
    let Some(axis) = axis else {
        return placeholder(&body, "No points to show");
    };
    let pts = points(data, x, axis);
    if pts.is_empty() {
        let note = format!("No values of {} to show", data.kpi.name());
        return placeholder(&body, &note);
    }
    let xs = x_range(axis);
    let ys = y_range(&pts);
    let y_w = 104;
    let mut chart = ChartBuilder::on(&body)
        .margin_left(16)
        .margin_right(40)
        .margin_top(30)
        .margin_bottom(6)
        .x_label_area_size(64)
        .y_label_area_size(y_w)
        .build_cartesian_2d(xs.0..xs.1, ys.0..ys.1)?;
    let categorical = axis.numeric.is_none();
    let kpi = data.kpi;
    let x_fmt = |v: &f64| match categorical {
        true => category(axis, *v),
        false => crate::plot::style::number(*v, 3),
    };
    chart
        .configure_mesh()
        .x_labels(if categorical {
            axis.values.len().min(24)
        } else {
            10
        })
        .y_labels(8)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&|v| tick(&format_value(kpi, *v)))
        .label_style(text(16.0))
        .bold_line_style(GRID)
        .light_line_style(TRANSPARENT)
        .axis_style(INK)
        .draw()?;
    let plot = chart.plotting_area().get_pixel_range();
    axis_titles(&body, plot, &axis_title(&axis.name), &kpi_title(kpi), y_w)?;
    if ys.0 < 0.0 && ys.1 > 0.0 {
        let zero = vec![(xs.0, 0.0), (xs.1, 0.0)];
        chart.draw_series(std::iter::once(PathElement::new(zero, INK.stroke_width(1))))?;
    }
    draw_series(&body, &chart, data, &pts)
}

type Chart<'a, DB> = ChartContext<
    'a,
    DB,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// The band, the mean line, a marker per point and, for few points, their values.
fn draw_series<DB: DrawingBackend>(
    body: &DrawingArea<DB, Shift>,
    chart: &Chart<'_, DB>,
    data: &SweepData,
    pts: &[(f64, Band)],
) -> DrawResult {
    let color = scenario_color(0);
    let plot = chart.plotting_area();
    if pts.len() > 1 {
        let mut outline: Vec<(f64, f64)> = pts.iter().map(|(x, b)| (*x, b.hi)).collect();
        outline.extend(pts.iter().rev().map(|(x, b)| (*x, b.lo)));
        plot.draw(&Polygon::new(outline, color.mix(0.2).filled()))?;
        let line = pts.iter().map(|(x, b)| (*x, b.mean)).collect();
        plot.draw(&Polyline::new(line, color, 3))?;
    } else if let Some((x, b)) = pts.first() {
        plot.draw(&PathElement::new(
            vec![(*x, b.lo), (*x, b.hi)],
            color.stroke_width(3),
        ))?;
    }
    for (x, b) in pts {
        plot.draw(&Polyline::new(vec![(*x, b.mean)], color, 13))?;
        plot.draw(&Polyline::new(vec![(*x, b.mean)], WHITE, 5))?;
    }
    if pts.len() <= LABELLED {
        for (x, b) in pts {
            let text = format_value(data.kpi, b.mean);
            let at = to_area(body, chart, &(*x, b.mean));
            let (w, _) = measure(&text, 15.0, true);
            let label = Label::new(text, (at.0 - w as i32 / 2, at.1 - 12), 15.0).bold();
            body.draw(&label.anchor(HPos::Left, VPos::Bottom))?;
        }
    }
    Ok(())
}

/// The points with a value, as (x, band), in x order; x is the value, or the position for a
/// non-numeric axis. A later duplicate of an x wins.
fn points(data: &SweepData, x: usize, axis: &Axis) -> Vec<(f64, Band)> {
    let mut by_pos: Vec<Option<Band>> = vec![None; axis.values.len()];
    for p in &data.points {
        let v = p.coords.get(x).map_or("", String::as_str);
        if let Some(i) = axis.position(v) {
            by_pos[i] = p.value.and_then(|b| b.finite());
        }
    }
    (by_pos.into_iter().enumerate())
        .filter_map(|(i, b)| {
            let x = axis.numeric.as_ref().map_or(i as f64, |n| n[i]);
            b.map(|b| (x.clamp(-Band::LIMIT, Band::LIMIT), b))
        })
        .collect()
}

/// The x range: the values with 5% room either side (±0.5 around a single value, and
/// positions −0.5 to n − 0.5 for a non-numeric axis).
fn x_range(axis: &Axis) -> (f64, f64) {
    let Some(n) = &axis.numeric else {
        return (-0.5, axis.values.len() as f64 - 0.5);
    };
    let clamp = |v: f64| v.clamp(-Band::LIMIT, Band::LIMIT);
    let (lo, hi) = (
        clamp(n.first().copied().unwrap_or(0.0)),
        clamp(n.last().copied().unwrap_or(0.0)),
    );
    let pad = if hi > lo {
        0.05 * (hi - lo)
    } else {
        0.5_f64.max(lo.abs() * 0.1)
    };
    (lo - pad, hi + pad)
}

/// The y range: the bands with 8% room below and 14% above (for the value labels).
fn y_range(pts: &[(f64, Band)]) -> (f64, f64) {
    let lo = pts.iter().map(|(_, b)| b.lo).fold(f64::INFINITY, f64::min);
    let hi = pts
        .iter()
        .map(|(_, b)| b.hi)
        .fold(f64::NEG_INFINITY, f64::max);
    let span = hi - lo;
    if span > 0.0 {
        (lo - 0.08 * span, hi + 0.14 * span)
    } else {
        let pad = (lo.abs() * 0.1).max(1.0);
        (lo - pad, hi + pad)
    }
}

/// The label of a tick at position `v` on a non-numeric axis: the value at a whole position,
/// nothing between.
fn category(axis: &Axis, v: f64) -> String {
    let i = v.round();
    if (v - i).abs() > 1e-6 || i < 0.0 {
        return String::new();
    }
    axis.values.get(i as usize).cloned().unwrap_or_default()
}
