//! The look shared by every chart: the bundled font, colours, text sizes and number formats.
//!
//! The font is DejaVu Sans, compiled into the binary and registered with plotters once, so the
//! charts render the same on a machine with no fonts installed. It is registered under the
//! family name `sans-serif`, which SVG viewers also understand.

use std::sync::OnceLock;

use plotters::style::{FontStyle, RGBColor, TextStyle, register_font};

/// The family name the bundled font is registered under.
pub(crate) const FAMILY: &str = "sans-serif";

pub(crate) static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub(crate) static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Registers the bundled font with plotters, once per process; returns whether it loaded.
pub(crate) fn ensure_font() -> bool {
    static LOADED: OnceLock<bool> = OnceLock::new();
    *LOADED.get_or_init(|| {
        register_font(FAMILY, FontStyle::Normal, REGULAR).is_ok()
            && register_font(FAMILY, FontStyle::Bold, BOLD).is_ok()
    })
}

/// The Okabe–Ito palette (colour-blind safe), in the order scenarios get their colours.
const SCENARIO_COLORS: [RGBColor; 7] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(230, 159, 0),   // orange
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(120, 120, 120), // grey
];

/// The colour of the `i`-th scenario (the palette repeats past seven).
pub(crate) fn scenario_color(i: usize) -> RGBColor {
    SCENARIO_COLORS[i % SCENARIO_COLORS.len()]
}

/// One legend entry per scenario: its name in its colour.
pub(crate) fn scenario_entries(data: &super::data::ChartData) -> Vec<(String, RGBColor)> {
    (data.scenarios.iter().enumerate())
        .map(|(i, s)| (s.name.clone(), scenario_color(i)))
        .collect()
}

/// Colours of the seven time-use categories: work in Okabe–Ito hues, overheads in warm
/// colours, idle in light grey.
pub(crate) const CATEGORY_COLORS: [RGBColor; 7] = [
    RGBColor(86, 180, 233),  // Inbound: sky blue
    RGBColor(0, 158, 115),   // Prospect: bluish green
    RGBColor(0, 114, 178),   // Close: blue
    RGBColor(204, 121, 167), // Care: reddish purple
    RGBColor(213, 94, 0),    // switching: vermillion
    RGBColor(230, 159, 0),   // handoff: orange
    RGBColor(210, 210, 210), // idle: light grey
];

/// Near-black for text and axes.
pub(crate) const INK: RGBColor = RGBColor(33, 33, 33);
/// Mid grey for secondary text.
pub(crate) const MUTED: RGBColor = RGBColor(100, 100, 100);
/// Light grey for grid lines.
pub(crate) const GRID: RGBColor = RGBColor(225, 225, 225);

/// A text style of the bundled font at `size` pixels, for the tick labels plotters draws.
pub(crate) fn text(size: f64) -> TextStyle<'static> {
    TextStyle::from((FAMILY, size).into_font()).color(&INK)
}

use plotters::style::IntoFont;

/// Formats dollars for an axis or a label: `$950`, `$12.5k`, `$130k`, `$1.25M`, `−$20k`.
pub(crate) fn money(v: f64) -> String {
    let sign = if v < 0.0 { "−" } else { "" };
    let a = v.abs();
    let body = if a >= 1e6 {
        format!("{}M", trim(a / 1e6, 2))
    } else if a >= 1e3 {
        format!("{}k", trim(a / 1e3, 1))
    } else {
        trim(a, 0)
    };
    format!("{sign}${body}")
}

/// Formats dollars for a value label, to three significant figures at most: `$121k`,
/// `$17.5k`, `−$40k` (axis ticks use [`money`], which keeps their exact step).
pub(crate) fn money_label(v: f64) -> String {
    if v.abs() >= 99_950.0 && v.abs() < 999_500.0 {
        let sign = if v < 0.0 { "−" } else { "" };
        format!("{sign}${}k", trim(v.abs() / 1e3, 0))
    } else {
        money(v)
    }
}

/// Formats a count with thousands separators and at most `decimals` decimals: `1,234.5`.
pub(crate) fn number(v: f64, decimals: usize) -> String {
    let s = trim(v.abs(), decimals);
    let (int, frac) = s
        .split_once('.')
        .map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if v < 0.0 && s.chars().any(|c| c != '0' && c != '.') {
        "−"
    } else {
        ""
    };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// `v` with at most `decimals` decimals and no trailing zeros.
fn trim(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// A y-axis tick label with a trailing space, which keeps it clear of its tick mark.
pub(crate) fn tick(label: &str) -> String {
    format!("{label} ")
}

/// Formats a share as a percentage: `0.253` → `25%`.
pub(crate) fn percent(v: f64) -> String {
    format!("{}%", trim(v * 100.0, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_uses_dollars_k_and_m() {
        assert_eq!(money(950.0), "$950");
        assert_eq!(money(130_000.0), "$130k");
        assert_eq!(money(12_500.0), "$12.5k");
        assert_eq!(money(-20_000.0), "−$20k");
        assert_eq!(money(1_250_000.0), "$1.25M");
        assert_eq!(money(0.0), "$0");
        assert_eq!(money_label(120_900.0), "$121k");
        assert_eq!(money_label(-103_500.0), "−$104k");
        assert_eq!(money_label(17_540.0), "$17.5k");
    }

    #[test]
    fn numbers_get_thousands_separators() {
        assert_eq!(number(1234.5, 1), "1,234.5");
        assert_eq!(number(999.0, 0), "999");
        assert_eq!(number(-1_000_000.0, 0), "−1,000,000");
        assert_eq!(number(-0.0001, 1), "0");
    }
}
