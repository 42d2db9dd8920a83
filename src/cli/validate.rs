//! `salesim validate`: check scenario files without running them.

use crate::error::Error;
use crate::scenario;

use super::{ValidateArgs, warn_about};

pub(super) fn validate(args: &ValidateArgs) -> Result<(), Error> {
    let mut bad = 0;
    for file in &args.files {
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
