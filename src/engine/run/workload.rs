//! What a task does, for real: compute, sleep, write files, talk TCP, stream
//! memory. Each task returns a checksum that [`expected_checksum`] can verify
//! without redoing the work, so no model can skip or fake any.
//!
//! There are two bodies for every kind: a blocking one (threads, pools, worker
//! processes; optionally under the GIL) and an async one (event loops), where
//! waits are awaited and CPU work runs inline, blocking the loop as it would
//! in `asyncio`.

use crate::tr;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU8, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::engine::measure::recorder::{self, EventKind};
use crate::engine::run::cancel::CancelToken;
use crate::engine::run::gil::{Cancelled, GilThread};
use crate::engine::run::kernel;
use crate::engine::spec::preset::{Fault, ResolvedWorkload, WorkloadKind};

/// Size of one request and one answer on the loopback echo protocol.
pub const NET_MESSAGE_BYTES: usize = 64;
/// Words streamed between two checks for cancellation and GIL drop requests.
const WORDS_PER_CHUNK: usize = 8 * 1024;
/// Added per word of the file/memory pattern (odd: visits every residue).
const PATTERN_STEP: u64 = 0x9E37_79B9_7F4A_7C15;

/// Why a task did not return a checksum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TaskFailure {
    /// The run was cancelled first.
    Cancelled,
    /// It failed (I/O error, panic, dead worker process...).
    Error(String),
    /// A write found the disk full (or the quota, or the file size limit,
    /// reached): every task after it would fail the same way, so the run stops.
    NoSpace(String),
}

/// Whether a write failed for want of room, which no later task can fix.
fn is_out_of_space(error: &std::io::Error) -> bool {
    matches!(
        error.kind(),
        std::io::ErrorKind::StorageFull
            | std::io::ErrorKind::QuotaExceeded
            | std::io::ErrorKind::FileTooLarge
    )
}

impl From<Cancelled> for TaskFailure {
    fn from(_: Cancelled) -> Self {
        TaskFailure::Cancelled
    }
}

/// Resources a run sets up once for all its tasks.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Services {
    /// The loopback echo server, for `net`.
    pub echo_addr: Option<SocketAddr>,
    /// The run's temporary folder, for `file`.
    pub temp_dir: Option<PathBuf>,
}

/// The checksum a correct run of `task` produces.
pub fn expected_checksum(work: &ResolvedWorkload, task: u32) -> u64 {
    match work.kind {
        WorkloadKind::Cpu => kernel::jump(kernel::seed(task), work.cpu_iters),
        WorkloadKind::Mixed => kernel::jump(kernel::seed(task), work.cpu_iters) ^ sleep_token(task),
        WorkloadKind::Sleep => sleep_token(task),
        WorkloadKind::File | WorkloadKind::Memory => pattern_sum(task, work.bytes / 8),
        WorkloadKind::Net => fnv1a(&net_request(task, work.io_ns)),
        WorkloadKind::Convoy if is_convoy_io_task(task) => {
            let mut state = kernel::seed(task);
            for _ in 0..work.io_rounds {
                state = kernel::jump(state, convoy_step_iters(work));
            }
            state
        }
        WorkloadKind::Convoy => kernel::jump(kernel::seed(task), work.cpu_iters),
    }
}

/// In a `convoy` workload, task 0 is the I/O task; the rest compute.
pub fn is_convoy_io_task(task: u32) -> bool {
    task == 0
}

/// Iterations the convoy's I/O task computes after each wake-up.
pub fn convoy_step_iters(work: &ResolvedWorkload) -> u64 {
    // About 20 µs of "bytecode" after every wake-up.
    (work.slice_iters / 5).max(1)
}

fn sleep_token(task: u32) -> u64 {
    kernel::splitmix64(u64::from(task) ^ 0x51EE_9000)
}

fn pattern_seed(task: u32) -> u64 {
    kernel::splitmix64(u64::from(task) ^ 0xB17E_5000)
}

#[inline]
fn pattern_word(seed: u64, index: u64) -> u64 {
    seed.wrapping_add(index.wrapping_mul(PATTERN_STEP))
}

/// Σ pattern_word(seed, i) for i < words, in closed form (mod 2^64).
fn pattern_sum(task: u32, words: u64) -> u64 {
    let seed = pattern_seed(task);
    // words * (words - 1) / 2 without overflow: halve the even factor first.
    let triangle = if words.is_multiple_of(2) {
        (words / 2).wrapping_mul(words.wrapping_sub(1))
    } else {
        words.wrapping_mul(words.wrapping_sub(1) / 2)
    };
    words
        .wrapping_mul(seed)
        .wrapping_add(triangle.wrapping_mul(PATTERN_STEP))
}

/// 64-bit FNV-1a: a checksum of bytes that came back over a socket or disk.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xCBF2_9CE4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01B3)
    })
}

/// The request `task` sends: the delay the server should wait, the task id,
/// and bytes the echo must return intact.
pub fn net_request(task: u32, delay_ns: u64) -> [u8; NET_MESSAGE_BYTES] {
    let mut message = [0u8; NET_MESSAGE_BYTES];
    message[..8].copy_from_slice(&(delay_ns / 1000).to_le_bytes());
    message[8..12].copy_from_slice(&task.to_le_bytes());
    for (i, chunk) in message[16..].chunks_mut(8).enumerate() {
        let word = kernel::splitmix64(u64::from(task) * 8 + i as u64);
        chunk.copy_from_slice(&word.to_le_bytes()[..chunk.len()]);
    }
    message
}

/// Per-task outcome slots, written by workers without locks.
#[derive(Debug)]
pub struct TaskResults {
    slots: Vec<Slot>,
    finished: AtomicUsize,
    errors: Mutex<Vec<(u32, String)>>,
    /// The first task that found no room, and its message.
    no_space: Mutex<Option<(u32, String)>>,
    /// Cancelled at the first [`TaskFailure::NoSpace`], stopping the run.
    stop: Option<CancelToken>,
}

#[derive(Debug, Default)]
struct Slot {
    checksum: AtomicU64,
    status: AtomicU8,
}

/// Where a task ended up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    /// Not finished.
    Pending,
    /// Returned a checksum.
    Done,
    /// Failed.
    Failed,
    /// Stopped by cancellation.
    Cancelled,
}

impl TaskStatus {
    fn from_u8(value: u8) -> Self {
        match value {
            1 => TaskStatus::Done,
            2 => TaskStatus::Failed,
            3 => TaskStatus::Cancelled,
            _ => TaskStatus::Pending,
        }
    }
}

impl TaskResults {
    /// Slots for `tasks` tasks, all pending.
    pub fn new(tasks: u32) -> Self {
        TaskResults {
            slots: (0..tasks).map(|_| Slot::default()).collect(),
            finished: AtomicUsize::new(0),
            errors: Mutex::new(Vec::new()),
            no_space: Mutex::new(None),
            stop: None,
        }
    }

    /// The same, cancelling `stop` when a task finds no room on the disk.
    pub fn stopping_on_no_space(mut self, stop: CancelToken) -> Self {
        self.stop = Some(stop);
        self
    }

    /// The first task that found no room on the disk, and its message.
    pub fn no_space(&self) -> Option<(u32, String)> {
        self.no_space
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn note_no_space(&self, task: u32, message: &str) {
        let first = {
            let mut no_space = self.no_space.lock().unwrap_or_else(PoisonError::into_inner);
            let first = no_space.is_none();
            if first {
                *no_space = Some((task, message.to_owned()));
            }
            first
        };
        if let (true, Some(stop)) = (first, &self.stop) {
            stop.cancel();
        }
    }

    /// Stores a task's outcome.
    pub fn set(&self, task: u32, outcome: &Result<u64, TaskFailure>) {
        let Some(slot) = self.slots.get(task as usize) else {
            return;
        };
        let status = match outcome {
            Ok(checksum) => {
                slot.checksum.store(*checksum, Ordering::Relaxed);
                TaskStatus::Done
            }
            Err(TaskFailure::Cancelled) => TaskStatus::Cancelled,
            Err(TaskFailure::Error(message)) => {
                self.push_error(task, message);
                TaskStatus::Failed
            }
            Err(TaskFailure::NoSpace(message)) => {
                self.push_error(task, message);
                self.note_no_space(task, message);
                TaskStatus::Failed
            }
        };
        slot.status.store(status as u8, Ordering::Release);
        self.finished.fetch_add(1, Ordering::Relaxed);
    }

    fn push_error(&self, task: u32, message: &str) {
        self.errors
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((task, message.to_owned()));
    }

    /// Tasks that ended, one way or another.
    pub fn finished(&self) -> usize {
        self.finished.load(Ordering::Relaxed)
    }

    /// A task's status.
    pub fn status(&self, task: u32) -> TaskStatus {
        self.slots
            .get(task as usize)
            .map_or(TaskStatus::Pending, |s| {
                TaskStatus::from_u8(s.status.load(Ordering::Acquire))
            })
    }

    /// A finished task's checksum.
    pub fn checksum(&self, task: u32) -> Option<u64> {
        (self.status(task) == TaskStatus::Done)
            .then(|| self.slots[task as usize].checksum.load(Ordering::Relaxed))
    }

    /// A finished task's outcome; `None` while pending.
    pub fn outcome(&self, task: u32) -> Option<Result<u64, TaskFailure>> {
        match self.status(task) {
            TaskStatus::Pending => None,
            TaskStatus::Done => self.checksum(task).map(Ok),
            TaskStatus::Cancelled => Some(Err(TaskFailure::Cancelled)),
            TaskStatus::Failed => {
                let errors = self.errors.lock().unwrap_or_else(PoisonError::into_inner);
                let message = errors
                    .iter()
                    .rev()
                    .find(|(t, _)| *t == task)
                    .map_or_else(|| "failed".to_owned(), |(_, m)| m.clone());
                drop(errors);
                // A worker process hands its outcome on as it was.
                if self.no_space().is_some_and(|(t, _)| t == task) {
                    Some(Err(TaskFailure::NoSpace(message)))
                } else {
                    Some(Err(TaskFailure::Error(message)))
                }
            }
        }
    }

    /// Failure messages, by task.
    pub fn errors(&self) -> Vec<(u32, String)> {
        let mut errors = self
            .errors
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        errors.sort_by_key(|(task, _)| *task);
        errors
    }

    /// Number of tasks.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether there are no tasks.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }
}

/// What a blocking task body needs.
#[derive(Clone, Copy)]
pub struct TaskEnv<'a> {
    /// The work.
    pub work: &'a ResolvedWorkload,
    /// Server address and temporary folder.
    pub services: &'a Services,
    /// Stops the task between slices and wakes its waits.
    pub cancel: &'a CancelToken,
}

/// Runs one task on the calling thread, recording it and storing its
/// outcome; a panic in the task is caught and reported as a failure.
///
/// With a GIL, the task takes it at the start and releases it at the end,
/// after recording its end, so recorded `Running` time always lies inside
/// the time the lock was held.
pub fn execute_task(
    env: TaskEnv<'_>,
    task: u32,
    mut gil: Option<&mut GilThread<'_>>,
    results: &TaskResults,
) {
    recorder::record(task, EventKind::Start);
    let outcome = if env.cancel.is_cancelled() {
        Err(TaskFailure::Cancelled)
    } else {
        let started = match gil.as_deref_mut() {
            Some(gil) => gil.acquire(task).map_err(TaskFailure::from),
            None => {
                recorder::record(task, EventKind::Running);
                Ok(())
            }
        };
        started.and_then(|()| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                run_blocking(env, task, gil.as_deref_mut())
            }))
            .unwrap_or_else(|panic| Err(TaskFailure::Error(panic_message(&*panic))))
        })
    };
    finish_task(task, &outcome);
    if let Some(gil) = gil {
        gil.release();
    }
    results.set(task, &outcome);
}

/// Records a task's last event.
pub fn finish_task(task: u32, outcome: &Result<u64, TaskFailure>) {
    let kind = if outcome.is_ok() {
        EventKind::End
    } else {
        EventKind::Failed
    };
    recorder::record(task, kind);
}

/// Text of a caught panic.
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    let text = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| tr!("err-unknown-panic"));
    tr!("err-task-panicked", text = text)
}

/// The fault injected into this task, if any. A panic happens here; a hang
/// is left to the caller, who knows how to wait (blocking or async).
fn check_fault(work: &ResolvedWorkload, task: u32) -> Option<Fault> {
    match work.fault {
        Some(Fault::Panic { task: victim }) if victim == task => {
            panic!("deliberate fault injected into task {task}");
        }
        Some(fault @ Fault::Hang { task: victim }) if victim == task => Some(fault),
        _ => None,
    }
}

/// An injected hang: waits until the run is cancelled, however long.
fn hang(cancel: &CancelToken) -> TaskFailure {
    while !cancel.sleep(Duration::from_secs(3600)) {}
    TaskFailure::Cancelled
}

/// A blocking task in progress: knows how to compute in slices and how to wait.
struct Blocking<'a, 'g, 'h> {
    env: TaskEnv<'a>,
    task: u32,
    gil: Option<&'h mut GilThread<'g>>,
}

impl Blocking<'_, '_, '_> {
    /// Between slices: stop if cancelled, hand over the GIL if asked.
    fn checkpoint(&mut self) -> Result<(), TaskFailure> {
        if self.env.cancel.is_cancelled() {
            return Err(TaskFailure::Cancelled);
        }
        if let Some(gil) = self.gil.as_deref_mut() {
            gil.yield_if_requested(self.task)?;
        }
        Ok(())
    }

    fn compute(&mut self, mut state: u64, iterations: u64) -> Result<u64, TaskFailure> {
        let slice = self.env.work.slice_iters.max(1);
        let mut left = iterations;
        while left > 0 {
            let step = left.min(slice);
            state = kernel::spin(state, step);
            left -= step;
            self.checkpoint()?;
        }
        Ok(state)
    }

    /// A blocking wait, with the GIL released around it.
    fn wait<T>(&mut self, wait: impl FnOnce() -> T) -> Result<T, TaskFailure> {
        match self.gil.as_deref_mut() {
            Some(gil) => Ok(gil.blocking(self.task, wait)?),
            None => {
                recorder::record(self.task, EventKind::IoWait);
                let value = wait();
                recorder::record(self.task, EventKind::Running);
                Ok(value)
            }
        }
    }

    fn sleep(&mut self, ns: u64) -> Result<(), TaskFailure> {
        let cancel = self.env.cancel;
        if self.wait(|| cancel.sleep(Duration::from_nanos(ns)))? {
            Err(TaskFailure::Cancelled)
        } else {
            Ok(())
        }
    }

    fn stream_pattern(&mut self, words: usize) -> Result<Vec<u64>, TaskFailure> {
        let seed = pattern_seed(self.task);
        let mut buffer = Vec::with_capacity(words);
        for start in (0..words).step_by(WORDS_PER_CHUNK) {
            let end = (start + WORDS_PER_CHUNK).min(words);
            buffer.extend((start..end).map(|i| pattern_word(seed, i as u64)));
            self.checkpoint()?;
        }
        Ok(buffer)
    }

    fn sum_words(&mut self, words: &[u64]) -> Result<u64, TaskFailure> {
        let mut sum = 0u64;
        for chunk in words.chunks(WORDS_PER_CHUNK) {
            sum = chunk.iter().fold(sum, |acc, w| acc.wrapping_add(*w));
            self.checkpoint()?;
        }
        Ok(sum)
    }
}

fn run_blocking(
    env: TaskEnv<'_>,
    task: u32,
    gil: Option<&mut GilThread<'_>>,
) -> Result<u64, TaskFailure> {
    if check_fault(env.work, task).is_some() {
        return Err(hang(env.cancel));
    }
    let mut t = Blocking { env, task, gil };
    let work = env.work;
    match work.kind {
        WorkloadKind::Cpu => t.compute(kernel::seed(task), work.cpu_iters),
        WorkloadKind::Sleep => t.sleep(work.io_ns).map(|()| sleep_token(task)),
        WorkloadKind::Mixed => {
            let state = t.compute(kernel::seed(task), work.cpu_iters)?;
            t.sleep(work.io_ns)?;
            Ok(state ^ sleep_token(task))
        }
        WorkloadKind::Convoy if is_convoy_io_task(task) => {
            let mut state = kernel::seed(task);
            for _ in 0..work.io_rounds {
                t.sleep(work.io_ns)?;
                state = t.compute(state, convoy_step_iters(work))?;
            }
            Ok(state)
        }
        WorkloadKind::Convoy => t.compute(kernel::seed(task), work.cpu_iters),
        WorkloadKind::Memory => {
            let words = t.stream_pattern((work.bytes / 8) as usize)?;
            t.sum_words(&words)
        }
        WorkloadKind::File => {
            let words = t.stream_pattern((work.bytes / 8) as usize)?;
            let dir = env
                .services
                .temp_dir
                .clone()
                .ok_or_else(|| TaskFailure::Error(tr!("err-no-temp-folder")))?;
            let cancel = env.cancel;
            let disk = if work.fault == Some(Fault::DiskFull) {
                Disk::Full
            } else {
                Disk::Real
            };
            t.wait(|| write_and_read_back(&dir, task, &words, cancel, disk))?
        }
        WorkloadKind::Net => {
            let addr = env
                .services
                .echo_addr
                .ok_or_else(|| TaskFailure::Error(tr!("err-no-echo-server")))?;
            let request = net_request(task, work.io_ns);
            let cancel = env.cancel;
            let answer = t.wait(|| blocking_round_trip(addr, &request, cancel))??;
            Ok(fnv1a(&answer))
        }
    }
}

/// Bytes written or read between two looks at the cancel token.
const FILE_CHUNK_BYTES: usize = 1 << 20;
const FILE_CHUNK_WORDS: usize = FILE_CHUNK_BYTES / 8;

/// The disk `file` tasks write to: the real one, or one that is full (an
/// injected fault: tests cannot fill a real disk).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disk {
    /// Writes go to the file system.
    Real,
    /// Every write fails with `ENOSPC`.
    Full,
}

impl Disk {
    fn write(self, file: &mut std::fs::File, bytes: &[u8]) -> std::io::Result<()> {
        match self {
            Disk::Real => file.write_all(bytes),
            Disk::Full => Err(std::io::ErrorKind::StorageFull.into()),
        }
    }
}

/// Writes the words to a file in `dir`, flushes it to disk, reads it back
/// comparing every word, removes it, and returns the sum of what was read.
/// Works in 1 MiB chunks — no second copy of the data, and a cancel is seen
/// between chunks (a flush in progress cannot be interrupted).
pub fn write_and_read_back(
    dir: &std::path::Path,
    task: u32,
    words: &[u64],
    cancel: &CancelToken,
    disk: Disk,
) -> Result<u64, TaskFailure> {
    let path = dir.join(format!("task-{task}.bin"));
    let io_error = |what: &str, e: std::io::Error| {
        let no_space = is_out_of_space(&e);
        let path = path.display().to_string();
        let reason = e.to_string();
        let message = match what {
            "create" => tr!("err-file-create", path = path, reason = reason),
            "write" => tr!("err-file-write", path = path, reason = reason),
            "flush" => tr!("err-file-flush", path = path, reason = reason),
            "open" => tr!("err-file-open", path = path, reason = reason),
            _ => tr!("err-file-read", path = path, reason = reason),
        };
        if no_space {
            TaskFailure::NoSpace(message)
        } else {
            TaskFailure::Error(message)
        }
    };
    let check = || {
        if cancel.is_cancelled() {
            Err(TaskFailure::Cancelled)
        } else {
            Ok(())
        }
    };
    let result = (|| {
        let mut file = std::fs::File::create(&path).map_err(|e| io_error("create", e))?;
        let mut bytes = Vec::with_capacity(FILE_CHUNK_BYTES);
        for chunk in words.chunks(FILE_CHUNK_WORDS) {
            check()?;
            bytes.clear();
            bytes.extend(chunk.iter().flat_map(|w| w.to_le_bytes()));
            disk.write(&mut file, &bytes)
                .map_err(|e| io_error("write", e))?;
        }
        check()?;
        file.sync_all().map_err(|e| io_error("flush", e))?;
        drop(file);
        let mut file = std::io::BufReader::with_capacity(
            FILE_CHUNK_BYTES,
            std::fs::File::open(&path).map_err(|e| io_error("open", e))?,
        );
        let mut sum = 0u64;
        for chunk in words.chunks(FILE_CHUNK_WORDS) {
            check()?;
            bytes.resize(chunk.len() * 8, 0);
            file.read_exact(&mut bytes)
                .map_err(|e| io_error("read", e))?;
            for (expected, read) in chunk.iter().zip(bytes.chunks_exact(8)) {
                let mut word = [0u8; 8];
                word.copy_from_slice(read);
                let word = u64::from_le_bytes(word);
                if word != *expected {
                    return Err(TaskFailure::Error(tr!(
                        "err-file-differs",
                        path = path.display().to_string()
                    )));
                }
                sum = sum.wrapping_add(word);
            }
        }
        if file.read(&mut [0u8; 1]).map_err(|e| io_error("read", e))? != 0 {
            return Err(TaskFailure::Error(tr!(
                "err-file-longer",
                path = path.display().to_string()
            )));
        }
        Ok(sum)
    })();
    // Left behind, the file goes with the run's temporary folder.
    let _ = std::fs::remove_file(&path);
    result
}

fn blocking_round_trip(
    addr: SocketAddr,
    request: &[u8; NET_MESSAGE_BYTES],
    cancel: &CancelToken,
) -> Result<[u8; NET_MESSAGE_BYTES], TaskFailure> {
    let net_error = |e: std::io::Error| {
        TaskFailure::Error(tr!(
            "err-echo",
            addr = addr.to_string(),
            reason = e.to_string()
        ))
    };
    let mut stream =
        TcpStream::connect_timeout(&addr, Duration::from_secs(5)).map_err(net_error)?;
    stream.set_nodelay(true).map_err(net_error)?;
    stream.write_all(request).map_err(net_error)?;
    stream
        .set_read_timeout(Some(Duration::from_millis(10)))
        .map_err(net_error)?;
    let mut answer = [0u8; NET_MESSAGE_BYTES];
    let mut filled = 0;
    while filled < answer.len() {
        if cancel.is_cancelled() {
            return Err(TaskFailure::Cancelled);
        }
        match stream.read(&mut answer[filled..]) {
            Ok(0) => return Err(net_error(std::io::ErrorKind::UnexpectedEof.into())),
            Ok(n) => filled += n,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock
                        | std::io::ErrorKind::TimedOut
                        | std::io::ErrorKind::Interrupted
                ) => {}
            Err(e) => return Err(net_error(e)),
        }
    }
    Ok(answer)
}

/// The async body of a task, for event-loop models.
///
/// Computation runs inline and never yields — the loop is blocked meanwhile,
/// as in `asyncio`; only waits are awaited. File I/O blocks the loop too,
/// since asyncio has no asynchronous files.
pub async fn run_async(
    work: &ResolvedWorkload,
    services: &Services,
    cancel: &CancelToken,
    task: u32,
) -> Result<u64, TaskFailure> {
    if check_fault(work, task).is_some() {
        cancel.cancelled().await;
        return Err(TaskFailure::Cancelled);
    }
    let compute = |state: u64, iterations: u64| -> Result<u64, TaskFailure> {
        let slice = work.slice_iters.max(1);
        let (mut state, mut left) = (state, iterations);
        while left > 0 {
            let step = left.min(slice);
            state = kernel::spin(state, step);
            left -= step;
            if cancel.is_cancelled() {
                return Err(TaskFailure::Cancelled);
            }
        }
        Ok(state)
    };
    let sleep = |ns: u64| async move {
        recorder::record(task, EventKind::IoWait);
        let cancelled = cancel.sleep_async(Duration::from_nanos(ns)).await;
        recorder::record(task, EventKind::Running);
        if cancelled {
            Err(TaskFailure::Cancelled)
        } else {
            Ok(())
        }
    };
    match work.kind {
        WorkloadKind::Cpu => compute(kernel::seed(task), work.cpu_iters),
        WorkloadKind::Sleep => sleep(work.io_ns).await.map(|()| sleep_token(task)),
        WorkloadKind::Mixed => {
            let state = compute(kernel::seed(task), work.cpu_iters)?;
            sleep(work.io_ns).await?;
            Ok(state ^ sleep_token(task))
        }
        WorkloadKind::Convoy if is_convoy_io_task(task) => {
            let mut state = kernel::seed(task);
            for _ in 0..work.io_rounds {
                sleep(work.io_ns).await?;
                state = compute(state, convoy_step_iters(work))?;
            }
            Ok(state)
        }
        WorkloadKind::Convoy => compute(kernel::seed(task), work.cpu_iters),
        WorkloadKind::Memory | WorkloadKind::File => {
            // No GIL and no awaits: the blocking body does exactly this.
            let env = TaskEnv {
                work,
                services,
                cancel,
            };
            run_blocking(env, task, None)
        }
        WorkloadKind::Net => {
            let addr = services
                .echo_addr
                .ok_or_else(|| TaskFailure::Error(tr!("err-no-echo-server")))?;
            let request = net_request(task, work.io_ns);
            recorder::record(task, EventKind::IoWait);
            let answer = tokio::select! {
                answer = async_round_trip(addr, &request) => answer,
                () = cancel.cancelled() => Err(TaskFailure::Cancelled),
            };
            recorder::record(task, EventKind::Running);
            Ok(fnv1a(&answer?))
        }
    }
}

async fn async_round_trip(
    addr: SocketAddr,
    request: &[u8; NET_MESSAGE_BYTES],
) -> Result<[u8; NET_MESSAGE_BYTES], TaskFailure> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let net_error = |e: std::io::Error| {
        TaskFailure::Error(tr!(
            "err-echo",
            addr = addr.to_string(),
            reason = e.to_string()
        ))
    };
    let mut stream = tokio::net::TcpStream::connect(addr)
        .await
        .map_err(net_error)?;
    stream.set_nodelay(true).map_err(net_error)?;
    stream.write_all(request).await.map_err(net_error)?;
    let mut answer = [0u8; NET_MESSAGE_BYTES];
    stream.read_exact(&mut answer).await.map_err(net_error)?;
    Ok(answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workload(kind: WorkloadKind) -> ResolvedWorkload {
        ResolvedWorkload {
            kind,
            tasks: 4,
            cpu_iters: 10_000,
            slice_iters: 1_000,
            io_ns: 1_000_000,
            bytes: 100_000,
            io_rounds: 3,
            fault: None,
            cpu_ms: None,
            serial_iters: 0,
            serial_ms: None,
        }
    }

    #[test]
    fn pattern_sum_matches_the_streamed_sum() {
        for words in [0u64, 1, 2, 3, 1000, 12_345] {
            let seed = pattern_seed(9);
            let streamed = (0..words).fold(0u64, |acc, i| acc.wrapping_add(pattern_word(seed, i)));
            assert_eq!(streamed, pattern_sum(9, words), "words {words}");
        }
    }

    #[test]
    fn blocking_bodies_return_the_expected_checksums() {
        let dir = tempfile::tempdir().expect("temp dir");
        let services = Services {
            echo_addr: None,
            temp_dir: Some(dir.path().to_owned()),
        };
        let cancel = CancelToken::new();
        for kind in [
            WorkloadKind::Cpu,
            WorkloadKind::Sleep,
            WorkloadKind::Mixed,
            WorkloadKind::Memory,
            WorkloadKind::File,
            WorkloadKind::Convoy,
        ] {
            let work = workload(kind);
            let results = TaskResults::new(work.tasks);
            let env = TaskEnv {
                work: &work,
                services: &services,
                cancel: &cancel,
            };
            for task in 0..work.tasks {
                execute_task(env, task, None, &results);
                assert_eq!(
                    results.checksum(task),
                    Some(expected_checksum(&work, task)),
                    "{kind} task {task}: {:?}",
                    results.errors()
                );
            }
        }
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
    }

    #[test]
    fn a_panicking_task_is_reported_as_failed() {
        let mut work = workload(WorkloadKind::Cpu);
        work.fault = Some(Fault::Panic { task: 1 });
        let results = TaskResults::new(work.tasks);
        let services = Services::default();
        let cancel = CancelToken::new();
        let env = TaskEnv {
            work: &work,
            services: &services,
            cancel: &cancel,
        };
        for task in 0..work.tasks {
            execute_task(env, task, None, &results);
        }
        assert_eq!(results.status(1), TaskStatus::Failed);
        assert_eq!(results.status(2), TaskStatus::Done);
        assert!(results.errors()[0].1.contains("deliberate fault"));
    }

    #[test]
    fn a_hanging_task_waits_until_the_run_is_cancelled() {
        let mut work = workload(WorkloadKind::Cpu);
        work.fault = Some(Fault::Hang { task: 0 });
        let results = TaskResults::new(work.tasks);
        let services = Services::default();
        let cancel = CancelToken::new();
        std::thread::scope(|scope| {
            let env = TaskEnv {
                work: &work,
                services: &services,
                cancel: &cancel,
            };
            let results = &results;
            let task = scope.spawn(move || execute_task(env, 0, None, results));
            // Whenever the cancel comes, before or during the hang, it ends it.
            cancel.cancel();
            task.join().expect("the task thread");
        });
        assert_eq!(results.status(0), TaskStatus::Cancelled);
    }

    #[test]
    fn a_cancelled_task_stops_and_says_so() {
        let work = workload(WorkloadKind::Sleep);
        let results = TaskResults::new(1);
        let services = Services::default();
        let cancel = CancelToken::new();
        cancel.cancel();
        let env = TaskEnv {
            work: &work,
            services: &services,
            cancel: &cancel,
        };
        execute_task(env, 0, None, &results);
        assert_eq!(results.status(0), TaskStatus::Cancelled);
    }

    #[test]
    fn checksums_differ_between_tasks_and_kinds() {
        let cpu = workload(WorkloadKind::Cpu);
        assert_ne!(expected_checksum(&cpu, 0), expected_checksum(&cpu, 1));
        let net = workload(WorkloadKind::Net);
        assert_ne!(expected_checksum(&net, 0), expected_checksum(&cpu, 0));
    }
}
