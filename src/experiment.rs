//! Replications of one scenario, run in parallel and returned in replication order.
//!
//! Every replication is a pure function of `(config, seed, replication index)`: its random
//! streams are derived from those three (see [`crate::engine::rng`]), never from a thread or
//! from execution order. Results are collected into an index-ordered `Vec`, so whatever reduces
//! them afterwards sees the same input for any thread count. To limit the threads, run inside a
//! `rayon::ThreadPool::install`.
//!
//! [`run_paired_replications`] runs several scenarios on the same seed and replication
//! indices, for comparisons paired by common random numbers (SPEC §2).

use rayon::prelude::*;

use crate::model::{self, Config, ReplicationResult};

/// Runs replications `0..replications` of `config` with master seed `seed`, in parallel on the
/// current rayon pool, and returns them in replication order. `progress` is called once per
/// finished replication with the number finished so far (from worker threads).
pub fn run_replications(
    config: &Config,
    replications: u32,
    seed: u64,
    progress: &(dyn Fn(u64) + Sync),
) -> Vec<ReplicationResult> {
    let done = std::sync::atomic::AtomicU64::new(0);
    (0..replications)
        .into_par_iter()
        .map(|r| {
            let result = model::run_replication(config, seed, r);
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            progress(n);
            result
        })
        .collect()
}

/// Runs replications `0..replications` of every config in `configs` with the same master seed
/// `seed`, so replication `r` of each faces the same market (common random numbers, SPEC §2),
/// and returns them as `out[c][r]`: per config in the given order, in replication order.
///
/// All `configs.len() × replications` runs share the current rayon pool, so a slow scenario
/// does not leave threads idle. `progress` is called once per finished run with the number
/// finished so far, out of `configs.len() × replications`. Like [`run_replications`], the
/// result does not depend on the thread count or on execution order.
///
/// # Example
/// ```
/// let text = r#"Scenario(name: "two reps", horizon_weeks: 6, team: [(role: Generalist, count: 2)])"#;
/// let scenario = salesim::scenario::parse_str(text, "example.ron").unwrap();
/// let config = salesim::scenario::validate(&scenario, "example.ron").unwrap();
/// let configs = [config.clone(), config];
/// let results = salesim::experiment::run_paired_replications(&configs, 3, 7, &|_| {});
/// assert_eq!((results.len(), results[1].len()), (2, 3));
/// assert_eq!(results[0], results[1]);
/// ```
pub fn run_paired_replications(
    configs: &[Config],
    replications: u32,
    seed: u64,
    progress: &(dyn Fn(u64) + Sync),
) -> Vec<Vec<ReplicationResult>> {
    let done = std::sync::atomic::AtomicU64::new(0);
    let runs: Vec<(usize, u32)> = (0..configs.len())
        .flat_map(|c| (0..replications).map(move |r| (c, r)))
        .collect();
    let flat: Vec<ReplicationResult> = runs
        .into_par_iter()
        .map(|(c, r)| {
            let result = model::run_replication(&configs[c], seed, r);
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            progress(n);
            result
        })
        .collect();
    let mut flat = flat.into_iter();
    configs
        .iter()
        .map(|_| flat.by_ref().take(replications as usize).collect())
        .collect()
}
