//! Concurrency Lab: run one workload under every execution model and measure
//! what the machine did.
//!
//! - [`engine`]: presets, executors, the simulated GIL, runner, metrics (no UI).
//! - [`export`]: results to JSON, CSV and charts (no UI).
//! - [`app`]: the desktop app (egui), which only draws what the engine records.
//! - [`cli`]: the command line.
//! - [`present`]: colours, units and result columns shared by all of them.
//! - [`i18n`]: the languages (English, Russian) every message comes in.
//! - [`input_file`]: reading a file a person named, bounded and type-checked.

pub mod app;
pub mod cli;
pub mod engine;
pub mod export;
pub mod i18n;
pub mod input_file;
pub mod lessons;
pub mod present;
