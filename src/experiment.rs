//! Replications of one scenario, run in parallel and returned in replication order.
//!
//! Every replication is a pure function of `(config, seed, replication index)`: its random
//! streams are derived from those three (see [`crate::engine::rng`]), never from a thread or
//! from execution order. Results are collected into an index-ordered `Vec`, or handed one by
//! one in replication order to a fold ([`run_replications_folded`], for memory that does not
//! grow with the replications), so whatever reduces them sees the same input for any thread
//! count. To limit the threads, run inside a `rayon::ThreadPool::install`.
//!
//! [`run_paired_replications`] runs several scenarios on the same seed and replication
//! indices, for comparisons paired by common random numbers (SPEC §2).

use rayon::prelude::*;

use std::sync::atomic::{AtomicU64, Ordering};

use crate::model::{self, Config, ReplicationResult, RunOptions};

/// Runs replications `0..replications` of `config` with master seed `seed`, in parallel on the
/// current rayon pool, and returns them in replication order. `progress` is called once per
/// finished replication with the number finished so far (from worker threads).
pub fn run_replications(
    config: &Config,
    replications: u32,
    seed: u64,
    progress: &(dyn Fn(u64) + Sync),
) -> Vec<ReplicationResult> {
    let options = RunOptions::default();
    run_range(
        config,
        seed,
        &options,
        0..replications,
        &AtomicU64::new(0),
        progress,
    )
}

/// Runs replications `range` in parallel and returns them in order; `done` counts finished
/// replications across calls and `progress` hears each new count.
fn run_range(
    config: &Config,
    seed: u64,
    options: &RunOptions,
    range: std::ops::Range<u32>,
    done: &AtomicU64,
    progress: &(dyn Fn(u64) + Sync),
) -> Vec<ReplicationResult> {
    range
        .into_par_iter()
        .map(|r| {
            let result = model::run_replication_with(config, seed, r, options).0;
            progress(done.fetch_add(1, Ordering::Relaxed) + 1);
            result
        })
        .collect()
}

/// Replications run at once by [`run_replications_folded`] per thread of the pool; a chunk
/// holds at least [`MIN_CHUNK`].
const CHUNK_PER_THREAD: usize = 64;

/// The smallest chunk of [`run_replications_folded`]: 1,024 results of a typical scenario
/// take about 2.5 MB.
const MIN_CHUNK: usize = 1024;

/// Runs replications `0..replications` of `config` with master seed `seed`, in parallel on the
/// current rayon pool, and calls `fold` with each result in replication order, stopping at
/// the first error `fold` returns. `progress` is called once per finished replication with the
/// number finished so far (from worker threads).
///
/// Replications run in chunks of `max(1024, 64 × threads)`: a chunk's results are folded,
/// and dropped, before the next chunk starts, so memory is bounded by one chunk whatever the
/// number of replications (issue 6). The chunk size changes only the wall time: `fold` sees
/// the same results in the same order for any thread count. Threads idle only at the end of
/// each chunk, waiting for its slowest replication (about 1/64 of a replication's time per
/// replication run, at most).
///
/// # Errors
/// The first error of `fold`; the replications after it are not run.
///
/// # Example
/// ```
/// let text = r#"Scenario(name: "two reps", horizon_weeks: 6, team: [(role: Generalist, count: 2)])"#;
/// let scenario = salesim::scenario::parse_str(text, "example.ron").unwrap();
/// let config = salesim::scenario::validate(&scenario, "example.ron").unwrap();
/// let mut events = Vec::new();
/// salesim::experiment::run_replications_folded(&config, 3, 7, &|_| {}, |r| {
///     events.push((r.replication, r.events));
///     Ok::<(), std::convert::Infallible>(())
/// })
/// .unwrap();
/// assert_eq!(events.iter().map(|e| e.0).collect::<Vec<_>>(), [0, 1, 2]);
/// ```
pub fn run_replications_folded<E>(
    config: &Config,
    replications: u32,
    seed: u64,
    progress: &(dyn Fn(u64) + Sync),
    fold: impl FnMut(ReplicationResult) -> Result<(), E>,
) -> Result<(), E> {
    let options = RunOptions::default();
    run_replications_folded_with(config, replications, seed, &options, progress, fold)
}

/// [`run_replications_folded`] with [`RunOptions`] for every replication (e.g. another
/// [`model::TouchMode`], to check that it changes no distribution).
///
/// # Errors
/// The first error of `fold`; the replications after it are not run.
pub fn run_replications_folded_with<E>(
    config: &Config,
    replications: u32,
    seed: u64,
    options: &RunOptions,
    progress: &(dyn Fn(u64) + Sync),
    fold: impl FnMut(ReplicationResult) -> Result<(), E>,
) -> Result<(), E> {
    let chunk = (rayon::current_num_threads() * CHUNK_PER_THREAD).max(MIN_CHUNK);
    run_chunked(config, replications, seed, options, chunk, progress, fold)
}

/// [`run_replications_folded`] with chunks of `chunk` replications (tests use small ones).
fn run_chunked<E>(
    config: &Config,
    replications: u32,
    seed: u64,
    options: &RunOptions,
    chunk: usize,
    progress: &(dyn Fn(u64) + Sync),
    mut fold: impl FnMut(ReplicationResult) -> Result<(), E>,
) -> Result<(), E> {
    let chunk = u32::try_from(chunk.max(1)).unwrap_or(u32::MAX);
    let done = AtomicU64::new(0);
    let mut start = 0;
    while start < replications {
        let end = start.saturating_add(chunk).min(replications);
        for result in run_range(config, seed, options, start..end, &done, progress) {
            fold(result)?;
        }
        start = end;
    }
    Ok(())
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
    let done = AtomicU64::new(0);
    let runs: Vec<(usize, u32)> = (0..configs.len())
        .flat_map(|c| (0..replications).map(move |r| (c, r)))
        .collect();
    let flat: Vec<ReplicationResult> = runs
        .into_par_iter()
        .map(|(c, r)| {
            let result = model::run_replication(&configs[c], seed, r);
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        let text = r#"Scenario(name: "chunks", horizon_weeks: 8, warmup_weeks: 1,
            team: [(role: Scout, count: 1), (role: Generalist, count: 2)])"#;
        let scenario = crate::scenario::parse_str(text, "chunks.ron").unwrap();
        crate::scenario::validate(&scenario, "chunks.ron").unwrap()
    }

    fn folded(config: &Config, threads: usize, chunk: usize) -> Vec<ReplicationResult> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let mut out = Vec::new();
        pool.install(|| {
            run_chunked(config, 11, 5, &RunOptions::default(), chunk, &|_| {}, |r| {
                out.push(r);
                Ok::<(), std::convert::Infallible>(())
            })
        })
        .unwrap();
        out
    }

    /// Issue 6: chunked folding gives the results of `run_replications`, in order, for any
    /// thread count and chunk size (here chunks that do not divide the replications).
    #[test]
    fn folding_in_chunks_sees_every_result_in_order_for_any_thread_count() {
        let config = config();
        let all = run_replications(&config, 11, 5, &|_| {});
        for (threads, chunk) in [(1, 1), (1, 4), (2, 3), (2, 1024)] {
            assert_eq!(
                folded(&config, threads, chunk),
                all,
                "{threads} threads, {chunk}"
            );
        }
    }

    #[test]
    fn folding_stops_at_the_first_error() {
        let config = config();
        let mut seen = Vec::new();
        let err = run_chunked(&config, 11, 5, &RunOptions::default(), 4, &|_| {}, |r| {
            seen.push(r.replication);
            if r.replication == 5 {
                Err("full")
            } else {
                Ok(())
            }
        });
        assert_eq!(err, Err("full"));
        assert_eq!(seen, [0, 1, 2, 3, 4, 5]);
    }
}
