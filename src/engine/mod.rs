//! The experiment engine: presets, workloads, executors, the simulated GIL,
//! real CPython, recording, the runner and metrics. It never imports egui, so
//! the CLI and the tests drive it headless.
//!
//! Grouped by layer, each depending only on the ones above it:
//! - [`spec`]: what a person writes (presets, built-ins) and its validation;
//! - [`measure`]: clocks, the recorder, spans, the CPU monitor, the machine;
//! - [`run`]: the runner, executors, workloads, the GIL, Python interpreters;
//! - [`results`]: statistics, explanations, formatting of figures;
//! - [`view`]: toolkit-free data the window and the charts draw.

pub mod measure;
pub mod python;
pub mod results;
pub mod run;
pub mod spec;
pub mod view;

pub use measure::machine::MachineInfo;
pub use results::metrics::{ExperimentResult, RunSummary};
pub use run::runner::{Runner, RunnerEvent, RunnerOptions};
pub use spec::preset::{Experiment, Model, Preset, PresetError, WorkloadKind};
