//! Properties of presets over generated ones (proptest): every valid preset
//! validates and survives a round trip through TOML unchanged; every preset
//! broken in a known way is refused, naming a field, without a panic; and
//! mangled text never panics the parser or the validator. Validation runs on
//! a fixed machine, so the outcome does not depend on the one under test.

use std::sync::Arc;

use proptest::prelude::*;

use concurrency_lab::engine::measure::machine::MachineInfo;
use concurrency_lab::engine::python::Pythons;
use concurrency_lab::engine::run::kernel::Calibration;
use concurrency_lab::engine::spec::preset::{
    Model, Preset, PresetError, RunSpec, WorkloadKind, WorkloadSpec, parse,
};
use concurrency_lab::engine::spec::validate::ValidationEnv;

/// A small fixed machine: 4 cores, 16 GiB.
fn machine() -> MachineInfo {
    MachineInfo {
        cores: 4,
        os: "test".to_owned(),
        cpu: "test".to_owned(),
        memory_bytes: 16 << 30,
    }
}

fn validate(preset: &Preset) -> Result<(), PresetError> {
    let machine = machine();
    let calibration = || Calibration {
        iterations_per_ms: 100_000.0,
    };
    // Lab runs only: no interpreter is ever looked for.
    let pythons = || Arc::new(Pythons::default());
    let env = ValidationEnv {
        machine: &machine,
        calibration: &calibration,
        pythons: &pythons,
    };
    preset.validate_in("generated.toml", &env).map(drop)
}

/// Models the lab runs itself.
const LAB_MODELS: [Model; 7] = [
    Model::Sequential,
    Model::Threads,
    Model::ThreadPool,
    Model::ProcessPool,
    Model::AsyncSingle,
    Model::AsyncMulti,
    Model::Rayon,
];

fn workload() -> impl Strategy<Value = WorkloadSpec> {
    (
        prop::sample::select(WorkloadKind::ALL.to_vec()),
        2i64..=64,
        any::<bool>(),
        0.01f64..50.0,
        1i64..1_000_000,
        0.0f64..20.0,
        8i64..=1 << 20,
        1i64..=100,
    )
        .prop_map(
            |(kind, tasks, in_ms, cpu_ms, iters, io_ms, bytes, rounds)| {
                let cpu = kind.uses_cpu();
                WorkloadSpec {
                    kind,
                    tasks: Some(tasks),
                    tasks_per_core: None,
                    cpu_ms: (cpu && in_ms).then_some(cpu_ms),
                    cpu_iters: (cpu && !in_ms).then_some(iters),
                    io_ms: kind.uses_io().then_some(io_ms),
                    bytes: kind.uses_bytes().then_some(bytes),
                    io_rounds: (kind == WorkloadKind::Convoy).then_some(rounds),
                    serial_ms: None,
                }
            },
        )
}

fn run(index: usize) -> impl Strategy<Value = RunSpec> {
    (
        prop::sample::select(LAB_MODELS.to_vec()),
        1i64..=8,
        any::<bool>(),
        prop::option::of(0.05f64..100.0),
        prop::option::of(0.01f64..100.0),
        "[a-zA-Z][a-zA-Z0-9 ()=+-]{0,20}",
    )
        .prop_map(move |(model, workers, gil, interval, timeout, label)| {
            let mut spec = RunSpec::new(model);
            // Unique whatever was generated.
            spec.label = Some(format!("{index} {label}"));
            spec.workers = model.has_workers().then_some(workers);
            if model.allows_gil() && gil {
                spec.gil = Some(true);
                spec.switch_interval_ms = interval;
            }
            if model == Model::ProcessPool {
                spec.task_timeout_s = timeout;
            }
            spec
        })
}

fn runs() -> impl Strategy<Value = Vec<RunSpec>> {
    (1usize..=4).prop_flat_map(|count| (0..count).map(run).collect::<Vec<_>>())
}

prop_compose! {
    fn valid_preset()(
        name in "[A-Za-z][A-Za-z0-9 :,.()'\"=+-]{0,40}",
        description in "[A-Za-z0-9 .,\n]{0,80}",
        repetitions in 1i64..=5,
        warmup in 0i64..=3,
        workload in workload(),
        runs in runs(),
        baseline_last in any::<bool>(),
    ) -> Preset {
        let baseline = baseline_last
            .then(|| runs.last().and_then(|r| r.label.clone()))
            .flatten();
        Preset {
            version: 1,
            name,
            description,
            repetitions,
            warmup,
            baseline,
            workload,
            sweep: None,
            runs,
        }
    }
}

/// Ways to break a valid preset, each refused by a rule.
#[derive(Debug, Clone, Copy)]
enum Breakage {
    NoTasks,
    TooManyTasks,
    NoRepetitions,
    FutureVersion,
    BlankName,
    InvisibleLabel,
    SameLabelTwice,
    UnknownBaseline,
    NoRuns,
    NegativeWorkers,
    GilOnAProcessPool,
    NotANumberOfMilliseconds,
    TimeoutOnThreads,
}

const BREAKAGES: [Breakage; 13] = [
    Breakage::NoTasks,
    Breakage::TooManyTasks,
    Breakage::NoRepetitions,
    Breakage::FutureVersion,
    Breakage::BlankName,
    Breakage::InvisibleLabel,
    Breakage::SameLabelTwice,
    Breakage::UnknownBaseline,
    Breakage::NoRuns,
    Breakage::NegativeWorkers,
    Breakage::GilOnAProcessPool,
    Breakage::NotANumberOfMilliseconds,
    Breakage::TimeoutOnThreads,
];

fn break_it(preset: &mut Preset, breakage: Breakage) {
    match breakage {
        Breakage::NoTasks => preset.workload.tasks = Some(0),
        Breakage::TooManyTasks => preset.workload.tasks = Some(i64::MAX),
        Breakage::NoRepetitions => preset.repetitions = 0,
        Breakage::FutureVersion => preset.version = 2,
        Breakage::BlankName => preset.name = " \t ".to_owned(),
        Breakage::InvisibleLabel => preset.runs[0].label = Some("seq\u{202E}uential".to_owned()),
        Breakage::SameLabelTwice => {
            let first = preset.runs[0].clone();
            preset.runs.push(first);
        }
        Breakage::UnknownBaseline => preset.baseline = Some("no such run".to_owned()),
        Breakage::NoRuns => preset.runs.clear(),
        Breakage::NegativeWorkers => {
            let mut pool = RunSpec::new(Model::ThreadPool);
            pool.label = Some("pool".to_owned());
            pool.workers = Some(-1);
            preset.runs.insert(0, pool);
        }
        Breakage::GilOnAProcessPool => {
            let mut pool = RunSpec::new(Model::ProcessPool);
            pool.label = Some("pool".to_owned());
            pool.gil = Some(true);
            preset.runs.insert(0, pool);
        }
        Breakage::NotANumberOfMilliseconds => {
            preset.workload = WorkloadSpec {
                kind: WorkloadKind::Sleep,
                tasks: Some(4),
                tasks_per_core: None,
                cpu_ms: None,
                cpu_iters: None,
                io_ms: Some(f64::NAN),
                bytes: None,
                io_rounds: None,
                serial_ms: None,
            };
        }
        Breakage::TimeoutOnThreads => {
            let mut threads = RunSpec::new(Model::Threads);
            threads.label = Some("threads".to_owned());
            threads.task_timeout_s = Some(1.0);
            preset.runs.insert(0, threads);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn a_valid_preset_validates_and_round_trips_through_toml(preset in valid_preset()) {
        prop_assert!(validate(&preset).is_ok(), "{:?}\n{:#?}", validate(&preset), preset);
        let text = preset.to_toml().expect("serializes");
        let again = parse(&text, "again.toml").expect("parses what it wrote");
        prop_assert_eq!(&again, &preset, "{}", text);
        prop_assert!(validate(&again).is_ok());
    }

    #[test]
    fn a_broken_preset_is_refused_naming_a_field(
        preset in valid_preset(),
        breakage in prop::sample::select(BREAKAGES.to_vec()),
    ) {
        let mut broken = preset;
        break_it(&mut broken, breakage);
        match validate(&broken) {
            Err(PresetError::Invalid { field, .. }) => prop_assert!(!field.is_empty()),
            other => prop_assert!(false, "{breakage:?} gave {other:?}"),
        }
    }

    #[test]
    fn mangled_text_never_panics(
        preset in valid_preset(),
        cut in any::<prop::sample::Index>(),
        junk in "[\\[\\]=\"'{}#.a-z0-9\n-]{0,12}",
    ) {
        let text = preset.to_toml().expect("serializes");
        let at = cut.index(text.len() + 1);
        let at = (0..=at).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
        let mangled = format!("{}{junk}{}", &text[..at], &text[at..]);
        // Either outcome is fine; a panic is not.
        if let Ok(parsed) = parse(&mangled, "mangled.toml") {
            let _ = validate(&parsed);
        }
    }
}
