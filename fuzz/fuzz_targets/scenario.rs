//! Arbitrary bytes through parse → validate → one short replication (issue 7).
//!
//! `cargo +nightly fuzz run scenario -O corpus/scenario ../tests/fixtures/fuzz/corpus -- -timeout=10`
//! (from `fuzz/`; new inputs go to the first, git-ignored directory). Inputs that find a bug go
//! to `tests/fixtures/fuzz/` with a regression test named after the bug; the minimised corpus
//! (`cargo +nightly fuzz cmin`) goes to `tests/fixtures/fuzz/corpus/`, which the stable test
//! suite replays.
#![no_main]

use libfuzzer_sys::fuzz_target;
use salesim::model::config::Pool;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(scenario) = salesim::scenario::parse_str(&text, "fuzz.ron") else {
        return;
    };
    let Ok(mut cfg) = salesim::scenario::validate(&scenario, "fuzz.ron") else {
        return;
    };
    // Valid but large scenarios are the long tests' job: keep each input to milliseconds.
    let big = cfg.head_count() > 60
        || cfg.inbound.leads_per_week > 2_000.0
        || cfg.customers.initial > 5_000
        || matches!(cfg.outbound.pool, Pool::Accounts(n) if n > 100_000)
        || cfg.outbound.new_accounts_per_week > 5_000.0;
    if big {
        return;
    }
    cfg.horizon_weeks = cfg.horizon_weeks.min(3);
    cfg.warmup_weeks = cfg.warmup_weeks.min(cfg.horizon_weeks - 1);
    cfg.clarity.fault_week = cfg.clarity.fault_week.map(|w| w.min(cfg.horizon_weeks - 1));
    let (_, ledger) = salesim::model::run_replication_audited(&cfg, scenario.seed, 0);
    assert_eq!(ledger.deals_orphaned + ledger.customers_orphaned, 0);
});
