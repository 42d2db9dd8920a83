//! The library's umbrella error and the exit status each kind of error gets.

use crate::scenario::ScenarioError;

/// Anything that can stop a salesim command.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A scenario file is unreadable or invalid: bad input, exit status 2.
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    /// A command-line value is out of range: bad input, exit status 2.
    #[error("{0}")]
    Usage(String),
    /// Writing results failed (e.g. an unwritable `--out`): exit status 1.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The thread pool could not be built: exit status 1.
    #[error("cannot start worker threads: {0}")]
    Threads(String),
    /// Drawing or writing a chart failed: exit status 1.
    #[error(transparent)]
    Plot(#[from] crate::plot::PlotError),
}

impl Error {
    /// The process exit status: 2 for bad input, 1 for failures while running.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Scenario(_) | Error::Usage(_) => 2,
            Error::Io(_) | Error::Threads(_) | Error::Plot(_) => 1,
        }
    }
}
