//! `sweep.json`: what an output directory holds, so that `--resume` and `merge` can refuse
//! results of another sweep.
//!
//! The fingerprint hashes the sweep file's and the base scenario's text, the seed and the
//! replications ([`Sweep::fingerprint`]); the salesim version is recorded too, since another
//! version may compute other numbers. Nothing in it depends on wall time or on the machine.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::error::SweepError;
use super::plan::Sweep;
use super::shard::Shard;

/// The manifest's file name in an output directory.
pub const MANIFEST: &str = "sweep.json";
/// The value of [`Manifest::format`] this version writes.
pub const FORMAT: &str = "salesim-sweep/1";

/// One axis as recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AxisRecord {
    /// The path as written.
    pub path: String,
    /// The values, as numbers.
    pub values: Vec<serde_json::Value>,
}

/// The contents of `sweep.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// The layout of the output directory, [`FORMAT`].
    pub format: String,
    /// The salesim version that wrote it.
    pub salesim_version: String,
    /// The sweep's name.
    pub sweep: String,
    /// [`Sweep::fingerprint`] as 16 hex digits.
    pub fingerprint: String,
    /// The sweep seed.
    pub seed: u64,
    /// Replications per point.
    pub replications: u32,
    /// Points in the whole grid.
    pub points: u64,
    /// The axes, in order.
    pub axes: Vec<AxisRecord>,
    /// The shard this directory holds (`0/1` for a whole or merged sweep).
    pub shard: Shard,
}

impl Manifest {
    /// The manifest of `shard` of `sweep`.
    pub fn of(sweep: &Sweep, shard: Shard) -> Manifest {
        let axes = sweep
            .grid()
            .axes()
            .iter()
            .map(|a| AxisRecord {
                path: a.path.clone(),
                values: a.values.iter().map(|v| v.to_json()).collect(),
            })
            .collect();
        Manifest {
            format: FORMAT.into(),
            salesim_version: env!("CARGO_PKG_VERSION").into(),
            sweep: sweep.name.clone(),
            fingerprint: format!("{:016x}", sweep.fingerprint),
            seed: sweep.seed,
            replications: sweep.replications,
            points: sweep.points(),
            axes,
            shard,
        }
    }

    /// Reads `dir/sweep.json`, if there is one.
    ///
    /// # Errors
    /// [`SweepError::Corrupt`] if it does not parse, [`SweepError::Io`].
    pub fn read(dir: &Path) -> Result<Option<Manifest>, SweepError> {
        let path = dir.join(MANIFEST);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(SweepError::io(&path)(e)),
        };
        let corrupt = |message: String| SweepError::Corrupt {
            path: path.clone(),
            message,
        };
        let m: Manifest = serde_json::from_str(&text)
            .map_err(|e| corrupt(format!("not a salesim sweep manifest: {e}")))?;
        if m.shard.count == 0 || m.shard.index >= m.shard.count {
            return Err(corrupt(format!("shard {} is not I/N with I < N", m.shard)));
        }
        Ok(Some(m))
    }

    /// Writes `dir/sweep.json` atomically.
    ///
    /// # Errors
    /// [`SweepError::Io`].
    pub fn write(&self, dir: &Path) -> Result<(), SweepError> {
        let path = dir.join(MANIFEST);
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        super::atomic::write_text(&path, &text)
    }

    /// Checks that `found` (read from `dir`) records the same sweep, by the same salesim
    /// version, as `self`.
    ///
    /// # Errors
    /// [`SweepError::Mismatch`] saying what differs.
    pub fn check_same_sweep(&self, found: &Manifest, dir: &Path) -> Result<(), SweepError> {
        let mismatch = |message: String| SweepError::Mismatch {
            dir: dir.to_path_buf(),
            message,
        };
        if found.format != self.format {
            return Err(mismatch(format!(
                "holds sweep results in format {:?}, this salesim reads {:?}",
                found.format, self.format
            )));
        }
        if found.fingerprint != self.fingerprint {
            return Err(mismatch(format!(
                "holds results of sweep \"{}\" with fingerprint {}, not of sweep \"{}\" ({}): \
                 the sweep file, its base scenario, the seed or the replications differ",
                found.sweep, found.fingerprint, self.sweep, self.fingerprint
            )));
        }
        if found.salesim_version != self.salesim_version {
            return Err(mismatch(format!(
                "was written by salesim {}, this is salesim {}; their numbers may differ",
                found.salesim_version, self.salesim_version
            )));
        }
        Ok(())
    }
}
