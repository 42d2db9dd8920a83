//! What salesim reports, and the writers for each format: the table people read, the JSON and
//! CSV that scripts read. The serialised [`RunSummary`] is the JSON schema of SPEC §10.
//!
//! Report code never runs the simulation: it turns results into text, so `salesim plot` can
//! later redraw from a saved `summary.json`.

pub mod advice;
pub mod atomic;
pub mod charts;
pub mod clarity;
pub mod compare;
pub mod csv;
pub mod ordered;
pub mod summary;
pub mod table;

pub use compare::CompareSummary;
pub use summary::{RunSummary, SummaryBuilder};

use std::path::Path;

/// Creates `dir` and its parents, naming `dir` in the error (an unwritable `--out` must say
/// which path it could not create).
///
/// # Errors
/// The I/O error, with `dir` in its message.
pub fn create_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
        .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", dir.display())))
}

/// Starts `replications.csv` in `dir` (created if needed), to be written row by row as the
/// replications finish and put in place by [`write_outputs`]: memory does not grow with the
/// replications (issue 6). Dropped unfinished (after an error), it leaves nothing behind.
///
/// # Errors
/// Any I/O error, with the path it concerns.
pub fn replications_file(dir: &Path) -> std::io::Result<csv::ReplicationsCsv<atomic::AtomicFile>> {
    create_dir(dir)?;
    csv::ReplicationsCsv::new(atomic::AtomicFile::create(&dir.join("replications.csv"))?)
}

/// Writes `summary.json` and `summary.csv` into `dir`, then finishes `replications` (from
/// [`replications_file`]), each atomically.
///
/// # Errors
/// Any I/O error, with the path it concerns.
pub fn write_outputs(
    dir: &Path,
    summary: &RunSummary,
    replications: csv::ReplicationsCsv<atomic::AtomicFile>,
) -> std::io::Result<()> {
    create_dir(dir)?;
    atomic::write(&dir.join("summary.json"), summary.to_json().as_bytes())?;
    atomic::write(
        &dir.join("summary.csv"),
        csv::summary_csv(summary).as_bytes(),
    )?;
    replications.finish()?.commit()
}
