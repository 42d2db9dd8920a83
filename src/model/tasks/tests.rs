//! Inline touches for lone prospectors are exact: every configuration below gives the same
//! result, field for field, with every touch as its own event.

use super::super::config::*;
use super::super::testkit::*;
use super::super::{Fault, ReplicationResult, RunOptions, TouchMode, sales::SalesModel};
use crate::engine::{Calendar, Dist, EventQueue, run_until};

/// One replication with `options`, and how many touches ran inline and how many arrivals
/// were booked without an event.
fn run(cfg: &Config, replication: u32, options: &RunOptions) -> (ReplicationResult, u64, u64) {
    let mut model = SalesModel::new(cfg, 7, replication, options);
    let mut queue = EventQueue::with_capacity(64);
    model.schedule_initial(&mut queue);
    let horizon = model.horizon;
    let events = run_until(&mut model, &mut queue, horizon);
    // What `finish` would book first, booked here to count it.
    model.catch_up_arrivals_before(horizon);
    let (inline, late) = (model.inline_events, model.late_arrivals);
    (model.finish(replication, events + inline).0, inline, late)
}

/// Asserts that inline runs happen for `cfg` and change nothing.
fn assert_exact(what: &str, cfg: &Config, options: RunOptions) {
    let options = options.with_touches(TouchMode::Inline);
    let reference = options.with_touches(TouchMode::PerEvent);
    for replication in 0..3 {
        let (fast, inline, _) = run(cfg, replication, &options);
        let (slow, none, _) = run(cfg, replication, &reference);
        assert_eq!(none, 0, "{what}: the reference path has no inline touches");
        assert!(inline > 100, "{what}: only {inline} touches ran inline");
        assert_eq!(fast, slow, "{what}, replication {replication}");
    }
}

fn scouts_with_attrition() -> Config {
    let mut cfg = specialists();
    for e in &mut cfg.team {
        e.attrition_per_year = 3.0;
    }
    cfg.people.vacancy_weeks = 1.5;
    cfg
}

#[test]
fn the_bundled_split_is_unchanged() {
    assert_exact("specialists", &specialists(), RunOptions::default());
}

#[test]
fn departures_promotions_and_back_fills_are_unchanged() {
    let mut cfg = scouts_with_attrition();
    cfg.people.promote_scouts_after_months = Some(2.0);
    assert_exact("attrition and promotion", &cfg, RunOptions::default());
}

#[test]
fn faults_traces_and_prospect_only_custom_roles_are_unchanged() {
    let mut cfg = scouts_with_attrition();
    cfg.team.push(custom("Hunter", &[Activity::Prospect], 2));
    let options = RunOptions {
        trace: true,
        fault: Some(Fault {
            activity: Activity::Prospect,
            person: Some(1),
            from_week: 20,
            factor: 0.7,
        }),
        ..RunOptions::default()
    };
    assert_exact("fault on a scout, traced", &cfg, options);
    let everyone = RunOptions {
        fault: Some(Fault {
            person: None,
            ..options.fault.unwrap()
        }),
        ..options
    };
    assert_exact("fault on everyone", &cfg, everyone);
}

#[test]
fn shifts_switching_learning_and_batches_are_unchanged() {
    // Random touch lengths that often cross a shift's end, a short day, six days a week.
    let mut cfg = scouts_with_attrition();
    cfg.calendar = Calendar::new(2.5, 22.0, 6).unwrap();
    cfg.outbound.work_hours = Dist::lognormal(0.4, 0.5).unwrap();
    cfg.outbound.connect_prob = 0.3;
    for e in &mut cfg.team {
        e.policy = Policy::Batch { block_hours: 1.0 };
        e.initial_hours = 0.0;
    }
    assert_exact(
        "short shifts, batches, ramping",
        &cfg,
        RunOptions::default(),
    );
    cfg.calendar = Calendar::always();
    cfg.work.learning = false;
    assert_exact("24/7, no learning", &cfg, RunOptions::default());
}

#[test]
fn a_team_of_generalists_runs_no_touch_inline() {
    // Generalists can be given leads, deals and customers between touches: never skipped.
    let cfg = generalists(7);
    let (_, inline, _) = run(&cfg, 0, &RunOptions::default());
    assert_eq!(inline, 0);
}

#[test]
fn a_finite_pool_runs_no_touch_inline() {
    // Scouts share a finite pool's accounts, so their touches interleave: never skipped.
    let mut cfg = specialists();
    cfg.outbound.pool = Pool::Accounts(500);
    cfg.outbound.new_accounts_per_week = 20.0;
    let (_, inline, _) = run(&cfg, 0, &RunOptions::default());
    assert_eq!(inline, 0);
}

/// Asserts that arrivals are booked late for `cfg` and that this changes nothing.
fn assert_lazy_arrivals_exact(what: &str, cfg: &Config) {
    let lazy = RunOptions::default().with_touches(TouchMode::Inline);
    let live = RunOptions::default().with_touches(TouchMode::PerEvent);
    for replication in 0..3 {
        let (fast, _, late) = run(cfg, replication, &lazy);
        let (slow, _, none) = run(cfg, replication, &live);
        assert_eq!(
            none, 0,
            "{what}: every arrival is an event in the reference"
        );
        assert!(late > 50, "{what}: only {late} arrivals were booked late");
        assert_eq!(fast, slow, "{what}, replication {replication}");
    }
}

#[test]
fn arrivals_nobody_can_take_are_booked_late_and_change_nothing() {
    // A lead that arrives while everyone who could take it is busy has no event of its own:
    // it is booked when someone next looks at the queue. Busy inbound reps (the bundled
    // split), a crowded queue of impatient leads, leads around the clock with an hourly
    // profile, generalists who are never idle on shift, departures and back-fills.
    assert_lazy_arrivals_exact("specialists", &specialists());
    let mut crowded = scouts_with_attrition();
    crowded.inbound.leads_per_week *= 3.0;
    crowded.inbound.abandon_after_hours = Some(3.0);
    assert_lazy_arrivals_exact("crowded, impatient", &crowded);
    let mut hourly = crowded.clone();
    hourly.inbound.profile =
        ArrivalProfile::Hourly((0..168).map(|h| 1.0 + (h % 24) as f64).collect());
    hourly.inbound.abandon_after_hours = None;
    assert_lazy_arrivals_exact("hourly profile, night leads", &hourly);
    assert_lazy_arrivals_exact("generalists", &generalists(7));
}
