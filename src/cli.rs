//! The `salesim` command line: a thin layer that parses flags, calls the library and writes
//! reports. One file per subcommand.
//!
//! Exit status: 0 success, 1 failure while running (e.g. an unwritable `--out`), 2 bad input
//! (an invalid scenario or flag).

mod advise;
mod clarity;
mod common;
mod compare;
mod init;
mod merge;
mod plot;
mod run;
mod sweep;
mod validate;

pub use compare::CompareArgs;
pub use merge::MergeArgs;
pub use sweep::SweepArgs;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::error::Error;

/// salesim: should every sales rep do everything, or should the work be split? Simulates a
/// team against a market and reports what it earns, with 95% confidence intervals.
#[derive(Debug, Parser)]
#[command(
    name = "salesim",
    version,
    help_expected = true,
    propagate_version = true
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands (compare, clarity, advise, sweep, merge and plot come with later milestones).
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run replications of one scenario and print its KPIs with 95% confidence intervals.
    Run(RunArgs),
    /// Run several scenarios on the same seeds and report the paired differences against the
    /// first, with 95% confidence intervals.
    Compare(CompareArgs),
    /// Run a grid of scenarios (a sweep file) in parallel: resumable, shardable.
    Sweep(SweepArgs),
    /// Join the output directories of a sweep's shards into one points.csv.
    Merge(MergeArgs),
    /// Check scenario files without running them.
    Validate(ValidateArgs),
    /// Print a commented starter scenario (`salesim init > my-team.ron`).
    Init,
    /// Redraw the charts (PNG and SVG) from a saved summary.json, or draw a sweep's points.csv.
    Plot(PlotArgs),
    /// The KPI-clarity experiment (SPEC §7): focus, attribution, detectability, and whether a
    /// manager's CUSUM finds an injected fault; several scenarios run on the same seeds.
    Clarity(ClarityArgs),
    /// Advice for a manager: time budget per role, the 80/20 rule, and the next hire ranked by
    /// the profit it adds (paired runs on the same seeds).
    Advise(AdviseArgs),
}

/// Flags of `salesim advise`.
#[derive(Debug, clap::Args)]
pub struct AdviseArgs {
    /// The scenario file (RON).
    #[arg(value_name = "SCENARIO")]
    pub scenario: PathBuf,
    /// Replications, seed, threads, format, output directory, quiet.
    #[command(flatten)]
    pub run: RunFlags,
    /// Only consider hires whose salary per year is at most this.
    #[arg(long, value_name = "MONEY")]
    pub budget_per_year: Option<f64>,
    /// Also rank a greedy sequence of this many hires.
    #[arg(long, value_name = "NUM", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=20))]
    pub hires: u32,
}

/// Whom the injected fault hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Scope {
    /// One owner of one stage; the manager watches every rep's stage series.
    Person,
    /// Everyone on one activity; the manager watches the four team series.
    Stage,
}

/// Flags of `salesim clarity`.
#[derive(Debug, clap::Args)]
pub struct ClarityArgs {
    /// Scenario files (RON); differences are against the first.
    #[arg(value_name = "SCENARIO", required = true)]
    pub scenarios: Vec<PathBuf>,
    /// Replications, seed, threads, format, output directory, quiet.
    #[command(flatten)]
    pub run: RunFlags,
    /// Fault scope (default: the first scenario's clarity.fault_scope).
    #[arg(long, value_enum, value_name = "SCOPE")]
    pub scope: Option<Scope>,
}

/// Flags of `salesim plot`.
#[derive(Debug, clap::Args)]
pub struct PlotArgs {
    /// A summary.json written by `salesim run --out`, `compare --out` or `clarity --out`, or
    /// a sweep's points.csv (drawn as `sweep_<kpi>` charts).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Directory for the charts (default: the file's directory).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The KPI a sweep chart shows, by its name in points.csv (default: profit_per_week).
    #[arg(long, value_name = "NAME")]
    pub kpi: Option<String>,
}

/// Output formats of results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table for people, grouped by stage.
    Table,
    /// The JSON summary of SPEC §10.
    Json,
    /// One CSV row per KPI.
    Csv,
}

/// The flags every command that runs replications shares.
#[derive(Debug, clap::Args)]
pub struct RunFlags {
    /// Replications per scenario (default: the (first) scenario's `replications`).
    #[arg(short = 'r', long, value_name = "NUM", value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub replications: Option<u32>,
    /// Master seed (default: the (first) scenario's `seed`).
    #[arg(long, value_name = "NUM")]
    pub seed: Option<u64>,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(short = 'j', long, value_name = "NUM", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub threads: Option<u16>,
    /// Output format on stdout (default: table on a terminal, json otherwise).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
    /// Also write the results (summary.json and more) and the charts into this directory.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// No progress bar and no warnings on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Flags of `salesim run`.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// The scenario file (RON).
    #[arg(value_name = "SCENARIO")]
    pub scenario: PathBuf,
    /// Replications, seed, threads, format, output directory, quiet.
    #[command(flatten)]
    pub run: RunFlags,
    /// How a scout's touches are simulated: all three give the same distributions; inline
    /// and per-event give the same numbers, skip-ahead (the fastest) other numbers for a seed.
    #[arg(long, value_enum, value_name = "MODE", default_value = "skip-ahead")]
    pub touches: Touches,
}

/// `--touches`: [`crate::model::TouchMode`] on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Touches {
    /// Draw which touch sets the next meeting; complete the touches before it at once.
    SkipAhead,
    /// Draw every touch, completing it without an event of its own.
    Inline,
    /// Give every touch, and every inbound arrival, its own event (the reference).
    PerEvent,
}

impl From<Touches> for crate::model::TouchMode {
    fn from(t: Touches) -> Self {
        match t {
            Touches::SkipAhead => crate::model::TouchMode::SkipAhead,
            Touches::Inline => crate::model::TouchMode::Inline,
            Touches::PerEvent => crate::model::TouchMode::PerEvent,
        }
    }
}

/// Flags of `salesim validate`.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Scenario files to check.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
}

/// Runs the parsed command.
///
/// # Errors
/// Whatever stops the command; [`Error::exit_code`] gives its exit status.
pub fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Run(args) => run::run(&args),
        Command::Compare(args) => compare::compare(&args),
        Command::Sweep(args) => sweep::sweep(&args),
        Command::Merge(args) => merge::merge(&args),
        Command::Validate(args) => validate::validate(&args),
        Command::Init => init::init(),
        Command::Plot(args) => plot::plot(&args),
        Command::Clarity(args) => clarity::clarity(&args),
        Command::Advise(args) => advise::advise(&args),
    }
}

/// Prints the scenario's warnings to stderr as `warning: …` (work nobody can take).
fn warn_about(config: &crate::model::Config) {
    for l in crate::scenario::warnings(config) {
        eprintln!("warning: {l}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn every_argument_has_help_and_the_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
