//! How `salesim advise` prints its [`Advice`]: the time budget, the findings, the ranked hires.

use std::fmt::Write;

use crate::advise::{Advice, Candidate};
use crate::model::TIME_CATEGORIES;

use super::table::human;

/// Pretty-printed JSON with a final newline.
pub fn json(advice: &Advice) -> String {
    let mut s =
        serde_json::to_string_pretty(advice).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// The table people read (fits 100 columns).
pub fn table(advice: &Advice) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Advice for {} — {} replications per candidate, seed {}",
        advice.scenario, advice.replications, advice.seed
    );
    if let Some(p) = advice.profit_per_week {
        let _ = writeln!(out, "Profit now: ${} a week", human(p, "$"));
    }
    let _ = writeln!(out, "\nTime budget (% of shift time)");
    let _ = write!(out, "  {:<16}", "role");
    for c in TIME_CATEGORIES {
        let _ = write!(out, "{c:>10}");
    }
    let _ = writeln!(out);
    for b in &advice.time_budget {
        let _ = write!(out, "  {:<16}", b.role);
        for s in b.shares {
            let _ = write!(out, "{:>10.1}", 100.0 * s);
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(out, "\nFindings");
    if advice.findings.is_empty() {
        let _ = writeln!(
            out,
            "  none: every role keeps to its first activity and is loaded 80–90%"
        );
    }
    for f in &advice.findings {
        let _ = writeln!(out, "{}", wrap(f, "  - ", "    ", 96));
    }
    let _ = writeln!(
        out,
        "\nNext hire, ranked by profit gained (paired, same seeds; * = 95% CI excludes 0)"
    );
    candidates(&mut out, &advice.candidates);
    if !advice.plan.is_empty() {
        let _ = writeln!(
            out,
            "\nGreedy plan of {} hires (each step given the ones before)",
            advice.plan.len()
        );
        candidates(&mut out, &advice.plan);
    }
    out
}

/// `text` wrapped at `width` columns, the first line after `first`, the rest after `rest`.
fn wrap(text: &str, first: &str, rest: &str, width: usize) -> String {
    let mut out = String::from(first);
    let mut col = first.len();
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 && col + 1 + word.chars().count() > width {
            out.push('\n');
            out.push_str(rest);
            col = rest.len();
        } else if i > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += word.chars().count();
    }
    out
}

fn candidates(out: &mut String, list: &[Candidate]) {
    let _ = writeln!(
        out,
        "  {:<3} {:<14} {:>9}  {:<28} {:>12}  {:>8}",
        "#", "hire", "salary", "profit gained $/week [95% CI]", "revenue $/wk", "payback"
    );
    for (i, c) in list.iter().enumerate() {
        let (gain, mark) = match &c.profit_gain_per_week {
            Some(e) => {
                let ci = e.ci95.map_or(String::new(), |[lo, hi]| {
                    format!(" [{}, {}]", human(lo, "$"), human(hi, "$"))
                });
                let credible = e.ci95.is_some_and(|[lo, hi]| lo > 0.0 || hi < 0.0);
                (
                    format!("{}{ci}", human(e.mean, "$")),
                    if credible { "*" } else { " " },
                )
            }
            None => ("—".into(), " "),
        };
        let revenue = c
            .revenue_gain_per_week
            .as_ref()
            .map_or("—".into(), |e| human(e.mean, "$"));
        let payback = c.payback_weeks.map_or("—".into(), |w| format!("{w:.1} wk"));
        let _ = writeln!(
            out,
            "  {:<3} {:<14} {:>9}  {:<27}{mark} {:>12}  {:>8}",
            i + 1,
            c.role,
            human(c.salary_per_year, "$"),
            gain,
            revenue,
            payback
        );
    }
}
