//! The desktop app, driven as a person would: build the real app, click by
//! label, step frames, look at what is shown. No display and no file dialog
//! is needed (paths are typed into the app's own path window).

use crate::common;

use std::time::{Duration, Instant};

use concurrency_lab::app::{AppOptions, LabApp};
use concurrency_lab::engine::view::live::Phase;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn options() -> AppOptions {
    AppOptions {
        worker_exe: Some(common::lab_binary()),
        native_dialogs: false,
        monitor: false,
        persist: false,
        language: Some(concurrency_lab::i18n::Language::En),
        ..AppOptions::default()
    }
}

fn harness(options: AppOptions) -> Harness<'static, LabApp> {
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(10_000)
        .build_eframe(move |cc| LabApp::new(cc, options))
}

/// Steps frames (as the window would while the runner works) until `done`.
fn step_until(
    harness: &mut Harness<'static, LabApp>,
    timeout: Duration,
    done: impl Fn(&LabApp) -> bool,
) {
    let start = Instant::now();
    while !done(harness.state()) {
        assert!(
            start.elapsed() < timeout,
            "timed out; status: {}",
            harness.state().status
        );
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    harness.step();
}

fn phase(app: &LabApp) -> Option<Phase> {
    app.live.as_ref().map(|l| l.phase)
}

fn open_menu(harness: &mut Harness<'static, LabApp>, menu: &str, item: &str) {
    harness.get_by_label(menu).click();
    harness.run();
    // Menu entries with a shortcut carry it in their accessible name.
    harness.get_by_label_contains(item).click();
    harness.run();
}

#[test]
fn choose_a_builtin_preset_run_it_and_see_results_and_a_timeline() {
    let kept = tempfile::tempdir().expect("dir");
    let mut harness = harness(AppOptions {
        history_dir: Some(kept.path().to_owned()),
        ..options()
    });
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Built-in presets").hover();
    harness.run();
    harness.get_by_label("tiny-tasks").click();
    harness.run();
    assert_eq!(
        harness.state().settings.preset.name,
        "Many tiny tasks: the cost per task"
    );

    harness.get_by_label("▶ Run").click();
    step_until(&mut harness, Duration::from_secs(120), |app| {
        phase(app) == Some(Phase::Finished)
    });

    let app = harness.state();
    assert_eq!(app.history.len(), 1);
    let result = &app.history[0];
    assert_eq!(result.runs.len(), 7);
    assert!(
        result.succeeded(),
        "{:?}",
        result.runs.iter().map(|r| &r.errors).collect::<Vec<_>>()
    );
    let live = app.live.as_ref().expect("shown");
    assert!(
        live.timelines.iter().all(|t| !t.model.spans().is_empty()),
        "every run has a timeline"
    );
    // What a person reads: the results rows and their explanations.
    harness.get_by_label_contains("one task after another on one thread");
    assert!(harness.query_all_by_label("process_pool").count() >= 1);
    harness.get_by_label("Speed-up against the baseline");
    // Kept across restarts.
    let entries = concurrency_lab::export::archive::Archive::new(kept.path()).entries();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].preset, "Many tiny tasks: the cost per task");
}

#[test]
fn stop_mid_run_stops_it_and_keeps_what_was_measured() {
    let mut harness = harness(options());
    harness.run();
    open_menu(&mut harness, "File", "Built-in presets");
    harness.get_by_label("io-bound").click();
    harness.run();
    harness.get_by_label("▶ Run").click();
    step_until(&mut harness, Duration::from_secs(30), |app| {
        app.live
            .as_ref()
            .is_some_and(|l| l.progress.as_ref().is_some_and(|p| p.tasks_done > 0))
    });
    harness.get_by_label("■ Stop").click();
    step_until(&mut harness, Duration::from_secs(10), |app| {
        phase(app) == Some(Phase::Cancelled)
    });
    let app = harness.state();
    assert!(app.history[0].cancelled);
    assert!(app.status.contains("stopped"), "{}", app.status);
    // Run is possible again, Stop is not.
    assert!(!app.is_running());
}

#[test]
fn escape_stops_a_run_too() {
    let mut harness = harness(options());
    harness.run();
    open_menu(&mut harness, "File", "Built-in presets");
    harness.get_by_label("io-bound").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::R);
    step_until(&mut harness, Duration::from_secs(30), |app| {
        app.is_running()
    });
    harness.key_press(Key::Escape);
    step_until(&mut harness, Duration::from_secs(10), |app| {
        phase(app) == Some(Phase::Cancelled)
    });
}

fn type_path(harness: &mut Harness<'static, LabApp>, path: &std::path::Path, button: &str) {
    let field = harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "File path");
    field.focus();
    harness.run();
    harness.key_combination_modifiers(egui::Modifiers::COMMAND, &[Key::A]);
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "File path")
        .type_text(&path.display().to_string());
    harness.run();
    harness.get_by_label(button).click();
    harness.run();
}

#[test]
fn a_broken_preset_shows_the_error_and_keeps_the_experiment() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("broken.toml");
    std::fs::write(&path, "name = \"broken\"\n[workload]\nkind = \"cpu\"\ntasks = 0\ncpu_ms = 1.0\n[[runs]]\nmodel = \"threads\"\n")
        .expect("write");
    let mut harness = harness(options());
    harness.run();
    let before = harness.state().settings.preset.clone();
    open_menu(&mut harness, "File", "Open preset…");
    type_path(&mut harness, &path, "Open");
    let error = harness.state().error.clone().expect("an error is shown");
    assert!(
        error.message.contains("broken.toml") && error.message.contains("workload.tasks = 0"),
        "{error:?}"
    );
    // Shown in the error panel (and repeated in the status bar).
    assert!(
        harness
            .query_all_by_label_contains("workload.tasks = 0")
            .count()
            >= 1
    );
    assert_eq!(
        harness.state().settings.preset,
        before,
        "the experiment stayed as it was"
    );
    harness.get_by_label("Dismiss").click();
    harness.run();
    assert!(harness.state().error.is_none());
}

#[test]
fn a_preset_saved_from_the_app_opens_again_unchanged() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("mine.toml");
    let mut harness = harness(options());
    harness.run();
    harness.state_mut().settings.preset.name = "My experiment".into();
    harness.state_mut().settings.preset.repetitions = 2;
    harness.run();
    let saved = harness.state().settings.preset.clone();
    open_menu(&mut harness, "File", "Save preset as…");
    type_path(&mut harness, &path, "Save");
    assert!(path.exists(), "status: {}", harness.state().status);
    assert_eq!(
        harness.state().settings.preset_path.as_deref(),
        Some(path.as_path())
    );

    // Change it, then open the saved file again.
    open_menu(&mut harness, "File", "New experiment");
    assert_ne!(harness.state().settings.preset, saved);
    open_menu(&mut harness, "File", "Open preset…");
    type_path(&mut harness, &path, "Open");
    assert!(
        harness.state().error.is_none(),
        "{:?}",
        harness.state().error
    );
    assert_eq!(harness.state().settings.preset, saved);
    assert_eq!(harness.state().settings.recent.first(), Some(&path));
}

#[test]
fn editing_to_an_invalid_value_is_flagged_in_place_and_run_is_disabled() {
    let mut harness = harness(options());
    harness.run();
    // 5000 threads, one per task, is beyond the cap: flagged, not run.
    harness.state_mut().settings.preset.workload.tasks_per_core = None;
    harness.state_mut().settings.preset.workload.tasks = Some(5000);
    harness.run();
    harness.get_by_label_contains("Cannot run");
    // Marked where it is (the workload) and next to the disabled Run button.
    assert!(
        harness
            .query_all_by_label_contains("one OS thread per task")
            .count()
            >= 2
    );
    harness.key_press(Key::F5);
    harness.run();
    assert!(harness.state().live.is_none(), "nothing ran");

    // A run's own problem is said in its card, numbered as the cards are.
    harness.state_mut().settings.preset.workload.tasks = Some(8);
    let runs = &mut harness.state_mut().settings.preset.runs;
    runs[1].label = Some(runs[0].label.clone().unwrap_or_else(|| "sequential".into()));
    runs[0].label = runs[1].label.clone();
    harness.run();
    assert!(
        harness
            .query_all_by_label_contains("run 1 already has this label")
            .count()
            >= 2,
        "in the card and beside Run"
    );
    assert!(
        harness
            .query_all_by_label_contains("runs[")
            .next()
            .is_none(),
        "no file syntax"
    );
}

#[test]
fn results_open_from_json_into_the_same_views() {
    let dir = tempfile::tempdir().expect("dir");
    let json = dir.path().join("results.json");
    let preset = dir.path().join("p.toml");
    std::fs::write(
        &preset,
        "name = \"from json\"\n[workload]\nkind = \"sleep\"\ntasks = 4\nio_ms = 5.0\n[[runs]]\nmodel = \"sequential\"\n[[runs]]\nmodel = \"threads\"\ngil = true\n",
    )
    .expect("write");
    let status = common::lab_command()
        .args([
            "run",
            preset.to_str().expect("utf-8"),
            "--quiet",
            "--spans",
            "--json",
            json.to_str().expect("utf-8"),
        ])
        .status()
        .expect("cli");
    assert!(status.success());
    let mut harness = harness(options());
    harness.run();
    open_menu(&mut harness, "File", "Open results…");
    type_path(&mut harness, &json, "Open");
    let app = harness.state();
    assert_eq!(phase(app), Some(Phase::Loaded));
    let live = app.live.as_ref().expect("loaded");
    assert_eq!(live.timelines.len(), 2);
    assert_eq!(live.timelines[1].model.spans().len(), 4);
    harness.get_by_label_contains("under the GIL");
}

#[test]
fn charts_and_results_export_from_the_window() {
    let dir = tempfile::tempdir().expect("dir");
    let mut harness = harness(options());
    harness.run();
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small-result.json");
    harness
        .state_mut()
        .push(concurrency_lab::app::Action::OpenResults(fixture));
    harness.run();
    let exports = [
        ("Timeline chart", "SVG…", "timeline.svg"),
        ("Speed-up chart", "PNG…", "speedup.png"),
    ];
    for (menu, format, name) in exports {
        harness.get_by_label("Export").click();
        harness.run();
        harness.get_by_label(menu).hover();
        harness.run();
        harness.get_by_label(format).click();
        harness.run();
        type_path(&mut harness, &dir.path().join(name), "Save");
        assert!(
            harness.state().error.is_none(),
            "{:?}",
            harness.state().error
        );
        assert!(
            dir.path().join(name).exists(),
            "{name}: {}",
            harness.state().status
        );
    }
    let svg = std::fs::read_to_string(dir.path().join("timeline.svg")).expect("svg");
    assert!(svg.contains("Snapshot: GIL threads vs processes"));
    let png = std::fs::read(dir.path().join("speedup.png")).expect("png");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    // Results as JSON: everything, spans included, loadable again.
    open_menu(&mut harness, "Export", "Results as JSON…");
    type_path(&mut harness, &dir.path().join("again.json"), "Save");
    let again =
        concurrency_lab::export::load_result(&dir.path().join("again.json")).expect("reloads");
    assert_eq!(again.runs.len(), 5);
    assert!(again.runs.iter().all(|r| !r.spans.is_empty()));
}

#[test]
fn a_trace_exports_from_the_window_for_perfetto() {
    let dir = tempfile::tempdir().expect("dir");
    let mut harness = harness(options());
    harness.run();
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small-result.json");
    harness
        .state_mut()
        .push(concurrency_lab::app::Action::OpenResults(fixture));
    harness.run();
    open_menu(&mut harness, "Export", "Trace for Perfetto…");
    let path = dir.path().join("snapshot-trace.json");
    type_path(&mut harness, &path, "Save");
    assert!(
        harness.state().error.is_none(),
        "{:?}",
        harness.state().error
    );
    let trace: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("written")).expect("JSON");
    let checked =
        concurrency_lab::export::trace_check::check(&trace).unwrap_or_else(|e| panic!("{e}"));
    // Five runs and the machine's load.
    assert_eq!(checked.processes, 6);
    assert_eq!(checked.tasks.len(), 5 * 8);
}

#[test]
fn a_finished_experiments_cpu_record_stays_fixed_while_the_monitor_goes_on() {
    let mut harness = harness(AppOptions {
        monitor: true,
        ..options()
    });
    harness.run();
    open_menu(&mut harness, "File", "Built-in presets");
    harness.get_by_label("tiny-tasks").click();
    harness.run();
    harness.get_by_label("▶ Run").click();
    step_until(&mut harness, Duration::from_secs(120), |app| {
        phase(app) == Some(Phase::Finished)
    });
    let record = |app: &LabApp| {
        app.live
            .as_ref()
            .and_then(|l| l.result.as_ref())
            .map(|r| r.cpu_samples.clone())
            .expect("a finished experiment has its record")
    };
    let at_finish = record(harness.state());
    assert!(!at_finish.is_empty(), "the monitor sampled during the run");
    // A second of an idle window repainting (a mouse move is enough).
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(1200) {
        harness.get_by_label("Timeline").hover();
        harness.step();
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        record(harness.state()),
        at_finish,
        "the record did not grow"
    );
}

#[test]
fn the_run_column_stays_when_the_results_table_scrolls_sideways() {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 720.0))
        .with_max_steps(10_000)
        .build_eframe(move |cc| LabApp::new(cc, options()));
    harness.run();
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small-result.json");
    harness
        .state_mut()
        .push(concurrency_lab::app::Action::OpenResults(fixture));
    harness.run();
    let left_of =
        |harness: &Harness<'static, LabApp>, label: &str| harness.get_by_label(label).rect().left();
    let run_before = left_of(&harness, "run");
    let model_before = left_of(&harness, "model");
    for _ in 0..20 {
        // Over the body: the header follows the body's scroll. egui 0.37
        // moves the content right on AccessKit's ScrollRight (as ScrollDown
        // moves it up): ScrollLeft is what reveals the columns on the right.
        harness
            .query_all_by_label("lab")
            .next()
            .expect("a runtime cell")
            .scroll_left();
        harness.run();
    }
    assert_eq!(
        left_of(&harness, "run"),
        run_before,
        "the run column is frozen"
    );
    let model_moved = harness
        .query_by_label("model")
        .is_none_or(|node| node.rect().left() < model_before);
    assert!(model_moved, "the other columns scrolled");
}

#[test]
fn a_run_stopped_after_one_repetition_is_marked_partial_and_not_crowned() {
    let dir = tempfile::tempdir().expect("dir");
    let preset = dir.path().join("slow.toml");
    std::fs::write(
        &preset,
        "name = \"slow\"\nrepetitions = 3\n[workload]\nkind = \"sleep\"\ntasks = 2\nio_ms = 400.0\n\
         [[runs]]\nmodel = \"threads\"\nlabel = \"waiting threads\"\n",
    )
    .expect("preset written");
    let mut harness = harness(AppOptions {
        preset: Some(preset.display().to_string()),
        ..options()
    });
    harness.run();
    harness.get_by_label("▶ Run").click();
    // Stop during the second repetition: the first is measured.
    step_until(&mut harness, Duration::from_secs(60), |app| {
        app.live
            .as_ref()
            .and_then(|l| l.progress.as_ref())
            .is_some_and(|p| p.repetition >= 1)
    });
    harness.get_by_label("■ Stop").click();
    step_until(&mut harness, Duration::from_secs(10), |app| {
        phase(app) == Some(Phase::Cancelled)
    });
    let partial = harness
        .query_all_by_label_contains("waiting threads (partial: 1 repetition")
        .count();
    assert!(partial >= 1, "the table marks the run partial");
    assert!(
        harness.query_all_by_label_contains("± ").next().is_none(),
        "no spread from one repetition"
    );
}

/// A convoy sweep's result, made up but whole: the I/O task stretches with
/// the switch interval, and each GIL run has two threads' GIL times.
fn convoy_sweep_result() -> concurrency_lab::engine::results::metrics::ExperimentResult {
    use concurrency_lab::engine::measure::machine::MachineInfo;
    use concurrency_lab::engine::results::metrics::{ExperimentResult, RunSummary};
    use concurrency_lab::engine::run::gil::GilThreadStats;
    use concurrency_lab::engine::run::kernel::Calibration;
    let machine = MachineInfo {
        cores: 2,
        os: "test".into(),
        cpu: "test".into(),
        memory_bytes: 0,
    };
    let experiment = concurrency_lab::engine::spec::builtin::find("convoy-sweep")
        .expect("built in")
        .preset()
        .expect("parses")
        .validate("convoy-sweep", &machine, || Calibration {
            iterations_per_ms: 1000.0,
        })
        .expect("valid");
    let mut result = ExperimentResult::new(&experiment, &machine);
    for plan in &experiment.runs {
        let mut run = RunSummary::measured_once(plan, 3, 0.5);
        let interval = plan.sweep_value.unwrap_or(0.0);
        run.io_task_ms = Some(100.0 + 60.0 * interval);
        if plan.gil.is_some() {
            run.gil_threads = ["compute-1", "io-thread"]
                .iter()
                .map(|name| GilThreadStats {
                    thread: (*name).to_owned(),
                    hold_ms: 240.0,
                    wait_ms: 30.0 * interval,
                    switches: 40,
                    forced_drops: 12,
                })
                .collect();
        }
        result.runs.push(run);
    }
    result.analyse();
    result
}

#[test]
fn a_convoy_sweep_shows_its_curve_its_headline_and_the_gil_per_thread() {
    let dir = tempfile::tempdir().expect("dir");
    let json = dir.path().join("convoy-sweep.json");
    std::fs::write(
        &json,
        serde_json::to_string(&convoy_sweep_result()).expect("json"),
    )
    .expect("write");
    let mut harness = harness(options());
    harness.run();
    open_menu(&mut harness, "File", "Open results…");
    type_path(&mut harness, &json, "Open");
    assert_eq!(phase(harness.state()), Some(Phase::Loaded));
    // The sweep's plot replaces the speed-up bars.
    harness.get_by_label("the I/O task's time against the swept value");
    // 100 + 60 × 10 ms for 50 waits of 2 ms: 7× longer, at 10 ms.
    harness.get_by_label_contains("The convoy: in “threads (GIL) · switch_interval_ms 10”");
    harness.get_by_label_contains("7.0× longer");
    harness.get_by_label("The GIL per thread (last repetition)");
    assert!(
        harness.query_all_by_label("io-thread").count() >= 5,
        "a bar per run"
    );
    assert!(
        harness
            .query_all_by_label_contains("40 switches · 12 forced drops")
            .count()
            >= 10
    );
}

#[test]
fn yesterdays_result_opens_from_the_history_beside_todays() {
    use concurrency_lab::export::archive::Archive;
    let kept = tempfile::tempdir().expect("dir");
    let archive = Archive::new(kept.path());
    let mut yesterday = convoy_sweep_result();
    yesterday.started_unix_s = 1_795_556_400; // 2026-11-24 21:40 UTC
    yesterday.preset.name = "yesterday's convoy".into();
    archive.save(&yesterday).expect("saved");
    let mut today = convoy_sweep_result();
    today.started_unix_s = 1_795_642_800;
    archive.save(&today).expect("saved");

    let mut harness = harness(AppOptions {
        history_dir: Some(kept.path().to_owned()),
        ..options()
    });
    harness.run();
    open_menu(&mut harness, "File", "History…");
    harness.get_by_label("2026-11-24 21:40 UTC");
    harness.get_by_label("2026-11-25 21:40 UTC");
    // The filter narrows the list to yesterday's.
    let filter = || {
        (
            egui::accesskit::Role::TextInput,
            "Filter (date, preset, machine):",
        )
    };
    let (role, label) = filter();
    harness.get_by_role_and_label(role, label).click();
    harness.run();
    harness
        .get_by_role_and_label(role, label)
        .type_text("11-24");
    harness.run();
    harness.run();
    assert!(harness.query_by_label("2026-11-25 21:40 UTC").is_none());
    harness.get_by_label("Open").click();
    harness.run();
    let app = harness.state();
    assert_eq!(phase(app), Some(Phase::Loaded));
    assert_eq!(
        app.history.last().map(|r| r.preset.name.as_str()),
        Some("yesterday's convoy")
    );
}

/// Opening a preset shows it as it is: the editor displays the default
/// switch interval of a GIL run that leaves it out without writing it in
/// (a save would otherwise spell out what the file left to the default).
#[test]
fn opening_a_preset_leaves_it_as_written() {
    let dir = tempfile::tempdir().expect("dir");
    let preset = dir.path().join("gil.toml");
    std::fs::write(
        &preset,
        "name = \"as written\"\n[workload]\nkind = \"cpu\"\ntasks = 2\ncpu_ms = 1.0\n\
         [[runs]]\nmodel = \"threads\"\ngil = true\nlabel = \"under the GIL\"\n",
    )
    .expect("preset written");
    let mut harness = harness(AppOptions {
        preset: Some(preset.display().to_string()),
        ..options()
    });
    for _ in 0..4 {
        harness.run();
    }
    let run = &harness.state().settings.preset.runs[0];
    assert_eq!(
        run.label.as_deref(),
        Some("under the GIL"),
        "the preset opened"
    );
    assert_eq!(
        run.switch_interval_ms, None,
        "the default is not written in"
    );
    assert!(
        harness.query_by_label_contains("switch interval").is_some(),
        "the interval is shown"
    );
}
