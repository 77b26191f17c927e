//! Presets: the TOML files people write, keep and share (a contract: fields
//! may be added, never renamed), and their validation into an [`Experiment`]
//! the engine can run.
//!
//! Validation happens before anything runs and stops at the first problem,
//! naming the file, the field, the value and what is allowed.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::Path;
use std::time::Duration;

use super::kernel::Calibration;
use super::machine::MachineInfo;

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
    /// The execution models to compare, in order.
    #[serde(default)]
    pub runs: Vec<RunSpec>,
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

    /// One sentence for tooltips and help.
    pub fn describe(self) -> &'static str {
        match self {
            WorkloadKind::Cpu => "Pure computation: a checked integer kernel, cpu_ms per task.",
            WorkloadKind::Sleep => "Pure waiting: a timed sleep of io_ms per task.",
            WorkloadKind::File => {
                "Disk I/O: write bytes to a temporary file, flush it, read it back and verify."
            }
            WorkloadKind::Net => {
                "Network I/O: a request to a loopback echo server that answers after io_ms."
            }
            WorkloadKind::Mixed => "cpu_ms of computation, then io_ms of waiting, per task.",
            WorkloadKind::Memory => "Memory bandwidth: write and read back a buffer of bytes.",
            WorkloadKind::Convoy => {
                "One I/O task doing io_rounds short waits of io_ms beside CPU tasks: the GIL convoy effect."
            }
        }
    }

    fn uses_cpu(self) -> bool {
        matches!(
            self,
            WorkloadKind::Cpu | WorkloadKind::Mixed | WorkloadKind::Convoy
        )
    }

    fn uses_io(self) -> bool {
        matches!(
            self,
            WorkloadKind::Sleep | WorkloadKind::Net | WorkloadKind::Mixed | WorkloadKind::Convoy
        )
    }

    fn uses_bytes(self) -> bool {
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
        }
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
}

impl Model {
    /// Every model, in the order menus show them.
    pub const ALL: [Model; 7] = [
        Model::Sequential,
        Model::Threads,
        Model::ThreadPool,
        Model::ProcessPool,
        Model::AsyncSingle,
        Model::AsyncMulti,
        Model::Rayon,
    ];

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
        }
    }

    /// One sentence with the Python counterpart, for tooltips and `presets`.
    pub fn describe(self) -> &'static str {
        match self {
            Model::Sequential => {
                "A plain loop on one thread: the baseline every speed-up is measured against."
            }
            Model::Threads => {
                "One OS thread per task, like starting a `threading.Thread` for each."
            }
            Model::ThreadPool => {
                "A fixed set of worker threads pulling tasks from a queue, like `concurrent.futures.ThreadPoolExecutor`."
            }
            Model::ProcessPool => {
                "Worker processes (this program started again) fed over pipes, like `ProcessPoolExecutor` or `multiprocessing.Pool` with spawn."
            }
            Model::AsyncSingle => {
                "One thread running an event loop: waits overlap, computation blocks the loop, like `asyncio`."
            }
            Model::AsyncMulti => {
                "An async runtime with several worker threads (tokio multi-thread); Python has no direct counterpart."
            }
            Model::Rayon => {
                "A work-stealing pool (rayon): idle workers take tasks from busy ones' queues."
            }
        }
    }

    /// Whether `workers` means something for this model.
    pub fn has_workers(self) -> bool {
        matches!(
            self,
            Model::ThreadPool | Model::ProcessPool | Model::AsyncMulti | Model::Rayon
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
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
pub enum PresetError {
    /// The file could not be read.
    #[error("cannot read preset {path}: {reason}")]
    Read {
        /// The path as given.
        path: String,
        /// The OS's reason.
        reason: String,
    },
    /// Not a preset name and not a file.
    #[error("no preset file or built-in preset named `{name}` (built-in presets: {known})")]
    Unknown {
        /// What was asked for.
        name: String,
        /// The built-in names.
        known: String,
    },
    /// TOML syntax, a wrong type, a missing or unknown field.
    #[error("{path}: {message}")]
    Syntax {
        /// File name or `builtin:NAME`.
        path: String,
        /// The parser's message, with line, column and the offending text.
        message: String,
    },
    /// A value outside what is allowed.
    #[error("{path}: {field} = {value}: {allowed}")]
    Invalid {
        /// File name or `builtin:NAME`.
        path: String,
        /// Dotted field path, e.g. `runs[2].workers`.
        field: String,
        /// The value as written.
        value: String,
        /// What is allowed instead.
        allowed: String,
    },
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
}

/// A deliberate failure injected into one task (tests and demonstrations).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub enum Fault {
    /// The task panics.
    Panic {
        /// Which task.
        task: u32,
    },
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
}

/// Reads a preset from a file path or a built-in name.
pub fn load(path_or_name: &str) -> Result<(Preset, String), PresetError> {
    let path = Path::new(path_or_name);
    if path.exists() || path_or_name.ends_with(".toml") || path_or_name.contains('/') {
        let text = std::fs::read_to_string(path).map_err(|e| PresetError::Read {
            path: path_or_name.to_owned(),
            reason: e.to_string(),
        })?;
        let preset = parse(&text, path_or_name)?;
        return Ok((preset, path_or_name.to_owned()));
    }
    match super::builtin::find(path_or_name) {
        Some(builtin) => {
            let origin = format!("builtin:{}", builtin.name);
            Ok((parse(builtin.toml, &origin)?, origin))
        }
        None => Err(PresetError::Unknown {
            name: path_or_name.to_owned(),
            known: super::builtin::names().join(", "),
        }),
    }
}

/// Parses preset text; `origin` names the file in messages.
pub fn parse(text: &str, origin: &str) -> Result<Preset, PresetError> {
    toml::from_str::<Preset>(text).map_err(|e| PresetError::Syntax {
        path: origin.to_owned(),
        message: e.to_string().trim_end().to_owned(),
    })
}

impl Preset {
    /// The preset as TOML text, for saving.
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).unwrap_or_else(|e| format!("# could not serialize: {e}\n"))
    }

    /// Checks every field and resolves defaults for this machine.
    ///
    /// `calibration` is only called when the workload gives `cpu_ms`.
    pub fn validate(
        &self,
        origin: &str,
        machine: &MachineInfo,
        calibration: impl FnOnce() -> Calibration,
    ) -> Result<Experiment, PresetError> {
        let v = Validator { origin };
        if self.version != PRESET_VERSION {
            return Err(v.invalid(
                "version",
                self.version,
                format!("this build reads version {PRESET_VERSION} presets"),
            ));
        }
        v.text("name", &self.name, 200)?;
        let repetitions = v.int_in("repetitions", self.repetitions, 1, 100)?;
        let warmup = v.int_in("warmup", self.warmup, 0, 20)?;
        let cores = machine.cores.max(1);
        let (workload, cpu_ms) = self.validate_workload(&v, cores)?;
        let calibration = match cpu_ms {
            Some(_) => calibration(),
            None => Calibration {
                iterations_per_ms: 0.0,
            },
        };
        let mut workload = workload;
        if let Some(ms) = cpu_ms {
            workload.cpu_iters = calibration.iterations_for_ms(ms);
        }
        workload.slice_iters = if calibration.iterations_per_ms > 0.0 {
            calibration.slice_iterations()
        } else {
            super::kernel::calibration().slice_iterations()
        };

        if self.runs.is_empty() {
            return Err(v.invalid("runs", "[]", "add at least one [[runs]] table with a model"));
        }
        if self.runs.len() > MAX_RUNS {
            return Err(v.invalid(
                "runs",
                format!("{} runs", self.runs.len()),
                format!("at most {MAX_RUNS} runs per preset"),
            ));
        }
        let mut runs: Vec<RunPlan> = Vec::with_capacity(self.runs.len());
        for (index, spec) in self.runs.iter().enumerate() {
            let plan = validate_run(&v, index, spec, &workload, cores, machine)?;
            if let Some(other) = runs.iter().position(|r| r.label == plan.label) {
                return Err(v.invalid(
                    &format!("runs[{index}].label"),
                    format!("{:?}", plan.label),
                    format!(
                        "runs[{other}] already has this label; labels must be unique (set `label`)"
                    ),
                ));
            }
            runs.push(plan);
        }
        let baseline = match &self.baseline {
            None => 0,
            Some(label) => runs.iter().position(|r| &r.label == label).ok_or_else(|| {
                let labels: Vec<String> = runs.iter().map(|r| format!("{:?}", r.label)).collect();
                v.invalid(
                    "baseline",
                    format!("{label:?}"),
                    format!("must be the label of a run: {}", labels.join(", ")),
                )
            })?,
        };
        Ok(Experiment {
            preset: self.clone(),
            source: origin.to_owned(),
            workload,
            runs,
            baseline,
            repetitions: repetitions as u32,
            warmup: warmup as u32,
            calibration,
        })
    }

    fn validate_workload(
        &self,
        v: &Validator<'_>,
        cores: usize,
    ) -> Result<(ResolvedWorkload, Option<f64>), PresetError> {
        let w = &self.workload;
        let kind = w.kind;
        let tasks = match (w.tasks, w.tasks_per_core) {
            (Some(_), Some(_)) => {
                return Err(v.invalid(
                    "workload.tasks_per_core",
                    w.tasks_per_core.unwrap_or_default(),
                    "give either `tasks` or `tasks_per_core`, not both",
                ));
            }
            (None, None) => {
                return Err(v.invalid(
                    "workload.tasks",
                    "(missing)",
                    format!("required: a number of tasks from 1 to {MAX_TASKS}"),
                ));
            }
            (Some(tasks), None) => v.int_in("workload.tasks", tasks, 1, MAX_TASKS)?,
            (None, Some(per_core)) => {
                let per_core = v.int_in("workload.tasks_per_core", per_core, 1, 10_000)?;
                (per_core * cores as i64).min(MAX_TASKS)
            }
        };
        let check_applies = |field: &str, present: bool, applies: bool| {
            if present && !applies {
                Err(v.invalid(
                    &format!("workload.{field}"),
                    "(set)",
                    format!("does not apply to kind = \"{kind}\"; remove it"),
                ))
            } else {
                Ok(())
            }
        };
        check_applies("cpu_ms", w.cpu_ms.is_some(), kind.uses_cpu())?;
        check_applies("cpu_iters", w.cpu_iters.is_some(), kind.uses_cpu())?;
        check_applies("io_ms", w.io_ms.is_some(), kind.uses_io())?;
        check_applies("bytes", w.bytes.is_some(), kind.uses_bytes())?;
        check_applies(
            "io_rounds",
            w.io_rounds.is_some(),
            kind == WorkloadKind::Convoy,
        )?;

        let mut cpu_ms = None;
        let mut cpu_iters = 0u64;
        if kind.uses_cpu() {
            match (w.cpu_ms, w.cpu_iters) {
                (Some(_), Some(_)) => {
                    return Err(v.invalid(
                        "workload.cpu_iters",
                        w.cpu_iters.unwrap_or_default(),
                        "give either `cpu_ms` or `cpu_iters`, not both",
                    ));
                }
                (None, None) => {
                    return Err(v.invalid(
                        "workload.cpu_ms",
                        "(missing)",
                        format!("kind = \"{kind}\" needs `cpu_ms` (0 < ms <= {MAX_TASK_MS}) or `cpu_iters`"),
                    ));
                }
                (Some(ms), None) => {
                    cpu_ms = Some(v.ms("workload.cpu_ms", ms, false)?);
                }
                (None, Some(iters)) => {
                    cpu_iters = v.int_in("workload.cpu_iters", iters, 1, MAX_CPU_ITERS)? as u64;
                }
            }
        }
        let mut io_ns = 0u64;
        if kind.uses_io() {
            let ms = w.io_ms.ok_or_else(|| {
                v.invalid(
                    "workload.io_ms",
                    "(missing)",
                    format!("kind = \"{kind}\" needs `io_ms` (0 to {MAX_TASK_MS} ms)"),
                )
            })?;
            io_ns = (v.ms("workload.io_ms", ms, true)? * 1e6).round() as u64;
        }
        let mut bytes = 0u64;
        if kind.uses_bytes() {
            let b = w.bytes.ok_or_else(|| {
                v.invalid(
                    "workload.bytes",
                    "(missing)",
                    format!("kind = \"{kind}\" needs `bytes` (8 to {MAX_BYTES})"),
                )
            })?;
            bytes = v.int_in("workload.bytes", b, 8, MAX_BYTES)? as u64;
        }
        let mut io_rounds = 0u32;
        if kind == WorkloadKind::Convoy {
            io_rounds =
                v.int_in("workload.io_rounds", w.io_rounds.unwrap_or(50), 1, 10_000)? as u32;
            if tasks < 2 {
                return Err(v.invalid(
                    "workload.tasks",
                    tasks,
                    "kind = \"convoy\" needs at least 2 tasks: one I/O task and one or more CPU tasks",
                ));
            }
        }
        Ok((
            ResolvedWorkload {
                kind,
                tasks: tasks as u32,
                cpu_iters,
                slice_iters: 0,
                io_ns,
                bytes,
                io_rounds,
                fault: None,
            },
            cpu_ms,
        ))
    }
}

fn validate_run(
    v: &Validator<'_>,
    index: usize,
    spec: &RunSpec,
    workload: &ResolvedWorkload,
    cores: usize,
    machine: &MachineInfo,
) -> Result<RunPlan, PresetError> {
    let field = |name: &str| format!("runs[{index}].{name}");
    let model = spec.model;
    let tasks = i64::from(workload.tasks);
    let workers = match spec.workers {
        Some(workers) if !model.has_workers() => {
            let why = match model {
                Model::Threads => {
                    "`threads` starts one thread per task; use thread_pool for a fixed number"
                }
                _ => "this model always uses one thread",
            };
            return Err(v.invalid(
                &field("workers"),
                workers,
                format!("does not apply to model = \"{model}\": {why}"),
            ));
        }
        Some(workers) => {
            let max = if model == Model::ProcessPool {
                MAX_PROCESSES
            } else {
                MAX_WORKERS
            };
            v.int_in(&field("workers"), workers, 1, max)? as usize
        }
        None => match model {
            Model::Sequential | Model::AsyncSingle => 1,
            Model::Threads => workload.tasks as usize,
            _ => cores,
        },
    };
    if model == Model::Threads && tasks > MAX_THREADS {
        return Err(v.invalid(
            "workload.tasks",
            tasks,
            format!("runs[{index}] (model = \"threads\") starts one OS thread per task; at most {MAX_THREADS} — use thread_pool for more tasks"),
        ));
    }
    let gil = match (spec.gil, spec.switch_interval_ms) {
        (Some(true), _) | (None, Some(_)) if !model.allows_gil() => {
            return Err(v.invalid(
                &field(if spec.gil.is_some() { "gil" } else { "switch_interval_ms" }),
                spec.gil.map_or_else(|| format!("{:?}", spec.switch_interval_ms.unwrap_or_default()), |g| g.to_string()),
                format!("the simulated GIL applies only to model = \"threads\" or \"thread_pool\", not \"{model}\""),
            ));
        }
        (Some(true), interval) => {
            let ms = v.ms_in(
                &field("switch_interval_ms"),
                interval.unwrap_or(5.0),
                0.05,
                1000.0,
            )?;
            Some(GilConfig {
                switch_interval: Duration::from_secs_f64(ms / 1000.0),
            })
        }
        (Some(false) | None, Some(interval)) => {
            return Err(v.invalid(
                &field("switch_interval_ms"),
                interval,
                "applies only with gil = true",
            ));
        }
        (Some(false) | None, None) => None,
    };
    // How many tasks can be in flight at once, for memory and connection limits.
    let in_flight = match model {
        Model::Sequential | Model::AsyncSingle => 1,
        Model::Threads => tasks,
        _ => (workers as i64).min(tasks),
    };
    let in_flight = if matches!(model, Model::AsyncSingle | Model::AsyncMulti) {
        tasks
    } else {
        in_flight
    };
    if workload.kind == WorkloadKind::Net && in_flight > MAX_CONNECTIONS {
        return Err(v.invalid(
            "workload.tasks",
            tasks,
            format!("runs[{index}] (model = \"{model}\") would open {in_flight} loopback connections at once; at most {MAX_CONNECTIONS}"),
        ));
    }
    if workload.bytes > 0 && machine.memory_bytes > 0 {
        let held = match workload.kind {
            // Async models run memory work inline: one buffer at a time per thread.
            WorkloadKind::Memory if model == Model::AsyncSingle => 1,
            WorkloadKind::Memory if model == Model::AsyncMulti => workers as i64,
            _ => in_flight,
        };
        let need = (workload.bytes as u128) * (held.max(1) as u128);
        if need > u128::from(machine.memory_bytes / 2) {
            return Err(v.invalid(
                "workload.bytes",
                workload.bytes,
                format!(
                    "runs[{index}] (model = \"{model}\") would hold {held} buffers at once, {} MiB, more than half of this machine's {} MiB",
                    need / (1 << 20),
                    machine.memory_bytes / (1 << 20)
                ),
            ));
        }
    }
    let label = match &spec.label {
        Some(label) => {
            v.text(&field("label"), label, 80)?;
            label.clone()
        }
        None => default_label(spec, model, workers),
    };
    Ok(RunPlan {
        label,
        model,
        workers,
        gil,
    })
}

/// The label a run gets when the preset gives none: the model plus its options.
pub fn default_label(spec: &RunSpec, model: Model, workers: usize) -> String {
    let mut label = model.name().to_owned();
    let mut options = Vec::new();
    if model.has_workers() && spec.workers.is_some() {
        options.push(format!(
            "{workers} worker{}",
            if workers == 1 { "" } else { "s" }
        ));
    }
    if spec.gil == Some(true) {
        match spec.switch_interval_ms {
            Some(ms) => options.push(format!("GIL {ms} ms")),
            None => options.push("GIL".to_owned()),
        }
    }
    if !options.is_empty() {
        label.push_str(&format!(" ({})", options.join(", ")));
    }
    label
}

struct Validator<'a> {
    origin: &'a str,
}

impl Validator<'_> {
    fn invalid(
        &self,
        field: &str,
        value: impl fmt::Display,
        allowed: impl Into<String>,
    ) -> PresetError {
        PresetError::Invalid {
            path: self.origin.to_owned(),
            field: field.to_owned(),
            value: value.to_string(),
            allowed: allowed.into(),
        }
    }

    /// Names and labels end up in terminals, tables and SVG files: printable
    /// text of a sensible length only.
    fn text(&self, field: &str, value: &str, max_chars: usize) -> Result<(), PresetError> {
        if value.trim().is_empty() || value.chars().count() > max_chars {
            return Err(self.invalid(
                field,
                format!("{value:?}"),
                format!("must be 1 to {max_chars} characters"),
            ));
        }
        if value.chars().any(char::is_control) {
            return Err(self.invalid(
                field,
                format!("{value:?}"),
                "must not contain control characters (tabs, new lines, escapes)",
            ));
        }
        Ok(())
    }

    fn int_in(&self, field: &str, value: i64, min: i64, max: i64) -> Result<i64, PresetError> {
        if (min..=max).contains(&value) {
            Ok(value)
        } else {
            Err(self.invalid(field, value, format!("must be between {min} and {max}")))
        }
    }

    fn ms(&self, field: &str, value: f64, zero_ok: bool) -> Result<f64, PresetError> {
        let ok =
            value.is_finite() && value <= MAX_TASK_MS && (value > 0.0 || (zero_ok && value == 0.0));
        if ok {
            Ok(value)
        } else {
            let low = if zero_ok { "0 <=" } else { "0 <" };
            Err(self.invalid(
                field,
                value,
                format!("must be a time in ms with {low} ms <= {MAX_TASK_MS}"),
            ))
        }
    }

    fn ms_in(&self, field: &str, value: f64, min: f64, max: f64) -> Result<f64, PresetError> {
        if value.is_finite() && (min..=max).contains(&value) {
            Ok(value)
        } else {
            Err(self.invalid(field, value, format!("must be between {min} and {max} ms")))
        }
    }
}
