//! Sizes a scenario may ask for. Each is checked on the parsed numbers, before any per-person
//! or per-item memory exists, and named in the error when exceeded.

/// People in the initial team, all entries together.
pub const MAX_PEOPLE: u64 = 100_000;
/// Inbound leads per week.
pub const MAX_LEADS_PER_WEEK: f64 = 1e7;
/// Simulated weeks (100 years).
pub const MAX_HORIZON_WEEKS: u64 = 5_218;
/// Replications of one scenario.
pub const MAX_REPLICATIONS: u64 = 1_000_000;
/// Close steps per deal.
pub const MAX_STEPS: u64 = 100;
/// Customers at `t = 0`.
pub const MAX_INITIAL_CUSTOMERS: u64 = 10_000_000;
/// Accounts in a finite outbound pool at `t = 0`.
pub const MAX_ACCOUNTS: u64 = 100_000_000;
/// Accounts added per week.
pub const MAX_NEW_ACCOUNTS_PER_WEEK: f64 = 1e7;
/// Touches before an account is retired.
pub const MAX_TOUCHES: u64 = 10_000;
/// The smallest mean duration of an outbound touch [working hours] (3.6 s): touches are pull
/// work, so zero-length touches would never let the clock move.
pub const MIN_TOUCH_HOURS: f64 = 1e-3;
/// The smallest non-zero arrival rate (leads or new accounts per week): below it the time
/// between arrivals overflows.
pub const MIN_RATE_PER_WEEK: f64 = 1e-9;
