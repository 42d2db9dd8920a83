//! Running one shard of a sweep into an output directory, resumably.
//!
//! ```text
//!  SweepRun::open ── sweep.json: write, or (--resume) check it is this sweep and shard
//!        │           journal.csv: create, or read and cut a torn last line
//!        ▼
//!  SweepRun::run ─── the missing points in parallel (rayon, over points and replications);
//!        │           each finished point → one fsynced journal line
//!        ▼
//!  SweepRun::finish  points.csv: every finished point of the shard, sorted, written atomically
//! ```
//!
//! A point's row depends only on the sweep and the point (its seed comes from its values), so
//! a point computed in any run, on any thread or shard, gives the same bytes, and the sorted
//! `points.csv` is byte-identical however the work was split or interrupted.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::error::SweepError;
use super::journal::Journal;
use super::manifest::{MANIFEST, Manifest};
use super::plan::Sweep;
use super::shard::Shard;
use super::table::{self, Rows};
use crate::experiment::run_replications;

/// The journal's file name in an output directory.
pub const JOURNAL: &str = "journal.csv";
/// The sorted results' file name in an output directory.
pub const POINTS: &str = "points.csv";

/// One shard of a sweep, its output directory open, ready to compute what is missing.
#[derive(Debug)]
pub struct SweepRun<'a> {
    sweep: &'a Sweep,
    dir: PathBuf,
    shard: Shard,
    journal: Journal,
    todo: Vec<u64>,
    done_before: u64,
    lines_before: usize,
}

/// What a finished run did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunReport {
    /// Points in this shard.
    pub shard_points: u64,
    /// Points found finished in the journal at the start.
    pub already_done: u64,
    /// Points computed by this run.
    pub computed: u64,
    /// The `points.csv` written.
    pub points_csv: PathBuf,
}

impl<'a> SweepRun<'a> {
    /// Opens `dir` for `shard` of `sweep`. Without `resume`, `dir` must not hold a sweep yet;
    /// with it, a sweep there must be this one and this shard (a missing or empty `dir` starts
    /// afresh either way).
    ///
    /// # Errors
    /// [`SweepError::Mismatch`] if `dir` holds another sweep or shard, or any sweep without
    /// `resume`; journal errors as [`Journal::open`]; [`SweepError::Io`].
    pub fn open(
        sweep: &'a Sweep,
        dir: &Path,
        shard: Shard,
        resume: bool,
    ) -> Result<Self, SweepError> {
        std::fs::create_dir_all(dir).map_err(SweepError::io(dir))?;
        let mine = Manifest::of(sweep, shard);
        let mismatch = |message: String| SweepError::Mismatch {
            dir: dir.to_path_buf(),
            message,
        };
        match Manifest::read(dir)? {
            Some(found) if !resume => {
                return Err(mismatch(format!(
                    "already holds sweep \"{}\" (shard {}); pass --resume to continue it, \
                     or choose another --out",
                    found.sweep, found.shard
                )));
            }
            Some(found) => {
                mine.check_same_sweep(&found, dir)?;
                if found.shard != shard {
                    return Err(mismatch(format!(
                        "holds shard {} of this sweep, not shard {shard}; \
                         give each shard its own --out",
                        found.shard
                    )));
                }
            }
            None if dir.join(JOURNAL).exists() => {
                return Err(mismatch(format!(
                    "has a {JOURNAL} but no {MANIFEST}; use another --out"
                )));
            }
            None => mine.write(dir)?,
        }
        let points = sweep.points();
        let valid = |i: u64| i < points && shard.contains(i);
        let journal = Journal::open(&dir.join(JOURNAL), &table::header(sweep), &valid)?;
        let entries = journal.entries();
        let mut done: Vec<u64> = entries.iter().map(|e| e.index).collect();
        done.sort_unstable();
        done.dedup();
        let todo = shard
            .indices(points)
            .filter(|i| done.binary_search(i).is_err())
            .collect();
        Ok(SweepRun {
            sweep,
            dir: dir.to_path_buf(),
            shard,
            journal,
            todo,
            done_before: done.len() as u64,
            lines_before: entries.len(),
        })
    }

    /// The points still to compute, ascending.
    pub fn todo(&self) -> &[u64] {
        &self.todo
    }

    /// Points found finished when the directory was opened.
    pub fn already_done(&self) -> u64 {
        self.done_before
    }

    /// Computes every missing point on the current rayon pool, journaling each as it
    /// finishes; `progress` is called after each (from worker threads). Stops at the first
    /// error; points finished by then stay in the journal.
    ///
    /// # Errors
    /// [`SweepError::Point`] for a point that does not validate (see
    /// [`Sweep::check_points`] to find those first), [`SweepError::Io`] from the journal.
    pub fn run(&self, progress: &(dyn Fn() + Sync)) -> Result<(), SweepError> {
        let sweep = self.sweep;
        self.todo.par_iter().with_max_len(1).try_for_each(|&i| {
            let config = sweep.config_at(i)?;
            let results =
                run_replications(&config, sweep.replications, sweep.point_seed(i), &|_| {});
            self.journal.append(i, &table::row(sweep, i, &results))?;
            progress();
            Ok(())
        })
    }

    /// Writes `points.csv` with every finished point of the shard, sorted by index.
    ///
    /// # Errors
    /// [`SweepError::Io`].
    pub fn finish(self) -> Result<RunReport, SweepError> {
        let path = self.dir.join(POINTS);
        let entries = self.journal.entries();
        let computed = (entries.len() - self.lines_before) as u64;
        let mut seen = std::collections::HashSet::new();
        let rows = Rows {
            sources: vec![self.dir.join(JOURNAL)],
            entries: entries
                .into_iter()
                .filter(|e| seen.insert(e.index))
                .map(|e| (0, e))
                .collect(),
        };
        rows.write(&table::header(self.sweep), &path, None)?;
        Ok(RunReport {
            shard_points: self.shard.indices(self.sweep.points()).count() as u64,
            already_done: self.done_before,
            computed,
            points_csv: path,
        })
    }
}
