//! Tests of loading and validation: every error class, defaults, and the bundled files.

use super::*;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bad");

fn error_of(text: &str) -> String {
    match parse_str(text, "t.ron").and_then(|s| validate(&s, "t.ron")) {
        Ok(_) => panic!("accepted: {text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn each_bad_fixture_fails_with_its_expected_message() {
    let mut seen = 0;
    for entry in std::fs::read_dir(FIXTURES).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let expect = text
            .lines()
            .next()
            .unwrap()
            .trim_start_matches("// expect: ")
            .to_string();
        let err = load_config(&path).map(|_| ()).unwrap_err().to_string();
        assert!(
            err.contains(&expect),
            "{}: {err:?} lacks {expect:?}",
            path.display()
        );
        seen += 1;
    }
    assert!(seen >= 7);
}

#[test]
fn syntax_errors_show_the_line_and_a_caret() {
    let err = error_of("Scenario(\n  name: \"x\"\n  team: [],\n)");
    assert!(err.starts_with("t.ron:3:3: "), "{err}");
    assert!(err.contains("3 |   team: [],"), "{err}");
    assert!(err.contains("  |   ^"), "{err}");
}

#[test]
fn unknown_names_list_what_is_allowed() {
    let err = error_of("Scenario(name: \"x\", team: [(role: Generalist, count: 1)], wrok: ())");
    assert!(err.contains("did you mean `work`?"), "{err}");
    let err =
        error_of("Scenario(name: \"x\", team: [(role: Generalist, count: 1, polcy: Priority)])");
    assert!(err.contains("did you mean `policy`?"), "{err}");
    let err = error_of(
        "Scenario(name: \"x\", inbound: (profile: Hourlyy([])), team: [(role: Scout, count: 1)])",
    );
    assert!(err.contains("`Hourly`"), "{err}");
}

#[test]
fn a_value_given_to_a_bare_choice_is_named() {
    let err = error_of(
        "Scenario(name: \"x\", inbound: (profile: Flat(1)), team: [(role: Scout, count: 1)])",
    );
    assert!(
        err.contains("`Flat` takes no value here: write `Flat` alone"),
        "{err}"
    );
    let err = error_of(
        "Scenario(name: \"x\", team: [(role: Scout, count: 1, policy: Priority(block_hours: 2))])",
    );
    assert!(err.contains("`Priority` takes no value here"), "{err}");
    // A comma really missing between fields gets no such hint.
    let err = error_of("Scenario(name: \"x\" team: [])");
    assert!(!err.contains("takes no value"), "{err}");
}

/// `text`'s error, which must be at line 3, `column`, and contain each of `want`.
fn assert_positioned(text: &str, column: usize, want: &[&str]) {
    let err = error_of(text);
    assert!(err.starts_with(&format!("t.ron:3:{column}: ")), "{err}");
    for w in want {
        assert!(err.contains(w), "missing {w:?} in\n{err}");
    }
}

/// Issue 7: serde ignores unknown fields inside an enum's struct-like variant unless the enum
/// denies them; `Batch(block_hours: 2, extra: 1)` used to be accepted silently.
#[test]
fn an_unknown_field_in_a_policy_variant_is_refused() {
    assert_positioned(
        "Scenario(name: \"x\",\n  seed: 1,\n  team: [(role: Generalist, count: 1, policy: \
         Batch(block_hours: 2, extra: 1))])",
        69,
        &["unexpected field named `extra` in `Batch`, expected `block_hours`"],
    );
}

#[test]
fn an_unknown_field_in_a_distribution_variant_is_refused() {
    for (dist, column, allowed) in [
        ("Exp(mean: 1, bogus: 2)", 38, "expected `mean`"),
        (
            "LogNormal(mean: 1, sd: 1, bogus: 2)",
            51,
            "expected either `mean` or `sd`",
        ),
        (
            "Gamma(mean: 1, sd: 1, bogus: 2)",
            47,
            "expected either `mean` or `sd`",
        ),
        (
            "Uniform(min: 1, max: 2, bogus: 2)",
            49,
            "expected either `min` or `max`",
        ),
        (
            "Triangular(min: 1, mode: 2, max: 3, bogus: 2)",
            61,
            "expected one of `min`, `mode`, or `max`",
        ),
    ] {
        let variant = &dist[..dist.find('(').unwrap()];
        assert_positioned(
            &format!(
                "Scenario(name: \"x\",\n  team: [(role: Generalist, count: 1)],\n  \
                 inbound: (work_hours: {dist}))"
            ),
            column,
            &[
                &format!("unexpected field named `bogus` in `{variant}`"),
                allowed,
            ],
        );
    }
    let err = error_of(
        "Scenario(name: \"x\", team: [(role: Generalist, count: 1)],
          deals: (step_hours: Exp(mean: 1, men: 2)))",
    );
    assert!(err.contains("did you mean `mean`?"), "{err}");
}

#[test]
fn an_unknown_field_in_a_decay_variant_is_refused() {
    assert_positioned(
        "Scenario(name: \"x\",\n  team: [(role: Generalist, count: 1)],\n  \
         inbound: (decay: HalfLife(hours: 2, floor: 0.2, x: 1)))",
        51,
        &["unexpected field named `x` in `HalfLife`, expected either `hours` or `floor`"],
    );
    assert_positioned(
        "Scenario(name: \"x\",\n  team: [(role: Generalist, count: 1)],\n  \
         inbound: (decay: TwoPhase(fast_hours: 1, slow_hours: 2, fast_weight: 0.5, floor: 0.1, \
         y: 1)))",
        89,
        &[
            "unexpected field named `y` in `TwoPhase`, expected one of `fast_hours`, \
             `slow_hours`, `fast_weight`, or `floor`",
        ],
    );
}

/// Tuple-like variants and nested structs refuse extra values and fields too.
#[test]
fn extra_values_in_tuple_variants_and_nested_structs_are_refused() {
    for (fields, column, want) in [
        (
            "outbound: (pool: Accounts(5, 6))",
            31,
            "expected closing `)`",
        ),
        (
            "inbound: (work_hours: Fixed(1, 2))",
            33,
            "expected closing `)`",
        ),
        (
            "deals: (win_prob: (inbound: 0.3, bad: 1))",
            36,
            "unexpected field named `bad` in `deals.win_prob`, expected either `inbound` or \
             `outbound`",
        ),
        (
            "work: (handoff: (hours: 1, info: 0))",
            30,
            "unexpected field named `info` in `work.handoff`",
        ),
    ] {
        assert_positioned(
            &format!("Scenario(name: \"x\",\n  team: [(role: Generalist, count: 1)],\n  {fields})"),
            column,
            &[want],
        );
    }
}

#[test]
fn every_invalid_value_is_reported_with_its_path() {
    let err = error_of(
        "Scenario(name: \"x\", horizon_weeks: 4, warmup_weeks: 4,
          calendar: (hours_per_day: 30),
          deals: (win_prob: (inbound: 1.5)),
          customers: (care_interval_days: 0),
          inbound: (profile: Hourly([1, 2])),
          team: [(role: Custom(\"\", []), count: 1, skill: { Close: (learn_hours: -1) })])",
    );
    for want in [
        "t.ron: warmup_weeks must be less than horizon_weeks (4), got 4",
        "t.ron: calendar.hours_per_day must be greater than 0 and at most 24, got 30",
        "t.ron: deals.win_prob.inbound must be between 0 and 1, got 1.5",
        "t.ron: customers.care_interval_days must be greater than 0, got 0",
        "t.ron: inbound.profile Hourly needs 168 weights",
        "t.ron: team[0].role a Custom role needs a non-empty name",
        "t.ron: team[0].skill.Close.learn_hours must be greater than 0, got -1",
    ] {
        assert!(err.contains(want), "missing {want:?} in\n{err}");
    }
}

#[test]
fn non_finite_and_huge_values_are_refused() {
    let err = error_of(
        "Scenario(name: \"x\", inbound: (leads_per_week: inf), team: [(role: Scout, count: 1)])",
    );
    assert!(
        err.contains("inbound.leads_per_week must be a finite number"),
        "{err}"
    );
    let err =
        error_of("Scenario(name: \"x\", horizon_weeks: 999999, team: [(role: Scout, count: 1)])");
    assert!(err.contains("horizon_weeks must be at most 5218"), "{err}");
    let err = error_of(
        "Scenario(name: \"x\", team: [(role: Scout, count: 60000), (role: Closer, count: 60000)])",
    );
    assert!(err.contains("team has 120000 people"), "{err}");
}

/// Issue 7: every size is bounded before allocation, with the limit named in the error.
#[test]
fn each_size_limit_is_named_in_its_error() {
    let team = "team: [(role: Generalist, count: 1)]";
    for (fields, want) in [
        (
            "outbound: (pool: Accounts(10000001))",
            "outbound.pool must be at most 10000000 (the account limit), got 10000001",
        ),
        (
            "horizon_weeks: 52, outbound: (pool: Accounts(5000000), new_accounts_per_week: 100000)",
            "outbound.new_accounts_per_week adds 5200000 accounts over horizon_weeks (52) to a \
             pool of 5000000; at most 10000000 accounts are allowed in a replication (the \
             account limit)",
        ),
        (
            "customers: (initial: 1000001)",
            "customers.initial must be at most 1000000 (the initial-customer limit), got 1000001",
        ),
        (
            "inbound: (leads_per_week: 1000001)",
            "inbound.leads_per_week must be at most 1000000 (the lead-rate limit), got 1000001",
        ),
        (
            "horizon_weeks: 52, inbound: (leads_per_week: 100000)",
            "inbound.leads_per_week brings 5200000 leads over horizon_weeks (52); at most \
             3000000 are allowed in a replication (the lead-volume limit)",
        ),
    ] {
        let err = error_of(&format!("Scenario(name: \"x\", {fields}, {team})"));
        assert!(err.contains(want), "{fields}: missing {want:?} in\n{err}");
        assert_eq!(err.lines().count(), 1, "one error for {fields}:\n{err}");
    }
    let err = error_of(
        "Scenario(name: \"x\", horizon_weeks: 53,
          team: [(role: Scout, count: 100, attrition_per_year: 10000)])",
    );
    assert!(
        err.contains("team expects about 1015743 hires over horizon_weeks (53)"),
        "{err}"
    );
    assert!(
        err.contains("at most 500000 are allowed in a replication (the hiring limit)"),
        "{err}"
    );
    let err = error_of(
        "Scenario(name: \"x\", horizon_weeks: 520, people: (promote_scouts_after_months: 0.01),
          team: [(role: Scout, count: 100)])",
    );
    assert!(err.contains("(the hiring limit)"), "{err}");
    let err = error_of(
        "Scenario(name: \"x\", horizon_weeks: 260,
          team: [(role: Generalist, count: 100000, attrition_per_year: 0)])",
    );
    assert!(
        err.contains(
            "team asks for about 26000000 person-weeks (100000 people and about 0 hires, times \
             horizon_weeks 260); at most 25000000 are allowed (the person-week limit)"
        ),
        "{err}"
    );
}

#[test]
fn sizes_at_their_limits_are_accepted() {
    for fields in [
        "horizon_weeks: 2, warmup_weeks: 1, outbound: (pool: Accounts(10000000))",
        "horizon_weeks: 10, warmup_weeks: 1, outbound: (pool: Accounts(0), new_accounts_per_week: 1000000)",
        "customers: (initial: 1000000)",
        "horizon_weeks: 3, warmup_weeks: 1, inbound: (leads_per_week: 1000000)",
        "horizon_weeks: 250, team: [(role: Generalist, count: 100000, attrition_per_year: 0)]",
    ] {
        let team = if fields.contains("team:") {
            ""
        } else {
            ", team: [(role: Generalist, count: 1)]"
        };
        let text = format!("Scenario(name: \"x\", {fields}{team})");
        let s = parse_str(&text, "t.ron").unwrap();
        validate(&s, "t.ron").unwrap_or_else(|e| panic!("{fields}: {e}"));
    }
}

#[test]
fn the_spec_example_parses_and_defaults_match_the_spec() {
    let s = parse_str(
        r#"Scenario(name: "d", team: [(role: Generalist, count: 7)])"#,
        "d.ron",
    )
    .unwrap();
    let c = validate(&s, "d.ron").unwrap();
    assert_eq!(
        (c.seed, c.replications, c.horizon_weeks, c.warmup_weeks),
        (42, 100, 52, 4)
    );
    assert_eq!(c.inbound.leads_per_week, 40.0);
    assert_eq!(c.inbound.qualify_prob, 0.35);
    assert_eq!(c.deals.steps, 3);
    assert_eq!(c.customers.churn_per_period, 0.008);
    assert_eq!(c.work.switch_hours, 0.25);
    assert_eq!(c.team[0].salary_per_year, 130_000.0);
    assert_eq!(c.calendar.weekly_hours(), 40.0);
    assert!(warnings(&c).is_empty());
}

#[test]
fn abandonment_accepts_a_bare_number_and_some() {
    for v in ["24", "Some(24)"] {
        let text = format!(
            "Scenario(name: \"a\", inbound: (abandon_after_hours: {v}), team: [(role: Inbound, count: 1)])"
        );
        let c = validate(&parse_str(&text, "a.ron").unwrap(), "a.ron").unwrap();
        assert_eq!(c.inbound.abandon_after_hours, Some(24.0));
    }
}

#[test]
fn warnings_name_orphaned_work() {
    let s = parse_str(
        r#"Scenario(name: "w", team: [(role: Scout, count: 1)])"#,
        "w.ron",
    )
    .unwrap();
    let w = warnings(&validate(&s, "w.ron").unwrap()).join("\n");
    assert!(
        w.contains("Inbound") && w.contains("Close") && w.contains("Care"),
        "{w}"
    );
}

fn ron_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if !path.ends_with("sweeps") {
                ron_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "ron") {
            out.push(path);
        }
    }
}

#[test]
fn every_bundled_scenario_and_the_starter_validate() {
    let mut files = Vec::new();
    ron_files(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios"),
        &mut files,
    );
    assert!(files.len() >= 5, "{files:?}");
    for f in files {
        load_config(&f).unwrap_or_else(|e| panic!("{e}"));
    }
    let s = parse_str(STARTER, "starter.ron").unwrap();
    validate(&s, "starter.ron").unwrap();
}

#[test]
fn mutated_inputs_never_panic() {
    let base = STARTER.as_bytes();
    let mut state = 12345u64;
    for _ in 0..400 {
        let mut bytes = base.to_vec();
        for _ in 0..3 {
            let r = crate::engine::rng::splitmix64(&mut state);
            let i = (r % bytes.len() as u64) as usize;
            match r >> 62 {
                0 => {
                    bytes.remove(i);
                }
                1 => bytes.insert(i, bytes[i]),
                _ => bytes[i] = b"0-9.,()[]:eE\"x_ "[(r >> 8) as usize % 16],
            }
        }
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(s) = parse_str(&text, "m.ron") {
            let _ = validate(&s, "m.ron");
        }
    }
}
