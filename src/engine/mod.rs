//! The experiment engine: presets, workloads, executors, the simulated GIL,
//! recording, the runner and metrics. It never imports egui, so the CLI and
//! the tests drive it headless.

pub mod builtin;
pub mod cancel;
pub mod executor;
pub mod explain;
pub mod format;
pub mod gil;
pub mod kernel;
pub mod live;
pub mod machine;
pub mod metrics;
pub mod monitor;
pub mod preset;
pub mod recorder;
pub mod runner;
pub mod series;
pub mod services;
pub mod spans;
pub mod sys;
pub mod timeline;
pub mod workload;
