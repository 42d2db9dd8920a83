//! Unit tests of the comparison report on hand-made measures: diffs, JSON shape, CSV rows and
//! the table's layout.

use super::*;
use crate::model::Kpi;
use crate::stats::estimate;

/// A scenario whose KPI `k` in replication `r` is `value(k, r)`, as a summary and measures.
fn fake(
    name: &str,
    replications: usize,
    value: impl Fn(usize, usize) -> Option<f64>,
) -> (RunSummary, Vec<Measure>) {
    let measures: Vec<Measure> = Kpi::ALL
        .iter()
        .map(|k| {
            Measure::new(
                k.name(),
                (0..replications).map(|r| value(k.index(), r)).collect(),
            )
        })
        .collect();
    let kpis = measures
        .iter()
        .map(|m| (m.name.clone(), estimate(m.values.iter().copied()).into()))
        .collect();
    let summary = RunSummary {
        scenario: name.to_string(),
        seed: 5,
        replications: replications as u32,
        horizon_weeks: 52,
        warmup_weeks: 4,
        kpis: OrderedMap(kpis),
        time_share: OrderedMap::default(),
        events_per_replication: 1000.0,
        charts: None,
        clarity: None,
    };
    (summary, measures)
}

/// Baseline `A`, and `B` = A + 1 + noise in every KPI; KPI 0 undefined everywhere in B, and
/// big money-like values so the table's widest numbers show.
fn pair() -> CompareSummary {
    let base = |k: usize, r: usize| Some(1.0e6 * (k % 3) as f64 + (k * r) as f64);
    let (a, ma) = fake("A team", 4, base);
    let (b, mb) = fake("B team", 4, |k, r| {
        (k != 0).then(|| base(k, r).unwrap_or(0.0) - 1.0e6 + [0.1, -0.1, 0.2, -0.2][r])
    });
    CompareSummary::from_measures(5, 4, vec![a, b], &[ma, mb])
}

#[test]
fn diffs_are_keyed_by_the_other_scenarios_and_hold_every_kpi() {
    let c = pair();
    assert_eq!(c.baseline(), Some("A team"));
    let keys: Vec<&str> = c.diff.0.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["B team"]);
    let d = c.diff.get("B team").unwrap();
    assert_eq!(d.0.len(), Kpi::ALL.len());
    assert_eq!(d.get(Kpi::ALL[0].name()).unwrap().n, 0);
    let one = d.get(Kpi::ALL[1].name()).unwrap();
    assert_eq!(one.n, 4);
    assert!((one.mean.unwrap() + 1.0e6).abs() < 1e-6);
}

#[test]
fn json_has_the_spec_keys_in_order_and_parses_back() {
    let c = pair();
    let json = c.to_json();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["seed", "replications", "scenarios", "diff"]);
    let d = &v["diff"]["B team"][Kpi::ALL[1].name()];
    let fields: Vec<&String> = d.as_object().unwrap().keys().collect();
    assert_eq!(fields, ["mean", "ci95", "sd", "n"]);
    assert_eq!(v["scenarios"][1]["scenario"], "B team");
    let back: CompareSummary = serde_json::from_str(&json).unwrap();
    assert_eq!(back, c);
}

#[test]
fn csv_has_a_row_per_scenario_and_diff_kpi_and_per_replication() {
    let c = pair();
    let text = csv::summary_csv(&c);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "scenario,kpi,mean,ci_lo,ci_hi,sd,n");
    assert_eq!(lines.len(), 1 + 3 * Kpi::ALL.len());
    let first_diff = format!("diff:B team,{},,,,,0", Kpi::ALL[0].name());
    assert!(lines.contains(&first_diff.as_str()), "{text}");
    let (_, ma) = fake("A", 2, |_, r| Some(r as f64));
    let (_, mb) = fake("B", 2, |k, _| (k > 0).then_some(7.0));
    let reps = csv::replications_csv(&["A", "B"], &[ma, mb]);
    let rows: Vec<&str> = reps.lines().collect();
    assert_eq!(rows.len(), 1 + 2 * 2);
    assert!(rows[0].starts_with("scenario,replication,deals_won_per_week,"));
    assert!(rows[2].starts_with("A,1,1,1,"));
    assert!(rows[3].starts_with("B,0,,7,"));
}

#[test]
fn the_table_names_the_baseline_marks_clear_differences_and_fits_100_columns() {
    let text = table::render(&pair());
    assert!(
        text.contains("  A  A team (baseline), weeks 4–52 measured"),
        "{text}"
    );
    assert!(text.contains("  B  B team, weeks 4–52 measured"), "{text}");
    assert!(text.lines().any(|l| l == "Throughput"), "{text}");
    let first = text
        .lines()
        .find(|l| l.trim_start().starts_with(Kpi::ALL[0].name()))
        .unwrap();
    assert!(first.contains("—"), "{first}");
    let second = text
        .lines()
        .find(|l| l.trim_start().starts_with(Kpi::ALL[1].name()))
        .unwrap();
    assert!(second.contains("-1,000,000 *"), "{second}");
    assert!(
        text.contains("* the 95% CI of the difference excludes 0"),
        "{text}"
    );
    for line in text.lines() {
        assert!(
            line.chars().count() <= 100,
            "{} columns: {line}",
            line.chars().count()
        );
    }
}

#[test]
fn three_scenarios_get_one_block_per_non_baseline() {
    let (a, ma) = fake("a", 3, |_, r| Some(r as f64));
    let (b, mb) = fake("b", 3, |_, r| Some(r as f64));
    let (c, mc) = fake("c", 3, |_, r| Some(2.0 * r as f64));
    let summary = CompareSummary::from_measures(5, 3, vec![a, b, c], &[ma, mb, mc]);
    let text = table::render(&summary);
    assert!(text.contains("\nB − A: b vs a\n"), "{text}");
    assert!(text.contains("\nC − A: c vs a\n"), "{text}");
    let zero = summary
        .diff
        .get("b")
        .unwrap()
        .get(Kpi::ALL[0].name())
        .unwrap();
    assert_eq!((zero.mean, zero.ci95), (Some(0.0), Some([0.0, 0.0])));
    assert_eq!(table::label(25), "Z");
    assert_eq!(table::label(26), "S27");
}

#[test]
fn extra_measures_join_the_diffs_and_the_replications_csv() {
    let (a, mut ma) = fake("a", 2, |_, r| Some(r as f64));
    let (b, mut mb) = fake("b", 2, |_, r| Some(r as f64));
    ma.extend(measures_from_rows(
        &["kpi_clarity"],
        [[Some(0.5)], [Some(0.7)]],
    ));
    mb.extend(measures_from_rows(&["kpi_clarity"], [[Some(0.9)], [None]]));
    let summary = CompareSummary::from_measures(5, 2, vec![a, b], &[ma.clone(), mb.clone()]);
    let d = summary.diff.get("b").unwrap();
    assert_eq!(d.0.len(), Kpi::ALL.len() + 1);
    let clarity = d.get("kpi_clarity").unwrap();
    assert_eq!(clarity.n, 1);
    assert!((clarity.mean.unwrap() - 0.4).abs() < 1e-12);
    let reps = csv::replications_csv(&["a", "b"], &[ma, mb]);
    assert!(reps.lines().next().unwrap().ends_with(",kpi_clarity"));
    assert!(reps.lines().last().unwrap().ends_with(",1,"), "{reps}");
}
