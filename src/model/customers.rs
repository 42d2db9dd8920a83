//! Customers: their care tasks, churn and expansion draws.

use crate::engine::{SimRng, SimTime};

/// A ready care task in its owner's queue. Stale unless the customer (same generation) is
/// alive and still has this task pending.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CareRef {
    pub(crate) ready: SimTime,
    /// The task's creation number ([`PendingCare::created`]): its place among tasks ready
    /// at the same instant, and which check-in it is. Kept here rather than read from the
    /// customer, because a stale reference's task is gone (or replaced by a later check-in)
    /// while the queue must stay ordered by it.
    pub(crate) created: u64,
    pub(crate) customer: u32,
    pub(crate) generation: u32,
    pub(crate) onboarding: bool,
}

/// A care task that is due and not started, with its draws.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PendingCare {
    pub(crate) due: SimTime,
    /// Creation number ([`SalesModel::next_task_number`]): with `due`, its place in a queue it
    /// is handed over to (SPEC §5.2). Customers created at the same instant have onboardings,
    /// and every later check-in, due at the same instant.
    ///
    /// [`SalesModel::next_task_number`]: super::sales::SalesModel::next_task_number
    pub(crate) created: u64,
    /// Check-in number (0 for onboarding).
    pub(crate) number: u32,
    /// Base work [working hours].
    pub(crate) work: f64,
    pub(crate) u_expand: f64,
    pub(crate) fraction: f64,
    /// Hand-off work owed (onboarding by a new owner) [working hours].
    pub(crate) handoff: f64,
}

/// The care task due most recently, for the neglect rule (SPEC §4.4).
#[derive(Debug, Clone, Copy)]
pub(crate) struct LastCare {
    pub(crate) due: SimTime,
    pub(crate) started: Option<SimTime>,
    pub(crate) number: u32,
    pub(crate) onboarding: bool,
}

/// One customer.
#[derive(Debug, Clone)]
pub(crate) struct Customer {
    pub(crate) generation: u32,
    pub(crate) alive: bool,
    pub(crate) owner: Option<u32>,
    /// Its position in its owner's customer list.
    pub(crate) owner_slot: u32,
    /// Hand-off hours its next care task carries after a change of owner [working hours].
    pub(crate) handoff_owed: f64,
    pub(crate) created: SimTime,
    /// Original deal value [money].
    pub(crate) value: f64,
    /// The customer's own stream: per-period draws in a fixed order.
    pub(crate) rng: SimRng,
    /// Number of the next check-in to fall due.
    pub(crate) next_number: u32,
    /// When the next check-in falls due.
    pub(crate) next_due: SimTime,
    pub(crate) onboarding: Option<PendingCare>,
    pub(crate) checkin: Option<PendingCare>,
    /// `None` until a care task has fallen due (initial customers: their first check-in is
    /// never counted as neglected).
    pub(crate) last: Option<LastCare>,
    /// The care task of this customer in progress, if any.
    pub(crate) in_progress_task: Option<PendingCare>,
}

impl Customer {
    /// Whether `r` still names a pending task of this customer.
    pub(crate) fn is_current(&self, r: &CareRef) -> bool {
        if !self.alive || self.generation != r.generation {
            return false;
        }
        if r.onboarding {
            self.onboarding.is_some()
        } else {
            self.checkin.is_some_and(|c| c.created == r.created)
        }
    }
}

impl super::deals::Ready for CareRef {
    fn ready(&self) -> SimTime {
        self.ready
    }
}
