//! `runtime = "python"`: one repetition carried out by a real interpreter
//! running the lab's Python program (see `assets/python/lab_driver.py`).
//!
//! The program measures its own window (the moment before the pool is made
//! to the moment after it is shut down, as a person timing `with
//! ThreadPoolExecutor(...)` would), records every task on its own lanes with
//! `perf_counter_ns` (aligned to the lab's clock by one handshake) and sends
//! events and results in batches; this executor puts them on the recorder's
//! lanes and in the task results, exactly as the lab's own executors do, so
//! everything downstream — spans, metrics, timeline, charts — is shared.

use crate::tr;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;

use super::{ExecError, ExecReport, Executor, RunContext};
use crate::engine::measure::recorder::{Event, EventKind, Lane, LaneKind, UNKNOWN_CPU};
use crate::engine::python::process::{BatchLane, Driver, DriverError, FromDriver, Next};
use crate::engine::run::kernel;
use crate::engine::run::workload::{Services, TaskFailure, convoy_step_iters};
use crate::engine::spec::preset::{Model, PythonPlan, ResolvedWorkload};

/// Runs a repetition in a Python interpreter.
pub struct PythonRun;

/// Events the lab's Python program numbers on the wire, in its order.
const WIRE_KINDS: [EventKind; 6] = [
    EventKind::Start,
    EventKind::Running,
    // Not running though it wanted to (wall minus thread CPU time): under a
    // GIL build, waiting for the GIL; drawn and counted as a GIL wait.
    EventKind::GilWait,
    EventKind::IoWait,
    EventKind::End,
    EventKind::Failed,
];

/// Batches smaller than this are sent while the run goes (live timeline);
/// bigger ones wait for the end so that encoding them is not measured.
const LIVE_BATCH_EVENTS: u32 = 4096;

impl Executor for PythonRun {
    fn run(&self, ctx: &RunContext<'_>) -> Result<ExecReport, ExecError> {
        let plan = ctx.plan.python.as_ref().ok_or_else(|| ExecError::Runtime {
            what: "Python run",
            reason: tr!("err-no-interpreter-resolved"),
        })?;
        let cancelled = || ctx.cancel.is_cancelled();
        let mut driver = Driver::start(
            &plan.interpreter,
            plan.gil_flag,
            ctx.temp_root,
            ctx.python_startup_timeout,
            &cancelled,
        )
        .map_err(python_error)?;
        let offset = driver
            .request(&request(ctx, plan), &cancelled)
            .map_err(python_error)?;
        let interpreter_start =
            Duration::from_nanos(driver.hello_ns.saturating_sub(driver.spawned_ns));
        let mut session = Session {
            ctx,
            offset,
            lanes: HashMap::new(),
            first_start_ns: None,
            lane_kind: if ctx.plan.model == Model::ProcessPool {
                LaneKind::Process
            } else {
                LaneKind::Thread
            },
        };
        let finished = session.follow(&mut driver)?;
        let Some(finished) = finished else {
            // Cancelled: the interpreter and its workers are gone already.
            return Ok(ExecReport {
                interpreter_start: Some(interpreter_start),
                cpu_ns: Some(0),
                ..ExecReport::default()
            });
        };
        driver.finish(Duration::from_secs(5));
        let window = (
            session.lab_ns(finished.start_ns),
            session.lab_ns(finished.end_ns),
        );
        let pooled = matches!(
            ctx.plan.model,
            Model::ThreadPool | Model::ProcessPool | Model::InterpreterPool | Model::AsyncSingle
        );
        Ok(ExecReport {
            startup: session
                .first_start_ns
                .filter(|_| pooled)
                .map(|first| Duration::from_nanos(first.saturating_sub(window.0))),
            interpreter_start: Some(interpreter_start),
            window_ns: Some(window),
            cpu_ns: Some(finished.cpu_ns),
            ..ExecReport::default()
        })
    }
}

/// The request the lab's Python program gets.
fn request(ctx: &RunContext<'_>, plan: &PythonPlan) -> serde_json::Value {
    run_request(
        ctx.plan.model,
        ctx.plan.workers,
        ctx.work,
        ctx.services,
        plan,
    )
}

/// The request for one repetition of `model` with `workers` (also used by
/// the benchmark, which adds `"record": false` for a plain run).
pub fn run_request(
    model: Model,
    workers: usize,
    work: &ResolvedWorkload,
    services: &Services,
    plan: &PythonPlan,
) -> serde_json::Value {
    json!({
        "mode": "run",
        "model": model.name(),
        "workers": workers,
        "start_method": plan.start_method.map(|m| m.name()),
        "switch_interval_s": plan.switch_interval_s,
        "flush_every_ms": 50,
        "live_limit": LIVE_BATCH_EVENTS,
        "work": work_request(work),
        "services": {
            "echo_addr": services.echo_addr.map(|a| a.to_string()),
            "temp_dir": services.temp_dir.as_ref().map(|d| d.display().to_string()),
        },
    })
}

/// The workload as the Python program reads it. `chunk_iters` is about a
/// millisecond of its computation: how often it reads its thread's CPU clock.
fn work_request(work: &ResolvedWorkload) -> serde_json::Value {
    json!({
        "kind": work.kind.name(),
        "tasks": work.tasks,
        "cpu_iters": work.cpu_iters,
        "chunk_iters": work.slice_iters.saturating_mul(10).max(1),
        "convoy_step_iters": convoy_step_iters(work),
        "io_ns": work.io_ns,
        "bytes": work.bytes,
        "io_rounds": work.io_rounds,
        "serial_iters": work.serial_iters,
        // The Python program knows one fault: a task that raises.
        "fault_task": match work.fault {
            Some(crate::engine::spec::preset::Fault::Panic { task }) => Some(task),
            _ => None,
        },
    })
}

fn python_error(error: DriverError) -> ExecError {
    ExecError::Python {
        reason: error.to_string(),
    }
}

/// The end of the measured window, in the program's clock.
struct Finished {
    start_ns: u64,
    end_ns: u64,
    cpu_ns: u64,
}

/// One repetition being followed.
struct Session<'a, 'c> {
    ctx: &'a RunContext<'c>,
    offset: i128,
    lanes: HashMap<(u32, u64), Arc<Lane>>,
    first_start_ns: Option<u64>,
    lane_kind: LaneKind,
}

impl Session<'_, '_> {
    fn lab_ns(&self, their_ns: u64) -> u64 {
        u64::try_from(i128::from(their_ns) + self.offset).unwrap_or(0)
    }

    /// Reads messages until the program says goodbye; `None` when cancelled.
    fn follow(&mut self, driver: &mut Driver) -> Result<Option<Finished>, ExecError> {
        let mut finished = None;
        let mut watchdog = Watchdog::new(self.ctx.plan.task_timeout);
        loop {
            if self.ctx.cancel.is_cancelled() {
                driver.kill();
                return Ok(None);
            }
            if let Some(limit) = watchdog.expired() {
                driver.kill();
                return Err(ExecError::Python {
                    reason: tr!(
                        "err-python-timeout",
                        seconds = crate::i18n::number(limit.as_secs_f64(), 1)
                    ),
                });
            }
            match driver.next(Duration::from_millis(10)) {
                Next::Timeout => {}
                Next::Message(FromDriver::Batch { lanes, results }) => {
                    if !results.is_empty() {
                        watchdog.progress();
                    }
                    self.take_batch(&lanes, results);
                }
                Next::Message(FromDriver::Finished {
                    t_start_ns,
                    t_end_ns,
                    cpu_ns,
                    worker_cpu_ns,
                    serial_state,
                    ..
                }) => {
                    let serial = self.ctx.work.serial_iters;
                    let expected = kernel::jump(kernel::seed(kernel::SERIAL_PART), serial);
                    if serial > 0 && serial_state != Some(expected) {
                        driver.kill();
                        return Err(ExecError::SerialPart);
                    }
                    finished = Some(Finished {
                        start_ns: t_start_ns,
                        end_ns: t_end_ns,
                        cpu_ns: cpu_ns.saturating_add(worker_cpu_ns),
                    });
                }
                Next::Message(FromDriver::Bye) => {
                    return finished.map(Some).ok_or_else(|| ExecError::Python {
                        reason: tr!("err-python-no-measurements"),
                    });
                }
                Next::Message(FromDriver::Error { message }) => {
                    let error = driver.reported(message);
                    driver.kill();
                    return Err(python_error(error));
                }
                Next::Message(_) => {}
                Next::Closed => return Err(python_error(driver.died())),
            }
        }
    }

    fn take_batch(
        &mut self,
        lanes: &[BatchLane],
        results: Vec<(u32, Option<u64>, Option<String>)>,
    ) {
        for batch in lanes {
            let lane = self.lane(batch);
            let events: Vec<Event> = batch
                .events
                .chunks_exact(4)
                .filter_map(|e| self.event(e))
                .collect();
            if let Some(first) = events
                .iter()
                .filter(|e| e.kind == EventKind::Start)
                .map(|e| e.t_ns)
                .min()
            {
                self.first_start_ns = Some(self.first_start_ns.map_or(first, |f| f.min(first)));
            }
            lane.inject(&events);
        }
        for (task, checksum, error) in results {
            let outcome = match (checksum, error) {
                (Some(checksum), None) => Ok(checksum),
                (_, Some(error)) => Err(TaskFailure::Error(error)),
                (None, None) => Err(TaskFailure::Error(tr!("err-returned-nothing"))),
            };
            self.ctx.results.set(task, &outcome);
        }
    }

    fn lane(&mut self, batch: &BatchLane) -> Arc<Lane> {
        let kind = self.lane_kind;
        let recorder = self.ctx.recorder;
        Arc::clone(self.lanes.entry((batch.pid, batch.tid)).or_insert_with(|| {
            let (os_id, name) = match kind {
                LaneKind::Process => (u64::from(batch.pid), format!("process {}", batch.pid)),
                LaneKind::Thread => (batch.tid, batch.name.clone()),
            };
            recorder.add_external_lane(kind, os_id, name)
        }))
    }

    fn event(&self, wire: &[i64]) -> Option<Event> {
        let [t_ns, task, cpu, kind] = *wire else {
            return None;
        };
        Some(Event {
            t_ns: self.lab_ns(u64::try_from(t_ns).ok()?),
            task: u32::try_from(task).ok()?,
            worker: 0,
            cpu: u32::try_from(cpu).unwrap_or(UNKNOWN_CPU),
            kind: *WIRE_KINDS.get(usize::try_from(kind).ok()?)?,
        })
    }
}

/// Stops a run in which no task has ended for `task_timeout_s`.
struct Watchdog {
    limit: Option<Duration>,
    since: Instant,
}

impl Watchdog {
    fn new(limit: Option<Duration>) -> Self {
        Watchdog {
            limit,
            since: Instant::now(),
        }
    }

    fn progress(&mut self) {
        self.since = Instant::now();
    }

    fn expired(&self) -> Option<Duration> {
        self.limit.filter(|limit| self.since.elapsed() > *limit)
    }
}
