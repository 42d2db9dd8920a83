//! Validated, typed parameters of one scenario: what the hot loop reads.
//!
//! A [`Config`] is built by [`crate::scenario::validate()`] from what the user wrote; every value
//! here has already been checked against the ranges of the specification, so the simulation
//! itself cannot fail. Durations carry their unit in the field name or doc.

use crate::engine::math::exp2;
use crate::engine::{Calendar, Dist};

/// The four kinds of work a person can do (SPEC §5.1), in their canonical order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Activity {
    /// Qualifying an inbound lead from the shared queue.
    Inbound,
    /// One outbound touch (call, e-mail, message).
    Prospect,
    /// One step of a deal the person owns.
    Close,
    /// An onboarding or check-in task for a customer the person owns.
    Care,
}

impl Activity {
    /// All activities in canonical order; `Activity::ALL[a.index()] == a`.
    pub const ALL: [Activity; 4] = [
        Activity::Inbound,
        Activity::Prospect,
        Activity::Close,
        Activity::Care,
    ];

    /// Position in [`Activity::ALL`], for indexing per-activity arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The name used in scenario files and reports.
    pub fn name(self) -> &'static str {
        match self {
            Activity::Inbound => "Inbound",
            Activity::Prospect => "Prospect",
            Activity::Close => "Close",
            Activity::Care => "Care",
        }
    }
}

/// How inbound leads spread over the week (SPEC §4.1).
#[derive(Debug, Clone, PartialEq)]
pub enum ArrivalProfile {
    /// Constant rate during the calendar's working hours, none outside them.
    BusinessHours,
    /// Constant rate around the clock.
    Flat,
    /// 168 non-negative relative weights by hour of week from Monday 00:00 (sum > 0).
    Hourly(Vec<f64>),
}

/// How the chance to qualify a lead falls with the response delay `d` in hours (SPEC §4.1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Decay {
    /// No decay: factor 1.
    None,
    /// `floor + (1 − floor) × 2^(−d / hours)`.
    HalfLife {
        /// Half-life [calendar hours], > 0.
        hours: f64,
        /// Relative floor in [0, 1].
        floor: f64,
    },
    /// `floor + (1 − floor) × (w × 2^(−d/h1) + (1 − w) × 2^(−d/h2))`.
    TwoPhase {
        /// Fast half-life h1 [calendar hours], > 0.
        fast_hours: f64,
        /// Slow half-life h2 [calendar hours], > 0.
        slow_hours: f64,
        /// Weight w of the fast phase in [0, 1].
        fast_weight: f64,
        /// Relative floor in [0, 1].
        floor: f64,
    },
}

impl Decay {
    /// The multiplier on the qualification probability after `delay_hours` of response delay
    /// (`2^x` by [`exp2`], the same bits on every machine).
    pub fn factor(&self, delay_hours: f64) -> f64 {
        match *self {
            Decay::None => 1.0,
            Decay::HalfLife { hours, floor } => floor + (1.0 - floor) * exp2(-delay_hours / hours),
            Decay::TwoPhase {
                fast_hours,
                slow_hours,
                fast_weight,
                floor,
            } => {
                let fast = exp2(-delay_hours / fast_hours);
                let slow = exp2(-delay_hours / slow_hours);
                floor + (1.0 - floor) * (fast_weight * fast + (1.0 - fast_weight) * slow)
            }
        }
    }
}

/// Inbound lead generation and qualification (SPEC §4.1).
#[derive(Debug, Clone)]
pub struct InboundConfig {
    /// Mean arrivals per calendar week, ≥ 0.
    pub leads_per_week: f64,
    /// How arrivals spread over the week.
    pub profile: ArrivalProfile,
    /// Base work of one Inbound task [working hours].
    pub work_hours: Dist,
    /// Qualification probability before decay and skill, in [0, 1].
    pub qualify_prob: f64,
    /// Decay of the qualification chance with response delay.
    pub decay: Decay,
    /// A lead waiting strictly longer than this [calendar hours] is lost; `None`: never.
    pub abandon_after_hours: Option<f64>,
}

/// The outbound account pool (SPEC §4.2).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pool {
    /// Touches are independent; no accounts are tracked.
    Unlimited,
    /// A finite pool of this many accounts at `t = 0`.
    Accounts(u64),
}

/// Outbound prospecting (SPEC §4.2).
#[derive(Debug, Clone)]
pub struct OutboundConfig {
    /// Which accounts can be touched.
    pub pool: Pool,
    /// Accounts added per calendar week, evenly spaced (finite pools only), ≥ 0.
    pub new_accounts_per_week: f64,
    /// Touches after which an account is retired, ≥ 1.
    pub max_touches: u32,
    /// Work of one touch [working hours].
    pub work_hours: Dist,
    /// Probability that a touch connects, in [0, 1].
    pub connect_prob: f64,
    /// Probability that a connect sets a meeting (before skill), in [0, 1].
    pub meeting_prob: f64,
}

/// Opportunities (SPEC §4.3).
#[derive(Debug, Clone)]
pub struct DealsConfig {
    /// Close steps per deal, ≥ 1.
    pub steps: u32,
    /// Work of one step [working hours].
    pub step_hours: Dist,
    /// Customer latency between steps [calendar days].
    pub between_steps_days: Dist,
    /// Win probability of an inbound-sourced deal, in [0, 1].
    pub win_prob_inbound: f64,
    /// Win probability of an outbound-sourced deal, in [0, 1].
    pub win_prob_outbound: f64,
    /// Win chance multiplier `exp(−seller delay [weeks] × this)`, ≥ 0.
    pub stall_decay_per_week: f64,
    /// Value of a won deal (money).
    pub deal_value: Dist,
}

/// Customers and their care (SPEC §4.4).
#[derive(Debug, Clone)]
pub struct CustomersConfig {
    /// Customers present at `t = 0`, already onboarded.
    pub initial: u64,
    /// Work of the onboarding task [working hours].
    pub onboarding_hours: Dist,
    /// Work of one check-in [working hours].
    pub care_hours: Dist,
    /// Interval between check-ins [calendar days], > 0.
    pub care_interval_days: f64,
    /// Churn probability at each check-in due time, in [0, 1].
    pub churn_per_period: f64,
    /// Churn multiplier when the previous care task was late or not started, ≥ 0.
    pub neglect_multiplier: f64,
    /// A care task is on time iff started within this many calendar days of its due time, ≥ 0.
    pub grace_days: f64,
    /// Probability that a completed care task yields an expansion order (before skill).
    pub expansion_prob: f64,
    /// Expansion order value as a fraction of the customer's original deal value.
    pub expansion_value_fraction: Dist,
}

/// Context switching, hand-offs and learning (SPEC §4.3, §5.3, §5.4).
#[derive(Debug, Clone, Copy)]
pub struct WorkConfig {
    /// Extra work when a task's activity differs from the previous one [working hours], ≥ 0.
    pub switch_hours: f64,
    /// Extra work per change of owner [working hours], ≥ 0.
    pub handoff_hours: f64,
    /// Win probability multiplier lost per hand-off, in [0, 1].
    pub handoff_info_loss: f64,
    /// `false` fixes every skill at its `full` value.
    pub learning: bool,
}

/// People and hiring (SPEC §5.5–5.6); used by attrition, back-fill and money.
#[derive(Debug, Clone, Copy)]
pub struct PeopleConfig {
    /// Weeks a seat stays empty before its replacement joins, ≥ 0.
    pub vacancy_weeks: f64,
    /// Cost per hire (money), ≥ 0.
    pub hiring_cost: f64,
    /// Whether the initial team's hires are booked.
    pub count_initial_hires: bool,
    /// A scout still employed after this many months becomes a closer; `None`: never.
    pub promote_scouts_after_months: Option<f64>,
}

/// One learning curve: `skill(h) = full − (full − start) × exp(−h / learn_hours)` (SPEC §5.4).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SkillCurve {
    /// Skill with no experience, > 0.
    pub start: f64,
    /// Skill with unlimited experience, > 0.
    pub full: f64,
    /// Experience scale [core working hours], > 0.
    pub learn_hours: f64,
}

impl SkillCurve {
    /// The default curve: start 0.6, full 1.0, learn_hours 200.
    pub const DEFAULT: SkillCurve = SkillCurve {
        start: 0.6,
        full: 1.0,
        learn_hours: 200.0,
    };

    /// Skill after `hours` of core working hours on the activity.
    pub fn at(&self, hours: f64) -> f64 {
        self.full - (self.full - self.start) * crate::engine::math::exp(-hours / self.learn_hours)
    }
}

/// How a person chooses its next task (SPEC §5.2).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Policy {
    /// Re-choose by priority after every task.
    Priority,
    /// Stay on an activity while it has ready work and the block is younger than this many
    /// working hours (> 0).
    Batch {
        /// Block length [working hours].
        block_hours: f64,
    },
}

/// A role: a name and the activities it may do, highest priority first (SPEC §5.1).
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    /// Display name (`Inbound`, `Scout`, …, or a custom name).
    pub name: String,
    /// Which built-in role this is, or `None` for a custom role.
    pub kind: Option<RoleKind>,
    /// Activities in priority order; non-empty, no repeats.
    pub activities: Vec<Activity>,
}

/// The built-in roles of SPEC §5.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RoleKind {
    /// Inbound only.
    Inbound,
    /// Prospect only.
    Scout,
    /// Close only.
    Closer,
    /// Care only.
    Success,
    /// Close, Inbound, Care, Prospect.
    Generalist,
}

impl RoleKind {
    /// The role's activities in priority order.
    pub fn activities(self) -> &'static [Activity] {
        use Activity::*;
        match self {
            RoleKind::Inbound => &[Inbound],
            RoleKind::Scout => &[Prospect],
            RoleKind::Closer => &[Close],
            RoleKind::Success => &[Care],
            RoleKind::Generalist => &[Close, Inbound, Care, Prospect],
        }
    }

    /// The role's name in scenario files and reports.
    pub fn name(self) -> &'static str {
        match self {
            RoleKind::Inbound => "Inbound",
            RoleKind::Scout => "Scout",
            RoleKind::Closer => "Closer",
            RoleKind::Success => "Success",
            RoleKind::Generalist => "Generalist",
        }
    }

    /// Default fully loaded salary per year (SPEC §5.6, DATA.md §6).
    pub fn default_salary_per_year(self) -> f64 {
        match self {
            RoleKind::Inbound => 75_000.0,
            RoleKind::Scout => 80_000.0,
            RoleKind::Closer => 150_000.0,
            RoleKind::Success => 100_000.0,
            RoleKind::Generalist => 130_000.0,
        }
    }

    /// Default exit hazard per year (SPEC §5.5).
    pub fn default_attrition_per_year(self) -> f64 {
        match self {
            RoleKind::Inbound | RoleKind::Scout => 0.5,
            RoleKind::Closer | RoleKind::Generalist => 0.3,
            RoleKind::Success => 0.2,
        }
    }
}

/// One entry of the team: `count` people with the same role and settings.
#[derive(Debug, Clone)]
pub struct TeamEntry {
    /// The role of every person of this entry.
    pub role: Role,
    /// Number of people, ≥ 1.
    pub count: u32,
    /// How they choose tasks.
    pub policy: Policy,
    /// Learning curve per activity, indexed by [`Activity::index`].
    pub skill: [SkillCurve; 4],
    /// Experience at `t = 0` [core working hours], spread evenly over the role's activities.
    pub initial_hours: f64,
    /// Fully loaded salary per year (money).
    pub salary_per_year: f64,
    /// Exit hazard per year (0 disables attrition).
    pub attrition_per_year: f64,
}

/// The fault-injection experiment's settings (SPEC §7); used by the clarity experiment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClarityConfig {
    /// Replications of the experiment; `None`: the scenario's.
    pub replications: Option<u32>,
    /// Week the fault starts; `None`: the middle of the measured window.
    pub fault_week: Option<u32>,
    /// Relative loss of speed and quality, in (0, 1).
    pub fault_size: f64,
    /// Whom the fault hits.
    pub fault_scope: FaultScope,
    /// Weeks after the fault in which an alarm counts.
    pub review_weeks: u32,
}

/// Whom an injected fault hits (SPEC §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultScope {
    /// One owner of one stage.
    Person,
    /// Everyone on one activity.
    Stage,
}

/// A complete, validated scenario.
#[derive(Debug, Clone)]
pub struct Config {
    /// Scenario name, for reports.
    pub name: String,
    /// Master seed of the random streams.
    pub seed: u64,
    /// Default number of replications, ≥ 1.
    pub replications: u32,
    /// Simulated length (weeks), ≥ 1.
    pub horizon_weeks: u32,
    /// Weeks excluded from every KPI, < `horizon_weeks`.
    pub warmup_weeks: u32,
    /// When people work.
    pub calendar: Calendar,
    /// Inbound leads.
    pub inbound: InboundConfig,
    /// Outbound prospecting.
    pub outbound: OutboundConfig,
    /// Deals.
    pub deals: DealsConfig,
    /// Customers.
    pub customers: CustomersConfig,
    /// Switching, hand-offs, learning.
    pub work: WorkConfig,
    /// Hiring and attrition settings.
    pub people: PeopleConfig,
    /// Fault-injection experiment settings.
    pub clarity: ClarityConfig,
    /// The team, in file order; person ids are assigned entry by entry.
    pub team: Vec<TeamEntry>,
    /// Derived on first use, not part of the scenario: lone prospectors' learning tables
    /// (`Default::default()` when building a `Config` by hand).
    pub(crate) learning_tables: super::learning::LearningTables,
}

impl Config {
    /// Total head count of the initial team.
    pub fn head_count(&self) -> u64 {
        self.team.iter().map(|e| u64::from(e.count)).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_life_decay_matches_hand_computed_values() {
        let d = Decay::HalfLife {
            hours: 2.0,
            floor: 0.25,
        };
        assert!((d.factor(0.0) - 1.0).abs() < 1e-15);
        // one half-life: 0.25 + 0.75 × 0.5
        assert!((d.factor(2.0) - 0.625).abs() < 1e-15);
        // three half-lives: 0.25 + 0.75 / 8
        assert!((d.factor(6.0) - 0.34375).abs() < 1e-15);
        assert!((Decay::None.factor(100.0) - 1.0).abs() < 1e-15);
    }

    #[test]
    fn two_phase_decay_matches_hand_computed_values() {
        let d = Decay::TwoPhase {
            fast_hours: 1.0,
            slow_hours: 10.0,
            fast_weight: 0.8,
            floor: 0.2,
        };
        // d = 10: fast 2^-10, slow 0.5
        let expect = 0.2 + 0.8 * (0.8 / 1024.0 + 0.2 * 0.5);
        assert!((d.factor(10.0) - expect).abs() < 1e-15);
        assert!((d.factor(0.0) - 1.0).abs() < 1e-15);
    }

    #[test]
    fn learning_curve_matches_hand_computed_values() {
        let c = SkillCurve::DEFAULT;
        assert!((c.at(0.0) - 0.6).abs() < 1e-15);
        // 250 h on a 200 h scale: 1 − 0.4 e^−1.25
        assert!((c.at(250.0) - (1.0 - 0.4 * (-1.25f64).exp())).abs() < 1e-15);
        assert!((c.at(1e9) - 1.0).abs() < 1e-12);
    }
}
