//! People: who they are (role, team entry), what they know (experience per activity) and what
//! they are doing (the task in hand).

use std::collections::VecDeque;

use crate::engine::SimTime;

use super::config::{Activity, Config, Policy, SkillCurve, TeamEntry};
use super::customers::CareRef;
use super::deals::StepRef;

/// What a team entry's people share, precomputed for the hot loop.
#[derive(Debug, Clone)]
pub(crate) struct EntryInfo {
    /// Activities in priority order.
    pub(crate) activities: Vec<Activity>,
    /// `can[a.index()]`: whether the role may do activity `a`.
    pub(crate) can: [bool; 4],
    /// Whether Care is the role's first activity (a success specialist, SPEC §4.4).
    pub(crate) care_first: bool,
    /// Task choice policy.
    pub(crate) policy: Policy,
    /// Learning curve per activity.
    pub(crate) skill: [SkillCurve; 4],
    /// Index of the role name in the model's role list (for time shares).
    pub(crate) role: u32,
}

impl EntryInfo {
    pub(crate) fn new(entry: &TeamEntry, role: u32) -> Self {
        let mut can = [false; 4];
        for a in &entry.role.activities {
            can[a.index()] = true;
        }
        EntryInfo {
            activities: entry.role.activities.clone(),
            can,
            care_first: entry.role.activities.first() == Some(&Activity::Care),
            policy: entry.policy,
            skill: entry.skill,
            role,
        }
    }

    /// Experience at `t = 0`: `initial_hours` spread evenly over the role's activities.
    pub(crate) fn initial_experience(&self, initial_hours: f64) -> [f64; 4] {
        let share = initial_hours / self.activities.len() as f64;
        let mut h = [0.0; 4];
        for a in &self.activities {
            h[a.index()] = share;
        }
        h
    }
}

/// The thing a task works on, with what the task needs to decide its outcome.
#[derive(Debug, Clone, Copy)]
pub(crate) enum TaskItem {
    /// An inbound lead: its arrival index and the qualification probability fixed at start.
    Lead {
        index: u64,
        arrival: SimTime,
        u_qualify: f64,
        p_qualify: f64,
    },
    /// An outbound touch: its uniforms and the account touched (finite pools).
    Touch {
        u_connect: f64,
        u_meeting: f64,
        account: Option<u32>,
    },
    /// A step of a deal.
    Step { deal: u32 },
    /// A care task of a customer.
    Care { customer: u32, onboarding: bool },
}

/// A task in progress. Times are calendar instants; hours are working hours.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Task {
    pub(crate) activity: Activity,
    /// When the person picked the task up (overheads start).
    pub(crate) start: SimTime,
    /// When the task's own work started, after switching and hand-off overheads.
    pub(crate) own_start: SimTime,
    /// When the task completes.
    pub(crate) end: SimTime,
    pub(crate) switch_hours: f64,
    pub(crate) handoff_hours: f64,
    /// Core work [working hours], already divided by speed.
    pub(crate) work_hours: f64,
    /// Quality read at start.
    pub(crate) quality: f64,
    pub(crate) item: TaskItem,
}

/// One person. Ids index `SalesModel::people`.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    /// Team entry index.
    pub(crate) entry: u32,
    /// Cumulative core working hours per activity.
    pub(crate) experience: [f64; 4],
    /// Activity of the previous task (none before the first).
    pub(crate) prev: Option<Activity>,
    /// Current Batch block: its activity and when it began.
    pub(crate) block: Option<(Activity, SimTime)>,
    /// End of the last task, or joining time.
    pub(crate) idle_since: SimTime,
    /// The task in hand.
    pub(crate) task: Option<Task>,
    /// Owned, undecided deals.
    pub(crate) open_deals: u32,
    /// Owned, live customers.
    pub(crate) customers: u32,
    /// Ready deal steps, by (ready time, creation order).
    pub(crate) close_queue: VecDeque<StepRef>,
    /// Ready care tasks, by (ready time, creation order); may hold stale entries.
    pub(crate) care_queue: VecDeque<CareRef>,
}

impl Person {
    pub(crate) fn new(entry: u32, experience: [f64; 4], now: SimTime) -> Self {
        Person {
            entry,
            experience,
            prev: None,
            block: None,
            idle_since: now,
            task: None,
            open_deals: 0,
            customers: 0,
            close_queue: VecDeque::new(),
            care_queue: VecDeque::new(),
        }
    }
}

/// Skill (speed and quality) of a person of `entry` on `activity` (SPEC §5.4).
#[inline]
pub(crate) fn skill(
    config: &Config,
    info: &EntryInfo,
    experience: &[f64; 4],
    activity: Activity,
) -> f64 {
    let curve = &info.skill[activity.index()];
    if config.work.learning {
        curve.at(experience[activity.index()])
    } else {
        curve.full
    }
}
