//! One 52-week replication of each bundled 7-person scenario (events and time).
//!
//! Each iteration runs the next of replications 0 to 19 of seed 1, in turn, so the time is the
//! mean over 20 different replications. Timing one replication over and over flatters it:
//! the CPU's branch predictors partly learn a run that repeats exactly, and replication 0 of
//! specialized.ron timed alone read 0.99 ms when the same replication took 1.02 ms, and the
//! 20 a median of 1.04 ms each, when run in turn (PERFORMANCE.md, ninth pass).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// How many different replications the bench cycles through.
const REPLICATIONS: u32 = 20;

fn bundled(c: &mut Criterion) {
    let mut group = c.benchmark_group("replication");
    for name in ["specialized", "generalist"] {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("scenarios/{name}.ron"));
        let (_, config) = salesim::scenario::load_config(&path).expect("bundled scenario");
        let events: u64 = (0..REPLICATIONS)
            .map(|i| salesim::model::run_replication(&config, 1, i).events)
            .sum();
        let per_replication = events / u64::from(REPLICATIONS);
        eprintln!("{name}.ron: {per_replication} events per replication (mean of {REPLICATIONS})");
        group.throughput(Throughput::Elements(per_replication));
        group.bench_function(name, |b| {
            let mut next = 0;
            b.iter(|| {
                let result = salesim::model::run_replication(black_box(&config), 1, next);
                next = (next + 1) % REPLICATIONS;
                result
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bundled);
criterion_main!(benches);
