//! `salesim run` streams its replications (issue 6, memory): the summary and the
//! `replications.csv` it writes are those of the collected results, byte for byte, for any
//! thread count.

use std::path::Path;

use salesim::experiment::run_replications;
use salesim::report::RunSummary;

use crate::common::{SHORT, salesim, temp_file};

/// Runs `salesim run` of `scenario` with 40 replications on `threads` threads into `out`;
/// returns its stdout (JSON).
fn run(scenario: &Path, threads: &str, out: &Path) -> Vec<u8> {
    let output = salesim()
        .args(["run", "-r", "40", "-q", "--format", "json", "-j", threads])
        .arg(scenario)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn run_writes_the_same_bytes_on_1_and_2_threads() {
    let (dir, scenario) = temp_file("s.ron", SHORT);
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    assert_eq!(run(&scenario, "1", &one), run(&scenario, "2", &two));
    for name in ["summary.json", "summary.csv", "replications.csv"] {
        assert_eq!(read(&one.join(name)), read(&two.join(name)), "{name}");
    }
    let stray: Vec<_> = std::fs::read_dir(&two)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') || n.contains("tmp"))
        .collect();
    assert!(stray.is_empty(), "temporary files left: {stray:?}");
}

#[test]
fn the_streamed_outputs_are_those_of_the_collected_results() {
    let (dir, scenario) = temp_file("s.ron", SHORT);
    let out = dir.path().join("out");
    let stdout = run(&scenario, "2", &out);
    let (_, config) = salesim::scenario::load_config(&scenario).unwrap();
    let results = run_replications(&config, 40, config.seed, &|_| {});
    let summary = RunSummary::from_results(&config, config.seed, &results);
    assert_eq!(String::from_utf8(stdout).unwrap(), summary.to_json());
    assert_eq!(
        read(&out.join("summary.json")),
        summary.to_json().into_bytes()
    );
    let csv = salesim::report::csv::replications_csv(&results);
    assert_eq!(csv.lines().count(), 41);
    assert_eq!(read(&out.join("replications.csv")), csv.into_bytes());
}
