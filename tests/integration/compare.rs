//! `salesim compare`: common random numbers through the library, and the command end to end
//! (JSON shape, determinism across thread counts, `--out`, exit statuses).

use predicates::prelude::*;
use salesim::experiment::run_paired_replications;
use salesim::model::{Config, Kpi, ReplicationResult};
use salesim::report::CompareSummary;
use salesim::stats::{paired_difference, welch_difference};

use crate::common::{SHORT, root, salesim, temp_file};

/// `SHORT` with five generalists instead of its specialists, under another name.
fn short_generalists() -> String {
    let text = SHORT.replace("name: \"short\"", "name: \"short generalists\"");
    let specialists = "team: [(role: Inbound, count: 1), (role: Scout, count: 1), \
                       (role: Closer, count: 2), (role: Success, count: 1)]";
    assert!(text.contains(specialists));
    text.replace(specialists, "team: [(role: Generalist, count: 5)]")
}

fn config(path: &str) -> Config {
    salesim::scenario::load_config(&root().join(path))
        .unwrap()
        .1
}

fn values(results: &[ReplicationResult], k: Kpi) -> Vec<Option<f64>> {
    results.iter().map(|r| r.kpi(k)).collect()
}

fn width(ci: [f64; 2]) -> f64 {
    ci[1] - ci[0]
}

#[test]
fn common_random_numbers_make_the_paired_interval_narrower_than_welch() {
    let configs = [
        config("scenarios/generalist.ron"),
        config("scenarios/specialized.ron"),
    ];
    let results = run_paired_replications(&configs, 30, 42, &|_| {});
    let (a, b) = (&results[0], &results[1]);
    // Both teams see the same leads: the difference is exactly 0, every replication.
    let leads = Kpi::InboundLeadsPerWeek;
    assert_eq!(values(a, leads), values(b, leads));
    assert!(values(a, leads).iter().all(Option::is_some));
    let paired = paired_difference(&values(a, leads), &values(b, leads)).unwrap();
    assert_eq!(
        (paired.mean, paired.ci95, paired.n),
        (0.0, Some([0.0, 0.0]), 30)
    );
    let welch = welch_difference(&values(a, leads), &values(b, leads)).unwrap();
    assert!(width(welch.ci95) > 0.0, "{welch:?}");
    // Revenue differs, and pairing removes the market's luck from the difference.
    let revenue = Kpi::RevenuePerWeek;
    let paired = paired_difference(&values(a, revenue), &values(b, revenue)).unwrap();
    let welch = welch_difference(&values(a, revenue), &values(b, revenue)).unwrap();
    assert!((paired.mean - welch.mean).abs() < 1e-6 * welch.mean.abs().max(1.0));
    let (p, w) = (width(paired.ci95.unwrap()), width(welch.ci95));
    assert!(p < w, "paired CI width {p} is not below Welch's {w}");
}

#[test]
fn without_a_common_seed_the_leads_differ() {
    // The control for the test above: with independent seeds the same team sees other leads,
    // so an exact zero there is the work of common random numbers, not of the KPI.
    let c = config("scenarios/specialized.ron");
    let a = run_paired_replications(std::slice::from_ref(&c), 10, 42, &|_| {});
    let b = run_paired_replications(std::slice::from_ref(&c), 10, 43, &|_| {});
    let leads = Kpi::InboundLeadsPerWeek;
    let d = paired_difference(&values(&a[0], leads), &values(&b[0], leads)).unwrap();
    assert!(d.sd.unwrap() > 0.0, "{d:?}");
}

#[test]
fn a_scenario_compared_with_itself_differs_by_exactly_zero() {
    let scenario = salesim::scenario::parse_str(SHORT, "short.ron").unwrap();
    let c = salesim::scenario::validate(&scenario, "short.ron").unwrap();
    let configs = [c.clone(), c];
    let results = run_paired_replications(&configs, 5, 9, &|_| {});
    let names = ["short (a)".to_string(), "short (b)".to_string()];
    let summary = CompareSummary::from_results(9, &names, &configs, &results);
    let diff = summary.diff.get("short (b)").unwrap();
    assert_eq!(diff.0.len(), Kpi::ALL.len());
    for (kpi, d) in &diff.0 {
        if d.n == 0 {
            continue;
        }
        assert_eq!(d.mean, Some(0.0), "{kpi}");
        assert_eq!(d.sd, Some(0.0), "{kpi}");
        assert_eq!(d.ci95, Some([0.0, 0.0]), "{kpi}");
    }
    assert!(diff.get("revenue_per_week").unwrap().n == 5);
}

/// Writes the two short scenarios into one temporary directory.
fn short_pair() -> (tempfile::TempDir, String, String) {
    let (dir, a) = temp_file("a.ron", SHORT);
    let b = dir.path().join("b.ron");
    std::fs::write(&b, short_generalists()).unwrap();
    let s = |p: &std::path::Path| p.to_str().unwrap().to_string();
    (dir, s(&a), s(&b))
}

fn stdout_of(args: &[&str]) -> String {
    let out = salesim().args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn compare_json_has_the_spec_shape_and_is_byte_identical_across_thread_counts() {
    let (_d, a, b) = short_pair();
    let args = |j: &'static str| ["compare", &a, &b, "-r", "4", "-j", j, "--format", "json"];
    let one = stdout_of(&args("1"));
    let two = stdout_of(&args("2"));
    assert_eq!(one, two);
    let v: serde_json::Value = serde_json::from_str(&one).unwrap();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["seed", "replications", "scenarios", "diff"]);
    assert_eq!(
        (v["seed"].as_u64(), v["replications"].as_u64()),
        (Some(42), Some(4))
    );
    let scenarios = v["scenarios"].as_array().unwrap();
    assert_eq!(scenarios.len(), 2);
    assert_eq!(scenarios[0]["scenario"], "short");
    assert_eq!(scenarios[1]["scenario"], "short generalists");
    // Each scenario is exactly what `run` prints for it.
    let run: serde_json::Value =
        serde_json::from_str(&stdout_of(&["run", &b, "-r", "4", "--format", "json"])).unwrap();
    assert_eq!(scenarios[1], run);
    let diff = v["diff"].as_object().unwrap();
    assert_eq!(diff.keys().collect::<Vec<_>>(), ["short generalists"]);
    for k in Kpi::ALL {
        let d = &diff["short generalists"][k.name()];
        let fields: Vec<&String> = d.as_object().unwrap().keys().collect();
        assert_eq!(fields, ["mean", "ci95", "sd", "n"], "{}", k.name());
    }
    let revenue = &diff["short generalists"]["revenue_per_week"];
    assert_eq!(revenue["n"], 4);
    assert_eq!(revenue["ci95"].as_array().unwrap().len(), 2);
}

#[test]
fn out_writes_the_three_files_and_the_charts_and_refuses_a_file() {
    let (dir, a, b) = short_pair();
    let out = dir.path().join("results/nested");
    let text = stdout_of(
        &["compare", &a, &b, "-r", "3", "--format", "csv", "--out"]
            .into_iter()
            .chain([out.to_str().unwrap()])
            .collect::<Vec<_>>(),
    );
    assert!(text.starts_with("scenario,kpi,mean,ci_lo,ci_hi,sd,n\n"));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    assert!(json["diff"]["short generalists"]["win_rate"].is_object());
    let summary = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    assert_eq!(summary, text);
    assert_eq!(summary.lines().count(), 1 + 3 * Kpi::ALL.len());
    assert!(summary.contains("\ndiff:short generalists,revenue_per_week,"));
    let reps = std::fs::read_to_string(out.join("replications.csv")).unwrap();
    let lines: Vec<&str> = reps.lines().collect();
    assert_eq!(lines.len(), 1 + 2 * 3);
    assert!(lines[0].starts_with("scenario,replication,deals_won_per_week,"));
    assert!(lines[4].starts_with("short generalists,0,"));
    let chart = std::fs::read_to_string(out.join("throughput.svg")).unwrap();
    assert!(
        chart.contains("short generalists"),
        "the chart's legend names both teams"
    );
    salesim()
        .arg("plot")
        .arg(out.join("summary.json"))
        .arg("--out")
        .arg(dir.path().join("redrawn"))
        .assert()
        .success();
    salesim()
        .args(["compare", &a, &b, "--out", &a])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a directory"));
}

#[test]
fn a_bad_second_file_exits_2_naming_it() {
    let (_d, a, _) = short_pair();
    let bad = root().join("tests/fixtures/bad/out_of_range.ron");
    salesim()
        .args(["compare", &a, bad.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("out_of_range.ron"))
        .stderr(predicate::str::contains(
            "team[2].count must be at least 1, got 0",
        ));
    salesim()
        .args(["compare", &a, "no/such/file.ron"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/file.ron"));
}

#[test]
fn fewer_than_two_files_and_bad_flags_exit_2() {
    let (_d, a, b) = short_pair();
    salesim()
        .args(["compare", &a])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("SCENARIO"));
    salesim().args(["compare"]).assert().code(2);
    salesim()
        .args(["compare", &a, &b, "-r", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--replications"));
    salesim()
        .args(["compare", &a, &b, "-j", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--threads"));
}

#[test]
fn equal_names_get_their_file_stem_and_differing_seeds_warn() {
    let (dir, a, _) = short_pair();
    let c = dir.path().join("c.ron");
    std::fs::write(
        &c,
        SHORT.replace("replications: 3,", "replications: 3, seed: 7,"),
    )
    .unwrap();
    let out = salesim()
        .args(["compare", &a, c.to_str().unwrap(), "--format", "json"])
        .assert()
        .success()
        .stderr(predicate::str::contains("different seeds"))
        .stderr(predicate::str::contains("reported as \"short (c)\""));
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["seed"], 42);
    assert_eq!(v["scenarios"][0]["scenario"], "short (a)");
    assert!(v["diff"]["short (c)"]["revenue_per_week"]["mean"] == 0.0);
    // With --seed the scenarios' own seeds do not matter, so there is nothing to warn about.
    salesim()
        .args(["compare", &a, c.to_str().unwrap(), "--seed", "1"])
        .assert()
        .success()
        .stderr(predicate::str::contains("different seeds").not());
    salesim()
        .args(["compare", &a, c.to_str().unwrap(), "-q"])
        .assert()
        .success()
        .stderr(predicate::str::is_empty());
}

#[test]
fn the_table_names_the_scenarios_and_fits_100_columns() {
    let (_d, a, b) = short_pair();
    let text = stdout_of(&["compare", &a, &b, "--format", "table"]);
    assert!(text.contains("  A  short (baseline)"), "{text}");
    assert!(text.contains("  B  short generalists"), "{text}");
    assert!(text.contains("B − A"), "{text}");
    assert!(text.contains("Differences are paired"), "{text}");
    assert!(text.lines().any(|l| l == "Throughput"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 100), "{text}");
}
