//! Plain timing of `scenarios/validation/mmc.ron` through the full model, for `benches/peers.sh`:
//! one replication of `WEEKS` weeks (default 1000 ≈ 1.51 M customers, 3.0 M events), timed
//! around [`salesim::model::run_replication_with`] only, like the peers time their loop only.
//!
//! `cargo bench --bench mmc_events -- [WEEKS] [REPS] [lazy]` prints one line per repetition:
//! `events=… wall_s=… events_per_s=…`. An event is one popped and handled event; in this
//! scenario those are the lead arrivals and task completions (the arrivals and service
//! completions of the peers) plus one shift start. The run uses `TouchMode::PerEvent`, so that
//! every arrival is an event, as in the peers; with `lazy`, salesim's default, which books an
//! arrival that finds every rep busy without an event (fewer queue operations, the same count).

use std::time::Instant;

fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.replace('_', "").parse().ok())
        .collect();
    let lazy = std::env::args().any(|a| a == "lazy");
    let weeks = args.first().copied().unwrap_or(1000);
    let reps = args.get(1).copied().unwrap_or(1);
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/validation/mmc.ron");
    let (_, mut config) = salesim::scenario::load_config(&path).expect("bundled scenario");
    config.horizon_weeks = u32::try_from(weeks).expect("weeks fit in u32");
    let options = if lazy {
        salesim::model::RunOptions::default()
    } else {
        salesim::model::RunOptions::default().with_touches(salesim::model::TouchMode::PerEvent)
    };
    for rep in 0..reps {
        let start = Instant::now();
        let (result, _) =
            salesim::model::run_replication_with(std::hint::black_box(&config), 1, 0, &options);
        let secs = start.elapsed().as_secs_f64();
        println!(
            "engine=salesim{} rep={rep} weeks={weeks} events={} wall_s={secs:.4} events_per_s={:.0} ns_per_event={:.2}",
            if lazy { "_lazy" } else { "" },
            result.events,
            result.events as f64 / secs,
            secs * 1e9 / result.events as f64
        );
    }
}
