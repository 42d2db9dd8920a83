//! `salesim compare A.ron B.ron …`: the same seed and replications for every scenario (common
//! random numbers), each scenario's KPIs and the paired differences against the first.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::experiment::run_paired_replications;
use crate::model::Config;
use crate::model::config::FaultScope;
use crate::report::compare::{self, CompareSummary, Measure};
use crate::scenario;

use super::Format;
use super::common::{check_replications, format_or_default, print, progress_bar, thread_pool};

/// Flags of `salesim compare`.
#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// Scenario files (RON), at least two; the first is the baseline of the differences.
    ///
    /// Every scenario runs the same replications with the same seed, so they face the same
    /// market and each difference is paired per replication. Scenario names must be unique:
    /// a name used twice gets its file stem, as in `Team (a)`.
    #[arg(value_name = "SCENARIO", required = true, num_args = 2..)]
    pub scenarios: Vec<PathBuf>,
    /// Replications, seed, threads, format, output directory, quiet.
    #[command(flatten)]
    pub run: super::RunFlags,
    /// Also run the KPI-clarity experiment (SPEC §7) and compare its measures.
    #[arg(long)]
    pub clarity: bool,
    /// With --clarity: the fault scope (default: the first scenario's clarity.fault_scope).
    #[arg(long, value_enum, value_name = "SCOPE", requires = "clarity")]
    pub scope: Option<super::Scope>,
}

/// One loaded scenario file.
struct Loaded {
    path: PathBuf,
    config: Config,
}

/// Runs `salesim compare`: load every file, run all scenarios on one seed, report.
pub(super) fn compare(args: &CompareArgs) -> Result<(), Error> {
    let loaded = load_all(&args.scenarios)?;
    let (replications, seed) = common_settings(args, &loaded)?;
    let pool = thread_pool(args.run.threads.map(usize::from))?;
    if let Some(dir) = args.run.out.as_deref() {
        check_out_dir(dir)?;
    }
    let names = names(&loaded);
    if !args.run.quiet {
        warn_about(args, &loaded, &names);
    }
    let configs: Vec<Config> = loaded.into_iter().map(|l| l.config).collect();
    let runs = u64::from(replications) * configs.len() as u64;
    let bar = progress_bar(args.run.quiet, runs, "runs");
    let (summary, measures) = if args.clarity {
        let scope = match args.scope {
            Some(super::Scope::Person) => FaultScope::Person,
            Some(super::Scope::Stage) => FaultScope::Stage,
            None => configs[0].clarity.fault_scope,
        };
        let runs: Vec<_> = configs
            .iter()
            .map(|c| {
                pool.install(|| crate::clarity::run(c, replications, seed, scope, &|_| bar.inc(1)))
            })
            .collect();
        bar.finish_and_clear();
        with_clarity(seed, replications, &names, &configs, &runs)
    } else {
        let results =
            pool.install(|| run_paired_replications(&configs, replications, seed, &|_| bar.inc(1)));
        bar.finish_and_clear();
        let measures: Vec<Vec<Measure>> =
            results.iter().map(|r| compare::kpi_measures(r)).collect();
        let summary = CompareSummary::from_results(seed, &names, &configs, &results);
        (summary, measures)
    };
    if let Some(dir) = &args.run.out {
        compare::write_outputs(dir, &summary, &measures)?;
        super::plot::draw_summaries(&summary.scenarios, dir)?;
    }
    let text = match format_or_default(args.run.format) {
        Format::Table if args.clarity => format!(
            "{}\n{}",
            compare::table::render(&summary),
            crate::report::clarity::ClarityReport::from_compare(
                &summary,
                scope_name(args, &configs)
            )
            .table()
        ),
        Format::Table => compare::table::render(&summary),
        Format::Json => summary.to_json(),
        Format::Csv => compare::csv::summary_csv(&summary),
    };
    print(&text)
}

/// The comparison with the clarity measures: KPIs of the no-fault runs, each scenario's
/// `clarity` object and chart, and paired differences of the KPIs and the clarity measures.
fn with_clarity(
    seed: u64,
    replications: u32,
    names: &[String],
    configs: &[Config],
    runs: &[Vec<(crate::model::ReplicationResult, crate::clarity::Outcome)>],
) -> (CompareSummary, Vec<Vec<Measure>>) {
    let mut scenarios = Vec::new();
    let mut measures = Vec::new();
    for ((name, config), run) in names.iter().zip(configs).zip(runs) {
        let results: Vec<_> = run.iter().map(|(r, _)| r.clone()).collect();
        let outcomes: Vec<_> = run.iter().map(|(_, o)| *o).collect();
        let mut summary = crate::report::clarity::scenario_summary(config, seed, run);
        summary.scenario.clone_from(name);
        if let Some(charts) = summary.charts.as_mut() {
            charts.name.clone_from(name);
        }
        scenarios.push(summary);
        let mut m = compare::kpi_measures(&results);
        m.extend(compare::measures_from_rows(
            &crate::clarity::MEASURES,
            outcomes.iter().map(|o| o.measures()),
        ));
        measures.push(m);
    }
    let summary = CompareSummary::from_measures(seed, replications, scenarios, &measures);
    (summary, measures)
}

/// The fault scope's name as the reports print it.
fn scope_name(args: &CompareArgs, configs: &[Config]) -> String {
    match args.scope {
        Some(super::Scope::Person) => "Person".into(),
        Some(super::Scope::Stage) => "Stage".into(),
        None => format!("{:?}", configs[0].clarity.fault_scope),
    }
}

/// Loads and validates every file before anything runs; the first bad one stops the command
/// with its error (exit status 2), which names the file.
fn load_all(paths: &[PathBuf]) -> Result<Vec<Loaded>, Error> {
    paths
        .iter()
        .map(|path| {
            let (_, config) = scenario::load_config(path)?;
            Ok(Loaded {
                path: path.clone(),
                config,
            })
        })
        .collect()
}

/// The replications and seed every scenario runs with: the flags, else the first scenario's.
fn common_settings(args: &CompareArgs, loaded: &[Loaded]) -> Result<(u32, u64), Error> {
    let Some(Loaded { config: first, .. }) = loaded.first() else {
        return Err(Error::Usage(
            "compare needs at least two scenario files".into(),
        ));
    };
    let replications = check_replications(args.run.replications.unwrap_or(first.replications))?;
    Ok((replications, args.run.seed.unwrap_or(first.seed)))
}

/// Refuses an `--out` that exists and is not a directory, before any work is done.
fn check_out_dir(dir: &Path) -> Result<(), Error> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Usage(format!(
            "--out {}: exists and is not a directory; give a directory (created if missing)",
            dir.display()
        )));
    }
    Ok(())
}

/// The scenarios' unique names (see [`compare::unique_names`]).
fn names(loaded: &[Loaded]) -> Vec<String> {
    let pairs: Vec<(String, String)> = loaded
        .iter()
        .map(|l| {
            let stem = l.path.file_stem().unwrap_or(l.path.as_os_str());
            (l.config.name.clone(), stem.to_string_lossy().into_owned())
        })
        .collect();
    compare::unique_names(&pairs)
}

/// Warnings on stderr, each naming its file: work nobody in a team can do, settings the
/// scenarios disagree on that the first scenario's value overrides, and renamed scenarios.
fn warn_about(args: &CompareArgs, loaded: &[Loaded], names: &[String]) {
    for l in loaded {
        for w in scenario::warnings(&l.config) {
            eprintln!("warning: {}: {w}", l.path.display());
        }
    }
    let list = |value: &dyn Fn(&Config) -> String| {
        let values: Vec<String> = loaded.iter().map(|l| value(&l.config)).collect();
        let differ = values.iter().any(|v| *v != values[0]);
        differ.then(|| {
            let each: Vec<String> = loaded
                .iter()
                .zip(&values)
                .map(|(l, v)| format!("{} {v}", l.path.display()))
                .collect();
            (values[0].clone(), each.join(", "))
        })
    };
    if args.run.seed.is_none() {
        if let Some((first, each)) = list(&|c| c.seed.to_string()) {
            eprintln!(
                "warning: the scenarios set different seeds ({each}); all run with the first's, \
                 {first}, so they face the same market (choose with --seed)"
            );
        }
    }
    if args.run.replications.is_none() {
        if let Some((first, each)) = list(&|c| c.replications.to_string()) {
            eprintln!(
                "warning: the scenarios set different replications ({each}); all run the \
                 first's, {first} (choose with -r/--replications)"
            );
        }
    }
    let window = |c: &Config| format!("weeks {}–{}", c.warmup_weeks, c.horizon_weeks);
    if let Some((_, each)) = list(&window) {
        eprintln!(
            "warning: the scenarios measure different windows ({each}); rates per week stay \
             comparable, counts at the horizon do not"
        );
    }
    for (l, name) in loaded.iter().zip(names) {
        if *name != l.config.name {
            eprintln!(
                "warning: {}: scenario name \"{}\" is used more than once; reported as \"{name}\"",
                l.path.display(),
                l.config.name
            );
        }
    }
}
