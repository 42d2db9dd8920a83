//! `salesim sweep`: run a grid of scenarios, resumably, as one shard or the whole grid.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

use super::common::thread_pool;
use crate::error::Error;
use crate::sweep::{LoadOptions, Shard, ShardSource, Sweep, SweepError, SweepRun};

/// Flags of `salesim sweep`.
#[derive(Debug, clap::Args)]
pub struct SweepArgs {
    /// The sweep file (RON): a base scenario and axes.
    #[arg(value_name = "SWEEP")]
    pub file: PathBuf,
    /// Output directory (default: `./NAME`, or `./NAME.shard-I-of-N` for a shard, NAME being
    /// the sweep's name). Gets sweep.json, journal.csv and, when the run ends, points.csv.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Continue the sweep in --out: compute only the points missing from its journal.
    #[arg(long)]
    pub resume: bool,
    /// Run shard I of N: the points whose index is I modulo N (default: from
    /// SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT if set, else the whole grid).
    #[arg(long, value_name = "I/N")]
    pub shard: Option<String>,
    /// Split into N shards and take this one from JOB_COMPLETION_INDEX (Kubernetes indexed
    /// jobs).
    #[arg(long, value_name = "N")]
    pub shards: Option<u64>,
    /// Replications per point (default: the sweep file's, else the base scenario's).
    #[arg(short = 'r', long, value_name = "NUM")]
    pub replications: Option<u64>,
    /// Sweep seed (default: the sweep file's, else the base scenario's).
    #[arg(long, value_name = "NUM")]
    pub seed: Option<u64>,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(short = 'j', long, value_name = "NUM")]
    pub threads: Option<usize>,
    /// Allow grids of more than 1,000,000 points.
    #[arg(long)]
    pub force: bool,
    /// Check the sweep file and every point's scenario, then stop without running.
    #[arg(long)]
    pub check: bool,
    /// No progress bar and no summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

pub(super) fn sweep(args: &SweepArgs) -> Result<(), Error> {
    let options = LoadOptions {
        force: args.force,
        replications: args.replications,
        seed: args.seed,
    };
    let sweep = Sweep::load(&args.file, &options).map_err(to_cli)?;
    let env = |k: &str| std::env::var(k).ok();
    let (shard, source) =
        Shard::resolve(args.shard.as_deref(), args.shards, &env).map_err(to_cli)?;
    let pool = thread_pool(args.threads)?;
    pool.install(|| sweep.check_points()).map_err(to_cli)?;
    if args.check {
        println!(
            "ok: {} (sweep \"{}\", {} points × {} replications)",
            args.file.display(),
            sweep.name,
            sweep.points(),
            sweep.replications
        );
        return Ok(());
    }
    if !args.quiet && matches!(source, ShardSource::Slurm | ShardSource::Kubernetes) {
        eprintln!("shard {shard} from the environment ({source:?})");
    }
    let dir = args
        .out
        .clone()
        .unwrap_or_else(|| default_out(&sweep.name, shard));
    let started = Instant::now();
    let run = SweepRun::open(&sweep, &dir, shard, args.resume).map_err(to_cli)?;
    let bar = progress_bar(args.quiet, run.todo().len() as u64);
    let result = pool.install(|| run.run(&|| bar.inc(1)));
    bar.finish_and_clear();
    result.map_err(to_cli)?;
    let report = run.finish().map_err(to_cli)?;
    if !args.quiet {
        eprintln!(
            "sweep \"{}\" shard {shard}: {} points, {} already done, {} computed in {:.1} s; wrote {}",
            sweep.name,
            report.shard_points,
            report.already_done,
            report.computed,
            started.elapsed().as_secs_f64(),
            report.points_csv.display()
        );
    }
    Ok(())
}

/// `./<name>` for the whole grid, `./<name>.shard-I-of-N` for a shard, with the name reduced
/// to letters, digits and `-`.
fn default_out(name: &str, shard: Shard) -> PathBuf {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_matches('-');
    let slug = if slug.is_empty() { "sweep" } else { slug };
    if shard == Shard::WHOLE {
        PathBuf::from(slug)
    } else {
        PathBuf::from(format!("{slug}.shard-{}-of-{}", shard.index, shard.count))
    }
}

/// Bad input exits with status 2, failures while running with 1.
pub(super) fn to_cli(e: SweepError) -> Error {
    if e.is_bad_input() {
        Error::Usage(e.to_string())
    } else {
        Error::Io(std::io::Error::other(e.to_string()))
    }
}

/// A bar with ETA on stderr when it is a terminal and not `--quiet`; hidden otherwise.
fn progress_bar(quiet: bool, points: u64) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(points);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} points, {eta} left") {
        bar.set_style(style);
    }
    bar
}
