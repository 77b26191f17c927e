//! Sweeps: a [sweep] table expands into one run per value, bad values are
//! named, and the scaling laws fitted to synthetic runs recover the serial
//! part they were built with.

use concurrency_lab::engine::measure::machine::MachineInfo;
use concurrency_lab::engine::results::fit::Law;
use concurrency_lab::engine::results::metrics::{ExperimentResult, RunSummary};
use concurrency_lab::engine::run::kernel::Calibration;
use concurrency_lab::engine::spec::builtin;
use concurrency_lab::engine::spec::preset::{self, Experiment, PresetError, SweepParameter};
use concurrency_lab::engine::view::sweep::SweepView;
use concurrency_lab::export::charts::{ChartKind, export_chart};

fn machine(cores: usize) -> MachineInfo {
    MachineInfo {
        cores,
        os: "test".into(),
        cpu: "test".into(),
        memory_bytes: 8 << 30,
    }
}

fn experiment(text: &str, cores: usize) -> Result<Experiment, PresetError> {
    preset::parse(text, "sweep.toml")?.validate("sweep.toml", &machine(cores), || Calibration {
        iterations_per_ms: 1000.0,
    })
}

const WORKERS: &str = r#"
name = "workers"
baseline = "sequential"
[workload]
kind = "cpu"
tasks = 16
cpu_ms = 25.0
serial_ms = 100.0
[sweep]
parameter = "workers"
values = [1, 2, 4, 8]
[[runs]]
model = "sequential"
label = "sequential"
[[runs]]
model = "process_pool"
label = "processes"
[[runs]]
model = "thread_pool"
label = "pool (GIL)"
gil = true
"#;

/// Results for `experiment` with every run's wall time from `wall` (given
/// the run's plan), as if measured once.
fn measured(
    experiment: &Experiment,
    cores: usize,
    wall: impl Fn(&preset::RunPlan) -> f64,
) -> ExperimentResult {
    let mut result = ExperimentResult::new(experiment, &machine(cores));
    for plan in &experiment.runs {
        let tasks = plan.work(&experiment.workload).tasks;
        result
            .runs
            .push(RunSummary::measured_once(plan, tasks, wall(plan)));
    }
    result.analyse();
    result
}

#[test]
fn every_run_that_takes_the_parameter_is_repeated_for_each_value() {
    let experiment = experiment(WORKERS, 8).expect("valid");
    let labels: Vec<&str> = experiment.runs.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels.len(), 1 + 4 + 4, "{labels:?}");
    assert_eq!(labels[0], "sequential");
    assert_eq!(labels[1], "processes · workers 1");
    assert_eq!(labels[8], "pool (GIL) · workers 8");
    let pools: Vec<(usize, Option<f64>)> = experiment.runs[1..5]
        .iter()
        .map(|r| (r.workers, r.sweep_value))
        .collect();
    assert_eq!(
        pools,
        [
            (1, Some(1.0)),
            (2, Some(2.0)),
            (4, Some(4.0)),
            (8, Some(8.0))
        ]
    );
    assert_eq!(experiment.runs[3].sweep_of.as_deref(), Some("processes"));
    assert_eq!(experiment.runs[0].sweep_value, None);
}

#[test]
fn a_workload_sweep_gives_each_run_its_own_work() {
    let text = WORKERS
        .replace("parameter = \"workers\"", "parameter = \"tasks\"")
        .replace("values = [1, 2, 4, 8]", "values = [8, 32]");
    let experiment = experiment(&text, 2).expect("valid");
    assert_eq!(experiment.runs.len(), 6);
    let tasks: Vec<u32> = experiment
        .runs
        .iter()
        .map(|r| r.work(&experiment.workload).tasks)
        .collect();
    assert_eq!(tasks, [8, 32, 8, 32, 8, 32]);
}

#[test]
fn bad_sweeps_are_named_field_by_field() {
    let cases = [
        (
            "values = [1, 2, 4, 8]",
            "values = [1, 2.5]",
            "sweep.values[1]",
        ),
        (
            "values = [1, 2, 4, 8]",
            "values = [1, 0]",
            "sweep.values[1]",
        ),
        (
            "values = [1, 2, 4, 8]",
            "values = [2, 2]",
            "sweep.values[1]",
        ),
        ("values = [1, 2, 4, 8]", "values = []", "sweep.values"),
        (
            "values = [1, 2, 4, 8]",
            "values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]",
            "sweep.values",
        ),
        (
            "parameter = \"workers\"",
            "parameter = \"colour\"",
            "parameter",
        ),
        (
            "serial_ms = 100.0",
            "serial_ms = -1.0",
            "workload.serial_ms",
        ),
    ];
    for (from, to, field) in cases {
        let text = WORKERS.replace(from, to);
        let error = experiment(&text, 2).expect_err(to).to_string();
        assert!(error.contains(field), "{to}: {error}");
        assert!(error.contains("sweep.toml"), "{to}: {error}");
    }
    // A switch-interval sweep with no run under a GIL has nothing to sweep.
    let text = WORKERS
        .replace(
            "parameter = \"workers\"",
            "parameter = \"switch_interval_ms\"",
        )
        .replace("gil = true", "");
    let error = experiment(&text, 2).expect_err("no GIL run").to_string();
    assert!(error.contains("sweep.parameter"), "{error}");
}

#[test]
fn amdahl_recovers_the_serial_fraction_the_runs_were_built_with() {
    let cores = 8;
    let experiment = experiment(WORKERS, cores).expect("valid");
    // One worker takes 0.5 s; processes keep a serial fraction of 0.2, the
    // GIL pool gains nothing.
    let result = measured(&experiment, cores, |plan| {
        let n = plan.workers.min(cores) as f64;
        match plan.sweep_of.as_deref() {
            Some("processes") => 0.5 * (0.2 + 0.8 / n),
            _ => 0.5,
        }
    });
    assert_eq!(result.fits.len(), 2, "{:?}", result.fits);
    let processes = &result.fits[0];
    assert_eq!(
        (processes.label.as_str(), processes.law, processes.parameter),
        ("processes", Law::Amdahl, SweepParameter::Workers)
    );
    assert!((processes.serial_fraction - 0.2).abs() < 1e-9);
    assert!((processes.r2.expect("varies") - 1.0).abs() < 1e-9);
    assert_eq!(processes.points.len(), 4);
    let gil = &result.fits[1];
    assert_eq!(gil.serial_fraction, 1.0);
    assert_eq!(gil.r2, None, "flat speed-ups have no meaningful R²");
    // Speed-ups stay against the one baseline in a worker sweep.
    assert!((result.runs[4].speedup.expect("measured") - 1.0 / (0.2 + 0.1)).abs() < 1e-9);
}

#[test]
fn past_the_cores_more_workers_count_as_the_cores() {
    let cores = 2;
    let experiment = experiment(WORKERS, cores).expect("valid");
    let result = measured(&experiment, cores, |plan| {
        let n = plan.workers.min(cores) as f64;
        0.5 * (0.3 + 0.7 / n)
    });
    let fit = &result.fits[0];
    assert!((fit.serial_fraction - 0.3).abs() < 1e-9, "{fit:?}");
    let parallel: Vec<f64> = fit.points.iter().map(|p| p.parallel).collect();
    assert_eq!(parallel, [1.0, 2.0, 2.0, 2.0]);
    let view = SweepView::of(&result).expect("a sweep");
    assert_eq!(
        view.ideal,
        vec![[1.0, 1.0], [2.0, 2.0], [4.0, 2.0], [8.0, 2.0]]
    );
    let sequential = view
        .curves
        .iter()
        .find(|c| c.label == "sequential")
        .expect("drawn");
    assert_eq!(
        sequential.flat,
        Some(1.0),
        "a run without workers is drawn flat"
    );
}

#[test]
fn gustafson_finds_the_serial_time_and_its_shrinking_share() {
    let text = WORKERS
        .replace("parameter = \"workers\"", "parameter = \"tasks\"")
        .replace("values = [1, 2, 4, 8]", "values = [8, 16, 64]")
        .replace(
            "model = \"process_pool\"",
            "model = \"process_pool\"\nworkers = 2",
        );
    let cores = 2;
    let experiment = experiment(&text, cores).expect("valid");
    // 0.1 s serial, 25 ms a task; the pool runs two at once, the GIL one.
    let result = measured(&experiment, cores, |plan| {
        let tasks = f64::from(plan.work(&experiment.workload).tasks);
        match plan.sweep_of.as_deref() {
            Some("processes") => 0.1 + tasks * 0.025 / 2.0,
            _ => 0.1 + tasks * 0.025,
        }
    });
    let fit = result
        .fits
        .iter()
        .find(|f| f.label == "processes")
        .expect("a fit");
    assert_eq!(fit.law, Law::Gustafson);
    assert!((fit.serial_s.expect("serial time") - 0.1).abs() < 1e-9);
    let shares: Vec<f64> = fit
        .points
        .iter()
        .filter_map(|p| p.serial_fraction)
        .collect();
    assert!((shares[0] - 0.1 / 0.2).abs() < 1e-9, "{shares:?}");
    assert!(shares[0] > shares[1] && shares[1] > shares[2], "{shares:?}");
    for point in &fit.points {
        assert!((point.predicted - point.speedup).abs() < 1e-9, "{point:?}");
    }
    // Each value is measured against the baseline at the same value.
    assert!((result.runs[3].speedup.expect("measured") - 0.3 / 0.2).abs() < 1e-9);
}

#[test]
fn the_builtin_sweeps_validate_and_the_result_round_trips_through_json() {
    for name in ["amdahl", "convoy-sweep"] {
        let builtin = builtin::find(name).expect("built in");
        let preset = builtin.preset().expect("parses");
        assert!(preset.sweep.is_some(), "{name}");
        preset
            .validate(name, &machine(2), || Calibration {
                iterations_per_ms: 1000.0,
            })
            .expect("valid");
    }
    let experiment = experiment(WORKERS, 4).expect("valid");
    let result = measured(&experiment, 4, |plan| 0.5 / plan.workers.min(4) as f64);
    let json = serde_json::to_string(&result).expect("json");
    assert!(json.contains("\"sweep_value\":2.0") && json.contains("\"fits\""));
    let back: ExperimentResult = serde_json::from_str(&json).expect("reads back");
    assert_eq!(back, result);
}

#[test]
fn the_sweep_chart_draws_every_run_and_the_fit() {
    let cores = 2;
    let experiment = experiment(WORKERS, cores).expect("valid");
    let result = measured(&experiment, cores, |plan| {
        let n = plan.workers.min(cores) as f64;
        0.5 * (0.2 + 0.8 / n)
    });
    let dir = tempfile::tempdir().expect("dir");
    let svg_path = dir.path().join("sweep.svg");
    export_chart(&result, ChartKind::Sweep, &svg_path).expect("svg");
    export_chart(&result, ChartKind::Sweep, &dir.path().join("sweep.png")).expect("png");
    let svg = std::fs::read_to_string(&svg_path).expect("svg");
    for label in [
        "sequential",
        "processes (Amdahl: s = 0.20)",
        "pool (GIL)",
        "workers",
    ] {
        assert!(svg.contains(label), "{label}");
    }
    assert!(svg.contains("<circle"), "measured points drawn");
}
