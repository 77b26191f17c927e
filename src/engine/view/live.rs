//! What the app shows about one experiment — running now, finished, or
//! loaded from a results file — built from runner events or from a result.
//! The app only draws this model; it never computes statistics itself.

use crate::engine::results::metrics::ExperimentResult;
use crate::engine::run::runner::{Progress, RunnerEvent};
use crate::engine::spec::preset::RunPlan;
use crate::engine::view::timeline::TimelineModel;

/// One repetition's time window, s from the experiment's start.
#[derive(Debug, Clone, PartialEq)]
pub struct Window {
    /// Run index.
    pub run: usize,
    /// Repetition (warm-ups first).
    pub repetition: u32,
    /// Not measured.
    pub warmup: bool,
    /// Start, s.
    pub start_s: f64,
    /// End, s (None while running).
    pub end_s: Option<f64>,
}

/// The tasks of the latest repetition of one run.
#[derive(Debug, Clone, Default)]
pub struct RunTimeline {
    /// Repetition shown.
    pub repetition: u32,
    /// Its tasks, laid out.
    pub model: TimelineModel,
}

/// Where an experiment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Runs are going.
    Running,
    /// All runs ended.
    Finished,
    /// Stopped by a cancel.
    Cancelled,
    /// Loaded from a results file.
    Loaded,
}

/// Gives every [`LiveExperiment`] its own number, so views can cache what
/// they derive from one and notice when another takes its place.
fn next_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// One experiment as the app shows it.
#[derive(Debug, Clone)]
pub struct LiveExperiment {
    /// Unique per experiment shown (for caches).
    pub generation: u64,
    /// The experiment's name.
    pub name: String,
    /// Monotonic ns at its start (0 when loaded from a file).
    pub origin_ns: u64,
    /// Its runs.
    pub runs: Vec<RunPlan>,
    /// Tasks per repetition.
    pub tasks: u32,
    /// Latest progress.
    pub progress: Option<Progress>,
    /// Repetition windows so far.
    pub windows: Vec<Window>,
    /// Per run, the tasks of its latest repetition.
    pub timelines: Vec<RunTimeline>,
    /// Messages worth showing (worker processes replaced...).
    pub notices: Vec<String>,
    /// The result, once finished.
    pub result: Option<ExperimentResult>,
    /// While running: the runs finished so far, as a result to show.
    pub provisional: Option<ExperimentResult>,
    /// Where it stands.
    pub phase: Phase,
}

impl LiveExperiment {
    /// An experiment about to start.
    pub fn starting(name: &str, runs: Vec<RunPlan>, tasks: u32) -> Self {
        LiveExperiment {
            generation: next_generation(),
            name: name.to_owned(),
            origin_ns: 0,
            timelines: vec![RunTimeline::default(); runs.len()],
            runs,
            tasks,
            progress: None,
            windows: Vec::new(),
            notices: Vec::new(),
            result: None,
            provisional: None,
            phase: Phase::Running,
        }
    }

    /// The views of a finished result (e.g. opened from a JSON file).
    pub fn from_result(result: ExperimentResult) -> Self {
        let runs: Vec<RunPlan> = result
            .runs
            .iter()
            .map(|r| {
                let mut plan = RunPlan::lab(r.label.clone(), r.model, r.workers);
                plan.runtime = r.runtime;
                plan.gil = r.switch_interval_ms.filter(|_| r.gil).map(|ms| {
                    crate::engine::spec::preset::GilConfig {
                        switch_interval: std::time::Duration::from_secs_f64(ms / 1000.0),
                    }
                });
                plan
            })
            .collect();
        let timelines = result
            .runs
            .iter()
            .map(|r| RunTimeline {
                repetition: r.repetitions.saturating_sub(1),
                model: TimelineModel::new(r.spans.clone(), &r.lanes),
            })
            .collect();
        let windows = result
            .runs
            .iter()
            .enumerate()
            .flat_map(|(run, r)| {
                r.windows_s.iter().enumerate().map(move |(rep, w)| Window {
                    run,
                    repetition: rep as u32,
                    warmup: false,
                    start_s: w[0],
                    end_s: Some(w[1]),
                })
            })
            .collect();
        LiveExperiment {
            generation: next_generation(),
            name: result.preset.name.clone(),
            origin_ns: 0,
            tasks: result.runs.first().map_or(0, |r| r.tasks),
            runs,
            progress: None,
            windows,
            timelines,
            notices: Vec::new(),
            phase: if result.cancelled {
                Phase::Cancelled
            } else {
                Phase::Loaded
            },
            provisional: None,
            result: Some(result),
        }
    }

    /// Whether runs are still going.
    pub fn is_running(&self) -> bool {
        self.phase == Phase::Running
    }

    /// The run being executed now, if any.
    pub fn current_run(&self) -> Option<usize> {
        self.progress
            .as_ref()
            .filter(|_| self.is_running())
            .map(|p| p.run)
    }

    /// Takes in one runner event. Returns the result when the experiment ends.
    pub fn apply(&mut self, event: RunnerEvent) -> Option<&ExperimentResult> {
        match event {
            RunnerEvent::Started {
                origin_ns,
                runs,
                tasks,
            } => {
                self.origin_ns = origin_ns;
                self.timelines = vec![RunTimeline::default(); runs.len()];
                self.runs = runs;
                self.tasks = tasks;
            }
            RunnerEvent::RepetitionStarted {
                run,
                repetition,
                warmup,
                start_s,
                ..
            } => {
                self.windows.push(Window {
                    run,
                    repetition,
                    warmup,
                    start_s,
                    end_s: None,
                });
                if let Some(timeline) = self.timelines.get_mut(run) {
                    *timeline = RunTimeline {
                        repetition,
                        model: TimelineModel::default(),
                    };
                }
            }
            RunnerEvent::Progress(progress) => self.progress = Some(progress),
            RunnerEvent::Spans {
                run,
                repetition,
                spans,
                open,
                lanes,
            } => {
                if let Some(timeline) = self.timelines.get_mut(run)
                    && timeline.repetition == repetition
                {
                    timeline.model.extend(spans, &lanes);
                    timeline.model.set_open(open, &lanes);
                }
            }
            RunnerEvent::RepetitionFinished {
                run, repetition, ..
            } => {
                if let Some(timeline) = self.timelines.get_mut(run) {
                    timeline.model.set_open(Vec::new(), &[]);
                }
                if let Some(window) = self
                    .windows
                    .iter_mut()
                    .rev()
                    .find(|w| w.run == run && w.repetition == repetition)
                {
                    window.end_s = self.progress.as_ref().map(|p| p.elapsed_s);
                }
            }
            RunnerEvent::Notice(text) => self.notices.push(text),
            RunnerEvent::Rejected(text) => self.notices.push(text),
            RunnerEvent::Workers { .. } => {}
            RunnerEvent::RunFinished(summary) => {
                if let Some(provisional) = self.provisional.as_mut() {
                    provisional.runs.push(*summary);
                    provisional.analyse();
                }
            }
            RunnerEvent::Finished(result) => {
                // Exact windows from the result replace the live estimates.
                for (run, summary) in result.runs.iter().enumerate() {
                    let measured = self
                        .windows
                        .iter_mut()
                        .filter(|w| w.run == run && !w.warmup);
                    for (window, exact) in measured.zip(&summary.windows_s) {
                        window.start_s = exact[0];
                        window.end_s = Some(exact[1]);
                    }
                }
                self.phase = if result.cancelled {
                    Phase::Cancelled
                } else {
                    Phase::Finished
                };
                self.result = Some(*result);
                return self.result.as_ref();
            }
        }
        None
    }

    /// Tasks recorded in the latest repetition of each run.
    pub fn recorded_tasks(&self) -> usize {
        self.timelines.iter().map(|t| t.model.spans().len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::spec::preset::Model;

    #[test]
    fn events_build_windows_and_timelines() {
        let plan = RunPlan::lab("seq", Model::Sequential, 1);
        let mut live = LiveExperiment::starting("t", vec![plan.clone()], 2);
        live.apply(RunnerEvent::Started {
            origin_ns: 5,
            runs: vec![plan],
            tasks: 2,
        });
        live.apply(RunnerEvent::RepetitionStarted {
            run: 0,
            repetition: 0,
            warmup: false,
            start_s: 0.1,
            origin_ns: 6,
        });
        assert!(live.is_running());
        assert_eq!(live.windows.len(), 1);
        assert_eq!(live.windows[0].end_s, None);
        live.apply(RunnerEvent::RepetitionFinished {
            run: 0,
            repetition: 0,
            warmup: false,
            wall_s: 0.5,
        });
        assert_eq!(live.timelines.len(), 1);
        assert_eq!(live.origin_ns, 5);
    }
}
