//! Chart 4, `time_budget`: where each role's working time goes, one horizontal stacked bar
//! per (scenario, role) across the seven SPEC §6 time-use categories (shares summing to 1).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::data::{ChartData, RoleBudget};
use super::layout::{DrawResult, Swatch, axis_titles, frame, legend, placeholder, to_area};
use super::style::{CATEGORY_COLORS, GRID, INK, percent, text};
use super::text::{Label, measure};

/// Client-facing names of the seven categories, in [`super::data::TIME_CATEGORIES`] order.
const LABELS: [&str; 7] = [
    "Inbound",
    "Prospecting",
    "Closing",
    "Customer care",
    "Context switching",
    "Hand-offs",
    "Idle",
];

/// Height of a scenario header row, in bar rows.
const HEADER_HEIGHT: f64 = 0.7;

/// One row of the chart: a scenario header or a role's bar.
enum Row<'a> {
    Header(&'a str),
    Bar(&'a RoleBudget),
}

/// Draws the time-budget chart into `area`.
pub(crate) fn draw<DB: DrawingBackend>(
    data: &ChartData,
    area: &DrawingArea<DB, Shift>,
) -> DrawResult {
    let body = frame(
        area,
        "Where the time goes",
        "Share of each role's working time by activity (mean across replications)",
    )?;
    let entries: Vec<_> = (LABELS.iter().zip(CATEGORY_COLORS))
        .map(|(l, c)| (l.to_string(), c))
        .collect();
    let body = legend(&body, &entries, Swatch::Box)?;
    let rows = rows(data);
    if !rows.iter().any(|r| matches!(r, Row::Bar(_))) {
        return placeholder(&body, "No time-budget data to show");
    }
    let heights = rows.iter().map(|r| match r {
        Row::Header(_) => HEADER_HEIGHT,
        Row::Bar(_) => 1.0,
    });
    let n: f64 = heights.sum();
    let mut chart = ChartBuilder::on(&body)
        .margin_left(16)
        .margin_right(36)
        .margin_top(4)
        .x_label_area_size(56)
        .y_label_area_size(label_width(&rows))
        .build_cartesian_2d(0.0..1.0, 0.0..n)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(11)
        .x_label_formatter(&|v| percent(*v))
        .label_style(text(16.0))
        .bold_line_style(GRID)
        .light_line_style(TRANSPARENT)
        .axis_style(INK)
        .draw()?;
    let plot = chart.plotting_area().get_pixel_range();
    axis_titles(&body, plot, "Share of working time", "", 0)?;
    let mut y = n; // the top of the next row; rows run top to bottom
    for row in &rows {
        match row {
            Row::Header(name) => {
                let at = to_area(&body, &chart, &(0.0, y - HEADER_HEIGHT / 2.0));
                let label = Label::new(*name, (at.0 + 4, at.1), 17.0).bold();
                body.draw(&label.anchor(HPos::Left, VPos::Center))?;
                y -= HEADER_HEIGHT;
            }
            Row::Bar(budget) => {
                draw_bar(&body, &chart, budget, y)?;
                y -= 1.0;
            }
        }
    }
    Ok(())
}

type Chart<'a, DB> = ChartContext<
    'a,
    DB,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// The rows top to bottom: each scenario with budgets gets a header, then one bar per role.
fn rows(data: &ChartData) -> Vec<Row<'_>> {
    let mut rows = Vec::new();
    for s in data.scenarios.iter().filter(|s| !s.time_budget.is_empty()) {
        rows.push(Row::Header(&s.name));
        rows.extend(s.time_budget.iter().map(Row::Bar));
    }
    rows
}

/// Width of the role-name column \[px\]: the longest name plus a gap, within 90–360 px.
fn label_width(rows: &[Row<'_>]) -> u32 {
    let names = rows.iter().filter_map(|r| match r {
        Row::Bar(b) => Some(measure(&b.role, 16.0, false).0),
        Row::Header(_) => None,
    });
    (names.max().unwrap_or(0) + 24).clamp(90, 360)
}

/// Shares made drawable: non-finite and negative shares count as 0, and the rest are
/// rescaled to sum to 1 (all zeros stay zeros).
fn normalised(shares: &[f64; 7]) -> [f64; 7] {
    let clean = shares.map(|s| if s.is_finite() && s > 0.0 { s } else { 0.0 });
    let sum: f64 = clean.iter().sum();
    if sum > 0.0 {
        clean.map(|s| s / sum)
    } else {
        clean
    }
}

/// One role's stacked bar in the row whose top is `y`, with its role name on the left and a
/// percentage inside each segment wide enough to hold it.
fn draw_bar<DB: DrawingBackend>(
    body: &DrawingArea<DB, Shift>,
    chart: &Chart<'_, DB>,
    budget: &RoleBudget,
    y: f64,
) -> DrawResult {
    let (top, bottom) = (y - 0.12, y - 0.88);
    let at = to_area(body, chart, &(0.0, y - 0.5));
    let role = Label::new(budget.role.as_str(), (at.0 - 10, at.1), 16.0);
    body.draw(&role.anchor(HPos::Right, VPos::Center))?;
    let mut x = 0.0;
    for (share, color) in normalised(&budget.shares).into_iter().zip(CATEGORY_COLORS) {
        if share <= 0.0 {
            continue;
        }
        let rect = Rectangle::new([(x, bottom), (x + share, top)], color.filled());
        chart.plotting_area().draw(&rect)?;
        let label = percent(share);
        let px = to_area(body, chart, &(x + share, y)).0 - to_area(body, chart, &(x, y)).0;
        if measure(&label, 15.0, false).0 as i32 + 8 <= px {
            let mid = to_area(body, chart, &(x + share / 2.0, y - 0.5));
            let ink = if luminance(color) > 0.55 { INK } else { WHITE };
            let text = Label::new(label, mid, 15.0).color(ink);
            body.draw(&text.anchor(HPos::Center, VPos::Center))?;
        }
        x += share;
    }
    Ok(())
}

/// Relative luminance of a colour, 0 (black) to 1 (white), to pick readable label ink.
fn luminance(c: RGBColor) -> f64 {
    (0.2126 * c.0 as f64 + 0.7152 * c.1 as f64 + 0.0722 * c.2 as f64) / 255.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_cleaned_and_rescaled() {
        let s = normalised(&[1.0, f64::NAN, -1.0, 1.0, 0.0, 0.0, 2.0]);
        assert_eq!(s, [0.25, 0.0, 0.0, 0.25, 0.0, 0.0, 0.5]);
        assert_eq!(normalised(&[0.0; 7]), [0.0; 7]);
    }
}
