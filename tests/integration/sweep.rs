//! `salesim sweep` and `salesim merge` end to end: a killed sweep resumed, shards merged,
//! and bad sweep files refused. Every check is on bytes or counts, never on timing.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use predicates::prelude::*;

use crate::common::{root, salesim};

/// The bundled tiny sweep (6 points).
fn ci_small() -> PathBuf {
    root().join("scenarios/sweeps/ci-small.ron")
}

/// A sweep file in a fresh directory, on a bundled base scenario.
fn sweep_file(base: &str, axes: &str, replications: u32) -> (tempfile::TempDir, PathBuf) {
    let base = root().join("scenarios").join(base);
    let text = format!(
        "Sweep(base: {:?}, name: \"t\", replications: {replications}, axes: [{axes}])",
        base.display().to_string()
    );
    crate::common::temp_file("w.ron", &text)
}

/// Runs `salesim sweep` and returns its stderr.
fn sweep(args: &[&str]) -> String {
    let out = salesim().arg("sweep").args(args).assert().success();
    String::from_utf8(out.get_output().stderr.clone()).unwrap()
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Whole lines after the header of a journal (a torn last line does not count).
fn journal_rows(dir: &Path) -> Vec<String> {
    let text =
        String::from_utf8(std::fs::read(dir.join("journal.csv")).unwrap_or_default()).unwrap();
    let whole = text.rfind('\n').map_or("", |end| &text[..end]);
    whole.lines().skip(1).map(String::from).collect()
}

#[test]
fn a_killed_sweep_resumes_to_the_same_bytes_without_recomputing_finished_points() {
    // 100 points of 2 replications of a 7-person team for 26 weeks: long enough on one
    // thread that the kill below lands midway.
    let values: Vec<String> = (1..=100).map(|v| v.to_string()).collect();
    let axes = format!(
        "(\"horizon_weeks\", [26]), (\"inbound.leads_per_week\", [{}])",
        values.join(", ")
    );
    let (dir, w) = sweep_file("specialized.ron", &axes, 2);
    let (whole, killed) = (dir.path().join("whole"), dir.path().join("killed"));
    sweep(&[s(&w), "--out", s(&whole), "-q"]);

    let bin = assert_cmd::cargo::cargo_bin!("salesim");
    let mut child = std::process::Command::new(bin)
        .args(["sweep", s(&w), "--out", s(&killed), "-j", "1", "-q"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    while journal_rows(&killed).len() < 3 {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the sweep ended before it was killed"
        );
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let done = journal_rows(&killed).len();
    assert!(
        done < 100,
        "the sweep finished before the kill; make it longer"
    );
    assert!(!killed.join("points.csv").exists());

    let stderr = sweep(&[s(&w), "--out", s(&killed), "--resume"]);
    let summary = format!("100 points, {done} already done, {} computed", 100 - done);
    assert!(stderr.contains(&summary), "{stderr}");
    assert_eq!(
        read(&killed.join("points.csv")),
        read(&whole.join("points.csv"))
    );
    let mut indices: Vec<String> = journal_rows(&killed)
        .iter()
        .map(|r| r.split(',').next().unwrap().to_string())
        .collect();
    assert_eq!(indices.len(), 100, "every point journaled exactly once");
    indices.sort();
    indices.dedup();
    assert_eq!(indices.len(), 100);

    // Resuming a finished sweep computes nothing and rewrites the same file.
    let stderr = sweep(&[s(&w), "--out", s(&killed), "--resume"]);
    assert!(stderr.contains("100 already done, 0 computed"), "{stderr}");
    assert_eq!(
        read(&killed.join("points.csv")),
        read(&whole.join("points.csv"))
    );
}

#[test]
fn shards_merge_into_the_bytes_of_one_run_for_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let d = |name: &str| dir.path().join(name);
    let w = ci_small();
    sweep(&[s(&w), "--out", s(&d("one")), "-j", "1", "-q"]);
    sweep(&[s(&w), "--out", s(&d("two")), "-j", "2", "-q"]);
    let expected = read(&d("one").join("points.csv"));
    assert_eq!(read(&d("two").join("points.csv")), expected);
    assert_eq!(String::from_utf8_lossy(&expected).lines().count(), 7);

    sweep(&[s(&w), "--shard", "0/3", "--out", s(&d("s0")), "-q"]);
    // Shard 1 as a Slurm array task would run it.
    salesim()
        .args(["sweep", s(&w), "--out", s(&d("s1"))])
        .env("SLURM_ARRAY_TASK_ID", "1")
        .env("SLURM_ARRAY_TASK_COUNT", "3")
        .assert()
        .success()
        .stderr(predicate::str::contains("shard 1/3"));
    sweep(&[s(&w), "--shard", "2/3", "--out", s(&d("s2")), "-q"]);
    salesim()
        .args([
            "merge",
            s(&d("s0")),
            s(&d("s1")),
            s(&d("s2")),
            "--out",
            s(&d("merged")),
        ])
        .assert()
        .success();
    assert_eq!(read(&d("merged").join("points.csv")), expected);

    salesim()
        .args(["merge", s(&d("s0")), s(&d("s2")), "--out", s(&d("partial"))])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("2 of 6 points are missing"))
        .stderr(predicate::str::contains("shards not given: 1/3"));

    // A merged directory merges again (points given twice must agree), but not onto an input.
    salesim()
        .args([
            "merge",
            s(&d("merged")),
            s(&d("s1")),
            "--out",
            s(&d("again")),
        ])
        .assert()
        .success();
    assert_eq!(read(&d("again").join("points.csv")), expected);
    salesim()
        .args([
            "merge",
            s(&d("s0")),
            s(&d("s1")),
            s(&d("s2")),
            "--out",
            s(&d("s0")),
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not one of the shard directories"));

    // The same grid with another seed is another sweep.
    sweep(&[
        s(&w),
        "--seed",
        "8",
        "--shard",
        "1/3",
        "--out",
        s(&d("other")),
        "-q",
    ]);
    salesim()
        .args([
            "merge",
            s(&d("s0")),
            s(&d("other")),
            s(&d("s2")),
            "--out",
            s(&d("mixed")),
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("fingerprint"));
    salesim()
        .args([
            "sweep",
            s(&w),
            "--shard",
            "2/3",
            "--out",
            s(&d("s0")),
            "--resume",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("holds shard 0/3"));
}

#[test]
fn the_default_output_directory_is_named_after_the_sweep() {
    let dir = tempfile::tempdir().unwrap();
    salesim()
        .current_dir(dir.path())
        .args(["sweep", s(&ci_small()), "--shard", "1/2", "-q"])
        .assert()
        .success();
    assert!(dir.path().join("ci-small.shard-1-of-2/points.csv").exists());
}

#[test]
fn bad_sweep_files_exit_2_naming_the_file_and_the_axis() {
    for (axes, needles) in [
        (
            "(\"inbound.leads_per_wek\", [1, 2])",
            &[
                "axis `inbound.leads_per_wek`",
                "did you mean `inbound.leads_per_week`?",
            ][..],
        ),
        (
            "(\"team.Scot.count\", [1])",
            &["axis `team.Scot.count`", "did you mean `team.Scout.count`?"],
        ),
        (
            "(\"team.Closer.count\", [])",
            &["axis `team.Closer.count`", "has no values"],
        ),
        (
            "(\"team.Closer.count\", [2.5])",
            &["axis `team.Closer.count`", "not a whole number"],
        ),
        (
            "(\"work.switch_hours\", [\"x\"])",
            &["axis `work.switch_hours`", "not a number"],
        ),
        (
            "(\"inbound.work_hours\", [1])",
            &["axis `inbound.work_hours`", "numeric fields: mean, sd"],
        ),
        (
            "(\"inbound.qualify_prob\", [0.5, 1.5])",
            &["point 1", "inbound.qualify_prob"],
        ),
    ] {
        let (_d, w) = sweep_file("specialized.ron", axes, 2);
        let mut assert = salesim().args(["sweep", s(&w), "--check"]).assert().code(2);
        for needle in needles.iter().chain(&["w.ron"]) {
            assert = assert.stderr(predicate::str::contains(*needle));
        }
    }
    let big: Vec<String> = (0..1001).map(|v| v.to_string()).collect();
    let axes = format!(
        "(\"horizon_weeks\", [{0}]), (\"warmup_weeks\", [{0}])",
        big.join(",")
    );
    let (_d, w) = sweep_file("specialized.ron", &axes, 2);
    salesim()
        .args(["sweep", s(&w), "--check"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("1002001 points"))
        .stderr(predicate::str::contains("--force"));
}

#[test]
fn bundled_sweeps_check() {
    let dir = root().join("scenarios/sweeps");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        salesim()
            .args(["sweep", s(&path), "--check"])
            .assert()
            .success()
            .stdout(predicate::str::contains("ok: "));
    }
}
