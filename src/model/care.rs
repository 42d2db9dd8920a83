//! Customers after the sale: owners, onboarding, check-ins, churn with neglect, expansion
//! (SPEC §4.4).

use crate::engine::rng::uniform;
use crate::engine::time::HOURS_PER_DAY;
use crate::engine::{EventQueue, SimTime};

use super::config::Activity;
use super::customers::{CareRef, Customer, LastCare, PendingCare};
use super::deals::push_ready;
use super::event::{Event, Subject};
use super::sales::SalesModel;
use super::streams::{self, initial_customer_key};

impl SalesModel<'_> {
    fn interval_hours(&self) -> f64 {
        self.cfg.customers.care_interval_days * HOURS_PER_DAY
    }

    fn grace_hours(&self) -> f64 {
        self.cfg.customers.grace_days * HOURS_PER_DAY
    }

    /// The owner of a new customer: a success specialist with the fewest customers, else the
    /// deal owner if it can Care, else the Care-capable person with the fewest customers.
    fn care_owner(&self, deal_owner: Option<u32>) -> Option<u32> {
        if let Some((_, id)) = self.success.peek() {
            return Some(id);
        }
        // The deal owner keeps its customer if it can Care, unless it is on its way out.
        if let Some(o) = deal_owner.filter(|&o| self.carers.contains(o)) {
            return Some(o);
        }
        self.carers.peek().map(|(_, id)| id)
    }

    /// The initial customers: already onboarded, first check-in uniform in the first interval.
    pub(crate) fn create_initial_customers(&mut self) {
        for i in 0..self.cfg.customers.initial {
            let mut rng = self
                .streams
                .item(streams::CUSTOMERS, initial_customer_key(i));
            let value = self.cfg.deals.deal_value.sample(&mut rng);
            let first_due = SimTime::ZERO + uniform(&mut rng) * self.interval_hours();
            let owner = self.care_owner(None);
            let generation = self.customers.next_generation(|c| c.generation);
            let id = self.customers.insert(Customer {
                generation,
                alive: true,
                owner,
                owner_slot: 0,
                handoff_owed: 0.0,
                created: SimTime::ZERO,
                value,
                rng,
                next_number: 1,
                next_due: first_due,
                onboarding: None,
                checkin: None,
                last: None,
                in_progress_task: None,
            });
            self.ledger.customers_created += 1;
            match owner {
                Some(o) => self.own_customer(o, id),
                None => self.unowned_customers.push((id, generation)),
            }
        }
    }

    /// A won deal (sub-stream `key`) becomes a customer with its onboarding task ready at once.
    pub(crate) fn create_customer(
        &mut self,
        key: u64,
        value: f64,
        deal_owner: Option<u32>,
        now: SimTime,
        queue: &mut EventQueue<Event>,
    ) {
        let mut rng = self.streams.item(streams::CUSTOMERS, key);
        let c = &self.cfg.customers;
        let work = c.onboarding_hours.sample(&mut rng);
        let u_expand = uniform(&mut rng);
        let fraction = c.expansion_value_fraction.sample(&mut rng);
        let owner = self.care_owner(deal_owner);
        let handoff = if owner.is_some() && owner != deal_owner {
            self.cfg.work.handoff_hours
        } else {
            0.0
        };
        let onboarding = PendingCare {
            due: now,
            created: self.next_task_number(),
            number: 0,
            work,
            u_expand,
            fraction,
            handoff,
        };
        let generation = self.customers.next_generation(|c| c.generation);
        let next_due = now + self.interval_hours();
        let id = self.customers.insert(Customer {
            generation,
            alive: true,
            owner,
            owner_slot: 0,
            handoff_owed: 0.0,
            created: now,
            value,
            rng,
            next_number: 1,
            next_due,
            onboarding: Some(onboarding),
            checkin: None,
            last: Some(LastCare {
                due: now,
                started: None,
                number: 0,
                onboarding: true,
            }),
            in_progress_task: None,
        });
        self.ledger.customers_created += 1;
        queue.schedule(
            next_due,
            Event::CheckInDue {
                customer: Subject::versioned(id, generation),
            },
        );
        let Some(o) = owner else {
            self.unowned_customers.push((id, generation));
            return;
        };
        self.own_customer(o, id);
        let r = CareRef {
            ready: now,
            created: onboarding.created,
            customer: id,
            generation,
            onboarding: true,
        };
        push_ready(&mut self.people[o as usize].care_queue, r);
        self.wake(o, now, queue);
    }

    /// A check-in falls due: churn is decided, then the check-in replaces an unstarted one.
    pub(crate) fn on_checkin_due(
        &mut self,
        id: u32,
        generation: u32,
        now: SimTime,
        queue: &mut EventQueue<Event>,
    ) {
        let grace = self.grace_hours();
        let interval = self.interval_hours();
        let cfg = &self.cfg.customers;
        let customer = &mut self.customers.items[id as usize];
        if customer.generation != generation || !customer.alive {
            return;
        }
        let neglected = customer
            .last
            .is_some_and(|l| l.started.is_none_or(|s| s - l.due > grace));
        let multiplier = if neglected {
            cfg.neglect_multiplier
        } else {
            1.0
        };
        let p_churn = (cfg.churn_per_period * multiplier).min(1.0);
        if uniform(&mut customer.rng) < p_churn {
            self.churn(id, now);
            return;
        }
        let created = self.next_task_number();
        let customer = &mut self.customers.items[id as usize];
        let work = cfg.care_hours.sample(&mut customer.rng);
        let u_expand = uniform(&mut customer.rng);
        let fraction = cfg.expansion_value_fraction.sample(&mut customer.rng);
        let number = customer.next_number;
        customer.next_number += 1;
        customer.next_due = now + interval;
        let replaced = customer.checkin.replace(PendingCare {
            due: now,
            created,
            number,
            work,
            u_expand,
            fraction,
            handoff: 0.0,
        });
        customer.last = Some(LastCare {
            due: now,
            started: None,
            number,
            onboarding: false,
        });
        let owner = customer.owner;
        queue.schedule(
            now + interval,
            Event::CheckInDue {
                customer: Subject::versioned(id, generation),
            },
        );
        if let Some(old) = replaced {
            // Late at min(due + grace, replacement time) (SPEC §12).
            self.metrics
                .care_classified(false, (old.due + grace).min(now));
        }
        if let Some(o) = owner {
            let r = CareRef {
                ready: now,
                created,
                customer: id,
                generation,
                onboarding: false,
            };
            push_ready(&mut self.people[o as usize].care_queue, r);
            self.wake(o, now, queue);
        }
    }

    /// The customer churns at `now`: pending tasks are dropped (counted late only if already
    /// known late), its owner loses it.
    fn churn(&mut self, id: u32, now: SimTime) {
        let grace = self.grace_hours();
        let customer = &mut self.customers.items[id as usize];
        customer.alive = false;
        let pending = [customer.onboarding.take(), customer.checkin.take()];
        let (owner, created) = (customer.owner, customer.created);
        let in_progress = customer.in_progress_task.is_some();
        for task in pending.into_iter().flatten() {
            if now > task.due + grace {
                self.metrics.care_classified(false, task.due + grace);
            }
        }
        let m = &mut self.metrics;
        m.customer_area += m.clip(created, now);
        if m.counts(now) {
            m.churned += 1;
        }
        self.ledger.customers_churned += 1;
        if let Some(o) = owner {
            self.disown_customer(o, id);
        }
        if !in_progress {
            self.release_customer(id);
        }
    }

    /// Frees a dead customer's slot (its generation changes, so queued references go stale).
    fn release_customer(&mut self, id: u32) {
        let customer = &mut self.customers.items[id as usize];
        customer.generation = customer.generation.wrapping_add(1);
        self.customers.free(id);
    }

    /// The own work of a care task starts: classify it, and note it for the neglect rule.
    pub(crate) fn care_started(&mut self, id: u32, onboarding: bool, own_start: SimTime) {
        let grace = self.grace_hours();
        let customer = &mut self.customers.items[id as usize];
        let task = if onboarding {
            customer.onboarding.take()
        } else {
            customer.checkin.take()
        };
        let task = task.expect("a care task starts only while pending");
        if let Some(last) = customer.last.as_mut() {
            if last.onboarding == onboarding && last.number == task.number {
                last.started = Some(own_start);
            }
        }
        customer.in_progress_task = Some(task);
        let on_time = own_start - task.due <= grace;
        let known = if on_time { own_start } else { task.due + grace };
        self.metrics.care_classified(on_time, known);
    }

    /// A care task completed: maybe an expansion order (not for a customer that churned).
    pub(crate) fn care_done(&mut self, p: u32, id: u32, quality: f64, now: SimTime) {
        let customer = &mut self.customers.items[id as usize];
        let task = customer
            .in_progress_task
            .take()
            .expect("care task in progress");
        if !customer.alive {
            self.release_customer(id);
            return;
        }
        let p_expand = self.cfg.customers.expansion_prob * quality;
        if task.u_expand < p_expand {
            let value = task.fraction * customer.value;
            if self.metrics.counts(now) {
                self.metrics.expansion_orders += 1;
                self.metrics.expansion_revenue += value;
            }
            self.observer.output(&self.people, p, Activity::Care, now);
            self.observer.booking(&self.people, false, value, now);
        }
    }
}
