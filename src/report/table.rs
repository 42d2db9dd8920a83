//! The table people read: KPIs grouped by stage, one per row with mean and 95% CI, then the
//! time share of each role. Fits in 100 columns.

use std::fmt::Write;

use crate::model::{Kpi, KpiGroup, TIME_CATEGORIES};

use super::summary::RunSummary;

/// Formats a number for people: money with thousands separators, other values with about
/// three significant digits.
pub fn human(v: f64, unit: &str) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    if unit.starts_with('$') || v.abs() >= 10_000.0 {
        return thousands(v.round());
    }
    let digits = match v.abs() {
        a if a >= 1000.0 => 0,
        a if a >= 100.0 => 1,
        a if a >= 10.0 => 2,
        _ => 3,
    };
    format!("{v:.digits$}")
}

fn thousands(v: f64) -> String {
    let s = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 { format!("-{out}") } else { out }
}

/// Renders `summary` as the terminal table.
pub fn render(summary: &RunSummary) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} — {} replications, seed {}, weeks {}–{} measured",
        summary.scenario,
        summary.replications,
        summary.seed,
        summary.warmup_weeks,
        summary.horizon_weeks
    );
    let _ = writeln!(
        out,
        "\n  {:<30} {:>12}  {:<27} unit",
        "KPI", "mean", "95% CI"
    );
    for group in KpiGroup::in_report_order() {
        let _ = writeln!(out, "{}", group.title());
        for &k in Kpi::ALL.iter().filter(|k| k.group() == group) {
            let s = summary.kpi(k);
            let mean = s
                .and_then(|s| s.mean)
                .map_or("—".to_string(), |m| human(m, k.unit()));
            let ci = s.and_then(|s| s.ci95).map_or("—".to_string(), |[lo, hi]| {
                format!("[{}, {}]", human(lo, k.unit()), human(hi, k.unit()))
            });
            let _ = writeln!(
                out,
                "  {:<30} {:>12}  {:<27} {}",
                k.name(),
                mean,
                ci,
                k.unit()
            );
        }
    }
    let _ = writeln!(out, "\nTime share by role (% of shift time)");
    let _ = write!(out, "  {:<16}", "role");
    for c in TIME_CATEGORIES {
        let _ = write!(out, "{c:>10}");
    }
    out.push('\n');
    for (role, shares) in &summary.time_share.0 {
        let name: String = role.chars().take(16).collect();
        let _ = write!(out, "  {name:<16}");
        for c in TIME_CATEGORIES {
            let v = shares.get(c).copied().unwrap_or(0.0);
            let _ = write!(out, "{:>10.1}", 100.0 * v);
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "\n{:.0} events per replication",
        summary.events_per_replication
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_formatted_for_people() {
        assert_eq!(human(123456.7, "$/week"), "123,457");
        assert_eq!(human(0.12345, ""), "0.123");
        assert_eq!(human(12.345, "h"), "12.35");
        assert_eq!(human(-1234567.0, "$/week"), "-1,234,567");
        assert_eq!(human(999.0, "/week"), "999.0");
    }
}
