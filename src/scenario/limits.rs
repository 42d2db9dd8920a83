//! Sizes a scenario may ask for. Each is checked on the parsed numbers, before any per-person
//! or per-item memory exists, and named in the error when exceeded.
//!
//! Each limit's doc gives the memory it allows one replication, which runs on one thread:
//! a run holds one replication per worker thread at a time. Byte counts per item were
//! measured as peak RSS of `salesim run -r 1 -j 1` (release build, x86-64); the limits keep
//! every one of them to at most about 1 GB per replication, so a laptop is not exhausted by a
//! file it was sent. What a replication accumulates over time (leads, accounts, hires) is
//! bounded through its expected total over `horizon_weeks`, since the rates alone allow any
//! amount given a long enough horizon.

/// People in the initial team, all entries together. About 1.8 KB a person (people, seats,
/// idle sets, observer; 184 MB at the limit), and the time a replication takes grows with it.
pub const MAX_PEOPLE: u64 = 100_000;
/// People who join after `t = 0` in one replication, expected from the rates:
/// `count × attrition_per_year × years` over the team's entries, plus, with
/// `people.promote_scouts_after_months`, `scouts × months / promote_scouts_after_months` (a
/// promotion adds a Closer and back-fills the Scout's seat). Every joiner is kept to the end
/// of the replication: about 2 KB each while employed, so at most ~1 GB. Without it, a high
/// attrition rate grew memory by hundreds of MB a second.
pub const MAX_HIRES: f64 = 500_000.0;
/// Person-weeks: (initial people + expected hires) × `horizon_weeks`. The KPI-clarity
/// experiment keeps each person's weekly stage output (20 bytes a person-week) for two runs
/// at once (without and with the fault): at most 1 GB. It also bounds a replication's time.
pub const MAX_PERSON_WEEKS: f64 = 25_000_000.0;
/// Inbound leads per week. The total over the horizon is bounded by [`MAX_LEADS`].
pub const MAX_LEADS_PER_WEEK: f64 = 1e6;
/// Inbound leads in one replication, expected: `leads_per_week × horizon_weeks`. A lead
/// waiting in the queue takes about 32 bytes (64 while the queue grows), an open deal about
/// 130, a customer about 330: if every lead qualified, was won and never churned, 1 GB.
pub const MAX_LEADS: f64 = 3e6;
/// Simulated weeks (100 years). Per-week series are 16–32 bytes a week (170 KB at the limit);
/// what a long horizon accumulates is bounded by [`MAX_LEADS`], [`MAX_ACCOUNTS`],
/// [`MAX_HIRES`] and [`MAX_PERSON_WEEKS`].
pub const MAX_HORIZON_WEEKS: u64 = 5_218;
/// Replications of one scenario. A replication's memory does not depend on it, and `run`
/// folds results as they arrive (a chunk of at most max(1024, 64 × threads) at a time); but
/// `compare`, `clarity` and `advise` keep every replication's result for the paired
/// differences (about 2.3 KB each for the bundled scenarios, more with more roles): 2.3 GB per
/// scenario at the limit (see PERFORMANCE.md).
pub const MAX_REPLICATIONS: u64 = 1_000_000;
/// Close steps per deal: a count on the deal, no memory per step.
pub const MAX_STEPS: u64 = 100;
/// Customers at `t = 0`. About 330 bytes each (the customer, its pending care tasks, its
/// check-in in the event queue): 330 MB at the limit. Was 10⁷ (3.3 GB).
pub const MAX_INITIAL_CUSTOMERS: u64 = 1_000_000;
/// Accounts in a finite outbound pool over one replication: the pool at `t = 0` plus the
/// expected `new_accounts_per_week × horizon_weeks`. Each account takes 8 bytes (its place in
/// the round-robin queue and its touch count): 80 MB at the limit, up to twice that while the
/// queue grows. Was 10⁸ for the pool alone (800 MB a replication, and new accounts without
/// bound: 10⁷ a week for 100 years is 417 GB, and overflowed the 32-bit account ids).
pub const MAX_ACCOUNTS: u64 = 10_000_000;
/// Accounts added per week. The total over the horizon is bounded by [`MAX_ACCOUNTS`].
pub const MAX_NEW_ACCOUNTS_PER_WEEK: f64 = 1e7;
/// Touches before an account is retired: a count, no memory per touch.
pub const MAX_TOUCHES: u64 = 10_000;
/// The smallest mean duration of an outbound touch [working hours] (3.6 s): touches are pull
/// work, so zero-length touches would never let the clock move.
pub const MIN_TOUCH_HOURS: f64 = 1e-3;
/// The smallest non-zero arrival rate (leads or new accounts per week): below it the time
/// between arrivals overflows.
pub const MIN_RATE_PER_WEEK: f64 = 1e-9;
