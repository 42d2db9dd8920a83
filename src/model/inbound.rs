//! The inbound lead flow's arrivals (SPEC §4.1): a lead arrives, draws its work and
//! `u_qualify`, joins the shared queue, and wakes an idle person on shift who can take it.
//!
//! # Lazy arrivals
//!
//! While everyone who can do Inbound is busy, an arrival can do nothing but join the queue. It
//! then gets no event: it is booked, with its own time, when someone next looks at the queue
//! (a task start, through `has_work`) or at the horizon. As soon as someone who can take a
//! lead is idle, the next arrival gets its `LeadArrival` event again. This is exact: the
//! arrival's draws come from the inbound stream, which nothing else draws from, and nothing
//! reads the queue in between, so the state is the same as with an event per arrival
//! ([`TouchMode::PerEvent`](super::TouchMode::PerEvent), which the tests compare with, field
//! for field). Booked arrivals count as events.

use crate::engine::{EventQueue, SimTime};

use super::event::Event;
use super::sales::{QueuedLead, SalesModel};

impl SalesModel<'_> {
    /// The queued `LeadArrival` event: the lead arrives, and an idle person on shift who can
    /// take it does.
    pub(crate) fn on_lead_arrival(&mut self, now: SimTime, queue: &mut EventQueue<Event>) {
        self.arrival_queued = false;
        self.arrive(now);
        if !self.lazy_arrivals {
            self.queue_arrival(queue);
        }
        if self.shift.is_on_shift(self.cal, now) {
            if let Some((_, p)) = self.idle_inbound.peek() {
                self.try_start(p, now, queue);
            }
        }
        self.queue_arrival_if_needed(now, queue);
    }

    /// Lead `next_arrival` (at `now`) arrives: it draws its work and `u_qualify`, joins the
    /// queue, and the next arrival is drawn.
    #[inline(always)]
    fn arrive(&mut self, now: SimTime) {
        debug_assert_eq!(self.next_arrival, Some(now));
        let work = self.cfg.inbound.work_hours.sample(&mut self.inbound_rng);
        let u_qualify = crate::engine::rng::uniform(&mut self.inbound_rng);
        let index = self.leads_arrived;
        self.leads_arrived += 1;
        self.ledger.leads_arrived += 1;
        self.ledger.fingerprint_lead(now, work, u_qualify);
        if self.metrics.counts(now) {
            self.metrics.leads_arrived += 1;
        }
        self.leads.push_back(QueuedLead {
            arrival: now,
            index,
            work,
            u_qualify,
        });
        let arrivals = &self.arrivals;
        self.next_arrival =
            arrivals.next_remembering(now, self.cal, &mut self.shift, &mut self.inbound_rng);
    }

    /// Books, in order, the arrivals due at or before `now` that have no queued event (see
    /// the module documentation): called before anyone looks at the lead queue.
    #[inline]
    pub(crate) fn catch_up_arrivals(&mut self, now: SimTime) {
        if !self.arrival_queued && self.next_arrival.is_some_and(|t| t <= now) {
            self.catch_up_while(|t| t <= now);
        }
    }

    /// Books the arrivals without an event that fall before `horizon` (the run's end: an
    /// event at the horizon is not processed).
    pub(crate) fn catch_up_arrivals_before(&mut self, horizon: SimTime) {
        self.catch_up_while(|t| t < horizon);
    }

    #[inline(never)]
    fn catch_up_while(&mut self, due: impl Fn(SimTime) -> bool) {
        if self.arrival_queued {
            return;
        }
        while let Some(t) = self.next_arrival.filter(|&t| due(t)) {
            self.arrive(t);
            self.late_arrivals += 1;
        }
    }

    /// Queues the `LeadArrival` event of `next_arrival`, if there is one.
    fn queue_arrival(&mut self, queue: &mut EventQueue<Event>) {
        if let Some(t) = self.next_arrival {
            queue.schedule(t, Event::LeadArrival);
            self.arrival_queued = true;
        }
    }

    /// With lazy arrivals, the next arrival gets an event as soon as someone who can take it
    /// is idle (after booking those already due): after an arrival, and after any event in
    /// which someone became idle ([`Self::become_idle`] notes it).
    pub(crate) fn queue_arrival_if_needed(&mut self, now: SimTime, queue: &mut EventQueue<Event>) {
        if self.arrival_queued || self.next_arrival.is_none() {
            return;
        }
        if !self.lazy_arrivals || !self.idle_inbound.is_empty() {
            self.catch_up_arrivals(now);
            self.queue_arrival(queue);
        }
    }
}
