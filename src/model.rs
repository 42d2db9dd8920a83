//! The sales model of SPEC §4–§6: people working inbound leads, outbound touches, deals and
//! customers, and the KPIs they produce. It knows nothing about files or the command line.

pub mod config;
pub mod kpi;
pub mod result;

pub use config::{Activity, Config};
pub use kpi::{Kpi, KpiGroup, TIME_CATEGORIES};
pub use result::{ReplicationResult, RoleTimeUse};
