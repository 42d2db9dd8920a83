//! `salesim advise`: what a manager asks next (SPEC §10). Where does each role's time go, does
//! any role break the Predictable Revenue 80/20 rule, and which single hire (or sequence of
//! hires) adds the most profit?
//!
//! Every candidate is the scenario with one more person, run on the same seeds as the base
//! (common random numbers), so the gain is a paired difference with a tight CI. The extra
//! person joins as a new hire would: with no experience (it ramps on the learning curve), the
//! settings of the team's first entry of that role (or the role's defaults), and no hiring cost
//! booked in the window (`count_initial_hires` applies as for the rest of the team); the
//! payback time is the hiring cost divided by the weekly profit gained.

use serde::Serialize;

use crate::model::config::{Policy, Role, RoleKind, SkillCurve, TeamEntry};
use crate::model::{Activity, Config, Kpi, ReplicationResult, TIME_CATEGORIES};
use crate::stats::{Estimate, estimate};

/// A share above which a secondary activity, or idle time, is flagged (the 80/20 rule).
pub const SECONDARY_LIMIT: f64 = 0.2;
/// A busy share above which a role is flagged as a bottleneck.
pub const BUSY_LIMIT: f64 = 0.9;

/// One role's time budget: shares of shift time per [`TIME_CATEGORIES`] (sum 1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleBudget {
    /// Role name.
    pub role: String,
    /// Shares in [`TIME_CATEGORIES`] order.
    pub shares: [f64; 7],
}

/// The gain of adding one person of a role.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// Role name (`Closer`, or a custom role's).
    pub role: String,
    /// Its salary per year (money).
    pub salary_per_year: f64,
    /// Paired difference of `profit_per_week` against the team without it.
    pub profit_gain_per_week: Option<Estimate>,
    /// Paired difference of `revenue_per_week`.
    pub revenue_gain_per_week: Option<Estimate>,
    /// Weeks of the profit gain that pay the hiring cost; `None` without a positive gain.
    pub payback_weeks: Option<f64>,
}

/// Everything `advise` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Advice {
    /// Scenario name.
    pub scenario: String,
    /// Master seed.
    pub seed: u64,
    /// Replications per candidate.
    pub replications: u32,
    /// The base team's mean profit per week.
    pub profit_per_week: Option<f64>,
    /// Time budget per role of the base team.
    pub time_budget: Vec<RoleBudget>,
    /// The 80/20 rule and load findings, one sentence each.
    pub findings: Vec<String>,
    /// Single hires, best first (by mean profit gained).
    pub candidates: Vec<Candidate>,
    /// With `hires > 1`: the greedy sequence, each step the best hire given the earlier ones.
    pub plan: Vec<Candidate>,
}

/// The roles a manager could hire: those of the team (custom ones included) and the four
/// specialists and a generalist, each once, in that order.
pub fn hireable_roles(config: &Config) -> Vec<Role> {
    let mut roles: Vec<Role> = Vec::new();
    let builtin = [
        RoleKind::Inbound,
        RoleKind::Scout,
        RoleKind::Closer,
        RoleKind::Success,
        RoleKind::Generalist,
    ]
    .map(|k| Role {
        name: k.name().to_string(),
        kind: Some(k),
        activities: k.activities().to_vec(),
    });
    for role in config.team.iter().map(|e| e.role.clone()).chain(builtin) {
        if !roles.iter().any(|r| r.name == role.name) {
            roles.push(role);
        }
    }
    roles
}

/// `config` with one more person of `role`, as a new hire with no experience.
pub fn with_one_more(config: &Config, role: &Role) -> Config {
    let mut c = config.clone();
    let entry = match config.team.iter().find(|e| e.role.name == role.name) {
        Some(e) => TeamEntry {
            count: 1,
            initial_hours: 0.0,
            ..e.clone()
        },
        None => {
            let kind = role.kind.unwrap_or(RoleKind::Generalist);
            TeamEntry {
                role: role.clone(),
                count: 1,
                policy: Policy::Priority,
                skill: [SkillCurve::DEFAULT; 4],
                initial_hours: 0.0,
                salary_per_year: kind.default_salary_per_year(),
                attrition_per_year: kind.default_attrition_per_year(),
            }
        }
    };
    // Appended last, so the existing seats keep their tenure draws (common random numbers).
    c.team.push(entry);
    c
}

/// The time budget per role from `results` (roles in team order).
pub fn time_budget(results: &[ReplicationResult]) -> Vec<RoleBudget> {
    let Some(first) = results.first() else {
        return Vec::new();
    };
    (0..first.time_use.len())
        .map(|i| {
            let shares: Vec<[f64; 7]> = results
                .iter()
                .filter_map(|r| r.time_use.get(i).and_then(|t| t.shares()))
                .collect();
            let n = shares.len().max(1) as f64;
            let mut mean = [0.0; 7];
            for s in &shares {
                for (m, x) in mean.iter_mut().zip(s) {
                    *m += x / n;
                }
            }
            RoleBudget {
                role: first.time_use[i].role.clone(),
                shares: mean,
            }
        })
        .collect()
}

/// The 80/20 rule and load findings for `budget` of a team `config`.
pub fn findings(config: &Config, budget: &[RoleBudget]) -> Vec<String> {
    let mut out = Vec::new();
    for b in budget {
        let Some(role) = config.team.iter().find(|e| e.role.name == b.role) else {
            continue;
        };
        let activities = &role.role.activities;
        let plural = match role.role.kind {
            Some(RoleKind::Inbound) => "Inbound reps".to_string(),
            Some(RoleKind::Success) => "Success managers".to_string(),
            Some(k) => format!("{}s", k.name()),
            None => format!("{} people", b.role),
        };
        for &a in activities.iter().skip(1) {
            let share = b.shares[a.index()];
            if share > SECONDARY_LIMIT {
                out.push(format!(
                    "{plural} spend {:.0}% of their time on {}, not their first activity ({}): {} \
                     would take this over (80/20 rule)",
                    100.0 * share,
                    activity_noun(a),
                    activity_noun(activities[0]),
                    specialist(a)
                ));
            }
        }
        let idle = b.shares[TIME_CATEGORIES.len() - 1];
        if idle > SECONDARY_LIMIT {
            out.push(format!(
                "{plural} are idle {:.0}% of their time: more than the team needs, or starved of work",
                100.0 * idle
            ));
        } else if 1.0 - idle > BUSY_LIMIT {
            let pull = if activities.contains(&Activity::Prospect) {
                " (prospecting fills any spare time, so this is by design for roles that prospect)"
            } else {
                ": a bottleneck; waiting work and stalled deals grow"
            };
            out.push(format!(
                "{plural} are busy {:.0}% of their time{pull}",
                100.0 * (1.0 - idle)
            ));
        }
    }
    out
}

fn activity_noun(a: Activity) -> &'static str {
    match a {
        Activity::Inbound => "inbound leads",
        Activity::Prospect => "prospecting",
        Activity::Close => "closing",
        Activity::Care => "customer care",
    }
}

fn specialist(a: Activity) -> &'static str {
    match a {
        Activity::Inbound => "an inbound rep",
        Activity::Prospect => "a scout",
        Activity::Close => "a closer",
        Activity::Care => "a success manager",
    }
}

/// Runs replications `0..replications` of `config` with `seed` (on the current rayon pool).
fn run(config: &Config, replications: u32, seed: u64) -> Vec<ReplicationResult> {
    crate::experiment::run_replications(config, replications, seed, &|_| {})
}

/// Paired difference of `kpi`, `b − a`, over replications where both define it.
fn gain(a: &[ReplicationResult], b: &[ReplicationResult], kpi: Kpi) -> Option<Estimate> {
    estimate(
        a.iter()
            .zip(b)
            .map(|(x, y)| Some(y.kpi(kpi)? - x.kpi(kpi)?)),
    )
}

/// Evaluates every hireable role on top of `config` (whose results are `base`); best first.
fn rank(
    config: &Config,
    base: &[ReplicationResult],
    replications: u32,
    seed: u64,
    budget_per_year: Option<f64>,
) -> Vec<(Candidate, Config)> {
    let mut out: Vec<(Candidate, Config)> = hireable_roles(config)
        .iter()
        .map(|role| with_one_more(config, role))
        .filter(|c| budget_per_year.is_none_or(|b| c.team[c.team.len() - 1].salary_per_year <= b))
        .map(|c| {
            let results = run(&c, replications, seed);
            let profit = gain(base, &results, Kpi::ProfitPerWeek);
            let hiring = c.people.hiring_cost;
            let payback = profit
                .as_ref()
                .filter(|p| p.mean > 0.0)
                .map(|p| hiring / p.mean);
            let added = &c.team[c.team.len() - 1];
            let candidate = Candidate {
                role: added.role.name.clone(),
                salary_per_year: added.salary_per_year,
                profit_gain_per_week: profit,
                revenue_gain_per_week: gain(base, &results, Kpi::RevenuePerWeek),
                payback_weeks: payback,
            };
            (candidate, c)
        })
        .collect();
    let key = |c: &Candidate| c.profit_gain_per_week.as_ref().map_or(f64::MIN, |e| e.mean);
    // Stable: ties keep the order of `hireable_roles`.
    out.sort_by(|a, b| key(&b.0).total_cmp(&key(&a.0)));
    out
}

/// The advice for `config`: its time budget, the 80/20 findings, single hires ranked by
/// profit gained (those whose salary fits `budget_per_year`), and with `hires > 1` the greedy
/// sequence of that many hires. Runs on the current rayon pool.
pub fn advise(
    config: &Config,
    replications: u32,
    seed: u64,
    budget_per_year: Option<f64>,
    hires: u32,
) -> Advice {
    let base = run(config, replications, seed);
    let budget = time_budget(&base);
    let ranked = rank(config, &base, replications, seed, budget_per_year);
    let mut plan = Vec::new();
    if hires > 1 {
        let mut current = config.clone();
        let mut current_results = base.clone();
        for step in 0..hires {
            let options = if step == 0 {
                ranked.clone()
            } else {
                rank(
                    &current,
                    &current_results,
                    replications,
                    seed,
                    budget_per_year,
                )
            };
            let Some((best, next)) = options.into_iter().next() else {
                break;
            };
            current_results = run(&next, replications, seed);
            current = next;
            plan.push(best);
        }
    }
    Advice {
        scenario: config.name.clone(),
        seed,
        replications,
        profit_per_week: estimate(base.iter().map(|r| r.kpi(Kpi::ProfitPerWeek))).map(|e| e.mean),
        findings: findings(config, &budget),
        time_budget: budget,
        candidates: ranked.into_iter().map(|(c, _)| c).collect(),
        plan,
    }
}

#[cfg(test)]
mod tests;
