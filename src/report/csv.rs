//! CSV exports: one row per KPI (`summary.csv`) and one row per replication
//! (`replications.csv`).

use crate::model::{Kpi, ReplicationResult};

use super::summary::RunSummary;

fn cell(v: Option<f64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn to_string(w: csv::Writer<Vec<u8>>) -> String {
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// `kpi,group,unit,mean,sd,ci_lo,ci_hi,n`, one row per KPI; empty cells where undefined.
pub fn summary_csv(summary: &RunSummary) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["kpi", "group", "unit", "mean", "sd", "ci_lo", "ci_hi", "n"]);
    for &k in Kpi::ALL {
        let s = summary.kpi(k);
        let ci = s.and_then(|s| s.ci95);
        let _ = w.write_record([
            k.name().to_string(),
            k.group().title().to_string(),
            k.unit().to_string(),
            cell(s.and_then(|s| s.mean)),
            cell(s.and_then(|s| s.sd)),
            cell(ci.map(|c| c[0])),
            cell(ci.map(|c| c[1])),
            s.map_or(0, |s| s.n).to_string(),
        ]);
    }
    to_string(w)
}

/// `replication,events,<every KPI>`, one row per replication; empty cells where undefined.
pub fn replications_csv(results: &[ReplicationResult]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = ["replication", "events"]
        .into_iter()
        .map(String::from)
        .chain(Kpi::ALL.iter().map(|k| k.name().to_string()));
    let _ = w.write_record(header);
    for r in results {
        let row = [r.replication.to_string(), r.events.to_string()]
            .into_iter()
            .chain(Kpi::ALL.iter().map(|&k| cell(r.kpi(k))));
        let _ = w.write_record(row);
    }
    to_string(w)
}
