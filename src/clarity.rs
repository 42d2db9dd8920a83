//! The KPI-clarity experiment of SPEC §7: does splitting roles make each stage's KPI owned and
//! readable, and can a manager find a rep or a stage that slipped?
//!
//! Focus, attribution, `kpi_clarity` and detectability come from every replication
//! ([`crate::model::ClarityValues`]); the diagnosis runs each replication twice — without and
//! with a fault that slows one activity of one person ([`FaultScope::Person`]) or of everyone
//! ([`FaultScope::Stage`]) — and watches the weekly stage series with a CUSUM
//! ([`cusum::first_alarm`]). The fault is chosen from the no-fault run with the clarity
//! stream, so the experiment is deterministic for a seed. The detector is never tuned to
//! favour a structure.

pub mod cusum;
pub mod diagnosis;

use rayon::prelude::*;

use crate::model::config::FaultScope;
use crate::model::{Config, ReplicationResult};
use crate::stats::{Estimate, estimate};

pub use diagnosis::{Outcome, diagnose, fault_week};

/// The names of the clarity measures, in report order (SPEC §10).
pub const MEASURES: [&str; 8] = [
    "kpi_clarity",
    "focus",
    "attribution",
    "detectability_weeks",
    "detectability_team_weeks",
    "diagnosis_accuracy",
    "false_alarm_rate",
    "detection_weeks_mean",
];

impl Outcome {
    /// The replication's value of each of [`MEASURES`] (`None` where undefined).
    pub fn measures(&self) -> [Option<f64>; 8] {
        let v = &self.values;
        [
            v.kpi_clarity,
            v.focus,
            v.attribution,
            v.detectability_weeks,
            v.detectability_team_weeks,
            self.correct.map(|c| f64::from(u8::from(c))),
            Some(f64::from(u8::from(self.false_alarm))),
            self.detection_weeks,
        ]
    }
}

/// Runs `replications` replications of the experiment in parallel (on the current rayon
/// pool), in replication order: each no-fault run's result and the experiment's outcome.
/// `progress` is called with the number finished.
pub fn run(
    config: &Config,
    replications: u32,
    seed: u64,
    scope: FaultScope,
    progress: &(dyn Fn(u64) + Sync),
) -> Vec<(ReplicationResult, Outcome)> {
    let done = std::sync::atomic::AtomicU64::new(0);
    (0..replications)
        .into_par_iter()
        .map(|r| {
            let outcome = diagnose(config, seed, r, scope);
            progress(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1);
            outcome
        })
        .collect()
}

/// Mean and 95% CI of each of [`MEASURES`] over `outcomes`. The CIs of the shares
/// (`diagnosis_accuracy`, `false_alarm_rate`, focus, attribution, `kpi_clarity`) are Student-t
/// intervals clipped to [0, 1].
pub fn summarize(outcomes: &[Outcome]) -> Vec<(&'static str, Option<Estimate>)> {
    MEASURES
        .iter()
        .enumerate()
        .map(|(i, &name)| {
            let mut e = estimate(outcomes.iter().map(|o| o.measures()[i]));
            if is_share(name) {
                if let Some(ci) = e.as_mut().and_then(|e| e.ci95.as_mut()) {
                    *ci = ci.map(|x| x.clamp(0.0, 1.0));
                }
            }
            (name, e)
        })
        .collect()
}

/// Whether measure `name` is a share in [0, 1].
pub fn is_share(name: &str) -> bool {
    !name.contains("weeks")
}

#[cfg(test)]
mod tests;
