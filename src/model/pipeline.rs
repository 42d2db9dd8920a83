//! Outcomes along the funnel: leads and touches that become deals, deal steps and decisions
//! (SPEC §4.1–4.3).

use crate::engine::rng::uniform;
use crate::engine::time::HOURS_PER_DAY;
use crate::engine::{EventQueue, SimTime};

use super::config::Activity;
use super::deals::{Deal, StepRef, push_ready, push_ready_created};
use super::event::{Event, Subject};
use super::sales::SalesModel;
use super::streams::{self, Source, deal_key};

impl SalesModel<'_> {
    /// An Inbound task of lead `index` completed.
    pub(crate) fn lead_done(
        &mut self,
        p: u32,
        index: u64,
        qualified: bool,
        now: SimTime,
        queue: &mut EventQueue<Event>,
    ) {
        if self.metrics.counts(now) {
            self.metrics.inbound_done += 1;
            self.metrics.qualified += u64::from(qualified);
        }
        if qualified {
            self.observer
                .output(&self.people, p, Activity::Inbound, now);
            self.ledger.leads_qualified += 1;
            self.create_deal(p, Source::Inbound, index, now, queue);
        } else {
            self.ledger.leads_disqualified += 1;
        }
    }

    /// A touch completed; a finite-pool account goes back in the rotation unless retired.
    pub(crate) fn touch_done(
        &mut self,
        p: u32,
        meeting: bool,
        account: Option<u32>,
        now: SimTime,
        queue: &mut EventQueue<Event>,
    ) {
        if self.metrics.counts(now) {
            self.metrics.touches += 1;
            self.metrics.meetings += u64::from(meeting);
        }
        if let (Some(a), Some(accounts)) = (account, self.accounts.as_mut()) {
            accounts.touches[a as usize] += 1;
            let retired = meeting || accounts.touches[a as usize] >= self.cfg.outbound.max_touches;
            if !retired {
                accounts.available.push_back(a);
            }
        }
        if meeting {
            self.observer
                .output(&self.people, p, Activity::Prospect, now);
            let ordinal = self.meetings;
            self.meetings += 1;
            self.create_deal(p, Source::Outbound, ordinal, now, queue);
        }
    }

    /// Creates a deal originated by `origin` and gives it an owner (SPEC §4.3).
    pub(crate) fn create_deal(
        &mut self,
        origin: u32,
        source: Source,
        ordinal: u64,
        now: SimTime,
        queue: &mut EventQueue<Event>,
    ) {
        let key = deal_key(source, ordinal);
        let mut rng = self.streams.item(streams::DEALS, key);
        let value = self.cfg.deals.deal_value.sample(&mut rng);
        let u_win = uniform(&mut rng);
        let generation = self.deals.next_generation(|d| d.generation);
        let step_created = self.next_task_number();
        let id = self.deals.insert(Deal {
            generation,
            source,
            key,
            created: now,
            owner: None,
            owner_slot: 0,
            step_ready: true,
            step_created,
            value,
            u_win,
            rng,
            steps_done: 0,
            ready_since: now,
            seller_delay: 0.0,
            handoff_factor: 1.0,
            pending_handoff: 0.0,
            last_quality: 1.0,
        });
        self.ledger.deals_created += 1;
        if self.metrics.counts(now) {
            self.metrics.opportunities += 1;
        }
        // The originator keeps the deal if it can Close, unless it is on its way out
        // (SPEC §12: a leaver's new deal goes by the owner rule at once).
        let owner = if self.closers.contains(origin) {
            Some(origin)
        } else {
            self.closers.peek().map(|(_, id)| id)
        };
        match owner {
            Some(owner) => self.assign_deal(id, Some(origin), owner, now, queue),
            None => self.unowned_deals.push(id),
        }
    }

    /// Makes `owner` the owner of deal `id`; a change from `previous` is a hand-off. A ready
    /// step goes into the owner's queue at its ready time.
    pub(crate) fn assign_deal(
        &mut self,
        id: u32,
        previous: Option<u32>,
        owner: u32,
        now: SimTime,
        queue: &mut EventQueue<Event>,
    ) {
        let work = self.cfg.work;
        let deal = &mut self.deals.items[id as usize];
        if previous != Some(owner) {
            deal.pending_handoff += work.handoff_hours;
            deal.handoff_factor = after_handoff(deal.handoff_factor, work.handoff_info_loss);
        }
        deal.owner = Some(owner);
        let step = deal
            .step_ready
            .then_some(StepRef::new(deal.ready_since, id, deal.generation));
        self.own_deal(owner, id);
        if let Some(step) = step {
            let steps = &mut self.people[owner as usize].close_queue;
            if previous.is_some() {
                // A new deal: created now, so after everything queued.
                push_ready(steps, step);
            } else {
                // Handed over: by ready time, then creation order (SPEC §5.2).
                let deals = &self.deals.items;
                push_ready_created(steps, step, |s| deals[s.deal() as usize].step_created);
            }
            self.wake(owner, now, queue);
        }
    }

    /// A deal's next step is ready after the customer's latency.
    pub(crate) fn on_step_ready(
        &mut self,
        id: u32,
        generation: u32,
        now: SimTime,
        queue: &mut EventQueue<Event>,
    ) {
        let deal = &mut self.deals.items[id as usize];
        if deal.generation != generation {
            return;
        }
        deal.ready_since = now;
        deal.step_ready = true;
        let Some(owner) = deal.owner else {
            return;
        };
        let step = StepRef::new(now, id, generation);
        push_ready(&mut self.people[owner as usize].close_queue, step);
        self.wake(owner, now, queue);
    }

    /// A step of deal `id` completed: schedule the next or decide the deal.
    pub(crate) fn step_done(&mut self, id: u32, now: SimTime, queue: &mut EventQueue<Event>) {
        let steps = self.cfg.deals.steps;
        let created = self.next_task_number();
        let deal = &mut self.deals.items[id as usize];
        deal.steps_done += 1;
        if deal.steps_done < steps {
            deal.step_created = created;
            let latency_days = self.cfg.deals.between_steps_days.sample(&mut deal.rng);
            let event = Event::StepReady {
                deal: Subject::versioned(id, deal.generation),
            };
            queue.schedule(now + latency_days * HOURS_PER_DAY, event);
            return;
        }
        self.decide(id, now, queue);
    }

    /// Decides deal `id` after its last step (SPEC §4.3) and frees its slot.
    fn decide(&mut self, id: u32, now: SimTime, queue: &mut EventQueue<Event>) {
        let cfg = &self.cfg.deals;
        let deal = &self.deals.items[id as usize];
        let base = match deal.source {
            Source::Inbound => cfg.win_prob_inbound,
            Source::Outbound => cfg.win_prob_outbound,
        };
        let p_win = win_probability(
            base,
            deal.last_quality,
            deal.handoff_factor,
            deal.seller_delay,
            cfg.stall_decay_per_week,
        );
        let won = deal.u_win < p_win;
        let (key, value, owner, created, seller_delay) = (
            deal.key,
            deal.value,
            deal.owner,
            deal.created,
            deal.seller_delay,
        );
        let m = &mut self.metrics;
        m.open_deal_area += m.clip(created, now);
        if m.counts(now) {
            m.decided += 1;
            m.cycle_hours_sum += now - created;
            m.seller_delay_sum += seller_delay;
            if won {
                m.won += 1;
                m.new_revenue += value;
            }
        }
        if won {
            if let Some(o) = owner {
                self.observer.output(&self.people, o, Activity::Close, now);
            }
            self.observer.booking(&self.people, true, value, now);
            self.ledger.deals_won += 1;
        } else {
            self.ledger.deals_lost += 1;
        }
        if let Some(o) = owner {
            self.disown_deal(o, id);
        }
        let deal = &mut self.deals.items[id as usize];
        deal.generation = deal.generation.wrapping_add(1);
        self.deals.free(id);
        if won {
            self.create_customer(key, value, owner, now, queue);
        }
    }
}

/// The win-probability multiplier after one more hand-off: hand-offs compound (SPEC §4.3).
pub(crate) fn after_handoff(factor: f64, info_loss: f64) -> f64 {
    factor * (1.0 - info_loss)
}

/// The probability that a deal is won (SPEC §4.3): `base × quality × handoff factor ×
/// exp(−seller delay [weeks] × stall decay per week)`, capped at 1.
pub(crate) fn win_probability(
    base: f64,
    quality: f64,
    handoff_factor: f64,
    seller_delay_hours: f64,
    stall_decay_per_week: f64,
) -> f64 {
    let weeks = seller_delay_hours / crate::engine::time::HOURS_PER_WEEK;
    (base * quality * handoff_factor * crate::engine::math::exp(-weeks * stall_decay_per_week))
        .min(1.0)
}
