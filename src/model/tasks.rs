//! Choosing, starting and finishing tasks (SPEC §5.2–5.4), and booking where time went.

use crate::engine::rng::uniform;
use crate::engine::{EventQueue, SimTime};

use super::TouchMode;
use super::config::{Activity, Policy};
use super::event::{Event, Subject};
use super::people::{Task, TaskItem, skill};
use super::sales::SalesModel;

/// Schedules the end of `p`'s task in hand at `end`. Tasks that end at the same instant
/// complete in person-id order, after any other event at that instant, whenever they were
/// scheduled: two people who start together with the same fixed work end together, and the
/// skip-ahead schedules a touch's end earlier than a per-event run would (SPEC §12 orders
/// people freed at a shift start by id too).
pub(super) fn schedule_done(queue: &mut EventQueue<Event>, p: u32, end: SimTime) {
    queue.schedule_ranked(
        end,
        p.saturating_add(1),
        Event::TaskDone {
            person: Subject::of(p),
        },
    );
}

impl SalesModel<'_> {
    /// If `p` (idle, on shift) has ready work, starts the task its policy chooses.
    pub(crate) fn try_start(
        &mut self,
        p: u32,
        now: SimTime,
        queue: &mut EventQueue<Event>,
    ) -> bool {
        self.start_chosen(p, now, queue, true)
    }

    /// [`Self::try_start`] for `p` that has just finished a task (on shift, and in no idle set).
    pub(crate) fn try_continue(
        &mut self,
        p: u32,
        now: SimTime,
        queue: &mut EventQueue<Event>,
    ) -> bool {
        debug_assert!(!self.idle_all.contains(p));
        self.start_chosen(p, now, queue, false)
    }

    /// Starts the task `p`'s policy chooses, if any, taking `p` out of the idle sets first if
    /// it is `idle`.
    fn start_chosen(
        &mut self,
        p: u32,
        now: SimTime,
        queue: &mut EventQueue<Event>,
        idle: bool,
    ) -> bool {
        let Some(activity) = self.choose(p, now) else {
            return false;
        };
        if idle {
            self.leave_idle(p);
        }
        self.start(p, activity, now, queue);
        true
    }

    /// The activity `p` works on next, per its policy, or `None` if nothing is ready.
    fn choose(&mut self, p: u32, now: SimTime) -> Option<Activity> {
        let entry = self.people[p as usize].entry as usize;
        let policy = self.entries[entry].policy;
        if let Policy::Batch { block_hours } = policy {
            if let Some((activity, since)) = self.people[p as usize].block {
                if self.has_work(p, activity, now)
                    && self.cal.working_hours_between(since, now) < block_hours
                {
                    return Some(activity);
                }
            }
        }
        let activities = self.entries[entry].activities;
        for &activity in activities.iter() {
            if self.has_work(p, activity, now) {
                if let Policy::Batch { .. } = policy {
                    self.people[p as usize].block = Some((activity, now));
                }
                return Some(activity);
            }
        }
        None
    }

    /// Whether `p` could start a task of `activity` at `now` (drops stale queue entries and
    /// leads lost to abandonment on the way).
    ///
    /// Inlined into [`Self::choose`], where the activity is often known: −1.1% of the
    /// instructions of specialized.ron and −7.2% of generalist.ron, and −1.4…2.0% and −3.8%
    /// of the time, timed in one process against the call (`benches/ab_inprocess.sh`; an
    /// earlier timing of separate processes had seen it slower, within their noise).
    #[inline(always)]
    fn has_work(&mut self, p: u32, activity: Activity, now: SimTime) -> bool {
        match activity {
            Activity::Inbound => {
                self.catch_up_arrivals(now);
                self.drop_abandoned_leads(now);
                !self.leads.is_empty()
            }
            Activity::Prospect => self
                .accounts
                .as_ref()
                .is_none_or(|a| !a.available.is_empty()),
            Activity::Close => {
                let deals = &self.deals.items;
                let q = &mut self.people[p as usize].close_queue;
                while q
                    .front()
                    .is_some_and(|r| deals[r.deal() as usize].generation != r.generation())
                {
                    q.pop_front();
                }
                !q.is_empty()
            }
            Activity::Care => {
                let customers = &self.customers.items;
                let q = &mut self.people[p as usize].care_queue;
                while q
                    .front()
                    .is_some_and(|r| !customers[r.customer as usize].is_current(r))
                {
                    q.pop_front();
                }
                !q.is_empty()
            }
        }
    }

    /// Removes leads that have waited strictly longer than `abandon_after_hours` by `now`;
    /// each is lost at `arrival + limit`.
    pub(crate) fn drop_abandoned_leads(&mut self, now: SimTime) {
        let Some(limit) = self.cfg.inbound.abandon_after_hours else {
            return;
        };
        while let Some(lead) = self.leads.front().copied() {
            if now - lead.arrival <= limit {
                break;
            }
            self.leads.pop_front();
            let lost_at = lead.arrival + limit;
            self.metrics.lead_left_queue(lead.arrival, lost_at);
            if self.metrics.counts(lost_at) {
                self.metrics.lost += 1;
            }
            self.ledger.leads_lost += 1;
        }
    }

    /// Starts a task of `activity` for `p` at `now`; `has_work` must have returned true.
    fn start(&mut self, p: u32, activity: Activity, now: SimTime, queue: &mut EventQueue<Event>) {
        if activity == Activity::Prospect && self.is_lone_prospector(p) {
            return self.run_touches(p, now, queue);
        }
        let task = self.prepare(p, activity, now);
        self.people[p as usize].task = Some(task);
        schedule_done(queue, p, task.end);
    }

    /// Takes `p`'s next task of `activity` at `now`: reads its skill, pays the overheads and
    /// works out when it ends.
    fn prepare(&mut self, p: u32, activity: Activity, now: SimTime) -> Task {
        let person = &self.people[p as usize];
        let info = &self.entries[person.entry as usize];
        let mut level = skill(self.cfg, info, &person.experience, activity);
        if let Some((a, who, from, factor)) = self.fault {
            if a == activity && who.is_none_or(|w| w == p) && now >= from {
                level *= factor;
            }
        }
        let switch_hours = match person.prev {
            Some(prev) if prev != activity => self.cfg.work.switch_hours,
            _ => 0.0,
        };
        let (base_work, handoff_hours, item) = match activity {
            Activity::Inbound => self.take_lead(now, level),
            Activity::Prospect => self.take_touch(p),
            Activity::Close => self.take_step(p),
            Activity::Care => self.take_care(p),
        };
        let own_start = self
            .shift
            .advance(self.cal, now, switch_hours + handoff_hours);
        let work_hours = base_work / level;
        let end = self.shift.advance(self.cal, own_start, work_hours);
        let item = self.on_own_work_start(item, own_start, now, level);
        Task {
            activity,
            start: now,
            own_start,
            end,
            switch_hours,
            handoff_hours,
            work_hours,
            quality: level,
            item,
        }
    }

    /// Whether `p` does nothing but prospect, from an unlimited pool, with inline runs allowed:
    /// then no other event can reach it between its touches (it takes no leads, owns no deals
    /// or customers, and shares no accounts), until a meeting it sets, its scheduled change
    /// ([`super::people::Person::change_at`]) or the horizon.
    fn is_lone_prospector(&self, p: u32) -> bool {
        self.touch_mode != TouchMode::PerEvent
            && self.accounts.is_none()
            && *self.entries[self.people[p as usize].entry as usize].activities
                == [Activity::Prospect]
    }

    /// Runs a lone prospector's touches from `now` without an event per touch (issue 6).
    ///
    /// Under [`TouchMode::SkipAhead`] this is [`Self::skip_touches`] (`model::touch_skip`)
    /// when it applies. Otherwise ([`TouchMode::Inline`], or a case the skip-ahead leaves
    /// out) the touches from `now` are completed here, one after another, each exactly as its
    /// `TaskDone` event would complete it (booked, learned from, counted, the next one started
    /// at once or at the next shift start), until one sets a meeting or the next touch would
    /// start at or after `change_at`. That touch becomes the task in hand with an ordinary
    /// `TaskDone` event, so meetings, departures, promotions and the horizon happen through
    /// the event queue at their own instants.
    ///
    /// The one-by-one run is exact, not approximate: every touch draws the same numbers from
    /// the person's own stream in the same order, the skill is read at each start, and the
    /// booking sums run in the person's own order, so the results are identical to giving
    /// every touch an event ([`TouchMode::PerEvent`]; tested for every bundled scenario and in
    /// the property tests). Only the event count differs, and inline touches are counted as
    /// events.
    ///
    /// For speed the loop writes out what [`Self::prepare`], [`Self::complete`] and
    /// `touch_done` do for a touch that sets no meeting (the [`Task`] is stored only for the
    /// touch that ends the run, and booked through [`Self::book`] only when it straddles the
    /// measured window's edge), and reads the skill from the entry's learning table
    /// (`model::learning`) while the person is on it. The exactness tests (inline against
    /// per-event, which does neither) keep the two paths in step.
    fn run_touches(&mut self, p: u32, mut now: SimTime, queue: &mut EventQueue<Event>) {
        if self.touch_mode == TouchMode::SkipAhead && self.skip_touches(p, now, queue) {
            return;
        }
        let cfg = self.cfg;
        let prospect = Activity::Prospect;
        let a = prospect.index();
        let limit = self.people[p as usize].change_at;
        // The person's place in its entry's learning table, if it is on one (`learning`).
        let entry = self.people[p as usize].entry as usize;
        let e = self.people[p as usize].experience[a];
        let hint = self.people[p as usize].table_hint;
        let mut table = self.learning_tables(entry).and_then(|t| t.locate(e, hint));
        loop {
            // What `prepare` does for a touch, without building the task unless it is needed.
            let person = &mut self.people[p as usize];
            let info = &self.entries[person.entry as usize];
            let e = person.experience[a];
            let tabled = table.as_mut().and_then(|(t, k)| t.level(k, e));
            let mut level =
                tabled.unwrap_or_else(|| skill(cfg, info, &person.experience, prospect));
            if let Some((activity, who, from, factor)) = self.fault {
                if activity == prospect && who.is_none_or(|w| w == p) && now >= from {
                    level *= factor;
                }
            }
            let switch_hours = match person.prev {
                Some(prev) if prev != prospect => cfg.work.switch_hours,
                _ => 0.0,
            };
            let rng = &mut person.touch_rng;
            let base_work = cfg.outbound.work_hours.sample(rng);
            let u_connect = uniform(rng);
            let u_meeting = uniform(rng);
            let own_start = self.shift.advance(self.cal, now, switch_hours + 0.0);
            let work_hours = base_work / level;
            let end = self.shift.advance(self.cal, own_start, work_hours);
            let task = Task {
                activity: prospect,
                start: now,
                own_start,
                end,
                switch_hours,
                handoff_hours: 0.0,
                work_hours,
                quality: level,
                item: TaskItem::Touch {
                    u_connect,
                    u_meeting,
                    account: None,
                },
            };
            let next = self.shift.next_on_shift(self.cal, end);
            if self.sets_meeting(u_connect, u_meeting, level) || next >= limit {
                let person = &mut self.people[p as usize];
                person.task = Some(task);
                if let Some((_, k)) = table {
                    person.table_hint = k;
                }
                schedule_done(queue, p, end);
                return;
            }
            // What `complete` and `touch_done` do for a touch that sets no meeting; `book`'s
            // common case (the touch lies inside the measured window) is written out.
            let person = &mut self.people[p as usize];
            person.prev = Some(prospect);
            person.experience[a] += work_hours;
            let m = &self.metrics;
            if now >= m.w0 && end <= m.w1 {
                person.hours[4] += switch_hours;
                person.hours[a] += work_hours;
                self.observer.person_busy[p as usize][a] += switch_hours + 0.0 + work_hours;
            } else {
                self.book(p, &task, end);
            }
            if self.metrics.counts(end) {
                self.metrics.touches += 1;
            }
            self.inline_events += 1;
            now = next;
        }
    }

    /// Whether a touch with these uniforms, done at `quality`, sets a meeting (SPEC §4.2).
    fn sets_meeting(&self, u_connect: f64, u_meeting: f64, quality: f64) -> bool {
        let outbound = &self.cfg.outbound;
        u_connect < outbound.connect_prob && u_meeting < outbound.meeting_prob * quality
    }

    /// Takes the first lead of the queue: (base work, hand-off hours, item).
    fn take_lead(&mut self, now: SimTime, _level: f64) -> (f64, f64, TaskItem) {
        let lead = self.leads.pop_front().expect("has_work checked the queue");
        self.metrics.lead_left_queue(lead.arrival, now);
        let item = TaskItem::Lead {
            index: lead.index,
            arrival: lead.arrival,
            u_qualify: lead.u_qualify,
            // Set once the own-work start, and so the response delay, is known.
            p_qualify: 0.0,
        };
        (lead.work, 0.0, item)
    }

    /// Draws `p`'s next touch from its own outbound sub-stream (work, then both uniforms).
    fn take_touch(&mut self, p: u32) -> (f64, f64, TaskItem) {
        let rng = &mut self.people[p as usize].touch_rng;
        let work = self.cfg.outbound.work_hours.sample(rng);
        let u_connect = uniform(rng);
        let u_meeting = uniform(rng);
        let account = self.accounts.as_mut().and_then(|a| a.available.pop_front());
        (
            work,
            0.0,
            TaskItem::Touch {
                u_connect,
                u_meeting,
                account,
            },
        )
    }

    /// Takes `p`'s next ready deal step; the deal's owed hand-off hours are paid now.
    fn take_step(&mut self, p: u32) -> (f64, f64, TaskItem) {
        let r = self.people[p as usize]
            .close_queue
            .pop_front()
            .expect("has_work checked");
        let deal = &mut self.deals.items[r.deal() as usize];
        deal.step_ready = false;
        let handoff = std::mem::take(&mut deal.pending_handoff);
        let work = self.cfg.deals.step_hours.sample(&mut deal.rng);
        (work, handoff, TaskItem::Step { deal: r.deal() })
    }

    /// Takes `p`'s next current care task.
    fn take_care(&mut self, p: u32) -> (f64, f64, TaskItem) {
        let r = self.people[p as usize]
            .care_queue
            .pop_front()
            .expect("has_work checked");
        let customer = &mut self.customers.items[r.customer as usize];
        let owed = std::mem::take(&mut customer.handoff_owed);
        let pending = if r.onboarding {
            customer.onboarding
        } else {
            customer.checkin
        };
        let pending = pending.expect("is_current checked");
        let item = TaskItem::Care {
            customer: r.customer,
            onboarding: r.onboarding,
        };
        (pending.work, pending.handoff + owed, item)
    }

    /// What happens when a task's own work starts: response delay, seller delay, care timing.
    fn on_own_work_start(
        &mut self,
        item: TaskItem,
        own_start: SimTime,
        now: SimTime,
        level: f64,
    ) -> TaskItem {
        match item {
            TaskItem::Lead {
                index,
                arrival,
                u_qualify,
                ..
            } => {
                let delay = own_start - arrival;
                if self.metrics.counts(now) {
                    self.metrics.response_sum += delay;
                    self.metrics.response.record(delay);
                }
                let inbound = &self.cfg.inbound;
                let p = (inbound.qualify_prob * inbound.decay.factor(delay) * level).min(1.0);
                TaskItem::Lead {
                    index,
                    arrival,
                    u_qualify,
                    p_qualify: p,
                }
            }
            TaskItem::Step { deal } => {
                let steps = self.cfg.deals.steps;
                let d = &mut self.deals.items[deal as usize];
                d.seller_delay += own_start - d.ready_since;
                if d.steps_done + 1 == steps {
                    d.last_quality = level;
                }
                item
            }
            TaskItem::Care {
                customer,
                onboarding,
            } => {
                self.care_started(customer, onboarding, own_start);
                item
            }
            TaskItem::Touch { .. } => item,
        }
    }

    /// Completes `p`'s task at `now`: books its time, adds experience, decides its outcome.
    pub(crate) fn finish_task(&mut self, p: u32, now: SimTime, queue: &mut EventQueue<Event>) {
        let task = self.complete(p, now);
        match task.item {
            TaskItem::Lead {
                index,
                u_qualify,
                p_qualify,
                ..
            } => self.lead_done(p, index, u_qualify < p_qualify, now, queue),
            TaskItem::Touch {
                u_connect,
                u_meeting,
                account,
            } => {
                let meeting = self.sets_meeting(u_connect, u_meeting, task.quality);
                self.touch_done(p, meeting, account, now, queue)
            }
            TaskItem::Step { deal } => self.step_done(deal, now, queue),
            TaskItem::Care { customer, .. } => self.care_done(p, customer, task.quality, now),
        }
    }

    /// The part of finishing `p`'s task in hand at `now` that does not depend on its outcome:
    /// the activity becomes the previous one, the core hours add to experience, the time is
    /// booked; the task leaves `p`'s hands and is returned.
    ///
    /// The task is read where it lies and taken out last: a task moved out of the person
    /// first, into a copy whose address a call sees, is kept in memory, and reading its fields
    /// back from that copy stalled on store forwarding (a 16-byte read across two of the
    /// copy's 16-byte writes).
    fn complete(&mut self, p: u32, now: SimTime) -> Task {
        let person = &mut self.people[p as usize];
        let task = person.task.expect("TaskDone for a busy person");
        person.prev = Some(task.activity);
        person.experience[task.activity.index()] += task.work_hours;
        if !self.book_inside(p, &task, now) {
            self.book_clipped_in_hand(p, now);
        }
        self.people[p as usize].task = None;
        task
    }

    /// Books the working hours of `p`'s `task` up to `upto` into `p`'s time use of its current
    /// stint, clipped to the measured window: switching first, then hand-off, then the
    /// activity's own work; and all of it into `p`'s busy time on the activity (overheads go
    /// to the activity they preceded, SPEC §7).
    #[inline]
    pub(crate) fn book(&mut self, p: u32, task: &Task, upto: SimTime) {
        if !self.book_inside(p, task, upto) {
            self.book_clipped(p, task, upto);
        }
    }

    /// [`Self::book`]'s common case: if `task` lies inside the measured window and ends by
    /// `upto`, books it and returns true; otherwise books nothing and returns false.
    #[inline]
    fn book_inside(&mut self, p: u32, task: &Task, upto: SimTime) -> bool {
        let m = &self.metrics;
        if !(task.start >= m.w0 && task.end <= upto && task.end <= m.w1) {
            return false;
        }
        let hours = &mut self.people[p as usize].hours;
        let a = task.activity.index();
        hours[4] += task.switch_hours;
        hours[5] += task.handoff_hours;
        hours[a] += task.work_hours;
        self.observer.person_busy[p as usize][a] +=
            task.switch_hours + task.handoff_hours + task.work_hours;
        true
    }

    /// [`Self::book_clipped`] for `p`'s task in hand.
    #[inline(never)]
    fn book_clipped_in_hand(&mut self, p: u32, upto: SimTime) {
        let task = self.people[p as usize]
            .task
            .expect("the task in hand is booked before it leaves");
        self.book_clipped(p, &task, upto);
    }

    /// [`Self::book`] for a task that straddles the measured window's edges or `upto`.
    #[inline(never)]
    fn book_clipped(&mut self, p: u32, task: &Task, upto: SimTime) {
        let m = &self.metrics;
        let hours = &mut self.people[p as usize].hours;
        let a = task.activity.index();
        let lo = task.start.max(m.w0);
        let hi = upto.min(m.w1).min(task.end);
        if hi <= lo {
            return;
        }
        let switch_end = self.cal.advance(task.start, task.switch_hours);
        let clip = |a: SimTime, b: SimTime| self.cal.working_hours_between(a.max(lo), b.min(hi));
        let (switching, handoff, work) = (
            clip(task.start, switch_end),
            clip(switch_end, task.own_start),
            clip(task.own_start, task.end),
        );
        hours[4] += switching;
        hours[5] += handoff;
        hours[a] += work;
        self.observer.person_busy[p as usize][a] += switching + handoff + work;
    }

    /// Adds `p`'s booked hours of its current stint to its role's time use and clears them
    /// (at a departure, a promotion and the horizon).
    pub(crate) fn flush_hours(&mut self, p: u32) {
        let person = &mut self.people[p as usize];
        let role = self.entries[person.entry as usize].role as usize;
        let total = &mut self.metrics.role_hours[role];
        for (t, h) in total.iter_mut().zip(std::mem::take(&mut person.hours)) {
            *t += h;
        }
    }
}

#[cfg(test)]
mod tests;
