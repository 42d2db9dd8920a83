//! The scenario file's schema: what a user may write, with the SPEC §9 defaults.
//!
//! These types mirror the file one to one (`deny_unknown_fields` everywhere, including the
//! enums whose variants have named fields, such as `LogNormal(mean:, sd:)`: serde ignores
//! unknown fields there unless told otherwise); they hold what was written, unchecked. [`super::validate()`] turns them into a [`crate::model::Config`].
//! Counts are read as `u64` so that an absurd count reaches the validator (and its named
//! limit) instead of failing as an integer overflow. The types also serialise, to the same
//! shape, so a sweep (`crate::sweep`) can set one field by its path and read the result back
//! through the same checks.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A distribution as written (SPEC §3).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub enum DistSpec {
    /// Always `v`.
    Fixed(f64),
    /// Exponential with mean `mean`.
    Exp { mean: f64 },
    /// Log-normal with the mean and sd of the variable itself.
    LogNormal { mean: f64, sd: f64 },
    /// Gamma with the given mean and sd.
    Gamma { mean: f64, sd: f64 },
    /// Uniform on `[min, max]`.
    Uniform { min: f64, max: f64 },
    /// Triangular.
    Triangular { min: f64, mode: f64, max: f64 },
}

/// Arrival profile of inbound leads (SPEC §4.1).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub enum ProfileSpec {
    /// Constant rate in working hours, none outside.
    BusinessHours,
    /// Constant rate around the clock.
    Flat,
    /// 168 relative weights by hour of week from Monday 00:00.
    Hourly(Vec<f64>),
}

/// Lead decay (SPEC §4.1).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub enum DecaySpec {
    /// No decay.
    None,
    /// One half-life (hours) and a relative floor.
    HalfLife { hours: f64, floor: f64 },
    /// Two half-lives (hours), the fast one's weight and a relative floor.
    TwoPhase {
        fast_hours: f64,
        slow_hours: f64,
        fast_weight: f64,
        floor: f64,
    },
}

/// Outbound account pool (SPEC §4.2).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub enum PoolSpec {
    /// Independent touches.
    Unlimited,
    /// A finite pool of accounts.
    Accounts(u64),
}

/// Task choice policy (SPEC §5.2).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub enum PolicySpec {
    /// Re-choose after every task.
    Priority,
    /// Stay on an activity for blocks of up to `block_hours` working hours.
    Batch { block_hours: f64 },
}

/// An activity as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[allow(missing_docs)]
pub enum ActivitySpec {
    Inbound,
    Prospect,
    Close,
    Care,
}

/// A role as written (SPEC §5.1).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[allow(missing_docs)]
pub enum RoleSpec {
    Inbound,
    Scout,
    Closer,
    Success,
    Generalist,
    /// A custom role: a name and its activities in priority order.
    Custom(String, Vec<ActivitySpec>),
}

/// One learning curve; missing fields take the defaults 0.6, 1.0, 200.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
#[allow(missing_docs)]
pub struct SkillSpec {
    pub start: f64,
    pub full: f64,
    pub learn_hours: f64,
}

impl Default for SkillSpec {
    fn default() -> Self {
        SkillSpec {
            start: 0.6,
            full: 1.0,
            learn_hours: 200.0,
        }
    }
}

/// One team entry (SPEC §9).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct TeamEntrySpec {
    pub role: RoleSpec,
    pub count: u64,
    #[serde(default)]
    pub policy: Option<PolicySpec>,
    #[serde(default)]
    pub skill: BTreeMap<ActivitySpec, SkillSpec>,
    #[serde(default)]
    pub initial_hours: Option<f64>,
    #[serde(default)]
    pub salary_per_year: Option<f64>,
    #[serde(default)]
    pub attrition_per_year: Option<f64>,
}

macro_rules! section {
    ($(#[$doc:meta])* $name:ident { $($field:ident : $ty:ty = $default:expr),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
        #[serde(default, deny_unknown_fields)]
        #[allow(missing_docs)]
        pub struct $name { $(pub $field: $ty,)* }

        impl Default for $name {
            fn default() -> Self {
                $name { $($field: $default,)* }
            }
        }
    };
}

section!(
    /// When people work (SPEC §1).
    CalendarSpec { hours_per_day: f64 = 8.0, day_start: f64 = 9.0, days_per_week: u64 = 5 }
);

section!(
    /// Inbound leads (SPEC §4.1).
    InboundSpec {
        leads_per_week: f64 = 40.0,
        profile: ProfileSpec = ProfileSpec::BusinessHours,
        work_hours: DistSpec = DistSpec::LogNormal { mean: 0.5, sd: 0.25 },
        qualify_prob: f64 = 0.35,
        decay: DecaySpec = DecaySpec::HalfLife { hours: 2.0, floor: 0.25 },
        abandon_after_hours: Option<f64> = None,
    }
);

section!(
    /// Outbound prospecting (SPEC §4.2).
    OutboundSpec {
        pool: PoolSpec = PoolSpec::Unlimited,
        new_accounts_per_week: f64 = 0.0,
        max_touches: u64 = 8,
        work_hours: DistSpec = DistSpec::Fixed(0.1),
        connect_prob: f64 = 0.05,
        meeting_prob: f64 = 0.2,
    }
);

section!(
    /// Win probability by source.
    WinProbSpec { inbound: f64 = 0.30, outbound: f64 = 0.20 }
);

section!(
    /// Deals (SPEC §4.3).
    DealsSpec {
        steps: u64 = 3,
        step_hours: DistSpec = DistSpec::LogNormal { mean: 1.2, sd: 0.6 },
        between_steps_days: DistSpec = DistSpec::Exp { mean: 20.0 },
        win_prob: WinProbSpec = WinProbSpec::default(),
        stall_decay_per_week: f64 = 0.1,
        deal_value: DistSpec = DistSpec::LogNormal { mean: 25_000.0, sd: 15_000.0 },
    }
);

section!(
    /// Customers (SPEC §4.4).
    CustomersSpec {
        initial: u64 = 0,
        onboarding_hours: DistSpec = DistSpec::Fixed(3.0),
        care_hours: DistSpec = DistSpec::Fixed(0.5),
        care_interval_days: f64 = 30.0,
        churn_per_period: f64 = 0.008,
        neglect_multiplier: f64 = 3.0,
        grace_days: f64 = 7.0,
        expansion_prob: f64 = 0.035,
        expansion_value_fraction: DistSpec = DistSpec::LogNormal { mean: 0.3, sd: 0.15 },
    }
);

section!(
    /// Hand-off costs (SPEC §4.3).
    HandoffSpec { hours: f64 = 0.5, info_loss: f64 = 0.05 }
);

section!(
    /// Switching, hand-offs and learning (SPEC §5.3–5.4).
    WorkSpec { switch_hours: f64 = 0.25, handoff: HandoffSpec = HandoffSpec::default(), learning: bool = true }
);

section!(
    /// Hiring (SPEC §5.5–5.6).
    PeopleSpec {
        vacancy_weeks: f64 = 4.0,
        hiring_cost: f64 = 15_000.0,
        count_initial_hires: bool = false,
        promote_scouts_after_months: Option<f64> = None,
    }
);

/// Whom a fault hits (SPEC §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum FaultScopeSpec {
    /// One owner of one stage.
    Person,
    /// Everyone on one activity.
    Stage,
}

section!(
    /// The fault-injection experiment (SPEC §7).
    ClaritySpec {
        replications: Option<u64> = None,
        fault_week: Option<u64> = None,
        fault_size: f64 = 0.3,
        fault_scope: FaultScopeSpec = FaultScopeSpec::Person,
        review_weeks: u64 = 13,
    }
);

/// A whole scenario as written (SPEC §9). Only `name` and `team` are required.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename = "Scenario", deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Scenario {
    pub name: String,
    #[serde(default = "default_seed")]
    pub seed: u64,
    #[serde(default = "default_replications")]
    pub replications: u64,
    #[serde(default = "default_horizon")]
    pub horizon_weeks: u64,
    #[serde(default = "default_warmup")]
    pub warmup_weeks: u64,
    #[serde(default)]
    pub calendar: CalendarSpec,
    #[serde(default)]
    pub inbound: InboundSpec,
    #[serde(default)]
    pub outbound: OutboundSpec,
    #[serde(default)]
    pub deals: DealsSpec,
    #[serde(default)]
    pub customers: CustomersSpec,
    #[serde(default)]
    pub work: WorkSpec,
    #[serde(default)]
    pub people: PeopleSpec,
    #[serde(default)]
    pub clarity: ClaritySpec,
    pub team: Vec<TeamEntrySpec>,
}

fn default_seed() -> u64 {
    42
}
fn default_replications() -> u64 {
    100
}
fn default_horizon() -> u64 {
    52
}
fn default_warmup() -> u64 {
    4
}
