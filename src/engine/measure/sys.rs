//! The few operating-system facts the recorder needs, behind one portable face.
//!
//! Timestamps come from a system-wide monotonic clock (not `Instant`) because
//! process-pool workers record events in another process: both sides must read
//! the same clock for their spans to line up on one timeline.

/// Nanoseconds on the system-wide monotonic clock; comparable across processes.
#[cfg(unix)]
#[inline]
pub fn monotonic_ns() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; CLOCK_MONOTONIC always exists.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    (ts.tv_sec as u64)
        .wrapping_mul(1_000_000_000)
        .wrapping_add(ts.tv_nsec as u64)
}

/// Nanoseconds on the system-wide monotonic clock; comparable across processes.
#[cfg(windows)]
#[inline]
pub fn monotonic_ns() -> u64 {
    use std::sync::OnceLock;
    use windows_sys::Win32::System::Performance::{
        QueryPerformanceCounter, QueryPerformanceFrequency,
    };
    static FREQUENCY: OnceLock<i64> = OnceLock::new();
    let frequency = *FREQUENCY.get_or_init(|| {
        let mut f = 0i64;
        // SAFETY: writes one i64.
        unsafe { QueryPerformanceFrequency(&mut f) };
        f.max(1)
    });
    let mut counter = 0i64;
    // SAFETY: writes one i64.
    unsafe { QueryPerformanceCounter(&mut counter) };
    ((counter as i128) * 1_000_000_000 / (frequency as i128)) as u64
}

/// Nanoseconds on a monotonic clock (fallback: process-local).
#[cfg(not(any(unix, windows)))]
pub fn monotonic_ns() -> u64 {
    use std::sync::OnceLock;
    use std::time::Instant;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_nanos() as u64
}

/// The logical CPU the calling thread is running on right now, if the OS says.
#[cfg(target_os = "linux")]
#[inline]
pub fn current_cpu() -> Option<u32> {
    // SAFETY: sched_getcpu has no preconditions.
    let cpu = unsafe { libc::sched_getcpu() };
    u32::try_from(cpu).ok()
}

/// The logical CPU the calling thread is running on right now, if the OS says.
#[cfg(windows)]
#[inline]
pub fn current_cpu() -> Option<u32> {
    // SAFETY: no preconditions.
    Some(unsafe { windows_sys::Win32::System::Threading::GetCurrentProcessorNumber() })
}

/// macOS and others have no public call for this: unknown.
#[cfg(not(any(target_os = "linux", windows)))]
#[inline]
pub fn current_cpu() -> Option<u32> {
    None
}

/// The OS identifier of the calling thread, as a system monitor shows it.
#[cfg(target_os = "linux")]
pub fn os_thread_id() -> u64 {
    // SAFETY: gettid has no preconditions.
    (unsafe { libc::gettid() }) as u64
}

/// The OS identifier of the calling thread, as a system monitor shows it.
#[cfg(target_os = "macos")]
pub fn os_thread_id() -> u64 {
    let mut id = 0u64;
    // SAFETY: a null thread means the calling thread; writes one u64.
    unsafe { libc::pthread_threadid_np(0, &mut id) };
    id
}

/// The OS identifier of the calling thread, as a system monitor shows it.
#[cfg(windows)]
pub fn os_thread_id() -> u64 {
    // SAFETY: no preconditions.
    u64::from(unsafe { windows_sys::Win32::System::Threading::GetCurrentThreadId() })
}

/// No portable thread id here: a per-process counter keeps threads apart.
#[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
pub fn os_thread_id() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    thread_local!(static ID: u64 = NEXT.fetch_add(1, Ordering::Relaxed));
    ID.with(|id| *id)
}

/// CPU time this process has used so far (user + system), in nanoseconds.
#[cfg(unix)]
pub fn process_cpu_ns() -> u64 {
    // SAFETY: an all-zero rusage is a valid value to be overwritten.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `usage` is writable; RUSAGE_SELF is always valid.
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } != 0 {
        return 0;
    }
    let micros = |tv: libc::timeval| tv.tv_sec as u64 * 1_000_000 + tv.tv_usec as u64;
    (micros(usage.ru_utime) + micros(usage.ru_stime)) * 1000
}

/// CPU time this process has used so far (user + system), in nanoseconds.
#[cfg(windows)]
pub fn process_cpu_ns() -> u64 {
    use windows_sys::Win32::System::Threading::{GetCurrentProcess, GetProcessTimes};
    // SAFETY: the pseudo-handle is always valid; four writable FILETIMEs.
    windows_cpu_ns(|c, e, k, u| unsafe { GetProcessTimes(GetCurrentProcess(), c, e, k, u) })
}

/// Kernel + user time from a Windows `Get*Times` call, in ns (0 on failure).
#[cfg(windows)]
fn windows_cpu_ns(
    times: impl FnOnce(
        *mut windows_sys::Win32::Foundation::FILETIME,
        *mut windows_sys::Win32::Foundation::FILETIME,
        *mut windows_sys::Win32::Foundation::FILETIME,
        *mut windows_sys::Win32::Foundation::FILETIME,
    ) -> i32,
) -> u64 {
    use windows_sys::Win32::Foundation::FILETIME;
    let zero = FILETIME {
        dwLowDateTime: 0,
        dwHighDateTime: 0,
    };
    let (mut created, mut exited, mut kernel, mut user) = (zero, zero, zero, zero);
    if times(&mut created, &mut exited, &mut kernel, &mut user) == 0 {
        return 0;
    }
    let ticks = |f: FILETIME| (u64::from(f.dwHighDateTime) << 32) | u64::from(f.dwLowDateTime);
    (ticks(kernel) + ticks(user)) * 100
}

/// No portable process CPU clock here.
#[cfg(not(any(unix, windows)))]
pub fn process_cpu_ns() -> u64 {
    0
}

/// CPU time the calling thread has used so far (user + system), in ns.
#[cfg(unix)]
pub fn thread_cpu_ns() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is writable; the thread CPU clock exists on Linux and macOS.
    if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } != 0 {
        return 0;
    }
    (ts.tv_sec as u64) * 1_000_000_000 + ts.tv_nsec as u64
}

/// CPU time the calling thread has used so far (user + system), in ns.
///
/// `GetThreadTimes` only advances at the system tick (~15.6 ms): a thread
/// that computed 5 ms reads 0 or 15.6 ms, and 2,000 short-lived threads sum
/// to nearly nothing. So the thread's cycle count (`QueryThreadCycleTime`,
/// charged at every context switch) is converted to time with the cycle
/// rate measured once ([`cycles_per_ns`]); where that is unavailable (no
/// invariant time-stamp counter, an emulator), the tick-granular times.
#[cfg(windows)]
pub fn thread_cpu_ns() -> u64 {
    use windows_sys::Win32::System::Threading::{GetCurrentThread, GetThreadTimes};
    use windows_sys::Win32::System::WindowsProgramming::QueryThreadCycleTime;
    if let Some(rate) = cycles_per_ns() {
        let mut cycles = 0u64;
        // SAFETY: the pseudo-handle is always valid; writes one u64.
        if unsafe { QueryThreadCycleTime(GetCurrentThread(), &mut cycles) } != 0 {
            return (cycles as f64 / rate) as u64;
        }
    }
    // SAFETY: the pseudo-handle is always valid; four writable FILETIMEs.
    windows_cpu_ns(|c, e, k, u| unsafe { GetThreadTimes(GetCurrentThread(), c, e, k, u) })
}

/// Whether [`thread_cpu_ns`] has a fine clock here (so a 2 ms thread reads
/// 2 ms, not 0): on Windows only with the cycle clock (not under Wine, whose
/// thread times advance in 10 ms steps).
#[cfg(windows)]
pub fn thread_cpu_clock_is_fine() -> bool {
    cycles_per_ns().is_some()
}

/// Whether [`thread_cpu_ns`] has a fine clock here: yes on Unix
/// (`CLOCK_THREAD_CPUTIME_ID`), no where there is no thread clock.
#[cfg(not(windows))]
pub fn thread_cpu_clock_is_fine() -> bool {
    cfg!(unix)
}

/// CPU time to measure a run with: the calling thread's where
/// [`thread_cpu_clock_is_fine`], else the whole process's (which then counts
/// the app's other threads too, but never reads 0 for short threads).
pub fn run_cpu_ns() -> u64 {
    if thread_cpu_clock_is_fine() {
        thread_cpu_ns()
    } else {
        process_cpu_ns()
    }
}

/// Thread cycles per nanosecond, measured once: Windows counts a thread's
/// cycles with the time-stamp counter, whose rate is read here against the
/// performance counter over ~2 ms. `None` where there is no TSC (ARM64) or
/// the rate is implausible (an emulator that does not count cycles).
#[cfg(windows)]
pub fn cycles_per_ns() -> Option<f64> {
    use std::sync::OnceLock;
    static RATE: OnceLock<Option<f64>> = OnceLock::new();
    *RATE.get_or_init(measure_cycle_rate)
}

#[cfg(all(windows, target_arch = "x86_64"))]
fn measure_cycle_rate() -> Option<f64> {
    use windows_sys::Win32::System::Threading::GetCurrentThread;
    use windows_sys::Win32::System::WindowsProgramming::QueryThreadCycleTime;
    let mut probe = 0u64;
    // SAFETY: the pseudo-handle is always valid; writes one u64.
    if unsafe { QueryThreadCycleTime(GetCurrentThread(), &mut probe) } == 0 || probe == 0 {
        return None;
    }
    // SAFETY: RDTSC exists on every x86_64 CPU.
    let tsc = || unsafe { std::arch::x86_64::_rdtsc() };
    let (t0, c0) = (monotonic_ns(), tsc());
    while monotonic_ns() - t0 < 2_000_000 {
        std::hint::spin_loop();
    }
    let (t1, c1) = (monotonic_ns(), tsc());
    let rate = c1.wrapping_sub(c0) as f64 / (t1 - t0) as f64;
    // 0.2-10 GHz: anything else is not a usable counter.
    (0.2..10.0).contains(&rate).then_some(rate)
}

#[cfg(all(windows, not(target_arch = "x86_64")))]
fn measure_cycle_rate() -> Option<f64> {
    None
}

/// No portable thread CPU clock here.
#[cfg(not(any(unix, windows)))]
pub fn thread_cpu_ns() -> u64 {
    0
}

/// The Wine version when this Windows program runs under Wine (its
/// `ntdll.dll` exports `wine_get_version`), so that what Wine lacks can be
/// turned off with a notice instead of crashing.
#[cfg(windows)]
pub fn wine_version() -> Option<&'static str> {
    use std::sync::OnceLock;
    static VERSION: OnceLock<Option<String>> = OnceLock::new();
    VERSION.get_or_init(probe_wine).as_deref()
}

#[cfg(windows)]
fn probe_wine() -> Option<String> {
    use windows_sys::Win32::System::LibraryLoader::{GetModuleHandleW, GetProcAddress};
    let ntdll: Vec<u16> = "ntdll.dll\0".encode_utf16().collect();
    // SAFETY: a NUL-terminated name; ntdll is loaded in every process.
    let module = unsafe { GetModuleHandleW(ntdll.as_ptr()) };
    if module.is_null() {
        return None;
    }
    // SAFETY: a valid module and a NUL-terminated name.
    let symbol = unsafe { GetProcAddress(module, c"wine_get_version".as_ptr().cast()) }?;
    // SAFETY: Wine declares it `const char *wine_get_version(void)`.
    let get = unsafe {
        std::mem::transmute::<
            unsafe extern "system" fn() -> isize,
            extern "C" fn() -> *const std::ffi::c_char,
        >(symbol)
    };
    let text = get();
    if text.is_null() {
        return Some("unknown".to_owned());
    }
    // SAFETY: Wine returns a static NUL-terminated string.
    Some(
        unsafe { std::ffi::CStr::from_ptr(text) }
            .to_string_lossy()
            .into_owned(),
    )
}

/// Not a Windows program: never under Wine.
#[cfg(not(windows))]
pub fn wine_version() -> Option<&'static str> {
    None
}

/// What to show where a core number would be, when the OS does not say
/// which core a thread runs on (macOS has no such call).
pub fn unknown_core_text() -> String {
    if cfg!(target_os = "macos") {
        crate::tr!("core-not-on-macos")
    } else {
        crate::tr!("core-unknown")
    }
}

/// Logical cores the OS lets this process use.
pub fn logical_cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Raises the soft limit on open files (towards 65,536), so that hundreds of
/// simultaneous loopback connections (each two descriptors) fit. The `rlimit`
/// crate knows each system's rules: on macOS the hard limit reads
/// "unlimited" while the kernel caps the soft one at `kern.maxfilesperproc`
/// (setting more fails), so it asks the kernel for that cap first.
#[cfg(unix)]
pub fn raise_open_file_limit() {
    const WANTED: u64 = 65_536;
    match rlimit::increase_nofile_limit(WANTED) {
        Ok(limit) if limit < 1024 => {
            log::warn!("{}", crate::tr!("log-open-files-low", limit = limit))
        }
        Ok(_) => {}
        Err(error) => log::warn!(
            "{}",
            crate::tr!("log-open-files-failed", reason = error.to_string())
        ),
    }
}

/// Nothing to raise on this platform.
#[cfg(not(unix))]
pub fn raise_open_file_limit() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monotonic_clock_moves_forward() {
        let a = monotonic_ns();
        std::thread::sleep(std::time::Duration::from_millis(2));
        let b = monotonic_ns();
        assert!(b > a);
    }

    #[test]
    fn thread_ids_differ_between_threads() {
        let here = os_thread_id();
        let there = std::thread::spawn(os_thread_id).join().expect("thread");
        assert_ne!(here, there);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn linux_reports_a_cpu_within_the_core_count() {
        let cpu = current_cpu().expect("sched_getcpu works on Linux");
        // CPU numbers can exceed the usable count under affinity masks, but
        // never the number of configured CPUs.
        // SAFETY: sysconf has no preconditions.
        let configured = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_CONF) };
        assert!(i64::from(cpu) < configured as i64);
    }

    #[test]
    fn thread_cpu_time_counts_this_thread_only() {
        let before = thread_cpu_ns();
        std::thread::spawn(|| {
            let start = std::time::Instant::now();
            while start.elapsed() < std::time::Duration::from_millis(30) {
                std::hint::black_box(0u64);
            }
        })
        .join()
        .expect("spinner");
        // Another thread's 30 ms of spinning is not ours.
        assert!(thread_cpu_ns() - before < 20_000_000);
    }

    #[test]
    fn cpu_time_grows_with_work() {
        let before = process_cpu_ns();
        let mut x = 1u64;
        let start = std::time::Instant::now();
        while start.elapsed() < std::time::Duration::from_millis(30) {
            x = std::hint::black_box(x.wrapping_mul(3).wrapping_add(1));
        }
        assert!(process_cpu_ns() > before);
    }
}
