//! `salesim validate`: check scenario files without running them.

use crate::error::Error;
use crate::scenario;

use super::{ValidateArgs, warn};

pub(super) fn validate(args: &ValidateArgs) -> Result<(), Error> {
    let mut bad = 0;
    for file in &args.files {
        match scenario::load_config(file) {
            Ok((s, config)) => {
                println!(
                    "ok: {} (scenario \"{}\", {} people, {} weeks)",
                    file.display(),
                    config.name,
                    config.head_count(),
                    config.horizon_weeks
                );
                warn(&scenario::warnings(&config));
                let unmodelled = scenario::unmodelled_fields(&s);
                if !unmodelled.is_empty() {
                    warn(&[format!(
                        "not modelled yet, read and checked only: {}",
                        unmodelled.join(", ")
                    )]);
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                bad += 1;
            }
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
