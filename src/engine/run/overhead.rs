//! What each executor costs per task on this machine: a tiny-task
//! calibration (empty tasks, as in `benches/overhead.rs`), measured once per
//! model and worker count and kept for the life of the process. The
//! predicted-versus-measured account charges a run its tasks times this.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use super::cancel::CancelToken;
use super::executor::RunContext;
use super::runner::ExecutorFactory;
use super::workload::{Services, TaskResults};
use crate::engine::measure::recorder::Recorder;
use crate::engine::spec::preset::{Model, ResolvedWorkload, RunPlan, WorkloadKind};

/// Tasks in the short and the long calibration run: their difference
/// leaves start-up out (it is charged on its own).
const FEW: u32 = 20;
const MANY: u32 = 220;

/// Keyed by the executor factory too: a test's stand-in never answers
/// for the real executors.
type Cache = Mutex<HashMap<(usize, Model, usize), Option<f64>>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Seconds of wall time one more empty task adds under `model` with
/// `workers` (the threads model: one thread per task); `None` when the
/// calibration could not run or was cancelled.
pub fn per_task_cost(
    executors: ExecutorFactory,
    model: Model,
    workers: usize,
    worker_exe: &Path,
    cancel: &CancelToken,
) -> Option<f64> {
    let key = (executors as usize, model, workers.max(1));
    if let Some(cost) = cache().lock().ok()?.get(&key) {
        return *cost;
    }
    let few = wall_of_empty_tasks(executors, model, key.2, FEW, worker_exe, cancel)?;
    let many = wall_of_empty_tasks(executors, model, key.2, MANY, worker_exe, cancel)?;
    let cost = Some(((many - few) / f64::from(MANY - FEW)).max(0.0));
    if let Ok(mut cache) = cache().lock() {
        cache.insert(key, cost);
    }
    cost
}

fn wall_of_empty_tasks(
    executors: ExecutorFactory,
    model: Model,
    workers: usize,
    tasks: u32,
    worker_exe: &Path,
    cancel: &CancelToken,
) -> Option<f64> {
    let work = ResolvedWorkload {
        kind: WorkloadKind::Cpu,
        tasks,
        cpu_iters: 1,
        slice_iters: 1000,
        io_ns: 0,
        bytes: 0,
        io_rounds: 0,
        fault: None,
        cpu_ms: None,
        serial_iters: 0,
        serial_ms: None,
    };
    let workers = if model == Model::Threads {
        tasks as usize
    } else {
        workers
    };
    let plan = RunPlan::lab(model.name(), model, workers);
    let services = Services::default();
    let recorder = Recorder::new();
    let results = Arc::new(TaskResults::new(tasks));
    let notices = |_| {};
    let stop = cancel.child();
    let ctx = RunContext {
        plan: &plan,
        work: &work,
        services: &services,
        cancel: &stop,
        recorder: &recorder,
        results: &results,
        worker_exe,
        notices: &notices,
        temp_root: None,
        python_startup_timeout: Duration::from_secs(20),
    };
    let start = Instant::now();
    executors(&plan).run(&ctx).ok()?;
    let wall = start.elapsed().as_secs_f64();
    (!cancel.is_cancelled() && results.finished() == tasks as usize).then_some(wall)
}
