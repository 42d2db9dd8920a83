//! The summary of one scenario's replications: the JSON schema of SPEC §10.

use serde::{Deserialize, Serialize};

use crate::model::{Config, Kpi, ReplicationResult, TIME_CATEGORIES};
use crate::stats::{Estimate, RunningEstimate};

use super::charts::ChartsBuilder;
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
    /// Summarises `results` (in replication order) of `config` run with `seed`, through a
    /// [`SummaryBuilder`]: the same summary as streaming them, to the bit.
    pub fn from_results(config: &Config, seed: u64, results: &[ReplicationResult]) -> Self {
        let mut builder = SummaryBuilder::new(config, seed);
        for r in results {
            builder.add(r);
        }
        builder.finish()
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

/// Per role: name, sum of each time share in order (from -0.0, as `Iterator::sum`) over the
/// replications where the role had shift time, and their count.
type RoleShares = (String, [f64; TIME_CATEGORIES.len()], usize);

/// A [`RunSummary`] folded from replications one at a time, in replication order, in memory
/// that grows with the KPIs, roles and weeks but not with the number of replications
/// (`salesim run` streams its results into one, issue 6).
///
/// # Precision
/// Every mean (KPIs, time shares, events, chart points) is the sum in replication order
/// divided by the count, bit-identical to summing a `Vec` of all the results. Standard
/// deviations, and so CIs and chart bands, are one-pass ([`RunningEstimate`]): they may
/// differ from the two-pass [`crate::stats::estimate()`] in the last bits.
///
/// # Example
/// ```
/// let text = r#"Scenario(name: "two reps", horizon_weeks: 6, team: [(role: Generalist, count: 2)])"#;
/// let scenario = salesim::scenario::parse_str(text, "example.ron").unwrap();
/// let config = salesim::scenario::validate(&scenario, "example.ron").unwrap();
/// let mut builder = salesim::report::summary::SummaryBuilder::new(&config, 7);
/// salesim::experiment::run_replications_folded(&config, 3, 7, &|_| {}, |r| {
///     builder.add(&r);
///     Ok::<(), std::convert::Infallible>(())
/// })
/// .unwrap();
/// let summary = builder.finish();
/// assert_eq!(summary.replications, 3);
/// ```
#[derive(Debug, Clone)]
pub struct SummaryBuilder {
    scenario: String,
    seed: u64,
    horizon_weeks: u32,
    warmup_weeks: u32,
    /// Replications added.
    replications: u32,
    /// One per KPI, in [`Kpi::ALL`] order.
    kpis: Vec<RunningEstimate>,
    /// Per role of the first replication, in its order; empty before it.
    time_shares: Vec<RoleShares>,
    /// Sum of the events of each replication, in order.
    events: f64,
    charts: ChartsBuilder,
}

impl SummaryBuilder {
    /// An empty summary of `config` run with `seed`.
    pub fn new(config: &Config, seed: u64) -> Self {
        SummaryBuilder {
            scenario: config.name.clone(),
            seed,
            horizon_weeks: config.horizon_weeks,
            warmup_weeks: config.warmup_weeks,
            replications: 0,
            kpis: vec![RunningEstimate::default(); Kpi::ALL.len()],
            time_shares: Vec::new(),
            events: -0.0,
            charts: ChartsBuilder::default(),
        }
    }

    /// Adds the next replication's result (replication order keeps sums reproducible).
    ///
    /// # Panics
    /// If `r` has fewer roles than the first result (all replications of one config have the
    /// same roles).
    pub fn add(&mut self, r: &ReplicationResult) {
        if self.replications == 0 {
            self.time_shares = r
                .time_use
                .iter()
                .map(|role| (role.role.clone(), [-0.0; TIME_CATEGORIES.len()], 0))
                .collect();
        }
        self.replications += 1;
        for (acc, &k) in self.kpis.iter_mut().zip(Kpi::ALL) {
            acc.add(r.kpi(k));
        }
        for (i, (_, sums, n)) in self.time_shares.iter_mut().enumerate() {
            if let Some(shares) = r.time_use[i].shares() {
                for (sum, share) in sums.iter_mut().zip(shares) {
                    *sum += share;
                }
                *n += 1;
            }
        }
        self.events += r.events as f64;
        self.charts.add(r);
    }

    /// The summary of the replications added, with its chart data.
    pub fn finish(&self) -> RunSummary {
        let kpis = Kpi::ALL
            .iter()
            .zip(&self.kpis)
            .map(|(k, acc)| (k.name().to_string(), acc.estimate().into()))
            .collect();
        let time_share = self
            .time_shares
            .iter()
            .map(|(role, sums, n)| {
                let n = (*n).max(1) as f64;
                let cats = TIME_CATEGORIES
                    .iter()
                    .zip(sums)
                    .map(|(name, sum)| (name.to_string(), sum / n))
                    .collect();
                (role.clone(), OrderedMap(cats))
            })
            .collect();
        let mut summary = RunSummary {
            scenario: self.scenario.clone(),
            seed: self.seed,
            replications: self.replications,
            horizon_weeks: self.horizon_weeks,
            warmup_weeks: self.warmup_weeks,
            kpis: OrderedMap(kpis),
            time_share: OrderedMap(time_share),
            events_per_replication: self.events / f64::from(self.replications.max(1)),
            charts: None,
            clarity: None,
        };
        summary.charts = Some(self.charts.finish(&summary));
        summary
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiment::{run_replications, run_replications_folded};
    use crate::stats::estimate;

    fn results() -> (Config, Vec<ReplicationResult>) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("scenarios/small-specialized.ron");
        let (_, config) = crate::scenario::load_config(&path).unwrap();
        let results = run_replications(&config, 9, 11, &|_| {});
        (config, results)
    }

    /// Issue 6: streaming the replications into a builder as they finish gives the summary
    /// of the collected results, to the bit (charts included).
    #[test]
    fn streamed_results_give_the_summary_of_the_collected_ones() {
        let (config, results) = results();
        let mut builder = SummaryBuilder::new(&config, 11);
        run_replications_folded(&config, 9, 11, &|_| {}, |r| {
            builder.add(&r);
            Ok::<(), std::convert::Infallible>(())
        })
        .unwrap();
        let streamed = builder.finish();
        assert_eq!(streamed, RunSummary::from_results(&config, 11, &results));
        assert_eq!(
            streamed.to_json(),
            RunSummary::from_results(&config, 11, &results).to_json()
        );
    }

    /// The builder against two-pass sums over all the results: means bit-identical, standard
    /// deviations within rounding.
    #[test]
    fn the_builder_matches_two_pass_statistics_over_all_results() {
        let (config, results) = results();
        let summary = RunSummary::from_results(&config, 11, &results);
        let close =
            |a: f64, b: f64| assert!((a - b).abs() <= 1e-12 * b.abs().max(1e-3), "{a} vs {b}");
        for &k in Kpi::ALL {
            let s = summary.kpi(k).unwrap();
            match estimate(results.iter().map(|r| r.kpi(k))) {
                None => assert_eq!((s.mean, s.n), (None, 0), "{}", k.name()),
                Some(e) => {
                    assert_eq!(
                        s.mean.map(f64::to_bits),
                        Some(e.mean.to_bits()),
                        "{}",
                        k.name()
                    );
                    assert_eq!(s.n, e.n);
                    close(s.sd.unwrap(), e.sd.unwrap());
                    for (a, b) in s.ci95.unwrap().iter().zip(e.ci95.unwrap()) {
                        close(*a, b);
                    }
                }
            }
        }
        let events = results.iter().map(|r| r.events as f64).sum::<f64>() / 9.0;
        assert_eq!(summary.events_per_replication.to_bits(), events.to_bits());
        for (i, (role, shares)) in summary.time_share.0.iter().enumerate() {
            let all: Vec<_> = results
                .iter()
                .filter_map(|r| r.time_use[i].shares())
                .collect();
            assert!(!all.is_empty(), "{role}");
            for (c, (_, share)) in shares.0.iter().enumerate() {
                let mean = all.iter().map(|s| s[c]).sum::<f64>() / all.len() as f64;
                assert_eq!(share.to_bits(), mean.to_bits(), "{role}");
            }
        }
        let charts = summary.charts.unwrap();
        let weeks = results.iter().map(|r| r.weekly.len()).min().unwrap();
        assert_eq!(charts.weekly.len(), weeks);
        for (i, point) in charts.weekly.iter().enumerate() {
            let won = estimate(results.iter().map(|r| Some(r.weekly[i][0]))).unwrap();
            assert_eq!(point.deals_won.mean.to_bits(), won.mean.to_bits());
            close(point.deals_won.hi, won.ci95.unwrap()[1]);
        }
        let with_cdf: Vec<_> = results
            .iter()
            .filter(|r| !r.response_cdf.is_empty())
            .collect();
        for (i, [_, share]) in charts.response_cdf.iter().enumerate() {
            let mean =
                with_cdf.iter().map(|r| r.response_cdf[i]).sum::<f64>() / with_cdf.len() as f64;
            assert_eq!(share.to_bits(), mean.to_bits());
        }
        assert_eq!(charts.funnel.len(), 6);
    }
}
