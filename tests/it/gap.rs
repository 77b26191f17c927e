//! Predicted versus measured: on synthetic runs built from known parts, the
//! account finds each part again and leaves nothing unexplained.

use concurrency_lab::engine::measure::machine::MachineInfo;
use concurrency_lab::engine::measure::monitor::CpuSample;
use concurrency_lab::engine::results::explain_gap::{breakdown, finding};
use concurrency_lab::engine::results::metrics::{ExperimentResult, RunSummary};
use concurrency_lab::engine::run::kernel::Calibration;
use concurrency_lab::engine::spec::preset;

const PRESET: &str = r#"
name = "gap"
baseline = "sequential"
[workload]
kind = "cpu"
tasks = 16
cpu_ms = 25.0
serial_ms = 100.0
[[runs]]
model = "sequential"
label = "sequential"
[[runs]]
model = "process_pool"
label = "processes"
workers = 2
[[runs]]
model = "thread_pool"
label = "pool (GIL)"
workers = 2
gil = true
[[runs]]
model = "rayon"
label = "rayon (loaded)"
workers = 2
"#;

fn close(actual: f64, expected: f64, what: &str) {
    assert!(
        (actual - expected).abs() < 1e-9,
        "{what}: {actual} ≠ {expected}"
    );
}

fn two_cores() -> MachineInfo {
    MachineInfo {
        cores: 2,
        os: "test".into(),
        cpu: "test".into(),
        memory_bytes: 0,
    }
}

/// A preset validated for `machine` at a fixed calibration.
fn experiment(text: &str, machine: &MachineInfo) -> preset::Experiment {
    preset::parse(text, "gap.toml")
        .expect("parses")
        .validate("gap.toml", machine, || Calibration {
            iterations_per_ms: 1000.0,
        })
        .expect("valid")
}

/// Sequential 0.5 s (0.1 s serial); processes: half the parallel part,
/// half the serial part's parallel share lost, 20 ms start-up, 1 ms a task;
/// the GIL pool as slow as the loop; rayon ideal but sharing the machine
/// with one core's worth of other programs.
fn result() -> ExperimentResult {
    let machine = two_cores();
    let experiment = experiment(PRESET, &machine);
    let mut result = ExperimentResult::new(&experiment, &machine);
    let walls = [0.5, 0.25 + 0.05 + 0.02 + 0.016, 0.5, 2.0 * (0.25 + 0.05)];
    for (plan, wall) in experiment.runs.iter().zip(walls) {
        let mut run = RunSummary::measured_once(plan, 16, wall);
        run.windows_s = vec![[0.0, wall]];
        result.runs.push(run);
    }
    result.runs[1].startup_s = Some(0.02);
    result.runs[1].per_task_overhead_s = Some(0.001);
    result.runs[0].per_task_overhead_s = Some(0.0);
    // Rayon's repetition ran from 10 s, with one core busy elsewhere.
    result.runs[3].windows_s = vec![[10.0, 10.6]];
    result.cpu_samples = (0..=6)
        .map(|i| CpuSample {
            t_s: 10.0 + f64::from(i) * 0.1,
            usage: vec![50.0, 50.0],
        })
        .collect();
    result.analyse();
    result
}

#[test]
fn each_known_part_is_found_and_nothing_is_left_unexplained() {
    let result = result();
    assert!(result.runs[0].gap.is_none(), "the baseline has no gap");
    let processes = result.runs[1].gap.as_ref().expect("a gap");
    close(processes.ideal_speedup, 2.0, "ideal");
    close(processes.ideal_wall_s, 0.25, "ideal wall");
    close(processes.serial_s, 0.05, "serial part");
    close(processes.startup_s, 0.02, "start-up");
    close(processes.per_task_overhead_s, 0.016, "per-task overhead");
    close(processes.gil_s, 0.0, "no GIL");
    close(processes.other_load_s, 0.0, "no other load");
    close(processes.unexplained_s, 0.0, "unexplained");
    close(
        result.runs[1].predicted_speedup.expect("predicted"),
        0.5 / 0.336,
        "predicted",
    );

    let gil = result.runs[2].gap.as_ref().expect("a gap");
    close(gil.gil_s, 0.2, "the GIL serialises the parallel part");
    close(gil.serial_s, 0.05, "serial part");
    close(gil.unexplained_s, 0.0, "unexplained");

    let loaded = result.runs[3].gap.as_ref().expect("a gap");
    close(loaded.other_load_s, 0.3, "one core of two taken");
    close(loaded.unexplained_s, 0.0, "unexplained");
}

#[test]
fn the_account_reads_from_ideal_to_measured_and_findings_are_rare() {
    let result = result();
    let text = breakdown(&result.runs[1]).expect("an account");
    assert!(text.starts_with("ideal 2.00×"), "{text}");
    assert!(text.contains("start-up −0.10"), "{text}");
    assert!(text.contains("serial part −"), "{text}");
    assert!(text.ends_with("measured 1.49×"), "{text}");
    assert!(!text.contains("unexplained"), "{text}");
    // Every measured figure agrees with its account: no finding.
    for run in &result.runs {
        assert_eq!(finding(run), None, "{}", run.label);
    }
    // A run twice as slow as its account is one.
    let mut slow = result.clone();
    slow.runs[1].wall_s.mean *= 2.0;
    slow.analyse();
    let text = finding(&slow.runs[1]).expect("a finding");
    assert!(text.contains("a finding, not an error"), "{text}");
}

/// The convoy's shape: the baseline is itself parallel (threads without a
/// GIL on 2 cores, 0.25 s), a GIL run takes twice as long (0.5 s). The ideal
/// is relative to the baseline's own parallelism, so the GIL explains the
/// whole gap: predicted 0.5×, nothing unexplained, no finding.
#[test]
fn a_parallel_baseline_sets_the_scale_of_the_ideal() {
    let machine = two_cores();
    let text = r#"
name = "parallel baseline"
baseline = "no GIL"
[workload]
kind = "cpu"
tasks = 2
cpu_ms = 250.0
[[runs]]
model = "threads"
label = "no GIL"
[[runs]]
model = "threads"
label = "GIL"
gil = true
"#;
    let experiment = experiment(text, &machine);
    let mut result = ExperimentResult::new(&experiment, &machine);
    for (plan, wall) in experiment.runs.iter().zip([0.25, 0.5]) {
        let mut run = RunSummary::measured_once(plan, 2, wall);
        run.windows_s = vec![[0.0, wall]];
        result.runs.push(run);
    }
    result.analyse();
    let gil = result.runs[1].gap.as_ref().expect("a gap");
    close(gil.ideal_speedup, 1.0, "as parallel as the baseline");
    close(gil.gil_s, 0.25, "the GIL serialises both threads");
    close(gil.unexplained_s, 0.0, "unexplained");
    close(
        result.runs[1].predicted_speedup.expect("predicted"),
        0.5,
        "predicted",
    );
    assert_eq!(finding(&result.runs[1]), None, "no finding");
}
