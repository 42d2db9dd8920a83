//! `salesim run`: replications of one scenario, KPI table with 95% CIs.

use crate::error::Error;
use crate::experiment::run_replications_folded_with;
use crate::model::RunOptions;
use crate::report::{self, summary::SummaryBuilder};

use super::common::{
    check_replications, format_or_default, load, print, progress_bar, thread_pool,
};
use super::{Format, RunArgs};

pub(super) fn run(args: &RunArgs) -> Result<(), Error> {
    let config = load(&args.scenario, args.run.quiet)?;
    let replications = check_replications(args.run.replications.unwrap_or(config.replications))?;
    let seed = args.run.seed.unwrap_or(config.seed);
    let pool = thread_pool(args.run.threads.map(usize::from))?;
    // Results are folded as they arrive, never all kept (issue 6): memory grows with the
    // team and its open work, not with the replications.
    let mut rows = args
        .run
        .out
        .as_deref()
        .map(report::replications_file)
        .transpose()?;
    let mut builder = SummaryBuilder::new(&config, seed);
    let bar = progress_bar(args.run.quiet, u64::from(replications), "replications");
    let options = RunOptions::default().with_touches(args.touches.into());
    let folded = pool.install(|| {
        let progress = |_| bar.inc(1);
        run_replications_folded_with(&config, replications, seed, &options, &progress, |r| {
            builder.add(&r);
            rows.as_mut().map_or(Ok(()), |rows| rows.write(&r))
        })
    });
    bar.finish_and_clear();
    folded?;
    let summary = builder.finish();
    if let (Some(dir), Some(rows)) = (&args.run.out, rows) {
        report::write_outputs(dir, &summary, rows)?;
        super::plot::draw_summaries(std::slice::from_ref(&summary), dir)?;
    }
    let text = match format_or_default(args.run.format) {
        Format::Table => report::table::render(&summary),
        Format::Json => summary.to_json(),
        Format::Csv => report::csv::summary_csv(&summary),
    };
    print(&text)
}
