//! Realistic synthetic chart data, for demos, documentation and tests: no simulation needed.

use super::data::{
    Band, ChartData, Clarity, FunnelStage, Money, RoleBudget, ScenarioCharts, WeekPoint,
};

/// The parameters that tell the two sample scenarios apart.
struct Profile {
    name: &'static str,
    deals: f64,
    revenue: f64,
    funnel: [f64; 6],
    median_response_hours: f64,
    budgets: &'static [(&'static str, [f64; 7])],
    cost: f64,
    clarity: [f64; 7],
}

const GENERALISTS: Profile = Profile {
    name: "Generalists x7",
    deals: 2.8,
    revenue: 121_000.0,
    funnel: [40.0, 17.5, 8.6, 5.9, 2.8, 0.8],
    median_response_hours: 6.0,
    budgets: &[("Generalist", [0.14, 0.21, 0.27, 0.12, 0.08, 0.0, 0.18])],
    cost: 7.0 * 130_000.0 / 52.0,
    clarity: [0.19, 0.34, 0.56, 0.24, 0.38, 36.0, 9.5],
};

const SPECIALISTS: Profile = Profile {
    name: "Specialists 1-2-3-1",
    deals: 3.2,
    revenue: 136_000.0,
    funnel: [40.0, 23.0, 10.8, 7.1, 3.2, 1.2],
    median_response_hours: 1.0,
    budgets: &[
        ("Inbound rep", [0.71, 0.0, 0.0, 0.0, 0.0, 0.04, 0.25]),
        ("Scout", [0.0, 0.79, 0.0, 0.0, 0.0, 0.05, 0.16]),
        ("Closer", [0.0, 0.0, 0.74, 0.0, 0.0, 0.03, 0.23]),
        ("Success manager", [0.0, 0.0, 0.0, 0.64, 0.0, 0.02, 0.34]),
    ],
    cost: (75_000.0 + 2.0 * 80_000.0 + 3.0 * 150_000.0 + 100_000.0) / 52.0,
    clarity: [0.93, 0.96, 0.97, 0.61, 0.31, 21.0, 8.0],
};

impl ChartData {
    /// Synthetic but realistic data for two scenarios, "Generalists x7" and "Specialists
    /// 1-2-3-1": about 3 deals and $130k a week, a 1-hour versus 6-hour median response, and
    /// generalists losing 8% of their time to context switching. Deterministic.
    pub fn sample() -> ChartData {
        ChartData {
            scenarios: vec![scenario(&GENERALISTS, 0.0), scenario(&SPECIALISTS, 1.7)],
        }
    }
}

/// One sample scenario; `phase` shifts its week-to-week wiggle.
fn scenario(p: &Profile, phase: f64) -> ScenarioCharts {
    let stages = [
        "Leads",
        "Qualified",
        "Meetings",
        "Opportunities",
        "Won",
        "Expansion orders",
    ];
    let c = p.clarity;
    ScenarioCharts {
        name: p.name.to_string(),
        weekly: (13..=52).map(|w| week(p, w, phase)).collect(),
        funnel: (stages.iter().zip(p.funnel))
            .map(|(s, v)| FunnelStage {
                stage: s.to_string(),
                per_week: band(v, 0.08 * v),
            })
            .collect(),
        response_cdf: response_cdf(p.median_response_hours),
        time_budget: (p.budgets.iter())
            .map(|(role, shares)| RoleBudget {
                role: role.to_string(),
                shares: *shares,
            })
            .collect(),
        money: Some(Money {
            revenue: band(p.revenue, 9_000.0),
            cost: band(p.cost, 400.0),
            profit: band(p.revenue - p.cost, 9_100.0),
        }),
        clarity: Some(Clarity {
            kpi_clarity: band(c[0], 0.03),
            focus: band(c[1], 0.02),
            attribution: band(c[2], 0.04),
            diagnosis_accuracy: Some(band(c[3], 0.09)),
            false_alarm_rate: Some(band(c[4], 0.08)),
            detectability_weeks: Some(band(c[5], 0.2 * c[5])),
            detectability_team_weeks: Some(band(c[6], 0.15 * c[6])),
        }),
    }
}

/// A band of half-width `half` around `mean`.
fn band(mean: f64, half: f64) -> Band {
    Band::new(mean, mean - half, mean + half)
}

/// One week: a slow ramp plus a deterministic wiggle, with a 95% band of about ±15%.
fn week(p: &Profile, w: u32, phase: f64) -> WeekPoint {
    let t = w as f64;
    let wiggle = 0.05 * (0.7 * t + phase).sin() + 0.03 * (1.9 * t + 2.0 * phase).sin();
    let shape = 1.0 + 0.05 * ((t - 13.0) / 39.0) + wiggle;
    let (deals, revenue) = (p.deals * shape, p.revenue * shape);
    WeekPoint {
        week: w,
        deals_won: band(deals, 0.16 * deals),
        revenue: band(revenue, 0.14 * revenue),
    }
}

/// A log-logistic response-time CDF with the given median [hours], on a log grid.
fn response_cdf(median: f64) -> Vec<[f64; 2]> {
    (0..=60)
        .map(|i| {
            let h = 0.05 * 10f64.powf(i as f64 / 60.0 * 3.7);
            [h, 1.0 / (1.0 + (h / median).powf(-1.7))]
        })
        .collect()
}
