//! Chart 5, `clarity`: the SPEC §7 KPI-clarity scores per scenario on a 0–1 axis, with the
//! weeks a manager needs to detect a 20% drop in a second panel.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::bars::{self, Groups};
use super::data::{ChartData, Clarity};
use super::layout::{DrawResult, Swatch, frame, legend, placeholder};
use super::style::{number, scenario_color};

/// Draws the clarity chart into `area`; scenarios without clarity data are left out.
pub(crate) fn draw<DB: DrawingBackend>(
    data: &ChartData,
    area: &DrawingArea<DB, Shift>,
) -> DrawResult {
    let body = frame(
        area,
        "KPI clarity: can a manager tell which stage broke?",
        "Scores 0–1 (higher is better, except false alarms) and weeks to detect a 20% drop; \
         whiskers: 95% CI",
    )?;
    let shown: Vec<(String, RGBColor, Clarity)> = (data.scenarios.iter().enumerate())
        .filter_map(|(i, s)| s.clarity.map(|c| (s.name.clone(), scenario_color(i), c)))
        .collect();
    let entries: Vec<_> = shown.iter().map(|(n, c, _)| (n.clone(), *c)).collect();
    let body = legend(&body, &entries, Swatch::Box)?;
    if shown.is_empty() {
        return placeholder(
            &body,
            "No clarity data: run `salesim clarity` to produce it",
        );
    }
    let colors: Vec<_> = entries.iter().map(|e| e.1).collect();
    let width = body.dim_in_pixel().0;
    let (left, right) = body.split_horizontally(width * 68 / 100);
    let scores = Groups {
        caption: "Clarity and diagnosis",
        categories: [
            "KPI clarity",
            "Focus",
            "Attribution",
            "Diagnosis accuracy",
            "False alarms (lower is better)",
        ]
        .map(String::from)
        .to_vec(),
        colors: colors.clone(),
        values: (shown.iter())
            .map(|(_, _, c)| {
                let core = [Some(c.kpi_clarity), Some(c.focus), Some(c.attribution)];
                let diag = [c.diagnosis_accuracy, c.false_alarm_rate];
                core.into_iter().chain(diag).collect()
            })
            .collect(),
        y_desc: "Score (0–1)",
        y_fmt: &|v| format!("{v:.1}"),
        label_fmt: &|v| format!("{v:.2}"),
        y_range: Some((0.0, 1.1)),
        y_label_width: 64,
    };
    bars::draw(&left, &scores)?;
    let weeks = Groups {
        caption: "Weeks to detect a 20% drop",
        categories: vec!["One rep's KPI".into(), "Team KPI".into()],
        colors,
        values: (shown.iter())
            .map(|(_, _, c)| vec![c.detectability_weeks, c.detectability_team_weeks])
            .collect(),
        y_desc: "Weeks (fewer is better)",
        y_fmt: &|v| number(v, 0),
        label_fmt: &|v| number(v, 1),
        y_range: None,
        y_label_width: 64,
    };
    bars::draw(&right, &weeks)
}
