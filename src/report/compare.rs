//! What `salesim compare` reports: each scenario's KPI summary and, for every scenario after
//! the first (the baseline), the paired difference of each KPI against it (SPEC §10).
//!
//! # How a comparison is built
//!
//! ```text
//!  configs ──experiment::run_paired_replications (same seed, same replication indices)──►
//!  results[c][r] ──► RunSummary per scenario          ─┐
//!               └──► kpi_measures ──► paired_diffs ───┴─► CompareSummary ──► JSON/table/CSV
//! ```
//!
//! Every scenario runs replications `0..n` with one master seed, so replication `r` of each
//! faces the same market (common random numbers, SPEC §2) and the difference is taken per
//! replication: `d_r = x_B,r − x_A,r`, then its mean, sd, n and Student-t 95% CI over the
//! replications where both define the KPI.
//!
//! # Adding measures
//!
//! The diffs work on any list of [`Measure`]s (a name and its per-replication values), not only
//! on the KPIs: to compare another per-replication number (e.g. the KPI-clarity measures of
//! SPEC §7), append it to each scenario's measure list before [`CompareSummary::from_measures`],
//! and it appears in `"diff"` and in `replications.csv` with no other change.
//!
//! # Names
//!
//! The scenarios' names key the `"diff"` object and must be unique: [`unique_names`] adds the
//! file stem to names used twice, and the scenario objects carry the same unique names.

pub mod csv;
pub mod measure;
pub mod names;
pub mod table;

pub use measure::{Measure, kpi_measures, measures_from_rows, paired_diffs};
pub use names::unique_names;

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::model::{Config, ReplicationResult};

use super::ordered::OrderedMap;
use super::summary::{KpiSummary, RunSummary};

/// The result of a comparison: the JSON schema of `salesim compare` (SPEC §10). Contains
/// nothing that depends on wall time or on the thread count, so the same inputs give
/// byte-identical JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompareSummary {
    /// Master seed every scenario ran with.
    pub seed: u64,
    /// Replications of each scenario (the same indices `0..replications` for all).
    pub replications: u32,
    /// Each scenario's summary, exactly as `salesim run` reports it, baseline first; its
    /// `scenario` field holds the unique name that keys [`CompareSummary::diff`].
    pub scenarios: Vec<RunSummary>,
    /// For each scenario after the first, by name: per measure, the paired difference
    /// `scenario − baseline` (mean, 95% CI, sd, and the number of pairs `n`).
    pub diff: OrderedMap<OrderedMap<KpiSummary>>,
}

impl CompareSummary {
    /// Builds the comparison from each scenario's summary and measures (baseline first,
    /// `measures[i]` belonging to `scenarios[i]`; extra entries of the longer list are
    /// ignored). `replications` is recorded as given.
    pub fn from_measures(
        seed: u64,
        replications: u32,
        scenarios: Vec<RunSummary>,
        measures: &[Vec<Measure>],
    ) -> Self {
        let diff = match measures.split_first() {
            Some((base, others)) => scenarios
                .iter()
                .skip(1)
                .zip(others)
                .map(|(s, m)| (s.scenario.clone(), paired_diffs(base, m)))
                .collect(),
            None => Vec::new(),
        };
        CompareSummary {
            seed,
            replications,
            scenarios,
            diff: OrderedMap(diff),
        }
    }

    /// Builds the comparison of the KPIs of scenarios run with
    /// [`crate::experiment::run_paired_replications`]: `results[i]` are the replications (in
    /// order) of `configs[i]` run with `seed`, reported under `names[i]` (unique, see
    /// [`unique_names`]); the first is the baseline. Entries beyond the shortest slice are
    /// ignored.
    pub fn from_results(
        seed: u64,
        names: &[String],
        configs: &[Config],
        results: &[Vec<ReplicationResult>],
    ) -> Self {
        let scenarios = names
            .iter()
            .zip(configs)
            .zip(results)
            .map(|((name, config), r)| {
                let mut summary = RunSummary::from_results(config, seed, r);
                summary.scenario.clone_from(name);
                if let Some(charts) = summary.charts.as_mut() {
                    charts.name.clone_from(name);
                }
                summary
            })
            .collect();
        let measures: Vec<Vec<Measure>> = results.iter().map(|r| kpi_measures(r)).collect();
        let replications = results.first().map_or(0, |r| r.len() as u32);
        Self::from_measures(seed, replications, scenarios, &measures)
    }

    /// The baseline's name (the first scenario), if any.
    pub fn baseline(&self) -> Option<&str> {
        self.scenarios.first().map(|s| s.scenario.as_str())
    }

    /// Pretty-printed JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self)
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        s.push('\n');
        s
    }
}

/// Writes `summary.json`, `summary.csv` and `replications.csv` of a comparison into `dir`
/// (created if needed), each atomically. `measures[i]` are the per-replication measures of
/// `summary.scenarios[i]`.
///
/// # Errors
/// Any I/O error, with the path it concerns (`dir` being an existing file among them).
pub fn write_outputs(
    dir: &Path,
    summary: &CompareSummary,
    measures: &[Vec<Measure>],
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
        .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", dir.display())))?;
    super::atomic::write(&dir.join("summary.json"), summary.to_json().as_bytes())?;
    super::atomic::write(
        &dir.join("summary.csv"),
        csv::summary_csv(summary).as_bytes(),
    )?;
    let names: Vec<&str> = summary
        .scenarios
        .iter()
        .map(|s| s.scenario.as_str())
        .collect();
    super::atomic::write(
        &dir.join("replications.csv"),
        csv::replications_csv(&names, measures).as_bytes(),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests;
