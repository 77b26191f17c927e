//! The CPU kernel: a multiplicative generator modulo the Mersenne prime
//! 2^61 - 1, stepped `n` times.
//!
//! Why this kernel: each step depends on the one before (a 128-bit multiply
//! and a modular reduction), and modular multiplication is not something the
//! optimizer can reassociate — a plain 64-bit LCG, by contrast, gets unrolled
//! into one multiply per eight steps. It touches no memory, so it scales with
//! cores and nothing else. Its result can still be checked cheaply:
//! `x·aⁿ mod p` jumps `n` steps ahead in `O(log n)`, which gives the expected
//! checksum without redoing the work.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The Mersenne prime 2^61 - 1.
const MODULUS: u64 = (1 << 61) - 1;
/// The generator's multiplier (any non-zero residue works for checking).
const MULTIPLIER: u64 = 0x2545_F491_4F6C_DD1D % MODULUS;

/// `a·b mod 2^61-1` for `a, b < 2^61 - 1`.
#[inline(always)]
fn mul_mod(a: u64, b: u64) -> u64 {
    let product = u128::from(a) * u128::from(b);
    let folded = (product as u64 & MODULUS) + (product >> 61) as u64;
    if folded >= MODULUS {
        folded - MODULUS
    } else {
        folded
    }
}

/// The kernel's starting state for a task: distinct per task, fixed per id,
/// never zero.
pub fn seed(task: u32) -> u64 {
    splitmix64(u64::from(task) ^ 0x5EED_CAFE_F00D_D00D) % (MODULUS - 1) + 1
}

/// The task id whose seed the serial part starts from (no task has it).
pub const SERIAL_PART: u32 = u32::MAX;

/// Amdahl's serial part: `iterations` on this thread, in slices so that a
/// cancel is seen within one; `false` if cancelled or if the result is not
/// the state the kernel must reach (checked like any task's computation).
pub fn serial_part(iterations: u64, slice: u64, cancelled: impl Fn() -> bool) -> bool {
    let start = seed(SERIAL_PART);
    let mut state = start;
    let mut left = iterations;
    while left > 0 {
        if cancelled() {
            return false;
        }
        let step = left.min(slice.max(1));
        state = spin(state, step);
        left -= step;
    }
    state == jump(start, iterations)
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
        x = mul_mod(x, MULTIPLIER);
    }
    std::hint::black_box(x)
}

/// The state `spin(state, iterations)` reaches, computed in `O(log n)`.
pub fn jump(state: u64, mut iterations: u64) -> u64 {
    let (mut result, mut base) = (state, MULTIPLIER);
    while iterations > 0 {
        if iterations & 1 == 1 {
            result = mul_mod(result, base);
        }
        base = mul_mod(base, base);
        iterations >>= 1;
    }
    result
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
                assert_eq!(
                    spin(seed(task), n),
                    jump(seed(task), n),
                    "task {task} n {n}"
                );
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
