//! Issue 6's sweep target: `benches/sweep100.ron` (100 points × 100 replications of the
//! bundled 1-2-3-1 market: 10,000 replications of 52 weeks) run in full as `salesim sweep`
//! runs it — journal, `points.csv` and all, into a fresh directory each time — in a rayon pool
//! of 1 and of 2 threads.
//!
//! The target is under a minute on 2 cores. Parallel efficiency on sweeps is
//! time(1) / (2 × time(2)); Amdahl's serial fraction s = 2 / speed-up − 1, where
//! speed-up = time(1) / time(2). One sample is one whole sweep (5–10 s), so this bench takes
//! about three minutes.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use salesim::sweep::{LoadOptions, Shard, Sweep, SweepRun};

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
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
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

criterion_group!(benches, sweep100);
criterion_main!(benches);
