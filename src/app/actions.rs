//! What a click or a shortcut asks for, applied at the end of the frame.

use std::path::PathBuf;

use super::files::{self, DialogPurpose};
use super::{ErrorPanel, LabApp};
use crate::engine::spec::preset;
use crate::engine::view::live::LiveExperiment;
use crate::export::charts::{ChartFormat, ChartKind};
use crate::tr;

/// Something the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Run the current experiment.
    Run,
    /// Stop the running experiment.
    Stop,
    /// Start from the default preset.
    NewPreset,
    /// The experiment as the editor left it this frame (`to`), edited from
    /// `from`: dropped if something else (a preset opened, a lesson) replaced
    /// the experiment in the same frame, so that a stale copy never wins.
    EditPreset {
        /// The experiment the editor drew.
        from: Box<preset::Preset>,
        /// The experiment after this frame's edits.
        to: Box<preset::Preset>,
    },
    /// Open a preset file or built-in preset by name.
    OpenPreset(String),
    /// Ask for a preset file to open.
    OpenPresetDialog,
    /// Save to the current file (or ask where).
    SavePreset,
    /// Ask where to save.
    SavePresetAs,
    /// Save to this file.
    SavePresetTo(PathBuf),
    /// Ask for a results file to open.
    OpenResultsDialog,
    /// Open a results JSON file.
    OpenResults(PathBuf),
    /// File › History…: the results saved across restarts.
    OpenHistory,
    /// Ask where to export.
    ExportDialog(ExportTarget),
    /// Export to this file.
    ExportTo(ExportTarget, PathBuf),
    /// Show a finished experiment of this session.
    ShowHistory(usize),
    /// Close the error panel.
    DismissError,
    /// Speak this language (`None`: the system's), and remember it.
    SetLanguage(Option<crate::i18n::Language>),
    /// Open the Lessons panel (on this step, else where the learner was).
    OpenLessons(Option<u8>),
    /// Close it, putting the learner's own experiment back.
    CloseLessons,
    /// Show this step of the lessons.
    GoToLesson(u8),
    /// The learner's answer to the step's question.
    AnswerLesson(usize),
    /// Run the step's experiment.
    RunLesson,
    /// Show the Python program of run `index` of the experiment on show.
    ShowPythonCode(usize),
    /// Open or close the About window.
    SetAboutOpen(bool),
    /// Follow the system's theme, or a chosen one.
    SetTheme(super::settings::ThemeChoice),
    /// Draw every run's lanes on the timeline, or the shown run's only.
    SetTimelineAllRuns(bool),
    /// Sample the CPU every so many milliseconds; the monitor restarts once
    /// the value has settled (not at every step of a drag).
    SetMonitorInterval {
        /// The interval.
        ms: u64,
        /// Restart the monitor now.
        restart: bool,
    },
    /// Show a finished experiment beside the others, or stop showing it.
    Compare(usize, bool),
    /// The results table's columns (`None`: the default set).
    SetColumns(Option<Vec<crate::present::columns::Column>>),
    /// A notice for the status bar.
    Status(String),
}

/// What an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportTarget {
    /// Results as JSON (everything, spans included: reloadable).
    Json,
    /// One CSV row per run.
    Csv,
    /// A Chrome Trace Event file for Perfetto, chrome://tracing, speedscope.
    Trace,
    /// A chart, as PNG or SVG (from the file's extension).
    Chart(ChartKind, ChartFormat),
}

impl ExportTarget {
    /// File extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportTarget::Json | ExportTarget::Trace => "json",
            ExportTarget::Csv => "csv",
            ExportTarget::Chart(_, format) => format.extension(),
        }
    }

    /// A file name to suggest: the experiment's name, then what is in it.
    pub fn suggested_name(self, experiment: &str) -> String {
        let stem: String = experiment
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect::<String>()
            .split('-')
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let stem = if stem.is_empty() {
            "results".to_owned()
        } else {
            stem
        };
        match self {
            ExportTarget::Json | ExportTarget::Csv => format!("{stem}.{}", self.extension()),
            // Beside the results JSON, not over it.
            ExportTarget::Trace => format!("{stem}-trace.{}", self.extension()),
            ExportTarget::Chart(kind, _) => format!("{stem}-{}.{}", kind.name(), self.extension()),
        }
    }

    /// What is being written, for the path window's title.
    pub fn describe(self) -> String {
        match self {
            ExportTarget::Json => tr!("export-what-json"),
            ExportTarget::Csv => tr!("export-what-csv"),
            ExportTarget::Trace => tr!("export-what-trace"),
            ExportTarget::Chart(kind, format) => tr!(
                "export-what-chart",
                chart = super::top_bar::chart_title(kind),
                format = format.extension().to_uppercase()
            ),
        }
    }
}

impl LabApp {
    fn show_error(&mut self, title: String, message: impl Into<String>) {
        let message = message.into();
        self.status = format!("{title}: {message}");
        self.error = Some(ErrorPanel { title, message });
    }

    /// Carries out one action.
    pub(super) fn apply(&mut self, action: Action, ctx: &egui::Context) {
        match action {
            Action::Run => self.run_experiment(),
            Action::Stop => {
                if let Some(runner) = &self.runner {
                    runner.cancel();
                    self.status = tr!("status-stopping");
                }
            }
            Action::NewPreset => {
                self.settings.preset = super::settings::new_preset();
                self.settings.preset_path = None;
            }
            Action::EditPreset { from, to } => {
                // Compared as text: a NaN from a file is not equal to itself.
                if format!("{from:?}") == format!("{:?}", self.settings.preset) {
                    self.settings.preset = *to;
                }
            }
            Action::OpenPreset(source) => self.open_preset(&source),
            Action::OpenPresetDialog => self
                .dialogs
                .ask(DialogPurpose::OpenPreset, self.settings.preset_path.clone()),
            Action::SavePreset => match self.settings.preset_path.clone() {
                Some(path) => self.save_preset_to(path),
                None => self.dialogs.ask(DialogPurpose::SavePreset, None),
            },
            Action::SavePresetAs => self
                .dialogs
                .ask(DialogPurpose::SavePreset, self.settings.preset_path.clone()),
            Action::SavePresetTo(path) => self.save_preset_to(path),
            Action::OpenResultsDialog => self.dialogs.ask(DialogPurpose::OpenResults, None),
            Action::OpenHistory => {
                self.history_window = Some(super::history_window::HistoryWindow {
                    filter: String::new(),
                    entries: self
                        .archive
                        .as_ref()
                        .map(|a| a.entries())
                        .unwrap_or_default(),
                });
            }
            Action::OpenResults(path) => match crate::export::load_result(&path) {
                Ok(result) => {
                    self.status = tr!("status-opened-results", path = path.display().to_string());
                    self.live = Some(LiveExperiment::from_result(result.clone()));
                    self.history.push(result);
                    self.compare = std::collections::BTreeSet::from([self.history.len() - 1]);
                    self.live_views.timeline.reset();
                }
                Err(error) => self.show_error(tr!("error-open-results"), error.to_string()),
            },
            Action::ExportDialog(target) => match self.shown_result() {
                None => self.show_error(
                    tr!("error-nothing-to-export"),
                    tr!("error-nothing-to-export-why"),
                ),
                Some(result) => {
                    let name = target.suggested_name(&result.preset.name);
                    self.dialogs
                        .ask(DialogPurpose::Export(target), Some(PathBuf::from(name)));
                }
            },
            Action::ExportTo(target, path) => self.export(target, &path),
            Action::ShowHistory(index) => {
                if let Some(result) = self.history.get(index) {
                    if !self.is_running() {
                        self.live = Some(LiveExperiment::from_result(result.clone()));
                        self.live_views.timeline.reset();
                    }
                    self.compare.insert(index);
                }
            }
            Action::DismissError => self.error = None,
            Action::OpenLessons(step) => {
                self.open_lessons(step.and_then(crate::lessons::Lesson::number));
            }
            Action::CloseLessons => self.close_lessons(),
            Action::GoToLesson(step) => {
                if let Some(lesson) = crate::lessons::Lesson::number(step) {
                    self.go_to_lesson(lesson);
                }
            }
            Action::AnswerLesson(index) => self.lessons.answer = Some(index),
            Action::RunLesson => self.run_lesson(),
            Action::ShowPythonCode(index) => self.show_python_code(index),
            Action::SetLanguage(language) => {
                self.settings.language = language;
                let chosen = language.unwrap_or_else(crate::i18n::system_language);
                crate::i18n::set_thread_language(Some(chosen));
                if self.options.persist {
                    crate::i18n::set_language(chosen);
                }
                // Messages made in the old language are made again.
                self.validated = None;
            }
            other => self.apply_view_setting(other, ctx),
        }
        ctx.request_repaint();
    }

    /// The actions that change only what is shown or how.
    fn apply_view_setting(&mut self, action: Action, ctx: &egui::Context) {
        match action {
            Action::SetAboutOpen(open) => self.about_open = open,
            Action::SetTheme(theme) => {
                self.settings.theme = theme;
                self.apply_theme(ctx);
            }
            Action::SetTimelineAllRuns(all) => self.settings.timeline_all_runs = all,
            Action::SetMonitorInterval { ms, restart } => {
                self.settings.monitor_interval_ms = ms;
                if restart {
                    self.restart_monitor(ctx);
                }
            }
            Action::Compare(index, true) => {
                self.compare.insert(index);
            }
            Action::Compare(index, false) => {
                self.compare.remove(&index);
            }
            Action::SetColumns(columns) => self.settings.columns = columns,
            Action::Status(text) => self.status = text,
            _ => {}
        }
    }

    pub(super) fn run_experiment(&mut self) {
        if self.is_running() {
            return;
        }
        let experiment = match self.validation().clone() {
            Ok(experiment) => experiment,
            Err(error) => {
                self.show_error(tr!("error-cannot-run"), error.to_string());
                return;
            }
        };
        let Some(runner) = &self.runner else {
            self.show_error(tr!("error-cannot-run"), tr!("error-no-runner"));
            return;
        };
        let mut live = LiveExperiment::starting(
            &experiment.preset.name,
            experiment.runs.clone(),
            experiment.workload.tasks,
        );
        live.provisional = Some(crate::engine::results::metrics::ExperimentResult::new(
            &experiment,
            crate::engine::measure::machine::MachineInfo::current(),
        ));
        self.live = Some(live);
        self.live_views.timeline.reset();
        self.status = tr!("status-running", name = experiment.preset.name.clone());
        runner.start(experiment);
        self.running
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// Opens a preset file or built-in; a broken one leaves the current
    /// experiment as it was and shows the error naming file and field.
    pub fn open_preset(&mut self, source: &str) {
        match preset::load_experiment(source) {
            Ok((preset, experiment)) => {
                let origin = experiment.source;
                self.settings.preset = preset;
                if origin.starts_with("builtin:") {
                    self.settings.preset_path = None;
                } else {
                    let path = PathBuf::from(source);
                    self.settings.remember(path.clone());
                    self.settings.preset_path = Some(path);
                }
                self.status = tr!("status-opened", origin = origin.clone());
                self.error = None;
            }
            Err(error) => self.show_error(tr!("error-open-preset"), error.to_string()),
        }
    }

    /// Saves the current preset (atomically) and makes the file current.
    pub fn save_preset_to(&mut self, path: PathBuf) {
        let text = match self.settings.preset.to_toml() {
            Ok(text) => text,
            Err(error) => {
                // Nothing is written: the file keeps what it had.
                self.show_error(tr!("error-save-preset"), error.to_string());
                return;
            }
        };
        match crate::export::write_atomic(&path, |out| out.write_all(text.as_bytes())) {
            Ok(()) => {
                self.status = tr!("status-saved", path = path.display().to_string());
                self.settings.remember(path.clone());
                self.settings.preset_path = Some(path);
            }
            Err(error) => self.show_error(tr!("error-save-preset"), error.to_string()),
        }
    }

    /// The result the views show: the one on show, else the newest.
    pub fn shown_result(&self) -> Option<&crate::engine::results::metrics::ExperimentResult> {
        self.live
            .as_ref()
            .and_then(|l| l.result.as_ref())
            .or_else(|| self.history.last())
    }

    fn export(&mut self, target: ExportTarget, path: &std::path::Path) {
        let Some(result) = self.shown_result().cloned() else {
            self.show_error(
                tr!("error-nothing-to-export"),
                tr!("error-nothing-to-export-why"),
            );
            return;
        };
        let written = match target {
            ExportTarget::Json => crate::export::export_to_path(
                &crate::export::JsonExporter {
                    include_spans: true,
                },
                &result,
                path,
            ),
            ExportTarget::Csv => {
                crate::export::export_to_path(&crate::export::CsvExporter, &result, path)
            }
            ExportTarget::Trace => crate::export::export_trace(&result, path),
            ExportTarget::Chart(kind, _) => {
                crate::export::charts::export_chart(&result, kind, path)
            }
        };
        match written {
            Ok(()) => self.status = tr!("status-exported", path = path.display().to_string()),
            Err(error) => self.show_error(tr!("error-export"), error.to_string()),
        }
    }
}

/// Used by `files` when a typed or picked path comes back.
pub(super) fn action_for(purpose: DialogPurpose, path: PathBuf) -> Action {
    match purpose {
        DialogPurpose::OpenPreset => Action::OpenPreset(path.display().to_string()),
        DialogPurpose::SavePreset => Action::SavePresetTo(files::with_extension(path, "toml")),
        DialogPurpose::OpenResults => Action::OpenResults(path),
        DialogPurpose::Export(target) => {
            Action::ExportTo(target, files::with_extension(path, target.extension()))
        }
    }
}
