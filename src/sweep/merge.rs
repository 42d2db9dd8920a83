//! Joining the output directories of a sweep's shards into the output of one whole run.
//!
//! Merge reads each directory's `sweep.json` and `journal.csv` (the durable record, so a
//! shard whose `points.csv` was never written still counts for what it finished). It refuses
//! directories of different sweeps and a union that misses any grid point, and writes
//! `points.csv`, `journal.csv` and `sweep.json` (shard `0/1`) into the output directory: the
//! same `points.csv`, byte for byte, as one machine running the whole grid, and a directory
//! that can itself be merged or resumed again.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::error::SweepError;
use super::journal::{Entry, Journal, read_row};
use super::manifest::Manifest;
use super::run::{JOURNAL, POINTS};
use super::shard::Shard;
use super::table::Rows;

/// What a merge did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeReport {
    /// The sweep's name.
    pub sweep: String,
    /// Points written.
    pub points: u64,
    /// The `points.csv` written.
    pub points_csv: PathBuf,
}

/// Merges the sweep outputs in `dirs` into `out`.
///
/// # Errors
/// [`SweepError::Mismatch`] if the directories hold different sweeps (or `out` holds another
/// sweep, or is one of `dirs`), [`SweepError::Missing`] if points are missing, journal errors,
/// [`SweepError::Io`].
pub fn merge(dirs: &[PathBuf], out: &Path) -> Result<MergeReport, SweepError> {
    let Inputs {
        manifest,
        header,
        mut rows,
        shards,
    } = Inputs::read(dirs)?;
    dedup(&mut rows)?;
    check_complete(&rows, &manifest, &shards)?;
    check_out(out, dirs, &manifest)?;
    std::fs::create_dir_all(out).map_err(SweepError::io(out))?;
    let whole = Manifest {
        shard: Shard::WHOLE,
        ..manifest.clone()
    };
    whole.write(out)?;
    let points_csv = out.join(POINTS);
    rows.write(&header, &points_csv, Some(&out.join(JOURNAL)))?;
    Ok(MergeReport {
        sweep: manifest.sweep,
        points: manifest.points,
        points_csv,
    })
}

/// The shard directories' manifests and journals, checked to belong together.
struct Inputs {
    /// The first directory's manifest (all agree with it).
    manifest: Manifest,
    /// The journals' common header.
    header: String,
    /// Every journaled point.
    rows: Rows,
    /// The shard each directory holds.
    shards: Vec<Shard>,
}

impl Inputs {
    fn read(dirs: &[PathBuf]) -> Result<Inputs, SweepError> {
        let Some(first) = dirs.first() else {
            return Err(SweepError::Missing {
                message: "merge needs at least one shard directory".into(),
            });
        };
        let manifest = manifest_of(first)?;
        let (mut rows, mut header, mut shards) = (Rows::default(), None, Vec::new());
        for dir in dirs {
            let m = manifest_of(dir)?;
            manifest.check_same_sweep(&m, dir)?;
            let path = dir.join(JOURNAL);
            let (h, entries) = Journal::read(&path, &|i| i < m.points && m.shard.contains(i))?;
            if m.points != manifest.points || header.as_ref().is_some_and(|h0| *h0 != h) {
                return Err(SweepError::Mismatch {
                    dir: dir.clone(),
                    message: format!("has another grid than {}", first.display()),
                });
            }
            header = Some(h);
            shards.push(m.shard);
            let src = rows.sources.len();
            rows.sources.push(path);
            rows.entries.extend(entries.into_iter().map(|e| (src, e)));
        }
        let header = header.unwrap_or_default();
        Ok(Inputs {
            manifest,
            header,
            rows,
            shards,
        })
    }
}

/// The manifest of `dir`, which must exist.
fn manifest_of(dir: &Path) -> Result<Manifest, SweepError> {
    Manifest::read(dir)?.ok_or_else(|| SweepError::Mismatch {
        dir: dir.to_path_buf(),
        message: "is not a sweep output directory (it has no sweep.json)".into(),
    })
}

/// Drops points given twice (a shard merged with a whole run, say) if their rows agree.
fn dedup(rows: &mut Rows) -> Result<(), SweepError> {
    rows.entries.sort_by_key(|(src, e)| (e.index, *src));
    let mut files = Vec::new();
    for p in &rows.sources {
        files.push(std::fs::File::open(p).map_err(SweepError::io(p))?);
    }
    let mut keep: Vec<(usize, Entry)> = Vec::with_capacity(rows.entries.len());
    for &(src, e) in &rows.entries {
        match keep.last() {
            Some(&(s0, e0)) if e0.index == e.index => {
                let a = read_row(&mut files[s0], &rows.sources[s0], e0)?;
                let b = read_row(&mut files[src], &rows.sources[src], e)?;
                if a != b {
                    return Err(SweepError::Mismatch {
                        dir: rows.sources[src].clone(),
                        message: format!(
                            "point {} differs from the same point in {}",
                            e.index,
                            rows.sources[s0].display()
                        ),
                    });
                }
            }
            _ => keep.push((src, e)),
        }
    }
    rows.entries = keep;
    Ok(())
}

/// Up to `max` indices below `points` that no entry has; `entries` sorted by index, distinct.
fn missing(entries: &[(usize, Entry)], points: u64, max: usize) -> Vec<u64> {
    let mut have = entries.iter().map(|(_, e)| e.index).peekable();
    (0..points)
        .filter(|i| {
            while have.next_if(|h| h < i).is_some() {}
            have.next_if_eq(i).is_none()
        })
        .take(max)
        .collect()
}

/// Refuses a union of shards that misses points, naming them and the likely cause.
fn check_complete(rows: &Rows, m: &Manifest, shards: &[Shard]) -> Result<(), SweepError> {
    let have = rows.entries.len() as u64;
    if have == m.points {
        return Ok(());
    }
    let list: Vec<String> = missing(&rows.entries, m.points, 10)
        .iter()
        .map(u64::to_string)
        .collect();
    let mut message = format!(
        "sweep \"{}\": {} of {} points are missing (e.g. point {})",
        m.sweep,
        m.points.saturating_sub(have),
        m.points,
        list.join(", ")
    );
    let counts: BTreeSet<u64> = shards.iter().map(|s| s.count).collect();
    if let [n] = counts.into_iter().collect::<Vec<_>>()[..] {
        let given: BTreeSet<u64> = shards.iter().map(|s| s.index).collect();
        let absent: Vec<String> = (0..n)
            .filter(|i| !given.contains(i))
            .map(|i| format!("{i}/{n}"))
            .collect();
        if !absent.is_empty() {
            message.push_str(&format!("; shards not given: {}", absent.join(", ")));
        }
    }
    message
        .push_str("; a shard that did not finish can be completed with `salesim sweep --resume`");
    Err(SweepError::Missing { message })
}

/// Refuses an output directory that is one of the inputs or holds another sweep.
fn check_out(out: &Path, dirs: &[PathBuf], m: &Manifest) -> Result<(), SweepError> {
    let canon = |p: &Path| std::fs::canonicalize(p).ok();
    if let Some(o) = canon(out) {
        if dirs
            .iter()
            .any(|d| canon(d).as_deref() == Some(o.as_path()))
        {
            return Err(SweepError::Mismatch {
                dir: out.to_path_buf(),
                message: "--out must be a new directory, not one of the shard directories".into(),
            });
        }
    }
    if let Some(found) = Manifest::read(out)? {
        m.check_same_sweep(&found, out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_lists_the_gaps_in_order() {
        let e = |index| {
            (
                0,
                Entry {
                    index,
                    offset: 0,
                    len: 0,
                },
            )
        };
        let entries = [e(0), e(2), e(3), e(6)];
        assert_eq!(missing(&entries, 9, 10), [1, 4, 5, 7, 8]);
        assert_eq!(missing(&entries, 9, 2), [1, 4]);
        assert_eq!(missing(&[], 3, 10), [0, 1, 2]);
    }
}
