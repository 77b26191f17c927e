//! Validation: every field of a preset checked before anything runs, one
//! rule per function, stopping at the first problem with a message that
//! names the file, the field, the value and what is allowed.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::plan::{Experiment, GilConfig, PythonPlan, ResolvedWorkload, RunPlan};
use super::preset::*;
use super::sweep;
use crate::engine::measure::machine::MachineInfo;
use crate::engine::python::{PythonInfo, Pythons};
use crate::engine::run::kernel::Calibration;
use crate::tr;

/// What validation needs to know about this machine, given to it (rather
/// than read from globals) so that preset tests do not depend on the speed or
/// the interpreters of the machine they run on.
pub struct ValidationEnv<'a> {
    /// Cores and memory.
    pub machine: &'a MachineInfo,
    /// The kernel's speed here (asked only when needed).
    pub calibration: &'a dyn Fn() -> Calibration,
    /// The Python interpreters here (asked only for Python runs).
    pub pythons: &'a dyn Fn() -> Arc<Pythons>,
}

/// Longest description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 2000;

impl Preset {
    /// Checks every field and resolves defaults for this machine, with its
    /// kernel speed from `calibration` and its interpreters looked for once.
    pub fn validate(
        &self,
        origin: &str,
        machine: &MachineInfo,
        calibration: impl Fn() -> Calibration,
    ) -> Result<Experiment, PresetError> {
        self.validate_in(
            origin,
            &ValidationEnv {
                machine,
                calibration: &calibration,
                pythons: &crate::engine::python::pythons,
            },
        )
    }

    /// Checks every field for this machine: its cores and memory, its kernel
    /// speed and its Python interpreters (each measured or looked for once).
    pub fn validate_here(&self, origin: &str) -> Result<Experiment, PresetError> {
        self.validate(
            origin,
            MachineInfo::current(),
            crate::engine::run::kernel::calibration,
        )
    }

    /// Checks every field and resolves defaults in a given environment.
    pub fn validate_in(
        &self,
        origin: &str,
        env: &ValidationEnv<'_>,
    ) -> Result<Experiment, PresetError> {
        let machine = env.machine;
        let v = Validator { origin };
        if self.version != PRESET_VERSION {
            return Err(v.invalid(
                "version",
                self.version,
                tr!("val-version", version = PRESET_VERSION),
            ));
        }
        v.text("name", &self.name, 200)?;
        v.description(&self.description)?;
        let repetitions = v.int_in("repetitions", self.repetitions, 1, 100)?;
        let warmup = v.int_in("warmup", self.warmup, 0, 20)?;
        let cores = machine.cores.max(1);
        let measured = (env.calibration)();
        let workload = resolve_workload(&self.workload, &v, cores, measured)?;
        // Recorded only when it sized work.
        let calibration = if workload.cpu_ms.is_some() || workload.serial_ms.is_some() {
            measured
        } else {
            Calibration {
                iterations_per_ms: 0.0,
            }
        };

        if self.runs.is_empty() {
            return Err(v.invalid("runs", "[]", tr!("val-runs-none")));
        }
        if self.runs.len() > MAX_RUNS {
            return Err(v.invalid(
                "runs",
                self.runs.len(),
                tr!("val-runs-too-many", max = MAX_RUNS),
            ));
        }
        let (runs, notices) = self.plan_runs(&v, &workload, cores, measured, env)?;
        let baseline = match &self.baseline {
            None => 0,
            Some(label) => runs
                .iter()
                .position(|r| &r.label == label || r.sweep_of.as_ref() == Some(label))
                .ok_or_else(|| {
                    let labels: Vec<String> =
                        runs.iter().map(|r| format!("{:?}", r.label)).collect();
                    v.invalid(
                        "baseline",
                        format!("{label:?}"),
                        tr!("val-baseline", labels = labels.join(", ")),
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
            notices,
        })
    }

    /// The runs, validated: one per preset run, or, in a sweep, one per
    /// value for every run that takes the swept parameter.
    fn plan_runs(
        &self,
        v: &Validator<'_>,
        workload: &ResolvedWorkload,
        cores: usize,
        measured: Calibration,
        env: &ValidationEnv<'_>,
    ) -> Result<(Vec<RunPlan>, Vec<String>), PresetError> {
        let sweep = self.sweep.as_ref();
        if let Some(sweep) = sweep {
            self.check_sweep(sweep, v)?;
        }
        let mut runs: Vec<RunPlan> = Vec::with_capacity(self.runs.len());
        let mut notices = Vec::new();
        for (index, spec) in self.runs.iter().enumerate() {
            if let Some(notice) = skipped_python_run(v.origin, index, spec, env) {
                notices.push(notice);
                continue;
            }
            let check = |spec: &RunSpec, workload: &ResolvedWorkload| {
                let check = RunCheck {
                    v,
                    index,
                    spec,
                    workload,
                    cores,
                };
                validate_run(&check, env)
            };
            let plans = match sweep.filter(|s| s.applies_to(spec)) {
                None => vec![check(spec, workload)?],
                Some(sweep) => {
                    let mut plans = Vec::with_capacity(sweep.values.len());
                    for &value in &sweep.values {
                        let own_work = sweep::workload_at(sweep.parameter, &self.workload, value)
                            .map(|w| resolve_workload(&w, v, cores, measured))
                            .transpose()?;
                        let at = sweep::run_at(sweep.parameter, spec, value);
                        let mut plan = check(&at, own_work.as_ref().unwrap_or(workload))?;
                        // Named by the run's own label (a default one names the value already).
                        let base = match &spec.label {
                            Some(label) => label.clone(),
                            None => check(spec, workload)?.label,
                        };
                        plan.label = sweep::label_at(&base, sweep.parameter, value);
                        plan.sweep_value = Some(value);
                        plan.sweep_of = Some(base);
                        plan.workload = own_work.map(Box::new);
                        plans.push(plan);
                    }
                    plans
                }
            };
            for plan in plans {
                if let Some(other) = runs.iter().position(|r| r.label == plan.label) {
                    return Err(v.invalid(
                        &format!("runs[{index}].label"),
                        format!("{:?}", plan.label),
                        tr!("val-label-taken", other = other + 1),
                    ));
                }
                runs.push(plan);
            }
        }
        Ok((runs, notices))
    }

    /// A sweep's values suit its parameter, some run takes it, and the runs
    /// it expands into stay few enough to compare.
    fn check_sweep(&self, sweep: &SweepSpec, v: &Validator<'_>) -> Result<(), PresetError> {
        let parameter = sweep.parameter;
        if sweep.values.is_empty() || sweep.values.len() > sweep::MAX_VALUES {
            return Err(v.invalid(
                "sweep.values",
                sweep.values.len(),
                tr!("val-sweep-values-count", max = sweep::MAX_VALUES),
            ));
        }
        for (i, &value) in sweep.values.iter().enumerate() {
            let field = format!("sweep.values[{i}]");
            let whole = value.is_finite() && value.fract() == 0.0;
            match parameter {
                SweepParameter::Workers => {
                    if !whole {
                        return Err(v.invalid(&field, value, tr!("val-sweep-whole")));
                    }
                    v.int_in(&field, value as i64, 1, MAX_WORKERS)?;
                }
                SweepParameter::Tasks => {
                    if !whole {
                        return Err(v.invalid(&field, value, tr!("val-sweep-whole")));
                    }
                    v.int_in(&field, value as i64, 1, MAX_TASKS)?;
                }
                SweepParameter::SwitchIntervalMs => {
                    v.ms_in(&field, value, 0.05, 1000.0)?;
                }
                SweepParameter::CpuMs | SweepParameter::IoMs => {
                    v.ms(&field, value, false)?;
                }
            }
            if sweep.values[..i].contains(&value) {
                return Err(v.invalid(&field, value, tr!("val-sweep-repeated")));
            }
        }
        if !self.runs.iter().any(|r| sweep.applies_to(r)) {
            return Err(v.invalid(
                "sweep.parameter",
                format!("\"{}\"", parameter.name()),
                tr!("val-sweep-no-run", parameter = parameter.name()),
            ));
        }
        let expanded = sweep.expanded_len(&self.runs);
        if expanded > sweep::MAX_SWEPT_RUNS {
            return Err(v.invalid(
                "sweep.values",
                sweep.values.len(),
                tr!(
                    "val-sweep-too-many-runs",
                    runs = expanded,
                    max = sweep::MAX_SWEPT_RUNS
                ),
            ));
        }
        Ok(())
    }

    fn validate_workload(
        w: &WorkloadSpec,
        v: &Validator<'_>,
        cores: usize,
    ) -> Result<(ResolvedWorkload, Option<f64>), PresetError> {
        let kind = w.kind;
        let tasks = workload_tasks(w, v, cores)?;
        check_fields_apply(w, v)?;
        let (cpu_ms, cpu_iters) = workload_cpu(w, v)?;
        let io_ns = workload_io_ns(w, v)?;
        let bytes = workload_bytes(w, v)?;
        let serial_ms = match w.serial_ms {
            Some(ms) => Some(v.ms("workload.serial_ms", ms, false)?),
            None => None,
        };
        let io_rounds = workload_io_rounds(w, v, tasks)?;
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
                cpu_ms: None,
                serial_iters: 0,
                serial_ms,
            },
            cpu_ms,
        ))
    }
}

/// The task count, given outright or per core (then scaled to this
/// machine, within the same cap); exactly one of the two.
fn workload_tasks(w: &WorkloadSpec, v: &Validator<'_>, cores: usize) -> Result<i64, PresetError> {
    Ok(match (w.tasks, w.tasks_per_core) {
        (Some(_), Some(_)) => {
            return Err(v.invalid(
                "workload.tasks_per_core",
                w.tasks_per_core.unwrap_or_default(),
                tr!("val-tasks-both"),
            ));
        }
        (None, None) => {
            return Err(v.invalid(
                "workload.tasks",
                tr!("val-missing"),
                tr!("val-tasks-missing", max = MAX_TASKS),
            ));
        }
        (Some(tasks), None) => v.int_in("workload.tasks", tasks, 1, MAX_TASKS)?,
        (None, Some(per_core)) => {
            let per_core = v.int_in("workload.tasks_per_core", per_core, 1, 10_000)?;
            (per_core * cores as i64).min(MAX_TASKS)
        }
    })
}

/// Refuses a field the kind has no use for: silently ignoring it would let
/// a person believe it changed the run.
fn check_fields_apply(w: &WorkloadSpec, v: &Validator<'_>) -> Result<(), PresetError> {
    let kind = w.kind;
    let check_applies = |field: &str, present: bool, applies: bool| {
        if present && !applies {
            Err(v.invalid(
                &format!("workload.{field}"),
                tr!("val-set"),
                tr!("val-not-for-kind", kind = kind.name()),
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
    )
}

/// The computation per task: milliseconds (turned into iterations later,
/// with this machine's calibration) or a fixed iteration count, exactly one.
fn workload_cpu(w: &WorkloadSpec, v: &Validator<'_>) -> Result<(Option<f64>, u64), PresetError> {
    let kind = w.kind;
    let mut cpu_ms = None;
    let mut cpu_iters = 0u64;
    if kind.uses_cpu() {
        match (w.cpu_ms, w.cpu_iters) {
            (Some(_), Some(_)) => {
                return Err(v.invalid(
                    "workload.cpu_iters",
                    w.cpu_iters.unwrap_or_default(),
                    tr!("val-cpu-both"),
                ));
            }
            (None, None) => {
                return Err(v.invalid(
                    "workload.cpu_ms",
                    tr!("val-missing"),
                    tr!("val-cpu-missing", kind = kind.name(), max = MAX_TASK_MS),
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
    Ok((cpu_ms, cpu_iters))
}

/// The wait per task in nanoseconds, required by the kinds that wait.
fn workload_io_ns(w: &WorkloadSpec, v: &Validator<'_>) -> Result<u64, PresetError> {
    let kind = w.kind;
    let mut io_ns = 0u64;
    if kind.uses_io() {
        let ms = w.io_ms.ok_or_else(|| {
            v.invalid(
                "workload.io_ms",
                tr!("val-missing"),
                tr!("val-io-missing", kind = kind.name(), max = MAX_TASK_MS),
            )
        })?;
        io_ns = (v.ms("workload.io_ms", ms, true)? * 1e6).round() as u64;
    }
    Ok(io_ns)
}

/// The bytes per task, required by the kinds that move bytes.
fn workload_bytes(w: &WorkloadSpec, v: &Validator<'_>) -> Result<u64, PresetError> {
    let kind = w.kind;
    let mut bytes = 0u64;
    if kind.uses_bytes() {
        let b = w.bytes.ok_or_else(|| {
            v.invalid(
                "workload.bytes",
                tr!("val-missing"),
                tr!("val-bytes-missing", kind = kind.name(), max = MAX_BYTES),
            )
        })?;
        bytes = v.int_in("workload.bytes", b, 8, MAX_BYTES)? as u64;
    }
    Ok(bytes)
}

/// A convoy's waits (50 unless given); a convoy needs its I/O task and at
/// least one CPU task to hold it up.
fn workload_io_rounds(w: &WorkloadSpec, v: &Validator<'_>, tasks: i64) -> Result<u32, PresetError> {
    let mut io_rounds = 0u32;
    if w.kind == WorkloadKind::Convoy {
        io_rounds = v.int_in("workload.io_rounds", w.io_rounds.unwrap_or(50), 1, 10_000)? as u32;
        if tasks < 2 {
            return Err(v.invalid("workload.tasks", tasks, tr!("val-convoy-tasks")));
        }
    }
    Ok(io_rounds)
}

/// The workload resolved for this machine: defaults filled in, `cpu_ms` and
/// `serial_ms` turned into kernel iterations with its calibration.
fn resolve_workload(
    spec: &WorkloadSpec,
    v: &Validator<'_>,
    cores: usize,
    measured: Calibration,
) -> Result<ResolvedWorkload, PresetError> {
    let (mut workload, cpu_ms) = Preset::validate_workload(spec, v, cores)?;
    workload.slice_iters = measured.slice_iterations();
    workload.cpu_ms = cpu_ms;
    if let Some(ms) = cpu_ms {
        workload.cpu_iters = measured.iterations_for_ms(ms);
    }
    if let Some(ms) = workload.serial_ms {
        workload.serial_iters = measured.iterations_for_ms(ms);
    }
    Ok(workload)
}

/// A built-in preset's Python runs are skipped, with a notice, on a machine
/// with no usable interpreter: its lab runs still teach their lesson. A
/// person's own preset gets an error instead (they asked for Python).
fn skipped_python_run(
    origin: &str,
    index: usize,
    spec: &RunSpec,
    env: &ValidationEnv<'_>,
) -> Option<String> {
    let builtin = origin.starts_with("builtin:");
    if !builtin || spec.runtime() != Runtime::Python || spec.python.is_some() {
        return None;
    }
    let pythons = (env.pythons)();
    pythons.default_python().is_none().then(|| {
        tr!(
            "val-python-skipped",
            number = index + 1,
            label = spec
                .label
                .clone()
                .unwrap_or_else(|| spec.model.name().to_owned())
        )
    })
}

/// Everything a run's rules need to know.
struct RunCheck<'a> {
    v: &'a Validator<'a>,
    index: usize,
    spec: &'a RunSpec,
    workload: &'a ResolvedWorkload,
    cores: usize,
}

impl RunCheck<'_> {
    fn field(&self, name: &str) -> String {
        format!("runs[{}].{name}", self.index)
    }

    fn invalid(
        &self,
        name: &str,
        value: impl fmt::Display,
        allowed: impl Into<String>,
    ) -> PresetError {
        self.v.invalid(&self.field(name), value, allowed)
    }
}

fn validate_run(check: &RunCheck<'_>, env: &ValidationEnv<'_>) -> Result<RunPlan, PresetError> {
    let spec = check.spec;
    let runtime = spec.runtime();
    check_model_runs_in(check, runtime)?;
    let python = match runtime {
        Runtime::Lab => {
            check_python_fields_absent(check)?;
            None
        }
        Runtime::Python => Some(resolve_python(check, env)?),
    };
    let workers = check_workers(check)?;
    check_thread_count(check)?;
    let gil = match runtime {
        Runtime::Lab => check_simulated_gil(check)?,
        Runtime::Python => None,
    };
    check_task_timeout(check)?;
    check_connections(check, workers)?;
    check_memory(check, workers, env.machine)?;
    let label = match &spec.label {
        Some(label) => {
            check.v.text(&check.field("label"), label, 80)?;
            label.clone()
        }
        None => default_label_for(spec, spec.model, workers, python.as_ref()),
    };
    Ok(RunPlan {
        label,
        model: spec.model,
        workers,
        gil,
        runtime,
        python,
        task_timeout: spec.task_timeout_s.map(Duration::from_secs_f64),
        sweep_value: None,
        sweep_of: None,
        workload: None,
    })
}

/// `async_multi` and `rayon` have no Python counterpart; `interpreter_pool`
/// exists only in Python.
fn check_model_runs_in(check: &RunCheck<'_>, runtime: Runtime) -> Result<(), PresetError> {
    let model = check.spec.model;
    if model.runs_in(runtime) {
        return Ok(());
    }
    let why = match runtime {
        Runtime::Python => tr!("val-model-not-python", model = model.name()),
        Runtime::Lab => tr!("val-model-python-only", model = model.name()),
    };
    Err(check.invalid("model", format!("\"{model}\""), why))
}

fn check_python_fields_absent(check: &RunCheck<'_>) -> Result<(), PresetError> {
    let spec = check.spec;
    if let Some(python) = &spec.python {
        return Err(check.invalid(
            "python",
            format!("{:?}", clip(python)),
            tr!("val-python-only"),
        ));
    }
    if let Some(method) = spec.start_method {
        return Err(check.invalid(
            "start_method",
            format!("\"{}\"", method.name()),
            tr!("val-start-method-python-only"),
        ));
    }
    Ok(())
}

/// Finds the interpreter and checks what the run asks of it.
fn resolve_python(
    check: &RunCheck<'_>,
    env: &ValidationEnv<'_>,
) -> Result<PythonPlan, PresetError> {
    let spec = check.spec;
    let wanted = spec.python.as_deref();
    let shown = wanted.map_or_else(|| tr!("val-default"), |w| format!("{:?}", clip(w)));
    let interpreter = (env.pythons)()
        .resolve(wanted)
        .map_err(|e| check.invalid("python", &shown, clip(&e.to_string())))?;
    let name = interpreter.short_name();
    if spec.model == Model::InterpreterPool && !interpreter.interpreter_pool {
        return Err(check.invalid(
            "model",
            "\"interpreter_pool\"",
            tr!("val-no-interpreter-pool", name = name.clone()),
        ));
    }
    if spec.gil == Some(false) && !interpreter.free_threaded {
        return Err(check.invalid("gil", "false", tr!("val-gil-build", name = name.clone())));
    }
    let start_method = check_start_method(check, &interpreter)?;
    let switch_interval_s = match spec.switch_interval_ms {
        Some(ms) => Some(
            check
                .v
                .ms_in(&check.field("switch_interval_ms"), ms, 0.05, 1000.0)?
                / 1000.0,
        ),
        None => None,
    };
    Ok(PythonPlan {
        gil_flag: if interpreter.free_threaded {
            spec.gil
        } else {
            None
        },
        interpreter,
        start_method,
        switch_interval_s,
    })
}

/// `start_method` only for process pools, and only one this system offers.
fn check_start_method(
    check: &RunCheck<'_>,
    interpreter: &PythonInfo,
) -> Result<Option<StartMethod>, PresetError> {
    let spec = check.spec;
    match spec.start_method {
        Some(method) if spec.model != Model::ProcessPool => Err(check.invalid(
            "start_method",
            format!("\"{}\"", method.name()),
            tr!("val-start-method-process-pool", model = spec.model.name()),
        )),
        Some(method) if !interpreter.start_methods.iter().any(|m| m == method.name()) => Err(check
            .invalid(
                "start_method",
                format!("\"{}\"", method.name()),
                tr!(
                    "val-start-method-offered",
                    name = interpreter.short_name(),
                    methods = interpreter.start_methods.join(", ")
                ),
            )),
        Some(method) => Ok(Some(method)),
        None if spec.model == Model::ProcessPool => Ok(interpreter
            .start_method
            .as_deref()
            .and_then(StartMethod::from_name)),
        None => Ok(None),
    }
}

fn check_workers(check: &RunCheck<'_>) -> Result<usize, PresetError> {
    let model = check.spec.model;
    match check.spec.workers {
        Some(workers) if !model.has_workers() => {
            let why = match model {
                Model::Threads => "threads",
                _ => "one",
            };
            Err(check.invalid(
                "workers",
                workers,
                tr!("val-workers-not-for", model = model.name(), why = why),
            ))
        }
        Some(workers) => {
            let max = if model == Model::ProcessPool {
                MAX_PROCESSES
            } else {
                MAX_WORKERS
            };
            Ok(check.v.int_in(&check.field("workers"), workers, 1, max)? as usize)
        }
        None => Ok(match model {
            Model::Sequential | Model::AsyncSingle => 1,
            Model::Threads => check.workload.tasks as usize,
            _ => check.cores,
        }),
    }
}

fn check_thread_count(check: &RunCheck<'_>) -> Result<(), PresetError> {
    let tasks = i64::from(check.workload.tasks);
    if check.spec.model == Model::Threads && tasks > MAX_THREADS {
        return Err(check.v.invalid(
            "workload.tasks",
            tasks,
            tr!("val-threads", number = check.index + 1, max = MAX_THREADS),
        ));
    }
    Ok(())
}

/// The lab's simulated GIL: threads models only, interval in range.
fn check_simulated_gil(check: &RunCheck<'_>) -> Result<Option<GilConfig>, PresetError> {
    let spec = check.spec;
    let model = spec.model;
    match (spec.gil, spec.switch_interval_ms) {
        (Some(true), _) | (None, Some(_)) if !model.allows_gil() => Err(check.invalid(
            if spec.gil.is_some() {
                "gil"
            } else {
                "switch_interval_ms"
            },
            spec.gil.map_or_else(
                || format!("{:?}", spec.switch_interval_ms.unwrap_or_default()),
                |g| g.to_string(),
            ),
            tr!("val-gil-models", model = model.name()),
        )),
        (Some(true), interval) => {
            let ms = check.v.ms_in(
                &check.field("switch_interval_ms"),
                interval.unwrap_or(5.0),
                0.05,
                1000.0,
            )?;
            Ok(Some(GilConfig {
                switch_interval: Duration::from_secs_f64(ms / 1000.0),
            }))
        }
        (Some(false) | None, Some(interval)) => Err(check.invalid(
            "switch_interval_ms",
            interval,
            tr!("val-interval-needs-gil"),
        )),
        (Some(false) | None, None) => Ok(None),
    }
}

/// A time-out can stop a worker process or an interpreter, never a thread.
fn check_task_timeout(check: &RunCheck<'_>) -> Result<(), PresetError> {
    let Some(seconds) = check.spec.task_timeout_s else {
        return Ok(());
    };
    if check.spec.runtime() == Runtime::Lab && check.spec.model != Model::ProcessPool {
        return Err(check.invalid("task_timeout_s", seconds, tr!("val-timeout-where")));
    }
    if seconds.is_finite() && (0.01..=86_400.0).contains(&seconds) {
        Ok(())
    } else {
        Err(check.invalid("task_timeout_s", seconds, tr!("val-timeout-range")))
    }
}

/// How many tasks can be in flight at once, for memory and connection limits.
fn in_flight(model: Model, workers: usize, tasks: i64) -> i64 {
    match model {
        Model::Sequential => 1,
        Model::Threads | Model::AsyncSingle | Model::AsyncMulti => tasks,
        _ => (workers as i64).min(tasks),
    }
}

fn check_connections(check: &RunCheck<'_>, workers: usize) -> Result<(), PresetError> {
    let tasks = i64::from(check.workload.tasks);
    let model = check.spec.model;
    let in_flight = in_flight(model, workers, tasks);
    if check.workload.kind == WorkloadKind::Net && in_flight > MAX_CONNECTIONS {
        return Err(check.v.invalid(
            "workload.tasks",
            tasks,
            tr!(
                "val-connections",
                number = check.index + 1,
                model = model.name(),
                count = in_flight,
                max = MAX_CONNECTIONS
            ),
        ));
    }
    Ok(())
}

/// Buffers held at once must fit in half the machine's memory. Async models
/// run memory and file work inline, blocking the loop: one buffer at a time
/// per loop thread.
fn check_memory(
    check: &RunCheck<'_>,
    workers: usize,
    machine: &MachineInfo,
) -> Result<(), PresetError> {
    let workload = check.workload;
    if workload.bytes == 0 || machine.memory_bytes == 0 {
        return Ok(());
    }
    let model = check.spec.model;
    let held = match model {
        Model::AsyncSingle => 1,
        Model::AsyncMulti => workers as i64,
        _ => in_flight(model, workers, i64::from(workload.tasks)),
    };
    let need = u128::from(workload.bytes) * (held.max(1) as u128);
    if need > u128::from(machine.memory_bytes / 2) {
        return Err(check.v.invalid(
            "workload.bytes",
            workload.bytes,
            tr!(
                "val-memory",
                number = check.index + 1,
                model = model.name(),
                held = held,
                need = (need / (1 << 20)) as u64,
                memory = machine.memory_bytes / (1 << 20)
            ),
        ));
    }
    Ok(())
}

/// Characters that make a label read other than it is: direction overrides
/// and isolates (a label that shows "sequential" while it sorts as
/// something else) and zero-width ones.
fn is_invisible_or_reordering(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{061C}'
            | '\u{FEFF}'
    )
}

/// Long input is cut before it is repeated in a message.
fn clip(text: &str) -> String {
    crate::engine::python::process::clip(text, 120)
}

/// The label a lab run gets when the preset gives none: the model plus its options.
pub fn default_label(spec: &RunSpec, model: Model, workers: usize) -> String {
    default_label_for(spec, model, workers, None)
}

/// The label a run gets when the preset gives none: the model plus its
/// options, and the interpreter for a Python run.
pub fn default_label_for(
    spec: &RunSpec,
    model: Model,
    workers: usize,
    python: Option<&PythonPlan>,
) -> String {
    let mut label = model.name().to_owned();
    let mut options = Vec::new();
    if let Some(python) = python {
        options.push(python.interpreter.short_name());
    }
    if model.has_workers() && spec.workers.is_some() {
        options.push(format!(
            "{workers} worker{}",
            if workers == 1 { "" } else { "s" }
        ));
    }
    if python.is_some() {
        if let Some(ms) = spec.switch_interval_ms {
            options.push(format!("switch {ms} ms"));
        }
        if let Some(gil) = python.and_then(|p| p.gil_flag) {
            options.push(if gil { "GIL on" } else { "GIL off" }.to_owned());
        }
        if let Some(method) = spec.start_method {
            options.push(method.name().to_owned());
        }
    } else if spec.gil == Some(true) {
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
            // A megabyte of input is not repeated in a message.
            value: clip(&value.to_string()),
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
                tr!("val-text-length", max = max_chars),
            ));
        }
        if value.chars().any(char::is_control) {
            return Err(self.invalid(field, format!("{value:?}"), tr!("val-text-control")));
        }
        if value.chars().any(is_invisible_or_reordering) {
            return Err(self.invalid(field, format!("{value:?}"), tr!("val-text-invisible")));
        }
        Ok(())
    }

    /// A description may run over lines, but not on forever, and hides nothing.
    fn description(&self, value: &str) -> Result<(), PresetError> {
        let bad_char = value
            .chars()
            .any(|c| (c.is_control() && c != '\n' && c != '\t') || is_invisible_or_reordering(c));
        if value.chars().count() > MAX_DESCRIPTION_CHARS || bad_char {
            return Err(self.invalid(
                "description",
                format!("{:?}", clip(value)),
                tr!("val-description", max = MAX_DESCRIPTION_CHARS),
            ));
        }
        Ok(())
    }

    fn int_in(&self, field: &str, value: i64, min: i64, max: i64) -> Result<i64, PresetError> {
        if (min..=max).contains(&value) {
            Ok(value)
        } else {
            Err(self.invalid(field, value, tr!("val-between", min = min, max = max)))
        }
    }

    fn ms(&self, field: &str, value: f64, zero_ok: bool) -> Result<f64, PresetError> {
        let ok =
            value.is_finite() && value <= MAX_TASK_MS && (value > 0.0 || (zero_ok && value == 0.0));
        if ok {
            Ok(value)
        } else {
            let allowed = if zero_ok {
                tr!("val-ms-or-zero", max = MAX_TASK_MS)
            } else {
                tr!("val-ms", max = MAX_TASK_MS)
            };
            Err(self.invalid(field, value, allowed))
        }
    }

    fn ms_in(&self, field: &str, value: f64, min: f64, max: f64) -> Result<f64, PresetError> {
        if value.is_finite() && (min..=max).contains(&value) {
            Ok(value)
        } else {
            Err(self.invalid(field, value, tr!("val-between-ms", min = min, max = max)))
        }
    }
}

/// Reads a preset file or built-in and validates it for this machine — the
/// one way the command line runs a preset and the window opens one.
pub fn load_experiment(source: &str) -> Result<(Preset, Experiment), PresetError> {
    let (preset, origin) = super::preset::load(source)?;
    let mut experiment = preset.validate_here(&origin)?;
    experiment
        .notices
        .extend(super::preset::shadow_notice(source));
    Ok((preset, experiment))
}
