//! Shared helpers: the command under test and the repository's paths.

use std::path::PathBuf;

/// The `salesim` binary built by cargo for these tests.
pub fn salesim() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(assert_cmd::cargo::cargo_bin!("salesim"));
    cmd.current_dir(root());
    cmd
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A short scenario (8 weeks) for fast end-to-end runs.
pub const SHORT: &str = r#"Scenario(
    name: "short",
    replications: 3,
    horizon_weeks: 8,
    warmup_weeks: 1,
    team: [(role: Inbound, count: 1), (role: Scout, count: 1), (role: Closer, count: 2), (role: Success, count: 1)],
)"#;

/// Writes `text` to a new file `name` in a fresh temporary directory.
pub fn temp_file(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}
