//! Time series derived from one run's task spans: throughput over time, tasks
//! in flight, and timeline bars merged to a drawing resolution.
//!
//! They live in the engine, as pure functions of [`TaskSpan`]s, so that the
//! app's live plots and the exported charts show the same numbers computed
//! the same way (and so that tests can check them without a UI).

use crate::engine::measure::spans::TaskSpan;

/// Microseconds per second.
const US_PER_S: f64 = 1e6;

/// Most points [`throughput_series`] returns, so that a tiny step over a long
/// run cannot exhaust memory.
pub const MAX_THROUGHPUT_POINTS: usize = 1_000_000;

/// When one run's last task ended, s from the run's start (0 without spans).
pub fn duration_s(spans: &[TaskSpan]) -> f64 {
    spans.iter().map(|s| s.end_us).max().unwrap_or(0) as f64 / US_PER_S
}

/// A rolling window and how often to sample it, for [`throughput_series`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RollingWindow {
    /// Width of the window a rate is averaged over, s.
    pub window_s: f64,
    /// Distance between samples, s.
    pub step_s: f64,
}

impl RollingWindow {
    /// A window of about a tenth of the run, rounded down to 1, 2 or 5 × 10ⁿ
    /// s and at least 1 ms, sampled five times per window: wide enough that
    /// one task ending does not make a spike, narrow enough that a burst or a
    /// stall shows, and a round number a reader can quote.
    pub fn for_duration(duration_s: f64) -> RollingWindow {
        RollingWindow::about(duration_s / 10.0)
    }

    /// For a run of `tasks` tasks lasting `duration_s`: the window of
    /// [`RollingWindow::for_duration`], widened so that about four tasks end
    /// in one on average (a rate over fewer is mostly noise: a lone task
    /// ending makes a spike), but no wider than a quarter of the run.
    pub fn for_run(duration_s: f64, tasks: usize) -> RollingWindow {
        let per_task = duration_s / tasks.max(1) as f64;
        RollingWindow::about(
            (duration_s / 10.0)
                .max(4.0 * per_task)
                .min(duration_s / 4.0),
        )
    }

    /// A round window no wider than `target_s` (at least 1 ms), five steps per window.
    fn about(target_s: f64) -> RollingWindow {
        let window_s = nice_floor(target_s.max(0.001)).max(0.001);
        RollingWindow {
            window_s,
            step_s: window_s / 5.0,
        }
    }
}

/// The largest 1, 2 or 5 × 10ⁿ not above `value` (which must be positive).
fn nice_floor(value: f64) -> f64 {
    let mut magnitude = 10f64.powf(value.log10().floor());
    // `log10` may land just below an exact power of ten.
    if value / magnitude >= 10.0 - 1e-9 {
        magnitude *= 10.0;
    }
    let mantissa = value / magnitude;
    // Allow for rounding in `value / magnitude` (e.g. 0.3 / 0.1 = 2.9999…).
    let nice = if mantissa >= 5.0 - 1e-9 {
        5.0
    } else if mantissa >= 2.0 - 1e-9 {
        2.0
    } else {
        1.0
    };
    nice * magnitude
}

/// Tasks finished per second, averaged over the `window_s` before each
/// sample, sampled every `step_s` from the run's start (x = 0) to the first
/// sample at or after the last task's end. A sample at `t` counts the tasks
/// that finished with a result (`ok`) in `(t - window_s, t]` and divides by
/// `window_s`, so the first `window_s` of a run ramps up from 0: the rate is
/// what a rolling meter would have shown at that instant.
///
/// Returns `[t_s, tasks_per_s]` points; empty without finished tasks or with
/// a window or step that is not positive. At most
/// [`MAX_THROUGHPUT_POINTS`] points (the run is cut short beyond that).
pub fn throughput_series(spans: &[TaskSpan], window_s: f64, step_s: f64) -> Vec<[f64; 2]> {
    if !(window_s > 0.0 && step_s > 0.0 && window_s.is_finite() && step_s.is_finite()) {
        return Vec::new();
    }
    let mut ends: Vec<f64> = spans
        .iter()
        .filter(|s| s.ok)
        .map(|s| s.end_us as f64 / US_PER_S)
        .collect();
    if ends.is_empty() {
        return Vec::new();
    }
    ends.sort_by(f64::total_cmp);
    let last = ends[ends.len() - 1];
    let samples = ((last / step_s).ceil() as usize).saturating_add(1);
    let samples = samples.min(MAX_THROUGHPUT_POINTS);
    let mut points = Vec::with_capacity(samples);
    // Two pointers over the sorted ends: `upto` = ends ≤ t, `before` = ends ≤ t - window.
    let (mut upto, mut before) = (0, 0);
    for k in 0..samples {
        let t = k as f64 * step_s;
        while upto < ends.len() && ends[upto] <= t {
            upto += 1;
        }
        while before < ends.len() && ends[before] <= t - window_s {
            before += 1;
        }
        points.push([t, (upto - before) as f64 / window_s]);
    }
    points
}

/// Tasks in flight over time, as a step function ready to draw with straight
/// lines: `[t_s, count]` points where every change appears twice at the same
/// x (the count before, then after), starting at 0 at the first start and
/// ending at 0 at the last end. A task is in flight from its start
/// (included) to its end (excluded), so a task that ends when another starts
/// does not count twice, and a zero-length task does not count at all.
/// Failed tasks count too: they occupied a worker.
pub fn concurrency_series(spans: &[TaskSpan]) -> Vec<[f64; 2]> {
    let mut changes: Vec<(u64, i64)> = Vec::with_capacity(spans.len() * 2);
    for span in spans {
        changes.push((span.start_us, 1));
        changes.push((span.end_us.max(span.start_us), -1));
    }
    changes.sort_unstable();
    let mut points = Vec::new();
    let mut count: i64 = 0;
    let mut i = 0;
    while i < changes.len() {
        let t = changes[i].0;
        let mut next = count;
        while i < changes.len() && changes[i].0 == t {
            next += changes[i].1;
            i += 1;
        }
        if next != count {
            let x = t as f64 / US_PER_S;
            points.push([x, count as f64]);
            points.push([x, next as f64]);
            count = next;
        }
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::measure::spans::{Segment, TaskState};

    /// A task on `worker` from `start_us` to `end_us`, running throughout.
    fn span(task: u32, worker: u32, start_us: u64, end_us: u64) -> TaskSpan {
        with_segments(
            task,
            worker,
            &[(TaskState::Running, start_us, end_us)],
            true,
        )
    }

    fn with_segments(
        task: u32,
        worker: u32,
        segments: &[(TaskState, u64, u64)],
        ok: bool,
    ) -> TaskSpan {
        let start_us = segments.first().map_or(0, |s| s.1);
        let end_us = segments.last().map_or(0, |s| s.2);
        TaskSpan {
            task,
            worker,
            os_id: 0,
            cpu_start: None,
            cpu_end: None,
            start_us,
            end_us,
            busy_us: 0,
            gil_wait_us: 0,
            io_wait_us: 0,
            ok,
            segments: segments
                .iter()
                .map(|&(state, start_us, end_us)| Segment {
                    state,
                    start_us,
                    end_us,
                })
                .collect(),
        }
    }

    #[test]
    fn throughput_counts_ends_in_the_trailing_window() {
        // Ends at 0.5 s, 1.0 s, 1.2 s and 2.5 s; window 1 s sampled every 0.5 s.
        let spans = vec![
            span(0, 0, 0, 500_000),
            span(1, 0, 500_000, 1_000_000),
            span(2, 1, 0, 1_200_000),
            span(3, 1, 1_200_000, 2_500_000),
        ];
        let series = throughput_series(&spans, 1.0, 0.5);
        assert_eq!(
            series,
            vec![
                [0.0, 0.0],
                [0.5, 1.0], // 0.5 in (-0.5, 0.5]
                [1.0, 2.0], // 0.5, 1.0 in (0, 1]
                [1.5, 2.0], // 1.0, 1.2 in (0.5, 1.5]
                [2.0, 1.0], // 1.2 in (1, 2]
                [2.5, 1.0], // 2.5 in (1.5, 2.5]
            ]
        );
    }

    #[test]
    fn throughput_divides_by_the_window_and_skips_failed_tasks() {
        let mut spans: Vec<TaskSpan> = (0..4).map(|i| span(i, 0, 0, 250_000)).collect();
        spans.push(with_segments(
            9,
            0,
            &[(TaskState::Running, 0, 250_000)],
            false,
        ));
        // Four tasks end at 0.25 s; a window of 0.5 s makes that 8 per second.
        let series = throughput_series(&spans, 0.5, 0.25);
        assert_eq!(series, vec![[0.0, 0.0], [0.25, 8.0]]);
    }

    #[test]
    fn throughput_of_nothing_or_a_bad_window_is_empty() {
        assert!(throughput_series(&[], 1.0, 0.1).is_empty());
        let spans = vec![span(0, 0, 0, 10)];
        assert!(throughput_series(&spans, 0.0, 0.1).is_empty());
        assert!(throughput_series(&spans, 1.0, -1.0).is_empty());
        assert!(throughput_series(&spans, f64::NAN, 0.1).is_empty());
    }

    #[test]
    fn throughput_is_capped_in_points() {
        let spans = vec![span(0, 0, 0, 10_000_000)];
        let series = throughput_series(&spans, 1.0, 1e-9);
        assert_eq!(series.len(), MAX_THROUGHPUT_POINTS);
    }

    #[test]
    fn concurrency_is_a_step_function_of_starts_and_ends() {
        // [0, 10) and [5, 20) overlap; [20, 30) starts as the second ends.
        let spans = vec![span(0, 0, 0, 10), span(1, 1, 5, 20), span(2, 0, 20, 30)];
        let s = |us: f64| us / 1e6;
        assert_eq!(
            concurrency_series(&spans),
            vec![
                [0.0, 0.0],
                [0.0, 1.0],
                [s(5.0), 1.0],
                [s(5.0), 2.0],
                [s(10.0), 2.0],
                [s(10.0), 1.0],
                [s(30.0), 1.0],
                [s(30.0), 0.0],
            ]
        );
    }

    #[test]
    fn concurrency_ignores_zero_length_tasks_and_counts_failures() {
        let spans = vec![
            span(0, 0, 7, 7),
            with_segments(1, 0, &[(TaskState::IoWait, 2_000_000, 3_000_000)], false),
        ];
        assert_eq!(
            concurrency_series(&spans),
            vec![[2.0, 0.0], [2.0, 1.0], [3.0, 1.0], [3.0, 0.0]]
        );
        assert!(concurrency_series(&[]).is_empty());
    }

    #[test]
    fn windows_are_round_and_at_least_a_millisecond() {
        assert_eq!(
            RollingWindow::for_duration(2.0),
            RollingWindow {
                window_s: 0.2,
                step_s: 0.04
            }
        );
        assert_eq!(RollingWindow::for_duration(0.8).window_s, 0.05);
        assert_eq!(RollingWindow::for_duration(3.0).window_s, 0.2);
        assert_eq!(RollingWindow::for_duration(60.0).window_s, 5.0);
        assert_eq!(RollingWindow::for_duration(0.0).window_s, 0.001);
        assert_eq!(RollingWindow::for_duration(0.0001).window_s, 0.001);
    }

    #[test]
    fn windows_widen_for_few_tasks() {
        // 8 tasks in 100 ms: 4 tasks take 50 ms, capped at a quarter of the run.
        assert_eq!(RollingWindow::for_run(0.1, 8).window_s, 0.02);
        // Many tasks: a tenth of the run.
        assert_eq!(RollingWindow::for_run(1.0, 100_000).window_s, 0.1);
        // 40 tasks in 1 s: 4 tasks take 100 ms.
        assert_eq!(RollingWindow::for_run(1.0, 40).window_s, 0.1);
        assert_eq!(RollingWindow::for_run(1.0, 0).window_s, 0.2);
        assert_eq!(RollingWindow::for_run(0.0, 0).window_s, 0.001);
    }

    #[test]
    fn duration_is_the_last_end() {
        assert_eq!(
            duration_s(&[span(0, 0, 0, 1_500_000), span(1, 0, 5, 10)]),
            1.5
        );
        assert_eq!(duration_s(&[]), 0.0);
    }
}
