//! What the charts draw: a plain, serialisable summary per scenario.
//!
//! The producer (a run, a comparison, a clarity experiment) fills a [`ChartData`]; it is saved
//! inside `summary.json`, so `salesim plot` can redraw the charts without running anything.
//! Every field that a producer may lack has a serde default, so older or partial files load.
//!
//! Values are taken as they come: the renderer skips NaN and infinite numbers rather than
//! failing, so a KPI that was undefined in every replication simply leaves a gap.

use serde::{Deserialize, Serialize};

/// Everything the six charts need, one entry per scenario in display order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChartData {
    /// The scenarios, in the order their colours and legend entries are assigned.
    #[serde(default)]
    pub scenarios: Vec<ScenarioCharts>,
}

/// A mean with its 95% confidence interval across replications.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Band {
    /// The mean across replications.
    pub mean: f64,
    /// The lower end of the 95% confidence interval.
    pub lo: f64,
    /// The upper end of the 95% confidence interval.
    pub hi: f64,
}

impl Band {
    /// The largest magnitude a chart draws; larger values are drawn at this bound, so an
    /// absurd value cannot make an axis infinite.
    pub const LIMIT: f64 = 1e12;

    /// A band from its mean and interval ends.
    pub fn new(mean: f64, lo: f64, hi: f64) -> Self {
        Self { mean, lo, hi }
    }

    /// The band if its mean is finite, with non-finite interval ends collapsed onto the mean,
    /// the ends widened to contain the mean, and every value clamped to ±[`Band::LIMIT`];
    /// `None` when there is nothing to draw.
    pub fn finite(&self) -> Option<Band> {
        if !self.mean.is_finite() {
            return None;
        }
        let clamp = |v: f64| v.clamp(-Self::LIMIT, Self::LIMIT);
        let mean = clamp(self.mean);
        let end = |v: f64| if v.is_finite() { clamp(v) } else { mean };
        let (lo, hi) = (end(self.lo), end(self.hi));
        Some(Band::new(mean, lo.min(hi).min(mean), lo.max(hi).max(mean)))
    }
}

/// The chart data of one scenario.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScenarioCharts {
    /// The scenario's name, as shown in legends.
    pub name: String,
    /// Measured weeks in order (may be empty).
    #[serde(default)]
    pub weekly: Vec<WeekPoint>,
    /// Funnel stages in funnel order; the producer names the stages.
    #[serde(default)]
    pub funnel: Vec<FunnelStage>,
    /// The inbound response-time CDF: `[hours, cumulative share in 0..=1]`, increasing.
    /// Empty when the scenario has no inbound leads.
    #[serde(default)]
    pub response_cdf: Vec<[f64; 2]>,
    /// Where each role's time goes.
    #[serde(default)]
    pub time_budget: Vec<RoleBudget>,
    /// Revenue, cost and profit per week, when the producer computed them.
    #[serde(default)]
    pub money: Option<Money>,
    /// The SPEC §7 KPI-clarity results, present only after a clarity experiment.
    #[serde(default)]
    pub clarity: Option<Clarity>,
}

/// One measured week of throughput.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct WeekPoint {
    /// The week number, counted from t = 0 (warm-up weeks included in the count).
    pub week: u32,
    /// Deals won in the week [deals/week].
    pub deals_won: Band,
    /// Revenue booked in the week [$/week].
    pub revenue: Band,
}

/// One stage of the sales funnel.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FunnelStage {
    /// The stage's name, e.g. `"Leads"` or `"Won"`.
    pub stage: String,
    /// How many items reach the stage [per week].
    pub per_week: Band,
}

/// The time budget of one role: shares of time in the SPEC §6 `time_share` categories.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RoleBudget {
    /// The role's name, e.g. `"Closer"`.
    pub role: String,
    /// Shares in the order of [`TIME_CATEGORIES`]: Inbound, Prospect, Close, Care, switching,
    /// handoff, idle. They sum to 1; the chart rescales them if they do not.
    pub shares: [f64; 7],
}

/// The seven time-use categories of [`RoleBudget::shares`], in order.
pub use crate::model::TIME_CATEGORIES;

/// Money per week [$/week], each with its 95% confidence interval.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Money {
    /// Bookings: won deal values plus expansion orders [$/week].
    pub revenue: Band,
    /// Salaries plus hiring costs [$/week].
    pub cost: Band,
    /// Revenue minus cost [$/week]; may be negative.
    pub profit: Band,
}

/// The SPEC §7 KPI-clarity results of one scenario.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Clarity {
    /// Focus × attribution, 0–1.
    pub kpi_clarity: Band,
    /// Mean share of busy time on each person's largest activity, 0–1.
    pub focus: Band,
    /// Mean share of each stage's KPI produced by that stage's specialists, 0–1.
    pub attribution: Band,
    /// Share of fault-injection runs whose first alarm named the fault, 0–1.
    #[serde(default)]
    pub diagnosis_accuracy: Option<Band>,
    /// Share of no-fault runs with any alarm in the review window, 0–1.
    #[serde(default)]
    pub false_alarm_rate: Option<Band>,
    /// Weeks to detect a 20% drop in one owner's weekly KPI \[weeks\].
    #[serde(default)]
    pub detectability_weeks: Option<Band>,
    /// Weeks to detect a 20% drop in a team-level weekly KPI \[weeks\].
    #[serde(default)]
    pub detectability_team_weeks: Option<Band>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finite_drops_a_nan_mean_and_repairs_the_ends() {
        assert_eq!(Band::new(f64::NAN, 0.0, 1.0).finite(), None);
        let b = Band::new(2.0, f64::INFINITY, 1.0).finite().unwrap();
        assert_eq!(b, Band::new(2.0, 1.0, 2.0));
        let b = Band::new(5.0, 1.0, 2.0).finite().unwrap();
        assert_eq!(b, Band::new(5.0, 1.0, 5.0));
        let b = Band::new(1e300, f64::MIN, f64::MAX).finite().unwrap();
        assert_eq!(b, Band::new(Band::LIMIT, -Band::LIMIT, Band::LIMIT));
    }

    #[test]
    fn missing_optional_fields_load_with_defaults() {
        let data: ChartData = serde_json::from_str(r#"{"scenarios":[{"name":"a"}]}"#).unwrap();
        assert_eq!(data.scenarios[0].name, "a");
        assert!(data.scenarios[0].weekly.is_empty());
        assert!(data.scenarios[0].money.is_none());
    }
}
