//! Why a sweep or a merge was refused or stopped.

use std::path::PathBuf;

use crate::scenario::ScenarioError;

/// Anything that stops `salesim sweep` or `salesim merge`. [`SweepError::is_bad_input`] tells
/// bad input (fix the files or flags and run again: exit status 2) from failures while running
/// (exit status 1).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SweepError {
    /// The sweep file is unreadable or not valid RON of the sweep's shape, or its base scenario
    /// is unreadable or invalid.
    #[error(transparent)]
    Scenario(Box<ScenarioError>),
    /// A sweep-level field is wrong: `replications`, `axes`, the grid size.
    #[error("{file}: {message}")]
    Invalid {
        /// The sweep file.
        file: String,
        /// What is wrong and what is allowed.
        message: String,
    },
    /// One axis is wrong: unknown or non-numeric path, no values, a value of the wrong type.
    #[error("{file}: axis `{axis}`: {message}")]
    Axis {
        /// The sweep file.
        file: String,
        /// The axis path as written.
        axis: String,
        /// What is wrong and what is allowed.
        message: String,
    },
    /// A grid point's scenario does not validate (e.g. a combination of values out of range).
    #[error("{file}: point {index} ({coordinates}) is not a valid scenario:\n{source}")]
    Point {
        /// The sweep file.
        file: String,
        /// The point's index.
        index: u64,
        /// `path = value` for every axis.
        coordinates: String,
        /// The validation errors, with field paths.
        source: Box<ScenarioError>,
    },
    /// A shard given by flag or environment is malformed or out of range.
    #[error("{0}")]
    Shard(String),
    /// An output directory holds another sweep, another shard, or results written by another
    /// salesim version; or merge inputs do not belong together.
    #[error("{}: {message}", dir.display())]
    Mismatch {
        /// The directory concerned.
        dir: PathBuf,
        /// What differs, and what to do.
        message: String,
    },
    /// `merge` was given shards that do not cover every point.
    #[error("{message}")]
    Missing {
        /// Which points are missing, and the likely reason.
        message: String,
    },
    /// A journal or manifest is damaged beyond the torn last line a kill can leave.
    #[error("{}: {message}", path.display())]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// Reading or writing results failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

impl From<ScenarioError> for SweepError {
    fn from(e: ScenarioError) -> Self {
        SweepError::Scenario(Box::new(e))
    }
}

impl SweepError {
    /// `true` for bad input (exit status 2), `false` for a failure while running (1).
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, SweepError::Io { .. } | SweepError::Corrupt { .. })
    }

    /// An I/O error about `path`.
    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> SweepError {
        let path = path.into();
        move |source| SweepError::Io { path, source }
    }
}
