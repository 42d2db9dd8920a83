//! `salesim run`: replications of one scenario, KPI table with 95% CIs.

use std::io::{IsTerminal, Write};

use indicatif::{ProgressBar, ProgressStyle};

use crate::error::Error;
use crate::experiment::run_replications;
use crate::report::{self, RunSummary};
use crate::scenario;

use super::{Format, RunArgs, warn_about};

pub(super) fn run(args: &RunArgs) -> Result<(), Error> {
    let (s, config) = scenario::load_config(&args.scenario)?;
    if !args.quiet {
        warn_about(&s, &config);
    }
    let replications = args.replications.unwrap_or(config.replications);
    if replications == 0 || u64::from(replications) > scenario::limits::MAX_REPLICATIONS {
        let max = scenario::limits::MAX_REPLICATIONS;
        return Err(Error::Usage(format!(
            "--replications must be from 1 to {max}, got {replications}"
        )));
    }
    let seed = args.seed.unwrap_or(config.seed);
    let threads = match args.threads {
        Some(0) => return Err(Error::Usage("--threads must be at least 1, got 0".into())),
        Some(j) => j,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::Threads(e.to_string()))?;
    let bar = progress_bar(args.quiet, replications);
    let results = pool.install(|| run_replications(&config, replications, seed, &|_| bar.inc(1)));
    bar.finish_and_clear();
    let summary = RunSummary::from_results(&config, seed, &results);
    if let Some(dir) = &args.out {
        report::write_outputs(dir, &summary, &results)?;
        super::plot::draw_summaries(std::slice::from_ref(&summary), dir)?;
    }
    let stdout = std::io::stdout();
    let format = args.format.unwrap_or(if stdout.is_terminal() {
        Format::Table
    } else {
        Format::Json
    });
    let text = match format {
        Format::Table => report::table::render(&summary),
        Format::Json => summary.to_json(),
        Format::Csv => report::csv::summary_csv(&summary),
    };
    let mut out = stdout.lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// A bar on stderr when it is a terminal and not `--quiet`; hidden otherwise.
fn progress_bar(quiet: bool, replications: u32) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(u64::from(replications));
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} replications, {eta} left")
    {
        bar.set_style(style);
    }
    bar
}
