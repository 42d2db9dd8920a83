//! `salesim run`: replications of one scenario, KPI table with 95% CIs.

use crate::error::Error;
use crate::experiment::run_replications;
use crate::report::{self, RunSummary};

use super::common::{
    check_replications, format_or_default, load, print, progress_bar, thread_pool,
};
use super::{Format, RunArgs};

pub(super) fn run(args: &RunArgs) -> Result<(), Error> {
    let config = load(&args.scenario, args.run.quiet)?;
    let replications = check_replications(args.run.replications.unwrap_or(config.replications))?;
    let seed = args.run.seed.unwrap_or(config.seed);
    let pool = thread_pool(args.run.threads.map(usize::from))?;
    let bar = progress_bar(args.run.quiet, u64::from(replications), "replications");
    let results = pool.install(|| run_replications(&config, replications, seed, &|_| bar.inc(1)));
    bar.finish_and_clear();
    let summary = RunSummary::from_results(&config, seed, &results);
    if let Some(dir) = &args.run.out {
        report::write_outputs(dir, &summary, &results)?;
        super::plot::draw_summaries(std::slice::from_ref(&summary), dir)?;
    }
    let text = match format_or_default(args.run.format) {
        Format::Table => report::table::render(&summary),
        Format::Json => summary.to_json(),
        Format::Csv => report::csv::summary_csv(&summary),
    };
    print(&text)
}
