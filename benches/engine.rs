//! Engine throughput: `scenarios/validation/mmc.ron` (M/M/10) through the full sales model,
//! one replication on one core; events per second = events / time (criterion reports the
//! time; the event count is printed once). Compare with `../shared/peers/mmc_rust`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn mmc(c: &mut Criterion) {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/validation/mmc.ron");
    let (_, mut config) = salesim::scenario::load_config(&path).expect("bundled scenario");
    config.horizon_weeks = 20;
    let events = salesim::model::run_replication(&config, 1, 0).events;
    eprintln!("mmc.ron, 20 weeks: {events} events per replication");
    let mut group = c.benchmark_group("engine");
    group.throughput(Throughput::Elements(events));
    group.sample_size(20);
    group.bench_function("mmc_20_weeks", |b| {
        b.iter(|| salesim::model::run_replication(black_box(&config), 1, 0))
    });
    group.finish();
}

criterion_group!(benches, mmc);
criterion_main!(benches);
