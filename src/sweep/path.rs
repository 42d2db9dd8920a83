//! Field paths: naming one number of a scenario, like `inbound.leads_per_week`.
//!
//! A path is resolved against the base scenario written out as a value tree (the schema's
//! serde form, every default filled in), so any numeric field of the schema can be named, and
//! a field added to the schema later can be swept without changes here. The grammar:
//!
//! - `section.field`, nested as deep as the schema goes: `deals.win_prob.inbound`;
//! - `team.<Role>` names the first team entry of that role (`team.Scout.count`); a custom role
//!   is named by its own name (`team.Hunter.count` for `Custom("Hunter", […])`); `team[2]`
//!   names the third entry whatever its role;
//! - the name of an enum variant may be left out: `inbound.work_hours.mean` reaches into
//!   `LogNormal(mean: …, sd: …)`, `customers.onboarding_hours` sets the number of `Fixed(3)`,
//!   `outbound.pool` the count of `Accounts(…)`;
//! - an optional field left out (`None`) can be set; its type is checked when the value is
//!   read back into the schema;
//! - a list of numbers takes an index: `inbound.profile.Hourly[9]`.
//!
//! Resolution yields the concrete steps into the tree (a [`FieldPath`]); setting a value
//! follows them on a copy of the base tree.

use serde_json::Value;

use crate::scenario::suggest::closest;

/// One step from the root of the value tree.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    /// A field of a struct, or the name of an enum variant.
    Key(String),
    /// An entry of a list.
    Index(usize),
}

/// The kind of number a field holds, which decides the values it accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// A count: whole numbers from 0.
    Count,
    /// A real number.
    Real,
    /// An optional field the base leaves out (`None`): any number, checked when read back.
    Unset,
}

/// A resolved path: where a field lies in the base scenario's value tree.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldPath {
    steps: Vec<Step>,
    kind: FieldKind,
}

/// One `name` or `name[index]` piece of a path as written.
#[derive(Debug)]
struct Segment<'a> {
    name: &'a str,
    index: Option<usize>,
}

impl FieldPath {
    /// Resolves `path` against `root`, the base scenario as a value tree.
    ///
    /// # Errors
    /// A message (without the file or axis, which the caller adds) saying which part is
    /// unknown, with a "did you mean" where a name is close, or why the field is not a number.
    pub fn resolve(root: &Value, path: &str) -> Result<FieldPath, String> {
        let segments = parse(path)?;
        let mut steps = Vec::new();
        let mut node = root;
        for (i, seg) in segments.iter().enumerate() {
            let at = |name: &str| rewrite(&segments, i, name);
            node = child(node, seg.name, &mut steps, &at, &written(&segments[..i]))?;
            if let Some(k) = seg.index {
                let items = match node {
                    Value::Array(items) => items,
                    _ => return Err(format!("`{}` is not a list", written(&segments[..=i]))),
                };
                node = items.get(k).ok_or_else(|| {
                    let n = items.len();
                    format!("`{}` has {n} entries, so [{k}] is out of range", seg.name)
                })?;
                steps.push(Step::Index(k));
            }
        }
        let kind = leaf(node, &mut steps, path)?;
        if let Some(Step::Key(first)) = steps.first() {
            if first == "seed" || first == "replications" {
                return Err(format!(
                    "`{first}` is set by the sweep itself (its `{first}:` field), not by an axis"
                ));
            }
        }
        Ok(FieldPath { steps, kind })
    }

    /// The kind of number the field holds.
    pub fn kind(&self) -> FieldKind {
        self.kind
    }

    /// The path in concrete steps, e.g. `team[1].count` for `team.Scout.count`; two axes on
    /// the same field have the same canonical path.
    pub fn canonical(&self) -> String {
        let mut out = String::new();
        for step in &self.steps {
            match step {
                Step::Key(k) if out.is_empty() => out.push_str(k),
                Step::Key(k) => {
                    out.push('.');
                    out.push_str(k);
                }
                Step::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }

    /// The team entry whose `count` this is, if it is one.
    pub fn team_count_entry(&self) -> Option<usize> {
        match self.steps.as_slice() {
            [Step::Key(t), Step::Index(i), Step::Key(c)] if t == "team" && c == "count" => Some(*i),
            _ => None,
        }
    }

    /// Sets the field to `value` in `root`, a copy of the tree the path was resolved against.
    /// Returns `false` (and changes nothing) if the tree has another shape.
    pub fn set(&self, root: &mut Value, value: Value) -> bool {
        let mut node = root;
        for step in &self.steps {
            let next = match step {
                Step::Key(k) => node.get_mut(k.as_str()),
                Step::Index(i) => node.get_mut(*i),
            };
            match next {
                Some(n) => node = n,
                None => return false,
            }
        }
        *node = value;
        true
    }
}

/// Splits `path` into segments.
fn parse(path: &str) -> Result<Vec<Segment<'_>>, String> {
    if path.is_empty() {
        return Err("the path is empty; write a field such as `inbound.leads_per_week`".into());
    }
    if let Some(c) = path
        .chars()
        .find(|c| c.is_control() || *c == '"' || *c == ',')
    {
        return Err(format!("a path may not contain {c:?}"));
    }
    path.split('.')
        .map(|piece| {
            let (name, index) = match piece.split_once('[') {
                None => (piece, None),
                Some((name, rest)) => {
                    let digits = rest
                        .strip_suffix(']')
                        .ok_or_else(|| format!("`{piece}`: an index is written `name[2]`"))?;
                    let i = digits.parse::<usize>().map_err(|_| {
                        format!("`{piece}`: the index must be a whole number from 0")
                    })?;
                    (name, Some(i))
                }
            };
            if name.is_empty() {
                return Err(format!(
                    "`{path}` has an empty part; parts are joined by one `.`"
                ));
            }
            Ok(Segment { name, index })
        })
        .collect()
}

/// The segments as written, joined again.
fn written(segments: &[Segment<'_>]) -> String {
    let parts: Vec<String> = segments
        .iter()
        .map(|s| match s.index {
            Some(i) => format!("{}[{i}]", s.name),
            None => s.name.to_string(),
        })
        .collect();
    parts.join(".")
}

/// The whole path with segment `i`'s name replaced by `name` (for "did you mean").
fn rewrite(segments: &[Segment<'_>], i: usize, name: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    for (j, s) in segments.iter().enumerate() {
        let n = if j == i { name } else { s.name };
        parts.push(match s.index {
            Some(k) => format!("{n}[{k}]"),
            None => n.to_string(),
        });
    }
    parts.join(".")
}

/// If `map` is an enum written out by serde (`{"LogNormal": {…}}`), its variant name.
fn variant(map: &serde_json::Map<String, Value>) -> Option<&str> {
    let mut keys = map.keys();
    match (keys.next(), keys.next()) {
        (Some(k), None) if k.starts_with(|c: char| c.is_ascii_uppercase()) => Some(k),
        _ => None,
    }
}

/// The child `name` of `node`, stepping through an enum variant if need be.
fn child<'v>(
    node: &'v Value,
    name: &str,
    steps: &mut Vec<Step>,
    at: &dyn Fn(&str) -> String,
    parent: &str,
) -> Result<&'v Value, String> {
    let mut node = node;
    loop {
        match node {
            Value::Object(map) => {
                if let Some(v) = map.get(name) {
                    steps.push(Step::Key(name.to_string()));
                    return Ok(v);
                }
                if let Some(var) = variant(map) {
                    steps.push(Step::Key(var.to_string()));
                    node = &map[var];
                    continue;
                }
                let keys: Vec<&str> = map.keys().map(String::as_str).collect();
                return Err(unknown(name, parent, &keys, at, "field"));
            }
            Value::Array(items) => return team_entry(items, name, steps, at, parent),
            other => {
                let what = describe(other);
                return Err(format!("`{parent}` is {what} and has no field `{name}`"));
            }
        }
    }
}

/// The first entry of a list of team entries whose role is `name`.
fn team_entry<'v>(
    items: &'v [Value],
    name: &str,
    steps: &mut Vec<Step>,
    at: &dyn Fn(&str) -> String,
    parent: &str,
) -> Result<&'v Value, String> {
    let roles: Vec<&str> = items.iter().filter_map(role_name).collect();
    if roles.len() != items.len() {
        return Err(format!(
            "`{parent}` is a list; name an entry by index: `{parent}[0]`"
        ));
    }
    match roles.iter().position(|r| *r == name) {
        Some(i) => {
            steps.push(Step::Index(i));
            Ok(&items[i])
        }
        None => Err(unknown(name, parent, &roles, at, "role")),
    }
}

/// A team entry's role name: `"Scout"`, or the name of `{"Custom": ["Hunter", […]]}`.
fn role_name(entry: &Value) -> Option<&str> {
    match entry.get("role")? {
        Value::String(s) => Some(s),
        other => other.get("Custom")?.get(0)?.as_str(),
    }
}

/// "unknown field" with what is allowed and the closest name.
fn unknown(
    name: &str,
    parent: &str,
    known: &[&str],
    at: &dyn Fn(&str) -> String,
    what: &str,
) -> String {
    let place = if parent.is_empty() {
        "a scenario".to_string()
    } else {
        format!("`{parent}`")
    };
    let mut msg = match what {
        "role" => format!(
            "{place} has no entry with role `{name}`; roles: {}",
            known.join(", ")
        ),
        _ => format!(
            "{place} has no field `{name}`; fields: {}",
            known.join(", ")
        ),
    };
    if let Some(k) = closest(name, known) {
        msg.push_str(&format!("; did you mean `{}`?", at(k)));
    }
    msg
}

/// Checks that the field at the end of the path is a number, stepping into a variant such as
/// `Fixed(3)`.
fn leaf(node: &Value, steps: &mut Vec<Step>, path: &str) -> Result<FieldKind, String> {
    match node {
        Value::Number(n) if n.is_u64() => Ok(FieldKind::Count),
        Value::Number(_) => Ok(FieldKind::Real),
        Value::Null => Ok(FieldKind::Unset),
        Value::Object(map) => {
            if let Some(var) = variant(map) {
                if map[var].is_number() {
                    steps.push(Step::Key(var.to_string()));
                    return leaf(&map[var], steps, path);
                }
            }
            let inner = variant(map).map_or(map, |v| map[v].as_object().unwrap_or(map));
            let numeric: Vec<&str> = inner
                .iter()
                .filter(|(_, v)| v.is_number() || v.is_null())
                .map(|(k, _)| k.as_str())
                .collect();
            Err(format!(
                "`{path}` is a section, not a number; its numeric fields: {}",
                if numeric.is_empty() {
                    "none".to_string()
                } else {
                    numeric.join(", ")
                }
            ))
        }
        Value::Array(_) => Err(format!(
            "`{path}` is a list, not a number; name one entry, e.g. `{path}[0]`"
        )),
        other => Err(format!("`{path}` is {}, not a number", describe(other))),
    }
}

/// A value's kind, for messages.
fn describe(v: &Value) -> String {
    match v {
        Value::String(s) => format!("the choice `{s}`"),
        Value::Bool(b) => format!("true/false (now {b})"),
        Value::Number(n) => format!("the number {n}"),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "a section".into(),
        Value::Null => "unset".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = r#"Scenario(
        name: "t",
        inbound: (leads_per_week: 40),
        team: [
            (role: Inbound, count: 1),
            (role: Scout, count: 2, skill: { Prospect: (start: 0.5) }),
            (role: Custom("Hunter", [Inbound, Prospect]), count: 1),
            (role: Scout, count: 5),
        ],
    )"#;

    fn tree() -> Value {
        let s = crate::scenario::parse_str(BASE, "t.ron").unwrap();
        serde_json::to_value(&s).unwrap()
    }

    fn canonical(path: &str) -> Result<(String, FieldKind), String> {
        FieldPath::resolve(&tree(), path).map(|p| (p.canonical(), p.kind()))
    }

    #[test]
    fn resolves_sections_roles_variants_and_options() {
        use FieldKind::*;
        let cases = [
            ("inbound.leads_per_week", "inbound.leads_per_week", Real),
            ("team.Scout.count", "team[1].count", Count),
            ("team[3].count", "team[3].count", Count),
            ("team.Hunter.count", "team[2].count", Count),
            (
                "team.Scout.skill.Prospect.start",
                "team[1].skill.Prospect.start",
                Real,
            ),
            (
                "inbound.work_hours.mean",
                "inbound.work_hours.LogNormal.mean",
                Real,
            ),
            (
                "customers.onboarding_hours",
                "customers.onboarding_hours.Fixed",
                Real,
            ),
            ("deals.win_prob.inbound", "deals.win_prob.inbound", Real),
            (
                "inbound.abandon_after_hours",
                "inbound.abandon_after_hours",
                Unset,
            ),
            ("horizon_weeks", "horizon_weeks", Count),
        ];
        for (path, want, kind) in cases {
            assert_eq!(canonical(path), Ok((want.to_string(), kind)), "{path}");
        }
    }

    #[test]
    fn unknown_names_get_a_suggestion_of_the_whole_path() {
        let e = canonical("inbound.leads_per_wek").unwrap_err();
        assert!(e.contains("did you mean `inbound.leads_per_week`?"), "{e}");
        let e = canonical("team.Scot.count").unwrap_err();
        assert!(e.contains("no entry with role `Scot`"), "{e}");
        assert!(e.contains("did you mean `team.Scout.count`?"), "{e}");
        let e = canonical("team.Closer.count").unwrap_err();
        assert!(e.contains("roles: Inbound, Scout, Hunter, Scout"), "{e}");
    }

    #[test]
    fn non_numeric_and_reserved_fields_are_refused() {
        for (path, needle) in [
            ("inbound", "is a section"),
            ("inbound.work_hours", "numeric fields: mean, sd"),
            ("name", "not a number"),
            ("work.learning", "true/false"),
            ("team", "is a list"),
            ("seed", "set by the sweep"),
            ("team[9].count", "out of range"),
            ("inbound..x", "empty part"),
            ("team[x].count", "whole number"),
        ] {
            let e = canonical(path).unwrap_err();
            assert!(e.contains(needle), "{path}: {e}");
        }
    }

    #[test]
    fn set_changes_exactly_the_resolved_field() {
        let mut t = tree();
        let p = FieldPath::resolve(&t, "team.Scout.count").unwrap();
        assert_eq!(p.team_count_entry(), Some(1));
        assert!(p.set(&mut t, Value::from(7u64)));
        let s: crate::scenario::Scenario = serde_json::from_value(t).unwrap();
        assert_eq!(s.team[1].count, 7);
        assert_eq!(s.team[3].count, 5);
    }
}
