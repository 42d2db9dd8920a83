//! Reading a sweep's `points.csv` for one KPI.
//!
//! The layout is the sweep table's (`crate::sweep::table`): `point`, the axis columns, then
//! `<kpi>_mean,<kpi>_lo,<kpi>_hi` for every KPI. The axis columns are those between `point`
//! and the first KPI column, so a file written by an older or newer salesim with other KPIs
//! still reads.

use super::{SweepData, SweepPoint};
use crate::model::Kpi;
use crate::plot::data::Band;

/// Why a file is not a sweep's `points.csv`, or lacks the KPI asked for.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PointsError {
    /// The header does not start with `point`.
    #[error("the header does not start with `point`; expected the points.csv of `salesim sweep`")]
    NotPoints,
    /// The file has no `<kpi>_mean` column.
    #[error("no column `{0}_mean`; this points.csv was written without that KPI")]
    MissingKpi(&'static str),
    /// The CSV itself is malformed (e.g. not UTF-8, or an unterminated quote).
    #[error("line {line}: {message}")]
    Csv {
        /// The line of the error (1 is the header).
        line: u64,
        /// The CSV reader's description.
        message: String,
    },
}

impl SweepData {
    /// Reads `points.csv` text for `kpi`. Empty or unparsable value cells become undefined
    /// values, short rows are padded with empty cells, and the `point` column is ignored.
    ///
    /// # Errors
    /// [`PointsError`] when the header is not a sweep's, the KPI's mean column is missing, or
    /// the CSV is malformed.
    pub fn from_csv(text: &str, kpi: Kpi) -> Result<SweepData, PointsError> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let header = reader.headers().map_err(csv_error)?.clone();
        if header.get(0).map(str::trim) != Some("point") {
            return Err(PointsError::NotPoints);
        }
        let names: Vec<&str> = header.iter().map(str::trim).collect();
        let is_kpi = |n: &str| {
            ["_mean", "_lo", "_hi"].iter().any(|s| {
                n.strip_suffix(s)
                    .is_some_and(|k| Kpi::from_name(k).is_some())
            })
        };
        let first_kpi = (1..names.len())
            .find(|&i| is_kpi(names[i]))
            .unwrap_or(names.len());
        let column = |part: &str| {
            let want = format!("{}_{part}", kpi.name());
            names.iter().position(|n| *n == want)
        };
        let mean = column("mean").ok_or(PointsError::MissingKpi(kpi.name()))?;
        let (lo, hi) = (column("lo"), column("hi"));
        let mut axes: Vec<String> = names[1..first_kpi].iter().map(|s| s.to_string()).collect();
        let synthetic = axes.is_empty();
        if synthetic {
            axes.push("point".into());
        }
        let mut points = Vec::new();
        for record in reader.records() {
            let record = record.map_err(csv_error)?;
            let cell = |i: usize| record.get(i).unwrap_or("").trim();
            let number = |i: Option<usize>| {
                i.and_then(|i| cell(i).parse::<f64>().ok())
                    .unwrap_or(f64::NAN)
            };
            let coords = if synthetic {
                vec![cell(0).to_string()]
            } else {
                (1..first_kpi).map(|i| cell(i).to_string()).collect()
            };
            let m = number(Some(mean));
            let value = m.is_finite().then(|| Band::new(m, number(lo), number(hi)));
            points.push(SweepPoint { coords, value });
        }
        Ok(SweepData { kpi, axes, points })
    }
}

fn csv_error(e: csv::Error) -> PointsError {
    PointsError::Csv {
        line: e.position().map_or(0, |p| p.line()),
        message: e.to_string(),
    }
}
