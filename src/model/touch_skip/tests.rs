//! The skip-ahead changes which random numbers decide a touch, not their law: the first
//! meeting's position follows the touch-by-touch law exactly, and whole runs agree with
//! [`TouchMode::Inline`] in distribution on every KPI (paired by seed: both see the same
//! market and the same departures).

use super::super::config::*;
use super::super::testkit::*;
use super::super::{Kpi, RunOptions, TouchMode, run_replication_with};
use super::*;
use crate::engine::rng::stream;

/// A table whose skill climbs from 0.3 to 1.0 within a few touches.
fn steep_table(len: usize) -> LevelTable {
    let curve = SkillCurve {
        start: 0.3,
        full: 1.0,
        learn_hours: 2.0,
    };
    LevelTable::build(&curve, 0.1, 0.0, len)
}

/// The law of the first meeting in `from..=last`: `P(k) = p_k ∏_{i<k} (1 − p_i)`, and the
/// probability of none last.
fn exact_law(table: &LevelTable, from: usize, last: usize, connect: f64, meet: f64) -> Vec<f64> {
    let mut law = Vec::new();
    let mut none = 1.0;
    for k in from..=last {
        let p = connect * (meet * table.level_at(k)).min(1.0);
        law.push(none * p);
        none *= 1.0 - p;
    }
    law.push(none);
    law
}

/// Pearson's χ² of `draws` first meetings against the exact law, pooling cells expected
/// below 5 into their neighbour; returns (χ², degrees of freedom).
fn chi_square(connect: f64, meet: f64, from: usize, last: usize, draws: u32) -> (f64, usize) {
    let table = steep_table(last + 1);
    let law = exact_law(&table, from, last, connect, meet);
    let mut seen = vec![0u32; law.len()];
    let mut rng = stream(11, 0, 0, 0);
    for _ in 0..draws {
        let cell = match next_meeting(&mut rng, &table, from, last, connect, meet) {
            Some(k) => {
                assert!((from..=last).contains(&k), "{k} outside {from}..={last}");
                k - from
            }
            None => law.len() - 1,
        };
        seen[cell] += 1;
    }
    let (mut chi2, mut cells) = (0.0, 0);
    let (mut expected, mut observed) = (0.0, 0.0);
    for (p, n) in law.iter().zip(&seen) {
        expected += p * f64::from(draws);
        observed += f64::from(*n);
        if expected >= 5.0 {
            chi2 += (observed - expected).powi(2) / expected;
            cells += 1;
            (expected, observed) = (0.0, 0.0);
        }
    }
    if expected > 0.0 {
        chi2 += (observed - expected).powi(2) / expected;
        cells += 1;
    }
    (chi2, cells - 1)
}

/// The 0.1% critical value of χ² with `df` degrees of freedom (Wilson–Hilferty).
fn chi_square_critical(df: usize) -> f64 {
    let k = df as f64;
    let z = 3.0902; // the 99.9% normal quantile
    k * (1.0 - 2.0 / (9.0 * k) + z * (2.0 / (9.0 * k)).sqrt()).powi(3)
}

#[test]
fn the_first_meeting_follows_the_touch_by_touch_law() {
    for (connect, meet, from, last) in [
        (0.05, 0.2, 0, 400), // the SPEC defaults, with learning
        (0.3, 0.9, 3, 60),   // frequent meetings, starting mid-table
        (0.5, 1.6, 0, 30),   // meeting_prob × skill above 1 (capped) from the middle on
        (0.02, 0.5, 10, 12), // a run of three touches: mostly none
    ] {
        let (chi2, df) = chi_square(connect, meet, from, last, 200_000);
        let critical = chi_square_critical(df);
        assert!(
            chi2 < critical,
            "connect {connect}, meet {meet}, {from}..={last}: χ² {chi2:.1} ≥ {critical:.1} ({df} df)"
        );
    }
}

#[test]
fn certain_and_impossible_meetings_need_no_luck() {
    let table = steep_table(50);
    let mut rng = stream(3, 0, 0, 0);
    for _ in 0..100 {
        // Every touch connects and, at any skill ≥ 0.3, meeting_prob 4 caps at 1.
        assert_eq!(next_meeting(&mut rng, &table, 7, 40, 1.0, 4.0), Some(7));
        assert_eq!(next_meeting(&mut rng, &table, 7, 40, 0.0, 0.2), None);
        assert_eq!(next_meeting(&mut rng, &table, 7, 40, 0.3, 0.0), None);
        assert_eq!(next_meeting(&mut rng, &table, 40, 40, 1.0, 4.0), Some(40));
    }
}

/// Paired comparison of `runs` replications of `cfg` under the skip-ahead and inline: for
/// every KPI, the mean of the per-replication differences is within 4 standard errors of zero,
/// or exactly zero when the differences do not vary. 4 is the Bonferroni bound for the family
/// of about 35 KPIs at the 0.1% level (two-sided 0.001 / 35 = 2.9e-5), so a false alarm in any
/// of them is 1 in 1,000. (A single KPI at 3.29, the 0.1% level alone, does fail by chance
/// here: win rate at t = −3.32 in one configuration, which 8,000 further replications put
/// at t = 0.42 and 1.08.)
fn assert_same_distribution(what: &str, cfg: &Config, runs: u32) {
    assert_same_distribution_with(what, cfg, runs, RunOptions::default());
}

/// [`assert_same_distribution`] with `options` (their touch mode is set on each side).
fn assert_same_distribution_with(what: &str, cfg: &Config, runs: u32, options: RunOptions) {
    let skip = options.with_touches(TouchMode::SkipAhead);
    let inline = options.with_touches(TouchMode::Inline);
    assert_eq!(
        RunOptions::default().touches,
        TouchMode::SkipAhead,
        "the default"
    );
    let pairs: Vec<_> = (0..runs)
        .map(|r| {
            let a = run_replication_with(cfg, 5, r, &skip).0;
            let b = run_replication_with(cfg, 5, r, &inline).0;
            (a, b)
        })
        .collect();
    assert!(
        pairs.iter().any(|(a, b)| a != b),
        "{what}: the skip-ahead never ran (every replication identical to inline)"
    );
    let mut compared = 0;
    for &kpi in Kpi::ALL {
        let diffs: Vec<f64> = pairs
            .iter()
            .filter_map(|(a, b)| Some(a.kpi(kpi)? - b.kpi(kpi)?))
            .collect();
        if diffs.len() < runs as usize / 2 {
            continue;
        }
        compared += 1;
        let n = diffs.len() as f64;
        let mean = diffs.iter().sum::<f64>() / n;
        let var = diffs.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / (n - 1.0);
        let se = (var / n).sqrt();
        let scale = pairs
            .iter()
            .filter_map(|(_, b)| b.kpi(kpi))
            .map(f64::abs)
            .sum::<f64>()
            / n;
        if se <= 1e-12 * scale.max(1.0) {
            assert!(
                mean.abs() <= 1e-9 * scale.max(1.0),
                "{what}: {} moved by {mean} in every replication",
                kpi.name()
            );
            continue;
        }
        let t = mean / se;
        assert!(
            t.abs() < 4.0,
            "{what}: {} differs, paired t = {t:.2} over {n} replications",
            kpi.name()
        );
    }
    assert!(compared >= 25, "{what}: only {compared} KPIs compared");
    // The touches themselves run back to back whatever they set, so each replication makes the
    // same number (up to a touch at the window's edges, where sums round differently).
    for (a, b) in &pairs {
        let touches = |r: &crate::model::ReplicationResult| {
            r.kpi(Kpi::ProspectTouchesPerWeek).unwrap()
                * f64::from(cfg.horizon_weeks - cfg.warmup_weeks)
        };
        assert!(
            (touches(a) - touches(b)).abs() <= 2.0,
            "{what}: {} against {} touches",
            touches(a),
            touches(b)
        );
    }
}

#[test]
fn whole_runs_agree_with_inline_touches_in_distribution() {
    assert_same_distribution("the bundled split", &specialists(), 300);
}

#[test]
fn departures_promotions_hires_and_no_learning_agree_too() {
    let mut busy = specialists();
    for e in &mut busy.team {
        e.attrition_per_year = 3.0;
    }
    busy.people.vacancy_weeks = 1.5;
    busy.people.promote_scouts_after_months = Some(3.0);
    busy.outbound.connect_prob = 0.2;
    assert_same_distribution("attrition, promotion, frequent meetings", &busy, 300);
    let mut flat = specialists();
    flat.work.learning = false;
    flat.team.push(custom("Hunter", &[Activity::Prospect], 2));
    assert_same_distribution("no learning, custom prospectors", &flat, 200);
}

#[test]
fn random_touch_work_runs_touch_by_touch() {
    // Random touch work leaves the touches' times unknown in advance: touches are drawn one
    // by one, exactly as inline.
    let mut lognormal = specialists();
    lognormal.outbound.work_hours = crate::engine::Dist::lognormal(0.1, 0.05).unwrap();
    let inline = RunOptions::default().with_touches(TouchMode::Inline);
    for r in 0..2 {
        assert_eq!(
            run_replication_with(&lognormal, 9, r, &RunOptions::default()),
            run_replication_with(&lognormal, 9, r, &inline),
        );
    }
}

/// A fault on prospecting from week 20, on one scout or on everyone.
fn prospect_fault(person: Option<u32>) -> RunOptions {
    RunOptions {
        trace: true,
        fault: Some(crate::model::Fault {
            activity: Activity::Prospect,
            person,
            from_week: 20,
            factor: 0.7,
        }),
        ..RunOptions::default()
    }
}

#[test]
fn a_faulted_run_makes_the_clean_runs_touches_until_the_fault() {
    // The skip-ahead stops at the fault and runs touch by touch after it, so everything
    // before week 20 is the clean run's, week by week and person by person (the KPI-clarity
    // experiment compares the two), and the fault still bites after it.
    let cfg = specialists();
    let clean_options = RunOptions {
        trace: true,
        ..RunOptions::default()
    };
    for r in 0..4 {
        let clean = run_replication_with(&cfg, 9, r, &clean_options).0;
        let clean = clean.trace.unwrap();
        for who in [Some(1), None] {
            let faulted = run_replication_with(&cfg, 9, r, &prospect_fault(who)).0;
            let faulted = faulted.trace.unwrap();
            let before = (20 - clean.first_week) as usize;
            assert_eq!(
                clean.team[..before],
                faulted.team[..before],
                "replication {r}"
            );
            for (a, b) in clean.persons.iter().zip(&faulted.persons) {
                assert_eq!(a.series[..before], b.series[..before], "replication {r}");
            }
            let meetings = |t: &crate::model::Trace| -> u32 {
                t.team[before..]
                    .iter()
                    .map(|w| w[Activity::Prospect.index()])
                    .sum()
            };
            assert_ne!(
                meetings(&clean),
                meetings(&faulted),
                "replication {r}: no effect"
            );
        }
    }
}

#[test]
fn faulted_runs_agree_with_inline_touches_in_distribution() {
    let cfg = specialists();
    assert_same_distribution_with("a fault on one scout", &cfg, 200, prospect_fault(Some(1)));
    assert_same_distribution_with("a fault on every scout", &cfg, 200, prospect_fault(None));
}

/// With no chance of a meeting (`p̄ = 0`) there is no candidate, and the first candidate's
/// draw, taken ahead of the search, is given back: the person's stream does not move. With a
/// chance, it moves by the draws the search made.
#[test]
fn no_chance_of_a_meeting_draws_nothing() {
    let table = steep_table(100);
    let mut rng = stream(3, 0, 0, 0);
    let before = rng.clone();
    assert_eq!(next_meeting(&mut rng, &table, 0, 99, 0.0, 0.5), None);
    assert_eq!(rng, before, "no draw without a chance of a meeting");
    assert!(next_meeting(&mut rng, &table, 0, 99, 1.0, 1.0).is_some());
    assert_ne!(rng, before, "a search with a chance draws");
}
