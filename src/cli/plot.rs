//! `salesim plot`: redraws the charts from a saved `summary.json`, and the chart step of every
//! command's `--out`.

use std::path::Path;

use crate::error::Error;
use crate::plot::data::ChartData;
use crate::report::RunSummary;

use super::PlotArgs;

pub(super) fn plot(args: &PlotArgs) -> Result<(), Error> {
    let text = std::fs::read_to_string(&args.file)
        .map_err(|e| Error::Usage(format!("cannot read {}: {e}", args.file.display())))?;
    let summaries = parse(&text).map_err(|e| {
        Error::Usage(format!(
            "{}: not a salesim summary.json ({e}); expected the file written by \
             `salesim run --out`, `compare --out` or `clarity --out`",
            args.file.display()
        ))
    })?;
    let dir = match &args.out {
        Some(d) => d.clone(),
        None => args
            .file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| Path::new(".").to_path_buf(), Path::to_path_buf),
    };
    let written = draw_summaries(&summaries, &dir)?;
    for path in written {
        println!("{}", path.display());
    }
    Ok(())
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
pub(super) fn draw_summaries(
    summaries: &[RunSummary],
    dir: &Path,
) -> Result<Vec<std::path::PathBuf>, Error> {
    let data = ChartData {
        scenarios: summaries.iter().filter_map(|s| s.charts.clone()).collect(),
    };
    Ok(crate::plot::render_all(&data, dir)?)
}
