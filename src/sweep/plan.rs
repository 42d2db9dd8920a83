//! The checked sweep: its base scenario, grid, seeds and fingerprint, and the scenario of each
//! grid point.
//!
//! Loading checks everything that does not need a run: the sweep's own fields, that every
//! axis names a numeric field of the base, that every value has the field's type. A point's
//! scenario is the base's value tree with the axis values set, read back through the schema
//! and validated like any scenario file, so a combination out of range is reported with its
//! field path ([`Sweep::check_points`] does that for the whole grid before anything runs).

use std::path::Path;

use rayon::prelude::*;
use serde_json::Value;

use super::error::SweepError;
use super::file::{self, Literal};
use super::grid::{Axis, AxisValue, Grid};
use super::hash::StableHash;
use super::path::{FieldKind, FieldPath};
use crate::model::Config;
use crate::scenario::{self, Scenario, ScenarioError, limits::MAX_REPLICATIONS};

/// Grids of more points than this are refused unless forced (`salesim sweep --force`).
pub const MAX_POINTS: u64 = 1_000_000;

/// What the command line may change about a sweep file.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Allow grids larger than [`MAX_POINTS`].
    pub force: bool,
    /// Replications per point, instead of the file's.
    pub replications: Option<u64>,
    /// The sweep seed, instead of the file's.
    pub seed: Option<u64>,
}

/// A sweep file and its base scenario, checked.
#[derive(Debug, Clone)]
pub struct Sweep {
    /// The sweep's name.
    pub name: String,
    /// The sweep file as given, for messages.
    pub file: String,
    /// The sweep seed every point's seed derives from.
    pub seed: u64,
    /// Replications per point.
    pub replications: u32,
    /// A stable hash of the sweep file's and the base scenario's text, the seed and the
    /// replications: two outputs with the same fingerprint come from the same sweep.
    pub fingerprint: u64,
    base_file: String,
    base: Value,
    grid: Grid,
}

impl Sweep {
    /// Loads and checks the sweep file at `path` and its base scenario.
    ///
    /// # Errors
    /// [`SweepError::Scenario`] for an unreadable or malformed sweep file or base;
    /// [`SweepError::Invalid`] and [`SweepError::Axis`] for wrong fields and axes.
    pub fn load(path: &Path, options: &LoadOptions) -> Result<Sweep, SweepError> {
        let file = path.display().to_string();
        let text = file::read_text(path)?;
        let written = file::parse_str(&text, &file)?;
        let invalid = |message: String| SweepError::Invalid {
            file: file.clone(),
            message,
        };
        if written.name.trim().is_empty() {
            return Err(invalid("name: must not be empty".into()));
        }
        let base = Base::read(path, &written.base).map_err(|e| match e {
            BaseError::Unreadable(m) => invalid(m),
            BaseError::Scenario(e) => e.into(),
        })?;
        let replications = options
            .replications
            .or(written.replications)
            .unwrap_or(base.scenario.replications);
        if replications == 0 || replications > MAX_REPLICATIONS {
            return Err(invalid(format!(
                "replications: must be from 1 to {MAX_REPLICATIONS}, got {replications}"
            )));
        }
        let seed = options.seed.or(written.seed).unwrap_or(base.scenario.seed);
        // The size first, so a huge grid is refused before its values are checked one by one.
        check_size(&written.axes, options.force).map_err(invalid)?;
        let axes = axes(&file, &base.tree, &written.axes)?;
        let grid =
            Grid::new(axes).ok_or_else(|| invalid("the grid has more than 2^64 points".into()))?;
        let fingerprint = StableHash::new()
            .str("salesim sweep 1")
            .str(&text)
            .str(&base.text)
            .u64(seed)
            .u64(replications)
            .finish();
        Ok(Sweep {
            name: written.name,
            file,
            seed,
            replications: replications as u32,
            fingerprint,
            base_file: base.file,
            base: base.tree,
            grid,
        })
    }

    /// The grid.
    pub fn grid(&self) -> &Grid {
        &self.grid
    }

    /// The number of grid points.
    pub fn points(&self) -> u64 {
        self.grid.len()
    }

    /// The seed of point `index`.
    pub fn point_seed(&self, index: u64) -> u64 {
        self.grid.point_seed(self.seed, index)
    }

    /// `path = value, …` for point `index`, for messages.
    pub fn describe(&self, index: u64) -> String {
        let values = self.grid.coordinates(index);
        let pairs: Vec<String> = self
            .grid
            .axes()
            .iter()
            .zip(values)
            .map(|(a, v)| format!("{} = {v}", a.path))
            .collect();
        pairs.join(", ")
    }

    /// The scenario of point `index`: the base with every axis value set. A team entry whose
    /// count an axis sets to 0 is left out (a team without that role).
    ///
    /// # Errors
    /// [`SweepError::Invalid`] if the values do not fit the schema (checked at load, so only
    /// for a base that changed shape).
    pub fn scenario_at(&self, index: u64) -> Result<Scenario, SweepError> {
        let mut tree = self.base.clone();
        let mut dropped = Vec::new();
        for (axis, value) in self.grid.axes().iter().zip(self.grid.coordinates(index)) {
            axis.field.set(&mut tree, value.to_json());
            if let (Some(i), AxisValue::Count(0)) = (axis.field.team_count_entry(), value) {
                dropped.push(i);
            }
        }
        dropped.sort_unstable();
        dropped.dedup();
        if let Some(team) = tree.get_mut("team").and_then(Value::as_array_mut) {
            for i in dropped.into_iter().rev() {
                if i < team.len() {
                    team.remove(i);
                }
            }
        }
        serde_json::from_value(tree).map_err(|e| SweepError::Invalid {
            file: self.file.clone(),
            message: format!("point {index} ({}): {e}", self.describe(index)),
        })
    }

    /// The validated model configuration of point `index`.
    ///
    /// # Errors
    /// [`SweepError::Point`] with the validation errors of the point's scenario.
    pub fn config_at(&self, index: u64) -> Result<Config, SweepError> {
        let s = self.scenario_at(index)?;
        scenario::validate(&s, &self.base_file).map_err(|source| SweepError::Point {
            file: self.file.clone(),
            index,
            coordinates: self.describe(index),
            source: Box::new(source),
        })
    }

    /// Checks every point's scenario, in parallel; reports the lowest invalid point.
    ///
    /// # Errors
    /// As [`Sweep::config_at`].
    pub fn check_points(&self) -> Result<(), SweepError> {
        match (0..self.points())
            .into_par_iter()
            .find_map_first(|i| self.config_at(i).err())
        {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

/// The base scenario: its file name, text, parsed and validated form, and value tree.
struct Base {
    file: String,
    text: String,
    scenario: Scenario,
    tree: Value,
}

/// Why the base could not be used.
enum BaseError {
    /// Unreadable (the message names the path as written in the sweep file).
    Unreadable(String),
    /// Malformed or invalid (the error names the base file).
    Scenario(ScenarioError),
}

impl Base {
    /// Reads `base`, relative to the sweep file at `sweep`, and checks it as a scenario.
    fn read(sweep: &Path, base: &str) -> Result<Base, BaseError> {
        let path = sweep.parent().unwrap_or(Path::new("")).join(base);
        let file = path.display().to_string();
        let text = file::read_text(&path)
            .map_err(|e| BaseError::Unreadable(format!("base \"{base}\" cannot be read: {e}")))?;
        let scenario = scenario::parse_str(&text, &file).map_err(BaseError::Scenario)?;
        scenario::validate(&scenario, &file).map_err(BaseError::Scenario)?;
        let tree = serde_json::to_value(&scenario)
            .map_err(|e| BaseError::Unreadable(format!("base \"{base}\": {e}")))?;
        Ok(Base {
            file,
            text,
            scenario,
            tree,
        })
    }
}

/// Refuses a grid of more than [`MAX_POINTS`] points unless `force`.
fn check_size(axes: &[(String, Vec<Literal>)], force: bool) -> Result<(), String> {
    let sizes: Vec<u64> = axes.iter().map(|a| a.1.len() as u64).collect();
    let size = sizes.iter().try_fold(1u64, |n, &k| n.checked_mul(k));
    if force || size.is_some_and(|n| n <= MAX_POINTS) {
        return Ok(());
    }
    let sizes: Vec<String> = sizes.iter().map(u64::to_string).collect();
    Err(format!(
        "the grid has {} points ({}); more than {MAX_POINTS} need --force",
        size.map_or("more than 2^64".to_string(), |n| n.to_string()),
        sizes.join(" × ")
    ))
}

/// Resolves and types every axis.
fn axes(
    file: &str,
    tree: &Value,
    written: &[(String, Vec<Literal>)],
) -> Result<Vec<Axis>, SweepError> {
    if written.is_empty() {
        return Err(SweepError::Invalid {
            file: file.to_string(),
            message: "axes: must list at least one axis, e.g. [(\"inbound.leads_per_week\", [20, 40, 80])]".into(),
        });
    }
    let mut out: Vec<Axis> = Vec::new();
    for (path, literals) in written {
        let fail = |message: String| SweepError::Axis {
            file: file.to_string(),
            axis: path.clone(),
            message,
        };
        if literals.is_empty() {
            return Err(fail(
                "has no values; list at least one, e.g. [1, 2, 3]".into(),
            ));
        }
        let field = FieldPath::resolve(tree, path).map_err(fail)?;
        if let Some(other) = out
            .iter()
            .find(|a| a.field.canonical() == field.canonical())
        {
            return Err(fail(format!(
                "sets the same field as axis `{}`",
                other.path
            )));
        }
        let mut values = Vec::with_capacity(literals.len());
        for lit in literals {
            let v = typed(lit, field.kind()).map_err(fail)?;
            if values.contains(&v) {
                return Err(fail(format!("lists the value {v} twice")));
            }
            read_back(tree, &field, v).map_err(fail)?;
            values.push(v);
        }
        out.push(Axis {
            path: path.clone(),
            field,
            values,
        });
    }
    Ok(out)
}

/// A literal as a value of a field of kind `kind`.
fn typed(lit: &Literal, kind: FieldKind) -> Result<AxisValue, String> {
    match (lit, kind) {
        (Literal::Other(what), _) => Err(format!("{what} is not a number; values must be numbers")),
        (Literal::Float(x), _) if !x.is_finite() => Err(format!("{lit} is not a finite number")),
        (Literal::Int(n), FieldKind::Count | FieldKind::Unset) if *n >= 0 => u64::try_from(*n)
            .map(AxisValue::Count)
            .map_err(|_| format!("{n} is too large")),
        (Literal::Int(n), FieldKind::Count) => Err(format!(
            "{n} is negative; this field is a count (0, 1, 2, …)"
        )),
        (Literal::Float(x), FieldKind::Count)
            if x.fract() == 0.0 && *x >= 0.0 && *x < 2f64.powi(64) =>
        {
            Ok(AxisValue::Count(*x as u64))
        }
        (Literal::Float(_), FieldKind::Count) => Err(format!(
            "{lit} is not a whole number; this field is a count (0, 1, 2, …)"
        )),
        (Literal::Int(n), _) => Ok(AxisValue::Real(*n as f64)),
        (Literal::Float(x), _) => Ok(AxisValue::Real(*x)),
    }
}

/// Checks that `value` set on `field` reads back into the schema (the type of a field the
/// base leaves unset is only known then).
fn read_back(tree: &Value, field: &FieldPath, value: AxisValue) -> Result<(), String> {
    let mut t = tree.clone();
    field.set(&mut t, value.to_json());
    serde_json::from_value::<Scenario>(t)
        .map(|_| ())
        .map_err(|e| format!("value {value} does not fit this field: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = r#"Scenario(name: "b", seed: 5, replications: 9, horizon_weeks: 10,
        team: [(role: Inbound, count: 1), (role: Scout, count: 2), (role: Closer, count: 3)])"#;

    fn load(axes: &str, options: &LoadOptions) -> Result<Sweep, SweepError> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sweeps")).unwrap();
        std::fs::write(dir.path().join("base.ron"), BASE).unwrap();
        let path = dir.path().join("sweeps/w.ron");
        let text = format!(r#"Sweep(base: "../base.ron", name: "w", axes: [{axes}])"#);
        std::fs::write(&path, text).unwrap();
        Sweep::load(&path, options)
    }

    #[test]
    fn points_set_their_values_and_a_zero_count_drops_the_entry() {
        let axes = r#"("team.Scout.count", [0, 4]), ("inbound.leads_per_week", [10, 20.5])"#;
        let w = load(axes, &LoadOptions::default()).unwrap();
        assert_eq!((w.points(), w.seed, w.replications), (4, 5, 9));
        let s = w.scenario_at(1).unwrap();
        assert_eq!(s.team.len(), 2, "no scouts: the entry is left out");
        assert_eq!(s.inbound.leads_per_week, 20.5);
        let s = w.scenario_at(2).unwrap();
        assert_eq!((s.team[1].count, s.inbound.leads_per_week), (4, 10.0));
        assert_eq!(
            w.describe(2),
            "team.Scout.count = 4, inbound.leads_per_week = 10"
        );
        w.check_points().unwrap();
    }

    #[test]
    fn options_override_the_file_and_change_the_fingerprint() {
        let axes = r#"("horizon_weeks", [8, 12])"#;
        let a = load(axes, &LoadOptions::default()).unwrap();
        let options = LoadOptions {
            seed: Some(6),
            replications: Some(3),
            force: false,
        };
        let b = load(axes, &options).unwrap();
        assert_eq!((b.seed, b.replications), (6, 3));
        assert_ne!(a.fingerprint, b.fingerprint);
        assert_ne!(a.point_seed(0), b.point_seed(0));
        assert_eq!(
            a.fingerprint,
            load(axes, &LoadOptions::default()).unwrap().fingerprint
        );
    }

    #[test]
    fn base_resolves_next_to_the_sweep_file_and_a_missing_one_is_named() {
        // `load` puts the sweep in `sweeps/` and the base one level up, while the tests run
        // from the crate root: the base is found only relative to the sweep file.
        assert!(load(r#"("horizon_weeks", [8])"#, &LoadOptions::default()).is_ok());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.ron");
        std::fs::write(
            &path,
            r#"Sweep(base: "gone/base.ron", name: "w", axes: [("seed", [1])])"#,
        )
        .unwrap();
        let msg = Sweep::load(&path, &LoadOptions::default())
            .unwrap_err()
            .to_string();
        let resolved = dir.path().join("gone/base.ron").display().to_string();
        assert!(msg.contains(&resolved), "{msg}");
    }

    #[test]
    fn an_invalid_combination_names_the_point_and_the_field() {
        let axes = r#"("horizon_weeks", [8, 3]), ("warmup_weeks", [2, 4])"#;
        let e = load(axes, &LoadOptions::default())
            .unwrap()
            .check_points()
            .unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("point 3 (horizon_weeks = 3, warmup_weeks = 4)"),
            "{msg}"
        );
        assert!(
            msg.contains("warmup_weeks must be less than horizon_weeks"),
            "{msg}"
        );
        assert!(e.is_bad_input());
    }
}
