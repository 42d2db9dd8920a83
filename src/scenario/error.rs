//! Why a scenario file was refused.

use std::path::PathBuf;

/// One invalid value: where it is (a field path such as `team[2].count`) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Field path from the scenario's root, e.g. `inbound.work_hours.sd`.
    pub path: String,
    /// What is wrong and what is allowed, e.g. `must be at least 1, got 0`.
    pub message: String,
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.path, self.message)
    }
}

/// A scenario file that cannot be used. Every variant is final for that file: fix the file and
/// run again.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ScenarioError {
    /// The file could not be read (missing, unreadable, too large).
    #[error("{}: {message}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// The text is not a valid scenario: RON syntax, an unknown field or variant, a value of
    /// the wrong type. Carries the position and the offending line.
    #[error("{file}:{line}:{column}: {message}\n{snippet}{}", hint.as_ref().map(|h| format!("\n  = help: {h}")).unwrap_or_default())]
    Syntax {
        /// The file name as given.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
        /// A suggestion ("did you mean …?"), if one is close.
        hint: Option<String>,
        /// The offending line with a caret under the column.
        snippet: String,
    },
    /// The file parses but some values are out of range; lists every one.
    #[error("{}", errors.iter().map(|e| format!("{file}: {e}")).collect::<Vec<_>>().join("\n"))]
    Invalid {
        /// The file name as given.
        file: String,
        /// Every invalid value found.
        errors: Vec<FieldError>,
    },
}
