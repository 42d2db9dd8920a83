//! `salesim validate`: check scenario and sweep files without running them.

use std::path::Path;

use crate::error::Error;
use crate::scenario;
use crate::sweep::{LoadOptions, Sweep};

use super::{ValidateArgs, warn_about};

pub(super) fn validate(args: &ValidateArgs) -> Result<(), Error> {
    let mut bad = 0;
    for file in &args.files {
        let ok = if is_sweep(file) {
            validate_sweep(file)
        } else {
            validate_scenario(file)
        };
        if !ok {
            bad += 1;
        }
    }
    if bad > 0 {
        return Err(Error::Usage(format!(
            "{bad} of {} files are invalid",
            args.files.len()
        )));
    }
    Ok(())
}

/// Checks one scenario file; prints `ok: …` or the error.
fn validate_scenario(file: &Path) -> bool {
    match scenario::load_config(file) {
        Ok((_, config)) => {
            println!(
                "ok: {} (scenario \"{}\", {} people, {} weeks)",
                file.display(),
                config.name,
                config.head_count(),
                config.horizon_weeks
            );
            warn_about(&config);
            true
        }
        Err(e) => {
            eprintln!("error: {e}");
            false
        }
    }
}

/// Checks one sweep file, its base and every grid point's scenario; prints `ok: …` or the
/// error.
fn validate_sweep(file: &Path) -> bool {
    let checked = Sweep::load(file, &LoadOptions::default()).and_then(|s| {
        s.check_points()?;
        Ok(s)
    });
    match checked {
        Ok(sweep) => {
            println!(
                "ok: {} (sweep \"{}\", {} points × {} replications)",
                file.display(),
                sweep.name,
                sweep.points(),
                sweep.replications
            );
            true
        }
        Err(e) => {
            eprintln!("error: {e}");
            false
        }
    }
}

/// Whether `file` holds a sweep: its first token, after comments and `#![…]` attributes, is
/// `Sweep(`. An unreadable file is not; the scenario check reports it.
fn is_sweep(file: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(file) else {
        return false;
    };
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.split_once("*/").map_or("", |(_, after)| after);
        } else if rest.starts_with("#!") {
            rest = rest.split_once('\n').map_or("", |(_, after)| after);
        } else {
            break;
        }
    }
    rest.strip_prefix("Sweep")
        .is_some_and(|r| r.trim_start().starts_with('('))
}
