//! One running copy of the lab's Python program: started with no shell and in
//! its own process group (a job object on Windows), spoken to over its
//! standard input and output, and killed with every process it started.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use serde::Deserialize;

use super::discover::PythonInfo;
use crate::engine::measure::sys;
use crate::tr;

/// The lab's Python program, shipped inside the binary.
pub const DRIVER_SOURCE: &str = include_str!("../../../assets/python/lab_driver.py");
/// The file name it is written under (the interpreter pool imports it by name).
pub const DRIVER_FILE: &str = "lab_driver.py";
/// The protocol version both sides speak.
pub const PROTOCOL: u32 = 1;
/// How much of the interpreter's standard error is kept for messages.
const STDERR_TAIL_BYTES: usize = 8 * 1024;
/// How long a stopped program may take to end its workers and exit, and
/// then its resource tracker to clean up, before they are killed.
const STOP_GRACE: Duration = Duration::from_millis(80);
/// Longest protocol line accepted (a batch of 200,000 tiny tasks is ~40 MB).
const MAX_LINE_BYTES: u64 = 512 << 20;

/// Why talking to an interpreter failed.
#[derive(Debug)]
pub enum DriverError {
    /// It could not be started.
    Start {
        /// The interpreter.
        exe: String,
        /// The OS's reason.
        source: std::io::Error,
    },
    /// It did not say hello in time.
    Silent {
        /// The interpreter.
        exe: String,
        /// The time-out.
        seconds: u64,
        /// The tail of its standard error.
        stderr: String,
    },
    /// It exited or closed its output before the end.
    Died {
        /// The interpreter.
        exe: String,
        /// How it ended.
        status: String,
        /// The tail of its standard error.
        stderr: String,
    },
    /// The lab's program reported a problem.
    Reported {
        /// The interpreter.
        exe: String,
        /// Its message.
        message: String,
        /// The tail of its standard error.
        stderr: String,
    },
    /// Writing to it failed.
    Write {
        /// The interpreter.
        exe: String,
        /// The OS's reason.
        source: std::io::Error,
    },
    /// The run was cancelled.
    Cancelled,
}

impl std::fmt::Display for DriverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            DriverError::Start { exe, source } => {
                tr!(
                    "err-python-start",
                    exe = exe.clone(),
                    reason = source.to_string()
                )
            }
            DriverError::Silent {
                exe,
                seconds,
                stderr,
            } => tr!(
                "err-python-silent",
                exe = exe.clone(),
                seconds = *seconds,
                stderr = stderr.clone()
            ),
            DriverError::Died {
                exe,
                status,
                stderr,
            } => tr!(
                "err-python-died",
                exe = exe.clone(),
                status = status.clone(),
                stderr = stderr.clone()
            ),
            DriverError::Reported {
                exe,
                message,
                stderr,
            } => format!("{exe}: {message}{stderr}"),
            DriverError::Write { exe, source } => {
                tr!(
                    "err-python-write",
                    exe = exe.clone(),
                    reason = source.to_string()
                )
            }
            DriverError::Cancelled => tr!("err-cancelled"),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for DriverError {}

/// What the lab's Python program says (one JSON object per line).
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FromDriver {
    /// Started: who it is.
    Hello {
        /// Its process id.
        pid: u32,
        /// Protocol version.
        protocol: u32,
        /// Its `platform.python_version()`.
        version: String,
        /// Whether the GIL is on now.
        gil_enabled: bool,
    },
    /// Its `perf_counter_ns` right after reading the request.
    Clock {
        /// Its clock, ns.
        t_ns: u64,
    },
    /// Kernel iterations per ms.
    Calibration {
        /// The rate.
        iterations_per_ms: f64,
    },
    /// The measured window starts (its clock).
    Started {
        /// Its clock, ns.
        t_ns: u64,
    },
    /// Task events and results since the last batch.
    Batch {
        /// Events per lane.
        lanes: Vec<BatchLane>,
        /// `(task, checksum, error)`.
        results: Vec<(u32, Option<u64>, Option<String>)>,
    },
    /// The measured window ended.
    Finished {
        /// Window start, its clock, ns.
        t_start_ns: u64,
        /// Window end, its clock, ns.
        t_end_ns: u64,
        /// The interpreter's own CPU time over the window, ns.
        cpu_ns: u64,
        /// Worker processes' CPU time, ns.
        worker_cpu_ns: u64,
        /// Worker process ids.
        workers: Vec<u32>,
        /// Whether the GIL was on.
        gil_enabled: bool,
        /// Where the serial part's computation ended, if there was one.
        #[serde(default)]
        serial_state: Option<u64>,
    },
    /// Done; it exits.
    Bye,
    /// A fatal problem.
    Error {
        /// The last line of the exception.
        message: String,
    },
    /// Anything a newer program may say.
    #[serde(other)]
    Unknown,
}

/// One lane's events in a batch.
#[derive(Debug, Deserialize)]
pub struct BatchLane {
    /// Process id.
    pub pid: u32,
    /// Native thread id.
    pub tid: u64,
    /// Thread or process name.
    pub name: String,
    /// Flat `t_ns, task, cpu, kind` quadruples (cpu -1: unknown).
    pub events: Vec<i64>,
}

/// The tail of a stream, kept for error messages.
type Tail = Arc<Mutex<VecDeque<u8>>>;

/// A running copy of the lab's program.
pub struct Driver {
    exe: String,
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Result<FromDriver, String>>,
    stderr: Tail,
    /// The threads reading its output, joined once it is dead.
    readers: Vec<std::thread::JoinHandle<()>>,
    /// Where the program's file lives; removed on drop.
    _folder: tempfile::TempDir,
    #[cfg(windows)]
    job: Option<windows_job::Job>,
    /// Monotonic ns when it was started.
    pub spawned_ns: u64,
    /// Monotonic ns when it said hello.
    pub hello_ns: u64,
    /// Its process id.
    pub pid: u32,
}

/// How a waiting read ended.
pub enum Next {
    /// A message.
    Message(FromDriver),
    /// Nothing yet.
    Timeout,
    /// The program closed its output (exited or died).
    Closed,
}

impl Driver {
    /// Writes the program to a private folder and starts it with `python`
    /// (`-I -B`, plus `-X gil=…` on a free-threaded build), then waits for
    /// its hello, looking at `cancelled` meanwhile.
    pub fn start(
        python: &PythonInfo,
        gil: Option<bool>,
        temp_root: Option<&Path>,
        startup_timeout: Duration,
        cancelled: &dyn Fn() -> bool,
    ) -> Result<Driver, DriverError> {
        let exe = python.executable.display().to_string();
        let start_error = |source| DriverError::Start {
            exe: exe.clone(),
            source,
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix("concurrency-lab-py-");
        let folder = match temp_root {
            Some(root) => builder.tempdir_in(root),
            None => builder.tempdir(),
        }
        .map_err(start_error)?;
        crate::engine::run::services::register_temp_folder(folder.path());
        let script = folder.path().join(DRIVER_FILE);
        std::fs::write(&script, DRIVER_SOURCE).map_err(start_error)?;
        let mut command = Command::new(&python.executable);
        command.args(["-I", "-B"]);
        if python.free_threaded
            && let Some(gil) = gil
        {
            command.args(["-X", if gil { "gil=1" } else { "gil=0" }]);
        }
        // Its temporary files (multiprocessing's `pymp-*` folders, a
        // forkserver's socket) go in the lab's folder, removed with it even
        // when a cancel kills the interpreter before its own clean-up runs.
        for variable in ["TMPDIR", "TEMP", "TMP"] {
            command.env(variable, folder.path());
        }
        command
            .arg(&script)
            .current_dir(folder.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        // On Windows this also opens no console window (one call: a second
        // `creation_flags` would replace the first's flags).
        own_process_group(&mut command);
        let spawned_ns = sys::monotonic_ns();
        let mut child = command.spawn().map_err(start_error)?;
        #[cfg(windows)]
        let job = windows_job::Job::containing(&child).ok();
        let stdin = child.stdin.take();
        let (messages, out_reader) = read_messages(child.stdout.take());
        let (stderr, err_reader) = keep_tail(child.stderr.take());
        let mut driver = Driver {
            exe,
            pid: child.id(),
            child,
            stdin,
            messages,
            stderr,
            readers: out_reader.into_iter().chain(err_reader).collect(),
            _folder: folder,
            #[cfg(windows)]
            job,
            spawned_ns,
            hello_ns: 0,
        };
        driver.await_hello(startup_timeout, cancelled)?;
        Ok(driver)
    }

    fn await_hello(
        &mut self,
        timeout: Duration,
        cancelled: &dyn Fn() -> bool,
    ) -> Result<(), DriverError> {
        let started = Instant::now();
        loop {
            if cancelled() {
                self.kill();
                return Err(DriverError::Cancelled);
            }
            match self.next(Duration::from_millis(10)) {
                Next::Message(FromDriver::Hello { protocol, .. }) => {
                    self.hello_ns = sys::monotonic_ns();
                    if protocol != PROTOCOL {
                        self.kill();
                        return Err(self.reported(tr!(
                            "err-python-protocol",
                            theirs = protocol,
                            ours = PROTOCOL
                        )));
                    }
                    return Ok(());
                }
                Next::Message(FromDriver::Error { message }) => {
                    self.kill();
                    return Err(self.reported(message));
                }
                Next::Message(_) | Next::Timeout if started.elapsed() < timeout => {}
                Next::Closed => return Err(self.died()),
                Next::Message(_) | Next::Timeout => {
                    self.kill();
                    return Err(DriverError::Silent {
                        exe: self.exe.clone(),
                        seconds: timeout.as_secs(),
                        stderr: self.stderr_tail(),
                    });
                }
            }
        }
    }

    /// Sends the request and returns the offset to add to the program's clock
    /// to read the lab's (0 where both read the same clock).
    pub fn request(
        &mut self,
        request: &serde_json::Value,
        cancelled: &dyn Fn() -> bool,
    ) -> Result<i128, DriverError> {
        let mut line = request.to_string();
        line.push('\n');
        let sent_ns = sys::monotonic_ns();
        let written = match self.stdin.as_mut() {
            Some(stdin) => stdin
                .write_all(line.as_bytes())
                .and_then(|()| stdin.flush()),
            None => Err(std::io::ErrorKind::BrokenPipe.into()),
        };
        if let Err(source) = written {
            return Err(match self.next(Duration::from_millis(500)) {
                Next::Closed => self.died(),
                _ => DriverError::Write {
                    exe: self.exe.clone(),
                    source,
                },
            });
        }
        loop {
            if cancelled() {
                self.kill();
                return Err(DriverError::Cancelled);
            }
            match self.next(Duration::from_millis(10)) {
                Next::Message(FromDriver::Clock { t_ns }) => {
                    let received_ns = sys::monotonic_ns();
                    return Ok(clock_offset(sent_ns, received_ns, t_ns));
                }
                Next::Message(FromDriver::Error { message }) => {
                    return Err(self.reported(message));
                }
                Next::Message(_) | Next::Timeout => {}
                Next::Closed => return Err(self.died()),
            }
        }
    }

    /// The next message, waiting at most `timeout`.
    pub fn next(&mut self, timeout: Duration) -> Next {
        match self.messages.recv_timeout(timeout) {
            Ok(Ok(message)) => Next::Message(message),
            // A line that is not the protocol: the program is broken.
            Ok(Err(line)) => Next::Message(FromDriver::Error {
                message: tr!("err-python-gibberish", line = line),
            }),
            Err(RecvTimeoutError::Timeout) => Next::Timeout,
            Err(RecvTimeoutError::Disconnected) => Next::Closed,
        }
    }

    /// An error for a message the program reported.
    pub fn reported(&self, message: String) -> DriverError {
        DriverError::Reported {
            exe: self.exe.clone(),
            message,
            stderr: self.stderr_tail(),
        }
    }

    /// An error for a program that stopped early, with how it ended.
    pub fn died(&mut self) -> DriverError {
        let status = match wait_timeout(&mut self.child, Duration::from_secs(2)) {
            Some(status) => describe_exit(status),
            None => {
                self.kill();
                tr!("err-python-stopped-answering")
            }
        };
        DriverError::Died {
            exe: self.exe.clone(),
            status,
            stderr: self.stderr_tail(),
        }
    }

    /// The last lines the interpreter wrote to standard error, as a suffix
    /// for messages (empty when it wrote nothing).
    pub fn stderr_tail(&self) -> String {
        // Give the reader a moment to catch the last words of a dying process.
        std::thread::sleep(Duration::from_millis(20));
        let bytes: Vec<u8> = self
            .stderr
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .copied()
            .collect();
        let text = String::from_utf8_lossy(&bytes);
        let lines: Vec<&str> = text.trim().lines().rev().take(6).collect();
        if lines.is_empty() {
            String::new()
        } else {
            let lines: Vec<&str> = lines.into_iter().rev().collect();
            tr!(
                "err-python-last-words",
                words = clip(&lines.join(" | "), 1000)
            )
        }
    }

    /// Closes its input and waits for it to exit; kills it after `timeout`.
    pub fn finish(mut self, timeout: Duration) {
        self.stdin.take();
        if wait_timeout(&mut self.child, timeout).is_none() {
            self.kill();
        }
    }

    /// Stops the program and every process it started, and reaps it.
    ///
    /// First it is asked (its input closes): it kills its pool's workers and
    /// exits, so that `multiprocessing`'s resource tracker can remove the
    /// named semaphores a spawn or forkserver pool made. Whatever is left
    /// after [`STOP_GRACE`] is killed.
    pub fn kill(&mut self) {
        self.stdin.take();
        #[cfg(unix)]
        let asked = Instant::now();
        // Timed out or failed: the kill that follows ends it either way.
        let _ = wait_timeout(&mut self.child, STOP_GRACE);
        #[cfg(unix)]
        while group_alive(self.pid) && asked.elapsed() < STOP_GRACE * 2 {
            std::thread::sleep(Duration::from_millis(2));
        }
        #[cfg(unix)]
        {
            let pid = self.pid as libc::pid_t;
            // SAFETY: signalling our own child's process group, which it leads.
            unsafe { libc::kill(-pid, libc::SIGKILL) };
        }
        #[cfg(windows)]
        if let Some(job) = &self.job {
            job.terminate();
        }
        // Already gone is fine: the point is that it is.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            self.kill();
        } else {
            // The program exited; its pool workers may not have.
            #[cfg(unix)]
            // SAFETY: as in `kill`; the group may be empty (ESRCH), harmless.
            unsafe {
                libc::kill(-(self.pid as libc::pid_t), libc::SIGKILL);
            }
            #[cfg(windows)]
            if let Some(job) = &self.job {
                job.terminate();
            }
        }
        // Everything holding its pipes is dead: the readers see the end.
        for reader in self.readers.drain(..) {
            let _ = reader.join();
        }
        crate::engine::run::services::unregister_temp_folder(self._folder.path());
    }
}

/// Whether any process of a process group is still alive (zombies count,
/// as the kernel does, until reaped).
#[cfg(unix)]
fn group_alive(group: u32) -> bool {
    // SAFETY: signal 0 checks existence only.
    unsafe { libc::kill(-(group as libc::pid_t), 0) == 0 }
}

/// Which offset maps the program's clock onto the lab's: none when its stamp
/// falls between sending and receiving (the same clock, as on Linux and
/// Windows), else the midpoint estimate (macOS's `perf_counter` differs).
pub fn clock_offset(sent_ns: u64, received_ns: u64, their_ns: u64) -> i128 {
    if (sent_ns..=received_ns).contains(&their_ns) {
        0
    } else {
        (i128::from(sent_ns) + i128::from(received_ns)) / 2 - i128::from(their_ns)
    }
}

/// Reads protocol lines on a thread of its own until the pipe closes.
fn read_messages(
    stdout: Option<std::process::ChildStdout>,
) -> (
    Receiver<Result<FromDriver, String>>,
    Option<std::thread::JoinHandle<()>>,
) {
    let (sender, receiver) = channel();
    let Some(stdout) = stdout else {
        return (receiver, None);
    };
    let spawned = std::thread::Builder::new()
        .name("lab-python-out".into())
        .spawn(move || {
            let mut reader = BufReader::with_capacity(1 << 16, stdout);
            let mut line = Vec::new();
            loop {
                line.clear();
                match reader
                    .by_ref()
                    .take(MAX_LINE_BYTES)
                    .read_until(b'\n', &mut line)
                {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
                let message = serde_json::from_slice::<FromDriver>(&line)
                    .map_err(|_| clip(String::from_utf8_lossy(&line).trim(), 200));
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
    match spawned {
        Ok(handle) => (receiver, Some(handle)),
        // Without a reader the program looks closed at once: reported as died.
        Err(_) => (channel().1, None),
    }
}

/// Keeps the last few KB of a stream.
fn keep_tail(
    stream: Option<impl Read + Send + 'static>,
) -> (Tail, Option<std::thread::JoinHandle<()>>) {
    let tail: Tail = Arc::default();
    let Some(mut stream) = stream else {
        return (tail, None);
    };
    let shared = Arc::clone(&tail);
    let reader = std::thread::Builder::new()
        .name("lab-python-err".into())
        .spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(n) = stream.read(&mut buffer) {
                if n == 0 {
                    return;
                }
                let mut kept = shared.lock().unwrap_or_else(PoisonError::into_inner);
                kept.extend(&buffer[..n]);
                let excess = kept.len().saturating_sub(STDERR_TAIL_BYTES);
                kept.drain(..excess);
            }
        })
        .ok();
    (tail, reader)
}

fn wait_timeout(child: &mut Child, timeout: Duration) -> Option<std::process::ExitStatus> {
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if started.elapsed() < timeout => std::thread::sleep(Duration::from_millis(5)),
            _ => return None,
        }
    }
}

/// "exited with code 1", "killed by signal 9".
pub fn describe_exit(status: std::process::ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return tr!("exit-signal", signal = signal);
        }
    }
    match status.code() {
        Some(code) => tr!("exit-code", code = code),
        None => tr!("exit-unknown"),
    }
}

/// Cuts text to at most `max` characters, saying so.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let kept: String = text.chars().take(max).collect();
        tr!("clipped", kept = kept, count = text.chars().count())
    }
}

/// Starts the child as the leader of a new process group, so that one
/// signal reaches every process it starts and the terminal's Ctrl+C does not
/// (the lab cancels, then kills the group). On Linux it also dies with the
/// thread that started it (the executor, which outlives it).
#[cfg(unix)]
pub fn own_process_group(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    command.process_group(0);
    #[cfg(target_os = "linux")]
    // SAFETY: prctl is async-signal-safe; nothing else runs in the hook.
    unsafe {
        command.pre_exec(|| {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            Ok(())
        });
    }
}

/// A new process group keeps the console's Ctrl+C from the child, and it
/// opens no console window; the job object (see [`windows_job`]) kills it
/// with the lab.
#[cfg(windows)]
pub fn own_process_group(command: &mut Command) {
    crate::engine::run::child::detach_from_console(command);
}

#[cfg(not(any(unix, windows)))]
pub fn own_process_group(_command: &mut Command) {}

/// Kills a child started with [`own_process_group`] and everything it
/// started (on Unix; elsewhere the child alone).
pub fn kill_group(child: &mut Child) {
    #[cfg(unix)]
    // SAFETY: signalling the group our child leads.
    unsafe {
        libc::kill(-(child.id() as libc::pid_t), libc::SIGKILL);
    }
    // Already gone is fine: the point is that it is.
    let _ = child.kill();
    let _ = child.wait();
}

/// Keeps a console program from opening a console window (Windows).
pub use crate::engine::run::child::hide_console;

/// The kill-on-close job object, shared with the lab's own process pool.
#[cfg(windows)]
pub use crate::engine::run::child::windows_job;
