//! The `salesim` command line: a thin layer that parses flags, calls the library and writes
//! reports. One file per subcommand.
//!
//! Exit status: 0 success, 1 failure while running (e.g. an unwritable `--out`), 2 bad input
//! (an invalid scenario or flag).

mod init;
mod merge;
mod run;
mod sweep;
mod validate;

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
    /// Run a grid of scenarios (a sweep file) in parallel: resumable, shardable.
    Sweep(SweepArgs),
    /// Join the output directories of a sweep's shards into one points.csv.
    Merge(MergeArgs),
    /// Check scenario files without running them.
    Validate(ValidateArgs),
    /// Print a commented starter scenario (`salesim init > my-team.ron`).
    Init,
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

/// Flags of `salesim run`.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// The scenario file (RON).
    #[arg(value_name = "SCENARIO")]
    pub scenario: PathBuf,
    /// Replications to run (default: the scenario's `replications`).
    #[arg(short = 'r', long, value_name = "NUM")]
    pub replications: Option<u32>,
    /// Master seed (default: the scenario's `seed`).
    #[arg(long, value_name = "NUM")]
    pub seed: Option<u64>,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(short = 'j', long, value_name = "NUM")]
    pub threads: Option<usize>,
    /// Output format on stdout (default: table on a terminal, json otherwise).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
    /// Also write summary.json, summary.csv and replications.csv into this directory.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// No progress bar and no warnings on stderr.
    #[arg(short, long)]
    pub quiet: bool,
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
        Command::Sweep(args) => sweep::sweep(&args),
        Command::Merge(args) => merge::merge(&args),
        Command::Validate(args) => validate::validate(&args),
        Command::Init => init::init(),
    }
}

/// Prints the scenario's warnings to stderr as `warning: …`: orphaned work, and fields that
/// are read but not modelled yet.
fn warn_about(scenario: &crate::scenario::Scenario, config: &crate::model::Config) {
    for l in crate::scenario::warnings(config) {
        eprintln!("warning: {l}");
    }
    let unmodelled = crate::scenario::unmodelled_fields(scenario);
    if !unmodelled.is_empty() {
        eprintln!(
            "warning: not modelled yet, read and checked only: {}",
            unmodelled.join(", ")
        );
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
