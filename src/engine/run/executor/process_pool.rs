//! `process_pool`: real OS processes, like `ProcessPoolExecutor` /
//! `multiprocessing.Pool` with the spawn start method.
//!
//! The lab's own executable is started again in a hidden worker mode (no
//! shell; arguments as a vector). Tasks and results travel as JSON lines over
//! the worker's stdin and stdout — the lab's counterpart of pickling. Each
//! worker records its own events on the shared monotonic clock and sends them
//! back with each result.
//!
//! Workers are killed on cancel, on error and when the pool is dropped; a
//! worker that dies mid-task fails that task and is replaced. A worker also
//! dies with the lab — on Linux by a parent-death signal, on Windows by a
//! kill-on-close job object — and everywhere it exits when its stdin closes.
//! On Windows workers open no console window and are in a process group of
//! their own, so the console's Ctrl+C reaches only the lab, which cancels.

use crate::tr;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::{
    ExecError, ExecNotice, ExecReport, Executor, RunContext, WORKER_BUFFER_EVENTS, join_all,
};
use crate::engine::measure::recorder::CpuAccounting;
use crate::engine::measure::recorder::{Event, EventKind, Lane, Recorder, UNKNOWN_CPU};
use crate::engine::measure::sys;
use crate::engine::run::cancel::CancelToken;
use crate::engine::run::workload::{Services, TaskEnv, TaskFailure, TaskResults, execute_task};
use crate::engine::spec::preset::ResolvedWorkload;

/// The hidden first argument that starts the executable as a pool worker.
pub const WORKER_ARG: &str = "__worker";

/// How often the pool looks at the cancel token while its lanes work.
const CANCEL_POLL: Duration = Duration::from_millis(10);

/// Parent to worker.
#[derive(Debug, Serialize, Deserialize)]
enum ToWorker {
    /// First message: what every task will need.
    Setup {
        work: Box<ResolvedWorkload>,
        services: Services,
    },
    /// Run this task.
    Task { task: u32 },
}

/// Worker to parent.
#[derive(Debug, Serialize, Deserialize)]
enum FromWorker {
    /// Set up and waiting for tasks.
    Ready { pid: u32 },
    /// A task ended.
    Done {
        task: u32,
        outcome: Result<u64, TaskFailure>,
        events: Vec<Event>,
    },
    /// Stdin closed; the worker's CPU time before it exits.
    Bye { cpu_ns: u64 },
}

/// Starts worker processes and feeds each from one lane thread.
pub struct ProcessPool;

/// Every live worker process, so that any thread can kill them all.
#[derive(Default)]
struct Children {
    by_pid: Mutex<HashMap<u32, Child>>,
    /// Windows: ends the workers if the lab dies without killing them.
    #[cfg(windows)]
    job: Option<crate::engine::run::child::windows_job::Job>,
}

impl Children {
    fn new() -> Children {
        Children {
            by_pid: Mutex::default(),
            #[cfg(windows)]
            job: crate::engine::run::child::windows_job::Job::new()
                .map_err(|e| {
                    log::warn!(
                        "{}",
                        crate::tr!("log-no-job-object", reason = e.to_string())
                    )
                })
                .ok(),
        }
    }

    fn insert(&self, child: Child) {
        #[cfg(windows)]
        if let Some(job) = &self.job
            && let Err(error) = job.assign(&child)
        {
            log::warn!(
                "{}",
                crate::tr!(
                    "log-worker-not-in-job",
                    pid = child.id(),
                    reason = error.to_string()
                )
            );
        }
        self.lock().insert(child.id(), child);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u32, Child>> {
        self.by_pid.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits for one worker to exit and says how it ended. With `kill`, it is
    /// killed first (it stopped answering); without, it is exiting by itself.
    fn reap(&self, pid: u32, kill: bool) -> String {
        let Some(mut child) = self.lock().remove(&pid) else {
            return tr!("exit-already-gone");
        };
        if kill {
            // A worker that died has a status already; killing changes nothing.
            if let Ok(Some(status)) = child.try_wait() {
                return describe_exit(status);
            }
            let _ = child.kill();
        }
        child.wait().map_or_else(
            |e| tr!("exit-status-unknown", reason = e.to_string()),
            describe_exit,
        )
    }

    fn kill_all(&self) {
        for (_, mut child) in self.lock().drain() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Children {
    fn drop(&mut self) {
        self.kill_all();
    }
}

use crate::engine::python::process::describe_exit;

/// A started worker: its pipes and its timeline lane.
struct Worker {
    pid: u32,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    lane: Arc<Lane>,
}

struct PoolShared<'a> {
    exe: &'a std::path::Path,
    setup_line: String,
    children: Children,
    recorder: &'a Arc<Recorder>,
    results: &'a TaskResults,
    cancel: &'a CancelToken,
    tasks: u32,
    next_task: AtomicU32,
    extra_cpu_ns: AtomicU64,
    replaced: AtomicU32,
}

fn worker_error(exe: &std::path::Path, reason: impl Into<String>) -> ExecError {
    ExecError::Worker {
        exe: exe.display().to_string(),
        reason: reason.into(),
    }
}

impl PoolShared<'_> {
    /// Starts a worker process and sends it the setup (does not wait for it).
    fn spawn(&self) -> Result<(u32, ChildStdin, ChildStdout), ExecError> {
        let mut command = Command::new(self.exe);
        command
            .arg(WORKER_ARG)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        crate::engine::run::child::detach_from_console(&mut command);
        let mut child = command
            .spawn()
            .map_err(|e| worker_error(self.exe, tr!("err-worker-start", reason = e.to_string())))?;
        let pid = child.id();
        let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(worker_error(self.exe, tr!("err-worker-no-pipes")));
        };
        self.children.insert(child);
        stdin
            .write_all(self.setup_line.as_bytes())
            .and_then(|()| stdin.flush())
            .map_err(|e| {
                worker_error(
                    self.exe,
                    tr!("err-worker-setup", pid = pid, reason = e.to_string()),
                )
            })?;
        Ok((pid, stdin, stdout))
    }

    /// Waits for a started worker's `Ready`.
    fn await_ready(
        &self,
        pid: u32,
        stdin: ChildStdin,
        stdout: ChildStdout,
    ) -> Result<Worker, ExecError> {
        let mut stdout = BufReader::new(stdout);
        match read_message(&mut stdout) {
            Some(FromWorker::Ready { .. }) => Ok(Worker {
                pid,
                stdin,
                stdout,
                lane: self.recorder.add_process_lane(pid),
            }),
            _ => {
                let exit = self.children.reap(pid, true);
                Err(worker_error(
                    self.exe,
                    tr!("err-worker-not-started", pid = pid, exit = exit),
                ))
            }
        }
    }

    /// One lane: feeds its worker until the queue is empty, replacing the
    /// worker if it dies.
    fn lane(&self, worker: Worker, notices: &(dyn Fn(ExecNotice) + Sync)) {
        // Serializing tasks and reading results is this model's own cost.
        let cpu_before = sys::thread_cpu_ns();
        self.feed(worker, notices);
        self.extra_cpu_ns.fetch_add(
            sys::thread_cpu_ns().saturating_sub(cpu_before),
            Ordering::Relaxed,
        );
    }

    fn feed(&self, mut worker: Worker, notices: &(dyn Fn(ExecNotice) + Sync)) {
        loop {
            if self.cancel.is_cancelled() {
                break;
            }
            let task = self.next_task.fetch_add(1, Ordering::Relaxed);
            if task >= self.tasks {
                break;
            }
            let sent_ns = sys::monotonic_ns();
            let line = message_line(&ToWorker::Task { task });
            let sent = worker
                .stdin
                .write_all(line.as_bytes())
                .and_then(|()| worker.stdin.flush());
            let reply = sent.ok().and_then(|()| read_message(&mut worker.stdout));
            match reply {
                Some(FromWorker::Done {
                    task: done,
                    outcome,
                    events,
                }) if done == task => {
                    worker.lane.inject(&events);
                    self.results.set(task, &outcome);
                }
                _ => {
                    // The worker died (or spoke nonsense) during the task.
                    let failed = if self.cancel.is_cancelled() {
                        TaskFailure::Cancelled
                    } else {
                        let exit = self.children.reap(worker.pid, true);
                        TaskFailure::Error(tr!(
                            "err-worker-died",
                            pid = worker.pid,
                            task = task,
                            exit = exit
                        ))
                    };
                    mark_lost_task(&worker.lane, task, sent_ns);
                    self.results.set(task, &Err(failed));
                    if self.cancel.is_cancelled() {
                        return;
                    }
                    self.replaced.fetch_add(1, Ordering::Relaxed);
                    let died = worker.pid;
                    match self
                        .spawn()
                        .and_then(|(pid, stdin, stdout)| self.await_ready(pid, stdin, stdout))
                    {
                        Ok(replacement) => {
                            notices(ExecNotice::WorkerReplaced {
                                died,
                                replacement: Some(replacement.pid),
                            });
                            worker = replacement;
                        }
                        Err(_) => {
                            notices(ExecNotice::WorkerReplaced {
                                died,
                                replacement: None,
                            });
                            return;
                        }
                    }
                }
            }
        }
        self.retire(worker);
    }

    /// Closes a worker's stdin, collects its CPU time and waits for it to exit.
    fn retire(&self, worker: Worker) {
        let Worker {
            pid,
            stdin,
            mut stdout,
            ..
        } = worker;
        drop(stdin);
        if !self.cancel.is_cancelled()
            && let Some(FromWorker::Bye { cpu_ns }) = read_message(&mut stdout)
        {
            self.extra_cpu_ns.fetch_add(cpu_ns, Ordering::Relaxed);
            self.children.reap(pid, false);
        } else {
            self.children.reap(pid, true);
        }
    }
}

/// A task whose worker died has no events of its own: record its start and
/// failure on the lane so the timeline shows it.
fn mark_lost_task(lane: &Lane, task: u32, sent_ns: u64) {
    let event = |t_ns, kind| Event {
        t_ns,
        task,
        worker: 0,
        cpu: UNKNOWN_CPU,
        kind,
    };
    lane.inject(&[
        event(sent_ns, EventKind::Start),
        event(sys::monotonic_ns(), EventKind::Failed),
    ]);
}

fn message_line<T: Serialize>(message: &T) -> String {
    let mut line = serde_json::to_string(message).unwrap_or_default();
    line.push('\n');
    line
}

fn read_message<T: for<'de> Deserialize<'de>>(reader: &mut impl BufRead) -> Option<T> {
    let mut line = String::new();
    match reader.read_line(&mut line) {
        Ok(0) | Err(_) => None,
        Ok(_) => serde_json::from_str(&line).ok(),
    }
}

impl Executor for ProcessPool {
    fn run(&self, ctx: &RunContext<'_>) -> Result<ExecReport, ExecError> {
        let shared = PoolShared {
            exe: ctx.worker_exe,
            setup_line: message_line(&ToWorker::Setup {
                work: Box::new(ctx.work.clone()),
                services: ctx.services.clone(),
            }),
            children: Children::new(),
            recorder: ctx.recorder,
            results: ctx.results,
            cancel: ctx.cancel,
            tasks: ctx.work.tasks,
            next_task: AtomicU32::new(0),
            extra_cpu_ns: AtomicU64::new(0),
            replaced: AtomicU32::new(0),
        };
        // Start every worker first, then wait for all: they boot in parallel.
        let started = Instant::now();
        let mut booting = Vec::with_capacity(ctx.plan.workers);
        for _ in 0..ctx.plan.workers {
            booting.push(shared.spawn()?);
        }
        let mut workers = Vec::with_capacity(booting.len());
        for (pid, stdin, stdout) in booting {
            workers.push(shared.await_ready(pid, stdin, stdout)?);
        }
        let startup = started.elapsed();
        (ctx.notices)(ExecNotice::WorkersStarted(
            workers.iter().map(|w| w.pid).collect(),
        ));

        let mut failure = None;
        std::thread::scope(|scope| {
            let mut lanes = Vec::new();
            for (index, worker) in workers.into_iter().enumerate() {
                let shared = &shared;
                let notices = ctx.notices;
                match std::thread::Builder::new()
                    .name(format!("lab-pool-{index}"))
                    .spawn_scoped(scope, move || shared.lane(worker, notices))
                {
                    Ok(handle) => lanes.push(handle),
                    Err(source) => {
                        failure = Some(ExecError::Thread {
                            name: format!("lab-pool-{index}"),
                            source,
                        });
                        break;
                    }
                }
            }
            // Lane threads block on pipes: killing the workers is how cancel
            // reaches them.
            while !lanes.iter().all(|lane| lane.is_finished()) {
                if ctx.cancel.is_cancelled() || failure.is_some() {
                    shared.children.kill_all();
                }
                std::thread::sleep(CANCEL_POLL);
            }
            join_all(lanes);
        });
        shared.children.kill_all();
        match failure {
            Some(error) => Err(error),
            None => Ok(ExecReport {
                startup: Some(startup),
                extra_cpu_ns: shared.extra_cpu_ns.load(Ordering::Relaxed),
                replaced_workers: shared.replaced.load(Ordering::Relaxed),
                ..ExecReport::default()
            }),
        }
    }
}

/// The worker side: reads a setup and tasks from stdin, runs each task as a
/// sequential loop would, answers on stdout, and reports its CPU time when
/// stdin closes.
pub fn worker_main() -> std::process::ExitCode {
    prepare_worker_process();
    // Its waits are as fine-grained as the lab's (Windows: 1 ms timers).
    let _activity = crate::engine::run::activity::RunActivity::begin("Concurrency Lab worker");
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut output = std::io::stdout().lock();
    let Some(ToWorker::Setup { work, services }) = read_message(&mut input) else {
        eprintln!("{}", tr!("err-worker-mode"));
        return std::process::ExitCode::from(2);
    };
    let cancel = CancelToken::new();
    let recorder = Recorder::new();
    let _attached = recorder.attach_current_thread(WORKER_BUFFER_EVENTS, CpuAccounting::Caller);
    let results = TaskResults::new(work.tasks);
    let env = TaskEnv {
        work: &work,
        services: &services,
        cancel: &cancel,
    };
    let send = |output: &mut std::io::StdoutLock<'_>, message: &FromWorker| {
        output
            .write_all(message_line(message).as_bytes())
            .and_then(|()| output.flush())
    };
    if send(
        &mut output,
        &FromWorker::Ready {
            pid: std::process::id(),
        },
    )
    .is_err()
    {
        return std::process::ExitCode::FAILURE;
    }
    while let Some(message) = read_message::<ToWorker>(&mut input) {
        let ToWorker::Task { task } = message else {
            continue;
        };
        execute_task(env, task, None, &results);
        crate::engine::measure::recorder::flush_current_thread();
        let outcome = results.outcome(task).unwrap_or(Err(TaskFailure::Cancelled));
        let done = FromWorker::Done {
            task,
            outcome,
            events: recorder.drain(),
        };
        if send(&mut output, &done).is_err() {
            return std::process::ExitCode::FAILURE;
        }
    }
    let _ = send(
        &mut output,
        &FromWorker::Bye {
            cpu_ns: sys::process_cpu_ns(),
        },
    );
    std::process::ExitCode::SUCCESS
}

/// A worker ignores Ctrl+C (the lab cancels and kills it) and, on Linux, dies
/// with the lab (on Windows the pool's job object sees to that).
fn prepare_worker_process() {
    crate::engine::run::child::ignore_console_interrupt();
    #[cfg(target_os = "linux")]
    // SAFETY: prctl(PR_SET_PDEATHSIG) with a valid signal number.
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
        // The lab may have died before the line above: then we are orphaned.
        if libc::getppid() == 1 {
            std::process::exit(1);
        }
    }
}
