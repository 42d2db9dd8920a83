//! Renders the six charts from realistic synthetic data for two scenarios.
//!
//! ```text
//! cargo run --example plot_demo -- DIR
//! ```
//! writes `DIR/throughput.png`, `DIR/throughput.svg`, … and prints their paths.

use std::path::PathBuf;

use salesim::plot::{ChartData, render_all};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .ok_or("usage: plot_demo DIR")?;
    let paths = render_all(&ChartData::sample(), &dir)?;
    assert_eq!(paths.len(), 12, "six charts, each as PNG and SVG");
    for path in paths {
        println!("{}", path.display());
    }
    Ok(())
}
