//! `salesim advise`: time budget, the 80/20 rule, and the next hire ranked by profit gained.

use crate::error::Error;
use crate::report::advice;

use super::common::{check_replications, format_or_default, load, print, thread_pool};
use super::{AdviseArgs, Format};

pub(super) fn advise(args: &AdviseArgs) -> Result<(), Error> {
    let config = load(&args.scenario, args.run.quiet)?;
    let replications = check_replications(args.run.replications.unwrap_or(config.replications))?;
    let seed = args.run.seed.unwrap_or(config.seed);
    if let Some(b) = args.budget_per_year {
        if !(b.is_finite() && b >= 0.0) {
            return Err(Error::Usage(format!(
                "--budget-per-year must be a non-negative number, got {b}"
            )));
        }
    }
    let pool = thread_pool(args.run.threads.map(usize::from))?;
    if !args.run.quiet {
        eprintln!(
            "advise: {} candidate hires x {} replications{}",
            crate::advise::hireable_roles(&config).len(),
            replications,
            if args.hires > 1 {
                format!(", {} greedy steps", args.hires)
            } else {
                String::new()
            }
        );
    }
    let advice = pool.install(|| {
        crate::advise::advise(
            &config,
            replications,
            seed,
            args.budget_per_year,
            args.hires,
        )
    });
    let json = advice::json(&advice);
    if let Some(dir) = &args.run.out {
        crate::report::create_dir(dir)?;
        crate::report::atomic::write(&dir.join("advice.json"), json.as_bytes())?;
    }
    print(&match format_or_default(args.run.format) {
        Format::Table => advice::table(&advice),
        Format::Json | Format::Csv => json,
    })
}
