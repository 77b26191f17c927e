//! Preset parsing and validation: good files pass, and every hostile file
//! gets one message naming the file, the field and what is allowed.

use concurrency_lab::engine::measure::machine::MachineInfo;
use concurrency_lab::engine::run::kernel::Calibration;
use concurrency_lab::engine::spec::builtin::BUILTIN_PRESETS;
use concurrency_lab::engine::spec::preset::{self, Model, PresetError, WorkloadKind};

fn machine() -> MachineInfo {
    MachineInfo {
        cores: 2,
        os: "test".into(),
        cpu: "test".into(),
        memory_bytes: 8 << 30,
    }
}

fn calibration() -> Calibration {
    Calibration {
        iterations_per_ms: 1000.0,
    }
}

fn check(text: &str) -> Result<preset::Experiment, PresetError> {
    preset::parse(text, "hostile.toml")?.validate("hostile.toml", &machine(), calibration)
}

const GOOD: &str = r#"
name = "good"
description = "a good preset"
repetitions = 3
warmup = 1
baseline = "sequential"

[workload]
kind = "cpu"
tasks = 16
cpu_ms = 20.0

[[runs]]
model = "sequential"
label = "sequential"

[[runs]]
model = "threads"
gil = true
switch_interval_ms = 5.0

[[runs]]
model = "process_pool"
workers = 2
"#;

#[test]
fn the_issue_example_validates_with_defaults_filled_in() {
    let experiment = check(GOOD).expect("valid");
    assert_eq!(experiment.repetitions, 3);
    assert_eq!(experiment.warmup, 1);
    assert_eq!(experiment.baseline, 0);
    assert_eq!(experiment.workload.tasks, 16);
    assert_eq!(experiment.workload.cpu_iters, 20_000);
    let labels: Vec<&str> = experiment.runs.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "sequential",
            "threads (GIL 5 ms)",
            "process_pool (2 workers)"
        ]
    );
    assert_eq!(experiment.runs[1].workers, 16, "threads: one per task");
    assert!(experiment.runs[1].gil.is_some());
    assert_eq!(experiment.runs[2].model, Model::ProcessPool);
}

#[test]
fn every_builtin_preset_is_valid() {
    for builtin in BUILTIN_PRESETS {
        let origin = format!("builtin:{}", builtin.name);
        let experiment = preset::parse(builtin.toml, &origin)
            .and_then(|p| p.validate(&origin, &machine(), calibration))
            .unwrap_or_else(|e| panic!("{}: {e}", builtin.name));
        assert!(!experiment.runs.is_empty());
    }
}

#[test]
fn builtins_are_found_by_name_and_unknown_names_list_them() {
    let (preset, origin) = preset::load("cpu-bound").expect("built-in");
    assert_eq!(origin, "builtin:cpu-bound");
    assert_eq!(preset.workload.kind, WorkloadKind::Cpu);
    let error = preset::load("no-such-preset").expect_err("unknown");
    let text = error.to_string();
    assert!(
        text.contains("no-such-preset") && text.contains("cpu-bound"),
        "{text}"
    );
}

#[test]
fn a_missing_file_names_the_path() {
    let error = preset::load("/nonexistent/folder/preset.toml").expect_err("missing");
    assert!(matches!(error, PresetError::Read { .. }));
    assert!(
        error
            .to_string()
            .contains("/nonexistent/folder/preset.toml")
    );
}

#[test]
fn tasks_per_core_scales_with_the_machine() {
    let text = GOOD.replace("tasks = 16", "tasks_per_core = 4");
    let experiment = check(&text).expect("valid");
    assert_eq!(experiment.workload.tasks, 8);
}

#[test]
fn a_preset_survives_a_save_and_load_round_trip() {
    let parsed = preset::parse(GOOD, "good.toml").expect("parse");
    let again =
        preset::parse(&parsed.to_toml().expect("serializes"), "saved.toml").expect("reparse");
    assert_eq!(parsed, again);
}

/// (what is wrong, the preset text, fragments the message must contain)
fn hostile_cases() -> Vec<(&'static str, String, Vec<&'static str>)> {
    let g = GOOD;
    vec![
        ("not TOML at all", "this is = = not toml".into(), vec!["hostile.toml", "line 1"]),
        ("missing name", g.replace("name = \"good\"", ""), vec!["hostile.toml", "name"]),
        ("unknown top-level key", format!("colour = \"red\"\n{g}"), vec!["colour"]),
        ("unknown workload key", g.replace("tasks = 16", "tasks = 16\ntsks = 3"), vec!["tsks"]),
        ("unknown run key", g.replace("workers = 2", "workers = 2\nwokers = 3"), vec!["wokers"]),
        ("wrong type for tasks", g.replace("tasks = 16", "tasks = \"many\""), vec!["tasks", "many"]),
        ("unknown model", g.replace("model = \"threads\"", "model = \"thread\""), vec!["thread", "thread_pool"]),
        ("unknown kind", g.replace("kind = \"cpu\"", "kind = \"gpu\""), vec!["gpu", "cpu"]),
        ("zero tasks", g.replace("tasks = 16", "tasks = 0"), vec!["workload.tasks = 0", "between 1 and"]),
        ("negative tasks", g.replace("tasks = 16", "tasks = -5"), vec!["workload.tasks = -5"]),
        ("too many tasks", g.replace("tasks = 16", "tasks = 99999999999"), vec!["workload.tasks"]),
        ("negative cpu time", g.replace("cpu_ms = 20.0", "cpu_ms = -1.0"), vec!["workload.cpu_ms = -1", "ms"]),
        ("NaN cpu time", g.replace("cpu_ms = 20.0", "cpu_ms = nan"), vec!["workload.cpu_ms = NaN"]),
        ("infinite cpu time", g.replace("cpu_ms = 20.0", "cpu_ms = inf"), vec!["workload.cpu_ms = inf"]),
        ("cpu_ms and cpu_iters", g.replace("cpu_ms = 20.0", "cpu_ms = 20.0\ncpu_iters = 5"), vec!["workload.cpu_iters", "not both"]),
        ("no cpu amount", g.replace("cpu_ms = 20.0", ""), vec!["workload.cpu_ms", "missing"]),
        ("io_ms on a cpu workload", g.replace("cpu_ms = 20.0", "cpu_ms = 20.0\nio_ms = 5.0"), vec!["workload.io_ms", "does not apply"]),
        ("threads beyond the cap", g.replace("tasks = 16", "tasks = 100000"), vec!["workload.tasks", "one OS thread per task"]),
        ("bytes beyond memory", GOOD.replace("kind = \"cpu\"", "kind = \"memory\"").replace("cpu_ms = 20.0", "bytes = 1073741824"), vec!["workload.bytes", "half of this machine"]),
        ("gil on a process pool", g.replace("workers = 2", "workers = 2\ngil = true"), vec!["run 3, gil", "threads", "thread_pool"]),
        ("switch interval without gil", g.replace("gil = true\n", ""), vec!["run 2, switch_interval_ms", "gil = true"]),
        ("absurd switch interval", g.replace("switch_interval_ms = 5.0", "switch_interval_ms = 0.0"), vec!["run 2, switch_interval_ms = 0", "between"]),
        ("workers on threads", g.replace("gil = true", "gil = true\nworkers = 4"), vec!["run 2, workers", "one thread per task"]),
        ("zero workers", g.replace("workers = 2", "workers = 0"), vec!["run 3, workers = 0"]),
        ("baseline naming no run", g.replace("baseline = \"sequential\"", "baseline = \"nope\""), vec!["baseline", "\"nope\"", "\"sequential\""]),
        ("duplicate labels", format!("{g}\n[[runs]]\nmodel = \"sequential\"\n"), vec!["run 4, label", "unique"]),
        ("no runs", g.split("[[runs]]").next().unwrap_or_default().to_owned(), vec!["runs", "at least one"]),
        ("zero repetitions", g.replace("repetitions = 3", "repetitions = 0"), vec!["repetitions = 0"]),
        ("future version", format!("version = 9\n{g}"), vec!["version = 9"]),
        ("convoy with one task", g.replace("kind = \"cpu\"", "kind = \"convoy\"").replace("tasks = 16", "tasks = 1\nio_ms = 1.0"), vec!["workload.tasks", "convoy"]),
        ("too many net connections", "name = \"n\"\n[workload]\nkind = \"net\"\ntasks = 4000\nio_ms = 1.0\n[[runs]]\nmodel = \"async_single\"\n".into(), vec!["workload.tasks", "connections"]),
        ("empty file", String::new(), vec!["hostile.toml"]),
        ("control characters in a label", g.replace("label = \"sequential\"", "label = \"seq\\u001b[31mred\""), vec!["run 1, label", "control characters"]),
        ("a right-to-left override in a label", g.replace("label = \"sequential\"", "label = \"seq\\u202Elaitneuqes\""), vec!["run 1, label", "direction"]),
        ("a zero-width space in a label", g.replace("label = \"sequential\"", "label = \"seq\\u200Buential\""), vec!["run 1, label", "invisible"]),
        ("an endless description", g.replace("description = \"a good preset\"", &format!("description = \"{}\"", "x".repeat(5000))), vec!["description", "2000"]),
        ("a new line in the name", g.replace("name = \"good\"", "name = \"two\\nlines\""), vec!["name", "control characters"]),
        ("absurd cpu_iters", g.replace("cpu_ms = 20.0", "cpu_iters = 1000000000000"), vec!["workload.cpu_iters", "between 1 and"]),
    ]
}

#[test]
fn hostile_presets_get_one_clear_message_each() {
    for (what, text, fragments) in hostile_cases() {
        let error = match check(&text) {
            Ok(_) => panic!("{what}: accepted"),
            Err(error) => error.to_string(),
        };
        assert!(
            error.starts_with("hostile.toml"),
            "{what}: message does not name the file: {error}"
        );
        for fragment in fragments {
            assert!(
                error.contains(fragment),
                "{what}: {fragment:?} missing from: {error}"
            );
        }
    }
}

#[test]
fn a_huge_value_is_cut_in_the_message() {
    let huge = "9".repeat(1 << 20);
    let text = GOOD.replace("tasks = 16", &format!("tasks = \"{huge}\""));
    let message = check(&text)
        .expect_err("a string is not a number")
        .to_string();
    assert!(message.len() < 4000, "{} bytes of message", message.len());
    let text = GOOD.replace("label = \"sequential\"", &format!("label = \"{huge}\""));
    let message = check(&text).expect_err("too long a label").to_string();
    assert!(message.len() < 4000, "{} bytes of message", message.len());
}

#[test]
fn random_bytes_never_panic_the_parser() {
    let mut seed = 0x1234_5678_u64;
    let pieces = [
        "name",
        "=",
        "\"x\"",
        "[workload]",
        "[[runs]]",
        "kind",
        "tasks",
        "1e999",
        "-0",
        "nan",
        "\n",
        "model",
        "threads",
        "{",
        "}",
        "[",
        "]",
        "\"",
        "'",
        "#",
        "\u{0}",
        "🦀",
        "gil",
        "true",
    ];
    for _ in 0..2000 {
        let mut text = String::new();
        for _ in 0..(seed % 30) {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            text.push(' ');
        }
        let _ = check(&text);
    }
}

#[test]
fn builtin_names_in_english_match_their_files_and_exist_in_russian() {
    use concurrency_lab::i18n::{Language, set_thread_language};
    for builtin in BUILTIN_PRESETS {
        let written = preset::parse(builtin.toml, builtin.name).expect("parses");
        set_thread_language(Some(Language::En));
        let (name, description) = builtin.localized().expect("every built-in is localized");
        assert_eq!(
            (name, description),
            (written.name.clone(), written.description.clone())
        );
        set_thread_language(Some(Language::Ru));
        let (name, _) = builtin.localized().expect("localized");
        assert_ne!(name, written.name, "{} has a Russian name", builtin.name);
        set_thread_language(None);
    }
}
