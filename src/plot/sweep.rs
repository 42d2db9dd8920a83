//! Sweep charts: one KPI of a sweep's `points.csv` over its grid, as PNG and SVG at 1200×800.
//!
//! | varying axes | chart |
//! |---|---|
//! | 0 or 1 | the KPI mean against the axis value, a shaded 95% band, a marker per point |
//! | 2 | a heatmap: first axis on x, second on y, cells coloured and labelled by the mean |
//! | 3 or more | one heatmap of the first two per combination of the others (at most [`MAX_PAGES`]) |
//!
//! An axis with a single value (a sweep may fix `horizon_weeks` that way) does not vary: it
//! is named in the subtitle instead. Heatmaps use the viridis scale (sequential, readable in
//! grey and with the common colour-vision deficiencies), show a colour bar, and outline the
//! best cell: the highest mean, or the lowest for a KPI where less is better (costs, delays,
//! losses; see [`lower_is_better`]).
//!
//! # Lifecycle
//! [`SweepData::from_csv`] reads `points.csv` for one [`Kpi`]; [`render_sweep`] writes
//! `sweep_<kpi>.png/.svg`, or `sweep_<kpi>_<k>.png/.svg` (k from 1) when there are several
//! heatmaps; [`draw_sweep`] draws one page into any plotters area.
//!
//! # Pitfalls
//! Odd input never panics: empty or unparsable cells are drawn as "n/a", NaN and infinite
//! values are skipped, rows with missing cells are padded, a single point draws a single
//! marker, and axis values that are not numbers are placed in order of first appearance.

mod curve;
mod heatmap;
mod points;

#[cfg(test)]
mod tests;

pub use points::PointsError;

use std::path::{Path, PathBuf};

use plotters::coord::Shift;
use plotters::prelude::*;

use super::data::Band;
use super::layout::DrawResult;
use super::style::{money_label, number, percent};
use super::text::measure;
use super::{HEIGHT, PlotError, WIDTH};
use crate::model::Kpi;

/// At most this many heatmaps are drawn for a sweep of three or more varying axes.
pub const MAX_PAGES: usize = 12;

/// One grid point of a sweep, reduced to one KPI.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepPoint {
    /// The point's value on each axis, as written in `points.csv`.
    pub coords: Vec<String>,
    /// The KPI's mean and 95% CI; `None` where the KPI is undefined. Unknown interval ends
    /// (one replication) are NaN.
    pub value: Option<Band>,
}

/// A sweep's `points.csv`, reduced to one KPI.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepData {
    /// The KPI drawn.
    pub kpi: Kpi,
    /// The axis columns, by path as written in the sweep file.
    pub axes: Vec<String>,
    /// The points, in file order.
    pub points: Vec<SweepPoint>,
}

/// One axis: its distinct values in display order and, when all are numbers, their values.
#[derive(Debug, Clone)]
struct Axis {
    name: String,
    values: Vec<String>,
    numeric: Option<Vec<f64>>,
}

impl Axis {
    /// The position of `value` among the axis values.
    fn position(&self, value: &str) -> Option<usize> {
        self.values.iter().position(|v| v == value)
    }
}

/// What one output file shows.
#[derive(Debug, Clone)]
enum Page {
    /// The KPI against axis `x`.
    Curve { x: usize },
    /// A heatmap of axes `x` × `y` with the other varying axes held at `fixed`.
    Heatmap {
        x: usize,
        y: usize,
        fixed: Vec<(usize, String)>,
    },
}

/// The axes of `data` and the pages to draw.
#[derive(Debug)]
struct Plan {
    axes: Vec<Axis>,
    /// `path = value` of every single-valued axis.
    constant: Vec<String>,
    pages: Vec<Page>,
    /// Combinations of the non-plotted varying axes (may exceed the pages drawn).
    combinations: u128,
}

impl SweepData {
    /// The number of pages: the PNG + SVG pairs [`render_sweep`] writes.
    pub fn page_count(&self) -> usize {
        self.plan().pages.len()
    }

    /// The file stems [`render_sweep`] writes: `sweep_<kpi>`, or `sweep_<kpi>_<k>` for
    /// several pages.
    pub fn file_stems(&self) -> Vec<String> {
        let n = self.page_count();
        let base = format!("sweep_{}", self.kpi.name());
        if n == 1 {
            return vec![base];
        }
        (1..=n).map(|k| format!("{base}_{k}")).collect()
    }

    fn plan(&self) -> Plan {
        let axes: Vec<Axis> = (0..self.axes.len()).map(|i| self.axis(i)).collect();
        let varying: Vec<usize> = (0..axes.len())
            .filter(|&i| axes[i].values.len() > 1)
            .collect();
        let constant = (axes.iter())
            .filter(|a| a.values.len() == 1)
            .map(|a| format!("{} = {}", a.name, a.values[0]))
            .collect();
        let (pages, combinations) = match varying.as_slice() {
            [] => (vec![Page::Curve { x: 0 }], 1),
            [x] => (vec![Page::Curve { x: *x }], 1),
            [x, y, rest @ ..] => heatmap_pages(&axes, *x, *y, rest),
        };
        Plan {
            axes,
            constant,
            pages,
            combinations,
        }
    }

    /// Axis `i` with its distinct values: numeric order when all are numbers, else order of
    /// first appearance.
    fn axis(&self, i: usize) -> Axis {
        let mut values: Vec<String> = Vec::new();
        for p in &self.points {
            let v = p.coords.get(i).map_or("", String::as_str);
            if !values.iter().any(|w| w == v) {
                values.push(v.to_string());
            }
        }
        let parsed: Option<Vec<f64>> = values
            .iter()
            .map(|v| v.trim().parse::<f64>().ok().filter(|x| x.is_finite()))
            .collect();
        let numeric = parsed.map(|mut nums| {
            let mut order: Vec<usize> = (0..values.len()).collect();
            order.sort_by(|&a, &b| nums[a].total_cmp(&nums[b]));
            values = order.iter().map(|&k| values[k].clone()).collect();
            nums = order.iter().map(|&k| nums[k]).collect();
            nums
        });
        Axis {
            name: self.axes[i].clone(),
            values,
            numeric,
        }
    }
}

/// One heatmap of `x` × `y` per combination of the `rest` axes, the first [`MAX_PAGES`].
fn heatmap_pages(axes: &[Axis], x: usize, y: usize, rest: &[usize]) -> (Vec<Page>, u128) {
    let sizes: Vec<usize> = rest.iter().map(|&a| axes[a].values.len()).collect();
    let total = sizes
        .iter()
        .fold(1u128, |t, &n| t.saturating_mul(n as u128));
    let mut pages = Vec::new();
    let mut digits = vec![0usize; rest.len()];
    while pages.len() < MAX_PAGES {
        let fixed = (rest.iter().zip(&digits))
            .map(|(&a, &d)| (a, axes[a].values[d].clone()))
            .collect();
        pages.push(Page::Heatmap { x, y, fixed });
        // Mixed-radix increment, last axis fastest (the order of the grid's points).
        let mut k = rest.len();
        loop {
            if k == 0 {
                return (pages, total);
            }
            k -= 1;
            digits[k] += 1;
            if digits[k] < sizes[k] {
                break;
            }
            digits[k] = 0;
        }
    }
    (pages, total)
}

/// Whether less of `kpi` is better: costs, delays, losses, churn, overheads. For the others
/// the best cell is the highest.
pub fn lower_is_better(kpi: Kpi) -> bool {
    const WORSE: [&str; 11] = [
        "cost",
        "hours",
        "lost",
        "waiting",
        "churn",
        "departures",
        "hires",
        "switching",
        "handoff",
        "cycle",
        "queue",
    ];
    WORSE.iter().any(|w| kpi.name().contains(w))
}

/// Whether `kpi` is a share in 0..=1, shown as a percentage.
fn is_share(kpi: Kpi) -> bool {
    let n = kpi.name();
    kpi.unit().is_empty() && (n.ends_with("_rate") || n.ends_with("_share") || n == "utilization")
}

/// `profit_per_week` → `Profit per week`.
fn kpi_label(kpi: Kpi) -> String {
    let words = kpi.name().replace('_', " ");
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

/// The KPI's label with its unit, for an axis or a colour bar: `Profit per week ($ / week)`.
fn kpi_title(kpi: Kpi) -> String {
    let unit = match kpi.unit() {
        u if u.starts_with('$') => u.replace('/', " / "),
        "h" => "hours".into(),
        "/week" | "/year" => String::new(),
        "" if is_share(kpi) => "%".into(),
        u => u.to_string(),
    };
    if unit.is_empty() {
        kpi_label(kpi)
    } else {
        format!("{} ({unit})", kpi_label(kpi))
    }
}

/// A value of `kpi` as a label: dollars, a percentage, or a number with sensible decimals.
fn format_value(kpi: Kpi, v: f64) -> String {
    if kpi.unit().starts_with('$') {
        money_label(v)
    } else if is_share(kpi) {
        percent(v)
    } else {
        let a = v.abs();
        number(
            v,
            if a >= 100.0 {
                0
            } else if a >= 10.0 {
                1
            } else {
                2
            },
        )
    }
}

/// An axis path with a unit hint: `team.Scout.count` → `team.Scout.count (people)`.
fn axis_title(path: &str) -> String {
    let unit = if path.starts_with("team") && path.ends_with("count") {
        " (people)"
    } else if path.ends_with("_hours") {
        " (hours)"
    } else if path.ends_with("_weeks") {
        " (weeks)"
    } else if path.ends_with("_days") {
        " (days)"
    } else {
        ""
    };
    format!("{path}{unit}")
}

/// `; fixed: a = 1, b = 2` for the single-valued axes, or nothing.
fn subtitle_tail(plan: &Plan) -> String {
    if plan.constant.is_empty() {
        String::new()
    } else {
        format!("; fixed: {}", plan.constant.join(", "))
    }
}

/// `text`, cut with an ellipsis to fit `max_w` pixels at `size`.
fn fit(text: &str, size: f64, bold: bool, max_w: u32) -> String {
    if measure(text, size, bold).0 <= max_w {
        return text.to_string();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let cut: String = chars.iter().collect::<String>() + "…";
        if measure(&cut, size, bold).0 <= max_w {
            return cut;
        }
    }
    String::new()
}

/// Draws page `page` (0-based, see [`SweepData::page_count`]) into `area`; a page past the
/// last draws the last.
///
/// # Errors
/// [`PlotError::Draw`] if the backend fails, [`PlotError::Font`] if the font is broken.
pub fn draw_sweep<DB: DrawingBackend>(
    data: &SweepData,
    page: usize,
    area: &DrawingArea<DB, Shift>,
) -> Result<(), PlotError> {
    if !super::style::ensure_font() {
        return Err(PlotError::Font);
    }
    let plan = data.plan();
    let k = page.min(plan.pages.len().saturating_sub(1));
    let result: DrawResult = match plan.pages.get(k) {
        Some(Page::Curve { x }) => curve::draw(data, &plan, *x, area),
        Some(Page::Heatmap { x, y, fixed }) => {
            let view = heatmap::View {
                x: *x,
                y: *y,
                fixed,
                page: k,
            };
            heatmap::draw(data, &plan, &view, area)
        }
        None => Ok(()),
    };
    result.map_err(|e| PlotError::Draw {
        chart: "sweep",
        message: e.0,
    })
}

/// Renders page `page` to PNG bytes at [`WIDTH`]×[`HEIGHT`].
///
/// # Errors
/// As [`draw_sweep`], plus [`PlotError::Encode`].
pub fn sweep_png(data: &SweepData, page: usize) -> Result<Vec<u8>, PlotError> {
    let mut pixels = vec![0u8; (WIDTH * HEIGHT * 3) as usize];
    {
        let area = BitMapBackend::with_buffer(&mut pixels, (WIDTH, HEIGHT)).into_drawing_area();
        draw_sweep(data, page, &area)?;
        area.present().map_err(draw_error)?;
    }
    super::encode_png(&pixels).map_err(|e| PlotError::Encode {
        chart: "sweep",
        message: e.to_string(),
    })
}

/// Renders page `page` to an SVG document at [`WIDTH`]×[`HEIGHT`].
///
/// # Errors
/// As [`draw_sweep`].
pub fn sweep_svg(data: &SweepData, page: usize) -> Result<String, PlotError> {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        draw_sweep(data, page, &area)?;
        area.present().map_err(draw_error)?;
    }
    Ok(svg)
}

fn draw_error(e: impl std::error::Error) -> PlotError {
    PlotError::Draw {
        chart: "sweep",
        message: e.to_string(),
    }
}

/// Writes every page of the sweep chart into `dir` (created if needed) as
/// `<stem>.png` and `<stem>.svg` (see [`SweepData::file_stems`]), each atomically. Returns
/// the paths written, PNG before SVG, page by page.
///
/// # Errors
/// The first drawing, encoding or I/O failure; files written before it stay in place.
pub fn render_sweep(data: &SweepData, dir: &Path) -> Result<Vec<PathBuf>, PlotError> {
    std::fs::create_dir_all(dir).map_err(|source| PlotError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut written = Vec::new();
    for (page, stem) in data.file_stems().iter().enumerate() {
        let png = sweep_png(data, page)?;
        let svg = sweep_svg(data, page)?;
        for (ext, bytes) in [("png", png.as_slice()), ("svg", svg.as_bytes())] {
            let path = dir.join(format!("{stem}.{ext}"));
            crate::report::atomic::write_unnamed(&path, bytes).map_err(|source| PlotError::Io {
                path: path.clone(),
                source,
            })?;
            written.push(path);
        }
    }
    Ok(written)
}
