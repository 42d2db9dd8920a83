//! Sweeps (SPEC §11): a grid of scenarios around a base scenario, run in parallel, resumable
//! after a kill, and shardable over machines (Slurm job arrays, Kubernetes indexed jobs).
//!
//! ```text
//!  hiring-mix.ron ──Sweep::load──► Sweep (base tree, axes, grid, seed, fingerprint)
//!                                     │ config_at(i): base + axis values → validate
//!                      SweepRun::open(dir, shard, resume) ──► run ──► finish
//!                                     │ journal.csv (fsynced line per point)   points.csv
//!  shard dirs ──merge──► points.csv byte-identical to one machine's run
//! ```
//!
//! # The sweep file
//!
//! `Sweep(base: "../specialized.ron", name: "hiring-mix", replications: 50, seed: 7,
//! axes: [("team.Scout.count", [0, 1, 2, 3]), ("inbound.leads_per_week", [20, 40, 80])])`.
//! `base` is relative to the sweep file; `replications` and `seed` default to the base's. An
//! axis names any numeric field of the scenario by its path ([`path`] has the grammar:
//! `team.<Role>.<field>` is the first team entry of that role, a custom role goes by its own
//! name, `team[2]` by position). An axis with one value fixes a field for the whole sweep
//! (say, a short `horizon_weeks`). A team entry whose count an axis sets to 0 is left out.
//!
//! # Points and seeds
//!
//! The grid is the product of the axes, numbered row-major (last axis fastest). A point's seed
//! hashes the sweep seed and the point's (path, value) pairs ([`grid`]); it never depends on
//! where or when the point runs. Grids over [`MAX_POINTS`] points need `force`.
//!
//! # Output directory and durability
//!
//! - `sweep.json` ([`manifest`]): name, fingerprint of the sweep and base text, seed,
//!   replications, axes, shard; `--resume` and `merge` refuse a directory of another sweep.
//! - `journal.csv` ([`journal`]): one checksummed line per finished point, appended and
//!   fsynced as the point finishes, so a killed sweep keeps every finished point and at worst
//!   leaves a torn last line, which a resume cuts off.
//! - `points.csv` ([`table`]): the shard's finished points sorted by index, rewritten
//!   atomically from the journal when the run ends. Rows are pure functions of their point, so
//!   the file is byte-identical for any thread count, interruption or sharding.

mod atomic;
pub mod error;
pub mod file;
pub mod grid;
pub mod hash;
pub mod journal;
pub mod manifest;
pub mod merge;
pub mod path;
pub mod plan;
pub mod run;
pub mod shard;
pub mod table;

pub use error::SweepError;
pub use manifest::{MANIFEST, Manifest};
pub use merge::{MergeReport, merge};
pub use plan::{LoadOptions, MAX_POINTS, Sweep};
pub use run::{JOURNAL, POINTS, RunReport, SweepRun};
pub use shard::{Shard, ShardSource};
