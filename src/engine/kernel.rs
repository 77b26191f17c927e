//! The CPU kernel: a 64-bit linear congruential generator stepped `n` times.
//!
//! Why this kernel: each step depends on the one before (a multiply-add
//! chain), so neither the optimizer nor the CPU can skip or vectorize it, and
//! it touches no memory, so it scales with cores and nothing else. Its result
//! can still be checked cheaply: an LCG can be jumped ahead `n` steps in
//! `O(log n)`, which gives the expected checksum without redoing the work.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

const MULTIPLIER: u64 = 6_364_136_223_846_793_005;
const INCREMENT: u64 = 1_442_695_040_888_963_407;

/// The kernel's starting state for a task: distinct per task, fixed per id.
pub fn seed(task: u32) -> u64 {
    splitmix64(u64::from(task) ^ 0x5EED_CAFE_F00D_D00D)
}

/// A well-mixed hash of one word, used for seeds and small checksums.
pub fn splitmix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// Steps the generator `iterations` times from `state`. This is the work.
#[inline(never)]
pub fn spin(state: u64, iterations: u64) -> u64 {
    let mut x = std::hint::black_box(state);
    for _ in 0..std::hint::black_box(iterations) {
        x = x.wrapping_mul(MULTIPLIER).wrapping_add(INCREMENT);
    }
    std::hint::black_box(x)
}

/// The state `spin(state, iterations)` reaches, computed in `O(log n)`.
pub fn jump(state: u64, mut iterations: u64) -> u64 {
    let (mut acc_mul, mut acc_add) = (1u64, 0u64);
    let (mut cur_mul, mut cur_add) = (MULTIPLIER, INCREMENT);
    while iterations > 0 {
        if iterations & 1 == 1 {
            acc_mul = acc_mul.wrapping_mul(cur_mul);
            acc_add = acc_add.wrapping_mul(cur_mul).wrapping_add(cur_add);
        }
        cur_add = cur_mul.wrapping_add(1).wrapping_mul(cur_add);
        cur_mul = cur_mul.wrapping_mul(cur_mul);
        iterations >>= 1;
    }
    acc_mul.wrapping_mul(state).wrapping_add(acc_add)
}

/// How fast the kernel runs on this machine.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct Calibration {
    /// Kernel iterations one core does in a millisecond.
    pub iterations_per_ms: f64,
}

impl Calibration {
    /// Iterations that take about `ms` milliseconds of one core here.
    pub fn iterations_for_ms(&self, ms: f64) -> u64 {
        (self.iterations_per_ms * ms).round().max(1.0) as u64
    }

    /// Iterations in one slice: at most ~100 µs of work, so that cancellation
    /// and GIL hand-offs happen between slices.
    pub fn slice_iterations(&self) -> u64 {
        (self.iterations_per_ms / 10.0).max(1.0) as u64
    }
}

/// Measures the kernel speed: the best of several short timed bursts, since
/// interference only ever makes a burst slower.
pub fn measure() -> Calibration {
    // Warm up the core (frequency scaling) before timing.
    let mut state = spin(seed(0), 200_000);
    let mut best = 0.0f64;
    for _ in 0..7 {
        let mut iterations = 0u64;
        let start = Instant::now();
        while start.elapsed() < Duration::from_millis(15) {
            state = spin(state, 20_000);
            iterations += 20_000;
        }
        let rate = iterations as f64 / (start.elapsed().as_secs_f64() * 1000.0);
        best = best.max(rate);
    }
    std::hint::black_box(state);
    Calibration {
        iterations_per_ms: best.max(1.0),
    }
}

/// This process's calibration, measured once on first use (~110 ms).
pub fn calibration() -> Calibration {
    static CALIBRATION: OnceLock<Calibration> = OnceLock::new();
    *CALIBRATION.get_or_init(measure)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jump_agrees_with_spinning() {
        for task in [0, 1, 7, 1000] {
            for n in [0u64, 1, 2, 3, 10, 1000, 123_457] {
                assert_eq!(spin(seed(task), n), jump(seed(task), n), "task {task} n {n}");
            }
        }
    }

    #[test]
    fn slicing_does_not_change_the_result() {
        let whole = spin(seed(3), 50_000);
        let mut sliced = seed(3);
        for _ in 0..5 {
            sliced = spin(sliced, 10_000);
        }
        assert_eq!(whole, sliced);
    }

    #[test]
    fn different_tasks_get_different_checksums() {
        assert_ne!(jump(seed(1), 100), jump(seed(2), 100));
    }

    #[test]
    fn calibration_is_positive_and_slices_are_small() {
        let calibration = calibration();
        assert!(calibration.iterations_per_ms > 1.0);
        assert!(calibration.slice_iterations() < calibration.iterations_for_ms(1.0));
    }
}
