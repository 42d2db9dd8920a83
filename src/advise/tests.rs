//! The manager's advice on teams built from RON text.

use super::*;

fn config(team: &str) -> Config {
    let text = format!("Scenario(name: \"t\", replications: 20, team: [{team}])");
    let scenario = crate::scenario::parse_str(&text, "t.ron").unwrap();
    crate::scenario::validate(&scenario, "t.ron").unwrap()
}

#[test]
fn generalists_who_prospect_over_a_fifth_of_their_time_are_flagged() {
    let c = config("(role: Generalist, count: 7)");
    let results = run(&c, 5, 1);
    let budget = time_budget(&results);
    let prospect = budget[0].shares[Activity::Prospect.index()];
    assert!(prospect > SECONDARY_LIMIT, "prospecting share {prospect}");
    let f = findings(&c, &budget);
    assert!(
        f.iter().any(|l| l.starts_with("Generalists spend")
            && l.contains("prospecting")
            && l.contains("a scout")),
        "{f:?}"
    );
    // Specialists spend all their busy time on their one activity: no 80/20 flag.
    let s = config(
        "(role: Inbound, count: 1), (role: Scout, count: 2), (role: Closer, count: 3), (role: Success, count: 1)",
    );
    let f = findings(&s, &time_budget(&run(&s, 5, 1)));
    assert!(!f.iter().any(|l| l.contains("80/20")), "{f:?}");
}

#[test]
fn a_team_that_cannot_close_should_hire_someone_who_closes_first() {
    let c = config("(role: Inbound, count: 1), (role: Scout, count: 2), (role: Success, count: 1)");
    let advice = advise(&c, 10, 3, None, 1);
    let gain_of = |role: &str| {
        let c = advice.candidates.iter().find(|c| c.role == role).unwrap();
        c.profit_gain_per_week.clone().unwrap()
    };
    // The two hires who can close lead, far ahead of everyone else. (At the SPEC defaults a
    // generalist, who closes first and costs $20k a year less, ties with the closer: a
    // result of the model, reported, not tuned away.)
    let top: Vec<&str> = advice.candidates[..2]
        .iter()
        .map(|c| c.role.as_str())
        .collect();
    assert!(
        top.contains(&"Closer") && top.contains(&"Generalist"),
        "{top:?}"
    );
    let closer = gain_of("Closer");
    assert!(
        closer.ci95.unwrap()[0] > 0.0,
        "the gain is credible: {closer:?}"
    );
    for other in ["Inbound", "Scout", "Success"] {
        let g = gain_of(other);
        assert!(
            g.ci95.unwrap()[1] < closer.ci95.unwrap()[0],
            "{other}: {g:?}"
        );
    }
    let first = &advice.candidates[0];
    assert!(first.payback_weeks.unwrap() > 0.0);
    // Among the four specialists the closer ranks first.
    let specialist = advice
        .candidates
        .iter()
        .find(|c| ["Inbound", "Scout", "Closer", "Success"].contains(&c.role.as_str()))
        .unwrap();
    assert_eq!(specialist.role, "Closer");
    // A budget leaves out whoever earns more than it.
    let cheap = advise(&c, 4, 3, Some(125_000.0), 1);
    assert!(
        cheap
            .candidates
            .iter()
            .all(|c| c.salary_per_year <= 125_000.0)
    );
    assert!(
        cheap
            .candidates
            .iter()
            .all(|c| c.role != "Closer" && c.role != "Generalist")
    );
}

#[test]
fn a_greedy_plan_takes_the_best_hire_first() {
    let c = config("(role: Inbound, count: 1), (role: Scout, count: 2), (role: Success, count: 1)");
    let advice = advise(&c, 4, 3, None, 2);
    assert_eq!(advice.plan.len(), 2);
    assert_eq!(advice.plan[0], advice.candidates[0]);
}
