//! `salesim plot`: redraws the charts from a saved `summary.json`, draws the sweep charts of a
//! sweep's `points.csv`, and is the chart step of every command's `--out`.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::model::Kpi;
use crate::plot::SweepData;
use crate::plot::data::ChartData;
use crate::report::RunSummary;

use super::PlotArgs;

/// The KPI a sweep chart shows unless `--kpi` says otherwise.
const DEFAULT_KPI: Kpi = Kpi::ProfitPerWeek;

pub(super) fn plot(args: &PlotArgs) -> Result<(), Error> {
    let kpi = args.kpi.as_deref().map(kpi_named).transpose()?;
    let bytes = std::fs::read(&args.file)
        .map_err(|e| Error::Usage(format!("cannot read {}: {e}", args.file.display())))?;
    let dir = match &args.out {
        Some(d) => d.clone(),
        None => args
            .file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| Path::new(".").to_path_buf(), Path::to_path_buf),
    };
    let written = if is_csv(&args.file, &bytes) {
        draw_sweep(args, &bytes, kpi.unwrap_or(DEFAULT_KPI), &dir)?
    } else {
        if args.kpi.is_some() {
            return Err(Error::Usage(format!(
                "--kpi applies to a sweep's points.csv only, and {} is not one",
                args.file.display()
            )));
        }
        draw_summary_file(args, &bytes, &dir)?
    };
    for path in written {
        println!("{}", path.display());
    }
    Ok(())
}

/// The KPI called `name`, or a usage error listing every allowed name.
fn kpi_named(name: &str) -> Result<Kpi, Error> {
    Kpi::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Kpi::ALL.iter().map(|k| k.name()).collect();
        Error::Usage(format!(
            "--kpi: unknown KPI `{name}`; expected one of: {}",
            names.join(", ")
        ))
    })
}

/// Whether the file is a CSV: a `.csv` name, or text that starts with the `point` header.
fn is_csv(path: &Path, bytes: &[u8]) -> bool {
    let ext = path.extension().and_then(|e| e.to_str());
    if ext.is_some_and(|e| e.eq_ignore_ascii_case("csv")) {
        return true;
    }
    let start = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    start.starts_with(b"point,") || start.starts_with(b"\"point\",")
}

/// The sweep charts of a `points.csv` for `kpi`.
fn draw_sweep(args: &PlotArgs, bytes: &[u8], kpi: Kpi, dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let not_points = |e: String| {
        Error::Usage(format!(
            "{}: not a sweep points.csv ({e}); expected the file written by `salesim sweep`",
            args.file.display()
        ))
    };
    let text = std::str::from_utf8(bytes).map_err(|e| not_points(e.to_string()))?;
    let data = SweepData::from_csv(text, kpi).map_err(|e| not_points(e.to_string()))?;
    Ok(crate::plot::render_sweep(&data, dir)?)
}

/// The charts of a saved `summary.json`.
fn draw_summary_file(args: &PlotArgs, bytes: &[u8], dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let summaries = std::str::from_utf8(bytes)
        .map_err(|e| e.to_string())
        .and_then(|t| parse(t).map_err(|e| e.to_string()))
        .map_err(|e| {
            Error::Usage(format!(
                "{}: not a salesim summary.json ({e}); expected the file written by \
                 `salesim run --out`, `compare --out` or `clarity --out`, or a sweep's points.csv",
                args.file.display()
            ))
        })?;
    draw_summaries(&summaries, dir)
}

/// The scenario summaries in a saved file: one run summary, or a comparison's `scenarios`.
fn parse(text: &str) -> Result<Vec<RunSummary>, serde_json::Error> {
    #[derive(serde::Deserialize)]
    struct Many {
        scenarios: Vec<RunSummary>,
    }
    let value: serde_json::Value = serde_json::from_str(text)?;
    if value.get("scenarios").is_some() {
        Ok(serde_json::from_value::<Many>(value)?.scenarios)
    } else {
        Ok(vec![serde_json::from_value(value)?])
    }
}

/// Draws the charts of `summaries` into `dir`; returns the files written.
pub(super) fn draw_summaries(summaries: &[RunSummary], dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let data = ChartData {
        scenarios: summaries.iter().filter_map(|s| s.charts.clone()).collect(),
    };
    Ok(crate::plot::render_all(&data, dir)?)
}
