//! The summary of one scenario's replications: the JSON schema of SPEC §10.

use serde::{Deserialize, Serialize};

use crate::model::{Config, Kpi, ReplicationResult, TIME_CATEGORIES};
use crate::stats::{Estimate, estimate};

use super::ordered::OrderedMap;

/// One KPI's summary; all fields `null` in JSON when no replication defines it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KpiSummary {
    /// Mean over replications.
    pub mean: Option<f64>,
    /// Student-t 95% CI of the mean.
    pub ci95: Option<[f64; 2]>,
    /// Standard deviation over replications.
    pub sd: Option<f64>,
    /// Replications in which the KPI is defined.
    pub n: usize,
}

impl From<Option<Estimate>> for KpiSummary {
    fn from(e: Option<Estimate>) -> Self {
        match e {
            Some(e) => KpiSummary {
                mean: Some(e.mean),
                ci95: e.ci95,
                sd: e.sd,
                n: e.n,
            },
            None => KpiSummary {
                mean: None,
                ci95: None,
                sd: None,
                n: 0,
            },
        }
    }
}

/// What `salesim run` reports for one scenario. Contains nothing that depends on wall time,
/// so the same inputs give byte-identical JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunSummary {
    /// Scenario name.
    pub scenario: String,
    /// Master seed.
    pub seed: u64,
    /// Replications run.
    pub replications: u32,
    /// Simulated weeks.
    pub horizon_weeks: u32,
    /// Weeks left out of the KPIs.
    pub warmup_weeks: u32,
    /// Every KPI of SPEC §6, in [`Kpi::ALL`] order.
    pub kpis: OrderedMap<KpiSummary>,
    /// Per role: mean share of shift time per category of [`TIME_CATEGORIES`].
    pub time_share: OrderedMap<OrderedMap<f64>>,
    /// Mean events processed per replication.
    pub events_per_replication: f64,
    /// The data of the charts (weekly series, funnel, speed-to-lead, time budget, money),
    /// so that `salesim plot` can redraw them from this file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charts: Option<crate::plot::data::ScenarioCharts>,
    /// The KPI-clarity measures of SPEC §7 (`clarity`, `compare --clarity`), by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clarity: Option<OrderedMap<KpiSummary>>,
}

impl RunSummary {
    /// Summarises `results` (in replication order) of `config` run with `seed`.
    pub fn from_results(config: &Config, seed: u64, results: &[ReplicationResult]) -> Self {
        let kpis = Kpi::ALL
            .iter()
            .map(|&k| {
                (
                    k.name().to_string(),
                    estimate(results.iter().map(|r| r.kpi(k))).into(),
                )
            })
            .collect();
        let mut time_share = Vec::new();
        if let Some(first) = results.first() {
            for (i, role) in first.time_use.iter().enumerate() {
                let shares: Vec<[f64; 7]> = results
                    .iter()
                    .filter_map(|r| r.time_use[i].shares())
                    .collect();
                let n = shares.len().max(1) as f64;
                let cats = TIME_CATEGORIES
                    .iter()
                    .enumerate()
                    .map(|(c, name)| {
                        (
                            name.to_string(),
                            shares.iter().map(|s| s[c]).sum::<f64>() / n,
                        )
                    })
                    .collect();
                time_share.push((role.role.clone(), OrderedMap(cats)));
            }
        }
        let events =
            results.iter().map(|r| r.events as f64).sum::<f64>() / results.len().max(1) as f64;
        let mut summary = RunSummary {
            scenario: config.name.clone(),
            seed,
            replications: results.len() as u32,
            horizon_weeks: config.horizon_weeks,
            warmup_weeks: config.warmup_weeks,
            kpis: OrderedMap(kpis),
            time_share: OrderedMap(time_share),
            events_per_replication: events,
            charts: None,
            clarity: None,
        };
        summary.charts = Some(super::charts::scenario_charts(&summary, results));
        summary
    }

    /// The summary of one KPI.
    pub fn kpi(&self, kpi: Kpi) -> Option<&KpiSummary> {
        self.kpis.get(kpi.name())
    }

    /// Pretty-printed JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self)
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        s.push('\n');
        s
    }
}
