//! What the system is asked for while an experiment runs, so that it
//! measures the machine and not the system's power saving:
//!
//! - Windows: a 1 ms timer resolution (`timeBeginPeriod(1)`). Otherwise
//!   condition-variable waits, sleeps and the async runtimes' timers round up
//!   to the ~15.6 ms system tick: a 5 ms `sleep` task or the simulated GIL's
//!   5 ms switch interval would last ~15.6 ms. Held only for the run (it costs
//!   power), in the lab and in each process-pool worker (since Windows 10
//!   2004 the resolution is per process).
//! - macOS: an activity assertion (`NSProcessInfo beginActivityWithOptions`,
//!   user-initiated and latency-critical), so that App Nap does not throttle
//!   the lab's timers when its window is hidden or in the background.
//! - Elsewhere nothing is needed.

/// Held for a run's duration; dropping it gives everything back.
#[must_use = "the system goes back to power saving when this is dropped"]
pub struct RunActivity {
    #[cfg(windows)]
    period_ms: Option<u32>,
    #[cfg(target_os = "macos")]
    activity: Option<mac::Activity>,
}

impl RunActivity {
    /// Asks for what a run needs; `reason` is what macOS shows (e.g. in
    /// Activity Monitor's "Preventing Sleep" column).
    pub fn begin(reason: &str) -> RunActivity {
        let _ = reason;
        RunActivity {
            #[cfg(windows)]
            period_ms: raise_timer_resolution(),
            #[cfg(target_os = "macos")]
            activity: Some(mac::Activity::begin(reason)),
        }
    }

    /// The timer resolution raised to, in ms (`None` when the system refused).
    #[cfg(windows)]
    pub fn timer_period_ms(&self) -> Option<u32> {
        self.period_ms
    }

    /// The timer resolution raised to: nothing to raise on this system.
    #[cfg(not(windows))]
    pub fn timer_period_ms(&self) -> Option<u32> {
        None
    }
}

impl Drop for RunActivity {
    fn drop(&mut self) {
        #[cfg(windows)]
        if let Some(period) = self.period_ms.take() {
            // SAFETY: pairs the successful timeBeginPeriod with the same value.
            unsafe { windows_sys::Win32::Media::timeEndPeriod(period) };
        }
        #[cfg(target_os = "macos")]
        drop(self.activity.take());
    }
}

/// `timeBeginPeriod(1)`; `Some(1)` when granted.
#[cfg(windows)]
fn raise_timer_resolution() -> Option<u32> {
    const PERIOD_MS: u32 = 1;
    // SAFETY: no preconditions; paired with timeEndPeriod in Drop.
    let status = unsafe { windows_sys::Win32::Media::timeBeginPeriod(PERIOD_MS) };
    if status == windows_sys::Win32::Media::TIMERR_NOERROR {
        Some(PERIOD_MS)
    } else {
        log::warn!("{}", crate::tr!("log-timer-refused", status = status));
        None
    }
}

#[cfg(target_os = "macos")]
mod mac {
    use objc2::rc::Retained;
    use objc2::runtime::{NSObjectProtocol, ProtocolObject};
    use objc2_foundation::{NSActivityOptions, NSProcessInfo, NSString};

    /// An NSProcessInfo activity, ended on drop.
    pub struct Activity(Retained<ProtocolObject<dyn NSObjectProtocol>>);

    impl Activity {
        pub fn begin(reason: &str) -> Activity {
            let options = NSActivityOptions::UserInitiatedAllowingIdleSystemSleep
                | NSActivityOptions::LatencyCritical;
            let token = NSProcessInfo::processInfo()
                .beginActivityWithOptions_reason(options, &NSString::from_str(reason));
            Activity(token)
        }
    }

    impl Drop for Activity {
        fn drop(&mut self) {
            // SAFETY: the token came from beginActivityWithOptions and is ended once.
            unsafe { NSProcessInfo::processInfo().endActivity(&self.0) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_activity_can_be_taken_and_given_back_twice() {
        for _ in 0..2 {
            let activity = RunActivity::begin("test");
            if cfg!(windows) {
                assert_eq!(activity.timer_period_ms(), Some(1));
            } else {
                assert_eq!(activity.timer_period_ms(), None);
            }
            drop(activity);
        }
    }
}
