//! The clarity measures on teams built in code (SPEC §7).

use super::*;
use crate::model::config::{Activity, Config, Policy, Role, RoleKind, SkillCurve, TeamEntry};
use crate::model::run_replication;

fn entry(kind: RoleKind, count: u32) -> TeamEntry {
    TeamEntry {
        role: Role {
            name: kind.name().into(),
            kind: Some(kind),
            activities: kind.activities().to_vec(),
        },
        count,
        policy: Policy::Priority,
        skill: [SkillCurve::DEFAULT; 4],
        initial_hours: 1000.0,
        salary_per_year: kind.default_salary_per_year(),
        attrition_per_year: kind.default_attrition_per_year(),
    }
}

fn bundled(team: Vec<TeamEntry>) -> Config {
    let text = r#"Scenario(name: "t", team: [(role: Generalist, count: 1)])"#;
    let scenario = crate::scenario::parse_str(text, "t.ron").unwrap();
    let mut config = crate::scenario::validate(&scenario, "t.ron").unwrap();
    config.team = team;
    config
}

fn mean_of(config: &Config, f: impl Fn(&crate::model::ClarityValues) -> Option<f64>) -> f64 {
    let xs: Vec<f64> = (0..5)
        .filter_map(|r| f(&run_replication(config, 3, r).clarity))
        .collect();
    xs.iter().sum::<f64>() / xs.len() as f64
}

#[test]
fn pure_specialists_are_fully_clear_and_generalists_are_not() {
    let specialists = bundled(vec![
        entry(RoleKind::Inbound, 1),
        entry(RoleKind::Scout, 2),
        entry(RoleKind::Closer, 3),
        entry(RoleKind::Success, 1),
    ]);
    for r in 0..3 {
        let v = run_replication(&specialists, 3, r).clarity;
        assert_eq!(v.focus, Some(1.0), "{v:?}");
        assert_eq!(v.attribution, Some(1.0), "{v:?}");
        assert_eq!(v.kpi_clarity, Some(1.0), "{v:?}");
    }
    let generalists = bundled(vec![entry(RoleKind::Generalist, 7)]);
    let focus = mean_of(&generalists, |v| v.focus);
    let clarity = mean_of(&generalists, |v| v.kpi_clarity);
    assert!(focus < 0.6, "generalist focus {focus}");
    assert!(clarity < 0.4, "generalist kpi_clarity {clarity}");
    let custom = |name: &str, activities: &[Activity]| TeamEntry {
        role: Role {
            name: name.into(),
            kind: None,
            activities: activities.to_vec(),
        },
        ..entry(RoleKind::Generalist, 1)
    };
    let hybrid = bundled(vec![
        custom("Hunter", &[Activity::Inbound, Activity::Prospect]),
        custom("Farmer", &[Activity::Close, Activity::Care]),
        entry(RoleKind::Closer, 2),
        entry(RoleKind::Scout, 2),
        entry(RoleKind::Success, 1),
    ]);
    let h = mean_of(&hybrid, |v| v.kpi_clarity);
    eprintln!("generalists focus {focus} clarity {clarity}; hybrid clarity {h}");
    assert!(
        clarity < h && h < 1.0,
        "hybrid {h} not between {clarity} and 1"
    );
}

#[test]
fn detectability_matches_the_hand_computed_formula() {
    // Mean 4, sd 2: ((1.645 + 0.842) × 2 / 0.8)² = 38.66…
    let n = crate::model::weeks_to_detect(4.0, 2.0);
    assert!((n - (2.487f64 * 2.0 / 0.8).powi(2)).abs() < 1e-9);
    assert!((n - 38.6573).abs() < 1e-3);
}

/// SPEC §7 on the bundled pair, both fault scopes: the experiment runs, every measure is in
/// range with a CI, and the numbers are printed for the record (never asserted to favour a
/// structure).
#[test]
fn diagnosis_on_the_bundled_pair_reports_accuracy_and_false_alarms() {
    for name in ["generalist", "specialized"] {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("scenarios/{name}.ron"));
        let (_, config) = crate::scenario::load_config(&path).unwrap();
        for scope in [FaultScope::Person, FaultScope::Stage] {
            let outcomes: Vec<Outcome> = run(&config, 30, 1, scope, &|_| {})
                .into_iter()
                .map(|(_, o)| o)
                .collect();
            let summary = summarize(&outcomes);
            let line: Vec<String> = summary
                .iter()
                .map(|(m, e)| match e {
                    Some(e) => match e.ci95 {
                        Some([lo, hi]) => format!("{m} {:.3} [{lo:.3}, {hi:.3}]", e.mean),
                        None => format!("{m} {:.3}", e.mean),
                    },
                    None => format!("{m} —"),
                })
                .collect();
            eprintln!("{name} {scope:?}: {}", line.join("; "));
            for (m, e) in &summary {
                let Some(e) = e else { continue };
                if m.ends_with("_rate") || m.ends_with("accuracy") || *m == "focus" {
                    assert!((0.0..=1.0).contains(&e.mean), "{m} {}", e.mean);
                }
            }
            let accuracy = summary[5].1.as_ref().expect("faults were placed");
            assert!(accuracy.n >= 25, "a fault in most replications");
            assert!(accuracy.ci95.is_some());
            assert!(summary[6].1.as_ref().unwrap().n == 30);
        }
    }
}
