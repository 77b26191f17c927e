//! Per-core CPU load, sampled by a named thread (`lab-monitor`) with sysinfo.
//!
//! sysinfo computes load from the difference between two readings, so
//! sampling faster than `sysinfo::MINIMUM_CPU_UPDATE_INTERVAL` gives
//! meaningless numbers: the interval is never allowed below it.

use serde::{Deserialize, Serialize};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::engine::measure::sys;

/// Default sampling interval.
pub const DEFAULT_INTERVAL: Duration = Duration::from_millis(250);

/// One reading, as results store it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CpuSample {
    /// Seconds from the experiment's start (may be negative just before it).
    pub t_s: f64,
    /// Load of each logical core, percent (0-100).
    pub usage: Vec<f32>,
}

/// One reading as the monitor thread produces it.
#[derive(Debug, Clone, PartialEq)]
pub struct MonitorSample {
    /// System-wide monotonic time of the reading, ns.
    pub t_ns: u64,
    /// Load of each logical core, percent (0-100).
    pub usage: Vec<f32>,
}

/// The shortest interval sysinfo gives meaningful loads at.
pub fn minimum_interval() -> Duration {
    sysinfo::MINIMUM_CPU_UPDATE_INTERVAL.max(Duration::from_millis(100))
}

/// Why per-core load cannot be sampled here, if it cannot: under Wine,
/// sysinfo's `pdh.dll!PdhEnumObjectsW` is missing and the process would
/// abort inside Wine's debugger (real Windows has PDH).
pub fn unavailable_reason() -> Option<String> {
    crate::engine::measure::sys::wine_version()
        .map(|version| crate::tr!("monitor-off-wine", version = version))
}

/// A running monitor; stops (and joins its thread) when dropped.
pub struct Monitor {
    samples: Receiver<MonitorSample>,
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Monitor {
    /// Starts sampling every `interval` (raised to [`minimum_interval`]).
    /// `on_sample` runs after each sample is queued (e.g. to wake a UI).
    pub fn start(
        interval: Duration,
        on_sample: impl Fn() + Send + 'static,
    ) -> std::io::Result<Monitor> {
        if let Some(reason) = unavailable_reason() {
            return Err(std::io::Error::new(std::io::ErrorKind::Unsupported, reason));
        }
        let interval = interval.max(minimum_interval());
        let (sample_tx, samples) = channel();
        let (stop, stop_rx) = channel::<()>();
        let thread = std::thread::Builder::new()
            .name("lab-monitor".into())
            .spawn(move || sample_loop(interval, &sample_tx, &stop_rx, &on_sample))?;
        Ok(Monitor {
            samples,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// Samples taken since the last call.
    pub fn drain(&self) -> Vec<MonitorSample> {
        self.samples.try_iter().collect()
    }
}

fn sample_loop(
    interval: Duration,
    samples: &Sender<MonitorSample>,
    stop: &Receiver<()>,
    on_sample: &dyn Fn(),
) {
    use sysinfo::{CpuRefreshKind, RefreshKind, System};
    let Ok(mut system) = System::new_with_specifics(
        RefreshKind::nothing().with_cpu(CpuRefreshKind::nothing().with_usage()),
    ) else {
        return;
    };
    loop {
        match stop.recv_timeout(interval) {
            Err(RecvTimeoutError::Timeout) => {}
            Ok(()) | Err(RecvTimeoutError::Disconnected) => return,
        }
        system.refresh_cpu_usage();
        let usage = system.cpus().iter().map(sysinfo::Cpu::usage).collect();
        let sample = MonitorSample {
            t_ns: sys::monotonic_ns(),
            usage,
        };
        if samples.send(sample).is_err() {
            return;
        }
        on_sample();
    }
}

impl Drop for Monitor {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            // A panicked thread has nothing to hand back; shutting down goes on.
            let _ = thread.join();
        }
    }
}

/// Converts monitor samples to result samples relative to `origin_ns`,
/// keeping those between `from_s` and `to_s`.
pub fn relative_samples(
    samples: &[MonitorSample],
    origin_ns: u64,
    from_s: f64,
    to_s: f64,
) -> Vec<CpuSample> {
    samples
        .iter()
        .map(|s| CpuSample {
            t_s: (s.t_ns as f64 - origin_ns as f64) / 1e9,
            usage: s.usage.clone(),
        })
        .filter(|s| s.t_s >= from_s && s.t_s <= to_s)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_monitor_samples_every_core_and_stops_when_dropped() {
        let monitor = Monitor::start(Duration::ZERO, || {}).expect("monitor");
        std::thread::sleep(minimum_interval() * 3);
        let samples = monitor.drain();
        drop(monitor);
        assert!(!samples.is_empty());
        assert!(samples.iter().all(|s| !s.usage.is_empty()));
        assert!(
            samples
                .iter()
                .all(|s| s.usage.iter().all(|u| (0.0..=100.5).contains(u)))
        );
    }
}
