//! The guided lessons, followed as a learner would: on the command line
//! (predict, measure, verdict, progress kept) and in the window (choose an
//! answer, run the step, read the verdict with its view outlined).

use crate::common;

use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use concurrency_lab::app::{Action, AppOptions, LabApp};
use concurrency_lab::lessons::{Lesson, View};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn lab_in(data: &tempfile::TempDir, args: &[&str]) -> Output {
    common::lab_command()
        .env("XDG_DATA_HOME", data.path())
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_lesson_on_the_command_line_gives_a_verdict_and_is_remembered() {
    let data = tempfile::tempdir().expect("data folder");
    let listed = lab_in(&data, &["lessons"]);
    assert!(listed.status.success(), "{}", text(&listed.stderr));
    assert!(text(&listed.stdout).contains("0 of 9 steps done"));

    // Step 4: twenty 50 ms waits; the answer "about 50 ms" is the second.
    let output = lab_in(&data, &["lesson", "4", "--answer", "2"]);
    let stdout = text(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        text(&output.stderr)
    );
    assert!(stdout.contains("Step 4 of 9"), "{stdout}");
    assert!(stdout.contains("Verdict"), "{stdout}");
    assert!(stdout.contains("You predicted: about 50 ms"), "{stdout}");
    assert!(
        stdout.contains("Your prediction is what theory expects here."),
        "{stdout}"
    );
    assert!(stdout.contains("Measured: threads (GIL): "), "{stdout}");

    let listed = text(&lab_in(&data, &["lessons"]).stdout);
    assert!(listed.contains("1 of 9 steps done"), "{listed}");
    assert!(
        listed.contains(" 4. Waiting: threads and an event loop  (done)"),
        "{listed}"
    );
}

#[test]
fn a_lesson_refuses_a_missing_or_wrong_prediction_before_measuring() {
    let data = tempfile::tempdir().expect("data folder");
    let no_terminal = lab_in(&data, &["lesson", "2"]);
    assert_eq!(no_terminal.status.code(), Some(2));
    assert!(text(&no_terminal.stderr).contains("--answer N"));

    let wrong = lab_in(&data, &["--lang", "ru", "lesson", "2", "--answer", "9"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        text(&wrong.stderr).contains("«9» — не один из ответов от 1 до 3"),
        "{}",
        text(&wrong.stderr)
    );

    for args in [["lesson", "10"], ["gui", "--lesson=0"]] {
        let unknown = lab_in(&data, &args);
        assert_eq!(unknown.status.code(), Some(2), "{args:?}");
        assert!(
            text(&unknown.stderr).contains("lessons are numbered 1 to 9"),
            "{args:?}: {}",
            text(&unknown.stderr)
        );
    }
    assert!(
        !data
            .path()
            .join("concurrency-lab")
            .join("lessons.json")
            .exists(),
        "nothing was done, nothing recorded"
    );
}

fn harness(lesson: Option<u8>) -> Harness<'static, LabApp> {
    let options = AppOptions {
        worker_exe: Some(common::lab_binary()),
        native_dialogs: false,
        monitor: false,
        persist: false,
        language: Some(concurrency_lab::i18n::Language::En),
        lesson,
        ..AppOptions::default()
    };
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(10_000)
        .build_eframe(move |cc| LabApp::new(cc, options))
}

#[test]
fn in_the_window_a_step_asks_first_then_measures_and_outlines_its_view() {
    let mut harness = harness(None);
    harness.run();
    let own_experiment = harness.state().settings.preset.clone();
    harness.get_by_label("Lessons").click();
    harness.run();
    assert!(harness.state().lessons().open);
    harness.get_by_label("Concurrency and parallelism");
    assert!(
        harness.query_by_label("Run this step").is_some(),
        "the Run button is there, disabled until an answer is chosen"
    );
    harness.get_by_label("Run this step").click();
    harness.run();
    assert!(!harness.state().is_running(), "no answer, no run");

    harness.get_by_label("threads without a GIL").click();
    harness.run();
    // The interpreters are looked for in the background: Run waits for them.
    let start = Instant::now();
    while !harness.state().is_running() && harness.state().lessons().result.is_none() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "never started: {} {:?}",
            harness.state().status,
            harness.state().error
        );
        harness.get_by_label("Run this step").click();
        harness.run();
        std::thread::sleep(Duration::from_millis(50));
    }
    let start = Instant::now();
    while harness.state().lessons().result.is_none() {
        assert!(start.elapsed() < Duration::from_secs(180), "no verdict");
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    harness.run();
    harness.get_by_label("Verdict");
    harness.get_by_label("You predicted: threads without a GIL");
    assert!(harness.query_by_label_contains("Measured: ").is_some());
    assert_eq!(harness.state().highlighted(), Some(View::Timeline));
    assert!(harness.state().lessons().progress.done.contains(&1));

    harness.state_mut().push(Action::CloseLessons);
    harness.run();
    assert_eq!(
        harness.state().settings.preset,
        own_experiment,
        "closing the lessons puts the learner's own experiment back"
    );
    assert_eq!(harness.state().highlighted(), None);
}

#[test]
fn the_window_opens_on_the_step_asked_for_and_steps_through() {
    let mut harness = harness(Some(8));
    harness.run();
    assert_eq!(
        harness.state().lessons().lesson,
        Lesson::number(8).expect("8")
    );
    harness.get_by_label("The convoy effect");
    harness.get_by_label("Next →").click();
    harness.run();
    harness.get_by_label("Today's Python: no GIL, subinterpreters");
    harness.get_by_label("Next →").click();
    harness.run();
    assert_eq!(
        harness.state().lessons().lesson.index(),
        9,
        "the last step has no next"
    );
    harness.get_by_label("← Previous").click();
    harness.run();
    assert_eq!(harness.state().lessons().lesson.index(), 8);
}
