//! What several subcommands share: loading scenarios, worker threads, the progress bar and
//! the default output format.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

use crate::error::Error;
use crate::model::Config;
use crate::scenario;

use super::{Format, warn_about};

/// Loads and validates scenario `path`, printing its warnings unless `quiet`.
pub(super) fn load(path: &std::path::Path, quiet: bool) -> Result<Config, Error> {
    let (_, config) = scenario::load_config(path)?;
    if !quiet {
        warn_about(&config);
    }
    Ok(config)
}

/// Checks a replication count against the limit.
pub(super) fn check_replications(replications: u32) -> Result<u32, Error> {
    let max = scenario::limits::MAX_REPLICATIONS;
    if replications == 0 || u64::from(replications) > max {
        return Err(Error::Usage(format!(
            "--replications must be from 1 to {max}, got {replications}"
        )));
    }
    Ok(replications)
}

/// A rayon pool of `threads` workers (default: all cores).
pub(super) fn thread_pool(threads: Option<usize>) -> Result<rayon::ThreadPool, Error> {
    let threads = match threads {
        Some(0) => return Err(Error::Usage("--threads must be at least 1, got 0".into())),
        Some(j) => j,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::Threads(e.to_string()))
}

/// A bar on stderr when it is a terminal and not `quiet`; hidden otherwise.
pub(super) fn progress_bar(quiet: bool, total: u64, what: &str) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total);
    let template = format!("{{bar:40}} {{pos}}/{{len}} {what}, {{eta}} left");
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    bar
}

/// The format asked for, or table on a terminal and JSON otherwise (SPEC §10).
pub(super) fn format_or_default(format: Option<Format>) -> Format {
    format.unwrap_or(if std::io::stdout().is_terminal() {
        Format::Table
    } else {
        Format::Json
    })
}

/// Writes `text` to stdout.
pub(super) fn print(text: &str) -> Result<(), Error> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}
