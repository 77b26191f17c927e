//! What the measurements mean: statistics over repetitions, the result types
//! exports read, plain-words explanations and the formatting of figures.

pub mod compare;
pub mod explain;
pub mod explain_fit;
pub mod explain_gap;
pub mod fit;
pub mod format;
pub mod gap;
pub mod metrics;
