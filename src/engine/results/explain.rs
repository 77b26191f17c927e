//! One plain sentence per run saying what happened and why: the lesson put
//! into words next to the figures (the CLI prints it, the app shows it).

use crate::engine::results::metrics::{ExperimentResult, RunSummary};
use crate::engine::spec::preset::{Model, WorkloadKind};

/// Whether a workload's tasks mostly compute (as opposed to mostly wait).
fn computes(kind: WorkloadKind) -> bool {
    matches!(
        kind,
        WorkloadKind::Cpu | WorkloadKind::Memory | WorkloadKind::Convoy
    )
}

fn waits(kind: WorkloadKind) -> bool {
    matches!(
        kind,
        WorkloadKind::Sleep | WorkloadKind::Net | WorkloadKind::File
    )
}

/// The explanation of run `index` of `result`.
pub fn explain(result: &ExperimentResult, index: usize) -> String {
    let Some(run) = result.runs.get(index) else {
        return String::new();
    };
    if let Some(error) = &run.error {
        return format!("could not run: {error}");
    }
    if run.repetitions == 0 {
        return "not measured (the experiment was cancelled first)".to_owned();
    }
    let mut sentence = mechanism(result, run);
    if let Some(speedup) = run.speedup {
        if index == result.baseline {
            sentence.push_str(" — the baseline (1.00×)");
        } else {
            sentence.push_str(&format!(" — {speedup:.2}×"));
            let ideal = ideal_speedup(result, run);
            if let Some(ideal) = ideal {
                sentence.push_str(&format!(" (ideal {ideal:.0}×)"));
            }
            if speedup < 0.9 && result.kind() != WorkloadKind::Convoy {
                sentence.push_str(&format!(
                    "; slower than the baseline: {}",
                    slowdown_reason(result.kind(), run)
                ));
            }
        }
    }
    if let Some(io_ms) = run.io_task_ms {
        let work = &result.preset.workload;
        let rounds = work.io_rounds.unwrap_or(50) as f64;
        let ideal = rounds * work.io_ms.unwrap_or(0.0);
        sentence.push_str(&format!(
            "; the I/O task took {io_ms:.0} ms for {ideal:.0} ms of waits"
        ));
        if run.under_gil() && io_ms > ideal * 1.3 {
            sentence.push_str(": after each wake-up it waited for the GIL (convoy effect)");
        }
    }
    if let Some(cores) = outside_load(result, index).filter(|c| *c >= OUTSIDE_LOAD_WARNING) {
        sentence.push_str(&format!(
            "; other programs kept ~{cores:.1} cores busy meanwhile, so these figures may be off"
        ));
    }
    if run.cancelled {
        sentence.push_str(&format!(
            " (stopped early: {} repetitions measured)",
            run.repetitions
        ));
    }
    if run.failed > 0 {
        sentence.push_str(&format!("; {} tasks FAILED", run.failed));
    }
    if !run.checksum_ok && run.failed == 0 {
        sentence.push_str("; WRONG CHECKSUMS");
    }
    sentence
}

/// Cores' worth of load from other programs above which a run is flagged.
const OUTSIDE_LOAD_WARNING: f64 = 0.5;

/// How many cores' worth of CPU other programs used while run `index` went:
/// the monitor's total load minus the run's own CPU time. Only samples whose
/// whole interval falls inside one of the run's repetitions count; `None`
/// without such samples (runs shorter than the sampling interval).
pub fn outside_load(result: &ExperimentResult, index: usize) -> Option<f64> {
    let run = result.runs.get(index)?;
    let samples = &result.cpu_samples;
    let inside = |from: f64, to: f64| run.windows_s.iter().any(|w| from >= w[0] && to <= w[1]);
    let totals: Vec<f64> = samples
        .windows(2)
        .filter(|pair| inside(pair[0].t_s, pair[1].t_s))
        .map(|pair| pair[1].usage.iter().map(|u| f64::from(*u)).sum::<f64>() / 100.0)
        .collect();
    if totals.is_empty() {
        return None;
    }
    let total = totals.iter().sum::<f64>() / totals.len() as f64;
    let own = run.utilisation * result.machine.cores.max(1) as f64;
    Some((total - own).max(0.0))
}

fn ideal_speedup(result: &ExperimentResult, run: &RunSummary) -> Option<f64> {
    let cores = result.machine.cores.max(1);
    let kind = result.kind();
    let parallel = match run.model {
        Model::Sequential => return None,
        // Part computation, part waiting: no single ideal figure.
        _ if kind == WorkloadKind::Mixed => return None,
        // asyncio has no asynchronous files: file I/O blocks the loop threads.
        Model::AsyncSingle | Model::AsyncMulti if kind == WorkloadKind::File => run.workers,
        Model::AsyncSingle if computes(kind) => 1,
        Model::AsyncSingle | Model::AsyncMulti if waits(kind) => run.tasks as usize,
        _ if run.under_gil() && computes(kind) => 1,
        _ if waits(kind) => run.workers.min(run.tasks as usize),
        _ => run.workers.min(cores).min(run.tasks as usize),
    };
    Some(parallel.max(1) as f64)
}

fn mechanism(result: &ExperimentResult, run: &RunSummary) -> String {
    let kind = result.kind();
    let cores = result.machine.cores;
    let n = run.workers;
    match run.model {
        Model::Sequential => "one task after another on one thread".to_owned(),
        Model::Threads | Model::ThreadPool if run.under_gil() => {
            let who = if run.model == Model::Threads {
                format!("{n} threads")
            } else {
                format!("a pool of {n} threads")
            };
            if computes(kind) {
                format!("{who} under the GIL: one computed at a time, whatever the cores")
            } else if waits(kind) {
                format!(
                    "{who} under the GIL: the lock is released while waiting, so the waits overlap"
                )
            } else {
                format!("{who} under the GIL: the waits overlap, the computation takes turns")
            }
        }
        Model::Threads => {
            if waits(kind) {
                format!("{n} threads: every wait overlaps the others")
            } else {
                format!(
                    "{n} threads without a GIL on {cores} cores: computation can run in parallel"
                )
            }
        }
        Model::AsyncSingle | Model::AsyncMulti if kind == WorkloadKind::File => format!(
            "{}: file I/O blocks the loop (asyncio has no asynchronous files)",
            if n == 1 {
                "one event-loop thread".to_owned()
            } else {
                format!("{n} runtime threads")
            }
        ),
        Model::AsyncMulti if waits(kind) => {
            format!(
                "an async runtime with {n} threads: all {} waits overlap",
                run.tasks
            )
        }
        Model::ThreadPool
        | Model::ProcessPool
        | Model::Rayon
        | Model::AsyncMulti
        | Model::InterpreterPool => {
            let who = match run.model {
                Model::InterpreterPool => {
                    format!("{n} interpreters in one process, each with its own GIL")
                }
                Model::ThreadPool => format!("a pool of {n} threads"),
                Model::ProcessPool => format!("{n} worker processes"),
                Model::Rayon => format!("a work-stealing pool of {n} threads"),
                _ => format!("an async runtime with {n} threads"),
            };
            let mut text = if waits(kind) {
                format!("{who}: at most {n} waits overlap")
            } else {
                format!("{who} on {cores} cores: computation can run in parallel")
            };
            if let (Model::ProcessPool, Some(startup)) = (run.model, run.startup_s) {
                text.push_str(&format!(
                    ", after {:.0} ms of process start-up",
                    startup * 1000.0
                ));
            }
            text
        }
        Model::AsyncSingle => {
            if computes(kind) {
                "one event-loop thread: computation blocks the loop, nothing overlaps".to_owned()
            } else if waits(kind) {
                format!("one event-loop thread: all {} waits overlap", run.tasks)
            } else {
                "one event-loop thread: the waits overlap, the computation blocks the loop"
                    .to_owned()
            }
        }
    }
}

fn slowdown_reason(kind: WorkloadKind, run: &RunSummary) -> &'static str {
    match run.model {
        Model::ProcessPool => {
            "starting processes and sending every task through a pipe costs more than it saves"
        }
        Model::Threads if !waits(kind) => "starting a thread per task costs more than the task",
        _ if run.under_gil() => "GIL hand-offs add waiting without adding parallelism",
        _ => "scheduling each task costs more than the task itself",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::measure::machine::MachineInfo;
    use crate::engine::results::metrics::{ExperimentResult, RunSummary, apply_speedups};
    use crate::engine::spec::preset::{self, GilConfig, RunPlan};

    fn result(kind: &str, runs: &[(Model, usize, bool, f64)]) -> ExperimentResult {
        let text = format!(
            "name = \"t\"\n[workload]\nkind = \"{kind}\"\ntasks = 8\ncpu_iters = 10\n[[runs]]\nmodel = \"sequential\"\n"
        );
        let preset = preset::parse(&text, "t").expect("preset");
        let machine = MachineInfo {
            cores: 2,
            os: "x".into(),
            cpu: "x".into(),
            memory_bytes: 0,
        };
        let mut summaries: Vec<RunSummary> = runs
            .iter()
            .map(|&(model, workers, gil, wall)| {
                let mut plan = RunPlan::lab(format!("{model} {gil}"), model, workers);
                plan.gil = gil.then_some(GilConfig {
                    switch_interval: std::time::Duration::from_millis(5),
                });
                RunSummary::measured_once(&plan, 8, wall)
            })
            .collect();
        apply_speedups(&mut summaries, 0, 2);
        ExperimentResult {
            preset,
            source: String::new(),
            machine,
            calibration: None,
            started_unix_s: 0,
            cancelled: false,
            baseline: 0,
            runs: summaries,
            cpu_samples: Vec::new(),
        }
    }

    #[test]
    fn gil_threads_on_cpu_work_are_explained_as_taking_turns() {
        let r = result(
            "cpu",
            &[
                (Model::Sequential, 1, false, 0.2),
                (Model::Threads, 8, true, 0.2),
            ],
        );
        let text = explain(&r, 1);
        assert!(
            text.contains("under the GIL") && text.contains("one computed at a time"),
            "{text}"
        );
        assert!(
            text.contains("1.00×") && text.contains("ideal 1×"),
            "{text}"
        );
        assert!(explain(&r, 0).contains("baseline"));
    }

    #[test]
    fn parallel_and_overlapping_runs_get_their_ideal() {
        let r = result(
            "cpu",
            &[
                (Model::Sequential, 1, false, 0.2),
                (Model::ProcessPool, 2, false, 0.11),
            ],
        );
        assert!(explain(&r, 1).contains("ideal 2×"));
        let r = result(
            "sleep",
            &[
                (Model::Sequential, 1, false, 0.8),
                (Model::AsyncMulti, 2, false, 0.1),
            ],
        );
        let text = explain(&r, 1);
        assert!(
            text.contains("all 8 waits overlap") && text.contains("ideal 8×"),
            "{text}"
        );
    }

    #[test]
    fn load_from_other_programs_is_flagged_only_when_it_is_there() {
        use crate::engine::measure::monitor::CpuSample;
        let mut r = result("cpu", &[(Model::Sequential, 1, false, 1.0)]);
        r.runs[0].windows_s = vec![[0.0, 1.0]];
        r.runs[0].utilisation = 0.5; // one of two cores: the run itself
        let samples = |load: f32| -> Vec<CpuSample> {
            (0..=4)
                .map(|i| CpuSample {
                    t_s: f64::from(i) * 0.25,
                    usage: vec![load, load],
                })
                .collect()
        };
        r.cpu_samples = samples(50.0);
        assert!(outside_load(&r, 0).is_some_and(|c| c < 0.1));
        assert!(!explain(&r, 0).contains("other programs"));
        r.cpu_samples = samples(100.0);
        assert!(outside_load(&r, 0).is_some_and(|c| (c - 1.0).abs() < 0.01));
        assert!(explain(&r, 0).contains("other programs kept ~1.0 cores busy"));
        // Samples that straddle the run's edges say nothing about it.
        r.runs[0].windows_s = vec![[0.1, 0.3]];
        assert_eq!(outside_load(&r, 0), None);
    }

    #[test]
    fn a_slower_run_says_why() {
        let r = result(
            "cpu",
            &[
                (Model::Sequential, 1, false, 0.01),
                (Model::Threads, 8, false, 0.1),
            ],
        );
        assert!(explain(&r, 1).contains("starting a thread per task"));
    }
}
