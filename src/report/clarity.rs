//! What `salesim clarity` reports: per scenario, the run summary of its no-fault runs plus the
//! clarity measures of SPEC §7 with 95% CIs; with several scenarios, the paired difference of
//! each measure against the first (same seeds).

use std::fmt::Write;

use serde::{Deserialize, Serialize};

use crate::clarity::{MEASURES, Outcome};
use crate::model::{Config, ReplicationResult};
use crate::stats::estimate;

use super::ordered::OrderedMap;
use super::summary::{KpiSummary, RunSummary};
use super::table::human;

/// The report of `salesim clarity` for one or more scenarios.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClarityReport {
    /// Master seed (shared by every scenario).
    pub seed: u64,
    /// Replications per scenario.
    pub replications: u32,
    /// Which fault scope the diagnosis used (`Person` or `Stage`).
    pub fault_scope: String,
    /// One entry per scenario, in command-line order, each with `clarity` set.
    pub scenarios: Vec<RunSummary>,
    /// Per later scenario (by name), the paired difference of each measure against the first.
    pub diff: OrderedMap<OrderedMap<KpiSummary>>,
}

/// One scenario's summary for the clarity report: the run summary of its no-fault runs (in
/// replication order) with `clarity` and the clarity chart filled in.
pub fn scenario_summary(
    config: &Config,
    seed: u64,
    runs: &[(ReplicationResult, Outcome)],
) -> RunSummary {
    let results: Vec<ReplicationResult> = runs.iter().map(|(r, _)| r.clone()).collect();
    let outcomes: Vec<Outcome> = runs.iter().map(|(_, o)| *o).collect();
    let measures = crate::clarity::summarize(&outcomes);
    let mut summary = RunSummary::from_results(config, seed, &results);
    if let Some(charts) = summary.charts.as_mut() {
        charts.clarity = super::charts::clarity_chart(&measures);
    }
    summary.clarity = Some(OrderedMap(
        measures
            .into_iter()
            .map(|(m, e)| (m.to_string(), e.into()))
            .collect(),
    ));
    summary
}

/// The paired difference of each measure, `b − a`, over replications where both are defined.
pub fn paired_diff(a: &[Outcome], b: &[Outcome]) -> OrderedMap<KpiSummary> {
    OrderedMap(
        MEASURES
            .iter()
            .enumerate()
            .map(|(i, &m)| {
                let d = a.iter().zip(b).map(|(x, y)| {
                    let (x, y) = (x.measures()[i], y.measures()[i]);
                    Some(y? - x?)
                });
                (m.to_string(), estimate(d).into())
            })
            .collect(),
    )
}

impl ClarityReport {
    /// The clarity part of a comparison run with `--clarity` (scenarios without clarity
    /// measures are left out).
    pub fn from_compare(summary: &super::CompareSummary, fault_scope: String) -> Self {
        let scenarios = summary
            .scenarios
            .iter()
            .filter(|s| s.clarity.is_some())
            .cloned()
            .collect();
        let diff = summary
            .diff
            .0
            .iter()
            .map(|(name, d)| {
                let only = MEASURES
                    .iter()
                    .filter_map(|m| Some((m.to_string(), d.get(m)?.clone())))
                    .collect();
                (name.clone(), OrderedMap(only))
            })
            .collect();
        ClarityReport {
            seed: summary.seed,
            replications: summary.replications,
            fault_scope,
            scenarios,
            diff: OrderedMap(diff),
        }
    }

    /// Pretty-printed JSON with a final newline: for one scenario its object alone (the run
    /// summary with `"clarity"`, SPEC §10), for several the whole report.
    pub fn to_json(&self) -> String {
        let value = match self.scenarios.as_slice() {
            [one] => serde_json::to_string_pretty(one),
            _ => serde_json::to_string_pretty(self),
        };
        let mut s = value.unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        s.push('\n');
        s
    }

    /// The table people read: one row per measure, a column per scenario, then the paired
    /// differences against the first.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let names: Vec<&str> = self.scenarios.iter().map(|s| s.scenario.as_str()).collect();
        let _ = writeln!(
            out,
            "KPI clarity (SPEC §7) — {} replications, seed {}, fault scope {}",
            self.replications, self.seed, self.fault_scope
        );
        for (i, name) in names.iter().enumerate() {
            let _ = writeln!(out, "  [{}] {name}", letter(i));
        }
        let _ = writeln!(out);
        let _ = write!(out, "  {:<26}", "measure");
        for i in 0..names.len() {
            let _ = write!(out, " {:>24}", format!("[{}] mean [95% CI]", letter(i)));
        }
        let _ = writeln!(out);
        for m in MEASURES {
            let _ = write!(out, "  {m:<26}");
            for s in &self.scenarios {
                let _ = write!(
                    out,
                    " {:>24}",
                    cell(s.clarity.as_ref().and_then(|c| c.get(m)))
                );
            }
            let _ = writeln!(out);
        }
        for (name, diffs) in &self.diff.0 {
            let i = names.iter().position(|n| n == name).unwrap_or(0);
            let _ = writeln!(
                out,
                "\n  [{}] − [A], paired (same seeds); * = the 95% CI excludes 0",
                letter(i)
            );
            for m in MEASURES {
                let d = diffs.get(m);
                let mark = d
                    .and_then(|d| d.ci95)
                    .is_some_and(|[lo, hi]| lo > 0.0 || hi < 0.0);
                let _ = writeln!(
                    out,
                    "  {m:<26} {:>24} {}",
                    cell(d),
                    if mark { "*" } else { "" }
                );
            }
        }
        out
    }
}

fn letter(i: usize) -> char {
    (b'A' + (i % 26) as u8) as char
}

fn cell(s: Option<&KpiSummary>) -> String {
    let Some(s) = s else {
        return "—".into();
    };
    match (s.mean, s.ci95) {
        (Some(m), Some([lo, hi])) => {
            format!("{} [{}, {}]", human(m, ""), human(lo, ""), human(hi, ""))
        }
        (Some(m), None) => human(m, ""),
        _ => "—".into(),
    }
}
