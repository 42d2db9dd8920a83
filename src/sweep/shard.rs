//! Shards: splitting a grid over machines. Shard `I/N` runs the points whose index is
//! congruent to `I` modulo `N`, so every shard gets a similar mix of the grid (neighbouring
//! points, which often cost about the same, go to different shards).
//!
//! The shard comes from, in this order: `--shard I/N`; `JOB_COMPLETION_INDEX` with
//! `--shards N` (Kubernetes indexed jobs); `SLURM_ARRAY_TASK_ID` and `SLURM_ARRAY_TASK_COUNT`
//! (Slurm job arrays, where `I` is counted from `SLURM_ARRAY_TASK_MIN`, so `--array=1-4` works
//! like `--array=0-3`); otherwise the whole grid (`0/1`).

use serde::{Deserialize, Serialize};

use super::error::SweepError;

/// One shard of `count`, numbered from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    /// This shard, `0..count`.
    pub index: u64,
    /// How many shards there are, at least 1.
    pub count: u64,
}

/// Where a shard came from, for the message at start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShardSource {
    /// No flag and no environment: the whole grid.
    Whole,
    /// `--shard I/N`.
    Flag,
    /// `JOB_COMPLETION_INDEX` and `--shards N`.
    Kubernetes,
    /// `SLURM_ARRAY_TASK_ID` and `SLURM_ARRAY_TASK_COUNT`.
    Slurm,
}

impl Shard {
    /// The whole grid as one shard.
    pub const WHOLE: Shard = Shard { index: 0, count: 1 };

    /// A shard, checked.
    ///
    /// # Errors
    /// [`SweepError::Shard`] unless `count ≥ 1` and `index < count`.
    pub fn new(index: u64, count: u64, what: &str) -> Result<Shard, SweepError> {
        if count == 0 || index >= count {
            return Err(SweepError::Shard(format!(
                "{what}: the shard must be I/N with N ≥ 1 and 0 ≤ I < N, got {index}/{count}"
            )));
        }
        Ok(Shard { index, count })
    }

    /// Parses `I/N`, as in `--shard 2/8`.
    ///
    /// # Errors
    /// [`SweepError::Shard`] naming the flag.
    pub fn parse(text: &str) -> Result<Shard, SweepError> {
        let bad = || {
            SweepError::Shard(format!(
                "--shard: expected I/N such as 0/4 (shard I of N, from 0), got {text:?}"
            ))
        };
        let (i, n) = text.split_once('/').ok_or_else(bad)?;
        let i = i.trim().parse().map_err(|_| bad())?;
        let n = n.trim().parse().map_err(|_| bad())?;
        Shard::new(i, n, "--shard")
    }

    /// The shard from the flags and the environment (`env` looks a variable up), by the rules
    /// in the module documentation.
    ///
    /// # Errors
    /// [`SweepError::Shard`] for malformed or inconsistent values, naming the variable.
    pub fn resolve(
        flag: Option<&str>,
        shards: Option<u64>,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<(Shard, ShardSource), SweepError> {
        if let Some(text) = flag {
            if shards.is_some() {
                let msg = "--shard and --shards: give one, not both";
                return Err(SweepError::Shard(msg.into()));
            }
            return Ok((Shard::parse(text)?, ShardSource::Flag));
        }
        if let Some(n) = shards {
            let i = number(env, "JOB_COMPLETION_INDEX")?.ok_or_else(|| {
                SweepError::Shard(
                    "--shards N needs JOB_COMPLETION_INDEX (set by Kubernetes indexed jobs); \
                     elsewhere use --shard I/N"
                        .into(),
                )
            })?;
            let what = "JOB_COMPLETION_INDEX with --shards";
            return Ok((Shard::new(i, n, what)?, ShardSource::Kubernetes));
        }
        let Some(id) = number(env, "SLURM_ARRAY_TASK_ID")? else {
            return Ok((Shard::WHOLE, ShardSource::Whole));
        };
        let count = number(env, "SLURM_ARRAY_TASK_COUNT")?.ok_or_else(|| {
            SweepError::Shard("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not".into())
        })?;
        let min = number(env, "SLURM_ARRAY_TASK_MIN")?.unwrap_or(0);
        let what = "SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN of SLURM_ARRAY_TASK_COUNT \
                    (use a contiguous --array such as 0-3)";
        let index = id.checked_sub(min).unwrap_or(u64::MAX);
        Ok((Shard::new(index, count, what)?, ShardSource::Slurm))
    }

    /// Whether point `index` belongs to this shard.
    pub fn contains(self, index: u64) -> bool {
        index % self.count == self.index
    }

    /// The points of a grid of `points` in this shard, ascending.
    pub fn indices(self, points: u64) -> impl Iterator<Item = u64> {
        (self.index..points).step_by(self.count.try_into().unwrap_or(usize::MAX))
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// An environment variable as a whole number, if set.
fn number(env: &dyn Fn(&str) -> Option<String>, name: &str) -> Result<Option<u64>, SweepError> {
    match env(name) {
        None => Ok(None),
        Some(v) => {
            v.trim().parse().map(Some).map_err(|_| {
                SweepError::Shard(format!("{name}: expected a whole number, got {v:?}"))
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn flag_kubernetes_slurm_and_whole_in_that_order() {
        let slurm = [
            ("SLURM_ARRAY_TASK_ID", "3"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
        ];
        let (s, src) = Shard::resolve(Some("1/3"), None, &env(&slurm)).unwrap();
        assert_eq!((s, src), (Shard { index: 1, count: 3 }, ShardSource::Flag));
        let k8s = [("JOB_COMPLETION_INDEX", "2")];
        let (s, src) = Shard::resolve(None, Some(5), &env(&k8s)).unwrap();
        assert_eq!(
            (s, src),
            (Shard { index: 2, count: 5 }, ShardSource::Kubernetes)
        );
        let (s, src) = Shard::resolve(None, None, &env(&slurm)).unwrap();
        assert_eq!((s, src), (Shard { index: 3, count: 4 }, ShardSource::Slurm));
        let from_one = [
            ("SLURM_ARRAY_TASK_ID", "1"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
            ("SLURM_ARRAY_TASK_MIN", "1"),
        ];
        assert_eq!(
            Shard::resolve(None, None, &env(&from_one)).unwrap().0.index,
            0
        );
        let (s, src) = Shard::resolve(None, None, &env(&[])).unwrap();
        assert_eq!((s, src), (Shard::WHOLE, ShardSource::Whole));
    }

    #[test]
    fn bad_shards_are_refused_by_name() {
        for (flag, shards, vars, needle) in [
            (Some("3/3"), None, vec![], "0 ≤ I < N"),
            (Some("1-3"), None, vec![], "expected I/N"),
            (Some("0/0"), None, vec![], "N ≥ 1"),
            (None, Some(3), vec![], "JOB_COMPLETION_INDEX"),
            (
                None,
                None,
                vec![("SLURM_ARRAY_TASK_ID", "x")],
                "SLURM_ARRAY_TASK_ID",
            ),
            (
                None,
                None,
                vec![("SLURM_ARRAY_TASK_ID", "1")],
                "SLURM_ARRAY_TASK_COUNT",
            ),
            (
                None,
                None,
                vec![
                    ("SLURM_ARRAY_TASK_ID", "6"),
                    ("SLURM_ARRAY_TASK_COUNT", "4"),
                ],
                "contiguous",
            ),
        ] {
            let e = Shard::resolve(flag, shards, &env(&vars))
                .unwrap_err()
                .to_string();
            assert!(e.contains(needle), "{e}");
        }
    }

    #[test]
    fn shards_partition_the_grid() {
        let all: Vec<u64> = (0..3)
            .flat_map(|i| Shard { index: i, count: 3 }.indices(10))
            .collect();
        let mut sorted = all.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..10).collect::<Vec<_>>());
        assert!(Shard { index: 1, count: 3 }.contains(7));
        assert_eq!(Shard { index: 4, count: 5 }.indices(3).count(), 0);
    }
}
