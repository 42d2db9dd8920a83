//! Streaming KPI accumulators for one replication, and the conservation ledger.
//!
//! Counters are bumped as things happen; an event counts in the KPIs iff the instant it happens
//! lies in the measured window `[warmup, horizon)` (SPEC §1). Time integrals (queue length,
//! open deals, customer-years, time use) are clipped to the window. Nothing here allocates per
//! event; response quantiles use a bounded-memory [`Histogram`].

use crate::engine::SimTime;
use crate::engine::time::{HOURS_PER_DAY, HOURS_PER_WEEK, HOURS_PER_YEAR};
use crate::stats::Histogram;

use super::kpi::Kpi;

/// Per-replication accumulators over the measured window.
#[derive(Debug, Clone)]
pub(crate) struct Metrics {
    pub(crate) w0: SimTime,
    pub(crate) w1: SimTime,
    pub(crate) leads_arrived: u64,
    pub(crate) response_sum: f64,
    pub(crate) response: Histogram,
    pub(crate) inbound_done: u64,
    pub(crate) qualified: u64,
    pub(crate) lost: u64,
    /// Lead-hours spent waiting in the queue.
    pub(crate) queue_area: f64,
    pub(crate) queue_exits: u64,
    pub(crate) queue_time_sum: f64,
    pub(crate) touches: u64,
    pub(crate) meetings: u64,
    pub(crate) opportunities: u64,
    pub(crate) decided: u64,
    pub(crate) won: u64,
    pub(crate) cycle_hours_sum: f64,
    pub(crate) seller_delay_sum: f64,
    pub(crate) new_revenue: f64,
    /// Deal-hours of open deals.
    pub(crate) open_deal_area: f64,
    pub(crate) expansion_orders: u64,
    pub(crate) expansion_revenue: f64,
    pub(crate) churned: u64,
    /// Customer-hours of live customers.
    pub(crate) customer_area: f64,
    pub(crate) care_on_time: u64,
    pub(crate) care_classified: u64,
    /// Working hours per role, by [`super::kpi::TIME_CATEGORIES`] (idle filled in at the end).
    pub(crate) role_hours: Vec<[f64; 7]>,
    /// People who joined in the window (and the initial team with `count_initial_hires`).
    pub(crate) hires: u64,
    /// People who left in the window.
    pub(crate) departures: u64,
    /// Hiring costs booked in the window [money].
    pub(crate) hiring_costs: f64,
    /// Salaries of stints that did not span the whole window [money].
    pub(crate) salaries: f64,
    /// Calendar hours employed in the window, of stints that did not span it.
    pub(crate) stint_hours: f64,
    /// Per role: shift hours in the window of stints that did not span it.
    pub(crate) stint_shift_hours: Vec<f64>,
}

impl Metrics {
    pub(crate) fn new(w0: SimTime, w1: SimTime, roles: usize) -> Self {
        Metrics {
            w0,
            w1,
            leads_arrived: 0,
            response_sum: 0.0,
            response: Histogram::new(),
            inbound_done: 0,
            qualified: 0,
            lost: 0,
            queue_area: 0.0,
            queue_exits: 0,
            queue_time_sum: 0.0,
            touches: 0,
            meetings: 0,
            opportunities: 0,
            decided: 0,
            won: 0,
            cycle_hours_sum: 0.0,
            seller_delay_sum: 0.0,
            new_revenue: 0.0,
            open_deal_area: 0.0,
            expansion_orders: 0,
            expansion_revenue: 0.0,
            churned: 0,
            customer_area: 0.0,
            care_on_time: 0,
            care_classified: 0,
            role_hours: vec![[0.0; 7]; roles],
            hires: 0,
            departures: 0,
            hiring_costs: 0.0,
            salaries: 0.0,
            stint_hours: 0.0,
            stint_shift_hours: vec![0.0; roles],
        }
    }

    /// Whether instant `t` is in the measured window.
    #[inline]
    pub(crate) fn counts(&self, t: SimTime) -> bool {
        self.w0 <= t && t < self.w1
    }

    /// Calendar hours of `[a, b)` inside the window.
    #[inline]
    pub(crate) fn clip(&self, a: SimTime, b: SimTime) -> f64 {
        (b.min(self.w1) - a.max(self.w0)).max(0.0)
    }

    /// Records that a lead left the queue at `exit` (picked up or lost).
    pub(crate) fn lead_left_queue(&mut self, arrival: SimTime, exit: SimTime) {
        self.queue_area += self.clip(arrival, exit);
        if self.counts(exit) {
            self.queue_exits += 1;
            self.queue_time_sum += exit - arrival;
        }
    }

    /// Records the classification of a care task as on time or late at instant `known`.
    pub(crate) fn care_classified(&mut self, on_time: bool, known: SimTime) {
        if self.counts(known) {
            self.care_classified += 1;
            self.care_on_time += u64::from(on_time);
        }
    }

    /// The KPI values, given the end-of-run state that counters do not hold.
    pub(crate) fn kpis(&self, end: &EndState) -> Vec<Option<f64>> {
        let weeks = (self.w1 - self.w0) / HOURS_PER_WEEK;
        let window_hours = self.w1 - self.w0;
        let per_week = |n: f64| Some(n / weeks);
        let ratio = |a: f64, b: f64| (b > 0.0).then(|| a / b);
        let totals = self.role_hours.iter().fold([0.0; 7], |mut acc, h| {
            for (a, x) in acc.iter_mut().zip(h) {
                *a += x;
            }
            acc
        });
        let shift: f64 = totals.iter().sum();
        let busy = shift - totals[6];
        let mut v = vec![None; Kpi::ALL.len()];
        let mut set = |k: Kpi, x: Option<f64>| v[k.index()] = x;
        set(Kpi::DealsWonPerWeek, per_week(self.won as f64));
        set(
            Kpi::RevenuePerWeek,
            per_week(self.new_revenue + self.expansion_revenue),
        );
        set(Kpi::NewRevenuePerWeek, per_week(self.new_revenue));
        set(
            Kpi::ExpansionRevenuePerWeek,
            per_week(self.expansion_revenue),
        );
        set(
            Kpi::ExpansionOrdersPerWeek,
            per_week(self.expansion_orders as f64),
        );
        set(
            Kpi::InboundLeadsPerWeek,
            per_week(self.leads_arrived as f64),
        );
        let picked = self.response.count() as f64;
        set(
            Kpi::InboundResponseHoursMean,
            ratio(self.response_sum, picked),
        );
        set(Kpi::InboundResponseHoursP50, self.response.quantile(0.5));
        set(Kpi::InboundResponseHoursP90, self.response.quantile(0.9));
        set(
            Kpi::InboundQualificationRate,
            ratio(self.qualified as f64, self.inbound_done as f64),
        );
        set(Kpi::InboundLostPerWeek, per_week(self.lost as f64));
        set(Kpi::InboundWaitingEnd, Some(end.leads_waiting as f64));
        set(Kpi::InboundQueueMean, Some(self.queue_area / window_hours));
        set(
            Kpi::InboundQueueHoursMean,
            ratio(self.queue_time_sum, self.queue_exits as f64),
        );
        set(Kpi::ProspectTouchesPerWeek, per_week(self.touches as f64));
        set(Kpi::MeetingsSetPerWeek, per_week(self.meetings as f64));
        set(
            Kpi::OpportunitiesPerWeek,
            per_week(self.opportunities as f64),
        );
        set(Kpi::WinRate, ratio(self.won as f64, self.decided as f64));
        set(
            Kpi::SalesCycleDaysMean,
            ratio(self.cycle_hours_sum / HOURS_PER_DAY, self.decided as f64),
        );
        set(
            Kpi::SellerDelayHoursMean,
            ratio(self.seller_delay_sum, self.decided as f64),
        );
        set(Kpi::OpenDealsMean, Some(self.open_deal_area / window_hours));
        set(Kpi::CustomersEnd, Some(end.customers_alive as f64));
        set(
            Kpi::ChurnPerYear,
            ratio(self.churned as f64, self.customer_area / HOURS_PER_YEAR),
        );
        set(
            Kpi::CareOnTimeRate,
            ratio(self.care_on_time as f64, self.care_classified as f64),
        );
        set(Kpi::HeadcountMean, Some(end.headcount_hours / window_hours));
        let years = window_hours / HOURS_PER_YEAR;
        set(Kpi::HiresPerYear, Some(self.hires as f64 / years));
        set(Kpi::DeparturesPerYear, Some(self.departures as f64 / years));
        let cost = end.salaries + self.hiring_costs;
        let revenue = self.new_revenue + self.expansion_revenue;
        set(Kpi::CostPerWeek, per_week(cost));
        set(Kpi::ProfitPerWeek, per_week(revenue - cost));
        set(Kpi::CostPerDeal, ratio(cost, self.won as f64));
        set(Kpi::Utilization, ratio(busy, shift));
        set(Kpi::SwitchingShare, ratio(totals[4], shift));
        set(Kpi::HandoffShare, ratio(totals[5], shift));
        v
    }
}

/// End-of-run facts the KPIs need besides the counters.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EndState {
    pub(crate) leads_waiting: u64,
    pub(crate) customers_alive: u64,
    /// Person-hours employed in the window.
    pub(crate) headcount_hours: f64,
    /// Salaries accrued in the window [money].
    pub(crate) salaries: f64,
}

/// Where every lead, deal and customer of a replication ended up, over the whole run (warm-up
/// included), for conservation checks; and a fingerprint of the inbound market.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ledger {
    /// Leads that arrived.
    pub leads_arrived: u64,
    /// Leads qualified (became deals).
    pub leads_qualified: u64,
    /// Leads worked and not qualified.
    pub leads_disqualified: u64,
    /// Leads lost to `abandon_after_hours`.
    pub leads_lost: u64,
    /// Leads waiting in the queue at the horizon.
    pub leads_waiting: u64,
    /// Leads being worked at the horizon.
    pub leads_in_progress: u64,
    /// Deals created.
    pub deals_created: u64,
    /// Deals won.
    pub deals_won: u64,
    /// Deals lost.
    pub deals_lost: u64,
    /// Deals undecided at the horizon (owned or unowned).
    pub deals_open: u64,
    /// Customers created, the initial ones included.
    pub customers_created: u64,
    /// Customers that churned.
    pub customers_churned: u64,
    /// Customers alive at the horizon.
    pub customers_alive: u64,
    /// Open deals at the horizon whose owner has left, or that have no owner and are not
    /// waiting for one: work that was dropped. Always 0.
    pub deals_orphaned: u64,
    /// Live customers at the horizon whose owner has left, or that have no owner and are not
    /// waiting for one. Always 0.
    pub customers_orphaned: u64,
    /// Open deals waiting for an owner at the horizon (nobody who can Close was employed).
    pub deals_unowned: u64,
    /// Live customers waiting for an owner at the horizon.
    pub customers_unowned: u64,
    /// People who joined after `t = 0` (back-fills).
    pub hires: u64,
    /// People who left.
    pub departures: u64,
    /// Scouts promoted to closers.
    pub promotions: u64,
    /// Everyone who was ever in the team, by person id.
    pub people: Vec<Stint>,
    /// A hash of every arrival's time and intrinsic draws, in order: equal for two scenarios
    /// that see the same inbound market.
    pub lead_fingerprint: u64,
}

/// One person's time in the team, for the staffing checks.
#[derive(Debug, Clone, PartialEq)]
pub struct Stint {
    /// The seat it filled when it joined.
    pub seat: u32,
    /// The seat it filled last (a promoted scout moves to a new Closer seat).
    pub last_seat: u32,
    /// Its role when it joined.
    pub role: String,
    /// When it joined [calendar hours].
    pub joined: f64,
    /// When it was promoted, if it was [calendar hours].
    pub promoted: Option<f64>,
    /// When it left, if it did before the horizon [calendar hours].
    pub left: Option<f64>,
}

impl Ledger {
    /// Folds one arriving lead into the fingerprint: an order-sensitive multiply–xorshift hash
    /// (one multiplication a word: it runs for every lead, and only equality is asked of it).
    #[inline]
    pub(crate) fn fingerprint_lead(&mut self, arrival: SimTime, work: f64, u: f64) {
        for word in [arrival.hours().to_bits(), work.to_bits(), u.to_bits()] {
            let x = (self.lead_fingerprint ^ word).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            self.lead_fingerprint = x ^ (x >> 29);
        }
    }
}
