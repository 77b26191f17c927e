//! Concurrency Lab: run one workload under every execution model and measure
//! what the machine did.
//!
//! - [`engine`]: presets, executors, the simulated GIL, runner, metrics (no UI).
//! - [`export`]: results to JSON, CSV and charts (no UI).
//! - [`app`]: the desktop app (egui), which only draws what the engine records.
//! - [`cli`]: the command line.

pub mod app;
pub mod cli;
pub mod engine;
pub mod export;
