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
use std::collections::{HashMap, HashSet};
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
use crate::engine::spec::preset::{ResolvedWorkload, RunPlan};

/// The hidden first argument that starts the executable as a pool worker.
pub const WORKER_ARG: &str = "__worker";

/// How often the pool looks at the cancel token and at overdue tasks while
/// its lanes work.
const CANCEL_POLL: Duration = Duration::from_millis(10);

/// The shortest watchdog: a task of a preset without `task_timeout_s` that
/// gives no answer for this long (or ten times what its work should take,
/// if longer) has a stopped or stuck worker, which is killed and replaced.
pub const WATCHDOG_FLOOR: Duration = Duration::from_secs(60);

/// What `ps` shows for a worker process (`argv[0]`), so that a person can
/// tell workers from the lab and find them (`pgrep -f concurrency-lab-worker`).
pub const WORKER_PROCESS_NAME: &str = "concurrency-lab-worker";

/// How long one task may go without an answer before its worker is killed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaskLimit {
    /// The limit.
    pub limit: Duration,
    /// Whether the preset chose it (`task_timeout_s`) or it is the watchdog.
    pub chosen: bool,
}

impl TaskLimit {
    /// The run's `task_timeout_s`, else a watchdog sized to its work.
    pub fn for_run(plan: &RunPlan, work: &ResolvedWorkload) -> TaskLimit {
        match plan.task_timeout {
            Some(limit) => TaskLimit {
                limit,
                chosen: true,
            },
            None => TaskLimit {
                limit: watchdog_for(work),
                chosen: false,
            },
        }
    }
}

/// Ten times what one task of `work` should take here, and at least
/// [`WATCHDOG_FLOOR`]: computation at this machine's calibrated speed
/// (`slice_iters` is a tenth of a millisecond's worth), every wait, and the
/// bytes at a slow disk's 10 MB/s.
pub fn watchdog_for(work: &ResolvedWorkload) -> Duration {
    let iterations_per_s = work.slice_iters.max(1) as f64 * 10_000.0;
    let rounds = f64::from(work.io_rounds.max(1));
    let cpu_s = work.cpu_iters as f64 / iterations_per_s * rounds;
    let io_s = work.io_ns as f64 / 1e9 * rounds;
    let bytes_s = work.bytes as f64 / 10e6;
    let expected = Duration::from_secs_f64((cpu_s + io_s + bytes_s).min(1e9));
    (expected * 10).max(WATCHDOG_FLOOR)
}

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

    /// Kills one worker, leaving it to be reaped by its lane (which then
    /// says how it ended).
    fn kill(&self, pid: u32) {
        if let Some(child) = self.lock().get_mut(&pid) {
            let _ = child.kill();
        }
    }

    fn kill_all(&self) {
        for (_, mut child) in self.lock().drain() {
            // Already gone is fine: the point is that it is.
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
    /// How long a task may take before its worker is killed.
    limit: TaskLimit,
    /// Since when each worker (by pid) has owed an answer: a task's result,
    /// or its goodbye when it is retired.
    busy: Mutex<HashMap<u32, Instant>>,
    /// Workers killed for taking too long, not yet reported by their lane.
    overdue: Mutex<HashSet<u32>>,
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
        #[cfg(unix)]
        std::os::unix::process::CommandExt::arg0(&mut command, WORKER_PROCESS_NAME);
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
            // Already gone is fine: the point is that it is.
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
            let reply = self.send_task(&mut worker, task);
            let killed_for_time = self.lock_overdue().remove(&worker.pid);
            let answered = match reply {
                Some(FromWorker::Done {
                    task: done,
                    outcome,
                    events,
                }) if done == task => {
                    worker.lane.inject(&events);
                    self.results.set(task, &outcome);
                    true
                }
                _ => false,
            };
            if answered && !killed_for_time {
                continue;
            }
            if !answered {
                // The worker died, was killed or spoke nonsense during the task.
                let failed = self.lost_task_failure(&worker, killed_for_time);
                mark_lost_task(&worker.lane, task, sent_ns);
                self.results.set(task, &Err(failed));
            }
            if self.cancel.is_cancelled() {
                return;
            }
            match self.replace(&worker, notices) {
                Some(replacement) => worker = replacement,
                None => return,
            }
        }
        self.retire(worker);
    }

    /// Sends one task and waits for the answer, noting the task as running
    /// meanwhile so that the watchdog can see it.
    fn send_task(&self, worker: &mut Worker, task: u32) -> Option<FromWorker> {
        self.lock_busy().insert(worker.pid, Instant::now());
        let line = message_line(&ToWorker::Task { task });
        let sent = worker
            .stdin
            .write_all(line.as_bytes())
            .and_then(|()| worker.stdin.flush());
        let reply = sent.ok().and_then(|()| read_message(&mut worker.stdout));
        self.lock_busy().remove(&worker.pid);
        reply
    }

    /// Why a task whose worker gave no answer failed.
    fn lost_task_failure(&self, worker: &Worker, killed_for_time: bool) -> TaskFailure {
        if self.cancel.is_cancelled() {
            return TaskFailure::Cancelled;
        }
        let exit = self.children.reap(worker.pid, true);
        let seconds = crate::i18n::number(self.limit.limit.as_secs_f64(), 1);
        TaskFailure::Error(match (killed_for_time, self.limit.chosen) {
            // The message follows "task N: ", so it does not name the task again.
            (true, true) => tr!("err-worker-timeout", pid = worker.pid, seconds = seconds),
            (true, false) => tr!("err-worker-watchdog", pid = worker.pid, seconds = seconds),
            (false, _) => tr!("err-worker-died", pid = worker.pid, exit = exit),
        })
    }

    /// Starts a worker in place of one that died or was killed; `None` (the
    /// lane stops) if none starts.
    fn replace(&self, gone: &Worker, notices: &(dyn Fn(ExecNotice) + Sync)) -> Option<Worker> {
        // A worker killed after it answered has not been reaped yet.
        self.children.reap(gone.pid, true);
        self.replaced.fetch_add(1, Ordering::Relaxed);
        let replacement = self
            .spawn()
            .and_then(|(pid, stdin, stdout)| self.await_ready(pid, stdin, stdout))
            .ok();
        notices(ExecNotice::WorkerReplaced {
            died: gone.pid,
            replacement: replacement.as_ref().map(|w| w.pid),
        });
        replacement
    }

    /// Kills every worker whose task has run past the limit; its lane then
    /// fails the task and starts another worker.
    fn kill_overdue(&self) {
        // Held throughout: a lane whose answer came meanwhile has either
        // cleared its entry (and is not killed) or sees itself marked.
        let busy = self.lock_busy();
        for (pid, since) in busy.iter() {
            if since.elapsed() > self.limit.limit && self.lock_overdue().insert(*pid) {
                self.children.kill(*pid);
            }
        }
    }

    fn lock_busy(&self) -> std::sync::MutexGuard<'_, HashMap<u32, Instant>> {
        self.busy.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn lock_overdue(&self) -> std::sync::MutexGuard<'_, HashSet<u32>> {
        self.overdue.lock().unwrap_or_else(PoisonError::into_inner)
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
        // A worker stopped now (SIGSTOP) would never say goodbye: the
        // watchdog kills it as it would during a task.
        self.lock_busy().insert(pid, Instant::now());
        let bye = (!self.cancel.is_cancelled())
            .then(|| read_message(&mut stdout))
            .flatten();
        self.lock_busy().remove(&pid);
        self.lock_overdue().remove(&pid);
        if let Some(FromWorker::Bye { cpu_ns }) = bye {
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
            limit: TaskLimit::for_run(ctx.plan, ctx.work),
            busy: Mutex::default(),
            overdue: Mutex::default(),
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
            // and the time limit reach them.
            while !lanes.iter().all(|lane| lane.is_finished()) {
                if ctx.cancel.is_cancelled() || failure.is_some() {
                    shared.children.kill_all();
                }
                shared.kill_overdue();
                std::thread::sleep(CANCEL_POLL);
            }
            if let Some(error) = join_all(lanes) {
                failure.get_or_insert(error);
            }
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
        // A closed stderr leaves nobody to tell: no panic over it.
        let _ = writeln!(std::io::stderr(), "{}", tr!("err-worker-mode"));
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
    // The lab may have closed the pipe already; the worker ends either way.
    let _ = send(
        &mut output,
        &FromWorker::Bye {
            cpu_ns: sys::process_cpu_ns(),
        },
    );
    std::process::ExitCode::SUCCESS
}

/// A worker ignores Ctrl+C (the lab cancels and kills it) and, on Linux, dies
/// with the lab (on Windows the pool's job object sees to that) and is named
/// for `ps` and `top` (started as `/proc/self/exe`, it would show as `exe`;
/// the kernel keeps 15 bytes: `concurrency-lab`).
fn prepare_worker_process() {
    crate::engine::run::child::ignore_console_interrupt();
    #[cfg(target_os = "linux")]
    // SAFETY: prctl(PR_SET_PDEATHSIG) with a valid signal number.
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
        libc::prctl(libc::PR_SET_NAME, c"concurrency-lab-worker".as_ptr());
        // The lab may have died before the line above: then we are orphaned.
        if libc::getppid() == 1 {
            std::process::exit(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::spec::preset::WorkloadKind;

    fn work(kind: WorkloadKind, cpu_iters: u64, io_ms: u64, bytes: u64) -> ResolvedWorkload {
        ResolvedWorkload {
            kind,
            tasks: 4,
            cpu_iters,
            // 100,000 iterations per ms.
            slice_iters: 10_000,
            io_ns: io_ms * 1_000_000,
            bytes,
            io_rounds: 0,
            fault: None,
            cpu_ms: None,
            serial_iters: 0,
            serial_ms: None,
        }
    }

    #[test]
    fn the_watchdog_is_generous_and_grows_with_the_work() {
        assert_eq!(
            watchdog_for(&work(WorkloadKind::Sleep, 0, 1, 0)),
            WATCHDOG_FLOOR
        );
        // 100 s of computation here: ten times that.
        let cpu = work(WorkloadKind::Cpu, 10_000_000_000, 0, 0);
        assert_eq!(watchdog_for(&cpu), Duration::from_secs(1000));
        // 1 GB at 10 MB/s is 100 s: ten times that.
        let file = work(WorkloadKind::File, 0, 0, 1_000_000_000);
        assert_eq!(watchdog_for(&file), Duration::from_secs(1000));
    }

    #[test]
    fn a_preset_time_out_replaces_the_watchdog() {
        let mut plan = RunPlan::lab("pool", crate::engine::spec::preset::Model::ProcessPool, 2);
        let sleep = work(WorkloadKind::Sleep, 0, 1, 0);
        assert!(!TaskLimit::for_run(&plan, &sleep).chosen);
        plan.task_timeout = Some(Duration::from_secs(2));
        assert_eq!(
            TaskLimit::for_run(&plan, &sleep),
            TaskLimit {
                limit: Duration::from_secs(2),
                chosen: true
            }
        );
    }
}
