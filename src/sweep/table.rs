//! `points.csv`: one row per grid point, sorted by point index.
//!
//! Columns: `point`, one per axis (named by its path as written), then for every KPI of
//! [`Kpi::ALL`] its mean and the bounds of its 95% confidence interval:
//! `<kpi>_mean,<kpi>_lo,<kpi>_hi`. A cell is empty where the KPI is undefined (no replication
//! measured it; the bounds also need two replications that did). Numbers are written in the
//! shortest form that reads back exactly, so a row is a pure function of the point's results
//! and the file is byte-identical however the sweep was run.

use std::fs::File;
use std::path::{Path, PathBuf};

use super::atomic::AtomicFile;
use super::error::SweepError;
use super::hash::hex_of;
use super::journal::{Entry, read_row};
use super::plan::Sweep;
use crate::model::{Kpi, ReplicationResult};
use crate::stats::estimate;

/// The header of `points.csv` (without a newline).
pub fn header(sweep: &Sweep) -> String {
    let mut cells = vec!["point".to_string()];
    cells.extend(sweep.grid().axes().iter().map(|a| a.path.clone()));
    for k in Kpi::ALL {
        for part in ["mean", "lo", "hi"] {
            cells.push(format!("{}_{part}", k.name()));
        }
    }
    cells.join(",")
}

/// The row of point `index` from its replications, in replication order (without a newline).
pub fn row(sweep: &Sweep, index: u64, results: &[ReplicationResult]) -> String {
    let mut cells = vec![index.to_string()];
    cells.extend(
        sweep
            .grid()
            .coordinates(index)
            .iter()
            .map(|v| v.to_string()),
    );
    let cell = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    for &k in Kpi::ALL {
        let e = estimate(results.iter().map(|r| r.kpi(k)));
        let ci = e.as_ref().and_then(|e| e.ci95);
        cells.push(cell(e.as_ref().map(|e| e.mean)));
        cells.push(cell(ci.map(|c| c[0])));
        cells.push(cell(ci.map(|c| c[1])));
    }
    cells.join(",")
}

/// Rows kept in journals: the journals' paths and the entries to write, each with the number
/// of its journal.
#[derive(Debug, Default)]
pub struct Rows {
    /// The journal files.
    pub sources: Vec<PathBuf>,
    /// `(journal number, entry)`, in any order.
    pub entries: Vec<(usize, Entry)>,
}

impl Rows {
    /// Writes `points.csv` (`header`, then the rows sorted by point index) to `points` and,
    /// if given, a journal of the same rows to `journal`; each file atomically (see
    /// `super::atomic`). The entries must not repeat a point.
    ///
    /// # Errors
    /// [`SweepError::Io`] naming the file.
    pub fn write(
        mut self,
        header: &str,
        points: &Path,
        journal: Option<&Path>,
    ) -> Result<(), SweepError> {
        self.entries.sort_by_key(|(_, e)| e.index);
        let mut files = Vec::with_capacity(self.sources.len());
        for p in &self.sources {
            files.push(File::open(p).map_err(SweepError::io(p))?);
        }
        let mut out = AtomicFile::new(points)?;
        let mut jout = journal.map(AtomicFile::new).transpose()?;
        out.line(header)?;
        if let Some(j) = &mut jout {
            j.line(&format!("{header},check"))?;
        }
        for &(src, entry) in &self.entries {
            let row = read_row(&mut files[src], &self.sources[src], entry)?;
            out.line(&row)?;
            if let Some(j) = &mut jout {
                j.line(&format!("{row},{}", hex_of(&row)))?;
            }
        }
        if let Some(j) = jout {
            j.commit()?;
        }
        out.commit()
    }
}
