//! Tabulated learning for lone prospectors (issue 6): the skill at each touch of a run of equal
//! touches, computed once per scenario instead of an `exp` per touch, and the work (and so the
//! time) any stretch of those touches takes, which the skip-ahead (`model::touch_skip`) needs.
//!
//! A scout whose touches all take the same base work `w` learns along a fixed sequence: from
//! experience `e_0`, its `k`-th touch is done at skill `curve.at(e_k)`, and then
//! `e_{k+1} = e_k + w / curve.at(e_k)`, the very float operations a touch performs (its
//! `work_hours` is added to the experience). Every scout of an entry who starts from `e_0`
//! follows the same sequence in every replication, so it can be read from a table.
//!
//! A lookup answers only when the person's experience is bit for bit the table's at the
//! person's position, so results are identical with or without the table: a fault (which
//! scales the skill and so the work), another starting experience or a touch beyond the table
//! falls back to `curve.at`. The exactness tests of inline touches (`TouchMode::Inline` against
//! `TouchMode::PerEvent`, which never reads a table) cover it.

use std::sync::{Arc, OnceLock};

use super::config::{Activity, Config, SkillCurve};
use crate::engine::Dist;

/// Most touches tabulated per starting point (8 MB of table at most); later touches compute
/// their skill.
const MAX_TOUCHES: usize = 1 << 19;

/// The skills along a run of equal touches from one starting experience.
#[derive(Debug)]
pub(crate) struct LevelTable {
    /// `experience[k]`: the experience before the `k`-th touch (`experience[0] = e_0`).
    experience: Vec<f64>,
    /// `level[k] = curve.at(experience[k])`.
    level: Vec<f64>,
    /// The largest entry of `level` (0 for an empty table).
    max_level: f64,
}

impl LevelTable {
    /// The table of `curve` for touches of base work `w` from experience `e0`, `len` touches long.
    pub(crate) fn build(curve: &SkillCurve, w: f64, e0: f64, len: usize) -> Self {
        let mut experience = Vec::with_capacity(len);
        let mut level = Vec::with_capacity(len);
        let mut e = e0;
        let mut max_level = 0.0f64;
        for _ in 0..len {
            let l = curve.at(e);
            experience.push(e);
            level.push(l);
            max_level = max_level.max(l);
            e += w / l;
        }
        LevelTable {
            experience,
            level,
            max_level,
        }
    }

    /// The experience before touch `k` (`k < len`).
    #[inline]
    pub(crate) fn experience_at(&self, k: usize) -> f64 {
        self.experience[k]
    }

    /// The skill of touch `k` (`k < len`).
    #[inline]
    pub(crate) fn level_at(&self, k: usize) -> f64 {
        self.level[k]
    }

    /// The highest skill in the table: a bound on every touch's skill.
    pub(crate) fn max_level(&self) -> f64 {
        self.max_level
    }

    /// The first touch from `k` on whose end lies `hours` or more of work after touch `k`'s
    /// start, i.e. the smallest `i ≥ k` with `experience[i + 1] − experience[k] ≥ hours`, if the
    /// table reaches that far.
    ///
    /// The answer is usually a few hundred touches on, in a table of tens of thousands: the
    /// search gallops from `k` (1, 2, 4, … touches on) before it bisects, so it reads a few
    /// nearby entries instead of hopping across the whole table.
    pub(crate) fn touch_reaching(&self, k: usize, hours: f64) -> Option<usize> {
        let e0 = *self.experience.get(k)?;
        let after = self.experience.get(k + 1..)?;
        let t = galloping_partition_point(after, |e| e - e0 < hours);
        (t < after.len()).then_some(k + t)
    }

    /// Whether [`Self::touch_reaching`] finds a touch: the table's last entry lies `hours` or
    /// more of work after touch `k`'s start, with at least one touch after `k`. O(1).
    pub(crate) fn reaches(&self, k: usize, hours: f64) -> bool {
        match (self.experience.get(k), self.experience.last()) {
            (Some(&e0), Some(&end)) => k + 1 < self.experience.len() && end - e0 >= hours,
            _ => false,
        }
    }

    /// The number of touches in the table.
    pub(crate) fn len(&self) -> usize {
        self.experience.len()
    }

    /// The position of experience `e` in the table, if it is one of its entries; `hint` is
    /// checked first (entries are distinct, so a match is the position).
    pub(crate) fn position(&self, e: f64, hint: u32) -> Option<u32> {
        if self.experience.get(hint as usize) == Some(&e) {
            return Some(hint);
        }
        let (first, last) = (self.experience.first()?, self.experience.last()?);
        if e < *first || e > *last {
            return None;
        }
        let i = self.experience.partition_point(|&x| x < e);
        (self.experience.get(i) == Some(&e)).then_some(i as u32)
    }

    /// The skill of a touch started with experience `e` by a person at position `k`, if the
    /// table holds it (`experience[k] == e`); then `k` moves to the next touch.
    #[inline]
    pub(crate) fn level(&self, k: &mut u32, e: f64) -> Option<f64> {
        let i = *k as usize;
        if self.experience.get(i) == Some(&e) {
            *k += 1;
            return Some(self.level[i]);
        }
        None
    }
}

/// `xs.partition_point(pred)` (the first index where `pred` is false; `pred` must be true
/// then false along `xs`), found by probing indices 0, 1, 3, 7, … until `pred` fails, then
/// bisecting the last gap: O(log i) reads near the start for an answer `i`.
fn galloping_partition_point(xs: &[f64], pred: impl Fn(f64) -> bool) -> usize {
    let mut lo = 0;
    let mut step = 1;
    let hi = loop {
        let probe = lo + step - 1;
        if probe >= xs.len() {
            break xs.len();
        }
        if !pred(xs[probe]) {
            break probe;
        }
        lo = probe + 1;
        step *= 2;
    };
    lo + xs[lo..hi].partition_point(|&x| pred(x))
}

/// The tables of one team entry: from the initial team's experience and from a new hire's.
#[derive(Debug)]
pub(crate) struct EntryTables {
    /// Starting at the entry's `initial_hours` (the initial team).
    pub(crate) initial: LevelTable,
    /// Starting at zero (back-fills).
    pub(crate) hired: LevelTable,
}

impl EntryTables {
    /// The table that holds experience `e`, and `e`'s position in it: where a person with
    /// that experience stands, if it is on either table.
    ///
    /// `hint` is where the person probably stands (`Person::table_hint`); the answer does not
    /// depend on it, only the time taken to find it.
    pub(crate) fn locate(&self, e: f64, hint: u32) -> Option<(&LevelTable, u32)> {
        [&self.initial, &self.hired]
            .into_iter()
            .find_map(|t| t.position(e, hint).map(|k| (t, k)))
    }
}

/// Learning tables of a [`Config`], built on first use and shared by all its replications
/// (derived data, not part of the scenario). Each entry's tables are used only while the
/// configuration still asks for the same tables ([`Self::get`] checks), so changing a field of
/// a `Config` after a run is safe.
#[derive(Clone, Default)]
pub(crate) struct LearningTables(OnceLock<Arc<Vec<SpecAndTables>>>);

/// One team entry's tables with the spec they were built from, or `None` if it has none.
type SpecAndTables = Option<(TableSpec, EntryTables)>;

impl std::fmt::Debug for LearningTables {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let built = self.0.get().map(|t| t.iter().flatten().count());
        write!(f, "LearningTables({built:?} built)")
    }
}

/// What an entry's tables are built from: equal specs give equal tables.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TableSpec {
    /// The entry's Prospect learning curve.
    curve: SkillCurve,
    /// Base work of every touch [working hours], > 0.
    work: f64,
    /// The initial team's experience on Prospect [working hours].
    initial: f64,
    /// Touches tabulated.
    len: usize,
}

impl TableSpec {
    /// The spec of `entry`'s tables under `config`, if its touches qualify: fixed touch work,
    /// and the entry does nothing but prospect. Without learning the skill is `full` at every
    /// touch: the table's curve is then flat (`start = full`), whose `at` is `full` exactly.
    fn of(config: &Config, entry: usize) -> Option<TableSpec> {
        let e = config.team.get(entry)?;
        let Dist::Fixed(work) = config.outbound.work_hours else {
            return None;
        };
        if e.role.activities != [Activity::Prospect] || work <= 0.0 {
            return None;
        }
        let mut curve = e.skill[Activity::Prospect.index()];
        if !config.work.learning {
            curve.start = curve.full;
        }
        // A touch lasts at least work / max(start, full) working hours: no one makes more
        // touches than that many fit in the horizon's working hours.
        let fastest = work / curve.start.max(curve.full);
        let hours = f64::from(config.horizon_weeks) * config.calendar.weekly_hours();
        let bound = hours / fastest + 2.0;
        let len = if bound.is_finite() && bound < MAX_TOUCHES as f64 {
            bound as usize
        } else {
            MAX_TOUCHES
        };
        Some(TableSpec {
            curve,
            work,
            initial: e.initial_hours,
            len,
        })
    }

    /// The tables this spec describes.
    fn build(&self) -> EntryTables {
        EntryTables {
            initial: LevelTable::build(&self.curve, self.work, self.initial, self.len),
            hired: LevelTable::build(&self.curve, self.work, 0.0, self.len),
        }
    }
}

impl LearningTables {
    /// The Prospect tables of team entry `entry` of `config` (which must be the `Config` that
    /// holds `self`), if its touches qualify and the configuration has not changed since they
    /// were built.
    pub(crate) fn get(&self, config: &Config, entry: usize) -> Option<&EntryTables> {
        let all = self.0.get_or_init(|| {
            let specs = (0..config.team.len()).map(|i| TableSpec::of(config, i));
            Arc::new(specs.map(|s| s.map(|s| (s, s.build()))).collect())
        });
        let (spec, tables) = all.get(entry)?.as_ref()?;
        (TableSpec::of(config, entry).as_ref() == Some(spec)).then_some(tables)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn galloping_partition_point_is_partition_point() {
        for n in 0..70 {
            let xs: Vec<f64> = (0..n).map(f64::from).collect();
            for cut in 0..=n + 1 {
                let pred = |x: f64| x < f64::from(cut);
                assert_eq!(
                    galloping_partition_point(&xs, pred),
                    xs.partition_point(|&x| pred(x)),
                    "n {n}, cut {cut}"
                );
            }
        }
    }
    use crate::model::testkit;

    #[test]
    fn only_lone_prospectors_with_fixed_touches_get_tables() {
        let c = testkit::specialists();
        let found: Vec<bool> = (0..4)
            .map(|i| c.learning_tables.get(&c, i).is_some())
            .collect();
        assert_eq!(found, [false, true, false, false], "the scouts only");
        let t = c.learning_tables.get(&c, 1).unwrap();
        assert_eq!(t.initial.position(1000.0, 0), Some(0));
        assert_eq!(t.hired.position(0.0, 7), Some(0));
        // 52 weeks of 40 working hours at 0.1 h a touch, at skill 1 at most.
        assert_eq!(t.initial.experience.len(), 20_802);

        let g = testkit::generalists(7);
        assert!(
            g.learning_tables.get(&g, 0).is_none(),
            "generalists do more than prospect"
        );
        let mut lognormal = testkit::specialists();
        lognormal.outbound.work_hours = Dist::lognormal(0.1, 0.05).unwrap();
        assert!(lognormal.learning_tables.get(&lognormal, 1).is_none());
        let mut flat = testkit::specialists();
        flat.work.learning = false;
        let t = flat.learning_tables.get(&flat, 1).expect("a flat table");
        let full = flat.team[1].skill[Activity::Prospect.index()].full;
        assert_eq!(t.initial.level_at(0), full);
        assert_eq!(t.hired.level_at(5000), full);
        assert_eq!(t.hired.max_level(), full);
    }

    #[test]
    fn tables_are_not_read_once_the_config_they_came_from_changed() {
        let mut c = testkit::specialists();
        assert!(c.learning_tables.get(&c, 1).is_some());
        c.team[1].skill[Activity::Prospect.index()].learn_hours = 10.0;
        assert!(c.learning_tables.get(&c, 1).is_none(), "another curve");
        let mut d = testkit::specialists();
        assert!(d.learning_tables.get(&d, 1).is_some());
        d.outbound.work_hours = Dist::fixed(0.2).unwrap();
        assert!(
            d.learning_tables.get(&d, 1).is_none(),
            "another touch length"
        );
    }

    #[test]
    fn a_table_holds_the_skills_a_run_of_touches_computes() {
        let curve = SkillCurve {
            start: 0.6,
            full: 1.0,
            learn_hours: 150.0,
        };
        let t = LevelTable::build(&curve, 0.1, 1000.0 / 1.0, 5000);
        let (mut e, mut k) = (1000.0, 0u32);
        for _ in 0..5000 {
            let level = t.level(&mut k, e).expect("in the table");
            assert_eq!(level.to_bits(), curve.at(e).to_bits());
            e += 0.1 / level;
        }
        assert_eq!(k, 5000);
        assert_eq!(t.level(&mut k, e), None, "beyond the table");
        // Touch 10 of a run from touch 3 ends 8 touches' work after touch 3 starts.
        let eight = t.experience_at(11) - t.experience_at(3);
        assert_eq!(t.touch_reaching(3, eight), Some(10));
        assert_eq!(t.touch_reaching(3, eight - 1e-9), Some(10));
        assert_eq!(t.touch_reaching(3, eight + 1e-9), Some(11));
        assert_eq!(
            t.touch_reaching(3, 0.0),
            Some(3),
            "the first touch is always in hand"
        );
        assert_eq!(t.touch_reaching(3, 1e9), None, "beyond the table");
        assert!(t.max_level() < 1.0 && t.max_level() == t.level_at(4999));
        for hint in [0, 1233, 1234, 1235, u32::MAX] {
            assert_eq!(t.position(t.experience[1234], hint), Some(1234));
            assert_eq!(t.position(1000.0 + 1e-9, hint), None);
            assert_eq!(t.position(-1.0, hint), None);
            assert_eq!(t.position(1e12, hint), None);
        }
        // The galloping search finds what a bisection of the whole slice finds.
        for k in [0, 1, 2, 3, 100, 4990, 4998] {
            for hours in [0.0, 0.05, 0.1, 0.3, 1.0, 7.7, 40.0, 123.4, 480.0, 1e9] {
                let e0 = t.experience_at(k);
                let after = &t.experience[k + 1..];
                let want = after.partition_point(|&e| e - e0 < hours);
                let got = t.touch_reaching(k, hours);
                assert_eq!(
                    got,
                    (want < after.len()).then_some(k + want),
                    "{k}, {hours}"
                );
            }
        }
        let mut k = 7;
        assert_eq!(
            t.level(&mut k, 999.0),
            None,
            "another experience is not read"
        );
        assert_eq!(k, 7);
    }
}
