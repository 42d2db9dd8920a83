//! The KPIs of SPEC §6 that one replication reports, with their names and groups.
//!
//! Every KPI is a number per replication, or undefined (`None`) when the replication has nothing
//! to measure it on (e.g. `win_rate` with no decided deals). Names are the stable identifiers of
//! the JSON and CSV outputs; the order of [`Kpi::ALL`] is the order of every report.

/// A stage of the sale, used to group KPIs in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KpiGroup {
    /// Results: deals and revenue.
    Throughput,
    /// Cost and profit.
    Money,
    /// Inbound leads: volume, response, qualification.
    Inbound,
    /// Outbound prospecting.
    Prospect,
    /// Deals in progress.
    Close,
    /// Customers after the sale.
    Care,
    /// People: head count, hires and departures, time use.
    People,
}

impl KpiGroup {
    /// Every group, in the order of its first KPI in [`Kpi::ALL`] (the order of reports).
    pub fn in_report_order() -> Vec<KpiGroup> {
        let mut out: Vec<KpiGroup> = Vec::new();
        for k in Kpi::ALL {
            if !out.contains(&k.group()) {
                out.push(k.group());
            }
        }
        out
    }

    /// Heading in the table.
    pub fn title(self) -> &'static str {
        match self {
            KpiGroup::Throughput => "Throughput",
            KpiGroup::Money => "Money",
            KpiGroup::Inbound => "Inbound leads",
            KpiGroup::Prospect => "Outbound prospecting",
            KpiGroup::Close => "Deals",
            KpiGroup::Care => "Customers",
            KpiGroup::People => "People",
        }
    }
}

macro_rules! kpis {
    ($( $variant:ident => $name:literal, $group:ident, $unit:literal, $doc:literal; )*) => {
        /// One KPI of SPEC §6.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Kpi {
            $( #[doc = $doc] $variant, )*
        }

        impl Kpi {
            /// Every KPI, in report order; `Kpi::ALL[k.index()] == k`.
            pub const ALL: &'static [Kpi] = &[$(Kpi::$variant,)*];

            /// The stable identifier used in JSON and CSV.
            pub fn name(self) -> &'static str {
                match self { $(Kpi::$variant => $name,)* }
            }

            /// The group it is shown under.
            pub fn group(self) -> KpiGroup {
                match self { $(Kpi::$variant => KpiGroup::$group,)* }
            }

            /// Its unit, for the table (`""` for counts and ratios).
            pub fn unit(self) -> &'static str {
                match self { $(Kpi::$variant => $unit,)* }
            }

            /// One-line definition, for the README and `--help`.
            pub fn description(self) -> &'static str {
                match self { $(Kpi::$variant => $doc,)* }
            }
        }
    };
}

kpis! {
    DealsWonPerWeek => "deals_won_per_week", Throughput, "/week",
        "Deals won per week (decided in the window).";
    RevenuePerWeek => "revenue_per_week", Throughput, "$/week",
        "Bookings per week: won deal values plus expansion orders.";
    NewRevenuePerWeek => "new_revenue_per_week", Throughput, "$/week",
        "Won deal values per week.";
    ExpansionRevenuePerWeek => "expansion_revenue_per_week", Throughput, "$/week",
        "Expansion order values per week.";
    ExpansionOrdersPerWeek => "expansion_orders_per_week", Throughput, "/week",
        "Expansion orders per week.";
    CostPerWeek => "cost_per_week", Money, "$/week",
        "Salaries (accrued over time employed) plus hiring costs, per week.";
    ProfitPerWeek => "profit_per_week", Money, "$/week",
        "Revenue (bookings) minus cost, per week.";
    CostPerDeal => "cost_per_deal", Money, "$",
        "Cost / deals won (undefined with no deal won).";
    InboundLeadsPerWeek => "inbound_leads_per_week", Inbound, "/week",
        "Inbound leads arriving per week.";
    InboundResponseHoursMean => "inbound_response_hours_mean", Inbound, "h",
        "Mean calendar hours from a lead's arrival to the start of its own work (leads picked up in the window).";
    InboundResponseHoursP50 => "inbound_response_hours_p50", Inbound, "h",
        "Median response delay per replication.";
    InboundResponseHoursP90 => "inbound_response_hours_p90", Inbound, "h",
        "90th percentile of the response delay per replication.";
    InboundQualificationRate => "inbound_qualification_rate", Inbound, "",
        "Qualified leads / inbound tasks completed.";
    InboundLostPerWeek => "inbound_lost_per_week", Inbound, "/week",
        "Leads lost per week after waiting longer than abandon_after_hours.";
    InboundWaitingEnd => "inbound_waiting_end", Inbound, "",
        "Leads still waiting in the queue at the horizon (not yet lost).";
    InboundQueueMean => "inbound_queue_mean", Inbound, "",
        "Time-average number of leads waiting in the queue (for Little's law).";
    InboundQueueHoursMean => "inbound_queue_hours_mean", Inbound, "h",
        "Mean calendar hours a lead spends in the queue before pick-up or loss (leads leaving the queue in the window).";
    ProspectTouchesPerWeek => "prospect_touches_per_week", Prospect, "/week",
        "Outbound touches completed per week.";
    MeetingsSetPerWeek => "meetings_set_per_week", Prospect, "/week",
        "Meetings set by outbound touches per week.";
    OpportunitiesPerWeek => "opportunities_per_week", Close, "/week",
        "Opportunities created per week (qualified leads plus meetings).";
    WinRate => "win_rate", Close, "",
        "Won / decided deals.";
    SalesCycleDaysMean => "sales_cycle_days_mean", Close, "days",
        "Mean calendar days from a deal's creation to its decision.";
    SellerDelayHoursMean => "seller_delay_hours_mean", Close, "h",
        "Mean total hours a deal's ready steps waited for their owner.";
    OpenDealsMean => "open_deals_mean", Close, "",
        "Time-average number of open (undecided) deals: the pipeline, for Little's law.";
    CustomersEnd => "customers_end", Care, "",
        "Customers at the horizon.";
    ChurnPerYear => "churn_per_year", Care, "/year",
        "Churned customers per customer-year.";
    CareOnTimeRate => "care_on_time_rate", Care, "",
        "Share of care tasks started within grace_days of their due time.";
    HeadcountMean => "headcount_mean", People, "",
        "Time-average number of people employed.";
    HiresPerYear => "hires_per_year", People, "/year",
        "People joining per year (back-fills; the initial team only with count_initial_hires).";
    DeparturesPerYear => "departures_per_year", People, "/year",
        "People leaving per year (attrition).";
    Utilization => "utilization", People, "",
        "Busy time (work, switching, hand-offs) / shift time of employed people.";
    SwitchingShare => "switching_share", People, "",
        "Share of shift time spent on context switching.";
    HandoffShare => "handoff_share", People, "",
        "Share of shift time spent on hand-off overheads.";
}

impl Kpi {
    /// Position in [`Kpi::ALL`], for indexing per-KPI arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The KPI with this identifier, if any.
    pub fn from_name(name: &str) -> Option<Kpi> {
        Kpi::ALL.iter().copied().find(|k| k.name() == name)
    }
}

/// The time-use categories of `time_share` (SPEC §6), in report order.
pub const TIME_CATEGORIES: [&str; 7] = [
    "Inbound",
    "Prospect",
    "Close",
    "Care",
    "switching",
    "handoff",
    "idle",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_is_in_index_order_and_names_are_unique() {
        for (i, k) in Kpi::ALL.iter().enumerate() {
            assert_eq!(k.index(), i);
            assert_eq!(Kpi::from_name(k.name()), Some(*k));
        }
    }
}
