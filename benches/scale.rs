//! Scaling with size: the specialised 1-2-3-1 team grown to 7, 70, 700 and 5,000 people with
//! a proportional market (inbound leads per week × team size / 7; outbound is unlimited, so
//! it grows with the scouts), 13 weeks with 1 week of warm-up. Criterion reports events per
//! second for each size; the cost per event should stay flat (issue 6).
//!
//! Every touch runs as an event of its own here (`TouchMode::PerEvent`): with the default
//! skip-ahead, a scout's touches between meetings cost one draw, not one event each, and
//! events per second would measure the skip, not the engine's cost per event.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use salesim::model::{RunOptions, TouchMode};

/// The scenario text for `people` people: the role shares of `scenarios/specialized.ron`.
fn scenario(people: u32) -> String {
    let shares = [("Inbound", 1), ("Scout", 2), ("Closer", 3), ("Success", 1)];
    let mut left = people;
    let mut team = String::new();
    for (i, (role, share)) in shares.iter().enumerate() {
        let count = if i + 1 == shares.len() {
            left
        } else {
            (f64::from(people) * f64::from(*share) / 7.0).round() as u32
        };
        left -= count;
        team.push_str(&format!(
            "(role: {role}, count: {count}, attrition_per_year: 0.3),\n"
        ));
    }
    let leads = 40.0 * f64::from(people) / 7.0;
    format!(
        "Scenario(name: \"scale {people}\", seed: 1, horizon_weeks: 13, warmup_weeks: 1,
         inbound: (leads_per_week: {leads}), team: [{team}])"
    )
}

fn scale(c: &mut Criterion) {
    let mut group = c.benchmark_group("scale");
    group.sample_size(10);
    for people in [7u32, 70, 700, 5000] {
        let text = scenario(people);
        let s = salesim::scenario::parse_str(&text, "scale.ron").expect("generated scenario");
        let config = salesim::scenario::validate(&s, "scale.ron").expect("valid scenario");
        let options = RunOptions::default().with_touches(TouchMode::PerEvent);
        let run = move |config: &salesim::model::Config| {
            salesim::model::run_replication_with(config, 1, 0, &options).0
        };
        let events = run(&config).events;
        eprintln!("{people} people, 13 weeks: {events} events per replication");
        group.throughput(Throughput::Elements(events));
        group.bench_function(format!("people_{people}"), |b| {
            b.iter(|| run(black_box(&config)))
        });
    }
    group.finish();
}

criterion_group!(benches, scale);
criterion_main!(benches);
