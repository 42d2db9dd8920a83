//! Charts end to end: `--out` draws them, `salesim plot` redraws the same ones from the saved
//! summary, and different data gives different pictures; `salesim clarity` reports SPEC §7.

use crate::common::{SHORT, salesim, temp_file};

const CHARTS: [&str; 5] = [
    "throughput",
    "funnel",
    "speed_to_lead",
    "time_budget",
    "money",
];

fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let be = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    (be(16), be(20))
}

#[test]
fn run_out_draws_every_chart_and_plot_redraws_them_identically() {
    let (dir, scenario) = temp_file("short.ron", SHORT);
    let out = dir.path().join("out");
    salesim()
        .args(["run", "-j", "2", "--format", "json", "--out"])
        .arg(&out)
        .arg(&scenario)
        .assert()
        .success();
    for chart in CHARTS {
        let png = std::fs::read(out.join(format!("{chart}.png"))).unwrap();
        assert_eq!(png_size(&png), (1200, 800), "{chart}");
        let svg = std::fs::read_to_string(out.join(format!("{chart}.svg"))).unwrap();
        assert!(svg.contains("<svg") && svg.contains("1200") && svg.contains("800"));
    }
    let again = dir.path().join("again");
    salesim()
        .arg("plot")
        .arg(out.join("summary.json"))
        .arg("--out")
        .arg(&again)
        .assert()
        .success();
    for chart in CHARTS {
        let a = std::fs::read(out.join(format!("{chart}.png"))).unwrap();
        let b = std::fs::read(again.join(format!("{chart}.png"))).unwrap();
        assert!(a == b, "{chart}: plot must redraw the same chart");
    }
    // Another seed is other data, and other pictures.
    let other = dir.path().join("other");
    salesim()
        .args([
            "run", "-j", "2", "--seed", "99", "--format", "json", "--out",
        ])
        .arg(&other)
        .arg(&scenario)
        .assert()
        .success();
    for chart in ["throughput", "funnel", "money"] {
        let a = std::fs::read(out.join(format!("{chart}.png"))).unwrap();
        let b = std::fs::read(other.join(format!("{chart}.png"))).unwrap();
        assert!(a != b, "{chart}: different data drew the same picture");
    }
}

#[test]
fn plot_refuses_a_file_that_is_not_a_summary() {
    let (_dir, path) = temp_file("x.json", "{\"hello\": 1}");
    salesim()
        .arg("plot")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not a salesim summary.json"));
}

#[test]
fn clarity_reports_every_measure_and_paired_differences() {
    let (dir, scenario) = temp_file("short.ron", SHORT);
    let generalists = SHORT.replace(
        "team: [(role: Inbound, count: 1), (role: Scout, count: 1), (role: Closer, count: 2), (role: Success, count: 1)]",
        "team: [(role: Generalist, count: 5)]",
    ).replace("name: \"short\"", "name: \"short generalists\"");
    let other = dir.path().join("generalists.ron");
    std::fs::write(&other, generalists).unwrap();
    let out = salesim()
        .args(["clarity", "-r", "4", "--format", "json", "-q"])
        .arg(&scenario)
        .arg(&other)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &v["scenarios"][0];
    for m in salesim::clarity::MEASURES {
        assert!(first["clarity"].get(m).is_some(), "missing {m}");
        assert!(
            v["diff"]["short generalists"].get(m).is_some(),
            "missing diff {m}"
        );
    }
    assert_eq!(first["clarity"]["kpi_clarity"]["mean"], 1.0);
    assert!(first["kpis"]["revenue_per_week"]["mean"].is_number());
}
