//! Parallel efficiency on replications: wall time of [`salesim::experiment::run_replications`]
//! for 40 replications of `scenarios/specialized.ron` in a rayon pool of 1 and of 2 threads.
//! Efficiency = time(1) / (2 × time(2)); with Amdahl's law, the serial fraction is
//! s = (2 / speed-up − 1), where speed-up = time(1) / time(2).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const REPLICATIONS: u32 = 40;

fn parallel(c: &mut Criterion) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/specialized.ron");
    let (_, config) = salesim::scenario::load_config(&path).expect("bundled scenario");
    let mut group = c.benchmark_group("parallel");
    group.sample_size(10);
    group.throughput(Throughput::Elements(u64::from(REPLICATIONS)));
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
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

criterion_group!(benches, parallel);
criterion_main!(benches);
