//! The `salesim` binary: parse the command line, run it, map errors to exit statuses.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = salesim::cli::Cli::parse();
    match salesim::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`salesim run … | head`) is not a failure.
        Err(salesim::error::Error::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(e.exit_code())
        }
    }
}
