//! Replications of one scenario, run in parallel and returned in replication order.
//!
//! Every replication is a pure function of `(config, seed, replication index)`: its random
//! streams are derived from those three (see [`crate::engine::rng`]), never from a thread or
//! from execution order. Results are collected into an index-ordered `Vec`, so whatever reduces
//! them afterwards sees the same input for any thread count. To limit the threads, run inside a
//! `rayon::ThreadPool::install`.

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
