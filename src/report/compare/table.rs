//! The comparison table people read: one header naming the scenarios (A, B, …) and the
//! baseline, then per KPI group one row per KPI with each scenario's mean, the paired
//! difference against the baseline, its 95% CI, and a mark when the CI excludes 0.
//!
//! With two scenarios it is one block that fits in 100 columns. With three or more it prints
//! one block per scenario after the baseline (`C − A`, …), each with the baseline's and that
//! scenario's means, so every block keeps the same width.

use std::fmt::Write;

use crate::model::{Kpi, KpiGroup};
use crate::report::summary::{KpiSummary, RunSummary};
use crate::report::table::human;

use super::CompareSummary;

/// Printed for a value no replication defines.
const UNDEFINED: &str = "—";

/// Marks a difference whose 95% CI excludes 0.
const MARK: &str = "*";

/// The letter that names scenario `i` (0-based) in the table: `A`…`Z`, then `S27`, `S28`, ….
pub fn label(i: usize) -> String {
    match u8::try_from(i) {
        Ok(i) if i < 26 => char::from(b'A' + i).to_string(),
        _ => format!("S{}", i + 1),
    }
}

/// Renders `summary` as the terminal table.
pub fn render(summary: &CompareSummary) -> String {
    let mut out = String::new();
    header(&mut out, summary);
    let Some(base) = summary.scenarios.first() else {
        return out;
    };
    for (i, s) in summary.scenarios.iter().enumerate().skip(1) {
        if summary.scenarios.len() > 2 {
            let _ = writeln!(
                out,
                "\n{} − A: {} vs {}",
                label(i),
                s.scenario,
                base.scenario
            );
        }
        let diff = summary.diff.get(&s.scenario);
        block(&mut out, base, s, &label(i), |k| {
            diff.and_then(|d| d.get(k))
        });
    }
    legend(&mut out, summary);
    out
}

/// The title line and one line per scenario with its letter.
fn header(out: &mut String, summary: &CompareSummary) {
    let _ = writeln!(
        out,
        "Comparison of {} scenarios — {} replications each, seed {} for all (paired)",
        summary.scenarios.len(),
        summary.replications,
        summary.seed
    );
    for (i, s) in summary.scenarios.iter().enumerate() {
        let role = if i == 0 { " (baseline)" } else { "" };
        let _ = writeln!(
            out,
            "  {}  {}{role}, weeks {}–{} measured",
            label(i),
            s.scenario,
            s.warmup_weeks,
            s.horizon_weeks
        );
    }
}

/// One block: per KPI group, one row per KPI with the baseline's and `other`'s means and the
/// paired difference `diff(kpi name)`.
fn block<'a>(
    out: &mut String,
    base: &RunSummary,
    other: &RunSummary,
    letter: &str,
    diff: impl Fn(&str) -> Option<&'a KpiSummary>,
) {
    let width = Kpi::ALL.iter().map(|k| k.name().len()).max().unwrap_or(0);
    let delta = format!("{letter} − A");
    let ci = format!("95% CI of {delta}");
    let _ = writeln!(
        out,
        "\n  {:<width$} {:>11} {:>11} {:>11}    {:<22} unit",
        "KPI", "A", letter, delta, ci
    );
    for group in KpiGroup::in_report_order() {
        let _ = writeln!(out, "{}", group.title());
        for &k in Kpi::ALL.iter().filter(|k| k.group() == group) {
            let line = row(k, width, [base, other], diff(k.name()));
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }
}

/// One KPI's row: the two means, the difference with its mark, its CI, the unit.
fn row(k: Kpi, width: usize, means: [&RunSummary; 2], d: Option<&KpiSummary>) -> String {
    let unit = k.unit();
    let show = |v: Option<f64>, f: &dyn Fn(f64) -> String| v.map_or(UNDEFINED.to_string(), f);
    let mean = |s: &RunSummary| show(s.kpi(k).and_then(|s| s.mean), &|m| human(m, unit));
    let ci = d.and_then(|d| d.ci95);
    let clear = ci.is_some_and(|[lo, hi]| lo > 0.0 || hi < 0.0);
    let ci = ci.map_or(UNDEFINED.to_string(), |[lo, hi]| {
        format!("[{}, {}]", human(lo, unit), human(hi, unit))
    });
    format!(
        "  {:<width$} {:>11} {:>11} {:>11} {:<1}  {:<22} {unit}",
        k.name(),
        mean(means[0]),
        mean(means[1]),
        show(d.and_then(|d| d.mean), &|m| signed(m, unit)),
        if clear { MARK } else { "" },
        ci,
    )
}

/// [`human`] with a `+` on positive values, so the direction of a difference is plain.
fn signed(v: f64, unit: &str) -> String {
    if v > 0.0 {
        format!("+{}", human(v, unit))
    } else {
        human(v, unit)
    }
}

/// What the mark means, and that the differences are paired.
fn legend(out: &mut String, summary: &CompareSummary) {
    let last = summary.replications.saturating_sub(1);
    let delta = match summary.scenarios.len() {
        2 => "B − A",
        _ => "each X − A",
    };
    let _ = writeln!(
        out,
        "\n{MARK} the 95% CI of the difference excludes 0. Differences are paired: every scenario \
         ran\n  replications 0–{last} with seed {} (the same market), and {delta} is the mean \
         of the\n  per-replication differences where both define the KPI ({UNDEFINED}: \
         undefined).",
        summary.seed
    );
}
