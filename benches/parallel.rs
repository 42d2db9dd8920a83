//! Parallel efficiency, on replications and on a sweep, in rayon pools of 1 and of 2 threads:
//!
//! - `parallel`: [`salesim::experiment::run_replications`] for 40 replications of
//!   `scenarios/specialized.ron`;
//! - `sweep100`: issue 6's sweep target, `benches/sweep100.ron` (100 points × 100
//!   replications of the bundled 1-2-3-1 market: 10,000 replications of 52 weeks), run in
//!   full as `salesim sweep` runs it — journal and `points.csv` into a fresh directory each
//!   time. The target is under a minute on 2 cores. One sample is one whole sweep (5–10 s),
//!   so this group takes about three minutes; `cargo bench --bench parallel -- parallel/`
//!   runs the first group alone.
//!
//! Efficiency = time(1) / (2 × time(2)); with Amdahl's law, the serial fraction is
//! s = (2 / speed-up − 1), where speed-up = time(1) / time(2).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use rayon::ThreadPool;
use salesim::sweep::{LoadOptions, Shard, Sweep, SweepRun};

const REPLICATIONS: u32 = 40;

/// Rayon pools of 1 and of 2 threads, with their sizes.
fn pools() -> Vec<(usize, ThreadPool)> {
    [1, 2]
        .into_iter()
        .map(|threads| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("thread pool");
            (threads, pool)
        })
        .collect()
}

fn replications(c: &mut Criterion) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/specialized.ron");
    let (_, config) = salesim::scenario::load_config(&path).expect("bundled scenario");
    let mut group = c.benchmark_group("parallel");
    group.sample_size(10);
    group.throughput(Throughput::Elements(u64::from(REPLICATIONS)));
    for (threads, pool) in pools() {
        group.bench_function(format!("threads_{threads}"), |b| {
            b.iter(|| {
                pool.install(|| {
                    salesim::experiment::run_replications(
                        black_box(&config),
                        REPLICATIONS,
                        1,
                        &|_| {},
                    )
                })
            })
        });
    }
    group.finish();
}

fn sweep100(c: &mut Criterion) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/sweep100.ron");
    let sweep = Sweep::load(&path, &LoadOptions::default()).expect("bundled sweep");
    let mut group = c.benchmark_group("sweep100");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(120));
    group.throughput(Throughput::Elements(
        sweep.points() * u64::from(sweep.replications),
    ));
    for (threads, pool) in pools() {
        group.bench_function(format!("threads_{threads}"), |b| {
            b.iter(|| {
                let dir = tempfile::tempdir().expect("a temporary directory");
                let run = SweepRun::open(black_box(&sweep), dir.path(), Shard::WHOLE, false)
                    .expect("a fresh sweep directory");
                pool.install(|| run.run(&|| {})).expect("the sweep runs");
                run.finish().expect("points.csv is written")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, replications, sweep100);
criterion_main!(benches);
