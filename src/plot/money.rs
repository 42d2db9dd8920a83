//! Chart 6, `money`: revenue, cost and profit per week for each scenario, as grouped bars with
//! 95% CI whiskers on a dollar axis that always shows zero (profit may be negative).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::bars::{self, Groups};
use super::data::ChartData;
use super::layout::{DrawResult, Swatch, frame, legend, placeholder};
use super::style::{money, money_label, scenario_color};

/// Draws the money chart into `area`; scenarios without money data are left out.
pub(crate) fn draw<DB: DrawingBackend>(
    data: &ChartData,
    area: &DrawingArea<DB, Shift>,
) -> DrawResult {
    let body = frame(
        area,
        "Revenue, cost and profit",
        "Dollars per week (mean across replications, whiskers: 95% CI); cost = salaries + hiring",
    )?;
    let shown: Vec<_> = (data.scenarios.iter().enumerate())
        .filter_map(|(i, s)| s.money.map(|m| (s.name.clone(), scenario_color(i), m)))
        .collect();
    let entries: Vec<_> = shown.iter().map(|(n, c, _)| (n.clone(), *c)).collect();
    let body = legend(&body, &entries, Swatch::Box)?;
    if shown.is_empty() {
        return placeholder(&body, "No money data to show");
    }
    let groups = Groups {
        caption: "",
        categories: vec!["Revenue".into(), "Cost".into(), "Profit".into()],
        colors: entries.iter().map(|e| e.1).collect(),
        values: (shown.iter())
            .map(|(_, _, m)| vec![Some(m.revenue), Some(m.cost), Some(m.profit)])
            .collect(),
        y_desc: "$ per week",
        y_fmt: &|v| money(v),
        label_fmt: &|v| money_label(v),
        y_range: None,
        y_label_width: 96,
    };
    bars::draw(&body, &groups)
}
