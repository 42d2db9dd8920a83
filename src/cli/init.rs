//! `salesim init`: print the starter scenario.

use std::io::Write;

use crate::error::Error;
use crate::scenario::STARTER;

pub(super) fn init() -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    out.write_all(STARTER.as_bytes())?;
    Ok(())
}
