//! Chart 2, `funnel`: how many leads, qualified leads, meetings, opportunities, wins and
//! expansion orders each scenario produces per week, as grouped bars with 95% CI whiskers.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::bars::{self, Groups};
use super::data::{Band, ChartData};
use super::layout::{DrawResult, Swatch, frame, legend, placeholder};
use super::style::{number, scenario_entries};

/// Draws the funnel chart into `area`.
pub(crate) fn draw<DB: DrawingBackend>(
    data: &ChartData,
    area: &DrawingArea<DB, Shift>,
) -> DrawResult {
    let body = frame(
        area,
        "Sales funnel",
        "Items reaching each stage per week (mean across replications, whiskers: 95% CI)",
    )?;
    let entries = scenario_entries(data);
    let body = legend(&body, &entries, Swatch::Box)?;
    let stages = stage_names(data);
    if stages.is_empty() {
        return placeholder(&body, "No funnel data to show");
    }
    let values = data.scenarios.iter().map(|s| {
        let find = |name: &String| {
            s.funnel
                .iter()
                .find(|f| &f.stage == name)
                .map(|f| f.per_week)
        };
        stages.iter().map(find).collect::<Vec<Option<Band>>>()
    });
    let groups = Groups {
        caption: "",
        categories: stages.clone(),
        colors: entries.iter().map(|e| e.1).collect(),
        values: values.collect(),
        y_desc: "Items per week",
        y_fmt: &|v| number(v, 1),
        label_fmt: &|v| number(v, if v.abs() < 100.0 { 1 } else { 0 }),
        y_range: None,
        y_label_width: 72,
    };
    bars::draw(&body, &groups)
}

/// Stage names in funnel order: the order of first appearance across scenarios.
fn stage_names(data: &ChartData) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for stage in data.scenarios.iter().flat_map(|s| &s.funnel) {
        if !names.contains(&stage.stage) {
            names.push(stage.stage.clone());
        }
    }
    names
}
