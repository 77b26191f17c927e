//! The Lessons panel: one step at a time, the learner reads, commits to a
//! prediction, runs the step's experiment and reads the verdict, with the
//! view it rests on outlined. The learner's own experiment is put aside
//! while a step's runs and put back when the panel closes.

use std::path::PathBuf;

use super::LabApp;
use super::actions::Action;
use crate::engine::spec::preset::{Preset, Runtime};
use crate::lessons::{COUNT, Lesson, PROGRESS_FILE, Progress, Verdict, View};
use crate::tr;

/// Where the learner is in the lessons.
#[derive(Debug, Clone)]
pub struct LessonsState {
    /// The panel is on show.
    pub open: bool,
    /// The step on show.
    pub lesson: Lesson,
    /// The answer chosen (index into the step's answers).
    pub answer: Option<usize>,
    /// The history entry of the step's finished experiment.
    pub result: Option<usize>,
    /// A run was started for the step; its result will be history entry `n`.
    awaiting: Option<usize>,
    /// Steps done, shared with the command line.
    pub progress: Progress,
    /// Where progress is kept (`None`: not kept, as in tests).
    path: Option<PathBuf>,
    /// The learner's own experiment and its file, while a step's is loaded.
    stashed: Option<(Preset, Option<PathBuf>)>,
}

impl LessonsState {
    /// Reads the progress kept with the app's data (when `persist`).
    pub fn new(persist: bool) -> Self {
        let path = persist
            .then(super::data_dir)
            .flatten()
            .map(|dir| dir.join(PROGRESS_FILE));
        let progress = path.as_deref().map(Progress::load).unwrap_or_default();
        LessonsState {
            open: false,
            lesson: progress.resume(),
            answer: None,
            result: None,
            awaiting: None,
            progress,
            path,
            stashed: None,
        }
    }

    fn save_progress(&mut self) -> Option<String> {
        self.progress.current = self.lesson.index();
        let path = self.path.as_ref()?;
        self.progress.save(path).err().map(|e| {
            tr!(
                "lessons-progress-unsaved",
                path = path.display().to_string(),
                reason = e.to_string()
            )
        })
    }
}

impl LabApp {
    /// The view the lesson's verdict points at, to outline.
    pub fn highlighted(&self) -> Option<View> {
        let lessons = &self.lessons;
        (lessons.open && lessons.result.is_some()).then(|| lessons.lesson.look_at())
    }

    /// Opens the panel on `lesson` (or where the learner left off).
    pub(super) fn open_lessons(&mut self, lesson: Option<Lesson>) {
        self.lessons.open = true;
        if let Some(lesson) = lesson {
            self.go_to_lesson(lesson);
        }
    }

    /// Closes the panel and puts the learner's own experiment back.
    pub(super) fn close_lessons(&mut self) {
        self.lessons.open = false;
        if let Some((preset, path)) = self.lessons.stashed.take() {
            self.settings.preset = preset;
            self.settings.preset_path = path;
        }
    }

    pub(super) fn go_to_lesson(&mut self, lesson: Lesson) {
        let lessons = &mut self.lessons;
        lessons.lesson = lesson;
        lessons.answer = None;
        lessons.result = None;
        lessons.awaiting = None;
        if let Some(problem) = lessons.save_progress() {
            self.status = problem;
        }
    }

    /// Loads the step's experiment (CPython runs beside the lab's when an
    /// interpreter was found) and runs it.
    pub(super) fn run_lesson(&mut self) {
        let Some(pythons) = crate::engine::python::discover::pythons_if_ready() else {
            self.status = tr!("val-looking-for-pythons");
            return;
        };
        let usable: Vec<_> = pythons.usable().cloned().collect();
        let preset = self.lessons.lesson.preset(&usable);
        if self.lessons.stashed.is_none() {
            self.lessons.stashed = Some((
                std::mem::replace(&mut self.settings.preset, preset),
                self.settings.preset_path.take(),
            ));
        } else {
            self.settings.preset = preset;
        }
        self.lessons.result = None;
        self.run_experiment();
        if self.is_running() {
            self.lessons.awaiting = Some(self.history.len());
        }
    }

    /// Called when an experiment finished: if it was the step's, the step
    /// reaches its verdict and counts as done.
    pub(super) fn lesson_result_arrived(&mut self) {
        let Some(index) = self.lessons.awaiting else {
            return;
        };
        if self.is_running() || self.history.len() <= index {
            return;
        }
        self.lessons.awaiting = None;
        self.lessons.result = Some(index);
        if self.history.get(index).is_some_and(|r| !r.cancelled) {
            let lesson = self.lessons.lesson;
            self.lessons.progress.finish(lesson);
            if let Some(problem) = self.lessons.save_progress() {
                self.status = problem;
            }
        }
    }

    fn lesson_verdict(&self) -> Option<Verdict> {
        let lessons = &self.lessons;
        let result = self.history.get(lessons.result?)?;
        Some(lessons.lesson.verdict(lessons.answer?, result))
    }
}

/// Draws the panel; the learner's answer and every step are `Action`s.
pub fn ui(app: &LabApp, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        header_ui(app, ui, actions);
        ui.separator();
        step_ui(app, ui, actions);
        if let Some(verdict) = app.lesson_verdict() {
            ui.separator();
            verdict_ui(app, ui, &verdict, actions);
        }
    });
}

fn header_ui(app: &LabApp, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let lesson = app.lessons.lesson;
    ui.horizontal(|ui| {
        ui.heading(tr!("lessons-title"));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("✖").on_hover_text(tr!("lessons-close")).clicked() {
                actions.push(Action::CloseLessons);
            }
        });
    });
    ui.horizontal(|ui| {
        let busy = app.is_running();
        let previous = Lesson::number(lesson.index().saturating_sub(1));
        if ui
            .add_enabled(
                previous.is_some() && !busy,
                egui::Button::new(tr!("lessons-previous")),
            )
            .clicked()
            && let Some(previous) = previous
        {
            actions.push(Action::GoToLesson(previous.index()));
        }
        ui.label(tr!("lessons-step", step = lesson.index(), count = COUNT));
        let next = Lesson::number(lesson.index() + 1);
        if ui
            .add_enabled(
                next.is_some() && !busy,
                egui::Button::new(tr!("lessons-next")),
            )
            .clicked()
            && let Some(next) = next
        {
            actions.push(Action::GoToLesson(next.index()));
        }
    });
    let done = app.lessons.progress.done.len();
    ui.horizontal_wrapped(|ui| {
        for step in Lesson::all() {
            let finished = app.lessons.progress.done.contains(&step.index());
            let mark = if finished { "●" } else { "○" };
            let label = ui
                .selectable_label(step == lesson, format!("{mark}{}", step.index()))
                .on_hover_text(step.title());
            if label.clicked() && step != lesson && !app.is_running() {
                actions.push(Action::GoToLesson(step.index()));
            }
        }
    });
    ui.label(egui::RichText::new(tr!("lessons-done", done = done, count = COUNT)).weak());
}

fn step_ui(app: &LabApp, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let lesson = app.lessons.lesson;
    let cores = crate::engine::measure::machine::MachineInfo::current().cores;
    ui.label(egui::RichText::new(lesson.title()).strong().size(16.0));
    ui.label(lesson.text());
    ui.add_space(6.0);
    ui.strong(tr!("lessons-question"));
    ui.label(lesson.question(cores));
    let locked = app.is_running() || app.lessons.result.is_some();
    for (index, answer) in lesson.answers(cores).into_iter().enumerate() {
        let chosen = app.lessons.answer == Some(index);
        if ui
            .add_enabled(!locked, egui::RadioButton::new(chosen, answer))
            .clicked()
        {
            actions.push(Action::AnswerLesson(index));
        }
    }
    ui.add_space(6.0);
    let pythons_known = crate::engine::python::discover::pythons_if_ready();
    if pythons_known
        .as_ref()
        .is_some_and(|p| p.default_python().is_none())
    {
        ui.label(egui::RichText::new(tr!("lessons-python-missing")).weak());
    }
    let running = app.is_running();
    let can_run = app.lessons.answer.is_some() && !running && pythons_known.is_some();
    ui.horizontal(|ui| {
        let label = if app.lessons.result.is_some() {
            tr!("lessons-run-again")
        } else {
            tr!("lessons-run")
        };
        let button = ui
            .add_enabled(can_run, egui::Button::new(label))
            .on_disabled_hover_text(if pythons_known.is_none() {
                tr!("val-looking-for-pythons")
            } else {
                tr!("lessons-choose-first")
            });
        if button.clicked() {
            actions.push(Action::RunLesson);
        }
        if running && app.lessons.awaiting.is_some() {
            ui.spinner();
            ui.label(tr!("lessons-running"));
        }
    });
    if app.lessons.answer.is_none() {
        ui.label(egui::RichText::new(tr!("lessons-choose-first")).weak());
    }
}

fn verdict_ui(app: &LabApp, ui: &mut egui::Ui, verdict: &Verdict, actions: &mut Vec<Action>) {
    let good = colour(ui, true);
    let bad = colour(ui, false);
    ui.strong(tr!("lessons-verdict"));
    ui.label(tr!(
        "lessons-your-answer",
        answer = verdict.predicted.clone()
    ));
    let (text, colour_of_text) = if verdict.predicted_right {
        (tr!("lessons-right"), good)
    } else {
        (tr!("lessons-wrong"), bad)
    };
    ui.colored_label(colour_of_text, text);
    ui.label(tr!("lessons-theory", theory = verdict.theory.clone()));
    ui.label(tr!("lessons-measured", measured = verdict.measured.clone()));
    if verdict.agrees {
        ui.colored_label(good, tr!("lessons-agrees"));
    } else {
        ui.colored_label(bad, tr!("lessons-disagrees"));
    }
    if let Some(why) = &verdict.why_not {
        ui.label(why);
    }
    ui.label(
        egui::RichText::new(tr!("lessons-look-at", view = view_name(verdict.look_at))).strong(),
    );
    python_runs_ui(app, ui, actions);
}

/// Buttons showing the Python each CPython run ran.
fn python_runs_ui(app: &LabApp, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let runs: Vec<(usize, String)> = app
        .settings
        .preset
        .runs
        .iter()
        .enumerate()
        .filter(|(_, r)| r.runtime() == Runtime::Python)
        .map(|(i, r)| (i, r.label.clone().unwrap_or_default()))
        .collect();
    if runs.is_empty() || app.lessons.stashed.is_none() {
        return;
    }
    ui.add_space(4.0);
    ui.strong(tr!("lessons-python-code"));
    ui.horizontal_wrapped(|ui| {
        for (index, label) in runs {
            if ui.button(label).clicked() {
                actions.push(Action::ShowPythonCode(index));
            }
        }
    });
}

fn view_name(view: View) -> String {
    match view {
        View::Timeline => tr!("lessons-view-timeline"),
        View::Cpu => tr!("lessons-view-cpu"),
        View::Speedup => tr!("lessons-view-speedup"),
        View::Results => tr!("lessons-view-results"),
    }
}

fn colour(ui: &egui::Ui, good: bool) -> egui::Color32 {
    if good {
        super::colors::good(ui.visuals())
    } else {
        ui.visuals().warn_fg_color
    }
}

/// Draws `add` and, when `on`, outlines it: the view a verdict points at.
pub fn outlined<R>(ui: &mut egui::Ui, on: bool, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    let inner = ui.scope(add);
    if on {
        let stroke = egui::Stroke::new(2.5, ui.visuals().selection.stroke.color);
        ui.painter().rect_stroke(
            inner.response.rect.expand(2.0),
            4.0,
            stroke,
            egui::StrokeKind::Outside,
        );
    }
    inner.inner
}
