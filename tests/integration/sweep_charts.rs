//! Sweep charts end to end: `salesim plot points.csv` draws the heatmap of a sweep, `--kpi`
//! picks the KPI and refuses unknown names, and `salesim validate` checks sweep files.

use crate::common::{salesim, temp_file};

fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let be = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    (be(16), be(20))
}

#[test]
fn plot_draws_the_sweep_chart_of_a_points_csv() {
    let dir = tempfile::tempdir().unwrap();
    let run = dir.path().join("run");
    salesim()
        .args([
            "sweep",
            "scenarios/sweeps/ci-small.ron",
            "-j",
            "2",
            "-q",
            "--out",
        ])
        .arg(&run)
        .assert()
        .success();
    let points = run.join("points.csv");
    let charts = dir.path().join("charts");
    let out = salesim()
        .arg("plot")
        .arg(&points)
        .arg("--out")
        .arg(&charts)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(stdout.contains("sweep_profit_per_week.png"), "{stdout}");
    let png = std::fs::read(charts.join("sweep_profit_per_week.png")).unwrap();
    assert_eq!(png_size(&png), (1200, 800));
    let svg = std::fs::read_to_string(charts.join("sweep_profit_per_week.svg")).unwrap();
    assert!(svg.contains("<svg") && svg.contains("team.Hunter.count"));

    // Another KPI is another picture; the default directory is the file's.
    salesim()
        .args(["plot", "--kpi", "win_rate"])
        .arg(&points)
        .assert()
        .success();
    let win = std::fs::read(run.join("sweep_win_rate.png")).unwrap();
    assert_eq!(png_size(&win), (1200, 800));
    assert!(win != png, "two KPIs drew the same picture");

    // A CSV without the .csv extension is recognised by its header.
    let renamed = dir.path().join("points.txt");
    std::fs::copy(&points, &renamed).unwrap();
    salesim()
        .arg("plot")
        .arg(&renamed)
        .assert()
        .success()
        .stdout(predicates::str::contains("sweep_profit_per_week.svg"));
}

#[test]
fn an_unknown_kpi_exits_2_with_the_allowed_names() {
    let (_dir, path) = temp_file(
        "points.csv",
        "point,a,profit_per_week_mean,profit_per_week_lo,profit_per_week_hi\n0,1,5,4,6\n",
    );
    salesim()
        .args(["plot", "--kpi", "nope"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown KPI `nope`"))
        .stderr(predicates::str::contains("profit_per_week"))
        .stderr(predicates::str::contains("win_rate"));
}

#[test]
fn a_csv_that_is_not_points_csv_exits_2() {
    let (_dir, path) = temp_file("x.csv", "hello,world\n1,2\n");
    salesim()
        .arg("plot")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not a sweep points.csv"));
}

#[test]
fn validate_accepts_the_bundled_sweeps_and_refuses_a_bad_one() {
    let sweeps: Vec<_> = std::fs::read_dir(crate::common::root().join("scenarios/sweeps"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    assert!(sweeps.len() >= 2);
    let out = salesim()
        .arg("validate")
        .args(&sweeps)
        .arg("scenarios/specialized.ron")
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        stdout.contains("(sweep \"hiring-mix\", 16 points × 50 replications)"),
        "{stdout}"
    );
    assert!(stdout.contains("(scenario \""), "{stdout}");

    let base = crate::common::root().join("scenarios/specialized.ron");
    let bad = format!(
        "// a comment first\nSweep(base: {:?}, name: \"bad\", axes: [(\"team.Nope.count\", [1, 2])])",
        base.display().to_string()
    );
    let (_dir, path) = temp_file("bad.ron", &bad);
    salesim()
        .arg("validate")
        .arg("scenarios/sweeps/ci-small.ron")
        .arg(&path)
        .assert()
        .code(2)
        .stdout(predicates::str::contains(
            "ok: scenarios/sweeps/ci-small.ron",
        ))
        .stderr(predicates::str::contains("team.Nope.count"));
}
