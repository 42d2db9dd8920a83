//! The end of a replication: settle what is still open at the horizon and compute the KPIs.

use crate::engine::SimTime;

use super::config::Activity;
use super::kpi::TIME_CATEGORIES;
use super::metrics::{EndState, Ledger};
use super::people::TaskItem;
use super::result::{ReplicationResult, RoleTimeUse};
use super::sales::SalesModel;

impl SalesModel<'_> {
    /// Closes the books at the horizon and returns the replication's result and ledger.
    pub(crate) fn finish(mut self, replication: u32, events: u64) -> (ReplicationResult, Ledger) {
        let w1 = self.metrics.w1;
        self.settle_leads(w1);
        self.settle_tasks(w1);
        self.settle_deals(w1);
        let customers_alive = self.settle_customers(w1);
        let time_use = self.time_use();
        let end = EndState {
            leads_waiting: self.ledger.leads_waiting,
            customers_alive,
            headcount_hours: self.people.len() as f64 * (w1 - self.metrics.w0),
        };
        let kpis = self.metrics.kpis(&end);
        let result = ReplicationResult {
            replication,
            kpis,
            time_use,
            events,
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

    /// Tasks in progress: their time so far is booked.
    fn settle_tasks(&mut self, w1: SimTime) {
        for p in 0..self.people.len() {
            let Some(task) = self.people[p].task else {
                continue;
            };
            let role = self.entries[self.people[p].entry as usize].role as usize;
            self.book(role, &task, w1);
            if matches!(task.item, TaskItem::Lead { .. }) {
                self.ledger.leads_in_progress += 1;
            }
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

    /// Time use per role: booked hours plus idle = shift time − busy time.
    fn time_use(&mut self) -> Vec<RoleTimeUse> {
        let shift = self
            .cal
            .working_hours_between(self.metrics.w0, self.metrics.w1);
        let mut people_per_role = vec![0u32; self.role_names.len()];
        for person in &self.people {
            people_per_role[self.entries[person.entry as usize].role as usize] += 1;
        }
        let mut out = Vec::with_capacity(self.role_names.len());
        for (r, name) in self.role_names.iter().enumerate() {
            let hours = &mut self.metrics.role_hours[r];
            let busy: f64 = hours[..Activity::ALL.len() + 2].iter().sum();
            let total = f64::from(people_per_role[r]) * shift;
            hours[TIME_CATEGORIES.len() - 1] = (total - busy).max(0.0);
            out.push(RoleTimeUse {
                role: name.clone(),
                hours: *hours,
            });
        }
        out
    }
}
