//! `salesim clarity`: the KPI-clarity experiment of SPEC §7 for one or more scenarios, on the
//! same seeds.

use crate::clarity;
use crate::error::Error;
use crate::model::config::FaultScope;
use crate::report::clarity::{ClarityReport, paired_diff, scenario_summary};
use crate::report::ordered::OrderedMap;

use super::common::{
    check_replications, format_or_default, load, print, progress_bar, thread_pool,
};
use super::{ClarityArgs, Format, Scope};

pub(super) fn clarity(args: &ClarityArgs) -> Result<(), Error> {
    let configs = args
        .scenarios
        .iter()
        .map(|p| load(p, args.run.quiet))
        .collect::<Result<Vec<_>, _>>()?;
    let first = &configs[0];
    let seed = args.run.seed.unwrap_or(first.seed);
    let replications = check_replications(
        args.run
            .replications
            .unwrap_or(first.clarity.replications.unwrap_or(first.replications)),
    )?;
    let scope = match args.scope {
        Some(Scope::Person) => FaultScope::Person,
        Some(Scope::Stage) => FaultScope::Stage,
        None => first.clarity.fault_scope,
    };
    let pool = thread_pool(args.run.threads.map(usize::from))?;
    let bar = progress_bar(
        args.run.quiet,
        u64::from(replications) * configs.len() as u64,
        "replications",
    );
    let runs: Vec<_> = configs
        .iter()
        .map(|c| pool.install(|| clarity::run(c, replications, seed, scope, &|_| bar.inc(1))))
        .collect();
    bar.finish_and_clear();
    let outcomes: Vec<Vec<clarity::Outcome>> = runs
        .iter()
        .map(|r| r.iter().map(|(_, o)| *o).collect())
        .collect();
    let scenarios: Vec<_> = configs
        .iter()
        .zip(&runs)
        .map(|(c, r)| scenario_summary(c, seed, r))
        .collect();
    let diff = OrderedMap(
        scenarios
            .iter()
            .zip(&outcomes)
            .skip(1)
            .map(|(s, o)| (s.scenario.clone(), paired_diff(&outcomes[0], o)))
            .collect(),
    );
    let report = ClarityReport {
        seed,
        replications,
        fault_scope: format!("{scope:?}"),
        scenarios,
        diff,
    };
    if let Some(dir) = &args.run.out {
        crate::report::create_dir(dir)?;
        crate::report::atomic::write(&dir.join("summary.json"), report.to_json().as_bytes())?;
        super::plot::draw_summaries(&report.scenarios, dir)?;
    }
    let text = match format_or_default(args.run.format) {
        Format::Table => report.table(),
        Format::Json | Format::Csv => report.to_json(),
    };
    print(&text)
}
