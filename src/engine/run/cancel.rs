//! One cancellation token for every model: a flag that CPU slices poll, a
//! condition variable that wakes blocking waits at once, and a tokio `Notify`
//! that wakes async waits at once. Cancel must stop any run within 200 ms.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError, Weak};
use std::time::{Duration, Instant};

/// Shared, cloneable cancellation flag.
#[derive(Clone, Default)]
pub struct CancelToken {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    cancelled: AtomicBool,
    lock: Mutex<()>,
    wake: Condvar,
    notify: tokio::sync::Notify,
    /// Tokens cancelled with this one (see [`CancelToken::child`]).
    children: Mutex<Vec<Weak<Inner>>>,
}

impl CancelToken {
    /// A token that is not cancelled.
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks everything holding this token (and its children) to stop; wakes
    /// every waiter.
    pub fn cancel(&self) {
        self.inner.cancelled.store(true, Ordering::SeqCst);
        {
            let _guard = self
                .inner
                .lock
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            self.inner.wake.notify_all();
            self.inner.notify.notify_waiters();
        }
        let children: Vec<Arc<Inner>> = self
            .lock_children()
            .iter()
            .filter_map(Weak::upgrade)
            .collect();
        for inner in children {
            CancelToken { inner }.cancel();
        }
    }

    /// A token cancelled when this one is, that can also be cancelled on its
    /// own: a run stops its own tasks (the disk is full) without the
    /// experiment looking cancelled by the person.
    pub fn child(&self) -> CancelToken {
        let child = CancelToken::new();
        {
            let mut children = self.lock_children();
            children.retain(|c| c.strong_count() > 0);
            children.push(Arc::downgrade(&child.inner));
        }
        // Registered first, checked second: a cancel in between reaches it
        // one way or the other.
        if self.is_cancelled() {
            child.cancel();
        }
        child
    }

    fn lock_children(&self) -> std::sync::MutexGuard<'_, Vec<Weak<Inner>>> {
        self.inner
            .children
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Cheap check for the hot path (between CPU slices).
    #[inline]
    pub fn is_cancelled(&self) -> bool {
        self.inner.cancelled.load(Ordering::Relaxed)
    }

    /// Blocks for `duration` unless cancelled first. Returns `true` if cancelled.
    pub fn sleep(&self, duration: Duration) -> bool {
        let deadline = Instant::now() + duration;
        let mut guard = self
            .inner
            .lock
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        loop {
            if self.is_cancelled() {
                return true;
            }
            let now = Instant::now();
            if now >= deadline {
                return false;
            }
            guard = match self.inner.wake.wait_timeout(guard, deadline - now) {
                Ok((guard, _)) => guard,
                Err(poisoned) => poisoned.into_inner().0,
            };
        }
    }

    /// Resolves once the token is cancelled (never, otherwise).
    pub async fn cancelled(&self) {
        loop {
            let notified = self.inner.notify.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if self.is_cancelled() {
                return;
            }
            notified.await;
        }
    }

    /// Async sleep for `duration` unless cancelled first. Returns `true` if cancelled.
    pub async fn sleep_async(&self, duration: Duration) -> bool {
        tokio::select! {
            () = tokio::time::sleep(duration) => self.is_cancelled(),
            () = self.cancelled() => true,
        }
    }
}

impl std::fmt::Debug for CancelToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CancelToken")
            .field("cancelled", &self.is_cancelled())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sleep_runs_its_course_when_not_cancelled() {
        let token = CancelToken::new();
        let start = Instant::now();
        assert!(!token.sleep(Duration::from_millis(20)));
        assert!(start.elapsed() >= Duration::from_millis(20));
    }

    #[test]
    fn a_child_is_cancelled_with_its_parent_and_alone_without_it() {
        let parent = CancelToken::new();
        let child = parent.child();
        child.cancel();
        assert!(!parent.is_cancelled());
        let second = parent.child();
        parent.cancel();
        assert!(second.is_cancelled());
        assert!(parent.child().is_cancelled(), "born after the cancel");
    }

    #[test]
    fn cancel_wakes_a_blocking_sleeper() {
        let token = CancelToken::new();
        let sleeper = {
            let token = token.clone();
            std::thread::spawn(move || token.sleep(Duration::from_secs(60)))
        };
        std::thread::sleep(Duration::from_millis(10));
        token.cancel();
        assert!(sleeper.join().expect("sleeper thread"));
    }

    #[test]
    fn cancel_wakes_an_async_sleeper() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let token = CancelToken::new();
        let canceller = {
            let token = token.clone();
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(10));
                token.cancel();
            })
        };
        let cancelled = runtime.block_on(token.sleep_async(Duration::from_secs(60)));
        canceller.join().expect("canceller");
        assert!(cancelled);
    }
}
