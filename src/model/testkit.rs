//! Configs built in code, with the SPEC defaults, for the model's unit tests.

use crate::engine::{Calendar, Dist};

use super::config::*;

/// The SPEC §9 defaults with the given team.
pub(crate) fn config(team: Vec<TeamEntry>) -> Config {
    Config {
        name: "test".into(),
        seed: 42,
        replications: 10,
        horizon_weeks: 52,
        warmup_weeks: 4,
        calendar: Calendar::office(),
        inbound: InboundConfig {
            leads_per_week: 40.0,
            profile: ArrivalProfile::BusinessHours,
            work_hours: Dist::lognormal(0.5, 0.25).unwrap(),
            qualify_prob: 0.35,
            decay: Decay::HalfLife {
                hours: 2.0,
                floor: 0.25,
            },
            abandon_after_hours: None,
        },
        outbound: OutboundConfig {
            pool: Pool::Unlimited,
            new_accounts_per_week: 0.0,
            max_touches: 8,
            work_hours: Dist::fixed(0.1).unwrap(),
            connect_prob: 0.05,
            meeting_prob: 0.2,
        },
        deals: DealsConfig {
            steps: 3,
            step_hours: Dist::lognormal(1.2, 0.6).unwrap(),
            between_steps_days: Dist::exp(20.0).unwrap(),
            win_prob_inbound: 0.30,
            win_prob_outbound: 0.20,
            stall_decay_per_week: 0.1,
            deal_value: Dist::lognormal(25_000.0, 15_000.0).unwrap(),
        },
        customers: CustomersConfig {
            initial: 0,
            onboarding_hours: Dist::fixed(3.0).unwrap(),
            care_hours: Dist::fixed(0.5).unwrap(),
            care_interval_days: 30.0,
            churn_per_period: 0.008,
            neglect_multiplier: 3.0,
            grace_days: 7.0,
            expansion_prob: 0.035,
            expansion_value_fraction: Dist::lognormal(0.3, 0.15).unwrap(),
        },
        work: WorkConfig {
            switch_hours: 0.25,
            handoff_hours: 0.5,
            handoff_info_loss: 0.05,
            learning: true,
        },
        people: PeopleConfig {
            vacancy_weeks: 4.0,
            hiring_cost: 15_000.0,
            count_initial_hires: false,
            promote_scouts_after_months: None,
        },
        clarity: ClarityConfig {
            replications: None,
            fault_week: None,
            fault_size: 0.3,
            fault_scope: FaultScope::Person,
            review_weeks: 13,
        },
        team,
        learning_tables: Default::default(),
    }
}

/// `count` people of a built-in role with default settings.
pub(crate) fn entry(kind: RoleKind, count: u32) -> TeamEntry {
    role_entry(
        Role {
            name: kind.name().into(),
            kind: Some(kind),
            activities: kind.activities().to_vec(),
        },
        count,
        kind.default_salary_per_year(),
        kind.default_attrition_per_year(),
    )
}

/// `count` people of a custom role doing `activities`.
pub(crate) fn custom(name: &str, activities: &[Activity], count: u32) -> TeamEntry {
    let role = Role {
        name: name.into(),
        kind: None,
        activities: activities.to_vec(),
    };
    role_entry(role, count, 130_000.0, 0.3)
}

fn role_entry(role: Role, count: u32, salary: f64, attrition: f64) -> TeamEntry {
    TeamEntry {
        role,
        count,
        policy: Policy::Priority,
        skill: [SkillCurve::DEFAULT; 4],
        initial_hours: 1000.0,
        salary_per_year: salary,
        attrition_per_year: attrition,
    }
}

/// The bundled market with 7 generalists.
pub(crate) fn generalists(n: u32) -> Config {
    config(vec![entry(RoleKind::Generalist, n)])
}

/// The bundled market with a 1-2-3-1 specialised team.
pub(crate) fn specialists() -> Config {
    config(vec![
        entry(RoleKind::Inbound, 1),
        entry(RoleKind::Scout, 2),
        entry(RoleKind::Closer, 3),
        entry(RoleKind::Success, 1),
    ])
}
