//! # salesim — should every sales rep do everything, or should the work be split?
//!
//! salesim is a discrete-event simulator of sales-team structures. It runs a market (inbound
//! leads, outbound prospects, deals, customers) against a team (generalists, or specialised
//! inbound reps, scouts, closers and success managers) and reports, with confidence intervals,
//! what each structure earns, how fast it answers leads and where its time goes.
//!
//! ```text
//!  scenario.ron ──► scenario::load ──► scenario::validate ──► model::Config
//!                                                                  │
//!      experiment::run_replications[_folded] (rayon, seed per replication, chunks)
//!                                                                  │
//!        ┌─────────────────────── one replication ─────────────────┴──────┐
//!        │  engine::run_until ──pops──► model::SalesModel::handle(event)  │
//!        │        ▲                           │ schedules more events     │
//!        │        └───────── EventQueue ◄─────┘                           │
//!        └───────────────────────────────┬────────────────────────────────┘
//!                                        ▼
//!   model::ReplicationResult ──(in replication order)──► report::SummaryBuilder
//!                                        ──► report (table/JSON/CSV), plot (PNG/SVG)
//! ```
//!
//! Modules, with dependencies pointing down the list:
//! - [`engine`]: the discrete-event core: time, calendar, event queue, random streams,
//!   distributions. It knows nothing about sales.
//! - [`model`]: the sales model of the specification: people, leads, deals, customers, KPIs.
//!   It knows nothing about files or the command line.
//! - [`scenario`]: the RON scenario format, its loading with precise error positions, and its
//!   validation into a [`model::Config`].
//! - [`stats`]: streaming accumulators, quantiles and Student-t confidence intervals.
//! - [`experiment`]: replications in parallel, deterministic for any thread count.
//! - [`sweep`]: grids of scenarios around a base, resumable and shardable (Slurm arrays).
//! - [`report`]: the output schema and its table, JSON and CSV writers.
//! - [`plot`]: the client charts (PNG and SVG, bundled font) drawn from saved results.
//! - [`cli`]: the `salesim` command line, a thin layer over the rest.
//!
//! # Example
//!
//! ```
//! let text = r#"Scenario(name: "two reps", team: [(role: Generalist, count: 2)])"#;
//! let scenario = salesim::scenario::parse_str(text, "example.ron").unwrap();
//! let config = salesim::scenario::validate(&scenario, "example.ron").unwrap();
//! let results = salesim::experiment::run_replications(&config, 4, 7, &|_| {});
//! assert_eq!(results.len(), 4);
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations, unreachable_pub)]

pub mod advise;
pub mod clarity;
pub mod cli;
pub mod engine;
pub mod error;
pub mod experiment;
pub mod model;
pub mod plot;
pub mod report;
pub mod scenario;
pub mod stats;
pub mod sweep;
