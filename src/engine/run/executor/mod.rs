//! Execution models: one module each, behind one small trait.
//!
//! An executor runs every task of a workload its own way and returns when all
//! have ended or the run was cancelled. It records through the thread-local
//! recorder (each worker thread attaches itself) and stores outcomes in
//! [`TaskResults`]; it never computes statistics.

mod async_multi;
mod async_single;
mod process_pool;
pub mod python;
mod rayon_pool;
mod sequential;
mod thread_pool;
mod threads;

use std::path::Path;

use crate::tr;
use std::sync::Arc;
use std::time::Duration;

use crate::engine::measure::recorder::CpuAccounting;
use crate::engine::measure::recorder::Recorder;
use crate::engine::run::cancel::CancelToken;
use crate::engine::run::gil::{Gil, GilThreadStats};
use crate::engine::run::workload::{Services, TaskEnv, TaskResults, execute_task};
use crate::engine::spec::preset::{Model, ResolvedWorkload, RunPlan, Runtime};

pub use process_pool::{
    TaskLimit, WATCHDOG_FLOOR, WORKER_ARG, WORKER_PROCESS_NAME, watchdog_for, worker_main,
};

/// Everything an executor needs for one run.
pub struct RunContext<'a> {
    /// The run: model, workers, GIL.
    pub plan: &'a RunPlan,
    /// The work.
    pub work: &'a ResolvedWorkload,
    /// Echo server and temporary folder.
    pub services: &'a Services,
    /// Stops the run.
    pub cancel: &'a CancelToken,
    /// Where workers record.
    pub recorder: &'a Arc<Recorder>,
    /// Where workers store outcomes.
    pub results: &'a Arc<TaskResults>,
    /// The lab's own executable, started again as a process-pool worker.
    pub worker_exe: &'a Path,
    /// Tells the runner about worker processes as they start.
    pub notices: &'a (dyn Fn(ExecNotice) + Sync),
    /// Where temporary folders go (default: the OS's).
    pub temp_root: Option<&'a Path>,
    /// How long a Python interpreter may take to start.
    pub python_startup_timeout: Duration,
}

impl RunContext<'_> {
    /// What a blocking task body needs.
    pub fn env(&self) -> TaskEnv<'_> {
        TaskEnv {
            work: self.work,
            services: self.services,
            cancel: self.cancel,
        }
    }

    /// A fresh GIL when the run asks for one.
    pub fn gil(&self) -> Option<Gil> {
        self.plan.gil.map(|config| Gil::new(config.switch_interval))
    }
}

/// Things an executor reports while it runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExecNotice {
    /// Worker processes started (process ids).
    WorkersStarted(Vec<u32>),
    /// A worker process died and another took its place.
    WorkerReplaced {
        /// The dead one.
        died: u32,
        /// Its replacement, if one could be started.
        replacement: Option<u32>,
    },
}

/// What an executor measured besides the tasks themselves.
#[derive(Debug, Clone, Default)]
pub struct ExecReport {
    /// Time to get the pool, runtime or processes ready.
    pub startup: Option<Duration>,
    /// CPU time spent outside the recorder's worker threads: worker
    /// processes (they report it when they exit) and the threads feeding them.
    pub extra_cpu_ns: u64,
    /// Per-thread GIL statistics.
    pub gil: Vec<GilThreadStats>,
    /// Worker processes that died and were replaced.
    pub replaced_workers: u32,
    /// The measured window in monotonic ns, when the executor measured it
    /// itself (a Python program times its own pool, not its interpreter's start).
    pub window_ns: Option<(u64, u64)>,
    /// All CPU time of the run, ns, when the executor measured it itself
    /// (then the runner counts no thread of its own).
    pub cpu_ns: Option<u64>,
    /// How long the interpreter took to start (Python runs).
    pub interpreter_start: Option<Duration>,
}

/// Why a run could not be carried out (distinct from tasks that failed).
#[derive(Debug)]
pub enum ExecError {
    /// The OS refused a thread.
    Thread {
        /// Thread name.
        name: String,
        /// The OS's reason.
        source: std::io::Error,
    },
    /// The OS refused a runtime or pool.
    Runtime {
        /// tokio runtime, rayon pool...
        what: &'static str,
        /// Why.
        reason: String,
    },
    /// A Python interpreter failed the run.
    Python {
        /// What happened, with the interpreter's last words.
        reason: String,
    },
    /// A worker process could not be started or spoke nonsense.
    Worker {
        /// The executable.
        exe: String,
        /// Why.
        reason: String,
    },
    /// The serial part before the tasks reached a wrong state.
    SerialPart,
}

impl std::fmt::Display for ExecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            ExecError::Thread { name, source } => tr!(
                "err-thread",
                name = name.clone(),
                reason = source.to_string()
            ),
            ExecError::Runtime { what, reason } => {
                tr!("err-runtime", what = *what, reason = reason.clone())
            }
            ExecError::Python { reason } => reason.clone(),
            ExecError::Worker { exe, reason } => {
                tr!("err-worker", exe = exe.clone(), reason = reason.clone())
            }
            ExecError::SerialPart => tr!("err-serial-part"),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for ExecError {}

/// One execution model.
pub trait Executor: Send + Sync {
    /// Runs every task; returns when all ended or the run was cancelled.
    fn run(&self, ctx: &RunContext<'_>) -> Result<ExecReport, ExecError>;
}

/// The executor for a run: the lab's own for its model, or a Python interpreter.
pub fn executor_for(plan: &RunPlan) -> Box<dyn Executor> {
    if plan.runtime == Runtime::Python {
        return Box::new(python::PythonRun);
    }
    match plan.model {
        Model::Sequential => Box::new(sequential::Sequential),
        Model::Threads => Box::new(threads::ThreadPerTask),
        Model::ThreadPool => Box::new(thread_pool::ThreadPool),
        Model::ProcessPool => Box::new(process_pool::ProcessPool),
        Model::AsyncSingle => Box::new(async_single::AsyncSingle),
        Model::AsyncMulti => Box::new(async_multi::AsyncMulti),
        Model::Rayon => Box::new(rayon_pool::RayonPool),
        // Validation keeps it out of lab runs; run it sequentially if it slips through.
        Model::InterpreterPool => Box::new(sequential::Sequential),
    }
}

/// What a worker thread needs, borrowed from the run.
#[derive(Clone, Copy)]
struct WorkerParts<'a> {
    env: TaskEnv<'a>,
    results: &'a TaskResults,
    recorder: &'a Arc<Recorder>,
    gil: Option<&'a Gil>,
}

impl<'a> WorkerParts<'a> {
    fn of(ctx: &'a RunContext<'a>, gil: Option<&'a Gil>) -> Self {
        WorkerParts {
            env: ctx.env(),
            results: ctx.results,
            recorder: ctx.recorder,
            gil,
        }
    }

    /// Starts a named OS thread in `scope` that records as a worker, takes
    /// its own handle on the GIL (if the run has one), and runs every task
    /// `tasks` yields — one for a thread per task, many for a pool.
    fn spawn<'scope>(
        self,
        scope: &'scope std::thread::Scope<'scope, 'a>,
        thread: std::thread::Builder,
        buffer_events: usize,
        tasks: impl Iterator<Item = u32> + Send + 'scope,
    ) -> std::io::Result<std::thread::ScopedJoinHandle<'scope, ()>>
    where
        'a: 'scope,
    {
        thread.spawn_scoped(scope, move || {
            let _attached = self
                .recorder
                .attach_current_thread(buffer_events, CpuAccounting::Worker);
            let mut gil_thread = self.gil.map(|gil| gil.thread(self.env.cancel));
            for task in tasks {
                execute_task(self.env, task, gil_thread.as_mut(), self.results);
            }
        })
    }
}

/// Joins threads explicitly: a scope only waits for their closures to
/// return, and a finished run must leave no OS thread behind. Tasks catch
/// their own panics, so a thread that panicked is a fault of the lab's
/// own: reported as the run's error, never swallowed.
fn join_all<T>(threads: Vec<std::thread::ScopedJoinHandle<'_, T>>) -> Option<ExecError> {
    let panicked = threads
        .into_iter()
        .map(std::thread::ScopedJoinHandle::join)
        .filter(Result::is_err)
        .count();
    (panicked > 0).then(|| ExecError::Runtime {
        what: "std::thread",
        reason: tr!("err-threads-panicked", count = panicked),
    })
}

/// Events a long-lived worker thread buffers before handing them over.
const WORKER_BUFFER_EVENTS: usize = 1024;

/// State shared by the tasks of an async run (tokio tasks must own what they use).
struct AsyncShared {
    work: ResolvedWorkload,
    services: Services,
    cancel: CancelToken,
    results: Arc<TaskResults>,
}

impl AsyncShared {
    fn new(ctx: &RunContext<'_>) -> Arc<Self> {
        Arc::new(AsyncShared {
            work: ctx.work.clone(),
            services: ctx.services.clone(),
            cancel: ctx.cancel.clone(),
            results: Arc::clone(ctx.results),
        })
    }
}

/// One async task from start to stored outcome; a panic becomes a failure.
async fn run_async_task(shared: Arc<AsyncShared>, task: u32) {
    use crate::engine::measure::recorder::{EventKind, record};
    use crate::engine::run::workload::{TaskFailure, finish_task, panic_message, run_async};
    record(task, EventKind::Start);
    let outcome = if shared.cancel.is_cancelled() {
        Err(TaskFailure::Cancelled)
    } else {
        record(task, EventKind::Running);
        let body = run_async(&shared.work, &shared.services, &shared.cancel, task);
        CatchUnwind(Box::pin(body))
            .await
            .unwrap_or_else(|panic| Err(TaskFailure::Error(panic_message(&*panic))))
    };
    finish_task(task, &outcome);
    shared.results.set(task, &outcome);
}

/// Turns a panic inside a future into an `Err`, so the task is reported
/// failed on the thread it ran on and the runtime goes on.
struct CatchUnwind<F>(std::pin::Pin<Box<F>>);

impl<F: Future> Future for CatchUnwind<F> {
    type Output = Result<F::Output, Box<dyn std::any::Any + Send>>;

    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        let future = self.0.as_mut();
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| future.poll(cx))) {
            Ok(std::task::Poll::Pending) => std::task::Poll::Pending,
            Ok(std::task::Poll::Ready(value)) => std::task::Poll::Ready(Ok(value)),
            Err(panic) => std::task::Poll::Ready(Err(panic)),
        }
    }
}

#[cfg(test)]
mod join_tests {
    use super::*;

    #[test]
    fn a_thread_that_panicked_is_an_error_not_swallowed() {
        let error = std::thread::scope(|scope| {
            let threads = vec![
                scope.spawn(|| ()),
                scope.spawn(|| panic!("a fault of the lab's")),
            ];
            join_all(threads)
        });
        let error = error.expect("the panic is reported");
        assert!(error.to_string().contains("panicked outside"), "{error}");
        let fine = std::thread::scope(|scope| join_all(vec![scope.spawn(|| ())]));
        assert!(fine.is_none(), "threads that ended well are no error");
    }
}
