//! What this system does to a lab that measures time: how long short waits
//! really last, with and without what the lab holds during a run
//! ([`RunActivity`]: `timeBeginPeriod(1)` on Windows), and whether thread
//! CPU time has a fine clock. Prints figures; asserts nothing.
//!
//! ```sh
//! cargo run --release --example platform_probe
//! cargo run --release --example platform_probe --target x86_64-pc-windows-gnu   # under Wine
//! ```

use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use concurrency_lab::engine::measure::sys;
use concurrency_lab::engine::run::activity::RunActivity;

/// Mean and longest of `count` condition-variable waits of `wanted` (the
/// lab's `sleep` tasks and the simulated GIL wait this way), in ms.
fn condvar_waits(wanted: Duration, count: u32) -> (f64, f64) {
    let lock = Mutex::new(());
    let signal = Condvar::new();
    let mut total = 0.0;
    let mut longest: f64 = 0.0;
    for _ in 0..count {
        let guard = lock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let start = Instant::now();
        let _ = signal.wait_timeout(guard, wanted);
        let ms = start.elapsed().as_secs_f64() * 1e3;
        total += ms;
        longest = longest.max(ms);
    }
    (total / f64::from(count), longest)
}

fn thread_times() -> String {
    let spin = |ms: u64| {
        let before = sys::thread_cpu_ns();
        let start = Instant::now();
        while start.elapsed() < Duration::from_millis(ms) {
            std::hint::black_box(0u64);
        }
        (sys::thread_cpu_ns() - before) as f64 / 1e6
    };
    let readings: Vec<String> = [1, 3, 5]
        .iter()
        .map(|&ms| format!("{ms} ms spun: {:.2} ms", spin(ms)))
        .collect();
    readings.join(", ")
}

fn main() {
    println!(
        "system: {} {}{}",
        std::env::consts::OS,
        std::env::consts::ARCH,
        sys::wine_version().map_or_else(String::new, |v| format!(" (under Wine {v})"))
    );
    #[cfg(windows)]
    println!(
        "thread CPU clock: {}",
        sys::cycles_per_ns().map_or_else(
            || "GetThreadTimes (tick-granular)".to_owned(),
            |rate| format!("QueryThreadCycleTime at {rate:.3} cycles/ns")
        )
    );
    println!("thread CPU time: {}", thread_times());
    for (label, hold) in [
        ("without the run activity", false),
        ("with the run activity", true),
    ] {
        let activity = hold.then(|| RunActivity::begin("platform probe"));
        let period = activity.as_ref().and_then(RunActivity::timer_period_ms);
        for ms in [1, 5] {
            let (mean, longest) = condvar_waits(Duration::from_millis(ms), 40);
            println!(
                "{label}{}: {ms} ms condvar wait lasts {mean:.2} ms on average, {longest:.2} ms at most",
                period.map_or_else(String::new, |p| format!(" (timer period {p} ms)"))
            );
        }
    }
}
