//! CSV exports: one row per KPI (`summary.csv`) and one row per replication
//! (`replications.csv`).

use std::io::Write;

use crate::model::{Kpi, ReplicationResult};

use super::summary::RunSummary;

fn cell(v: Option<f64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn to_string(w: csv::Writer<Vec<u8>>) -> String {
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// `kpi,group,unit,mean,sd,ci_lo,ci_hi,n`, one row per KPI; empty cells where undefined.
pub fn summary_csv(summary: &RunSummary) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["kpi", "group", "unit", "mean", "sd", "ci_lo", "ci_hi", "n"]);
    for &k in Kpi::ALL {
        let s = summary.kpi(k);
        let ci = s.and_then(|s| s.ci95);
        let _ = w.write_record([
            k.name().to_string(),
            k.group().title().to_string(),
            k.unit().to_string(),
            cell(s.and_then(|s| s.mean)),
            cell(s.and_then(|s| s.sd)),
            cell(ci.map(|c| c[0])),
            cell(ci.map(|c| c[1])),
            s.map_or(0, |s| s.n).to_string(),
        ]);
    }
    to_string(w)
}

/// `replication,events,<every KPI>`, one row per replication; empty cells where undefined.
pub fn replications_csv(results: &[ReplicationResult]) -> String {
    let bytes = (|| {
        let mut w = ReplicationsCsv::new(Vec::new())?;
        for r in results {
            w.write(r)?;
        }
        w.finish()
    })();
    String::from_utf8(bytes.unwrap_or_default()).unwrap_or_default()
}

/// `replications.csv` ([`replications_csv`]) written row by row as results arrive, into any
/// writer (an [`super::atomic::AtomicFile`] for `salesim run`), so that its size in memory
/// does not grow with the replications. Rows are buffered; [`ReplicationsCsv::finish`]
/// flushes them.
#[derive(Debug)]
pub struct ReplicationsCsv<W: Write> {
    w: csv::Writer<W>,
}

impl<W: Write> ReplicationsCsv<W> {
    /// Starts the file with its header.
    ///
    /// # Errors
    /// The writer's I/O error.
    pub fn new(inner: W) -> std::io::Result<Self> {
        let mut w = csv::Writer::from_writer(inner);
        let header = ["replication", "events"]
            .into_iter()
            .map(String::from)
            .chain(Kpi::ALL.iter().map(|k| k.name().to_string()));
        w.write_record(header).map_err(io_error)?;
        Ok(ReplicationsCsv { w })
    }

    /// Writes the row of `r`.
    ///
    /// # Errors
    /// The writer's I/O error.
    pub fn write(&mut self, r: &ReplicationResult) -> std::io::Result<()> {
        let row = [r.replication.to_string(), r.events.to_string()]
            .into_iter()
            .chain(Kpi::ALL.iter().map(|&k| cell(r.kpi(k))));
        self.w.write_record(row).map_err(io_error)
    }

    /// Flushes the rows and returns the writer.
    ///
    /// # Errors
    /// The writer's I/O error.
    pub fn finish(self) -> std::io::Result<W> {
        self.w.into_inner().map_err(|e| e.into_error())
    }
}

/// The I/O error inside `e` as it was (kind and message); other CSV errors, which rows of
/// strings of one length cannot raise, as `Other`.
fn io_error(e: csv::Error) -> std::io::Error {
    let message = e.to_string();
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        _ => std::io::Error::other(message),
    }
}
