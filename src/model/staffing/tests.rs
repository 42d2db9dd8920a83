//! Tests of attrition, back-fill, promotion and money (SPEC §5.5–5.6).

use crate::engine::time::{HOURS_PER_MONTH, HOURS_PER_WEEK, HOURS_PER_YEAR};
use crate::engine::{Calendar, Dist, EventQueue, SimTime, run_until};
use crate::model::config::*;
use crate::model::people::skill;
use crate::model::sales::SalesModel;
use crate::model::streams::Source;
use crate::model::testkit::*;
use crate::model::{Kpi, ReplicationResult, run_replication, run_replication_audited};

/// Mean and Student-t 95% half-width of `xs` (n = 30: t = 2.045).
fn mean_ci(xs: &[f64]) -> (f64, f64) {
    assert_eq!(xs.len(), 30, "the t quantile below is for n = 30");
    let n = xs.len() as f64;
    let m = xs.iter().sum::<f64>() / n;
    let sd = (xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
    (m, 2.045 * sd / n.sqrt())
}

fn kpi(r: &ReplicationResult, k: Kpi) -> f64 {
    r.kpi(k).unwrap_or_else(|| panic!("{} undefined", k.name()))
}

/// `count` inbound reps with nothing to do: only attrition and back-fill move.
fn only_attrition(count: u32, rate: f64, vacancy_weeks: f64) -> Config {
    let mut cfg = config(vec![entry(RoleKind::Inbound, count)]);
    cfg.team[0].attrition_per_year = rate;
    cfg.inbound.leads_per_week = 0.0;
    cfg.people.vacancy_weeks = vacancy_weeks;
    cfg.horizon_weeks = 11 * 52;
    cfg.warmup_weeks = 52;
    cfg
}

#[test]
fn departures_follow_the_exponential_rate_and_the_vacancy_cycle() {
    let (count, rate, vacancy) = (10, 2.0, 4.0);
    let cfg = only_attrition(count, rate, vacancy);
    let runs: Vec<ReplicationResult> = (0..30).map(|r| run_replication(&cfg, 3, r)).collect();
    // Per head-count-year the hazard is the rate, vacancies or not.
    let hazard: Vec<f64> = runs
        .iter()
        .map(|r| kpi(r, Kpi::DeparturesPerYear) / kpi(r, Kpi::HeadcountMean))
        .collect();
    let (m, h) = mean_ci(&hazard);
    assert!((m - rate).abs() <= h, "hazard {m} ± {h} excludes {rate}");
    // Each seat cycles through a tenure (mean 1/rate) and a vacancy: in the steady state
    // count / (1/rate + vacancy) departures per year.
    let cycle_years = 1.0 / rate + vacancy * HOURS_PER_WEEK / HOURS_PER_YEAR;
    let expected = f64::from(count) / cycle_years;
    let per_year: Vec<f64> = runs
        .iter()
        .map(|r| kpi(r, Kpi::DeparturesPerYear))
        .collect();
    let (m, h) = mean_ci(&per_year);
    assert!(
        (m - expected).abs() <= h,
        "departures {m} ± {h} excludes {expected}"
    );
    assert!(h < 0.05 * expected, "half-width {h} too wide to mean much");
    // Hires back-fill the same cycle.
    let hires: Vec<f64> = runs.iter().map(|r| kpi(r, Kpi::HiresPerYear)).collect();
    let (m, h) = mean_ci(&hires);
    assert!(
        (m - expected).abs() <= h,
        "hires {m} ± {h} excludes {expected}"
    );
}

#[test]
fn a_seat_stays_empty_for_the_vacancy_and_costs_nothing_meanwhile() {
    let mut cfg = only_attrition(4, 3.0, 6.0);
    cfg.horizon_weeks = 3 * 52;
    cfg.warmup_weeks = 10;
    cfg.people.hiring_cost = 0.0;
    let vacancy = 6.0 * HOURS_PER_WEEK;
    let horizon = f64::from(cfg.horizon_weeks) * HOURS_PER_WEEK;
    let (w0, w1) = (10.0 * HOURS_PER_WEEK, horizon);
    for rep in 0..5 {
        let (r, ledger) = run_replication_audited(&cfg, 9, rep);
        assert!(
            ledger.departures > 5,
            "too few departures to test: {ledger:?}"
        );
        let mut employed_hours = 0.0;
        for leaver in &ledger.people {
            let left = leaver.left.unwrap_or(horizon);
            employed_hours += (left.min(w1) - leaver.joined.max(w0)).max(0.0);
            let Some(left) = leaver.left else { continue };
            // The next holder of the seat joins exactly one vacancy later, and nobody
            // holds it in between.
            let next: Vec<_> = ledger
                .people
                .iter()
                .filter(|p| p.seat == leaver.last_seat && p.joined > left)
                .collect();
            if left + vacancy < horizon {
                assert!(!next.is_empty(), "seat {} never refilled", leaver.last_seat);
                let first = next.iter().map(|p| p.joined).fold(f64::INFINITY, f64::min);
                assert!((first - (left + vacancy)).abs() < 1e-9, "{first} vs {left}");
            } else {
                assert!(next.is_empty());
            }
        }
        let window = w1 - w0;
        let headcount = kpi(&r, Kpi::HeadcountMean);
        assert!((headcount - employed_hours / window).abs() < 1e-9);
        assert!(headcount < 4.0 * 0.95, "vacancies must show: {headcount}");
        // Salary accrues only while employed.
        let salary = cfg.team[0].salary_per_year;
        let cost = kpi(&r, Kpi::CostPerWeek) * window / HOURS_PER_WEEK;
        let expected = salary * employed_hours / HOURS_PER_YEAR;
        assert!(
            (cost - expected).abs() < 1e-6 * expected,
            "{cost} vs {expected}"
        );
    }
}

/// Every lead, deal and customer is accounted for, and no deal or customer is left with
/// someone who has gone.
fn assert_nothing_dropped(cfg: &Config, seed: u64) -> u64 {
    let mut departures = 0;
    for rep in 0..5 {
        let (_, l) = run_replication_audited(cfg, seed, rep);
        assert_eq!(
            l.leads_arrived,
            l.leads_qualified
                + l.leads_disqualified
                + l.leads_lost
                + l.leads_waiting
                + l.leads_in_progress,
            "leads: {l:?}"
        );
        assert_eq!(l.deals_created, l.deals_won + l.deals_lost + l.deals_open);
        assert_eq!(l.customers_created, l.customers_churned + l.customers_alive);
        assert_eq!(l.deals_orphaned, 0, "deals dropped: {l:?}");
        assert_eq!(l.customers_orphaned, 0, "customers dropped: {l:?}");
        departures += l.departures;
    }
    departures
}

#[test]
fn nothing_is_lost_when_people_leave() {
    // High attrition everywhere, long vacancies: owners leave with deals and customers.
    let mut cfg = specialists();
    cfg.customers.initial = 30;
    cfg.people.vacancy_weeks = 8.0;
    for e in &mut cfg.team {
        e.attrition_per_year = 3.0;
    }
    assert!(assert_nothing_dropped(&cfg, 1) > 20);
    // Generalists, and a single closer and success manager whose work must wait for the
    // back-fill.
    let mut g = generalists(3);
    g.team[0].attrition_per_year = 4.0;
    assert!(assert_nothing_dropped(&g, 2) > 20);
    let mut lone = config(vec![
        entry(RoleKind::Scout, 1),
        entry(RoleKind::Closer, 1),
        entry(RoleKind::Success, 1),
    ]);
    for e in &mut lone.team {
        e.attrition_per_year = 5.0;
    }
    lone.people.promote_scouts_after_months = Some(3.0);
    let mut waited = false;
    for rep in 0..10 {
        let (_, l) = run_replication_audited(&lone, 4, rep);
        assert_eq!(l.deals_orphaned + l.customers_orphaned, 0, "{l:?}");
        waited |= l.promotions > 0;
    }
    assert!(waited, "no scout was promoted");
    assert!(assert_nothing_dropped(&lone, 4) > 10);
}

/// A one-closer model at `t = 0` and its queue, for stepping by hand.
fn closer_model(cfg: &Config) -> (SalesModel<'_>, EventQueue<crate::model::event::Event>) {
    let mut model = SalesModel::new(cfg, 5, 0, &Default::default());
    let mut queue = EventQueue::with_capacity(64);
    model.schedule_initial(&mut queue);
    (model, queue)
}

#[test]
fn a_new_hire_ramps_along_the_learning_curve_from_zero() {
    let mut cfg = config(vec![entry(RoleKind::Closer, 1)]);
    cfg.team[0].attrition_per_year = 0.0;
    cfg.team[0].skill[Activity::Close.index()] = SkillCurve {
        start: 0.5,
        full: 1.0,
        learn_hours: 40.0,
    };
    cfg.inbound.leads_per_week = 0.0;
    cfg.calendar = Calendar::always();
    cfg.deals.steps = 2;
    cfg.deals.step_hours = Dist::fixed(3.0).unwrap();
    cfg.deals.between_steps_days = Dist::fixed(1.0).unwrap();
    cfg.work.handoff_hours = 0.0;
    let (mut m, mut q) = closer_model(&cfg);
    // A hire joins the closer's seat entry with no experience and gets a deal of its own.
    let seat = m.open_seat(0);
    let hire = m.hire(seat, [0.0; 4], SimTime::ZERO);
    assert_eq!(m.people[hire as usize].experience, [0.0; 4]);
    m.create_deal(hire, Source::Outbound, 0, SimTime::ZERO, &mut q);
    let task = m.people[hire as usize]
        .task
        .expect("the hire starts its deal at once");
    let curve = cfg.team[0].skill[Activity::Close.index()];
    assert_eq!(task.quality, 0.5, "quality starts at the curve's start");
    assert!(
        (task.work_hours - 3.0 / 0.5).abs() < 1e-12,
        "speed starts at start"
    );
    // After the first step (6 h of work), the second step reads the curve at h = 6.
    run_until(&mut m, &mut q, SimTime::from_hours(31.0));
    let person = &m.people[hire as usize];
    assert!((person.experience[Activity::Close.index()] - 6.0).abs() < 1e-12);
    let task = person.task.expect("second step in progress");
    let level = curve.at(6.0);
    assert!((task.quality - level).abs() < 1e-12);
    assert!((task.work_hours - 3.0 / level).abs() < 1e-12);
    // The initial closer started with 1000 h: nearly full.
    let info = &m.entries[0];
    let old = skill(&cfg, info, &m.people[0].experience, Activity::Close);
    assert!(old > 0.99);
}

#[test]
fn a_promoted_scout_keeps_its_experience_and_starts_closing_at_start() {
    let mut cfg = config(vec![entry(RoleKind::Scout, 1)]);
    cfg.team[0].attrition_per_year = 0.0;
    cfg.inbound.leads_per_week = 0.0;
    cfg.outbound.connect_prob = 0.0;
    cfg.people.promote_scouts_after_months = Some(2.0);
    cfg.people.vacancy_weeks = 3.0;
    let (mut m, mut q) = closer_model(&cfg);
    let term = 2.0 * HOURS_PER_MONTH;
    run_until(&mut m, &mut q, SimTime::from_hours(term));
    assert_eq!(m.people[0].promoted, None);
    let before = m.people[0].experience;
    assert!(before[Activity::Prospect.index()] > 1000.0);
    // A touch in hand at the end of the term is finished first (over a weekend here).
    let in_hand = m.people[0].task.map(|t| (t.end, t.work_hours));
    let (when, last_touch) = in_hand.unwrap_or((SimTime::from_hours(term), 0.0));
    run_until(&mut m, &mut q, when + 1.0);
    let p = &m.people[0];
    let promoted = p.promoted.expect("promoted once the task in hand is done");
    assert_eq!(promoted, when);
    let info = &m.entries[p.entry as usize];
    assert_eq!(info.kind, Some(RoleKind::Closer));
    // Experience kept: only the touch in hand was added.
    let prospect = p.experience[Activity::Prospect.index()];
    assert!((prospect - before[Activity::Prospect.index()] - last_touch).abs() < 1e-9);
    assert_eq!(p.experience[Activity::Close.index()], 0.0);
    let close = skill(&cfg, info, &p.experience, Activity::Close);
    assert_eq!(close, SkillCurve::DEFAULT.start);
    // The scout seat is back-filled by a hire with no experience, one vacancy later.
    run_until(&mut m, &mut q, promoted + 3.0 * HOURS_PER_WEEK + 1.0);
    assert_eq!(m.people.len(), 2);
    let hire = &m.people[1];
    assert_eq!(hire.first_seat, 0);
    let expected = promoted.hours() + 3.0 * HOURS_PER_WEEK;
    assert!((hire.joined.hours() - expected).abs() < 1e-9);
    assert!(m.entries[hire.entry as usize].kind == Some(RoleKind::Scout));
}

#[test]
fn money_adds_up_on_a_deterministic_team() {
    // 24/7 calendar; a scout whose every 24-hour touch sets a meeting; a closer who wins
    // every deal in one 0.5-hour step after a 0.5-hour hand-off. A deal is created at
    // t = 24k and won at 24k + 1.
    let mut cfg = config(vec![entry(RoleKind::Scout, 1), entry(RoleKind::Closer, 1)]);
    for e in &mut cfg.team {
        e.attrition_per_year = 0.0;
    }
    cfg.calendar = Calendar::always();
    cfg.horizon_weeks = 3;
    cfg.warmup_weeks = 1;
    cfg.inbound.leads_per_week = 0.0;
    cfg.outbound.work_hours = Dist::fixed(24.0).unwrap();
    cfg.outbound.connect_prob = 1.0;
    cfg.outbound.meeting_prob = 1.0;
    cfg.deals.steps = 1;
    cfg.deals.step_hours = Dist::fixed(0.5).unwrap();
    cfg.deals.win_prob_outbound = 1.0;
    cfg.deals.stall_decay_per_week = 0.0;
    cfg.deals.deal_value = Dist::fixed(10_000.0).unwrap();
    cfg.customers.churn_per_period = 0.0;
    cfg.work.switch_hours = 0.0;
    cfg.work.handoff_info_loss = 0.0;
    cfg.work.learning = false;
    cfg.people.count_initial_hires = true;
    let r = run_replication(&cfg, 1, 0);
    // Window [168, 504): wins at 24k + 1 for k = 7..=20, 14 deals over 2 weeks.
    let revenue = 14.0 * 10_000.0;
    let salaries = (80_000.0 + 150_000.0) * 336.0 / HOURS_PER_YEAR;
    let cost = salaries + 2.0 * 15_000.0;
    let close = |k: Kpi, x: f64| {
        let v = kpi(&r, k);
        assert!(
            (v - x).abs() <= 1e-9 * x.abs().max(1.0),
            "{}: {v} vs {x}",
            k.name()
        );
    };
    close(Kpi::DealsWonPerWeek, 7.0);
    close(Kpi::RevenuePerWeek, revenue / 2.0);
    close(Kpi::CostPerWeek, cost / 2.0);
    close(Kpi::ProfitPerWeek, (revenue - cost) / 2.0);
    close(Kpi::CostPerDeal, cost / 14.0);
    close(Kpi::HeadcountMean, 2.0);
    close(Kpi::HiresPerYear, 2.0 / (336.0 / HOURS_PER_YEAR));
    close(Kpi::DeparturesPerYear, 0.0);
    // Without counting the initial hires, only salaries.
    cfg.people.count_initial_hires = false;
    let r = run_replication(&cfg, 1, 0);
    let v = kpi(&r, Kpi::CostPerWeek);
    assert!((v - salaries / 2.0).abs() < 1e-9 * salaries);
    assert_eq!(kpi(&r, Kpi::HiresPerYear), 0.0);
}

#[test]
fn a_leavers_deals_go_to_the_least_loaded_closer_as_hand_offs() {
    // Two closers; the first leaves early: its deals move to the second and pay hand-off
    // hours, and none is lost.
    let mut cfg = config(vec![entry(RoleKind::Scout, 2), entry(RoleKind::Closer, 2)]);
    for e in &mut cfg.team {
        e.attrition_per_year = 0.0;
    }
    cfg.inbound.leads_per_week = 0.0;
    cfg.people.vacancy_weeks = 100.0;
    let (mut m, mut q) = closer_model(&cfg);
    run_until(&mut m, &mut q, SimTime::from_weeks(6.0));
    let leaver = 2;
    let owned = m.people[leaver as usize].deals.clone();
    assert!(!owned.is_empty(), "the closer owns deals by week 6");
    let handoffs: Vec<f64> = owned
        .iter()
        .map(|&d| m.deals.items[d as usize].handoff_factor)
        .collect();
    let now = SimTime::from_weeks(6.0);
    m.on_tenure_ends(leaver, now, &mut q);
    run_until(&mut m, &mut q, SimTime::from_weeks(6.5));
    assert!(m.people[leaver as usize].left.is_some());
    assert!(m.people[leaver as usize].deals.is_empty());
    let loss = 1.0 - cfg.work.handoff_info_loss;
    for (&d, before) in owned.iter().zip(handoffs) {
        let deal = &m.deals.items[d as usize];
        // Decided deals have moved on (their slot was freed or reused).
        if deal.owner == Some(3) && deal.created <= now {
            assert!((deal.handoff_factor - before * loss).abs() < 1e-12);
        }
        assert_ne!(deal.owner, Some(leaver));
    }
    assert_eq!(m.closers.len(), 1);
}

/// Two deals created at the same instant go to two closers; the first closer leaves, and the
/// survivor's queue holds both, ready at the same instant: the older deal goes first (ready
/// time, then creation order, SPEC §5.2), not the one queued first.
#[test]
fn a_handed_over_step_keeps_its_creation_order() {
    let cfg = config(vec![
        entry(RoleKind::Inbound, 1),
        entry(RoleKind::Closer, 2),
    ]);
    let mut model = SalesModel::new(&cfg, 1, 0, &crate::model::RunOptions::default());
    let mut queue = EventQueue::new();
    // Monday 01:00, off shift: nobody starts anything.
    let now = SimTime::from_hours(1.0);
    model.create_deal(0, Source::Inbound, 0, now, &mut queue);
    model.create_deal(0, Source::Inbound, 1, now, &mut queue);
    let owners: Vec<_> = model.deals.items.iter().map(|d| d.owner).collect();
    assert_eq!(owners, [Some(1), Some(2)]);
    model.leave(1, now, &mut queue);
    let order: Vec<u32> = model.people[2]
        .close_queue
        .iter()
        .map(|s| s.deal())
        .collect();
    assert_eq!(order, [0, 1]);
}

/// Two customers created at the same instant go to two success specialists, and their first
/// check-ins fall due at the same instant too; the first specialist leaves, and the
/// survivor's queue holds both onboardings, then both check-ins, each pair ready at the same
/// instant: the older customer's task goes first (ready time, then creation order,
/// SPEC §5.2), not the one queued first.
#[test]
fn a_handed_over_care_task_keeps_its_creation_order() {
    let mut cfg = config(vec![
        entry(RoleKind::Inbound, 1),
        entry(RoleKind::Success, 2),
    ]);
    cfg.customers.churn_per_period = 0.0;
    let mut model = SalesModel::new(&cfg, 1, 0, &crate::model::RunOptions::default());
    let mut queue = EventQueue::new();
    // Monday 01:00, and 30 days later, off shift: nobody starts anything.
    let now = SimTime::from_hours(1.0);
    model.create_customer(0, 1000.0, None, now, &mut queue);
    model.create_customer(1, 1000.0, None, now, &mut queue);
    let owners: Vec<_> = model.customers.items.iter().map(|c| c.owner).collect();
    assert_eq!(owners, [Some(1), Some(2)]);
    let due = model.customers.items[0].next_due;
    for c in [0, 1] {
        let generation = model.customers.items[c as usize].generation;
        model.on_checkin_due(c, generation, due, &mut queue);
    }
    model.leave(1, due, &mut queue);
    let order: Vec<(u32, bool)> = model.people[2]
        .care_queue
        .iter()
        .map(|r| (r.customer, r.onboarding))
        .collect();
    assert_eq!(order, [(0, true), (1, true), (0, false), (1, false)]);
}
