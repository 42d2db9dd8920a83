//! Property tests (issue 7): the model's invariants on random valid scenarios. Teams of every
//! role (Custom included), both policies, calendars, every distribution, attrition, promotion,
//! abandonment, finite pools and initial customers, over short horizons so that each case
//! takes milliseconds. The runner's seed is fixed, so CI checks the same cases every time.

use proptest::prelude::*;
use salesim::model::{Config, Kpi, Ledger, run_replication_audited};
use salesim::scenario::schema::*;
use salesim::scenario::validate;

use crate::fuzz::runner;

fn dist(scale: f64) -> impl Strategy<Value = DistSpec> {
    let m = 0.2 * scale..2.0 * scale;
    prop_oneof![
        m.clone().prop_map(DistSpec::Fixed),
        m.clone().prop_map(|mean| DistSpec::Exp { mean }),
        (m.clone(), 0.0..1.0f64)
            .prop_map(move |(mean, f)| DistSpec::LogNormal { mean, sd: f * mean }),
        (m.clone(), 0.05..1.0f64).prop_map(move |(mean, f)| DistSpec::Gamma { mean, sd: f * mean }),
        (m.clone(), 0.0..1.0f64).prop_map(|(min, w)| DistSpec::Uniform {
            min,
            max: min * (1.0 + w) + 1e-3
        }),
        (m, 0.0..1.0f64, 0.0..1.0f64).prop_map(|(min, a, b)| {
            let max = min * (1.0 + b) + 1e-3;
            DistSpec::Triangular {
                min,
                mode: min + a * (max - min),
                max,
            }
        }),
    ]
}

fn activity() -> impl Strategy<Value = ActivitySpec> {
    prop_oneof![
        Just(ActivitySpec::Inbound),
        Just(ActivitySpec::Prospect),
        Just(ActivitySpec::Close),
        Just(ActivitySpec::Care),
    ]
}

fn role() -> impl Strategy<Value = RoleSpec> {
    prop_oneof![
        Just(RoleSpec::Inbound),
        Just(RoleSpec::Scout),
        Just(RoleSpec::Closer),
        Just(RoleSpec::Success),
        Just(RoleSpec::Generalist),
        proptest::sample::subsequence(
            vec![
                ActivitySpec::Inbound,
                ActivitySpec::Prospect,
                ActivitySpec::Close,
                ActivitySpec::Care
            ],
            1..=4,
        )
        .prop_shuffle()
        .prop_map(|a| RoleSpec::Custom("Hybrid".to_string(), a)),
    ]
}

fn entry() -> impl Strategy<Value = TeamEntrySpec> {
    let skill = (0.3..1.5f64, 0.5..2.0f64, 1.0..500.0f64).prop_map(|(start, full, learn_hours)| {
        SkillSpec {
            start,
            full,
            learn_hours,
        }
    });
    (
        role(),
        1..4u64,
        proptest::option::of(prop_oneof![
            Just(PolicySpec::Priority),
            (0.5..8.0f64).prop_map(|block_hours| PolicySpec::Batch { block_hours }),
        ]),
        proptest::collection::btree_map(activity(), skill, 0..3),
        proptest::option::of(0.0..3000.0f64),
        proptest::option::of(0.0..200_000.0f64),
        proptest::option::of(prop_oneof![Just(0.0), 0.0..6.0f64]),
    )
        .prop_map(|(role, count, policy, skill, ih, sal, att)| TeamEntrySpec {
            role,
            count,
            policy,
            skill,
            initial_hours: ih,
            salary_per_year: sal,
            attrition_per_year: att,
        })
}

fn inbound() -> impl Strategy<Value = InboundSpec> {
    let profile = prop_oneof![
        Just(ProfileSpec::BusinessHours),
        Just(ProfileSpec::Flat),
        (
            proptest::collection::vec(0.0..3.0f64, 168..=168),
            0..168usize
        )
            .prop_map(|(mut w, i)| {
                w[i] += 0.5;
                ProfileSpec::Hourly(w)
            }),
    ];
    let decay = prop_oneof![
        Just(DecaySpec::None),
        (0.1..50.0f64, 0.0..=1.0f64)
            .prop_map(|(hours, floor)| DecaySpec::HalfLife { hours, floor }),
        (0.1..5.0f64, 5.0..100.0f64, 0.0..=1.0f64, 0.0..=1.0f64).prop_map(|(a, b, w, f)| {
            DecaySpec::TwoPhase {
                fast_hours: a,
                slow_hours: b,
                fast_weight: w,
                floor: f,
            }
        }),
    ];
    (
        prop_oneof![1 => Just(0.0), 6 => 0.0..120.0f64],
        profile,
        dist(0.5),
        0.0..=1.0f64,
        decay,
        proptest::option::of(0.0..48.0f64),
    )
        .prop_map(|(l, profile, work_hours, q, decay, ab)| InboundSpec {
            leads_per_week: l,
            profile,
            work_hours,
            qualify_prob: q,
            decay,
            abandon_after_hours: ab,
        })
}

fn outbound() -> impl Strategy<Value = OutboundSpec> {
    (
        prop_oneof![
            Just(PoolSpec::Unlimited),
            (0..400u64).prop_map(PoolSpec::Accounts)
        ],
        prop_oneof![Just(0.0), 0.0..50.0f64],
        1..10u64,
        dist(0.1),
        0.0..=1.0f64,
        0.0..=1.0f64,
    )
        .prop_map(|(pool, n, t, w, c, m)| OutboundSpec {
            pool,
            new_accounts_per_week: n,
            max_touches: t,
            work_hours: w,
            connect_prob: c,
            meeting_prob: m,
        })
}

fn deals() -> impl Strategy<Value = DealsSpec> {
    (
        1..5u64,
        dist(1.0),
        dist(5.0),
        (0.0..=1.0f64, 0.0..=1.0f64),
        0.0..1.0f64,
        dist(20_000.0),
    )
        .prop_map(|(steps, sh, bs, (i, o), sd, dv)| DealsSpec {
            steps,
            step_hours: sh,
            between_steps_days: bs,
            win_prob: WinProbSpec {
                inbound: i,
                outbound: o,
            },
            stall_decay_per_week: sd,
            deal_value: dv,
        })
}

fn customers() -> impl Strategy<Value = CustomersSpec> {
    (
        prop_oneof![Just(0u64), 0..60u64],
        dist(2.0),
        dist(0.5),
        1.0..60.0f64,
        (0.0..0.2f64, 0.0..5.0f64, 0.0..20.0f64, 0.0..=1.0f64),
        dist(0.3),
    )
        .prop_map(
            |(initial, oh, ch, ci, (churn, nm, gd, ep), ev)| CustomersSpec {
                initial,
                onboarding_hours: oh,
                care_hours: ch,
                care_interval_days: ci,
                churn_per_period: churn,
                neglect_multiplier: nm,
                grace_days: gd,
                expansion_prob: ep,
                expansion_value_fraction: ev,
            },
        )
}

/// A random valid scenario: 2–8 weeks, 1–4 team entries of 1–3 people each.
pub(crate) fn valid_scenario() -> impl Strategy<Value = Scenario> {
    let calendar = (4.0..12.0f64, 0.0..12.0f64, 1..=7u64).prop_map(|(h, s, d)| CalendarSpec {
        hours_per_day: h,
        day_start: s,
        days_per_week: d,
    });
    let work =
        (0.0..1.0f64, 0.0..2.0f64, 0.0..0.3f64, any::<bool>()).prop_map(|(s, h, l, b)| WorkSpec {
            switch_hours: s,
            handoff: HandoffSpec {
                hours: h,
                info_loss: l,
            },
            learning: b,
        });
    let people = (
        0.0..6.0f64,
        0.0..30_000.0f64,
        any::<bool>(),
        proptest::option::of(0.1..2.0f64),
    )
        .prop_map(|(v, h, c, p)| PeopleSpec {
            vacancy_weeks: v,
            hiring_cost: h,
            count_initial_hires: c,
            promote_scouts_after_months: p,
        });
    (
        (any::<u64>(), 2..8u64, 0..2u64),
        calendar,
        inbound(),
        outbound(),
        deals(),
        customers(),
        (work, people),
        proptest::collection::vec(entry(), 1..5),
    )
        .prop_map(
            |(
                (seed, horizon, warmup),
                calendar,
                inbound,
                outbound,
                deals,
                customers,
                (work, people),
                team,
            )| {
                Scenario {
                    name: "property".to_string(),
                    seed,
                    replications: 2,
                    horizon_weeks: horizon,
                    warmup_weeks: warmup.min(horizon - 1),
                    calendar,
                    inbound,
                    outbound,
                    deals,
                    customers,
                    work,
                    people,
                    clarity: ClaritySpec::default(),
                    team,
                }
            },
        )
}

fn config(s: &Scenario) -> Config {
    validate(s, "property.ron")
        .unwrap_or_else(|e| panic!("generated an invalid scenario: {e}\n{s:?}"))
}

fn assert_conserved(l: &Ledger) {
    assert_eq!(
        l.leads_arrived,
        l.leads_qualified
            + l.leads_disqualified
            + l.leads_lost
            + l.leads_waiting
            + l.leads_in_progress,
        "leads: {l:?}"
    );
    assert_eq!(
        l.deals_created,
        l.deals_won + l.deals_lost + l.deals_open,
        "deals: {l:?}"
    );
    assert_eq!(
        l.customers_created,
        l.customers_churned + l.customers_alive,
        "customers: {l:?}"
    );
    assert_eq!(l.deals_orphaned, 0, "orphaned deals: {l:?}");
    assert_eq!(l.customers_orphaned, 0, "orphaned customers: {l:?}");
}

#[test]
fn leads_deals_and_customers_are_conserved() {
    runner(96, 10)
        .run(&(valid_scenario(), 0..4u32), |(s, r)| {
            let (_, l) = run_replication_audited(&config(&s), s.seed, r);
            assert_conserved(&l);
            Ok(())
        })
        .unwrap();
}

#[test]
fn time_shares_sum_to_one_and_kpis_are_finite_and_in_range() {
    runner(96, 11)
        .run(&valid_scenario(), |s| {
            let (r, _) = run_replication_audited(&config(&s), s.seed, 0);
            for t in &r.time_use {
                if let Some(shares) = t.shares() {
                    let sum: f64 = shares.iter().sum();
                    prop_assert!((sum - 1.0).abs() < 1e-9, "{}: shares sum to {sum}", t.role);
                    prop_assert!(
                        shares.iter().all(|x| (0.0..=1.0 + 1e-12).contains(x)),
                        "{shares:?}"
                    );
                }
            }
            for &k in Kpi::ALL {
                if let Some(v) = r.kpi(k) {
                    prop_assert!(v.is_finite(), "{} = {v}", k.name());
                }
            }
            for k in [Kpi::Utilization, Kpi::SwitchingShare, Kpi::HandoffShare] {
                if let Some(v) = r.kpi(k) {
                    prop_assert!((0.0..=1.0 + 1e-12).contains(&v), "{} = {v}", k.name());
                }
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn replications_are_the_same_on_one_and_two_threads() {
    let pool = |n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .unwrap()
    };
    let (one, two) = (pool(1), pool(2));
    runner(24, 12)
        .run(&valid_scenario(), |s| {
            let cfg = config(&s);
            let run = || salesim::experiment::run_replications(&cfg, 3, s.seed, &|_| {});
            let a = one.install(run);
            let b = two.install(run);
            prop_assert_eq!(&a, &b);
            prop_assert_eq!(&a[1], &salesim::model::run_replication(&cfg, s.seed, 1));
            Ok(())
        })
        .unwrap();
}

#[test]
fn one_more_closer_sees_the_same_inbound_market() {
    runner(64, 13)
        .run(&(valid_scenario(), 0..3u32), |(s, r)| {
            let mut bigger = s.clone();
            bigger.team.push(TeamEntrySpec {
                role: RoleSpec::Closer,
                count: 1,
                policy: None,
                skill: Default::default(),
                initial_hours: None,
                salary_per_year: None,
                attrition_per_year: None,
            });
            let (_, a) = run_replication_audited(&config(&s), s.seed, r);
            let (_, b) = run_replication_audited(&config(&bigger), s.seed, r);
            prop_assert_eq!(a.leads_arrived, b.leads_arrived);
            prop_assert_eq!(a.lead_fingerprint, b.lead_fingerprint);
            Ok(())
        })
        .unwrap();
}

/// Inline touches for lone prospectors (issue 6) are exact: with every touch as its own event,
/// the result and the ledger are the same, field for field.
#[test]
fn inline_touches_change_no_result() {
    use salesim::model::{RunOptions, TouchMode, run_replication_with};
    let per_event = RunOptions::default().with_touches(TouchMode::PerEvent);
    let inline = RunOptions::default().with_touches(TouchMode::Inline);
    runner(96, 14)
        .run(&(valid_scenario(), 0..3u32), |(s, r)| {
            let cfg = config(&s);
            let fast = run_replication_with(&cfg, s.seed, r, &inline);
            let slow = run_replication_with(&cfg, s.seed, r, &per_event);
            prop_assert_eq!(fast, slow);
            Ok(())
        })
        .unwrap();
}
