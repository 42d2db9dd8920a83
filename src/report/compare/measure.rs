//! Per-replication measures of one scenario, and their paired differences against a baseline.
//!
//! A [`Measure`] is any named number a replication yields: a KPI of [`Kpi::ALL`], or anything
//! else (the KPI-clarity measures of SPEC §7, say). The comparison code only sees names and
//! values, so a new kind of measure joins the diffs by being appended to each scenario's list;
//! [`measures_from_rows`] builds such a list from one array of values per replication, e.g.
//! `measures_from_rows(&clarity::MEASURES, outcomes.iter().map(|o| o.measures()))`.

use crate::model::{Kpi, ReplicationResult};
use crate::report::ordered::OrderedMap;
use crate::report::summary::KpiSummary;
use crate::stats::paired_difference;

/// One named measure over the replications of one scenario.
///
/// Invariant: `values[r]` is replication `r` (the replication index run with the comparison's
/// seed); `None` where the measure is undefined in that replication (SPEC §6).
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    /// Stable identifier, the key in JSON and the column in CSV (e.g. `revenue_per_week`).
    pub name: String,
    /// The value in each replication, in replication order.
    pub values: Vec<Option<f64>>,
}

impl Measure {
    /// A measure named `name` with `values` in replication order.
    pub fn new(name: impl Into<String>, values: Vec<Option<f64>>) -> Self {
        Measure {
            name: name.into(),
            values,
        }
    }
}

/// Measures named `names` from per-replication rows (in replication order) whose `i`-th value
/// belongs to `names[i]`: the transpose of "one row per replication".
///
/// # Example
/// ```
/// use salesim::report::compare::measures_from_rows;
/// let rows = [[Some(1.0), None], [Some(2.0), Some(0.5)]];
/// let m = measures_from_rows(&["a", "b"], rows);
/// assert_eq!(m[1].name, "b");
/// assert_eq!(m[1].values, [None, Some(0.5)]);
/// ```
pub fn measures_from_rows<const N: usize>(
    names: &[&str; N],
    rows: impl IntoIterator<Item = [Option<f64>; N]>,
) -> Vec<Measure> {
    let mut out: Vec<Measure> = names.iter().map(|&n| Measure::new(n, Vec::new())).collect();
    for row in rows {
        for (m, v) in out.iter_mut().zip(row) {
            m.values.push(v);
        }
    }
    out
}

/// Every KPI of [`Kpi::ALL`] as a measure over `results` (in replication order), in
/// [`Kpi::ALL`] order.
pub fn kpi_measures(results: &[ReplicationResult]) -> Vec<Measure> {
    Kpi::ALL
        .iter()
        .map(|&k| Measure::new(k.name(), results.iter().map(|r| r.kpi(k)).collect()))
        .collect()
}

/// The paired difference `other − base` of every measure of `base`, in `base`'s order, keyed
/// by name (see [`paired_difference`]). A measure missing from `other`, or defined in no common
/// replication, gets an all-`null` entry with `n = 0`, so every diff has the same keys.
pub fn paired_diffs(base: &[Measure], other: &[Measure]) -> OrderedMap<KpiSummary> {
    let diffs = base
        .iter()
        .map(|a| {
            let d = other
                .iter()
                .find(|b| b.name == a.name)
                .and_then(|b| paired_difference(&a.values, &b.values));
            (a.name.clone(), KpiSummary::from(d))
        })
        .collect();
    OrderedMap(diffs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diffs_follow_the_base_order_and_pair_by_name() {
        let base = vec![
            Measure::new("x", vec![Some(1.0), Some(2.0)]),
            Measure::new("y", vec![Some(5.0), None]),
            Measure::new("only_base", vec![Some(1.0), Some(1.0)]),
        ];
        let other = vec![
            Measure::new("y", vec![Some(6.0), Some(9.0)]),
            Measure::new("x", vec![Some(4.0), Some(4.0)]),
        ];
        let d = paired_diffs(&base, &other);
        let keys: Vec<&str> = d.0.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["x", "y", "only_base"]);
        let x = d.get("x").unwrap();
        assert_eq!((x.mean, x.n), (Some(2.5), 2));
        let y = d.get("y").unwrap();
        assert_eq!((y.mean, y.ci95, y.n), (Some(1.0), None, 1));
        assert_eq!(d.get("only_base").unwrap().n, 0);
    }
}
