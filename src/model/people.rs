//! People: who they are (role, team entry), what they know (experience per activity) and what
//! they are doing (the task in hand).

use std::collections::VecDeque;

use crate::engine::{SimRng, SimTime};

use super::config::{Activity, Config, Policy, RoleKind, SkillCurve, TeamEntry};
use super::customers::CareRef;
use super::deals::StepRef;

/// A role's activities in priority order, held inline, so that choosing a task reads them
/// from the team entry without following a pointer.
///
/// Invariant: each activity appears at most once (so at most four). A list given with an
/// activity twice keeps its first place: a later one could never be chosen, since the first
/// is tried before it with the same answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ActivityList {
    items: [Activity; 4],
    len: u8,
}

impl ActivityList {
    /// The list of `activities`, in their order, each at its first place.
    pub(crate) fn new(activities: &[Activity]) -> Self {
        let mut list = ActivityList {
            items: [Activity::Inbound; 4],
            len: 0,
        };
        for &a in activities {
            if !list.contains(&a) {
                list.items[usize::from(list.len)] = a;
                list.len += 1;
            }
        }
        list
    }
}

impl std::ops::Deref for ActivityList {
    type Target = [Activity];

    #[inline]
    fn deref(&self) -> &[Activity] {
        &self.items[..usize::from(self.len)]
    }
}

/// What a team entry's people share, precomputed for the hot loop.
#[derive(Debug, Clone)]
pub(crate) struct EntryInfo {
    /// Activities in priority order.
    pub(crate) activities: ActivityList,
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
    /// The built-in role, or `None` for a custom one (only scouts are promoted).
    pub(crate) kind: Option<RoleKind>,
    /// Fully loaded salary per year [money].
    pub(crate) salary_per_year: f64,
    /// Exit hazard per year; 0: nobody of this entry leaves.
    pub(crate) attrition_per_year: f64,
}

impl EntryInfo {
    pub(crate) fn new(entry: &TeamEntry, role: u32) -> Self {
        let mut can = [false; 4];
        for a in &entry.role.activities {
            can[a.index()] = true;
        }
        EntryInfo {
            activities: ActivityList::new(&entry.role.activities),
            can,
            care_first: entry.role.activities.first() == Some(&Activity::Care),
            policy: entry.policy,
            skill: entry.skill,
            role,
            kind: entry.role.kind,
            salary_per_year: entry.salary_per_year,
            attrition_per_year: entry.attrition_per_year,
        }
    }

    /// The entry promoted scouts join when the team has no Closer entry: a Closer with the
    /// defaults of SPEC §5 (priority policy, default learning curve, salary and attrition).
    pub(crate) fn default_closer(role: u32) -> Self {
        let kind = RoleKind::Closer;
        EntryInfo {
            activities: ActivityList::new(kind.activities()),
            can: [false, false, true, false],
            care_first: false,
            policy: Policy::Priority,
            skill: [SkillCurve::DEFAULT; 4],
            role,
            kind: Some(kind),
            salary_per_year: kind.default_salary_per_year(),
            attrition_per_year: kind.default_attrition_per_year(),
        }
    }

    /// Experience at `t = 0`: `initial_hours` spread evenly over the role's activities.
    pub(crate) fn initial_experience(&self, initial_hours: f64) -> [f64; 4] {
        let share = initial_hours / self.activities.len() as f64;
        let mut h = [0.0; 4];
        for a in self.activities.iter() {
            h[a.index()] = share;
        }
        h
    }
}

/// The thing a task works on, with what the task needs to decide its outcome.
///
/// Its tag is a whole word (`repr(u64)`): `Option<Task>` keeps `None` in the tag, and moving a
/// task out of a person copies what follows the tag; with a one-byte tag that copy is
/// misaligned, and reading the copied fields right after stalls on store forwarding (seen as
/// the hottest instruction of a replication under `perf annotate`).
#[derive(Debug, Clone, Copy)]
#[repr(u64)]
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

/// What a person whose tenure or scout term ended will do once the task in hand is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Notice {
    /// Nothing: keeps working.
    None,
    /// Leaves (SPEC §5.5: a busy leaver finishes its task first).
    Leave,
    /// Becomes a closer.
    Promote,
}

/// One person. Ids index `SalesModel::people` and are never reused: a person who left keeps
/// its id, with `left` set.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    /// Team entry index (into `SalesModel::entries`; changes when a scout is promoted).
    pub(crate) entry: u32,
    /// The seat it fills (its replacement fills the same seat).
    pub(crate) seat: u32,
    /// The seat it filled when it joined, and the role it had then.
    pub(crate) first_seat: u32,
    /// When it joined the team.
    pub(crate) joined: SimTime,
    /// When its current role began (joining, or promotion): salary and time use accrue by
    /// role from here.
    pub(crate) stint_start: SimTime,
    /// When it left, if it did.
    pub(crate) left: Option<SimTime>,
    /// When it was promoted, if it was.
    pub(crate) promoted: Option<SimTime>,
    /// What happens when the task in hand is done.
    pub(crate) notice: Notice,
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
    /// The earliest scheduled change of role or employment (tenure end, scout term end), or the
    /// horizon: inline runs of touches stop before it. Set by `schedule_tenure`; until then
    /// `ZERO`, which allows no inline run.
    pub(crate) change_at: SimTime,
    /// Its own sub-stream of the outbound stream: every touch it makes draws its work and
    /// uniforms here (keyed by seat and holder, so a seat's holder sees the same touches in
    /// two team structures, and the draws do not depend on the order of other people's events).
    pub(crate) touch_rng: SimRng,
    /// Where in its entry's learning table the person's next touch probably is (after the touch
    /// in hand): a hint that saves the table search; any value is safe
    /// ([`super::learning::EntryTables::locate`]).
    pub(crate) table_hint: u32,
    /// Booked working hours of the current stint by [`super::kpi::TIME_CATEGORIES`] except idle,
    /// in the order this person worked them; added to its role's total when the stint ends, so
    /// role totals do not depend on the order in which people's tasks were booked.
    pub(crate) hours: [f64; 6],
    /// Owned, undecided deals (each deal knows its slot here: O(1) removal).
    pub(crate) deals: Vec<u32>,
    /// Owned, live customers (each customer knows its slot here).
    pub(crate) customers: Vec<u32>,
    /// Ready deal steps, by (ready time, creation order).
    pub(crate) close_queue: VecDeque<StepRef>,
    /// Ready care tasks, by (ready time, creation order); may hold stale entries.
    pub(crate) care_queue: VecDeque<CareRef>,
}

impl Person {
    pub(crate) fn new(
        entry: u32,
        seat: u32,
        experience: [f64; 4],
        now: SimTime,
        touch_rng: SimRng,
    ) -> Self {
        Person {
            entry,
            seat,
            first_seat: seat,
            joined: now,
            stint_start: now,
            left: None,
            promoted: None,
            notice: Notice::None,
            experience,
            prev: None,
            block: None,
            idle_since: now,
            task: None,
            change_at: SimTime::ZERO,
            touch_rng,
            table_hint: 0,
            hours: [0.0; 6],
            deals: Vec::new(),
            customers: Vec::new(),
            close_queue: VecDeque::new(),
            care_queue: VecDeque::new(),
        }
    }
}

/// A seat of the organisation: a position that one person fills at a time. A leaver's seat is
/// back-filled after the vacancy; a promoted scout opens a new Closer seat.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Seat {
    /// The entry its holders belong to.
    pub(crate) entry: u32,
    /// Its ordinal among the entry's seats.
    pub(crate) ordinal: u32,
    /// People who have filled it so far.
    pub(crate) holders: u32,
}

impl Seat {
    /// The key of the tenure draw of the seat's next holder: the same seat of the same entry
    /// draws the same tenures in two team structures (common random numbers, SPEC §2).
    pub(crate) fn tenure_key(&self) -> u64 {
        let mut state = u64::from(self.entry);
        for word in [u64::from(self.ordinal), u64::from(self.holders)] {
            state = crate::engine::rng::splitmix64(&mut state) ^ word;
        }
        crate::engine::rng::splitmix64(&mut state)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_activity_list_keeps_the_order_and_first_places() {
        use Activity::*;
        assert_eq!(*ActivityList::new(&[Care, Inbound]), [Care, Inbound]);
        assert_eq!(*ActivityList::new(&[]), []);
        let all = [Prospect, Close, Inbound, Care];
        assert_eq!(*ActivityList::new(&all), all);
        assert_eq!(
            *ActivityList::new(&[Close, Prospect, Close, Care, Prospect, Inbound]),
            [Close, Prospect, Care, Inbound]
        );
    }
}
