//! Presets: the TOML files people write, keep and share (a contract: fields
//! may be added, never renamed), and their validation into an [`Experiment`]
//! the engine can run.
//!
//! Validation happens before anything runs and stops at the first problem,
//! naming the file, the field, the value and what is allowed.

use serde::{Deserialize, Serialize};

use crate::tr;
use std::fmt;
use std::path::Path;

pub use crate::input_file::MAX_PRESET_BYTES;

/// The preset format version this build writes and understands.
pub const PRESET_VERSION: i64 = 1;

/// Most tasks one experiment may hold.
pub const MAX_TASKS: i64 = 200_000;
/// Most OS threads the `threads` model may start (one per task).
pub const MAX_THREADS: i64 = 4096;
/// Most workers a pool, runtime or rayon may have.
pub const MAX_WORKERS: i64 = 1024;
/// Most worker processes a process pool may start.
pub const MAX_PROCESSES: i64 = 256;
/// Most simultaneous loopback connections a `net` run may open.
pub const MAX_CONNECTIONS: i64 = 1000;
/// Longest CPU or waiting time per task, in ms.
pub const MAX_TASK_MS: f64 = 60_000.0;
/// Most kernel iterations per task: a few minutes of one core anywhere.
pub const MAX_CPU_ITERS: i64 = 100_000_000_000;
/// Largest buffer per task, in bytes.
pub const MAX_BYTES: i64 = 1 << 30;
/// Most runs one preset may compare.
pub const MAX_RUNS: usize = 32;

/// A preset exactly as written in its file (and as echoed into result JSON).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Preset {
    /// Format version; files without one are version 1.
    #[serde(default = "default_version")]
    pub version: i64,
    /// Shown in lists, titles and chart captions.
    pub name: String,
    /// One or two sentences: what the preset shows.
    #[serde(default)]
    pub description: String,
    /// Measured repetitions of every run.
    #[serde(default = "default_repetitions")]
    pub repetitions: i64,
    /// Unmeasured repetitions before them.
    #[serde(default)]
    pub warmup: i64,
    /// Label of the run speed-up is measured against; default: the first run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<String>,
    /// The work every run does.
    pub workload: WorkloadSpec,
    /// Every run repeated for each value of one parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sweep: Option<SweepSpec>,
    /// The execution models to compare, in order.
    #[serde(default)]
    pub runs: Vec<RunSpec>,
}

/// The `[sweep]` table: one parameter, the values it takes.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SweepSpec {
    /// What varies.
    pub parameter: SweepParameter,
    /// The values it takes, in order.
    pub values: Vec<f64>,
}

/// What a sweep varies.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum SweepParameter {
    /// Each run's `workers` (runs whose model has workers).
    Workers,
    /// The workload's `tasks` (every run).
    Tasks,
    /// The GIL's switch interval (runs under a GIL, lab or CPython threads).
    SwitchIntervalMs,
    /// The workload's `cpu_ms` (every run).
    CpuMs,
    /// The workload's `io_ms` (every run).
    IoMs,
}

impl SweepParameter {
    /// Its name in presets and JSON.
    pub fn name(self) -> &'static str {
        match self {
            SweepParameter::Workers => "workers",
            SweepParameter::Tasks => "tasks",
            SweepParameter::SwitchIntervalMs => "switch_interval_ms",
            SweepParameter::CpuMs => "cpu_ms",
            SweepParameter::IoMs => "io_ms",
        }
    }

    /// Whether it varies the workload (and so every run, the baseline too).
    pub fn is_workload(self) -> bool {
        matches!(
            self,
            SweepParameter::Tasks | SweepParameter::CpuMs | SweepParameter::IoMs
        )
    }

    /// Whether its values are whole numbers.
    pub fn is_count(self) -> bool {
        matches!(self, SweepParameter::Workers | SweepParameter::Tasks)
    }
}

fn default_version() -> i64 {
    PRESET_VERSION
}

fn default_repetitions() -> i64 {
    1
}

/// The `[workload]` table.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct WorkloadSpec {
    /// What each task does.
    pub kind: WorkloadKind,
    /// Number of tasks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tasks: Option<i64>,
    /// Instead of `tasks`: tasks per logical core, so a preset means the same on
    /// 2 cores and on 64.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tasks_per_core: Option<i64>,
    /// CPU time per task in ms, converted by this machine's calibration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_ms: Option<f64>,
    /// Instead of `cpu_ms`: fixed kernel iterations, identical everywhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_iters: Option<i64>,
    /// Waiting per task (per round for `convoy`), in ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub io_ms: Option<f64>,
    /// Bytes per task for `file` and `memory`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes: Option<i64>,
    /// `convoy` only: how many short waits the I/O task makes (default 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub io_rounds: Option<i64>,
    /// Computation done once per repetition by one thread before the tasks
    /// start, in ms: Amdahl's serial part, made concrete.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serial_ms: Option<f64>,
}

/// What a task does.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum WorkloadKind {
    /// Checked integer kernel.
    Cpu,
    /// A timed wait.
    Sleep,
    /// Write, flush, read back and verify a file.
    File,
    /// Request/response over loopback TCP.
    Net,
    /// CPU, then waiting.
    Mixed,
    /// Stream through a buffer.
    Memory,
    /// One I/O task making many short waits beside CPU tasks.
    Convoy,
}

impl WorkloadKind {
    /// Every kind, in the order menus show them.
    pub const ALL: [WorkloadKind; 7] = [
        WorkloadKind::Cpu,
        WorkloadKind::Sleep,
        WorkloadKind::File,
        WorkloadKind::Net,
        WorkloadKind::Mixed,
        WorkloadKind::Memory,
        WorkloadKind::Convoy,
    ];

    /// The name used in preset files.
    pub fn name(self) -> &'static str {
        match self {
            WorkloadKind::Cpu => "cpu",
            WorkloadKind::Sleep => "sleep",
            WorkloadKind::File => "file",
            WorkloadKind::Net => "net",
            WorkloadKind::Mixed => "mixed",
            WorkloadKind::Memory => "memory",
            WorkloadKind::Convoy => "convoy",
        }
    }

    /// Whether the kind reads this part of the workload.
    pub fn uses_cpu(self) -> bool {
        matches!(
            self,
            WorkloadKind::Cpu | WorkloadKind::Mixed | WorkloadKind::Convoy
        )
    }

    /// Whether the kind reads this part of the workload.
    pub fn uses_io(self) -> bool {
        matches!(
            self,
            WorkloadKind::Sleep | WorkloadKind::Net | WorkloadKind::Mixed | WorkloadKind::Convoy
        )
    }

    /// Whether the kind reads this part of the workload.
    pub fn uses_bytes(self) -> bool {
        matches!(self, WorkloadKind::File | WorkloadKind::Memory)
    }
}

/// One `[[runs]]` entry.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RunSpec {
    /// The execution model.
    pub model: Model,
    /// Name in tables and charts; default: the model plus its options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Pool size for pools, `async_multi` and `rayon`; default: logical cores.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workers: Option<i64>,
    /// `threads` and `thread_pool`: run under the simulated GIL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gil: Option<bool>,
    /// GIL switch interval in ms (CPython's `sys.setswitchinterval`, default 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub switch_interval_ms: Option<f64>,
    /// Who runs it: the lab's own executors (the default) or a Python interpreter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runtime: Option<Runtime>,
    /// `runtime = "python"`: which interpreter — a version (`3.12`, `3.13t`),
    /// a command (`python3.13t`) or a path; default: the first one found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub python: Option<String>,
    /// `runtime = "python"`, `process_pool`: the `multiprocessing` start method.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_method: Option<StartMethod>,
    /// A task running longer than this, s, fails and its worker is replaced
    /// (worker processes) or the run stops (off by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_timeout_s: Option<f64>,
}

impl RunSpec {
    /// A run of `model` with every option at its default.
    pub fn new(model: Model) -> Self {
        RunSpec {
            model,
            label: None,
            workers: None,
            gil: None,
            switch_interval_ms: None,
            runtime: None,
            python: None,
            start_method: None,
            task_timeout_s: None,
        }
    }

    /// The runtime, `lab` when not given.
    pub fn runtime(&self) -> Runtime {
        self.runtime.unwrap_or_default()
    }
}

/// Who carries a run out.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, Default)]
#[serde(rename_all = "snake_case")]
pub enum Runtime {
    /// The lab's own executors in Rust, with the simulated GIL.
    #[default]
    Lab,
    /// A real Python interpreter running the lab's Python program.
    Python,
}

impl Runtime {
    /// The name used in preset files and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Runtime::Lab => "lab",
            Runtime::Python => "python",
        }
    }
}

/// How `multiprocessing` starts a worker process.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum StartMethod {
    /// A fresh interpreter that imports the main module (every system).
    Spawn,
    /// A copy of the parent (Unix only).
    Fork,
    /// Copies of a clean server process (Unix only).
    Forkserver,
}

impl StartMethod {
    /// Every method, in the order menus show them.
    pub const ALL: [StartMethod; 3] = [
        StartMethod::Spawn,
        StartMethod::Fork,
        StartMethod::Forkserver,
    ];

    /// The name `multiprocessing` and preset files use.
    pub fn name(self) -> &'static str {
        match self {
            StartMethod::Spawn => "spawn",
            StartMethod::Fork => "fork",
            StartMethod::Forkserver => "forkserver",
        }
    }

    /// The method with this name.
    pub fn from_name(name: &str) -> Option<StartMethod> {
        StartMethod::ALL.into_iter().find(|m| m.name() == name)
    }
}

/// An execution model.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Model {
    /// A plain loop on one thread.
    Sequential,
    /// One OS thread per task.
    Threads,
    /// Fixed worker threads pulling from a queue.
    ThreadPool,
    /// Worker processes fed over pipes.
    ProcessPool,
    /// A single-threaded event loop.
    AsyncSingle,
    /// A multi-threaded async runtime.
    AsyncMulti,
    /// A work-stealing pool.
    Rayon,
    /// One interpreter per worker thread (Python 3.14+ only).
    InterpreterPool,
}

impl Model {
    /// Every model, in the order menus show them.
    pub const ALL: [Model; 8] = [
        Model::Sequential,
        Model::Threads,
        Model::ThreadPool,
        Model::ProcessPool,
        Model::AsyncSingle,
        Model::AsyncMulti,
        Model::Rayon,
        Model::InterpreterPool,
    ];

    /// Whether a runtime has this model.
    pub fn runs_in(self, runtime: Runtime) -> bool {
        match runtime {
            Runtime::Lab => self != Model::InterpreterPool,
            Runtime::Python => !matches!(self, Model::AsyncMulti | Model::Rayon),
        }
    }

    /// The name used in preset files.
    pub fn name(self) -> &'static str {
        match self {
            Model::Sequential => "sequential",
            Model::Threads => "threads",
            Model::ThreadPool => "thread_pool",
            Model::ProcessPool => "process_pool",
            Model::AsyncSingle => "async_single",
            Model::AsyncMulti => "async_multi",
            Model::Rayon => "rayon",
            Model::InterpreterPool => "interpreter_pool",
        }
    }

    /// Whether `workers` means something for this model.
    pub fn has_workers(self) -> bool {
        matches!(
            self,
            Model::ThreadPool
                | Model::ProcessPool
                | Model::AsyncMulti
                | Model::Rayon
                | Model::InterpreterPool
        )
    }

    /// Whether the simulated GIL can apply (Python threads only).
    pub fn allows_gil(self) -> bool {
        matches!(self, Model::Threads | Model::ThreadPool)
    }
}

impl fmt::Display for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for WorkloadKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a preset could not be used. Every variant names the file.
#[derive(Debug, Clone, PartialEq)]
pub enum PresetError {
    /// The file could not be read.
    Read {
        /// The path as given.
        path: String,
        /// The OS's reason.
        reason: String,
    },
    /// Not a preset name and not a file.
    Unknown {
        /// What was asked for.
        name: String,
        /// The built-in names.
        known: String,
    },
    /// TOML syntax, a wrong type, a missing or unknown field.
    Syntax {
        /// File name or `builtin:NAME`.
        path: String,
        /// The parser's message, with line, column and the offending text.
        message: String,
    },
    /// A value outside what is allowed.
    Invalid {
        /// File name or `builtin:NAME`.
        path: String,
        /// Dotted field path, e.g. `runs[2].workers` (indices from 0, as in
        /// the file's array; messages number runs from 1, as the window does).
        field: String,
        /// The value as written.
        value: String,
        /// What is allowed instead.
        allowed: String,
    },
}

impl std::fmt::Display for PresetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            PresetError::Read { path, reason } => {
                tr!(
                    "preset-error-read",
                    path = path.clone(),
                    reason = reason.clone()
                )
            }
            PresetError::Unknown { name, known } => {
                tr!(
                    "preset-error-unknown",
                    name = name.clone(),
                    known = known.clone()
                )
            }
            PresetError::Syntax { path, message } => {
                tr!(
                    "preset-error-syntax",
                    path = path.clone(),
                    message = message.clone()
                )
            }
            PresetError::Invalid {
                path,
                field,
                value,
                allowed,
            } => tr!(
                "preset-error-invalid",
                path = path.clone(),
                field = field_for_people(field),
                value = value.clone(),
                allowed = allowed.clone()
            ),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for PresetError {}

/// `runs[2].workers` as a person counts: "run 3, workers".
pub fn field_for_people(field: &str) -> String {
    match run_field(field) {
        Some((index, name)) => tr!(
            "preset-field-run",
            number = index + 1,
            name = name.to_owned()
        ),
        None => field.to_owned(),
    }
}

/// `runs[2].workers` → (2, "workers").
pub fn run_field(field: &str) -> Option<(usize, &str)> {
    let rest = field.strip_prefix("runs[")?;
    let (index, name) = rest.split_once("].")?;
    Some((index.parse().ok()?, name))
}

impl PresetError {
    /// The field the error is about, when it is about one.
    pub fn field(&self) -> Option<&str> {
        match self {
            PresetError::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }
}

/// Reads a preset from a file path or a built-in name. A built-in name is
/// the built-in even when a file or folder of that name is in the current
/// folder (`./NAME` reaches that one): what a name means must not depend on
/// where a person stands. A file is read only if it is a regular file of at
/// most [`MAX_PRESET_BYTES`].
pub fn load(path_or_name: &str) -> Result<(Preset, String), PresetError> {
    if !looks_like_a_path(path_or_name)
        && let Some(builtin) = crate::engine::spec::builtin::find(path_or_name)
    {
        return Ok((builtin.preset()?, format!("builtin:{}", builtin.name)));
    }
    let path = Path::new(path_or_name);
    if path.exists() || looks_like_a_path(path_or_name) {
        let text = crate::input_file::read_text(path, MAX_PRESET_BYTES).map_err(|e| {
            PresetError::Read {
                path: path_or_name.to_owned(),
                reason: e.to_string(),
            }
        })?;
        let preset = parse(&text, path_or_name)?;
        return Ok((preset, path_or_name.to_owned()));
    }
    Err(PresetError::Unknown {
        name: path_or_name.to_owned(),
        known: crate::engine::spec::builtin::names().join(", "),
    })
}

/// Whether an argument names a file rather than a built-in preset: it has a
/// folder separator or ends in `.toml`.
pub fn looks_like_a_path(argument: &str) -> bool {
    argument.ends_with(".toml")
        || argument.contains('/')
        || argument.contains(std::path::MAIN_SEPARATOR)
}

/// A note for a built-in name that is also a file or folder here: which one
/// was taken, and how to reach the other.
pub fn shadow_notice(path_or_name: &str) -> Option<String> {
    (!looks_like_a_path(path_or_name)
        && crate::engine::spec::builtin::find(path_or_name).is_some()
        && std::fs::symlink_metadata(path_or_name).is_ok())
    .then(|| tr!("preset-builtin-shadows", name = path_or_name.to_owned()))
}

/// Parses preset text; `origin` names the file in messages.
pub fn parse(text: &str, origin: &str) -> Result<Preset, PresetError> {
    toml::from_str::<Preset>(text).map_err(|e| PresetError::Syntax {
        path: origin.to_owned(),
        // The parser quotes the offending line: a megabyte-long one is cut.
        message: crate::engine::python::process::clip(e.to_string().trim_end(), 600),
    })
}

impl Preset {
    /// The preset as TOML text, for saving.
    pub fn to_toml(&self) -> Result<String, toml::ser::Error> {
        toml::to_string_pretty(self)
    }
}

pub use super::plan::{Experiment, Fault, GilConfig, PythonPlan, ResolvedWorkload, RunPlan};
pub use super::validate::{default_label, load_experiment};
