//! People coming and going (SPEC §5.5): tenures, leavers and their work, back-fills after a
//! vacancy, promotion of scouts; and the accrual of salaries and employed time by role.
//!
//! A person's tenure is exponential with the rate of its entry, drawn when it joins from a
//! sub-stream keyed by its seat and the seat's holder number, so two team structures that
//! share a seat draw the same tenures for it. When a tenure ends the person stops receiving
//! new deals and customers at once, finishes the task in hand, then leaves; its deals and
//! customers go to others by the owner rules (each move a hand-off), or wait, unowned, for
//! the next person who can take them. Its seat is filled `vacancy_weeks` later by a new hire
//! with no experience, whose ramp is the learning curve of SPEC §5.4.
//!
//! Ambiguities resolved here (also in the README):
//! - a person whose tenure ended stops being an owner candidate at that instant, not when it
//!   actually leaves after its last task;
//! - a promoted scout's old seat is back-filled after `vacancy_weeks`, like any vacancy, and
//!   the promoted closer fills a new Closer seat (the team's first Closer entry, or a Closer
//!   with default settings if the team has none); a promotion is not a hire;
//! - hand-off info loss applies to reassigned deals' win probability; a reassigned customer's
//!   next care task carries the hand-off hours.

use crate::engine::math::ln;
use crate::engine::rng::uniform;
use crate::engine::time::{HOURS_PER_MONTH, HOURS_PER_WEEK, HOURS_PER_YEAR};
use crate::engine::{EventQueue, SimTime};

use super::config::{Activity, RoleKind};
use super::customers::CareRef;
use super::deals::push_ready_created;
use super::event::{Event, Subject};
use super::people::Notice;
use super::sales::SalesModel;
use super::streams;

impl SalesModel<'_> {
    /// Draws `p`'s tenure (if its entry has attrition) and, for a scout, its promotion date,
    /// and schedules whichever falls before the horizon.
    pub(crate) fn schedule_tenure(&mut self, p: u32, now: SimTime, queue: &mut EventQueue<Event>) {
        let person = &self.people[p as usize];
        let info = &self.entries[person.entry as usize];
        let rate = info.attrition_per_year;
        let mut change_at = self.horizon;
        if rate > 0.0 {
            let key = self.seats[person.seat as usize].tenure_key();
            let u = uniform(&mut self.streams.item(streams::PEOPLE, key));
            let years = -ln(1.0 - u) / rate;
            let at = now + years * HOURS_PER_YEAR;
            if at < change_at {
                change_at = at;
                queue.schedule(
                    at,
                    Event::TenureEnds {
                        person: Subject::of(p),
                    },
                );
            }
        }
        if let (Some(months), Some(RoleKind::Scout)) =
            (self.cfg.people.promote_scouts_after_months, info.kind)
        {
            let at = now + months * HOURS_PER_MONTH;
            if at < self.horizon {
                change_at = change_at.min(at);
                queue.schedule(
                    at,
                    Event::ScoutTermEnds {
                        person: Subject::of(p),
                    },
                );
            }
        }
        self.people[p as usize].change_at = change_at;
    }

    /// `p`'s tenure ends: it takes no new deals or customers, and leaves now if idle, or when
    /// the task in hand is done.
    pub(crate) fn on_tenure_ends(&mut self, p: u32, now: SimTime, queue: &mut EventQueue<Event>) {
        self.leave_owner_sets(p);
        if self.people[p as usize].task.is_some() {
            self.people[p as usize].notice = Notice::Leave;
        } else {
            self.leave(p, now, queue);
        }
    }

    /// A scout has served its term: it is promoted now if idle, or after the task in hand.
    pub(crate) fn on_scout_term_ends(
        &mut self,
        p: u32,
        now: SimTime,
        queue: &mut EventQueue<Event>,
    ) {
        let person = &mut self.people[p as usize];
        if person.left.is_some() || person.notice == Notice::Leave {
            return;
        }
        if person.task.is_some() {
            person.notice = Notice::Promote;
            return;
        }
        self.leave_idle(p);
        self.promote(p, now, queue);
        self.become_idle(p, now);
        self.wake(p, now, queue);
    }

    /// `p` (not busy, out of the idle sets) leaves at `now`.
    pub(crate) fn leave(&mut self, p: u32, now: SimTime, queue: &mut EventQueue<Event>) {
        self.close_stint(p, now);
        self.leave_idle(p);
        self.leave_owner_sets(p);
        let person = &mut self.people[p as usize];
        person.left = Some(now);
        person.notice = Notice::None;
        person.close_queue.clear();
        person.care_queue.clear();
        let deals = std::mem::take(&mut person.deals);
        let customers = std::mem::take(&mut person.customers);
        let seat = person.seat;
        self.ledger.departures += 1;
        if self.metrics.counts(now) {
            self.metrics.departures += 1;
        }
        for &d in &deals {
            self.deals.items[d as usize].owner = None;
            self.give_deal(d, now, queue);
        }
        for &c in &customers {
            self.customers.items[c as usize].owner = None;
            self.give_customer(c, now, queue);
        }
        self.schedule_backfill(seat, now, queue);
    }

    /// `p`, a scout, becomes a closer at `now`, keeping its experience and tenure; its seat is
    /// back-filled. The caller re-enters it in the idle sets.
    pub(crate) fn promote(&mut self, p: u32, now: SimTime, queue: &mut EventQueue<Event>) {
        let Some(entry) = self.promotion_entry else {
            return;
        };
        self.close_stint(p, now);
        let old_seat = self.people[p as usize].seat;
        let seat = self.open_seat(entry);
        self.seats[seat as usize].holders += 1;
        let person = &mut self.people[p as usize];
        person.notice = Notice::None;
        person.entry = entry;
        person.seat = seat;
        person.stint_start = now;
        person.promoted = Some(now);
        person.block = None;
        self.ledger.promotions += 1;
        self.enter_owner_sets(p);
        self.adopt_unowned(p, now, queue);
        self.schedule_backfill(old_seat, now, queue);
    }

    /// The replacement for `seat` joins `vacancy_weeks` after `now`.
    fn schedule_backfill(&mut self, seat: u32, now: SimTime, queue: &mut EventQueue<Event>) {
        let at = now + self.cfg.people.vacancy_weeks * HOURS_PER_WEEK;
        if at < self.horizon {
            queue.schedule(
                at,
                Event::SeatFilled {
                    seat: Subject::of(seat),
                },
            );
        }
    }

    /// A new hire with no experience fills `seat`, takes any work that waited for someone
    /// like it, and starts if on shift.
    pub(crate) fn on_seat_filled(
        &mut self,
        seat: u32,
        now: SimTime,
        queue: &mut EventQueue<Event>,
    ) {
        let p = self.hire(seat, [0.0; 4], now);
        self.schedule_tenure(p, now, queue);
        self.adopt_unowned(p, now, queue);
        self.wake(p, now, queue);
    }

    /// `seat`'s next holder joins at `now` with `experience`; the hire is booked.
    pub(crate) fn hire(&mut self, seat: u32, experience: [f64; 4], now: SimTime) -> u32 {
        self.seats[seat as usize].holders += 1;
        let p = self.join(seat, experience, now);
        self.ledger.hires += 1;
        if self.metrics.counts(now) {
            self.metrics.hires += 1;
            self.metrics.hiring_costs += self.cfg.people.hiring_cost;
        }
        p
    }

    /// `p` can now own work: deals and customers that waited for an owner go by the owner
    /// rules (so to `p` unless others are less loaded), in the order they started waiting.
    fn adopt_unowned(&mut self, p: u32, now: SimTime, queue: &mut EventQueue<Event>) {
        let can = self.entries[self.people[p as usize].entry as usize].can;
        if can[Activity::Close.index()] && !self.unowned_deals.is_empty() {
            for d in std::mem::take(&mut self.unowned_deals) {
                self.give_deal(d, now, queue);
            }
        }
        if can[Activity::Care.index()] && !self.unowned_customers.is_empty() {
            for (c, generation) in std::mem::take(&mut self.unowned_customers) {
                let customer = &self.customers.items[c as usize];
                if customer.generation == generation && customer.alive {
                    self.give_customer(c, now, queue);
                }
            }
        }
    }

    /// Deal `d`, without an owner, goes to the least-loaded closer (a hand-off), or waits.
    fn give_deal(&mut self, d: u32, now: SimTime, queue: &mut EventQueue<Event>) {
        match self.closers.peek() {
            Some((_, owner)) => self.assign_deal(d, None, owner, now, queue),
            None => self.unowned_deals.push(d),
        }
    }

    /// Customer `c`, without an owner, goes by the owner rule for existing customers (a
    /// success specialist with the fewest customers, else anyone who can Care), its pending
    /// care tasks moving to the new owner's queue (by due time, then creation order) with the
    /// hand-off hours owed; or it waits.
    fn give_customer(&mut self, c: u32, now: SimTime, queue: &mut EventQueue<Event>) {
        let owner = self
            .success
            .peek()
            .or_else(|| self.carers.peek())
            .map(|(_, id)| id);
        let Some(o) = owner else {
            let generation = self.customers.items[c as usize].generation;
            self.unowned_customers.push((c, generation));
            return;
        };
        let handoff = self.cfg.work.handoff_hours;
        let customer = &mut self.customers.items[c as usize];
        customer.owner = Some(o);
        customer.handoff_owed += handoff;
        let generation = customer.generation;
        let pending = [
            customer.onboarding.map(|t| (t, true)),
            customer.checkin.map(|t| (t, false)),
        ];
        self.own_customer(o, c);
        for (task, onboarding) in pending.into_iter().flatten() {
            let r = CareRef {
                ready: task.due,
                created: task.created,
                customer: c,
                generation,
                onboarding,
            };
            // By ready time, then creation order (SPEC §5.2), among the tasks queued.
            let tasks = &mut self.people[o as usize].care_queue;
            push_ready_created(tasks, r, |r| r.created);
        }
        self.wake(o, now, queue);
    }

    /// Ends `p`'s current stint in its role at `now`: its booked hours go to its role, and its
    /// employed time, shift time and salary inside the measured window are booked.
    pub(crate) fn close_stint(&mut self, p: u32, now: SimTime) {
        self.flush_hours(p);
        let person = &self.people[p as usize];
        let info = &self.entries[person.entry as usize];
        let m = &mut self.metrics;
        let (a, b) = (person.stint_start.max(m.w0), now.min(m.w1));
        if b <= a {
            return;
        }
        m.stint_hours += b - a;
        m.salaries += info.salary_per_year * (b - a) / HOURS_PER_YEAR;
        m.stint_shift_hours[info.role as usize] += self.cal.working_hours_between(a, b);
    }

    /// Makes `o` the owner of customer `c` in `o`'s list and the owner sets.
    pub(crate) fn own_customer(&mut self, o: u32, c: u32) {
        let person = &mut self.people[o as usize];
        self.customers.items[c as usize].owner_slot = person.customers.len() as u32;
        person.customers.push(c);
        let key = (person.customers.len() as u32, o);
        self.carers.update(o, key);
        self.success.update(o, key);
    }

    /// Removes customer `c` from its owner `o`'s list (O(1)).
    pub(crate) fn disown_customer(&mut self, o: u32, c: u32) {
        let slot = self.customers.items[c as usize].owner_slot as usize;
        let person = &mut self.people[o as usize];
        person.customers.swap_remove(slot);
        if let Some(&moved) = person.customers.get(slot) {
            self.customers.items[moved as usize].owner_slot = slot as u32;
        }
        let key = (person.customers.len() as u32, o);
        self.carers.update(o, key);
        self.success.update(o, key);
    }

    /// Makes `o` the owner of deal `d` in `o`'s list and the closers' set.
    pub(crate) fn own_deal(&mut self, o: u32, d: u32) {
        let person = &mut self.people[o as usize];
        self.deals.items[d as usize].owner_slot = person.deals.len() as u32;
        person.deals.push(d);
        self.closers.update(o, (person.deals.len() as u32, o));
    }

    /// Removes deal `d` from its owner `o`'s list (O(1)).
    pub(crate) fn disown_deal(&mut self, o: u32, d: u32) {
        let slot = self.deals.items[d as usize].owner_slot as usize;
        let person = &mut self.people[o as usize];
        person.deals.swap_remove(slot);
        if let Some(&moved) = person.deals.get(slot) {
            self.deals.items[moved as usize].owner_slot = slot as u32;
        }
        self.closers.update(o, (person.deals.len() as u32, o));
    }
}

#[cfg(test)]
mod tests;
