//! The top bar: Run and Stop, the preset and export menus, theme, About.

use super::LabApp;
use super::actions::{Action, ExportTarget};
use super::settings::ThemeChoice;
use crate::engine::spec::builtin::BUILTIN_PRESETS;
use crate::export::charts::{ChartFormat, ChartKind};

/// Draws the bar.
pub fn ui(app: &mut LabApp, ui: &mut egui::Ui) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("Preset", |ui| preset_menu_ui(app, ui));
        ui.menu_button("Export", |ui| export_menu_ui(app, ui));
        ui.menu_button("View", |ui| view_menu_ui(app, ui));
        if ui.button("About").clicked() {
            app.about_open = true;
        }
        ui.separator();
        let running = app.is_running();
        let valid = app.validation().is_ok();
        let run = ui
            .add_enabled(!running && valid, egui::Button::new("▶ Run"))
            .on_hover_text("Run every run of the experiment (Ctrl+R, F5)")
            .on_disabled_hover_text(if running {
                "An experiment is running"
            } else {
                "Fix the experiment's settings first (see the left panel)"
            });
        if run.clicked() {
            app.push(Action::Run);
        }
        let stop = ui
            .add_enabled(running, egui::Button::new("■ Stop"))
            .on_hover_text("Stop the experiment (Esc); runs measured so far are kept");
        if stop.clicked() {
            app.push(Action::Stop);
        }
        ui.separator();
        let name = &app.settings.preset.name;
        let file = app
            .settings
            .preset_path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or_else(
                || "unsaved".to_owned(),
                |f| f.to_string_lossy().into_owned(),
            );
        ui.label(egui::RichText::new(format!("{name}  ·  {file}")).weak());
    });
}

fn preset_menu_ui(app: &mut LabApp, ui: &mut egui::Ui) {
    if ui.button("New").clicked() {
        app.push(Action::NewPreset);
    }
    if ui
        .add(egui::Button::new("Open…").shortcut_text("Ctrl+O"))
        .clicked()
    {
        app.push(Action::OpenPresetDialog);
    }
    if ui
        .add(egui::Button::new("Save").shortcut_text("Ctrl+S"))
        .clicked()
    {
        app.push(Action::SavePreset);
    }
    if ui.button("Save As…").clicked() {
        app.push(Action::SavePresetAs);
    }
    ui.separator();
    ui.menu_button("Built-in presets", |ui| {
        for builtin in BUILTIN_PRESETS {
            if ui
                .button(builtin.name)
                .on_hover_text(builtin.claim)
                .clicked()
            {
                app.push(Action::OpenPreset(builtin.name.to_owned()));
            }
        }
    });
    ui.menu_button("Recent files", |ui| {
        if app.settings.recent.is_empty() {
            ui.label(egui::RichText::new("none yet").weak());
        }
        for path in app.settings.recent.clone() {
            if ui.button(path.display().to_string()).clicked() {
                app.push(Action::OpenPreset(path.display().to_string()));
            }
        }
    });
}

fn export_menu_ui(app: &mut LabApp, ui: &mut egui::Ui) {
    let has_result = app.shown_result().is_some();
    if ui
        .button("Open results…")
        .on_hover_text("Load a results JSON into the views")
        .clicked()
    {
        app.push(Action::OpenResultsDialog);
    }
    ui.separator();
    ui.add_enabled_ui(has_result, |ui| {
        if ui.button("Results as JSON…").clicked() {
            app.push(Action::ExportDialog(ExportTarget::Json));
        }
        if ui.button("Results as CSV…").clicked() {
            app.push(Action::ExportDialog(ExportTarget::Csv));
        }
        if ui
            .button("Copy results as a table")
            .on_hover_text("Tab-separated values, to paste into a spreadsheet")
            .clicked()
            && let Some(table) = app.shown_result().map(crate::export::results_tsv)
        {
            ui.ctx().copy_text(table);
            app.status = "Results copied as a table (tab-separated)".to_owned();
        }
        ui.separator();
        for kind in ChartKind::ALL {
            ui.menu_button(format!("{} chart", chart_title(kind)), |ui| {
                for (format, label) in [(ChartFormat::Png, "PNG…"), (ChartFormat::Svg, "SVG…")]
                {
                    if ui.button(label).clicked() {
                        app.push(Action::ExportDialog(ExportTarget::Chart(kind, format)));
                    }
                }
            });
        }
    });
    if !has_result {
        ui.label(egui::RichText::new("Run an experiment to export its results").weak());
    }
}

/// A chart's name in menus.
pub fn chart_title(kind: ChartKind) -> &'static str {
    match kind {
        ChartKind::Speedup => "Speed-up",
        ChartKind::Cpu => "Per-core CPU",
        ChartKind::Throughput => "Throughput",
        ChartKind::Timeline => "Timeline",
    }
}

fn view_menu_ui(app: &mut LabApp, ui: &mut egui::Ui) {
    ui.label("Theme");
    let mut theme = app.settings.theme;
    ui.radio_value(&mut theme, ThemeChoice::System, "Follow the system");
    ui.radio_value(&mut theme, ThemeChoice::Dark, "Dark");
    ui.radio_value(&mut theme, ThemeChoice::Light, "Light");
    if theme != app.settings.theme {
        app.settings.theme = theme;
        app.apply_theme(ui.ctx());
    }
    ui.separator();
    ui.checkbox(
        &mut app.settings.timeline_all_runs,
        "Timeline: all runs stacked",
    );
    ui.horizontal(|ui| {
        let label = ui.label("CPU sampling every").id;
        let minimum = crate::engine::measure::monitor::minimum_interval().as_millis() as u64;
        let response = ui
            .add(
                egui::DragValue::new(&mut app.settings.monitor_interval_ms)
                    .range(minimum..=5000)
                    .suffix(" ms"),
            )
            .labelled_by(label)
            .on_hover_text("Never faster than the OS statistics allow");
        // Restart once the value settles, not at every step of a drag.
        if response.drag_stopped() || (response.changed() && !response.dragged()) {
            app.restart_monitor(ui.ctx());
        }
    });
}

/// The About window.
pub fn about_window(app: &mut LabApp, ctx: &egui::Context) {
    let mut open = app.about_open;
    egui::Window::new("About Concurrency Lab")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.heading("Concurrency Lab");
            ui.label(format!("version {}", env!("CARGO_PKG_VERSION")));
            ui.add_space(6.0);
            ui.label(
                "Runs one workload under every execution model and shows what the machine did.\n\n\
                 Concurrency is tasks interleaving; parallelism is tasks running at the same \
                 instant on different cores. A GIL turns the first into the second only for \
                 waiting, never for computing.",
            );
            ui.add_space(6.0);
            let machine = crate::engine::measure::machine::MachineInfo::current();
            ui.label(format!(
                "This machine: {} logical cores, {}, {}",
                machine.cores, machine.cpu, machine.os
            ));
        });
    app.about_open = open;
}
