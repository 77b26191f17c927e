//! The top bar: Run and Stop (with the first problem beside it when the
//! experiment cannot run), the File, Export and View menus, About.

use super::LabApp;
use super::actions::{Action, ExportTarget};
use super::settings::ThemeChoice;
use crate::engine::spec::builtin::BUILTIN_PRESETS;
use crate::export::charts::{ChartFormat, ChartKind};
use crate::i18n::Language;
use crate::tr;

/// Draws the bar.
pub fn ui(app: &LabApp, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(tr!("menu-file"), |ui| file_menu_ui(app, ui, actions));
        ui.menu_button(tr!("menu-export"), |ui| export_menu_ui(app, ui, actions));
        ui.menu_button(tr!("menu-view"), |ui| view_menu_ui(app, ui, actions));
        let lessons = ui
            .selectable_label(app.lessons.open, tr!("menu-lessons"))
            .on_hover_text(tr!("lessons-open-help"));
        if lessons.clicked() {
            actions.push(if app.lessons.open {
                Action::CloseLessons
            } else {
                Action::OpenLessons(None)
            });
        }
        if ui.button(tr!("menu-about")).clicked() {
            actions.push(Action::SetAboutOpen(true));
        }
        ui.separator();
        let running = app.is_running();
        let problem = app
            .last_validation()
            .and_then(|v| v.as_ref().err())
            .map(super::experiment_panel::validation_message);
        let run = ui
            .add_enabled(
                !running && problem.is_none(),
                egui::Button::new(tr!("run-button")),
            )
            .on_hover_text(tr!("run-button-help"))
            .on_disabled_hover_text(if running {
                tr!("run-button-running")
            } else {
                tr!("run-button-fix")
            });
        if run.clicked() {
            actions.push(Action::Run);
        }
        let stop = ui
            .add_enabled(running, egui::Button::new(tr!("stop-button")))
            .on_hover_text(tr!("stop-button-help"));
        if stop.clicked() {
            actions.push(Action::Stop);
        }
        ui.separator();
        // Why Run is disabled, where the eye is when Run does not respond.
        if let Some(problem) = problem.filter(|_| !running) {
            ui.colored_label(ui.visuals().error_fg_color, format!("⚠ {problem}"))
                .on_hover_text(tr!("run-button-fix"));
            return;
        }
        let name = &app.settings.preset.name;
        let file = app
            .settings
            .preset_path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or_else(
                || tr!("preset-unsaved"),
                |f| f.to_string_lossy().into_owned(),
            );
        ui.label(egui::RichText::new(format!("{name}  ·  {file}")).weak());
    });
}

fn file_menu_ui(app: &LabApp, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    if ui.button(tr!("menu-new-preset")).clicked() {
        actions.push(Action::NewPreset);
    }
    if ui
        .add(egui::Button::new(tr!("menu-open-preset")).shortcut_text("Ctrl+O"))
        .clicked()
    {
        actions.push(Action::OpenPresetDialog);
    }
    if ui
        .add(egui::Button::new(tr!("menu-save-preset")).shortcut_text("Ctrl+S"))
        .clicked()
    {
        actions.push(Action::SavePreset);
    }
    if ui.button(tr!("menu-save-preset-as")).clicked() {
        actions.push(Action::SavePresetAs);
    }
    ui.separator();
    ui.menu_button(tr!("menu-builtin-presets"), |ui| {
        for builtin in BUILTIN_PRESETS {
            if ui
                .button(builtin.name)
                .on_hover_text(builtin.claim())
                .clicked()
            {
                actions.push(Action::OpenPreset(builtin.name.to_owned()));
            }
        }
    });
    ui.menu_button(tr!("menu-recent"), |ui| {
        if app.settings.recent.is_empty() {
            ui.label(egui::RichText::new(tr!("menu-recent-none")).weak());
        }
        for path in app.settings.recent.clone() {
            if ui.button(path.display().to_string()).clicked() {
                actions.push(Action::OpenPreset(path.display().to_string()));
            }
        }
    });
    ui.separator();
    if ui
        .button(tr!("menu-open-results"))
        .on_hover_text(tr!("menu-open-results-help"))
        .clicked()
    {
        actions.push(Action::OpenResultsDialog);
    }
    if ui.button(tr!("menu-history")).clicked() {
        actions.push(Action::OpenHistory);
    }
}

fn export_menu_ui(app: &LabApp, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let has_result = app.shown_result().is_some();
    ui.add_enabled_ui(has_result, |ui| {
        if ui.button(tr!("menu-export-json")).clicked() {
            actions.push(Action::ExportDialog(ExportTarget::Json));
        }
        if ui.button(tr!("menu-export-csv")).clicked() {
            actions.push(Action::ExportDialog(ExportTarget::Csv));
        }
        if ui
            .button(tr!("menu-export-trace"))
            .on_hover_text(tr!("menu-export-trace-help"))
            .clicked()
        {
            actions.push(Action::ExportDialog(ExportTarget::Trace));
        }
        if ui
            .button(tr!("menu-copy-table"))
            .on_hover_text(tr!("menu-copy-table-help"))
            .clicked()
            && let Some(table) = app.shown_result().map(crate::export::results_tsv)
        {
            ui.ctx().copy_text(table);
            actions.push(Action::Status(tr!("status-copied-table")));
        }
        ui.separator();
        for kind in ChartKind::ALL {
            ui.menu_button(tr!("menu-export-chart", chart = chart_title(kind)), |ui| {
                for (format, label) in [(ChartFormat::Png, "PNG…"), (ChartFormat::Svg, "SVG…")]
                {
                    if ui.button(label).clicked() {
                        actions.push(Action::ExportDialog(ExportTarget::Chart(kind, format)));
                    }
                }
            });
        }
    });
    if !has_result {
        ui.label(egui::RichText::new(tr!("menu-export-nothing")).weak());
    }
}

/// A chart's name in menus and dialogs.
pub fn chart_title(kind: ChartKind) -> String {
    match kind {
        ChartKind::Speedup => tr!("chart-name-speedup"),
        ChartKind::Cpu => tr!("chart-name-cpu"),
        ChartKind::Throughput => tr!("chart-name-throughput"),
        ChartKind::Timeline => tr!("chart-name-timeline"),
        ChartKind::Sweep => tr!("chart-name-sweep"),
    }
}

fn view_menu_ui(app: &LabApp, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    ui.label(tr!("menu-language"));
    let mut language = app.settings.language;
    let system = crate::i18n::system_language();
    ui.radio_value(
        &mut language,
        None,
        tr!("menu-language-system", language = system.native_name()),
    );
    for choice in Language::ALL {
        ui.radio_value(&mut language, Some(choice), choice.native_name());
    }
    if language != app.settings.language {
        actions.push(Action::SetLanguage(language));
    }
    ui.separator();
    ui.label(tr!("menu-theme"));
    let mut theme = app.settings.theme;
    ui.radio_value(&mut theme, ThemeChoice::System, tr!("menu-theme-system"));
    ui.radio_value(&mut theme, ThemeChoice::Dark, tr!("menu-theme-dark"));
    ui.radio_value(&mut theme, ThemeChoice::Light, tr!("menu-theme-light"));
    if theme != app.settings.theme {
        actions.push(Action::SetTheme(theme));
    }
    ui.separator();
    let mut all_runs = app.settings.timeline_all_runs;
    if ui
        .checkbox(&mut all_runs, tr!("menu-timeline-all"))
        .changed()
    {
        actions.push(Action::SetTimelineAllRuns(all_runs));
    }
    ui.horizontal(|ui| {
        let label = ui.label(tr!("menu-cpu-sampling")).id;
        let minimum = crate::engine::measure::monitor::minimum_interval().as_millis() as u64;
        let mut interval = app.settings.monitor_interval_ms;
        let response = ui
            .add(
                egui::DragValue::new(&mut interval)
                    .range(minimum..=5000)
                    .suffix(format!(" {}", tr!("unit-ms-short"))),
            )
            .labelled_by(label)
            .on_hover_text(tr!("menu-cpu-sampling-help"));
        // While dragging only the figure moves; the monitor restarts once
        // the value settles, not at every step of a drag.
        let settled = response.drag_stopped() || (response.changed() && !response.dragged());
        if settled || response.changed() {
            actions.push(Action::SetMonitorInterval {
                ms: interval,
                restart: settled,
            });
        }
    });
}

/// The About window.
pub fn about_window(app: &LabApp, ctx: &egui::Context, actions: &mut Vec<Action>) {
    let mut open = app.about_open;
    egui::Window::new(tr!("about-title"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.heading("Concurrency Lab");
            ui.label(tr!("about-version", version = env!("CARGO_PKG_VERSION")));
            ui.add_space(6.0);
            ui.label(tr!("about-text"));
            ui.add_space(6.0);
            let machine = crate::engine::measure::machine::MachineInfo::current();
            ui.label(tr!(
                "about-machine",
                cores = machine.cores,
                cpu = machine.cpu.clone(),
                os = machine.os.clone()
            ));
        });
    if open != app.about_open {
        actions.push(Action::SetAboutOpen(open));
    }
}
