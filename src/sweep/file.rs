//! The sweep file as written (SPEC §11), unchecked.
//!
//! ```ron
//! Sweep(
//!     base: "../specialized.ron",     // relative to the sweep file
//!     name: "hiring-mix",
//!     replications: 50,               // optional: default the base scenario's
//!     seed: 7,                        // optional: default the base scenario's
//!     axes: [
//!         ("team.Scout.count", [0, 1, 2, 3]),
//!         ("inbound.leads_per_week", [20, 40, 80]),
//!     ],
//! )
//! ```

use serde::Deserialize;
use serde::de::{self, IgnoredAny, Visitor};

use crate::scenario::ScenarioError;
pub use crate::scenario::load::read_text;
use crate::scenario::load::{options, syntax_error};

/// A sweep file as written.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename = "Sweep", deny_unknown_fields)]
pub struct SweepFile {
    /// The base scenario's path, relative to the sweep file.
    pub base: String,
    /// The sweep's name (the default output directory is named after it).
    pub name: String,
    /// Replications per point (default: the base scenario's).
    #[serde(default)]
    pub replications: Option<u64>,
    /// The sweep seed (default: the base scenario's).
    #[serde(default)]
    pub seed: Option<u64>,
    /// `(path, values)` pairs.
    pub axes: Vec<(String, Vec<Literal>)>,
}

/// One axis value as written: a number, or something else (kept to be refused by name).
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    /// A whole number written without a point.
    Int(i128),
    /// A number written with a point or an exponent (or `inf`, `NaN`).
    Float(f64),
    /// Anything else, described for the error message (`the text "abc"`).
    Other(String),
}

impl std::fmt::Display for Literal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Literal::Int(n) => write!(f, "{n}"),
            Literal::Float(x) => write!(f, "{x:?}"),
            Literal::Other(what) => f.write_str(what),
        }
    }
}

impl<'de> Deserialize<'de> for Literal {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LiteralVisitor)
    }
}

struct LiteralVisitor;

impl<'de> Visitor<'de> for LiteralVisitor {
    type Value = Literal;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a number")
    }
    fn visit_i64<E>(self, v: i64) -> Result<Literal, E> {
        Ok(Literal::Int(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Literal, E> {
        Ok(Literal::Int(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Literal, E> {
        Ok(Literal::Float(v))
    }
    fn visit_bool<E>(self, v: bool) -> Result<Literal, E> {
        Ok(Literal::Other(format!("`{v}`")))
    }
    fn visit_char<E>(self, v: char) -> Result<Literal, E> {
        Ok(Literal::Other(format!("the character {v:?}")))
    }
    fn visit_str<E>(self, v: &str) -> Result<Literal, E> {
        Ok(Literal::Other(format!("the text {v:?}")))
    }
    fn visit_unit<E>(self) -> Result<Literal, E> {
        Ok(Literal::Other("`()`".into()))
    }
    fn visit_none<E>(self) -> Result<Literal, E> {
        Ok(Literal::Other("`None`".into()))
    }
    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Literal, D::Error> {
        IgnoredAny::deserialize(d)?;
        Ok(Literal::Other("`Some(…)`".into()))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Literal, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Literal::Other("a list".into()))
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Literal, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Literal::Other("a structure".into()))
    }
}

/// Parses a sweep file's text; `file` names it in errors.
///
/// # Errors
/// [`ScenarioError::Syntax`] with the line, column and offending line.
pub fn parse_str(text: &str, file: &str) -> Result<SweepFile, ScenarioError> {
    options()
        .from_str::<SweepFile>(text)
        .map_err(|e| syntax_error(text, file, &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_numbers_and_keeps_other_values_for_a_named_error() {
        let text = r#"Sweep(base: "b.ron", name: "n", seed: 3,
            axes: [("a", [0, -1, 2.5, 1e3]), ("b", ["x", true, [1], (k: 1)])])"#;
        let f = parse_str(text, "w.ron").unwrap();
        assert_eq!(f.seed, Some(3));
        assert_eq!(f.replications, None);
        use Literal::*;
        assert_eq!(
            f.axes[0].1,
            vec![Int(0), Int(-1), Float(2.5), Float(1000.0)]
        );
        let other: Vec<String> = f.axes[1].1.iter().map(|l| l.to_string()).collect();
        assert_eq!(other[0], "the text \"x\"");
        assert_eq!(other[1], "`true`");
        assert_eq!(other[2], "a list");
    }

    #[test]
    fn an_unknown_field_is_a_positioned_error_with_a_hint() {
        let text = "Sweep(base: \"b.ron\", name: \"n\",\n  axis: [])";
        let e = parse_str(text, "w.ron").unwrap_err().to_string();
        assert!(e.starts_with("w.ron:2:"), "{e}");
        assert!(e.contains("did you mean `axes`?"), "{e}");
    }

    /// Issue 7: nothing nested in a sweep file takes unknown fields or extra values either.
    #[test]
    fn an_axis_with_an_extra_value_or_named_fields_is_a_positioned_error() {
        let text = "Sweep(base: \"b.ron\", name: \"n\",\n  axes: [(\"seed\", [1, 2], 3)])";
        let e = parse_str(text, "w.ron").unwrap_err().to_string();
        assert!(e.starts_with("w.ron:2:27: expected closing `)`"), "{e}");
        let text = "Sweep(base: \"b.ron\", name: \"n\",\n  axes: [(path: \"seed\", values: [1])])";
        let e = parse_str(text, "w.ron").unwrap_err().to_string();
        assert!(e.starts_with("w.ron:2:11: expected string"), "{e}");
    }
}
