//! One 52-week replication of each bundled 7-person scenario (events and time).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn bundled(c: &mut Criterion) {
    let mut group = c.benchmark_group("replication");
    for name in ["specialized", "generalist"] {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("scenarios/{name}.ron"));
        let (_, config) = salesim::scenario::load_config(&path).expect("bundled scenario");
        let events = salesim::model::run_replication(&config, 1, 0).events;
        eprintln!("{name}.ron: {events} events per replication");
        group.throughput(Throughput::Elements(events));
        group.bench_function(name, |b| {
            b.iter(|| salesim::model::run_replication(black_box(&config), 1, 0))
        });
    }
    group.finish();
}

criterion_group!(benches, bundled);
criterion_main!(benches);
