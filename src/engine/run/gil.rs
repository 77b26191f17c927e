//! A simulated Global Interpreter Lock, modelled on CPython's since 3.2
//! (`Python/ceval_gil.c`).
//!
//! One lock. The holder runs "bytecode" — CPU work in small slices — and after
//! each slice checks a drop request. A thread that wants the lock waits at most
//! the switch interval; if no switch happened meanwhile it sets the drop
//! request. The holder then drops the lock and, before competing again, waits
//! until another thread has taken it (forced switching). Blocking I/O releases
//! the lock and takes it back afterwards.
//!
//! This reproduces both famous effects: CPU-bound threads gain nothing from
//! more cores, and an I/O thread beside CPU threads waits up to an interval for
//! every wake-up (the convoy effect).

use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use crate::engine::measure::recorder::{self, EventKind};
use crate::engine::run::cancel::CancelToken;

/// Longest a GIL wait blocks without looking at the cancel token.
const CANCEL_POLL: Duration = Duration::from_millis(20);

/// The run was cancelled while waiting for the GIL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

/// The lock itself, shared by all threads of one run.
#[derive(Debug)]
pub struct Gil {
    state: Mutex<State>,
    /// Signalled when the lock is released.
    released: Condvar,
    /// Signalled when a thread takes the lock (for forced switching).
    switched: Condvar,
    /// Read by the holder between slices without taking the mutex
    /// (CPython's `eval_breaker`).
    drop_request: AtomicBool,
    interval: Duration,
    stats: Mutex<Vec<GilThreadStats>>,
}

#[derive(Debug, Default)]
struct State {
    locked: bool,
    last_holder: u64,
    switch_number: u64,
    waiters: u32,
    next_thread: u64,
}

/// What one thread did with the GIL over a run.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct GilThreadStats {
    /// Thread name.
    pub thread: String,
    /// Time holding the lock, ms.
    pub hold_ms: f64,
    /// Time waiting to take it, ms.
    pub wait_ms: f64,
    /// Times the lock came to this thread from another one.
    pub switches: u64,
    /// Times this thread was asked to drop it (drop requests honoured).
    pub forced_drops: u64,
}

impl Gil {
    /// A free GIL with CPython's switching rule and this interval.
    pub fn new(interval: Duration) -> Self {
        Gil {
            state: Mutex::new(State {
                next_thread: 1,
                ..State::default()
            }),
            released: Condvar::new(),
            switched: Condvar::new(),
            drop_request: AtomicBool::new(false),
            interval,
            stats: Mutex::new(Vec::new()),
        }
    }

    /// The switch interval.
    pub fn interval(&self) -> Duration {
        self.interval
    }

    /// Registers the calling thread; it holds nothing yet.
    pub fn thread<'g>(&'g self, cancel: &'g CancelToken) -> GilThread<'g> {
        let id = {
            let mut state = self.lock();
            state.next_thread += 1;
            state.next_thread
        };
        GilThread {
            gil: self,
            cancel,
            id,
            held_since: None,
            hold: Duration::ZERO,
            wait: Duration::ZERO,
            switches: 0,
            forced_drops: 0,
        }
    }

    /// Per-thread statistics of every thread that has finished with the GIL.
    pub fn stats(&self) -> Vec<GilThreadStats> {
        self.stats
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// CPython's `take_gil`.
    fn take(&self, me: u64, cancel: &CancelToken) -> Result<bool, Cancelled> {
        let mut state = self.lock();
        if state.locked {
            state.waiters += 1;
        }
        let mut waited = false;
        while state.locked {
            waited = true;
            let saved_switch = state.switch_number;
            let deadline = Instant::now() + self.interval;
            loop {
                if cancel.is_cancelled() {
                    state.waiters -= 1;
                    return Err(Cancelled);
                }
                let now = Instant::now();
                if now >= deadline {
                    break;
                }
                state = match self
                    .released
                    .wait_timeout(state, (deadline - now).min(CANCEL_POLL))
                {
                    Ok((guard, _)) => guard,
                    Err(poisoned) => poisoned.into_inner().0,
                };
                if !state.locked || state.switch_number != saved_switch {
                    break;
                }
            }
            if state.locked && state.switch_number == saved_switch {
                // A whole interval passed and the holder kept the lock: ask it to drop.
                self.drop_request.store(true, Ordering::Release);
            }
        }
        if waited {
            state.waiters -= 1;
        }
        state.locked = true;
        let switched_from_other = state.last_holder != me;
        state.last_holder = me;
        state.switch_number += 1;
        self.switched.notify_all();
        self.drop_request.store(false, Ordering::Release);
        Ok(switched_from_other)
    }

    /// CPython's `drop_gil`; with `forced`, waits until another thread took the lock.
    fn release(&self, me: u64, forced: bool, cancel: &CancelToken) {
        let mut state = self.lock();
        state.locked = false;
        self.released.notify_one();
        if forced {
            while state.last_holder == me && state.waiters > 0 && !cancel.is_cancelled() {
                state = match self.switched.wait_timeout(state, CANCEL_POLL) {
                    Ok((guard, _)) => guard,
                    Err(poisoned) => poisoned.into_inner().0,
                };
            }
        }
    }
}

/// One thread's handle on the GIL: tracks what it holds and its statistics.
pub struct GilThread<'g> {
    gil: &'g Gil,
    cancel: &'g CancelToken,
    id: u64,
    held_since: Option<Instant>,
    hold: Duration,
    wait: Duration,
    switches: u64,
    forced_drops: u64,
}

impl GilThread<'_> {
    /// Whether this thread holds the GIL now.
    pub fn holds(&self) -> bool {
        self.held_since.is_some()
    }

    /// Takes the GIL for `task`, recording the wait and then `Running`.
    pub fn acquire(&mut self, task: u32) -> Result<(), Cancelled> {
        if self.holds() {
            return Ok(());
        }
        let started = Instant::now();
        // Record the wait only when there will be one, so uncontended takes
        // leave no zero-length segments on the timeline.
        if self.gil.lock().locked {
            recorder::record(task, EventKind::GilWait);
        }
        let switched = self.gil.take(self.id, self.cancel)?;
        let now = Instant::now();
        self.wait += now - started;
        self.switches += u64::from(switched);
        self.held_since = Some(now);
        recorder::record(task, EventKind::Running);
        Ok(())
    }

    /// Drops the GIL. Callers record the task's next state *before* calling,
    /// so that recorded `Running` time never extends past the release.
    pub fn release(&mut self) {
        if let Some(since) = self.held_since.take() {
            self.hold += since.elapsed();
            self.gil.release(self.id, false, self.cancel);
        }
    }

    /// The check between slices: if another thread asked for the lock, hand it
    /// over, wait until it has been taken, and compete for it again.
    pub fn yield_if_requested(&mut self, task: u32) -> Result<(), Cancelled> {
        if !self.gil.drop_request.load(Ordering::Acquire) || !self.holds() {
            return Ok(());
        }
        recorder::record(task, EventKind::GilWait);
        if let Some(since) = self.held_since.take() {
            self.hold += since.elapsed();
        }
        self.forced_drops += 1;
        let started = Instant::now();
        self.gil.release(self.id, true, self.cancel);
        self.wait += started.elapsed();
        self.acquire(task)
    }

    /// Runs a blocking wait with the GIL released, as CPython does around
    /// blocking calls, and takes it back afterwards.
    pub fn blocking<T>(&mut self, task: u32, wait: impl FnOnce() -> T) -> Result<T, Cancelled> {
        recorder::record(task, EventKind::IoWait);
        let held = self.holds();
        self.release();
        let value = wait();
        if held {
            self.acquire(task)?;
        }
        Ok(value)
    }
}

impl Drop for GilThread<'_> {
    fn drop(&mut self) {
        self.release();
        let stats = GilThreadStats {
            thread: std::thread::current().name().unwrap_or("thread").to_owned(),
            hold_ms: self.hold.as_secs_f64() * 1000.0,
            wait_ms: self.wait.as_secs_f64() * 1000.0,
            switches: self.switches,
            forced_drops: self.forced_drops,
        };
        self.gil
            .stats
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(stats);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::AtomicU32;

    /// Two threads spinning under the GIL: at no instant do both hold it.
    #[test]
    fn only_one_thread_holds_the_gil_at_a_time() {
        let gil = Arc::new(Gil::new(Duration::from_millis(1)));
        let cancel = CancelToken::new();
        let holders = Arc::new(AtomicU32::new(0));
        let max_seen = Arc::new(AtomicU32::new(0));
        let threads: Vec<_> = (0..3)
            .map(|_| {
                let (gil, cancel) = (Arc::clone(&gil), cancel.clone());
                let (holders, max_seen) = (Arc::clone(&holders), Arc::clone(&max_seen));
                std::thread::spawn(move || {
                    let mut me = gil.thread(&cancel);
                    me.acquire(0).expect("not cancelled");
                    let start = Instant::now();
                    while start.elapsed() < Duration::from_millis(40) {
                        let now = holders.fetch_add(1, Ordering::SeqCst) + 1;
                        max_seen.fetch_max(now, Ordering::SeqCst);
                        std::hint::black_box((0..200).sum::<u64>());
                        holders.fetch_sub(1, Ordering::SeqCst);
                        me.yield_if_requested(0).expect("not cancelled");
                    }
                    me.release();
                })
            })
            .collect();
        for thread in threads {
            thread.join().expect("gil thread");
        }
        assert_eq!(max_seen.load(Ordering::SeqCst), 1);
        let stats = gil.stats();
        assert_eq!(stats.len(), 3);
        // With a 1 ms interval and 40+ ms of work each, the lock changed hands.
        assert!(stats.iter().map(|s| s.forced_drops).sum::<u64>() > 0);
        assert!(stats.iter().all(|s| s.hold_ms > 0.0));
    }

    #[test]
    fn a_waiter_gives_up_when_cancelled() {
        let gil = Arc::new(Gil::new(Duration::from_secs(1)));
        let cancel = CancelToken::new();
        let mut holder = gil.thread(&cancel);
        holder.acquire(0).expect("free lock");
        let waiter = {
            let (gil, cancel) = (Arc::clone(&gil), cancel.clone());
            std::thread::spawn(move || {
                let mut me = gil.thread(&cancel);
                me.acquire(1)
            })
        };
        std::thread::sleep(Duration::from_millis(30));
        let start = Instant::now();
        cancel.cancel();
        assert_eq!(waiter.join().expect("waiter"), Err(Cancelled));
        assert!(start.elapsed() < Duration::from_millis(200));
        holder.release();
    }

    #[test]
    fn blocking_waits_release_the_lock() {
        let gil = Gil::new(Duration::from_millis(5));
        let cancel = CancelToken::new();
        let mut a = gil.thread(&cancel);
        a.acquire(0).expect("free");
        let observed_free = a.blocking(0, || !gil.lock().locked).expect("not cancelled");
        assert!(observed_free);
        assert!(a.holds());
    }
}
