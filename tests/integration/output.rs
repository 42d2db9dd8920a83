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
