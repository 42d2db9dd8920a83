//! The sales model of SPEC §4–§6: people working inbound leads, outbound touches, deals and
//! customers, and the KPIs they produce. It knows nothing about files or the command line.
//!
//! # How a replication runs
//!
//! [`run_replication`] builds the state at `t = 0` (the initial team idle, initial customers
//! assigned), schedules the first shift start, lead and check-ins, and hands the model to
//! [`engine::run_until`](crate::engine::run_until). Every handler is O(log n) in the number of
//! people and open items; per-person queues and the event queue grow to their working size and
//! are then reused, so the hot loop does not allocate.
//!
//! # Randomness
//!
//! Leads draw their work and `u_qualify` from the inbound stream as they arrive; touches draw
//! theirs as they start from the prospector's own sub-stream of the outbound stream (keyed by
//! seat and holder, so the draws do not depend on the order of other people's events); deals and customers carry their own
//! sub-streams keyed by their origin (the lead's arrival index or the meeting's ordinal) and
//! draw from them in a fixed order (value and `u_win` at creation, then each step's hours and
//! the following latency; a customer's onboarding draws at creation and each period's
//! `u_churn`, care hours, `u_expand` and expansion fraction when its check-in falls due). A
//! draw made later from an item's own stream is the same as one made at creation, so this
//! is SPEC §2's "drawn when created", and two teams facing the same market see the same
//! leads, and the same deal behind the same lead.

mod arrivals;
mod care;
pub mod config;
mod customers;
mod deals;
mod event;
mod finish;
mod inbound;
pub mod kpi;
mod learning;
mod metrics;
mod observe;
mod people;
mod pipeline;
pub mod result;
mod sales;
mod staffing;
mod streams;
mod tasks;
mod touch_skip;

pub use config::{Activity, Config};
pub use kpi::{Kpi, KpiGroup, TIME_CATEGORIES};
pub use metrics::{Ledger, Stint};
pub use observe::weeks_to_detect;
pub use result::{
    ClarityValues, PersonTrace, RESPONSE_CDF_HOURS, ReplicationResult, RoleTimeUse, Trace,
};

use crate::engine::{EventQueue, SimTime, run_until};

/// Runs replication `replication` of `config` with master seed `seed`.
///
/// A pure function of its arguments: the same inputs give the same result on any thread.
pub fn run_replication(config: &Config, seed: u64, replication: u32) -> ReplicationResult {
    run_replication_audited(config, seed, replication).0
}

/// What a replication should do besides the plain run: keep full weekly series, inject a
/// fault (SPEC §7), simulate scouts' touches another way ([`TouchMode`]).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RunOptions {
    /// Keep every person's and the team's weekly stage series ([`ReplicationResult::trace`]).
    pub trace: bool,
    /// A fault to inject.
    pub fault: Option<Fault>,
    /// How a lone prospector's touches are simulated (see [`TouchMode`]).
    pub touches: TouchMode,
}

impl RunOptions {
    /// These options with `touches` as the touch mode.
    pub fn with_touches(self, touches: TouchMode) -> Self {
        RunOptions { touches, ..self }
    }
}

/// How the touches of a lone prospector (a person who does nothing but prospect, from an
/// unlimited pool) are simulated. Other people's touches are always events of their own.
///
/// All three give the same distribution of results. [`TouchMode::Inline`] and
/// [`TouchMode::PerEvent`] give the same numbers, bit for bit, for the same seed;
/// [`TouchMode::SkipAhead`] draws its random numbers differently, so it gives other numbers
/// for the same seed (tested to agree in distribution).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TouchMode {
    /// Draw how many touches come before the next meeting (one geometric draw, thinned by
    /// the skill along the way) and complete them at once; only a meeting, or the touch in
    /// hand at a departure, promotion or the horizon, is an event. Applies when every touch
    /// takes the same work (`Fixed`), so the time the touches take is known in advance;
    /// otherwise the touches run as [`TouchMode::Inline`], as they do after an injected fault
    /// on the person's prospecting has begun. The default: the fastest.
    #[default]
    SkipAhead,
    /// Draw every touch (its work and both uniforms, SPEC §2) and complete it inline, without
    /// an event of its own, until one sets a meeting.
    Inline,
    /// Give every touch its own event, as a plain event-by-event simulation does: the
    /// reference the tests compare the other two with. In this mode every inbound arrival is
    /// an event too; in the other two, an arrival that nobody idle could take is booked when
    /// someone next looks at the lead queue (the same results, bit for bit).
    PerEvent,
}

/// A fault: from `from_week` (absolute, counted from `t = 0`) to the horizon, the speed and
/// quality on `activity` are multiplied by `factor`, for one person or for everyone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fault {
    /// The activity (stage) it hits.
    pub activity: Activity,
    /// The person it hits (an id of this replication), or `None` for everyone.
    pub person: Option<u32>,
    /// The week it starts.
    pub from_week: u32,
    /// Multiplier of speed and quality, in (0, 1).
    pub factor: f64,
}

/// Like [`run_replication_audited`], with [`RunOptions`].
pub fn run_replication_with(
    config: &Config,
    seed: u64,
    replication: u32,
    options: &RunOptions,
) -> (ReplicationResult, Ledger) {
    let mut model = sales::SalesModel::new(config, seed, replication, options);
    // Pending events: a few per person, one per open deal and per customer (a few hundred in
    // a small team's year).
    let mut queue = EventQueue::with_capacity(512 + 2 * config.head_count() as usize);
    model.schedule_initial(&mut queue);
    let horizon = SimTime::from_weeks(f64::from(config.horizon_weeks));
    let events = run_until(&mut model, &mut queue, horizon);
    let inline = model.inline_events;
    model.finish(replication, events + inline)
}

/// Like [`run_replication`], and also returns the [`Ledger`] of where every lead, deal and
/// customer ended up (for conservation checks).
pub fn run_replication_audited(
    config: &Config,
    seed: u64,
    replication: u32,
) -> (ReplicationResult, Ledger) {
    run_replication_with(config, seed, replication, &RunOptions::default())
}

#[cfg(test)]
mod testkit;
#[cfg(test)]
mod tests;
