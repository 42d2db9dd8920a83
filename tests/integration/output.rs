//! Nothing lost (issue 7): an `--out` that cannot be written gives a clear error naming the
//! path, exit status 1, and no half-written file; a file where a directory is expected is
//! left untouched.

use std::path::Path;

use predicates::prelude::*;

use crate::common::{SHORT, root, salesim, temp_file};

/// The commands that take `--out DIR`, each with the arguments of a quick run.
fn commands(scenario: &Path) -> Vec<Vec<String>> {
    let s = scenario.display().to_string();
    let sweep = root()
        .join("scenarios/sweeps/ci-small.ron")
        .display()
        .to_string();
    vec![
        vec!["run".into(), s.clone(), "-r".into(), "2".into()],
        vec!["clarity".into(), s, "-r".into(), "2".into()],
        vec!["sweep".into(), sweep, "-q".into()],
    ]
}

fn fails_cleanly(args: &[String], out: &Path) {
    salesim()
        .args(args)
        .arg("--out")
        .arg(out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(out.display().to_string()))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn an_unwritable_out_fails_with_exit_1_and_names_the_path() {
    let (_dir, scenario) = temp_file("s.ron", SHORT);
    for args in commands(&scenario) {
        // Nobody, root included, may create a directory under /proc.
        fails_cleanly(&args, Path::new("/proc/salesim-robust/out"));
    }
}

#[test]
fn a_file_where_out_expects_a_directory_is_left_untouched() {
    let (dir, scenario) = temp_file("s.ron", SHORT);
    let file = dir.path().join("results");
    std::fs::write(&file, "keep me").unwrap();
    for args in commands(&scenario) {
        fails_cleanly(&args, &file);
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");
    }
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names.len(), 2, "stray files: {names:?}");
}

/// `--out` never writes outside the directory it names: after every command that takes it
/// (compare included), the only new entry beside the scenario is that directory, and nothing
/// in it is a temporary file.
#[test]
fn every_output_lands_inside_out_and_nothing_else_is_written() {
    let (dir, scenario) = temp_file("s.ron", SHORT);
    let mut all = commands(&scenario);
    let s = scenario.display().to_string();
    all.push(vec![
        "compare".into(),
        s.clone(),
        s,
        "-r".into(),
        "2".into(),
    ]);
    for (i, args) in all.iter().enumerate() {
        let out = dir.path().join(format!("results-{i}"));
        salesim()
            .args(args)
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        let mut files = Vec::new();
        let mut stack = vec![out.clone()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    files.push(p);
                }
            }
        }
        assert!(!files.is_empty(), "{args:?} wrote nothing");
        for f in &files {
            let name = f.file_name().unwrap().to_string_lossy();
            assert!(
                !name.starts_with(".tmp") && !name.ends_with(".tmp"),
                "temporary {f:?}"
            );
        }
    }
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected: Vec<String> = (0..all.len()).map(|i| format!("results-{i}")).collect();
    expected.push("s.ron".into());
    expected.sort();
    assert_eq!(names, expected);
}
