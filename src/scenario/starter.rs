//! The commented starter scenario printed by `salesim init`.

/// A complete scenario with every section and its defaults written out, one comment per field.
pub const STARTER: &str = r#"// A salesim scenario (RON). Every field except `name` and `team` may be left out: the value
// shown is its default. Units are in the comments. Run it with `salesim run this-file.ron`.
Scenario(
    name: "My team",
    seed: 42,                 // master seed: same seed and inputs give identical results
    replications: 100,        // independent runs; KPIs get 95% confidence intervals over them
    horizon_weeks: 52,        // simulated weeks
    warmup_weeks: 4,          // first weeks left out of every KPI (people still work and learn)
    calendar: (
        hours_per_day: 8,     // shift length, 0 < h <= 24
        day_start: 9.0,       // shift start, hour of day in [0, 24)
        days_per_week: 5,     // working days from Monday, 1..=7 (24, 0.0, 7 is 24/7)
    ),
    inbound: (
        leads_per_week: 40,   // inbound leads a calendar week
        profile: BusinessHours, // or Flat, or Hourly([168 weights from Monday 00:00])
        work_hours: LogNormal(mean: 0.5, sd: 0.25), // working hours to qualify one lead
        qualify_prob: 0.35,   // chance to qualify an instantly answered lead, in [0, 1]
        decay: HalfLife(hours: 2, floor: 0.25), // or None, or TwoPhase(fast_hours:, slow_hours:, fast_weight:, floor:)
        abandon_after_hours: None, // or a number: leads waiting longer are lost
    ),
    outbound: (
        pool: Unlimited,      // or Accounts(n): a finite list of accounts, touched round-robin
        new_accounts_per_week: 0, // accounts added to a finite pool each week
        max_touches: 8,       // touches before an account is retired
        work_hours: Fixed(0.1), // working hours of one touch
        connect_prob: 0.05,   // chance a touch reaches someone
        meeting_prob: 0.2,    // chance a connect sets a meeting (an outbound opportunity)
    ),
    deals: (
        steps: 3,             // close steps: discovery, proposal, negotiation
        step_hours: LogNormal(mean: 1.2, sd: 0.6), // working hours of one step
        between_steps_days: Exp(mean: 20), // customer latency between steps, calendar days
        win_prob: (inbound: 0.30, outbound: 0.20), // before skill, hand-offs and stalling
        stall_decay_per_week: 0.1, // win chance x exp(-weeks the deal waited for its owner x this)
        deal_value: LogNormal(mean: 25000, sd: 15000), // money per won deal
    ),
    customers: (
        initial: 0,           // customers at the start, already onboarded
        onboarding_hours: Fixed(3), // working hours of onboarding a new customer
        care_hours: Fixed(0.5), // working hours of one check-in
        care_interval_days: 30, // days between check-ins
        churn_per_period: 0.008, // churn chance at each check-in (about 10% a year)
        neglect_multiplier: 3, // churn multiplier when the last care task was late
        grace_days: 7,        // a care task started within this many days of due is on time
        expansion_prob: 0.035, // chance a care task yields an expansion order
        expansion_value_fraction: LogNormal(mean: 0.3, sd: 0.15), // order value / deal value
    ),
    work: (
        switch_hours: 0.25,   // working hours lost when a task's activity differs from the last
        handoff: (hours: 0.5, info_loss: 0.05), // per change of owner: extra hours, win chance lost
        learning: true,       // false: everyone at full skill
    ),
    people: (
        vacancy_weeks: 4,     // weeks a leaver's seat stays empty before a new hire joins
        hiring_cost: 15000,   // money per hire
        count_initial_hires: false, // true: the initial team's hires are booked too
        promote_scouts_after_months: None, // or a number: scouts who stay that long become closers
    ),
    team: [
        (role: Inbound, count: 1), // qualifies inbound leads
        (role: Scout, count: 2),   // prospects and sets meetings (SDR)
        (role: Closer, count: 3, skill: { Close: (start: 0.6, full: 1.0, learn_hours: 250) }),
        (role: Success, count: 1), // onboards and checks in on customers
        // Also: Generalist (does everything), Custom("Name", [Inbound, Prospect]).
        // Per entry, optional: policy: Priority | Batch(block_hours: 4), initial_hours: 1000,
        // salary_per_year (Inbound 75000, Scout 80000, Closer 150000, Success 100000,
        // Generalist and Custom 130000), attrition_per_year (exits a year: Inbound and Scout
        // 0.5, Closer and Generalist 0.3, Success 0.2; 0: nobody leaves).
    ],
)
"#;
