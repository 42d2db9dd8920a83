//! The data behind the charts ([`crate::plot`]), built from a scenario's replications: saved
//! inside `summary.json` so that `salesim plot` can redraw the charts without re-running.

use crate::model::{Kpi, RESPONSE_CDF_HOURS, ReplicationResult};
use crate::plot::data::{Band, Clarity, FunnelStage, Money, RoleBudget, ScenarioCharts, WeekPoint};
use crate::stats::{Estimate, RunningEstimate};

use super::summary::{KpiSummary, RunSummary};

/// A 95% band from an estimate (a single replication gives a zero-width band).
fn band(e: &Estimate) -> Band {
    let [lo, hi] = e.ci95.unwrap_or([e.mean, e.mean]);
    Band::new(e.mean, lo, hi)
}

fn kpi_band(s: Option<&KpiSummary>) -> Option<Band> {
    let s = s?;
    let mean = s.mean?;
    let [lo, hi] = s.ci95.unwrap_or([mean, mean]);
    Some(Band::new(mean, lo, hi))
}

/// The chart data of one scenario (weekly deals won and revenue, the funnel, the
/// speed-to-lead distribution, the time budget and the money), folded from its replications
/// one at a time, in replication order, by [`super::summary::SummaryBuilder`].
///
/// Memory does not grow with the number of replications: every chart is a mean with a 95%
/// band, or a mean alone, over replications, so it keeps one [`RunningEstimate`] per week and
/// per stage and one sum per point of the speed-to-lead CDF. No chart needs a quantile over
/// replications. Means are bit-identical to summing all the results in order; band widths
/// follow [`RunningEstimate`]'s precision.
#[derive(Debug, Clone, Default)]
pub struct ChartsBuilder {
    /// Deals won and revenue per measured week; `None` before the first replication, then as
    /// long as the shortest series so far (a week is charted only if every replication has it).
    weekly: Option<Vec<[RunningEstimate; 2]>>,
    /// Qualified leads per week: opportunities minus meetings set.
    qualified: RunningEstimate,
    /// Sum of each point of the response CDF over the replications that have one, and their
    /// count.
    response_cdf: Option<([f64; RESPONSE_CDF_HOURS.len()], usize)>,
}

impl ChartsBuilder {
    /// Adds the next replication's result.
    pub fn add(&mut self, r: &ReplicationResult) {
        let weekly = self
            .weekly
            .get_or_insert_with(|| vec![[RunningEstimate::default(); 2]; r.weekly.len()]);
        weekly.truncate(r.weekly.len());
        for (acc, week) in weekly.iter_mut().zip(&r.weekly) {
            acc[0].add(Some(week[0]));
            acc[1].add(Some(week[1]));
        }
        self.qualified.add(
            r.kpi(Kpi::OpportunitiesPerWeek)
                .zip(r.kpi(Kpi::MeetingsSetPerWeek))
                .map(|(o, m)| o - m),
        );
        if r.response_cdf.len() == RESPONSE_CDF_HOURS.len() {
            let (sums, n) = self
                .response_cdf
                .get_or_insert(([-0.0; RESPONSE_CDF_HOURS.len()], 0));
            for (sum, share) in sums.iter_mut().zip(&r.response_cdf) {
                *sum += share;
            }
            *n += 1;
        }
    }

    /// The chart data of the replications added, whose KPIs and time shares are in `summary`.
    pub fn finish(&self, summary: &RunSummary) -> ScenarioCharts {
        let weekly = self
            .weekly
            .iter()
            .flatten()
            .enumerate()
            .filter_map(|(i, [won, revenue])| {
                Some(WeekPoint {
                    week: summary.warmup_weeks + i as u32,
                    deals_won: band(&won.estimate()?),
                    revenue: band(&revenue.estimate()?),
                })
            })
            .collect();
        let per_week = |k: Kpi| kpi_band(summary.kpi(k));
        let funnel = [
            ("Inbound leads", per_week(Kpi::InboundLeadsPerWeek)),
            (
                "Qualified leads",
                self.qualified.estimate().map(|e| band(&e)),
            ),
            ("Meetings set", per_week(Kpi::MeetingsSetPerWeek)),
            ("Opportunities", per_week(Kpi::OpportunitiesPerWeek)),
            ("Deals won", per_week(Kpi::DealsWonPerWeek)),
            ("Expansion orders", per_week(Kpi::ExpansionOrdersPerWeek)),
        ]
        .into_iter()
        .filter_map(|(stage, per_week)| {
            per_week.map(|per_week| FunnelStage {
                stage: stage.to_string(),
                per_week,
            })
        })
        .collect();
        let response_cdf = match &self.response_cdf {
            Some((sums, n)) => RESPONSE_CDF_HOURS
                .iter()
                .zip(sums)
                .map(|(&h, sum)| [h, sum / *n as f64])
                .collect(),
            None => Vec::new(),
        };
        ScenarioCharts {
            name: summary.scenario.clone(),
            weekly,
            funnel,
            response_cdf,
            time_budget: time_budget(summary),
            money: money(summary),
            clarity: None,
        }
    }
}

/// The time budget chart: each role's time shares from `summary`.
fn time_budget(summary: &RunSummary) -> Vec<RoleBudget> {
    summary
        .time_share
        .0
        .iter()
        .map(|(role, shares)| {
            let mut s = [0.0; 7];
            for (slot, (_, v)) in s.iter_mut().zip(&shares.0) {
                *slot = *v;
            }
            RoleBudget {
                role: role.clone(),
                shares: s,
            }
        })
        .collect()
}

/// Revenue, cost and profit per week from `summary`; `None` unless all three are defined.
fn money(summary: &RunSummary) -> Option<Money> {
    Some(Money {
        revenue: kpi_band(summary.kpi(Kpi::RevenuePerWeek))?,
        cost: kpi_band(summary.kpi(Kpi::CostPerWeek))?,
        profit: kpi_band(summary.kpi(Kpi::ProfitPerWeek))?,
    })
}

/// The clarity chart's data from the clarity measures' estimates (by name, as
/// [`crate::clarity::MEASURES`]); `None` without focus, attribution and `kpi_clarity`.
pub fn clarity_chart(measures: &[(&str, Option<Estimate>)]) -> Option<Clarity> {
    let get = |name: &str| {
        measures
            .iter()
            .find(|(m, _)| *m == name)
            .and_then(|(_, e)| e.as_ref())
            .map(band)
    };
    Some(Clarity {
        kpi_clarity: get("kpi_clarity")?,
        focus: get("focus")?,
        attribution: get("attribution")?,
        diagnosis_accuracy: get("diagnosis_accuracy"),
        false_alarm_rate: get("false_alarm_rate"),
        detectability_weeks: get("detectability_weeks"),
        detectability_team_weeks: get("detectability_team_weeks"),
    })
}
