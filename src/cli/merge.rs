//! `salesim merge`: join the output directories of a sweep's shards.

use std::path::PathBuf;

use crate::error::Error;

use super::sweep::to_cli;

/// Flags of `salesim merge`.
#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The shards' output directories (each with sweep.json and journal.csv).
    #[arg(value_name = "DIR", required = true)]
    pub dirs: Vec<PathBuf>,
    /// Where to write the merged points.csv, journal.csv and sweep.json.
    #[arg(long, value_name = "OUT")]
    pub out: PathBuf,
    /// No summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

pub(super) fn merge(args: &MergeArgs) -> Result<(), Error> {
    let report = crate::sweep::merge(&args.dirs, &args.out).map_err(to_cli)?;
    if !args.quiet {
        eprintln!(
            "merged {} directories of sweep \"{}\": {} points; wrote {}",
            args.dirs.len(),
            report.sweep,
            report.points,
            report.points_csv.display()
        );
    }
    Ok(())
}
