//! The data behind the charts ([`crate::plot`]), built from a scenario's replications: saved
//! inside `summary.json` so that `salesim plot` can redraw the charts without re-running.

use crate::model::{Kpi, RESPONSE_CDF_HOURS, ReplicationResult};
use crate::plot::data::{Band, Clarity, FunnelStage, Money, RoleBudget, ScenarioCharts, WeekPoint};
use crate::stats::{Estimate, estimate};

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

/// The chart data of one scenario: weekly deals won and revenue, the funnel, the
/// speed-to-lead distribution, the time budget and the money, from `results` (in replication
/// order) and their `summary`.
pub fn scenario_charts(summary: &RunSummary, results: &[ReplicationResult]) -> ScenarioCharts {
    let weeks = results.iter().map(|r| r.weekly.len()).min().unwrap_or(0);
    let weekly = (0..weeks)
        .filter_map(|i| {
            let won = estimate(results.iter().map(|r| Some(r.weekly[i][0])))?;
            let revenue = estimate(results.iter().map(|r| Some(r.weekly[i][1])))?;
            Some(WeekPoint {
                week: summary.warmup_weeks + i as u32,
                deals_won: band(&won),
                revenue: band(&revenue),
            })
        })
        .collect();
    let per_week = |k: Kpi| estimate(results.iter().map(|r| r.kpi(k)));
    let qualified = estimate(
        results
            .iter()
            .map(|r| Some(r.kpi(Kpi::OpportunitiesPerWeek)? - r.kpi(Kpi::MeetingsSetPerWeek)?)),
    );
    let funnel = [
        ("Inbound leads", per_week(Kpi::InboundLeadsPerWeek)),
        ("Qualified leads", qualified),
        ("Meetings set", per_week(Kpi::MeetingsSetPerWeek)),
        ("Opportunities", per_week(Kpi::OpportunitiesPerWeek)),
        ("Deals won", per_week(Kpi::DealsWonPerWeek)),
        ("Expansion orders", per_week(Kpi::ExpansionOrdersPerWeek)),
    ]
    .into_iter()
    .filter_map(|(stage, e)| {
        e.map(|e| FunnelStage {
            stage: stage.to_string(),
            per_week: band(&e),
        })
    })
    .collect();
    let with_cdf: Vec<&ReplicationResult> = results
        .iter()
        .filter(|r| r.response_cdf.len() == RESPONSE_CDF_HOURS.len())
        .collect();
    let response_cdf = if with_cdf.is_empty() {
        Vec::new()
    } else {
        let n = with_cdf.len() as f64;
        RESPONSE_CDF_HOURS
            .iter()
            .enumerate()
            .map(|(i, &h)| {
                [
                    h,
                    with_cdf.iter().map(|r| r.response_cdf[i]).sum::<f64>() / n,
                ]
            })
            .collect()
    };
    let time_budget = summary
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
        .collect();
    let money = match (
        kpi_band(summary.kpi(Kpi::RevenuePerWeek)),
        kpi_band(summary.kpi(Kpi::CostPerWeek)),
        kpi_band(summary.kpi(Kpi::ProfitPerWeek)),
    ) {
        (Some(revenue), Some(cost), Some(profit)) => Some(Money {
            revenue,
            cost,
            profit,
        }),
        _ => None,
    };
    ScenarioCharts {
        name: summary.scenario.clone(),
        weekly,
        funnel,
        response_cdf,
        time_budget,
        money,
        clarity: None,
    }
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
