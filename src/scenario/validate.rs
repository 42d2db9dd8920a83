//! Checking a parsed scenario against the SPEC's ranges and building the model's [`Config`].
//!
//! Every invalid value is reported, each with its field path (`team[2].count`), the value, and
//! what is allowed; nothing is built until all checks pass.

use crate::engine::time::{HOURS_PER_WEEK, HOURS_PER_YEAR};
use crate::engine::{Calendar, Dist};
use crate::model::config::*;

use super::error::{FieldError, ScenarioError};
use super::limits::*;
use super::schema::*;

/// Collects field errors while a scenario is checked.
#[derive(Debug, Default)]
struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn fail(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.errors.push(FieldError {
            path: path.into(),
            message: message.into(),
        });
    }

    fn finite(&mut self, path: &str, v: f64) -> bool {
        if v.is_finite() {
            return true;
        }
        self.fail(path, format!("must be a finite number, got {v}"));
        false
    }

    fn prob(&mut self, path: &str, v: f64) -> f64 {
        if self.finite(path, v) && !(0.0..=1.0).contains(&v) {
            self.fail(path, format!("must be between 0 and 1, got {v}"));
        }
        v
    }

    fn at_least(&mut self, path: &str, v: f64, min: f64) -> f64 {
        if self.finite(path, v) && v < min {
            self.fail(path, format!("must be at least {min}, got {v}"));
        }
        v
    }

    /// A rate that is either off (0) or large enough that one over it is a finite time: a
    /// subnormal rate such as `1e-318` made the arrival clock overflow and never stop.
    fn zero_or_at_least(&mut self, path: &str, v: f64, min: f64) {
        if v.is_finite() && v > 0.0 && v < min {
            self.fail(path, format!("must be 0 or at least {min}, got {v}"));
        }
    }

    fn positive(&mut self, path: &str, v: f64) -> f64 {
        if self.finite(path, v) && v <= 0.0 {
            self.fail(path, format!("must be greater than 0, got {v}"));
        }
        v
    }

    fn at_most(&mut self, path: &str, v: f64, max: f64, limit: &str) -> f64 {
        if v.is_finite() && v > max {
            self.fail(path, format!("must be at most {max} ({limit}), got {v}"));
        }
        v
    }

    fn count(&mut self, path: &str, v: u64, min: u64, max: u64, limit: &str) -> u64 {
        if v < min {
            self.fail(path, format!("must be at least {min}, got {v}"));
        } else if v > max {
            self.fail(path, format!("must be at most {max} ({limit}), got {v}"));
        }
        v.clamp(min, max)
    }

    fn dist(&mut self, path: &str, d: &DistSpec) -> Dist {
        let built = match *d {
            DistSpec::Fixed(v) => Dist::fixed(v),
            DistSpec::Exp { mean } => Dist::exp(mean),
            DistSpec::LogNormal { mean, sd } => Dist::lognormal(mean, sd),
            DistSpec::Gamma { mean, sd } => Dist::gamma(mean, sd),
            DistSpec::Uniform { min, max } => Dist::uniform(min, max),
            DistSpec::Triangular { min, mode, max } => Dist::triangular(min, mode, max),
        };
        built.unwrap_or_else(|e| {
            self.fail(format!("{path}:"), e.0);
            Dist::Fixed(0.0)
        })
    }
}

/// Checks `s` and builds the model's [`Config`].
///
/// # Errors
/// [`ScenarioError::Invalid`] listing every value out of range, with `file` in each line.
pub fn validate(s: &Scenario, file: &str) -> Result<Config, ScenarioError> {
    let mut c = Checker::default();
    let replications = c.count(
        "replications",
        s.replications,
        1,
        MAX_REPLICATIONS,
        "the replication limit",
    ) as u32;
    let horizon_weeks = c.count(
        "horizon_weeks",
        s.horizon_weeks,
        1,
        MAX_HORIZON_WEEKS,
        "the 100-year horizon limit",
    ) as u32;
    if s.warmup_weeks >= s.horizon_weeks {
        let msg = format!(
            "must be less than horizon_weeks ({}), got {}",
            s.horizon_weeks, s.warmup_weeks
        );
        c.fail("warmup_weeks", msg);
    }
    let calendar = calendar(&mut c, &s.calendar);
    let inbound = inbound(&mut c, &s.inbound);
    let outbound = outbound(&mut c, &s.outbound);
    let deals = deals(&mut c, &s.deals);
    let customers = customers(&mut c, &s.customers);
    let work = work(&mut c, &s.work);
    let people = people(&mut c, &s.people);
    let clarity = clarity(&mut c, &s.clarity, s.warmup_weeks, s.horizon_weeks);
    let team = team(&mut c, &s.team);
    let accumulated = Accumulated {
        weeks: f64::from(horizon_weeks),
        inbound: &inbound,
        outbound: &outbound,
        people: &people,
        team: &team,
    };
    accumulated.check(&mut c);
    if !c.errors.is_empty() {
        return Err(ScenarioError::Invalid {
            file: file.to_string(),
            errors: c.errors,
        });
    }
    Ok(Config {
        name: s.name.clone(),
        seed: s.seed,
        replications,
        horizon_weeks,
        warmup_weeks: s.warmup_weeks as u32,
        calendar: calendar.unwrap_or_else(Calendar::office),
        inbound,
        outbound,
        deals,
        customers,
        work,
        people,
        clarity,
        team,
        learning_tables: Default::default(),
    })
}

/// What one replication accumulates over its horizon, from the rates: leads, accounts,
/// joiners and person-weeks, each checked against its limit (see [`super::limits`]). Values
/// already refused elsewhere (not finite, or over their own limit) are not reported again.
struct Accumulated<'a> {
    /// `horizon_weeks`.
    weeks: f64,
    inbound: &'a InboundConfig,
    outbound: &'a OutboundConfig,
    people: &'a PeopleConfig,
    team: &'a [TeamEntry],
}

impl Accumulated<'_> {
    fn check(&self, c: &mut Checker) {
        let weeks = self.weeks;
        let leads = self.inbound.leads_per_week * weeks;
        if leads.is_finite()
            && leads > MAX_LEADS
            && self.inbound.leads_per_week <= MAX_LEADS_PER_WEEK
        {
            c.fail(
                "inbound.leads_per_week",
                format!(
                    "brings {leads} leads over horizon_weeks ({weeks}); at most {MAX_LEADS} are \
                     allowed in a replication (the lead-volume limit)"
                ),
            );
        }
        if let Pool::Accounts(pool) = self.outbound.pool {
            let rate = self.outbound.new_accounts_per_week;
            let total = pool as f64 + rate * weeks;
            if total.is_finite() && total > MAX_ACCOUNTS as f64 && pool <= MAX_ACCOUNTS {
                c.fail(
                    "outbound.new_accounts_per_week",
                    format!(
                        "adds {} accounts over horizon_weeks ({weeks}) to a pool of {pool}; at \
                         most {MAX_ACCOUNTS} accounts are allowed in a replication (the account \
                         limit)",
                        rate * weeks
                    ),
                );
            }
        }
        let initial: f64 = self.team.iter().map(|e| f64::from(e.count)).sum();
        let hires = self.expected_hires();
        if !hires.is_finite() || initial > MAX_PEOPLE as f64 {
            return;
        }
        if hires > MAX_HIRES {
            c.fail(
                "team",
                format!(
                    "expects about {hires:.0} hires over horizon_weeks ({weeks}) from \
                     attrition_per_year and people.promote_scouts_after_months; at most \
                     {MAX_HIRES} are allowed in a replication (the hiring limit)"
                ),
            );
        } else if (initial + hires) * weeks > MAX_PERSON_WEEKS {
            c.fail(
                "team",
                format!(
                    "asks for about {:.0} person-weeks ({initial} people and about {hires:.0} \
                     hires, times horizon_weeks {weeks}); at most {MAX_PERSON_WEEKS} are \
                     allowed (the person-week limit)",
                    (initial + hires) * weeks
                ),
            );
        }
    }

    /// Expected joiners after `t = 0`: replacements for attrition, and scouts' promotions
    /// (each adds a Closer and back-fills the Scout's seat). An estimate that ignores vacancies
    /// (which only lower it) and the attrition of promoted Closers.
    fn expected_hires(&self) -> f64 {
        let years = self.weeks * HOURS_PER_WEEK / HOURS_PER_YEAR;
        let count = |e: &TeamEntry| f64::from(e.count);
        let mut hires: f64 = self
            .team
            .iter()
            .map(|e| count(e) * e.attrition_per_year.max(0.0) * years)
            .sum();
        if let Some(months) = self.people.promote_scouts_after_months.filter(|m| *m > 0.0) {
            let scouts: f64 = self
                .team
                .iter()
                .filter(|e| e.role.kind == Some(RoleKind::Scout))
                .map(count)
                .sum();
            hires += scouts * years * 12.0 / months;
        }
        hires
    }
}

fn calendar(c: &mut Checker, s: &CalendarSpec) -> Option<Calendar> {
    let days = u32::try_from(s.days_per_week).unwrap_or(u32::MAX);
    Calendar::new(s.hours_per_day, s.day_start, days)
        .map_err(|e| c.fail(format!("calendar.{}", e.field), e.message))
        .ok()
}

fn inbound(c: &mut Checker, s: &InboundSpec) -> InboundConfig {
    c.at_least("inbound.leads_per_week", s.leads_per_week, 0.0);
    c.zero_or_at_least(
        "inbound.leads_per_week",
        s.leads_per_week,
        MIN_RATE_PER_WEEK,
    );
    c.at_most(
        "inbound.leads_per_week",
        s.leads_per_week,
        MAX_LEADS_PER_WEEK,
        "the lead-rate limit",
    );
    let profile = match &s.profile {
        ProfileSpec::BusinessHours => ArrivalProfile::BusinessHours,
        ProfileSpec::Flat => ArrivalProfile::Flat,
        ProfileSpec::Hourly(w) => {
            if w.len() != 168 {
                c.fail(
                    "inbound.profile",
                    format!(
                        "Hourly needs 168 weights (one per hour of the week), got {}",
                        w.len()
                    ),
                );
            } else if w.iter().any(|x| !x.is_finite() || *x < 0.0) {
                c.fail(
                    "inbound.profile",
                    "Hourly weights must be finite and at least 0",
                );
            } else if w.iter().sum::<f64>() <= 0.0 {
                c.fail("inbound.profile", "Hourly weights must not all be 0");
            }
            ArrivalProfile::Hourly(w.clone())
        }
    };
    let decay = match s.decay {
        DecaySpec::None => Decay::None,
        DecaySpec::HalfLife { hours, floor } => Decay::HalfLife {
            hours: c.positive("inbound.decay.hours", hours),
            floor: c.prob("inbound.decay.floor", floor),
        },
        DecaySpec::TwoPhase {
            fast_hours,
            slow_hours,
            fast_weight,
            floor,
        } => Decay::TwoPhase {
            fast_hours: c.positive("inbound.decay.fast_hours", fast_hours),
            slow_hours: c.positive("inbound.decay.slow_hours", slow_hours),
            fast_weight: c.prob("inbound.decay.fast_weight", fast_weight),
            floor: c.prob("inbound.decay.floor", floor),
        },
    };
    if let Some(h) = s.abandon_after_hours {
        c.at_least("inbound.abandon_after_hours", h, 0.0);
    }
    InboundConfig {
        leads_per_week: s.leads_per_week,
        profile,
        work_hours: c.dist("inbound.work_hours", &s.work_hours),
        qualify_prob: c.prob("inbound.qualify_prob", s.qualify_prob),
        decay,
        abandon_after_hours: s.abandon_after_hours,
    }
}

fn outbound(c: &mut Checker, s: &OutboundSpec) -> OutboundConfig {
    let pool = match s.pool {
        PoolSpec::Unlimited => Pool::Unlimited,
        PoolSpec::Accounts(n) => {
            Pool::Accounts(c.count("outbound.pool", n, 0, MAX_ACCOUNTS, "the account limit"))
        }
    };
    c.at_least(
        "outbound.new_accounts_per_week",
        s.new_accounts_per_week,
        0.0,
    );
    c.zero_or_at_least(
        "outbound.new_accounts_per_week",
        s.new_accounts_per_week,
        MIN_RATE_PER_WEEK,
    );
    c.at_most(
        "outbound.new_accounts_per_week",
        s.new_accounts_per_week,
        MAX_NEW_ACCOUNTS_PER_WEEK,
        "the account-rate limit",
    );
    OutboundConfig {
        pool,
        new_accounts_per_week: s.new_accounts_per_week,
        max_touches: c.count(
            "outbound.max_touches",
            s.max_touches,
            1,
            MAX_TOUCHES,
            "the touch limit",
        ) as u32,
        work_hours: {
            let d = c.dist("outbound.work_hours", &s.work_hours);
            if d.mean() < MIN_TOUCH_HOURS {
                c.fail(
                    "outbound.work_hours",
                    format!(
                        "must have a mean of at least {MIN_TOUCH_HOURS} working hours (a touch takes \
                         time; zero-length touches would stop the clock), got {}",
                        d.mean()
                    ),
                );
            }
            d
        },
        connect_prob: c.prob("outbound.connect_prob", s.connect_prob),
        meeting_prob: c.prob("outbound.meeting_prob", s.meeting_prob),
    }
}

fn deals(c: &mut Checker, s: &DealsSpec) -> DealsConfig {
    DealsConfig {
        steps: c.count("deals.steps", s.steps, 1, MAX_STEPS, "the step limit") as u32,
        step_hours: c.dist("deals.step_hours", &s.step_hours),
        between_steps_days: c.dist("deals.between_steps_days", &s.between_steps_days),
        win_prob_inbound: c.prob("deals.win_prob.inbound", s.win_prob.inbound),
        win_prob_outbound: c.prob("deals.win_prob.outbound", s.win_prob.outbound),
        stall_decay_per_week: c.at_least("deals.stall_decay_per_week", s.stall_decay_per_week, 0.0),
        deal_value: c.dist("deals.deal_value", &s.deal_value),
    }
}

fn customers(c: &mut Checker, s: &CustomersSpec) -> CustomersConfig {
    CustomersConfig {
        initial: c.count(
            "customers.initial",
            s.initial,
            0,
            MAX_INITIAL_CUSTOMERS,
            "the initial-customer limit",
        ),
        onboarding_hours: c.dist("customers.onboarding_hours", &s.onboarding_hours),
        care_hours: c.dist("customers.care_hours", &s.care_hours),
        care_interval_days: c.positive("customers.care_interval_days", s.care_interval_days),
        churn_per_period: c.prob("customers.churn_per_period", s.churn_per_period),
        neglect_multiplier: c.at_least("customers.neglect_multiplier", s.neglect_multiplier, 0.0),
        grace_days: c.at_least("customers.grace_days", s.grace_days, 0.0),
        expansion_prob: c.prob("customers.expansion_prob", s.expansion_prob),
        expansion_value_fraction: c.dist(
            "customers.expansion_value_fraction",
            &s.expansion_value_fraction,
        ),
    }
}

fn work(c: &mut Checker, s: &WorkSpec) -> WorkConfig {
    WorkConfig {
        switch_hours: c.at_least("work.switch_hours", s.switch_hours, 0.0),
        handoff_hours: c.at_least("work.handoff.hours", s.handoff.hours, 0.0),
        handoff_info_loss: c.prob("work.handoff.info_loss", s.handoff.info_loss),
        learning: s.learning,
    }
}

fn people(c: &mut Checker, s: &PeopleSpec) -> PeopleConfig {
    if let Some(m) = s.promote_scouts_after_months {
        c.positive("people.promote_scouts_after_months", m);
    }
    PeopleConfig {
        vacancy_weeks: c.at_least("people.vacancy_weeks", s.vacancy_weeks, 0.0),
        hiring_cost: c.at_least("people.hiring_cost", s.hiring_cost, 0.0),
        count_initial_hires: s.count_initial_hires,
        promote_scouts_after_months: s.promote_scouts_after_months,
    }
}

fn clarity(c: &mut Checker, s: &ClaritySpec, warmup: u64, horizon: u64) -> ClarityConfig {
    if s.fault_size.is_finite() && !(s.fault_size > 0.0 && s.fault_size < 1.0) {
        c.fail(
            "clarity.fault_size",
            format!(
                "must be greater than 0 and less than 1, got {}",
                s.fault_size
            ),
        );
    }
    c.finite("clarity.fault_size", s.fault_size);
    if let Some(w) = s.fault_week {
        if w <= warmup || w >= horizon {
            c.fail(
                "clarity.fault_week",
                format!("must lie inside the measured window ({warmup}, {horizon}), got {w}"),
            );
        }
    }
    let replications = s.replications.map(|r| {
        c.count(
            "clarity.replications",
            r,
            1,
            MAX_REPLICATIONS,
            "the replication limit",
        ) as u32
    });
    ClarityConfig {
        replications,
        fault_week: s.fault_week.map(|w| w.min(u64::from(u32::MAX)) as u32),
        fault_size: s.fault_size,
        fault_scope: match s.fault_scope {
            FaultScopeSpec::Person => FaultScope::Person,
            FaultScopeSpec::Stage => FaultScope::Stage,
        },
        review_weeks: c.count(
            "clarity.review_weeks",
            s.review_weeks,
            1,
            MAX_HORIZON_WEEKS,
            "the horizon limit",
        ) as u32,
    }
}

fn activity(a: ActivitySpec) -> Activity {
    match a {
        ActivitySpec::Inbound => Activity::Inbound,
        ActivitySpec::Prospect => Activity::Prospect,
        ActivitySpec::Close => Activity::Close,
        ActivitySpec::Care => Activity::Care,
    }
}

fn role(c: &mut Checker, path: &str, r: &RoleSpec) -> Role {
    let kind = match r {
        RoleSpec::Inbound => RoleKind::Inbound,
        RoleSpec::Scout => RoleKind::Scout,
        RoleSpec::Closer => RoleKind::Closer,
        RoleSpec::Success => RoleKind::Success,
        RoleSpec::Generalist => RoleKind::Generalist,
        RoleSpec::Custom(name, acts) => {
            if name.trim().is_empty() {
                c.fail(
                    format!("{path}.role"),
                    "a Custom role needs a non-empty name",
                );
            }
            if acts.is_empty() {
                c.fail(
                    format!("{path}.role"),
                    "a Custom role needs at least one activity (Inbound, Prospect, Close, Care)",
                );
            }
            let activities: Vec<Activity> = acts.iter().map(|&a| activity(a)).collect();
            for (i, a) in activities.iter().enumerate() {
                if activities[..i].contains(a) {
                    c.fail(
                        format!("{path}.role"),
                        format!("activity {} is listed twice", a.name()),
                    );
                }
            }
            return Role {
                name: name.clone(),
                kind: None,
                activities,
            };
        }
    };
    Role {
        name: kind.name().to_string(),
        kind: Some(kind),
        activities: kind.activities().to_vec(),
    }
}

fn team(c: &mut Checker, entries: &[TeamEntrySpec]) -> Vec<TeamEntry> {
    if entries.is_empty() {
        c.fail(
            "team",
            "must have at least one entry, e.g. [(role: Generalist, count: 7)]",
        );
    }
    let total: u64 = entries.iter().fold(0u64, |a, e| a.saturating_add(e.count));
    if total > MAX_PEOPLE {
        c.fail(
            "team",
            format!("has {total} people; at most {MAX_PEOPLE} are allowed (the team-size limit)"),
        );
    }
    entries
        .iter()
        .enumerate()
        .map(|(i, e)| team_entry(c, &format!("team[{i}]"), e))
        .collect()
}

fn team_entry(c: &mut Checker, path: &str, e: &TeamEntrySpec) -> TeamEntry {
    let role = role(c, path, &e.role);
    let count = c.count(
        &format!("{path}.count"),
        e.count,
        1,
        MAX_PEOPLE,
        "the team-size limit",
    ) as u32;
    let mut skill = [SkillCurve::DEFAULT; 4];
    for (a, s) in &e.skill {
        let p = format!("{path}.skill.{}", activity(*a).name());
        let start = c.positive(&format!("{p}.start"), s.start);
        let full = c.positive(&format!("{p}.full"), s.full);
        c.at_most(
            &format!("{p}.start"),
            start,
            10.0,
            "skills are multipliers near 1",
        );
        c.at_most(
            &format!("{p}.full"),
            full,
            10.0,
            "skills are multipliers near 1",
        );
        let learn_hours = c.positive(&format!("{p}.learn_hours"), s.learn_hours);
        skill[activity(*a).index()] = SkillCurve {
            start,
            full,
            learn_hours,
        };
    }
    let policy = match e.policy {
        None | Some(PolicySpec::Priority) => Policy::Priority,
        Some(PolicySpec::Batch { block_hours }) => Policy::Batch {
            block_hours: c.positive(&format!("{path}.policy.block_hours"), block_hours),
        },
    };
    let kind = role.kind.unwrap_or(RoleKind::Generalist);
    TeamEntry {
        role,
        count,
        policy,
        skill,
        initial_hours: c.at_least(
            &format!("{path}.initial_hours"),
            e.initial_hours.unwrap_or(1000.0),
            0.0,
        ),
        salary_per_year: c.at_least(
            &format!("{path}.salary_per_year"),
            e.salary_per_year.unwrap_or(kind.default_salary_per_year()),
            0.0,
        ),
        attrition_per_year: c.at_least(
            &format!("{path}.attrition_per_year"),
            e.attrition_per_year
                .unwrap_or(kind.default_attrition_per_year()),
            0.0,
        ),
    }
}
