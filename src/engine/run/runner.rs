//! The background runner: a named thread (`lab-runner`) that takes commands
//! (start an experiment, cancel, shut down) and answers with events. Nothing
//! it does blocks its caller; the app and the CLI only send and read.
//!
//! For every repetition it sets up the run's services, starts the executor on
//! its own thread (`lab-exec`), and meanwhile polls for commands and drains
//! the recorder into live span batches and progress. Afterwards it verifies
//! every checksum and summarizes.

use crate::tr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::engine::measure::machine::MachineInfo;
use crate::engine::measure::recorder::{Event, EventKind, LaneInfo, Recorder};
use crate::engine::measure::spans::{LiveSpans, TaskSpan, build_spans};
use crate::engine::measure::sys;
use crate::engine::results::metrics::{ExperimentResult, Repetition, RunSummary};
use crate::engine::run::cancel::CancelToken;
use crate::engine::run::executor::{
    ExecError, ExecNotice, ExecReport, Executor, RunContext, executor_for,
};
use crate::engine::run::kernel;
use crate::engine::run::overhead;
use crate::engine::run::services::RunServices;
use crate::engine::run::workload::{TaskResults, TaskStatus, expected_checksum, is_convoy_io_task};
use crate::engine::spec::preset::{Experiment, ResolvedWorkload, RunPlan, Runtime, WorkloadKind};

/// Most running tasks sent to be drawn as they grow, per batch.
const MAX_OPEN_DRAWN: usize = 512;

/// How the runner behaves.
#[derive(Debug, Clone)]
pub struct RunnerOptions {
    /// The executable process-pool workers run (normally this program).
    pub worker_exe: PathBuf,
    /// Send span batches while runs go (the app's live timeline).
    pub live_spans: bool,
    /// How often to look for commands and drain the recorder.
    pub poll: Duration,
    /// Where `file` runs make their temporary folders (default: the OS's).
    pub temp_root: Option<PathBuf>,
    /// How long a Python interpreter may take to start before the run fails.
    pub python_startup_timeout: Duration,
    /// Free bytes in a folder's file system (tests give a small figure, to
    /// see a `file` run that cannot fit refused before it starts).
    pub free_space: fn(&Path) -> std::io::Result<u64>,
    /// The executor of each run: the real ones, or — in tests of the
    /// runner's own logic (repetitions, warm-up, baseline, failures) — a
    /// stand-in that involves no timing.
    pub executors: ExecutorFactory,
}

/// Makes the executor of a run.
pub type ExecutorFactory = fn(&RunPlan) -> Box<dyn Executor>;

impl RunnerOptions {
    /// Options for this program: workers are this executable again.
    pub fn for_this_executable() -> std::io::Result<Self> {
        // On Linux, /proc/self/exe is the very file this process runs, even
        // if the binary on disk is rebuilt meanwhile: workers always speak
        // the same protocol as the lab that starts them.
        #[cfg(target_os = "linux")]
        {
            let own = PathBuf::from("/proc/self/exe");
            if own.exists() {
                return Ok(Self::with_worker_exe(own));
            }
        }
        Ok(Self::with_worker_exe(std::env::current_exe()?))
    }

    /// Options with a given worker executable (tests point at the built binary).
    pub fn with_worker_exe(worker_exe: PathBuf) -> Self {
        RunnerOptions {
            worker_exe,
            live_spans: false,
            poll: Duration::from_millis(25),
            temp_root: None,
            python_startup_timeout: crate::engine::python::calibrate::STARTUP_TIMEOUT,
            free_space: |folder| fs4::available_space(folder),
            executors: executor_for,
        }
    }
}

/// What the runner is asked to do.
#[derive(Debug)]
enum Command {
    /// Run an experiment (ignored, with a `Rejected` event, while one runs).
    Start(Box<Experiment>),
    /// Stop the current experiment.
    Cancel,
    /// Stop everything and end the thread.
    Shutdown,
    /// A repetition's executor finished: stop waiting for commands.
    ExecutorDone,
}

/// Where an experiment stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// Current run (0-based).
    pub run: usize,
    /// Runs in the experiment.
    pub runs: usize,
    /// Current repetition (0-based, warm-ups first).
    pub repetition: u32,
    /// Repetitions per run, warm-ups included.
    pub repetitions: u32,
    /// Whether the current repetition is a warm-up.
    pub warmup: bool,
    /// Warm-ups per run (they come first).
    #[doc(alias = "warmup")]
    pub warmups: u32,
    /// Tasks ended in this repetition.
    pub tasks_done: usize,
    /// Tasks per repetition.
    pub tasks: u32,
    /// Tasks started and not ended.
    pub in_flight: usize,
    /// Seconds since the experiment started.
    pub elapsed_s: f64,
}

impl Progress {
    /// The measured repetition under way (0-based, warm-ups not counted;
    /// 0 during warm-ups).
    pub fn measured_repetition(&self) -> u32 {
        self.repetition.saturating_sub(self.warmups)
    }

    /// Measured repetitions per run (warm-ups not counted).
    pub fn measured_repetitions(&self) -> u32 {
        self.repetitions.saturating_sub(self.warmups)
    }

    /// Fraction of the whole experiment done, 0-1.
    pub fn fraction(&self) -> f64 {
        let per_run = f64::from(self.repetitions.max(1));
        let total = self.runs.max(1) as f64 * per_run;
        let task_part = if self.tasks > 0 {
            self.tasks_done as f64 / f64::from(self.tasks)
        } else {
            0.0
        };
        ((self.run as f64 * per_run + f64::from(self.repetition) + task_part) / total)
            .clamp(0.0, 1.0)
    }
}

/// Why a run could not go on (its tasks failing is not this: they are
/// counted). Shown, in the person's language, as the run's `error`.
#[derive(Debug)]
pub enum RunError {
    /// The run's temporary folder or echo server could not be set up.
    Services(std::io::Error),
    /// The files the workers write at once cannot fit in the folder.
    NoSpaceBefore {
        /// The run's temporary folder.
        folder: std::path::PathBuf,
        /// Bytes free there.
        free: u64,
        /// Files written at once.
        files: u64,
        /// Bytes per file.
        size: u64,
        /// Bytes needed.
        need: u64,
    },
    /// The disk filled up during the run.
    NoSpace {
        /// The task whose write failed first.
        task: u32,
        /// The system's message.
        message: String,
    },
    /// The OS refused the executor's thread.
    Thread(std::io::Error),
    /// The executor's thread panicked.
    ExecutorPanicked,
    /// The executor could not carry the run out.
    Exec(ExecError),
    /// A Python run reached the runner without an interpreter.
    NoInterpreter,
    /// A Python interpreter could not be calibrated.
    CalibratePython {
        /// The interpreter's short name.
        name: String,
        /// Why.
        reason: String,
    },
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::present::units::bytes;
        let text = match self {
            RunError::Services(e) => tr!("err-services", reason = e.to_string()),
            RunError::NoSpaceBefore {
                folder,
                free,
                files,
                size,
                need,
            } => tr!(
                "err-no-space-before",
                folder = folder.display().to_string(),
                free = bytes(*free),
                files = *files,
                size = bytes(*size),
                need = bytes(*need)
            ),
            RunError::NoSpace { task, message } => {
                tr!("err-run-no-space", task = *task, message = message.clone())
            }
            RunError::Thread(e) => tr!("err-run-thread", reason = e.to_string()),
            RunError::ExecutorPanicked => tr!("err-executor-panicked"),
            RunError::Exec(e) => e.to_string(),
            RunError::NoInterpreter => tr!("err-no-interpreter-resolved"),
            RunError::CalibratePython { name, reason } => tr!(
                "err-calibrate-python",
                name = name.clone(),
                reason = reason.clone()
            ),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for RunError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RunError::Services(e) | RunError::Thread(e) => Some(e),
            RunError::Exec(e) => Some(e),
            _ => None,
        }
    }
}

impl From<ExecError> for RunError {
    fn from(error: ExecError) -> Self {
        RunError::Exec(error)
    }
}

/// What the runner reports.
#[derive(Debug)]
pub enum RunnerEvent {
    /// An experiment began.
    Started {
        /// Monotonic ns at its start; all `*_s` times are relative to it.
        origin_ns: u64,
        /// Its runs.
        runs: Vec<RunPlan>,
        /// Tasks per repetition.
        tasks: u32,
    },
    /// A repetition began.
    RepetitionStarted {
        /// Run index.
        run: usize,
        /// Repetition (warm-ups first).
        repetition: u32,
        /// Not measured.
        warmup: bool,
        /// Seconds from the experiment's start.
        start_s: f64,
        /// Monotonic ns the repetition's span times count from.
        origin_ns: u64,
    },
    /// Progress, a few times a second.
    Progress(Progress),
    /// Tasks that ended since the last batch (only with `live_spans`).
    Spans {
        /// Run index.
        run: usize,
        /// Repetition.
        repetition: u32,
        /// Finished tasks.
        spans: Vec<TaskSpan>,
        /// Tasks running now, each ending "now" in its current state.
        open: Vec<TaskSpan>,
        /// Workers known so far.
        lanes: Vec<LaneInfo>,
    },
    /// Something worth telling a person (a worker process replaced...).
    Notice(String),
    /// Worker processes started or replaced.
    Workers {
        /// Run index.
        run: usize,
        /// What happened.
        notice: ExecNotice,
    },
    /// A repetition ended.
    RepetitionFinished {
        /// Run index.
        run: usize,
        /// Repetition.
        repetition: u32,
        /// Not measured.
        warmup: bool,
        /// Its wall time.
        wall_s: f64,
    },
    /// All repetitions of a run ended.
    RunFinished(Box<RunSummary>),
    /// The experiment ended, completely or cancelled.
    Finished(Box<ExperimentResult>),
    /// A command was refused (e.g. Start while running).
    Rejected(String),
}

type Waker = Arc<dyn Fn() + Send + Sync>;

/// The cancel token of the experiment running now, shared with the handle so
/// that a cancel takes effect at once rather than at the runner's next poll.
type CurrentToken = Arc<Mutex<Option<CancelToken>>>;

fn cancel_current(current: &CurrentToken) {
    if let Some(token) = current
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .as_ref()
    {
        token.cancel();
    }
}

/// Handle to the runner thread. Dropping it cancels any run and joins the thread.
pub struct Runner {
    commands: Sender<Command>,
    events: Receiver<RunnerEvent>,
    current: CurrentToken,
    thread: Option<JoinHandle<()>>,
}

/// A cloneable way to cancel, e.g. from a Ctrl+C handler.
#[derive(Clone)]
pub struct Canceller {
    current: CurrentToken,
    commands: Sender<Command>,
}

impl Canceller {
    /// Cancels the current experiment — at once if it runs, and also if it
    /// was asked to start but has not yet (the command queues behind Start).
    pub fn cancel(&self) {
        cancel_current(&self.current);
        let _ = self.commands.send(Command::Cancel);
    }
}

impl Runner {
    /// Starts the runner thread. `waker` is called after events are sent
    /// (the app passes `request_repaint`).
    pub fn spawn(
        options: RunnerOptions,
        waker: impl Fn() + Send + Sync + 'static,
    ) -> std::io::Result<Runner> {
        let (commands, command_rx) = channel();
        let (event_tx, events) = channel();
        let waker: Waker = Arc::new(waker);
        let current = CurrentToken::default();
        let shared = Arc::clone(&current);
        let wake = commands.clone();
        let thread = std::thread::Builder::new()
            .name("lab-runner".into())
            .spawn(move || {
                let channels = Channels {
                    commands: &command_rx,
                    wake: &wake,
                    events: &event_tx,
                };
                runner_main(&options, &channels, &waker, &shared);
            })?;
        Ok(Runner {
            commands,
            events,
            current,
            thread: Some(thread),
        })
    }

    /// Starts an experiment.
    pub fn start(&self, experiment: Experiment) {
        let _ = self.commands.send(Command::Start(Box::new(experiment)));
    }

    /// Cancels the current experiment, if any.
    pub fn cancel(&self) {
        cancel_current(&self.current);
        let _ = self.commands.send(Command::Cancel);
    }

    /// A handle that can cancel from another thread.
    pub fn canceller(&self) -> Canceller {
        Canceller {
            current: Arc::clone(&self.current),
            commands: self.commands.clone(),
        }
    }

    /// Whether the runner thread is still there to answer (it only ends
    /// when this handle is dropped, or if it panicked).
    pub fn is_alive(&self) -> bool {
        self.thread.as_ref().is_some_and(|t| !t.is_finished())
    }

    /// The next event, if one is waiting.
    pub fn try_recv(&self) -> Option<RunnerEvent> {
        self.events.try_recv().ok()
    }

    /// The next event, waiting at most `timeout`.
    pub fn recv_timeout(&self, timeout: Duration) -> Option<RunnerEvent> {
        self.events.recv_timeout(timeout).ok()
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        cancel_current(&self.current);
        // The runner thread may have ended already: nothing to stop then.
        let _ = self.commands.send(Command::Shutdown);
        if let Some(thread) = self.thread.take() {
            // A panicked thread has nothing to hand back; shutting down goes on.
            let _ = thread.join();
        }
    }
}

/// The runner thread's ends of its channels.
struct Channels<'a> {
    commands: &'a Receiver<Command>,
    /// For the executor thread to wake the runner when it is done.
    wake: &'a Sender<Command>,
    events: &'a Sender<RunnerEvent>,
}

fn runner_main(
    options: &RunnerOptions,
    channels: &Channels<'_>,
    waker: &Waker,
    current: &CurrentToken,
) {
    loop {
        match channels.commands.recv() {
            Ok(Command::Start(experiment)) => {
                let session = Session {
                    options,
                    commands: channels.commands,
                    wake: channels.wake,
                    events: channels.events,
                    waker,
                    cancel: CancelToken::new(),
                    shutdown: std::cell::Cell::new(false),
                    origin_ns: sys::monotonic_ns(),
                };
                *current.lock().unwrap_or_else(PoisonError::into_inner) =
                    Some(session.cancel.clone());
                session.run_experiment(&experiment);
                current
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .take();
                if session.shutdown.get() {
                    return;
                }
            }
            Ok(Command::Cancel | Command::ExecutorDone) => {}
            Ok(Command::Shutdown) | Err(_) => return,
        }
    }
}

/// One experiment in progress.
struct Session<'a> {
    options: &'a RunnerOptions,
    commands: &'a Receiver<Command>,
    wake: &'a Sender<Command>,
    events: &'a Sender<RunnerEvent>,
    waker: &'a Waker,
    cancel: CancelToken,
    shutdown: std::cell::Cell<bool>,
    origin_ns: u64,
}

impl Session<'_> {
    fn send(&self, event: RunnerEvent) {
        // The receiver (window or CLI) may be gone; the run ends all the same.
        let _ = self.events.send(event);
        (self.waker)();
    }

    fn seconds_since_origin(&self, t_ns: u64) -> f64 {
        (t_ns as f64 - self.origin_ns as f64) / 1e9
    }

    /// Waits up to `timeout` for a command and acts on it. Returns `true`
    /// when the executor said it is done.
    fn poll_commands(&self, timeout: Duration) -> bool {
        let command = if timeout.is_zero() {
            self.commands.try_recv().ok()
        } else {
            match self.commands.recv_timeout(timeout) {
                Ok(command) => Some(command),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => Some(Command::Shutdown),
            }
        };
        match command {
            Some(Command::Cancel) => self.cancel.cancel(),
            Some(Command::Shutdown) => {
                self.shutdown.set(true);
                self.cancel.cancel();
            }
            Some(Command::Start(_)) => self.send(RunnerEvent::Rejected(tr!("err-already-running"))),
            Some(Command::ExecutorDone) => return true,
            None => {}
        }
        false
    }

    fn run_experiment(&self, experiment: &Experiment) {
        // Fine timers and no App Nap while it runs (see `activity`).
        let _activity =
            crate::engine::run::activity::RunActivity::begin("Concurrency Lab experiment");
        let machine = MachineInfo::current();
        let cores = machine.cores;
        let mut result = ExperimentResult::new(experiment, machine);
        self.send(RunnerEvent::Started {
            origin_ns: self.origin_ns,
            runs: experiment.runs.clone(),
            tasks: experiment.workload.tasks,
        });
        let per_run = experiment.warmup + experiment.repetitions;
        for (index, plan) in experiment.runs.iter().enumerate() {
            let mut measured = Vec::new();
            let mut error = None;
            let work = match work_for_run(plan.work(&experiment.workload), plan, &self.cancel) {
                Ok(work) => Some(work),
                Err(problem) => {
                    error = Some(problem.to_string());
                    None
                }
            };
            for repetition in (0..per_run).take_while(|_| work.is_some()) {
                let Some(work) = work.as_ref() else { break };
                self.poll_commands(Duration::ZERO);
                if self.cancel.is_cancelled() {
                    break;
                }
                let warmup = repetition < experiment.warmup;
                let position = Position {
                    run: index,
                    runs: experiment.runs.len(),
                    repetition,
                    repetitions: per_run,
                    warmup,
                    warmups: experiment.warmup,
                };
                match self.run_repetition(work, plan, position) {
                    // A repetition cut short measures nothing; those before it stand.
                    Ok(_) if self.cancel.is_cancelled() => break,
                    Ok(rep) => {
                        self.send(RunnerEvent::RepetitionFinished {
                            run: index,
                            repetition,
                            warmup,
                            wall_s: rep.wall_s,
                        });
                        if !warmup {
                            measured.push(rep);
                        }
                    }
                    Err(problem) => {
                        error = Some(problem.to_string());
                        break;
                    }
                }
            }
            let cancelled = self.cancel.is_cancelled();
            let summary = match error {
                // Cancelled before anything of this run was measured: nothing to keep.
                _ if cancelled && measured.is_empty() => break,
                Some(message) => {
                    RunSummary::failed_run(plan, plan.work(&experiment.workload).tasks, message)
                }
                None => {
                    let mut summary = RunSummary::from_repetitions(plan, &measured, cores);
                    summary.cancelled = cancelled;
                    if let Some(work) = &work {
                        summary.set_python_calibration(plan, work);
                    }
                    summary
                }
            };
            result.runs.push(summary);
            result.analyse();
            if let Some(last) = result.runs.last() {
                self.send(RunnerEvent::RunFinished(Box::new(last.clone())));
            }
            if cancelled {
                break;
            }
        }
        result.cancelled = self.cancel.is_cancelled();
        if !result.cancelled {
            self.measure_overheads(&mut result.runs);
        }
        result.analyse();
        self.send(RunnerEvent::Finished(Box::new(result)));
    }

    /// Each lab run's per-task cost from a tiny-task calibration (cached per
    /// model and worker count), for the predicted-versus-measured account.
    fn measure_overheads(&self, runs: &mut [RunSummary]) {
        for run in runs
            .iter_mut()
            .filter(|r| r.runtime == Runtime::Lab && r.succeeded())
        {
            run.per_task_overhead_s = overhead::per_task_cost(
                self.options.executors,
                run.model,
                run.workers,
                &self.options.worker_exe,
                &self.cancel,
            );
        }
    }

    fn run_repetition(
        &self,
        work: &ResolvedWorkload,
        plan: &RunPlan,
        at: Position,
    ) -> Result<Repetition, RunError> {
        let services = RunServices::start(work, self.options.temp_root.as_deref())
            .map_err(RunError::Services)?;
        self.check_free_space(work, plan, &services.services)?;
        // The run's own stop: the person's cancel reaches it, and a full
        // disk stops this run's tasks without cancelling the experiment.
        let stop = self.cancel.child();
        let recorder = Recorder::new();
        let results = Arc::new(TaskResults::new(work.tasks).stopping_on_no_space(stop.clone()));
        let notices = |notice: ExecNotice| {
            let text = notice_text(&plan.label, &notice);
            // The receiver (window or CLI) may be gone; the run ends all the same.
            let _ = self.events.send(RunnerEvent::Workers {
                run: at.run,
                notice,
            });
            if let Some(text) = text {
                // The receiver (window or CLI) may be gone; the run ends all the same.
                let _ = self.events.send(RunnerEvent::Notice(text));
            }
            (self.waker)();
        };
        let ctx = RunContext {
            plan,
            work,
            services: &services.services,
            cancel: &stop,
            recorder: &recorder,
            results: &results,
            worker_exe: &self.options.worker_exe,
            notices: &notices,
            temp_root: self.options.temp_root.as_deref(),
            python_startup_timeout: self.options.python_startup_timeout,
        };
        let executor = (self.options.executors)(plan);
        let run_origin = AtomicU64::new(0);
        self.send(RunnerEvent::RepetitionStarted {
            run: at.run,
            repetition: at.repetition,
            warmup: at.warmup,
            start_s: self.seconds_since_origin(sys::monotonic_ns()),
            origin_ns: sys::monotonic_ns(),
        });
        let mut events: Vec<Event> = Vec::new();
        let mut live = LiveSpans::default();
        // Tasks started minus tasks ended, for progress without building spans.
        let mut in_flight: i64 = 0;
        // Live span batches (the app's timeline), only when asked for.
        let mut had_open = false;
        let mut publish = |batch: &[Event], origin: u64| {
            self.publish_spans(&mut live, &mut had_open, &recorder, at, batch, origin);
        };
        let joined = std::thread::scope(|scope| {
            let exec = std::thread::Builder::new()
                .name("lab-exec".into())
                .spawn_scoped(scope, || execute(&*executor, &ctx, &run_origin, self.wake))
                .map_err(RunError::Thread)?;
            let mut done = false;
            while !done && !exec.is_finished() {
                done = self.poll_commands(self.options.poll);
                let batch = recorder.drain();
                publish(&batch, run_origin.load(Ordering::Acquire));
                in_flight += in_flight_change(&batch);
                events.extend(batch);
                self.send_progress(at, work, &results, in_flight);
            }
            exec.join().map_err(|_| RunError::ExecutorPanicked)
        })?;
        let (report, start_ns, end_ns) = joined;
        let late = recorder.drain();
        publish(&late, start_ns);
        events.extend(late);
        let (report, exec_cpu_ns) = report?;
        let cpu_ns = run_cpu_ns(&report, exec_cpu_ns, &recorder);
        // An interpreter times its own pool, without its own start-up.
        let (start_ns, end_ns) = report.window_ns.unwrap_or((start_ns, end_ns));
        if let Err(e) = services.close() {
            self.send(RunnerEvent::Notice(tr!(
                "notice-temp-folder",
                reason = e.to_string()
            )));
        }
        if let Some((task, message)) = results.no_space() {
            return Err(RunError::NoSpace { task, message });
        }
        let lanes = recorder.lanes();
        let spans = build_spans(&events, start_ns, &lanes);
        Ok(summarize_repetition(SummaryInput {
            work,
            at,
            results: &results,
            cancelled: self.cancel.is_cancelled(),
            window_s: [
                self.seconds_since_origin(start_ns),
                self.seconds_since_origin(end_ns),
            ],
            wall_s: end_ns.saturating_sub(start_ns) as f64 / 1e9,
            cpu_s: cpu_ns as f64 / 1e9,
            report,
            lanes,
            spans,
        }))
    }
}

impl Session<'_> {
    /// Sends the spans that ended since the last batch and, while few enough
    /// run at once to draw each, the running ones as they grow. An empty
    /// batch still goes out once after running spans were sent, so the
    /// timeline stops drawing them. Nothing before the executor has started
    /// (origin 0), or when the live timeline was not asked for.
    fn publish_spans(
        &self,
        live: &mut LiveSpans,
        had_open: &mut bool,
        recorder: &Recorder,
        at: Position,
        batch: &[Event],
        origin: u64,
    ) {
        if !self.options.live_spans || origin == 0 {
            return;
        }
        let lanes = recorder.lanes();
        let spans = live.feed(batch, origin, &lanes);
        // Few enough running tasks to draw each; more are drawn once ended.
        let open = if live.in_flight() <= MAX_OPEN_DRAWN {
            live.open_spans(origin, sys::monotonic_ns(), &lanes)
        } else {
            Vec::new()
        };
        if !spans.is_empty() || !open.is_empty() || *had_open {
            *had_open = !open.is_empty();
            self.send(RunnerEvent::Spans {
                run: at.run,
                repetition: at.repetition,
                spans,
                open,
                lanes,
            });
        }
    }

    /// Where the experiment is, sent at every poll so progress moves while a
    /// repetition runs rather than only between them.
    fn send_progress(
        &self,
        at: Position,
        work: &ResolvedWorkload,
        results: &TaskResults,
        in_flight: i64,
    ) {
        self.send(RunnerEvent::Progress(Progress {
            run: at.run,
            runs: at.runs,
            repetition: at.repetition,
            repetitions: at.repetitions,
            warmup: at.warmup,
            warmups: at.warmups,
            tasks_done: results.finished(),
            tasks: work.tasks,
            in_flight: in_flight.max(0) as usize,
            elapsed_s: self.seconds_since_origin(sys::monotonic_ns()),
        }));
    }

    /// Refuses a `file` run whose files, as many at once as the run has
    /// workers, cannot fit in its temporary folder. Where the free space
    /// cannot be known the writes themselves will tell.
    fn check_free_space(
        &self,
        work: &ResolvedWorkload,
        plan: &RunPlan,
        services: &crate::engine::run::workload::Services,
    ) -> Result<(), RunError> {
        let (WorkloadKind::File, Some(folder)) = (work.kind, &services.temp_dir) else {
            return Ok(());
        };
        let at_once = plan.workers.clamp(1, work.tasks.max(1) as usize) as u64;
        let need = work.bytes.saturating_mul(at_once);
        match (self.options.free_space)(folder) {
            Ok(free) if free < need => Err(RunError::NoSpaceBefore {
                folder: folder.clone(),
                free,
                files: at_once,
                size: work.bytes,
                need,
            }),
            _ => Ok(()),
        }
    }
}

/// The executor's thread: the serial part, then the executor, timed and
/// with this thread's own CPU time (the coordination a model costs). Wakes
/// the runner when done so it stops polling at once. A free function, not
/// a `Session` method: the session holds the command receiver, which cannot
/// be shared with another thread.
fn execute(
    executor: &dyn Executor,
    ctx: &RunContext<'_>,
    run_origin: &AtomicU64,
    wake: &Sender<Command>,
) -> (Result<(ExecReport, u64), ExecError>, u64, u64) {
    let (plan, work, stop) = (ctx.plan, ctx.work, ctx.cancel);
    let start = sys::monotonic_ns();
    run_origin.store(start, Ordering::Release);
    // This thread's CPU time, or the process's where thread times are too
    // coarse (see `sys::run_cpu_ns`).
    let cpu_before = sys::run_cpu_ns();
    // An interpreter does its serial part itself, in its window.
    let serial_ok = plan.runtime == Runtime::Python
        || kernel::serial_part(work.serial_iters, work.slice_iters, || stop.is_cancelled())
        || stop.is_cancelled();
    let report = if serial_ok {
        executor.run(ctx)
    } else {
        Err(ExecError::SerialPart)
    };
    let end = sys::monotonic_ns();
    let own_cpu = sys::run_cpu_ns().saturating_sub(cpu_before);
    // The session also polls is_finished(): a lost wake-up only delays it.
    let _ = wake.send(Command::ExecutorDone);
    (report.map(|r| (r, own_cpu)), start, end)
}

/// The run's own threads and processes only: the app's UI, the CPU monitor
/// and the echo server (standing in for a remote machine) are not part of the
/// model's cost. An interpreter counts its own. Where thread times are coarse,
/// `exec_cpu_ns` is the whole process's and already holds the worker threads'.
fn run_cpu_ns(report: &ExecReport, exec_cpu_ns: u64, recorder: &Recorder) -> u64 {
    let worker_threads_cpu_ns = if sys::thread_cpu_clock_is_fine() {
        recorder.worker_cpu_ns()
    } else {
        0
    };
    report
        .cpu_ns
        .unwrap_or(exec_cpu_ns + worker_threads_cpu_ns + report.extra_cpu_ns)
}

/// Tasks started minus tasks ended in a batch, to show how many run without
/// building their spans.
fn in_flight_change(batch: &[Event]) -> i64 {
    batch
        .iter()
        .map(|e| match e.kind {
            EventKind::Start => 1,
            EventKind::End | EventKind::Failed => -1,
            _ => 0,
        })
        .sum::<i64>()
}

/// What a person is told about a worker that died: replaced, or lost when
/// no replacement could be started. A pool's start is not news.
fn notice_text(label: &str, notice: &ExecNotice) -> Option<String> {
    match notice {
        ExecNotice::WorkersStarted(_) => None,
        ExecNotice::WorkerReplaced {
            died,
            replacement: Some(new),
        } => Some(tr!(
            "notice-worker-replaced",
            label = label.to_owned(),
            died = *died,
            replacement = *new
        )),
        ExecNotice::WorkerReplaced {
            died,
            replacement: None,
        } => Some(tr!(
            "notice-worker-lost",
            label = label.to_owned(),
            died = *died
        )),
    }
}

/// Where in the experiment a repetition is.
#[derive(Debug, Clone, Copy)]
struct Position {
    run: usize,
    runs: usize,
    repetition: u32,
    repetitions: u32,
    warmup: bool,
    warmups: u32,
}

struct SummaryInput<'a> {
    work: &'a ResolvedWorkload,
    at: Position,
    results: &'a TaskResults,
    cancelled: bool,
    window_s: [f64; 2],
    wall_s: f64,
    cpu_s: f64,
    report: crate::engine::run::executor::ExecReport,
    lanes: Vec<LaneInfo>,
    spans: Vec<TaskSpan>,
}

/// Verifies checksums and sums up one repetition.
fn summarize_repetition(input: SummaryInput<'_>) -> Repetition {
    let work = input.work;
    let results = input.results;
    let (mut done, mut failed, mut checksum_ok) = (0u32, 0u32, true);
    let mut errors: Vec<String> = results
        .errors()
        .into_iter()
        .take(10)
        .map(|(task, message)| tr!("err-task", task = task, message = message))
        .collect();
    for task in 0..work.tasks {
        match results.status(task) {
            TaskStatus::Done => {
                done += 1;
                if results.checksum(task) != Some(expected_checksum(work, task)) {
                    checksum_ok = false;
                    if errors.len() < 10 {
                        errors.push(tr!("err-task-checksum", task = task));
                    }
                }
            }
            TaskStatus::Failed => failed += 1,
            TaskStatus::Pending | TaskStatus::Cancelled if !input.cancelled => {
                failed += 1;
                if errors.len() < 10 {
                    errors.push(tr!("err-task-unfinished", task = task));
                }
            }
            TaskStatus::Pending | TaskStatus::Cancelled => {}
        }
    }
    let seconds = |us: u64| us as f64 / 1e6;
    let spans = input.spans;
    let io_task_ms = (work.kind == WorkloadKind::Convoy)
        .then(|| spans.iter().find(|s| is_convoy_io_task(s.task)))
        .flatten()
        .map(|s| s.duration_us() as f64 / 1000.0);
    Repetition {
        run: input.at.run,
        repetition: input.at.repetition,
        warmup: input.at.warmup,
        window_s: input.window_s,
        wall_s: input.wall_s,
        cpu_s: input.cpu_s,
        startup_s: input.report.startup.map(|d| d.as_secs_f64()),
        interpreter_start_s: input.report.interpreter_start.map(|d| d.as_secs_f64()),
        tasks: work.tasks,
        done,
        failed,
        checksum_ok,
        busy_s: seconds(spans.iter().map(|s| s.busy_us).sum()),
        gil_wait_s: seconds(spans.iter().map(|s| s.gil_wait_us).sum()),
        task_time_s: seconds(spans.iter().map(TaskSpan::duration_us).sum()),
        // Every task is submitted when the run starts (as with `map` on an
        // executor): its latency is when its result is there.
        latencies_ms: spans.iter().map(|s| s.end_us as f64 / 1000.0).collect(),
        task_times_ms: spans
            .iter()
            .map(|s| s.duration_us() as f64 / 1000.0)
            .collect(),
        io_task_ms,
        errors,
        replaced_workers: input.report.replaced_workers,
        gil: input.report.gil,
        lanes: input.lanes,
        spans,
    }
}

/// The work a run does. The lab's runs share the experiment's; a Python run
/// turns `cpu_ms` into iterations with its interpreter's own calibration, so
/// that both do the same time of computation, and computes its convoy steps
/// and timed stretches in that interpreter's units.
fn work_for_run(
    work: &ResolvedWorkload,
    plan: &RunPlan,
    cancel: &CancelToken,
) -> Result<ResolvedWorkload, RunError> {
    let python = match (&plan.runtime, &plan.python) {
        (Runtime::Lab, _) => return Ok(work.clone()),
        (Runtime::Python, Some(python)) => python,
        (Runtime::Python, None) => {
            return Err(RunError::NoInterpreter);
        }
    };
    let mut own = work.clone();
    if !work.kind.uses_cpu() && work.serial_ms.is_none() {
        return Ok(own);
    }
    let calibration = crate::engine::python::calibrate::calibration(
        &python.interpreter,
        python.gil_flag,
        &|| cancel.is_cancelled(),
    )
    .map_err(|e| RunError::CalibratePython {
        name: python.interpreter.short_name(),
        reason: e.to_string(),
    })?;
    if let Some(ms) = work.cpu_ms {
        own.cpu_iters = calibration.iterations_for_ms(ms);
    }
    if let Some(ms) = work.serial_ms {
        own.serial_iters = calibration.iterations_for_ms(ms);
    }
    own.slice_iters = calibration.slice_iterations();
    Ok(own)
}
