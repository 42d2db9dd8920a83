//! The grid: axes, their product, and each point's coordinates and seed.
//!
//! Points are numbered in row-major order over the axes as written, the last axis fastest:
//! with axes `[a0, a1] × [b0, b1, b2]`, point 0 is `(a0, b0)`, point 1 `(a0, b1)`, point 3
//! `(a1, b0)`. A point's seed is a hash of the sweep seed and its coordinates, the pairs
//! (canonical path, value) sorted by path, so it does not depend on the point's number, on the
//! order of the axes, on which shard runs it or when.

use serde_json::Value;

use super::hash::StableHash;
use super::path::FieldPath;

/// One value of an axis, typed by the field it sets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AxisValue {
    /// A whole number (for a count, or an unset optional field written without a point).
    Count(u64),
    /// A real number.
    Real(f64),
}

impl AxisValue {
    /// The value for the scenario's value tree.
    pub fn to_json(self) -> Value {
        match self {
            AxisValue::Count(n) => Value::from(n),
            AxisValue::Real(x) => Value::from(x),
        }
    }

    /// The value as a number, for hashing: `2` and `2.0` are the same point; `-0.0` is `0.0`.
    fn key(self) -> u64 {
        let x = match self {
            AxisValue::Count(n) => n as f64,
            AxisValue::Real(x) => x,
        };
        if x == 0.0 { 0 } else { x.to_bits() }
    }
}

impl std::fmt::Display for AxisValue {
    /// The shortest text that reads back as the same number (`2`, `0.25`, `40`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AxisValue::Count(n) => write!(f, "{n}"),
            AxisValue::Real(x) => write!(f, "{x}"),
        }
    }
}

/// One axis: a field and the values it takes, in the order written.
#[derive(Debug, Clone)]
pub struct Axis {
    /// The path as written in the sweep file (the column name in `points.csv`).
    pub path: String,
    /// Where the path leads in the base scenario.
    pub field: FieldPath,
    /// The values, non-empty and distinct.
    pub values: Vec<AxisValue>,
}

/// The product of the axes.
#[derive(Debug, Clone)]
pub struct Grid {
    axes: Vec<Axis>,
    points: u64,
}

impl Grid {
    /// The grid of `axes`, or `None` if its size overflows `u64`.
    pub fn new(axes: Vec<Axis>) -> Option<Grid> {
        let points = axes
            .iter()
            .try_fold(1u64, |n, a| n.checked_mul(a.values.len() as u64))?;
        Some(Grid { axes, points })
    }

    /// The axes in the order written.
    pub fn axes(&self) -> &[Axis] {
        &self.axes
    }

    /// The number of points.
    pub fn len(&self) -> u64 {
        self.points
    }

    /// Whether the grid has no point (never, for a grid of non-empty axes).
    pub fn is_empty(&self) -> bool {
        self.points == 0
    }

    /// The values of point `index` (`< len()`), one per axis.
    pub fn coordinates(&self, index: u64) -> Vec<AxisValue> {
        debug_assert!(index < self.points, "point {index} outside the grid");
        let mut rest = index;
        let mut out = vec![AxisValue::Count(0); self.axes.len()];
        for (slot, axis) in out.iter_mut().zip(&self.axes).rev() {
            let n = axis.values.len() as u64;
            *slot = axis.values[(rest % n) as usize];
            rest /= n;
        }
        out
    }

    /// The seed of point `index`: the sweep seed mixed with the point's (path, value) pairs.
    pub fn point_seed(&self, sweep_seed: u64, index: u64) -> u64 {
        let values = self.coordinates(index);
        let mut pairs: Vec<(String, u64)> = self
            .axes
            .iter()
            .zip(values)
            .map(|(a, v)| (a.field.canonical(), v.key()))
            .collect();
        pairs.sort();
        let mut h = StableHash::new().u64(sweep_seed);
        for (path, key) in &pairs {
            h = h.str(path).u64(*key);
        }
        h.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn axis(root: &Value, path: &str, values: &[AxisValue]) -> Axis {
        Axis {
            path: path.into(),
            field: FieldPath::resolve(root, path).unwrap(),
            values: values.to_vec(),
        }
    }

    fn root() -> Value {
        let text =
            r#"Scenario(name: "t", team: [(role: Scout, count: 1), (role: Closer, count: 2)])"#;
        serde_json::to_value(crate::scenario::parse_str(text, "t.ron").unwrap()).unwrap()
    }

    fn grid(swap: bool) -> Grid {
        use AxisValue::*;
        let r = root();
        let a = axis(&r, "team.Scout.count", &[Count(0), Count(1)]);
        let b = axis(
            &r,
            "inbound.leads_per_week",
            &[Real(20.0), Real(40.0), Real(80.0)],
        );
        Grid::new(if swap { vec![b, a] } else { vec![a, b] }).unwrap()
    }

    #[test]
    fn points_are_row_major_with_the_last_axis_fastest() {
        use AxisValue::*;
        let g = grid(false);
        assert_eq!(g.len(), 6);
        assert_eq!(g.coordinates(0), vec![Count(0), Real(20.0)]);
        assert_eq!(g.coordinates(1), vec![Count(0), Real(40.0)]);
        assert_eq!(g.coordinates(3), vec![Count(1), Real(20.0)]);
        assert_eq!(g.coordinates(5), vec![Count(1), Real(80.0)]);
    }

    #[test]
    fn seeds_follow_the_values_not_the_index_or_axis_order() {
        let (g, swapped) = (grid(false), grid(true));
        // Point 1 is (Scout 0, 40 leads); in the swapped grid that is point 2.
        assert_eq!(g.point_seed(7, 1), swapped.point_seed(7, 2));
        let seeds: std::collections::BTreeSet<u64> = (0..6).map(|i| g.point_seed(7, i)).collect();
        assert_eq!(seeds.len(), 6, "distinct points get distinct seeds");
        assert_ne!(
            g.point_seed(7, 1),
            g.point_seed(8, 1),
            "the sweep seed matters"
        );
        // Pinned: a change here changes every published sweep's numbers.
        assert_eq!(g.point_seed(42, 0), 0x8db9_aa16_a300_6ab1);
    }

    #[test]
    fn equal_numbers_written_differently_are_the_same_point() {
        assert_eq!(AxisValue::Count(2).key(), AxisValue::Real(2.0).key());
        assert_eq!(AxisValue::Real(-0.0).key(), AxisValue::Real(0.0).key());
        assert_eq!(AxisValue::Real(0.25).to_string(), "0.25");
        assert_eq!(AxisValue::Real(40.0).to_string(), "40");
    }

    #[test]
    fn an_overflowing_grid_is_refused() {
        let r = root();
        let values: Vec<AxisValue> = (0..65536).map(AxisValue::Count).collect();
        let axes = (0..4).map(|_| axis(&r, "horizon_weeks", &values)).collect();
        assert!(Grid::new(axes).is_none());
    }
}
