//! Task event recording, cheap enough to leave on for every task.
//!
//! Each recording thread owns a small buffer in a thread-local: recording an
//! event reads the clock and the CPU number and pushes into that buffer — no
//! lock, no allocation. The buffer is appended to the thread's lane, under an
//! uncontended lock, only when it fills, when the thread is about to block
//! (an I/O or GIL wait, which costs far more anyway), when a task starts at
//! least [`START_FLUSH_GAP_NS`] after the last start that flushed (so long
//! tasks show up live while tiny ones are batched), and when a task ends
//! [`FLUSH_EVERY_NS`] after the last flush. The runner drains lanes in batches.
//!
//! Timestamps are system-wide monotonic nanoseconds ([`crate::engine::measure::sys::monotonic_ns`])
//! so that events recorded in worker processes land on the same timeline.

use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use crate::engine::measure::sys;

/// A task end hands buffered events over if the last hand-over is this old, ns.
pub const FLUSH_EVERY_NS: u64 = 20_000_000;
/// A task start hands buffered events over if the last start that did is this old, ns.
pub const START_FLUSH_GAP_NS: u64 = 200_000;

/// `Event::cpu` when the OS cannot say which CPU it was.
pub const UNKNOWN_CPU: u32 = u32::MAX;

/// What happened to a task at an instant.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// The task was picked up by a worker.
    Start,
    /// It computes (holding the GIL, when there is one).
    Running,
    /// It waits to take the GIL.
    GilWait,
    /// It waits on a timer, a socket or the disk.
    IoWait,
    /// It finished with a correct result.
    End,
    /// It failed, panicked or was cancelled.
    Failed,
}

/// One recorded instant. 24 bytes, `Copy`: pushing one allocates nothing.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct Event {
    /// System-wide monotonic time, ns.
    pub t_ns: u64,
    /// Task id.
    pub task: u32,
    /// Lane (worker thread or process) it was recorded on.
    pub worker: u32,
    /// Logical CPU at that instant, or [`UNKNOWN_CPU`].
    pub cpu: u32,
    /// What happened.
    pub kind: EventKind,
}

/// What sort of worker a lane is.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum LaneKind {
    /// An OS thread of this process.
    Thread,
    /// A worker process.
    Process,
}

/// A worker as the timeline shows it: one lane per thread or process.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct LaneInfo {
    /// Lane id, as in [`Event::worker`].
    pub id: u32,
    /// Thread or process.
    pub kind: LaneKind,
    /// OS thread id or process id.
    pub os_id: u64,
    /// Thread name or `process <pid>`.
    pub name: String,
}

/// One worker's handed-over events.
#[derive(Debug)]
pub struct Lane {
    info: LaneInfo,
    events: Mutex<Vec<Event>>,
}

impl Lane {
    /// This lane's description.
    pub fn info(&self) -> &LaneInfo {
        &self.info
    }

    /// Adds events recorded elsewhere (a worker process), re-labelled as this lane's.
    pub fn inject(&self, events: &[Event]) {
        let mut shared = self.events.lock().unwrap_or_else(PoisonError::into_inner);
        shared.extend(events.iter().map(|e| Event {
            worker: self.info.id,
            ..*e
        }));
    }
}

/// All lanes of one run.
#[derive(Debug, Default)]
pub struct Recorder {
    lanes: Mutex<Vec<Arc<Lane>>>,
    /// CPU time of worker threads while they were attached, ns.
    worker_cpu_ns: Arc<AtomicU64>,
}

/// Whether a thread's CPU time counts towards the run's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CpuAccounting {
    /// A worker the executor started: its CPU time while attached counts.
    Worker,
    /// The thread the executor runs on: the runner measures it itself.
    Caller,
}

struct LocalBuffer {
    /// Where this thread's CPU time goes when it detaches, and from when.
    cpu: Option<(Arc<AtomicU64>, u64)>,
    lane: Arc<Lane>,
    buffer: Vec<Event>,
    last_flush_ns: u64,
    last_start_flush_ns: u64,
}

impl LocalBuffer {
    fn finish(mut self) {
        self.flush(0);
        if let Some((total, since)) = self.cpu.take() {
            total.fetch_add(
                sys::thread_cpu_ns().saturating_sub(since),
                Ordering::Relaxed,
            );
        }
    }

    fn flush(&mut self, now_ns: u64) {
        if !self.buffer.is_empty() {
            let mut shared = self
                .lane
                .events
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            shared.extend_from_slice(&self.buffer);
            self.buffer.clear();
        }
        self.last_flush_ns = now_ns;
    }
}

thread_local! {
    static ACTIVE: RefCell<Option<LocalBuffer>> = const { RefCell::new(None) };
}

/// Keeps the calling thread attached to a recorder; flushes and detaches on drop.
#[must_use = "the thread stops recording when the guard is dropped"]
pub struct AttachGuard {
    _not_send: std::marker::PhantomData<*const ()>,
}

impl Drop for AttachGuard {
    fn drop(&mut self) {
        detach_current_thread();
    }
}

impl Recorder {
    /// An empty recorder.
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }

    fn add_lane(&self, kind: LaneKind, os_id: u64, name: String) -> Arc<Lane> {
        let mut lanes = self.lanes.lock().unwrap_or_else(PoisonError::into_inner);
        let lane = Arc::new(Lane {
            info: LaneInfo {
                id: lanes.len() as u32,
                kind,
                os_id,
                name,
            },
            events: Mutex::new(Vec::new()),
        });
        lanes.push(Arc::clone(&lane));
        lane
    }

    /// Makes the calling thread a lane of this recorder until the guard drops.
    ///
    /// `capacity` is the thread's buffer in events: large for long-lived
    /// workers, small for a thread per task. With [`CpuAccounting::Worker`],
    /// the thread's CPU time until it detaches counts towards the run.
    pub fn attach_current_thread(
        self: &Arc<Self>,
        capacity: usize,
        cpu: CpuAccounting,
    ) -> AttachGuard {
        self.attach_current_thread_unguarded(capacity, cpu);
        AttachGuard {
            _not_send: std::marker::PhantomData,
        }
    }

    /// As [`Recorder::attach_current_thread`], for thread start hooks (rayon,
    /// tokio) that cannot keep a guard: pair with [`detach_current_thread`].
    pub fn attach_current_thread_unguarded(self: &Arc<Self>, capacity: usize, cpu: CpuAccounting) {
        let name = std::thread::current()
            .name()
            .map_or_else(|| "thread".to_owned(), str::to_owned);
        let lane = self.add_lane(LaneKind::Thread, sys::os_thread_id(), name);
        let local = LocalBuffer {
            cpu: (cpu == CpuAccounting::Worker)
                .then(|| (Arc::clone(&self.worker_cpu_ns), sys::thread_cpu_ns())),
            lane,
            buffer: Vec::with_capacity(capacity.max(8)),
            last_flush_ns: 0,
            last_start_flush_ns: 0,
        };
        ACTIVE.with(|active| {
            if let Some(previous) = active.borrow_mut().replace(local) {
                previous.finish();
            }
        });
    }

    /// A lane for a worker process, whose events arrive through [`Lane::inject`].
    pub fn add_process_lane(&self, pid: u32) -> Arc<Lane> {
        self.add_lane(LaneKind::Process, u64::from(pid), format!("process {pid}"))
    }

    /// A lane for a thread or process of another program (a Python
    /// interpreter), whose events arrive through [`Lane::inject`].
    pub fn add_external_lane(&self, kind: LaneKind, os_id: u64, name: String) -> Arc<Lane> {
        self.add_lane(kind, os_id, name)
    }

    /// Takes every event handed over since the last drain.
    pub fn drain(&self) -> Vec<Event> {
        let lanes: Vec<Arc<Lane>> = self
            .lanes
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let mut all = Vec::new();
        for lane in lanes {
            let mut events = lane.events.lock().unwrap_or_else(PoisonError::into_inner);
            all.append(&mut events);
        }
        all
    }

    /// CPU time of worker threads that have detached, ns.
    pub fn worker_cpu_ns(&self) -> u64 {
        self.worker_cpu_ns.load(Ordering::Relaxed)
    }

    /// Every lane so far.
    pub fn lanes(&self) -> Vec<LaneInfo> {
        self.lanes
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .map(|lane| lane.info.clone())
            .collect()
    }
}

/// Records that `task` reached `kind` now, on the calling thread's lane.
/// Does nothing on a thread that is not attached.
#[inline]
pub fn record(task: u32, kind: EventKind) {
    ACTIVE.with(|active| {
        let mut active = active.borrow_mut();
        let Some(local) = active.as_mut() else {
            return;
        };
        let t_ns = sys::monotonic_ns();
        local.buffer.push(Event {
            t_ns,
            task,
            worker: local.lane.info.id,
            cpu: sys::current_cpu().unwrap_or(UNKNOWN_CPU),
            kind,
        });
        let hand_over = local.buffer.len() == local.buffer.capacity()
            || match kind {
                EventKind::IoWait | EventKind::GilWait => true,
                EventKind::Start => {
                    let due = t_ns.saturating_sub(local.last_start_flush_ns) >= START_FLUSH_GAP_NS;
                    if due {
                        local.last_start_flush_ns = t_ns;
                    }
                    due
                }
                EventKind::End | EventKind::Failed => {
                    t_ns.saturating_sub(local.last_flush_ns) >= FLUSH_EVERY_NS
                }
                EventKind::Running => false,
            };
        if hand_over {
            local.flush(t_ns);
        }
    });
}

/// Hands the calling thread's buffered events to its lane now.
pub fn flush_current_thread() {
    ACTIVE.with(|active| {
        if let Some(local) = active.borrow_mut().as_mut() {
            local.flush(sys::monotonic_ns());
        }
    });
}

/// Flushes, counts the thread's CPU time, and stops recording on the calling thread.
pub fn detach_current_thread() {
    let local = ACTIVE.with(|active| active.borrow_mut().take());
    if let Some(local) = local {
        local.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_of_attached_threads_reach_their_lanes() {
        let recorder = Recorder::new();
        let handles: Vec<_> = (0..3)
            .map(|i| {
                let recorder = Arc::clone(&recorder);
                std::thread::spawn(move || {
                    let _guard = recorder.attach_current_thread(4, CpuAccounting::Worker);
                    for step in 0..10 {
                        record(i * 100 + step, EventKind::Start);
                    }
                })
            })
            .collect();
        for handle in handles {
            handle.join().expect("recording thread");
        }
        let events = recorder.drain();
        assert_eq!(events.len(), 30);
        assert!(
            recorder.worker_cpu_ns() > 0,
            "worker threads' CPU time is counted"
        );
        assert_eq!(recorder.lanes().len(), 3);
        for event in &events {
            // Each thread's tasks are recorded on that thread's lane only.
            let lane_of_first = events
                .iter()
                .find(|e| e.task / 100 == event.task / 100)
                .map(|e| e.worker);
            assert_eq!(Some(event.worker), lane_of_first);
        }
        assert!(recorder.drain().is_empty(), "a drain takes events once");
    }

    #[test]
    fn unattached_threads_record_nothing() {
        let recorder = Recorder::new();
        std::thread::spawn(|| record(1, EventKind::Start))
            .join()
            .expect("thread");
        assert!(recorder.drain().is_empty());
    }

    #[test]
    fn injected_events_take_the_lane_id() {
        let recorder = Recorder::new();
        let _first = recorder.add_process_lane(10);
        let lane = recorder.add_process_lane(11);
        lane.inject(&[Event {
            t_ns: 5,
            task: 2,
            worker: 0,
            cpu: 1,
            kind: EventKind::End,
        }]);
        let events = recorder.drain();
        assert_eq!(events[0].worker, 1);
        assert_eq!(recorder.lanes()[1].os_id, 11);
    }
}
