//! Image snapshots of the main window, rendered on the CPU (wgpu on Mesa's
//! software drivers). Kept few: the window with results loaded, in the dark
//! and the light theme. `UPDATE_SNAPSHOTS=1 cargo test --test app_snapshot`
//! rewrites the baselines in tests/snapshots/.

use crate::common;

use concurrency_lab::app::settings::{Settings, ThemeChoice};
use concurrency_lab::app::{Action, AppOptions, LabApp};
use concurrency_lab::i18n::Language;
use egui_kittest::{Harness, SnapshotOptions};

fn window_with_results(theme: ThemeChoice, language: Language) -> Harness<'static, LabApp> {
    let options = AppOptions {
        worker_exe: Some(common::lab_binary()),
        native_dialogs: false,
        monitor: false,
        persist: false,
        language: Some(language),
        ..AppOptions::default()
    };
    let egui_theme = match theme {
        ThemeChoice::Light => egui::Theme::Light,
        _ => egui::Theme::Dark,
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        // Scroll areas take a few frames to settle on their content size.
        .with_max_steps(12)
        .with_theme(egui_theme)
        .wgpu()
        .build_eframe(move |cc| {
            let settings = Settings {
                theme,
                ..Settings::default()
            };
            LabApp::with_settings(&cc.egui_ctx, settings, options)
        });
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small-result.json");
    harness.state_mut().push(Action::OpenResults(fixture));
    harness.run();
    // The status names the fixture's absolute path, which differs per clone.
    harness.state_mut().status = "small-result.json".into();
    harness.run();
    harness
}

fn options() -> SnapshotOptions {
    // Software rasterizers differ in anti-aliasing by a few pixels.
    SnapshotOptions::default()
        .threshold(2.0)
        .max_failed_pixels(2000)
}

#[test]
fn main_window_with_results_dark() {
    let mut harness = window_with_results(ThemeChoice::Dark, Language::En);
    harness.snapshot_options("main_window_results_dark", &options());
}

#[test]
fn main_window_with_results_light() {
    let mut harness = window_with_results(ThemeChoice::Light, Language::En);
    harness.snapshot_options("main_window_results_light", &options());
}

/// The same window in Russian: longer words must not be clipped.
#[test]
fn main_window_with_results_in_russian() {
    let mut harness = window_with_results(ThemeChoice::Dark, Language::Ru);
    harness.snapshot_options("main_window_results_ru", &options());
    concurrency_lab::i18n::set_thread_language(None);
}
