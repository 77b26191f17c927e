//! Colours: the same run, task state or CPU load has the same colour in the
//! window and in every exported chart.

use crate::engine::measure::spans::TaskState;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// Colours for runs (Tableau 10, its yellow darkened to read on white and
/// on dark backgrounds alike).
const RUNS: [Rgb; 10] = [
    Rgb(0x4e, 0x79, 0xa7),
    Rgb(0xf2, 0x8e, 0x2b),
    Rgb(0xe1, 0x57, 0x59),
    Rgb(0x76, 0xb7, 0xb2),
    Rgb(0x59, 0xa1, 0x4f),
    Rgb(0xb6, 0x99, 0x2d),
    Rgb(0xb0, 0x7a, 0xa1),
    Rgb(0xff, 0x9d, 0xa7),
    Rgb(0x9c, 0x75, 0x5f),
    Rgb(0x79, 0x70, 0x6e),
];

/// The colour of the run at `index` in an experiment.
pub fn run(index: usize) -> Rgb {
    RUNS[index % RUNS.len()]
}

/// Sixteen colours for per-core lines: matplotlib's tab10, then the dark
/// tones of tab20b (light tones do not read as thin lines).
const CORES: [Rgb; 16] = [
    Rgb(0x1f, 0x77, 0xb4),
    Rgb(0xff, 0x7f, 0x0e),
    Rgb(0x2c, 0xa0, 0x2c),
    Rgb(0xd6, 0x27, 0x28),
    Rgb(0x94, 0x67, 0xbd),
    Rgb(0x8c, 0x56, 0x4b),
    Rgb(0xe3, 0x77, 0xc2),
    Rgb(0x7f, 0x7f, 0x7f),
    Rgb(0xbc, 0xbd, 0x22),
    Rgb(0x17, 0xbe, 0xcf),
    Rgb(0x39, 0x3b, 0x79),
    Rgb(0x63, 0x79, 0x39),
    Rgb(0x8c, 0x6d, 0x31),
    Rgb(0x84, 0x3c, 0x39),
    Rgb(0x7b, 0x41, 0x73),
    Rgb(0x31, 0x82, 0xbd),
];

/// The colour of core `index`'s line.
pub fn core(index: usize) -> Rgb {
    CORES[index % CORES.len()]
}

/// Computing (Okabe–Ito blue): safe for colour-blind readers against the
/// vermillion of waiting for the GIL.
pub const RUNNING: Rgb = Rgb(0x00, 0x72, 0xb2);
/// Waiting for the GIL (Okabe–Ito vermillion): the cost the lesson is about.
pub const GIL_WAIT: Rgb = Rgb(0xd5, 0x5e, 0x00);
/// Waiting on I/O: grey, the core is free for others meanwhile.
pub const IO_WAIT: Rgb = Rgb(0xa6, 0xa6, 0xa6);
/// A task that failed or was cancelled.
pub const FAILED: Rgb = Rgb(0x20, 0x20, 0x20);
/// The "ideal" speed-up line.
pub const IDEAL: Rgb = Rgb(0x1b, 0x9e, 0x77);
/// The "1×, no gain" line.
pub const NO_GAIN: Rgb = Rgb(0x88, 0x88, 0x88);

/// The colour of a task state.
pub fn state(state: TaskState) -> Rgb {
    match state {
        TaskState::Running => RUNNING,
        TaskState::GilWait => GIL_WAIT,
        TaskState::IoWait => IO_WAIT,
    }
}

/// CPU load on a light-to-dark blue scale (ColorBrewer "Blues"): idle cores
/// fade into a light background, busy ones stand out.
pub fn heat(load_percent: f64) -> Rgb {
    const STOPS: [(f64, [f64; 3]); 5] = [
        (0.0, [247.0, 251.0, 255.0]),
        (25.0, [198.0, 219.0, 239.0]),
        (50.0, [107.0, 174.0, 214.0]),
        (75.0, [33.0, 113.0, 181.0]),
        (100.0, [8.0, 48.0, 107.0]),
    ];
    let load = if load_percent.is_finite() {
        load_percent.clamp(0.0, 100.0)
    } else {
        0.0
    };
    let upper = STOPS
        .iter()
        .position(|(at, _)| *at >= load)
        .unwrap_or(STOPS.len() - 1)
        .max(1);
    let (a, ca) = STOPS[upper - 1];
    let (b, cb) = STOPS[upper];
    let f = if b > a { (load - a) / (b - a) } else { 0.0 };
    let mix = |i: usize| (ca[i] + (cb[i] - ca[i]) * f).round() as u8;
    Rgb(mix(0), mix(1), mix(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_heat_scale_runs_light_to_dark() {
        assert_eq!(heat(0.0), Rgb(247, 251, 255));
        assert_eq!(heat(50.0), Rgb(107, 174, 214));
        assert_eq!(heat(100.0), Rgb(8, 48, 107));
        assert_eq!(heat(f64::NAN), heat(0.0));
    }

    #[test]
    fn runs_cycle_through_distinct_colours() {
        assert_ne!(run(0), run(1));
        assert_eq!(run(0), run(RUNS.len()));
    }
}
