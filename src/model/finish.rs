//! The end of a replication: settle what is still open at the horizon and compute the KPIs.

use crate::engine::SimTime;
use crate::engine::time::HOURS_PER_YEAR;

use super::config::Activity;
use super::kpi::TIME_CATEGORIES;
use super::metrics::{EndState, Ledger, Stint};
use super::people::TaskItem;
use super::result::{RESPONSE_CDF_HOURS, ReplicationResult, RoleTimeUse};
use super::sales::SalesModel;

impl SalesModel<'_> {
    /// Closes the books at the horizon and returns the replication's result and ledger.
    /// `events` counts the events processed and the touches run inline; the arrivals booked
    /// without an event (some are booked here, the ones due before the horizon) are added.
    pub(crate) fn finish(mut self, replication: u32, events: u64) -> (ReplicationResult, Ledger) {
        self.catch_up_arrivals_before(self.horizon);
        let events = events + self.late_arrivals;
        let w1 = self.metrics.w1;
        self.settle_leads(w1);
        self.settle_tasks(w1);
        self.settle_deals(w1);
        let customers_alive = self.settle_customers(w1);
        let staff = self.settle_people(w1);
        let time_use = self.time_use(&staff.full_window_per_role);
        let window = w1 - self.metrics.w0;
        let end = EndState {
            leads_waiting: self.ledger.leads_waiting,
            customers_alive,
            // People employed over the whole window count as a block, so that a team nobody
            // leaves gets exactly the figures of the model without attrition.
            headcount_hours: staff.full_window as f64 * window + self.metrics.stint_hours,
            salaries: staff.full_window_salary_per_year * window / HOURS_PER_YEAR
                + self.metrics.salaries,
        };
        let kpis = self.metrics.kpis(&end);
        self.observer.roll_to(u32::MAX, &self.people);
        let response_cdf = self
            .metrics
            .response
            .cdf_at(&RESPONSE_CDF_HOURS)
            .unwrap_or_default();
        let result = ReplicationResult {
            replication,
            kpis,
            time_use,
            events,
            weekly: std::mem::take(&mut self.observer.weekly),
            response_cdf,
            clarity: self.observer.clarity(),
            trace: self.observer.take_trace(&self.people),
        };
        (result, self.ledger)
    }

    /// Leads past their patience are lost; the rest wait on.
    fn settle_leads(&mut self, w1: SimTime) {
        self.drop_abandoned_leads(w1);
        for lead in &self.leads {
            self.metrics.queue_area += self.metrics.clip(lead.arrival, w1);
        }
        self.ledger.leads_waiting = self.leads.len() as u64;
    }

    /// Tasks in progress: their time so far is booked; then everyone's booked hours go to
    /// their roles, in id order.
    fn settle_tasks(&mut self, w1: SimTime) {
        for p in 0..self.people.len() {
            if let Some(task) = self.people[p].task {
                self.book(p as u32, &task, w1);
                if matches!(task.item, TaskItem::Lead { .. }) {
                    self.ledger.leads_in_progress += 1;
                }
            }
            self.flush_hours(p as u32);
        }
    }

    /// Open deals count towards the pipeline's time average.
    fn settle_deals(&mut self, w1: SimTime) {
        let mut area = 0.0;
        for (_, deal) in self.deals.iter_live() {
            area += self.metrics.clip(deal.created, w1);
        }
        self.metrics.open_deal_area += area;
        self.ledger.deals_open = self.deals.live() as u64;
    }

    /// Live customers: customer-years, and care tasks already known to be late.
    fn settle_customers(&mut self, w1: SimTime) -> u64 {
        let grace = self.cfg.customers.grace_days * crate::engine::time::HOURS_PER_DAY;
        let mut alive = 0;
        let mut area = 0.0;
        let mut late = Vec::new();
        for (_, c) in self.customers.iter_live() {
            if !c.alive {
                continue;
            }
            alive += 1;
            area += self.metrics.clip(c.created, w1);
            for task in [c.onboarding, c.checkin].into_iter().flatten() {
                if task.due + grace < w1 {
                    late.push(task.due + grace);
                }
            }
        }
        for known in late {
            self.metrics.care_classified(false, known);
        }
        self.metrics.customer_area += area;
        self.ledger.customers_alive = alive;
        alive
    }

    /// People still employed: stints that began inside the window are closed at the horizon;
    /// those spanning it are counted. Also records everyone's stint and checks that no deal
    /// or customer was left with someone who is gone.
    fn settle_people(&mut self, w1: SimTime) -> StaffAtEnd {
        let mut staff = StaffAtEnd {
            full_window: 0,
            full_window_per_role: vec![0; self.role_names.len()],
            full_window_salary_per_year: 0.0,
        };
        for p in 0..self.people.len() as u32 {
            let person = &self.people[p as usize];
            if person.left.is_some() {
                continue;
            }
            if person.stint_start <= self.metrics.w0 {
                let info = &self.entries[person.entry as usize];
                staff.full_window += 1;
                staff.full_window_per_role[info.role as usize] += 1;
                staff.full_window_salary_per_year += info.salary_per_year;
            } else {
                self.close_stint(p, w1);
            }
        }
        self.audit_owners();
        self.ledger.people = self
            .people
            .iter()
            .map(|person| {
                let entry = self.seats[person.first_seat as usize].entry;
                Stint {
                    seat: person.first_seat,
                    last_seat: person.seat,
                    role: self.role_names[self.entries[entry as usize].role as usize].clone(),
                    joined: person.joined.hours(),
                    promoted: person.promoted.map(SimTime::hours),
                    left: person.left.map(SimTime::hours),
                }
            })
            .collect();
        staff
    }

    /// Counts open deals and live customers that wait for an owner, and those that were
    /// dropped (owned by someone who left, or ownerless and not waiting): the latter must be 0.
    fn audit_owners(&mut self) {
        let gone = |o: Option<u32>| o.is_some_and(|o| self.people[o as usize].left.is_some());
        let mut deals_ownerless = 0u64;
        let mut deals_orphaned = 0u64;
        for (_, d) in self.deals.iter_live() {
            deals_ownerless += u64::from(d.owner.is_none());
            deals_orphaned += u64::from(gone(d.owner));
        }
        let deals_unowned = self.unowned_deals.len() as u64;
        let mut customers_ownerless = 0u64;
        let mut customers_orphaned = 0u64;
        for (_, c) in self.customers.iter_live() {
            if c.alive {
                customers_ownerless += u64::from(c.owner.is_none());
                customers_orphaned += u64::from(gone(c.owner));
            }
        }
        let customers_unowned = self
            .unowned_customers
            .iter()
            .filter(|&&(c, g)| {
                let c = &self.customers.items[c as usize];
                c.alive && c.generation == g && c.owner.is_none()
            })
            .count() as u64;
        let l = &mut self.ledger;
        l.deals_unowned = deals_unowned;
        l.deals_orphaned = deals_orphaned + deals_ownerless.abs_diff(deals_unowned);
        l.customers_unowned = customers_unowned;
        l.customers_orphaned = customers_orphaned + customers_ownerless.abs_diff(customers_unowned);
    }

    /// Time use per role: booked hours plus idle = shift time − busy time, where shift time is
    /// that of the people employed over the whole window plus the stints inside it.
    fn time_use(&mut self, full_window_per_role: &[u32]) -> Vec<RoleTimeUse> {
        let shift = self
            .cal
            .working_hours_between(self.metrics.w0, self.metrics.w1);
        let mut out = Vec::with_capacity(self.role_names.len());
        for (r, name) in self.role_names.iter().enumerate() {
            let hours = &mut self.metrics.role_hours[r];
            let busy: f64 = hours[..Activity::ALL.len() + 2].iter().sum();
            let total =
                f64::from(full_window_per_role[r]) * shift + self.metrics.stint_shift_hours[r];
            hours[TIME_CATEGORIES.len() - 1] = (total - busy).max(0.0);
            out.push(RoleTimeUse {
                role: name.clone(),
                hours: *hours,
            });
        }
        out
    }
}

/// Who is employed over the whole measured window at the horizon.
struct StaffAtEnd {
    /// People employed in the same role over the whole window.
    full_window: u64,
    /// The same, per role.
    full_window_per_role: Vec<u32>,
    /// Their salaries per year, summed [money].
    full_window_salary_per_year: f64,
}
