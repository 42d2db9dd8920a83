//! CSV exports of a comparison, in long format: one row per (scenario, KPI) and per
//! (diff, KPI) in `summary.csv`, one row per (scenario, replication) in `replications.csv`.

use crate::report::ordered::OrderedMap;
use crate::report::summary::KpiSummary;

use super::CompareSummary;
use super::measure::Measure;

/// A number as CSV shows it (shortest exact form), empty when undefined.
fn cell(v: Option<f64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn to_string(w: csv::Writer<Vec<u8>>) -> String {
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The rows of one map of summaries under the label `scenario`.
fn write_rows(w: &mut csv::Writer<Vec<u8>>, scenario: &str, kpis: &OrderedMap<KpiSummary>) {
    for (name, s) in &kpis.0 {
        let _ = w.write_record([
            scenario.to_string(),
            name.clone(),
            cell(s.mean),
            cell(s.ci95.map(|c| c[0])),
            cell(s.ci95.map(|c| c[1])),
            cell(s.sd),
            s.n.to_string(),
        ]);
    }
}

/// `scenario,kpi,mean,ci_lo,ci_hi,sd,n`: every KPI of every scenario, then every paired
/// difference with `diff:<scenario name>` in the `scenario` column; empty cells where
/// undefined.
pub fn summary_csv(summary: &CompareSummary) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["scenario", "kpi", "mean", "ci_lo", "ci_hi", "sd", "n"]);
    for s in &summary.scenarios {
        write_rows(&mut w, &s.scenario, &s.kpis);
    }
    for (name, diffs) in &summary.diff.0 {
        write_rows(&mut w, &format!("diff:{name}"), diffs);
    }
    to_string(w)
}

/// `scenario,replication,<every measure>`: one row per scenario and replication, the columns
/// named after the first scenario's measures; empty cells where undefined. `names[i]` labels
/// `measures[i]`.
pub fn replications_csv(names: &[&str], measures: &[Vec<Measure>]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let columns: Vec<&str> = measures
        .first()
        .map(|m| m.iter().map(|m| m.name.as_str()).collect())
        .unwrap_or_default();
    let header = ["scenario", "replication"]
        .into_iter()
        .chain(columns.iter().copied());
    let _ = w.write_record(header);
    for (name, scenario) in names.iter().zip(measures) {
        let lookup: Vec<Option<&Measure>> = columns
            .iter()
            .map(|c| scenario.iter().find(|m| m.name == *c))
            .collect();
        let replications = scenario.iter().map(|m| m.values.len()).max().unwrap_or(0);
        for r in 0..replications {
            let row = [name.to_string(), r.to_string()].into_iter().chain(
                lookup
                    .iter()
                    .map(|m| cell(m.and_then(|m| m.values.get(r).copied().flatten()))),
            );
            let _ = w.write_record(row);
        }
    }
    to_string(w)
}
