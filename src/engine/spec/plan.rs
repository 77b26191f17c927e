//! A preset resolved for this machine: what the runner carries out. Every
//! default is filled in, every value checked.

use serde::{Deserialize, Serialize};
use std::time::Duration;

use super::preset::{Model, Preset, Runtime, StartMethod, WorkloadKind};
use crate::engine::python::PythonInfo;
use crate::engine::run::kernel::Calibration;

/// How a simulated GIL behaves in one run.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
pub struct GilConfig {
    /// How long a waiting thread waits before it asks the holder to drop.
    pub switch_interval: Duration,
}

/// One run, validated and with every default filled in.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RunPlan {
    /// Unique name.
    pub label: String,
    /// Execution model.
    pub model: Model,
    /// Threads, processes or event-loop threads the model uses at most
    /// (for `threads`: one per task; `sequential` and `async_single`: 1).
    pub workers: usize,
    /// Simulated GIL, if on.
    pub gil: Option<GilConfig>,
    /// The lab's executors or a Python interpreter.
    #[serde(default)]
    pub runtime: Runtime,
    /// `runtime = "python"`: the interpreter and how to run it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub python: Option<PythonPlan>,
    /// A task running longer than this fails (its worker is replaced).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_timeout: Option<Duration>,
    /// In a sweep: the value of the swept parameter this run has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sweep_value: Option<f64>,
    /// In a sweep: the label of the preset's run this one is a value of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sweep_of: Option<String>,
    /// The run's own work, when a sweep varies the workload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workload: Option<Box<ResolvedWorkload>>,
}

impl RunPlan {
    /// A lab run of `model` with `workers`, no GIL, no time-out.
    pub fn lab(label: impl Into<String>, model: Model, workers: usize) -> RunPlan {
        RunPlan {
            label: label.into(),
            model,
            workers,
            gil: None,
            runtime: Runtime::Lab,
            python: None,
            task_timeout: None,
            sweep_value: None,
            sweep_of: None,
            workload: None,
        }
    }

    /// The work this run does: its own in a workload sweep, else the experiment's.
    pub fn work<'a>(&'a self, experiment: &'a ResolvedWorkload) -> &'a ResolvedWorkload {
        self.workload.as_deref().unwrap_or(experiment)
    }
}

/// How a run uses a Python interpreter.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PythonPlan {
    /// The interpreter, as its probe described it.
    pub interpreter: PythonInfo,
    /// `process_pool`: the start method (given, or the interpreter's default).
    pub start_method: Option<StartMethod>,
    /// A free-threaded build: run with the GIL (`-X gil=1`) or without.
    pub gil_flag: Option<bool>,
    /// `sys.setswitchinterval`, s, when the preset gives one.
    pub switch_interval_s: Option<f64>,
}

/// The work, resolved for this machine: what executors and worker processes get.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ResolvedWorkload {
    /// What each task does.
    pub kind: WorkloadKind,
    /// Number of tasks.
    pub tasks: u32,
    /// Kernel iterations per task (per CPU task for `convoy`).
    pub cpu_iters: u64,
    /// Kernel iterations per slice (~100 µs here).
    pub slice_iters: u64,
    /// Waiting per task (per round for `convoy`), in ns.
    pub io_ns: u64,
    /// Bytes per task.
    pub bytes: u64,
    /// `convoy`: waits the I/O task makes.
    pub io_rounds: u32,
    /// A deliberate failure, for tests of failure handling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fault: Option<Fault>,
    /// The computation per task in ms, when the preset gave it so: each
    /// runtime turns it into iterations with its own calibration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_ms: Option<f64>,
    /// Kernel iterations done once per repetition by one thread before the
    /// tasks start (Amdahl's serial part); 0 for none.
    #[serde(default)]
    pub serial_iters: u64,
    /// The serial part in ms, as the preset gave it (each runtime sizes it
    /// with its own calibration, as `cpu_ms`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serial_ms: Option<f64>,
}

/// A deliberate failure injected into one task (tests and demonstrations).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub enum Fault {
    /// The task panics.
    Panic {
        /// Which task.
        task: u32,
    },
    /// The task never ends by itself: it waits until the run is cancelled
    /// (or its worker process is killed), as a stuck task would.
    Hang {
        /// Which task.
        task: u32,
    },
    /// Every `file` write fails as on a full disk (`ENOSPC`).
    DiskFull,
}

/// A validated preset, ready to run on this machine.
#[derive(Debug, Clone, PartialEq)]
pub struct Experiment {
    /// The preset as parsed.
    pub preset: Preset,
    /// Where it came from (path or `builtin:NAME`).
    pub source: String,
    /// The work, resolved.
    pub workload: ResolvedWorkload,
    /// The runs, resolved.
    pub runs: Vec<RunPlan>,
    /// Index into `runs` of the speed-up baseline.
    pub baseline: usize,
    /// Measured repetitions.
    pub repetitions: u32,
    /// Unmeasured repetitions first.
    pub warmup: u32,
    /// The calibration used to turn `cpu_ms` into iterations.
    pub calibration: Calibration,
    /// What a person should know before it runs (runs skipped, and why).
    pub notices: Vec<String>,
}
