//! Charts for a client: six figures drawn from a [`ChartData`], each written as PNG and SVG at
//! 1200×800 px.
//!
//! | file | what it shows |
//! |---|---|
//! | `throughput` | deals won and revenue per week over time, mean line and 95% band per scenario |
//! | `funnel` | leads → … → expansion orders per week, grouped bars with CI whiskers |
//! | `speed_to_lead` | share of inbound leads answered within x hours (CDF, log hours) |
//! | `time_budget` | each role's time split over the seven SPEC §6 categories |
//! | `clarity` | the SPEC §7 clarity scores and detectability (only with clarity data) |
//! | `money` | revenue, cost and profit per week (only with money data) |
//!
//! A sweep's `points.csv` gets its own charts, `sweep_<kpi>` (a line for one axis, heatmaps
//! for two or more): see [`sweep`].
//!
//! # Lifecycle
//! The producer of a result fills a [`ChartData`] (it is serialisable, so it travels inside
//! `summary.json`); [`render_all`] then writes the files, or one of the `draw_*` functions
//! draws a single chart into any plotters [`DrawingArea`], e.g. an in-memory bitmap.
//!
//! # Fonts
//! Text uses DejaVu Sans, compiled into the library and registered with plotters once, so
//! charts render identically on a machine with no fonts installed. SVG files name the family
//! `sans-serif`, so viewers draw them with their own sans-serif font.
//!
//! On bitmaps, text and curves are drawn by this module's own elements rather than plotters':
//! plotters 0.3.7 drops each glyph's side bearing (letters jitter) and truncates thick-line
//! corners to whole pixels (curves wobble). The elements recognise a bitmap backend by its
//! type name and otherwise hand text and paths to the backend, so SVG output stays plain
//! `<text>` and `<path>`. Tick labels are still drawn by plotters; they are mostly digits,
//! whose spacing the bug hardly shows.
//!
//! # Pitfalls
//! Odd data never panics: NaN and infinite values are skipped, values beyond ±[`Band::LIMIT`]
//! are drawn at that bound, empty inputs draw a short "no data" note, and negative values (a
//! loss-making scenario) extend the axis below zero. Output is deterministic: the same data
//! gives byte-identical files. Files are written through [`crate::report::atomic::write`], so
//! a failed write (a full disk) leaves the old file or none, never a part of one.

mod bars;
pub mod data;
mod layout;
mod line;
mod sample;
mod style;
mod text;

mod clarity;
mod funnel;
mod money;
mod speed;
pub mod sweep;
mod throughput;
mod time_budget;

#[cfg(test)]
mod tests;

pub use data::{
    Band, ChartData, Clarity, FunnelStage, Money, RoleBudget, ScenarioCharts, TIME_CATEGORIES,
    WeekPoint,
};
pub use sweep::{SweepData, SweepPoint, render_sweep};

use std::path::{Path, PathBuf};

use plotters::coord::Shift;
use plotters::prelude::*;

use layout::DrawResult;

/// Width of every chart file \[px\].
pub const WIDTH: u32 = 1200;
/// Height of every chart file \[px\].
pub const HEIGHT: u32 = 800;

/// What can go wrong while drawing or writing charts.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PlotError {
    /// The bundled font could not be parsed; a build problem, not a data problem.
    #[error("the bundled chart font could not be loaded")]
    Font,
    /// plotters failed while drawing a chart.
    #[error("drawing the {chart} chart: {message}")]
    Draw {
        /// The chart's file stem, e.g. `throughput`.
        chart: &'static str,
        /// plotters' description of the failure.
        message: String,
    },
    /// The rendered bitmap could not be encoded as PNG.
    #[error("encoding {chart}.png: {message}")]
    Encode {
        /// The chart's file stem.
        chart: &'static str,
        /// The encoder's description of the failure.
        message: String,
    },
    /// A chart file or the output directory could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Io {
        /// The file or directory concerned.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
}

/// The six charts, in the order [`render_all`] writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Chart {
    /// Deals won and revenue per week over time.
    Throughput,
    /// Funnel stages per week.
    Funnel,
    /// CDF of inbound response hours.
    SpeedToLead,
    /// Time use per (scenario, role).
    TimeBudget,
    /// KPI-clarity scores and detectability.
    Clarity,
    /// Revenue, cost and profit per week.
    Money,
}

impl Chart {
    /// Every chart, in file order.
    pub const ALL: [Chart; 6] = [
        Chart::Throughput,
        Chart::Funnel,
        Chart::SpeedToLead,
        Chart::TimeBudget,
        Chart::Clarity,
        Chart::Money,
    ];

    /// The file stem, e.g. `speed_to_lead`.
    pub fn name(self) -> &'static str {
        match self {
            Chart::Throughput => "throughput",
            Chart::Funnel => "funnel",
            Chart::SpeedToLead => "speed_to_lead",
            Chart::TimeBudget => "time_budget",
            Chart::Clarity => "clarity",
            Chart::Money => "money",
        }
    }

    /// Whether [`render_all`] writes this chart for `data`: clarity and money need at least
    /// one scenario with that data; the others are always written.
    pub fn applies(self, data: &ChartData) -> bool {
        match self {
            Chart::Clarity => data.scenarios.iter().any(|s| s.clarity.is_some()),
            Chart::Money => data.scenarios.iter().any(|s| s.money.is_some()),
            _ => true,
        }
    }

    /// Draws this chart into `area` (any size; the layout is tuned for 1200×800).
    ///
    /// # Errors
    /// [`PlotError::Draw`] if the backend fails, [`PlotError::Font`] if the font is broken.
    pub fn draw<DB: DrawingBackend>(
        self,
        data: &ChartData,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), PlotError> {
        if !style::ensure_font() {
            return Err(PlotError::Font);
        }
        let result: DrawResult = match self {
            Chart::Throughput => throughput::draw(data, area),
            Chart::Funnel => funnel::draw(data, area),
            Chart::SpeedToLead => speed::draw(data, area),
            Chart::TimeBudget => time_budget::draw(data, area),
            Chart::Clarity => clarity::draw(data, area),
            Chart::Money => money::draw(data, area),
        };
        result.map_err(|e| PlotError::Draw {
            chart: self.name(),
            message: e.0,
        })
    }

    /// Renders this chart to PNG bytes at [`WIDTH`]×[`HEIGHT`].
    ///
    /// # Errors
    /// As [`Chart::draw`], plus [`PlotError::Encode`].
    pub fn to_png(self, data: &ChartData) -> Result<Vec<u8>, PlotError> {
        let mut pixels = vec![0u8; (WIDTH * HEIGHT * 3) as usize];
        {
            let backend = BitMapBackend::with_buffer(&mut pixels, (WIDTH, HEIGHT));
            let area = backend.into_drawing_area();
            self.draw(data, &area)?;
            area.present().map_err(|e| self.draw_error(e))?;
        }
        encode_png(&pixels).map_err(|e| PlotError::Encode {
            chart: self.name(),
            message: e.to_string(),
        })
    }

    /// Renders this chart to an SVG document at [`WIDTH`]×[`HEIGHT`].
    ///
    /// # Errors
    /// As [`Chart::draw`].
    pub fn to_svg(self, data: &ChartData) -> Result<String, PlotError> {
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
            self.draw(data, &area)?;
            area.present().map_err(|e| self.draw_error(e))?;
        }
        Ok(svg)
    }

    fn draw_error(self, e: impl std::error::Error) -> PlotError {
        PlotError::Draw {
            chart: self.name(),
            message: e.to_string(),
        }
    }
}

/// Encodes a 24-bit RGB buffer of [`WIDTH`]×[`HEIGHT`] as PNG.
fn encode_png(rgb: &[u8]) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, WIDTH, HEIGHT);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(rgb)?;
    writer.finish()?;
    Ok(out)
}

/// Writes every applicable chart (see [`Chart::applies`]) into `dir` as `<name>.png` and
/// `<name>.svg`, each atomically, creating `dir` if needed. Returns the paths written, PNG
/// before SVG, in [`Chart::ALL`] order.
///
/// # Errors
/// The first drawing, encoding or I/O failure; files written before it stay in place.
pub fn render_all(data: &ChartData, dir: &Path) -> Result<Vec<PathBuf>, PlotError> {
    std::fs::create_dir_all(dir).map_err(|source| PlotError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut written = Vec::new();
    for chart in Chart::ALL.into_iter().filter(|c| c.applies(data)) {
        let png = chart.to_png(data)?;
        let svg = chart.to_svg(data)?;
        for (ext, bytes) in [("png", png.as_slice()), ("svg", svg.as_bytes())] {
            let path = dir.join(format!("{}.{ext}", chart.name()));
            crate::report::atomic::write_unnamed(&path, bytes).map_err(|source| PlotError::Io {
                path: path.clone(),
                source,
            })?;
            written.push(path);
        }
    }
    Ok(written)
}

/// Draws the `throughput` chart into `area`. See [`Chart::draw`].
///
/// # Errors
/// As [`Chart::draw`].
pub fn draw_throughput<DB: DrawingBackend>(
    data: &ChartData,
    area: &DrawingArea<DB, Shift>,
) -> Result<(), PlotError> {
    Chart::Throughput.draw(data, area)
}

/// Draws the `funnel` chart into `area`. See [`Chart::draw`].
///
/// # Errors
/// As [`Chart::draw`].
pub fn draw_funnel<DB: DrawingBackend>(
    data: &ChartData,
    area: &DrawingArea<DB, Shift>,
) -> Result<(), PlotError> {
    Chart::Funnel.draw(data, area)
}

/// Draws the `speed_to_lead` chart into `area`. See [`Chart::draw`].
///
/// # Errors
/// As [`Chart::draw`].
pub fn draw_speed_to_lead<DB: DrawingBackend>(
    data: &ChartData,
    area: &DrawingArea<DB, Shift>,
) -> Result<(), PlotError> {
    Chart::SpeedToLead.draw(data, area)
}

/// Draws the `time_budget` chart into `area`. See [`Chart::draw`].
///
/// # Errors
/// As [`Chart::draw`].
pub fn draw_time_budget<DB: DrawingBackend>(
    data: &ChartData,
    area: &DrawingArea<DB, Shift>,
) -> Result<(), PlotError> {
    Chart::TimeBudget.draw(data, area)
}

/// Draws the `clarity` chart into `area` (a "no data" note when no scenario has clarity
/// data). See [`Chart::draw`].
///
/// # Errors
/// As [`Chart::draw`].
pub fn draw_clarity<DB: DrawingBackend>(
    data: &ChartData,
    area: &DrawingArea<DB, Shift>,
) -> Result<(), PlotError> {
    Chart::Clarity.draw(data, area)
}

/// Draws the `money` chart into `area` (a "no data" note when no scenario has money data).
/// See [`Chart::draw`].
///
/// # Errors
/// As [`Chart::draw`].
pub fn draw_money<DB: DrawingBackend>(
    data: &ChartData,
    area: &DrawingArea<DB, Shift>,
) -> Result<(), PlotError> {
    Chart::Money.draw(data, area)
}
