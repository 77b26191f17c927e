//! One plain sentence per run saying what happened and why: the lesson put
//! into words next to the figures (the CLI prints it, the app shows it).

use crate::engine::results::compare;
use crate::engine::results::explain_gap;
use crate::engine::results::metrics::{ExperimentResult, RunSummary};
use crate::engine::spec::preset::{Model, WorkloadKind};
use crate::present::units;
use crate::tr;

/// Whether a workload's tasks mostly compute (as opposed to mostly wait).
pub fn computes(kind: WorkloadKind) -> bool {
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

/// The explanation of run `index` of `result`: what the model did, its
/// speed-up against the ideal, and — when it is slower than its baseline —
/// only a cause the measurements support. Each part is a whole message.
pub fn explain(result: &ExperimentResult, index: usize) -> String {
    let Some(run) = result.runs.get(index) else {
        return String::new();
    };
    if let Some(error) = &run.error {
        return tr!("explain-could-not-run", error = error.clone());
    }
    if run.repetitions == 0 {
        return tr!("explain-not-measured");
    }
    let mut parts = vec![mechanism(result, run)];
    if let Some(speedup) = run.speedup {
        let is_baseline = run
            .baseline
            .as_deref()
            .map_or(index == result.baseline, |b| b == run.label);
        parts[0] = if is_baseline {
            tr!("explain-baseline", mechanism = parts[0].clone())
        } else {
            match ideal_speedup(result, run) {
                Some(ideal) => tr!(
                    "explain-speedup-ideal",
                    mechanism = parts[0].clone(),
                    speedup = units::speedup(speedup),
                    ideal = format!("{ideal:.0}")
                ),
                None => tr!(
                    "explain-speedup",
                    mechanism = parts[0].clone(),
                    speedup = units::speedup(speedup)
                ),
            }
        };
        if speedup < 0.9 && result.kind() != WorkloadKind::Convoy {
            parts.push(slowdown(result, index, run));
        }
        if let Some(account) = explain_gap::breakdown(run) {
            parts.push(account);
        }
        if let Some(finding) = explain_gap::finding(run) {
            parts.push(finding);
        }
    }
    if let Some(io_ms) = run.io_task_ms {
        let work = &result.preset.workload;
        let rounds = work.io_rounds.unwrap_or(50) as f64;
        let waits = rounds * work.io_ms.unwrap_or(0.0);
        let times = if waits > 0.0 { io_ms / waits } else { 1.0 };
        parts.push(if run.under_gil() && io_ms > waits * 1.3 {
            tr!(
                "explain-convoy",
                took = units::duration_ms(io_ms),
                waits = units::duration_ms(waits),
                times = crate::i18n::number(times, 1)
            )
        } else {
            tr!(
                "explain-io-task",
                took = units::duration_ms(io_ms),
                waits = units::duration_ms(waits)
            )
        });
    }
    if let Some(cores) = outside_load(result, index).filter(|c| *c >= OUTSIDE_LOAD_WARNING) {
        parts.push(tr!(
            "explain-outside-load",
            cores = crate::i18n::number(cores, 1)
        ));
    }
    if let Some(spread) = compare::wide_spread(run) {
        parts.push(tr!(
            "explain-wide-spread",
            spread = units::percent(spread),
            repetitions = run.repetitions
        ));
    }
    if !run.wall_outliers.is_empty() {
        let which: Vec<String> = run
            .wall_outliers
            .iter()
            .map(|i| (i + 1).to_string())
            .collect();
        parts.push(tr!(
            "explain-outliers",
            count = run.wall_outliers.len(),
            which = which.join(", ")
        ));
    }
    if run.cancelled {
        parts.push(tr!("explain-stopped-early", repetitions = run.repetitions));
    }
    if run.failed > 0 {
        parts.push(tr!("explain-failed", count = run.failed));
    }
    if !run.checksum_ok && run.failed == 0 {
        parts.push(tr!("explain-wrong-checksums"));
    }
    parts.join("; ")
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
    ideal_parallelism(result, run, true)
}

/// How many of the run's tasks could progress at once: its ideal speed-up
/// over one after another. `gil` says whether a GIL counts (without it: what
/// the model would reach if nothing held its threads back).
pub fn ideal_parallelism(result: &ExperimentResult, run: &RunSummary, gil: bool) -> Option<f64> {
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
        _ if gil && run.under_gil() && computes(kind) => 1,
        _ if waits(kind) => run.workers.min(run.tasks as usize),
        _ => run.workers.min(cores).min(run.tasks as usize),
    };
    Some(parallel.max(1) as f64)
}

/// What the model does with this kind of work, in a sentence.
fn mechanism(result: &ExperimentResult, run: &RunSummary) -> String {
    let kind = result.kind();
    let cores = result.machine.cores;
    let n = run.workers;
    let work = if computes(kind) {
        "compute"
    } else if waits(kind) {
        "wait"
    } else {
        "mixed"
    };
    match run.model {
        Model::Sequential => tr!("explain-sequential"),
        Model::Threads | Model::ThreadPool if run.under_gil() => tr!(
            "explain-gil",
            who = if run.model == Model::Threads {
                "threads"
            } else {
                "pool"
            },
            n = n,
            work = work
        ),
        Model::Threads if waits(kind) => tr!("explain-threads-wait", n = n),
        Model::Threads => tr!("explain-threads-compute", n = n, cores = cores),
        Model::AsyncSingle | Model::AsyncMulti if kind == WorkloadKind::File => {
            tr!("explain-async-file", n = n)
        }
        Model::AsyncMulti if waits(kind) => {
            tr!("explain-async-multi-wait", n = n, tasks = run.tasks)
        }
        Model::AsyncSingle => tr!("explain-async-single", work = work, tasks = run.tasks),
        Model::ThreadPool
        | Model::ProcessPool
        | Model::Rayon
        | Model::AsyncMulti
        | Model::InterpreterPool => {
            let who = match run.model {
                Model::InterpreterPool => "interpreters",
                Model::ThreadPool => "pool",
                Model::ProcessPool => "processes",
                Model::Rayon => "rayon",
                _ => "runtime",
            };
            let text = if waits(kind) {
                tr!("explain-pool-wait", who = who, n = n)
            } else {
                tr!("explain-pool-compute", who = who, n = n, cores = cores)
            };
            match (run.model, run.startup_s) {
                (Model::ProcessPool, Some(startup)) => tr!(
                    "explain-after-startup",
                    text = text,
                    startup = units::duration(startup)
                ),
                _ => text,
            }
        }
    }
}

/// The most a model can plausibly cost per task, ms: a few times what the
/// benchmarks measure (a thread start ~60 µs, a process pool's pipe round
/// trip ~60 µs, a future or queue hand-off well under 1 µs; CPython's are
/// about ten times that).
fn per_task_cost_bound_ms(run: &RunSummary) -> f64 {
    let lab = match run.model {
        Model::Threads => 0.5,
        Model::ProcessPool | Model::InterpreterPool => 1.0,
        _ => 0.1,
    };
    if run.python.is_some() {
        lab * 10.0
    } else {
        lab
    }
}

/// Why a run is slower than its baseline — only what the figures show: the
/// time lost per task against the task's own time, the start-up against the
/// time lost, the GIL's share, or else that the machine was busy (or that
/// the cause is not in the figures).
fn slowdown(result: &ExperimentResult, index: usize, run: &RunSummary) -> String {
    let base = result
        .runs
        .iter()
        .find(|r| Some(r.label.as_str()) == run.baseline.as_deref());
    let lost_s = base.map_or(0.0, |b| (run.wall_s.mean - b.wall_s.mean).max(0.0));
    let per_task_lost_ms = lost_s * 1000.0 / f64::from(run.tasks.max(1));
    let task_ms = run.task_time_ms.p50;
    if let Some(startup) = run.startup_s.filter(|s| *s >= lost_s * 0.5 && lost_s > 0.0) {
        return tr!(
            "slower-startup",
            startup = units::duration(startup),
            lost = units::duration(lost_s)
        );
    }
    if run.under_gil() && run.gil_wait_share >= 0.3 {
        return tr!("slower-gil", share = units::percent(run.gil_wait_share));
    }
    // The model's cost per task is microseconds (a thread start, a pipe
    // round trip: see BENCHMARKS.md); a loss far above that is not it.
    let plausible_ms = per_task_cost_bound_ms(run);
    if task_ms > 0.0 && per_task_lost_ms >= task_ms * 0.5 && per_task_lost_ms <= plausible_ms {
        return match run.model {
            Model::Threads => tr!(
                "slower-thread-per-task",
                lost = units::duration_ms(per_task_lost_ms),
                task = units::duration_ms(task_ms)
            ),
            Model::ProcessPool => tr!(
                "slower-pipe-per-task",
                lost = units::duration_ms(per_task_lost_ms),
                task = units::duration_ms(task_ms)
            ),
            _ => tr!(
                "slower-per-task",
                lost = units::duration_ms(per_task_lost_ms),
                task = units::duration_ms(task_ms)
            ),
        };
    }
    if outside_load(result, index).is_some_and(|c| c >= OUTSIDE_LOAD_WARNING) {
        return tr!("slower-busy");
    }
    tr!("slower-unclear", lost = units::duration(lost_s))
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
            fits: Vec::new(),
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
    fn a_slower_run_says_why_when_the_figures_show_it() {
        let mut r = result(
            "cpu",
            &[
                (Model::Sequential, 1, false, 0.01),
                (Model::Threads, 8, false, 0.1),
            ],
        );
        // 2000 tiny tasks: 45 µs lost per task of 10 µs — the per-task cost.
        for run in &mut r.runs {
            run.tasks = 2000;
        }
        r.runs[1].task_time_ms.p50 = 0.01;
        assert!(
            explain(&r, 1).contains("starting a thread per task"),
            "{}",
            explain(&r, 1)
        );
    }

    #[test]
    fn a_slower_run_on_a_busy_machine_blames_the_machine_not_the_model() {
        use crate::engine::measure::monitor::CpuSample;
        // 60 ms tasks, 8 of them, 1.2 s against 0.5 s: 87 ms lost a task is
        // not "scheduling each task", which costs microseconds.
        let mut r = result(
            "cpu",
            &[
                (Model::Sequential, 1, false, 0.5),
                (Model::AsyncSingle, 1, false, 1.2),
            ],
        );
        r.runs[1].task_time_ms.p50 = 60.0;
        r.runs[1].windows_s = vec![[0.0, 1.2]];
        r.runs[1].utilisation = 0.5;
        let text = explain(&r, 1);
        assert!(!text.contains("scheduling each task"), "{text}");
        r.cpu_samples = (0..=6)
            .map(|i| CpuSample {
                t_s: f64::from(i) * 0.2,
                usage: vec![100.0, 100.0],
            })
            .collect();
        let text = explain(&r, 1);
        assert!(text.contains("machine was busy"), "{text}");
    }
}
