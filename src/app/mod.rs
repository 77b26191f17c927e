//! The desktop app (egui/eframe). It configures an experiment, sends
//! commands to the engine's runner, and draws what the runner reports; it
//! never blocks and never computes statistics.
//!
//! Each frame: take in runner events and CPU samples, validate the experiment,
//! draw the panels, then apply the actions — the pattern of egui's demo app
//! and rerun's viewer. A panel reads the app (`&LabApp`), owns its own view
//! state (the results table's sort and scroll, the timeline's zoom, the
//! plots' caches, the history window's filter) and asks for every other
//! change with an [`Action`]; the editor hands over its edited copy of the
//! experiment the same way. The typed-path window (when no native file
//! dialog exists) edits the dialogs' own state in place.

mod actions;
mod colors;
mod experiment_panel;
mod files;
mod gil_view;
mod history_window;
mod lessons_panel;
mod live_views;
mod results_view;
pub mod settings;
mod status_bar;
mod sweep_view;
mod timeline_view;
mod top_bar;

use std::collections::{BTreeSet, VecDeque};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::engine::measure::monitor::{Monitor, MonitorSample};
use crate::engine::measure::sys;
use crate::engine::results::metrics::ExperimentResult;
use crate::engine::run::kernel;
use crate::engine::run::runner::{Runner, RunnerOptions};
use crate::engine::spec::preset::{Experiment, Preset, PresetError};
use crate::engine::view::live::LiveExperiment;
use crate::tr;

pub use actions::Action;
use files::Dialogs;
pub use lessons_panel::LessonsState;
use settings::{Settings, ThemeChoice};

/// Shortest time between frames drawn because new data arrived.
const LIVE_FRAME_INTERVAL: Duration = Duration::from_millis(250);

/// How long CPU samples are kept (at the default interval: 30 minutes).
const CPU_HISTORY: usize = 7200;

/// How the app is started (the CLI fills this in; tests choose their own).
#[derive(Debug, Clone)]
pub struct AppOptions {
    /// Executable for process-pool workers (default: this program).
    pub worker_exe: Option<PathBuf>,
    /// Use native file dialogs; without them, paths are typed in the app.
    pub native_dialogs: bool,
    /// Preset file or built-in name to open at start.
    pub preset: Option<String>,
    /// Run that preset at once.
    pub autorun: bool,
    /// Sample per-core CPU load.
    pub monitor: bool,
    /// Read and write eframe's persistent storage.
    pub persist: bool,
    /// The language asked for on the command line (over the saved choice).
    pub language: Option<crate::i18n::Language>,
    /// Open the Lessons panel on this step (1-based).
    pub lesson: Option<u8>,
    /// The window's size in points (default 1400×900).
    pub size: Option<[f32; 2]>,
    /// Where finished results are kept across restarts (default: the data
    /// folder's `history` when settings persist).
    pub history_dir: Option<PathBuf>,
}

impl Default for AppOptions {
    fn default() -> Self {
        AppOptions {
            worker_exe: None,
            native_dialogs: true,
            preset: None,
            autorun: false,
            monitor: true,
            persist: true,
            lesson: None,
            size: None,
            language: None,
            history_dir: None,
        }
    }
}

/// A problem to show in the error panel until dismissed.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorPanel {
    /// What was being done.
    pub title: String,
    /// What went wrong, naming the file and field.
    pub message: String,
}

/// The whole app.
pub struct LabApp {
    /// Persisted settings, including the experiment being edited.
    pub settings: Settings,
    options: AppOptions,
    runner: Option<Runner>,
    running: Arc<AtomicBool>,
    monitor: Option<Monitor>,
    cpu_history: VecDeque<MonitorSample>,
    app_origin_ns: u64,
    /// The experiment on show: running, finished or loaded.
    pub live: Option<LiveExperiment>,
    /// Finished experiments of this session, oldest first.
    pub history: Vec<ExperimentResult>,
    /// History entries shown side by side in the results.
    pub compare: BTreeSet<usize>,
    /// The error panel, if a problem is on show.
    pub error: Option<ErrorPanel>,
    /// Last notice, for the status bar.
    pub status: String,
    validated: Option<(Preset, Result<Experiment, PresetError>)>,
    /// The validation shown is a placeholder until the interpreters are known.
    validated_pending: bool,
    dialogs: Dialogs,
    results: results_view::ResultsState,
    /// The centre: plots and timeline, with their own state.
    live_views: live_views::LiveViews,
    about_open: bool,
    /// "Show the Python code": a title and the program.
    python_code: Option<(String, String)>,
    /// The guided lessons.
    lessons: lessons_panel::LessonsState,
    /// Results saved across restarts.
    archive: Option<crate::export::archive::Archive>,
    /// File › History…, while open.
    pub history_window: Option<history_window::HistoryWindow>,
    actions: Vec<Action>,
}

impl LabApp {
    /// Builds the app inside eframe: restores settings, starts the runner and
    /// the CPU monitor.
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> Self {
        let stored = if options.persist {
            cc.storage.and_then(|s| s.get_string(settings::STORAGE_KEY))
        } else {
            None
        };
        let (settings, notice) = Settings::from_stored(stored.as_deref());
        let mut app = LabApp::with_settings(&cc.egui_ctx, settings, options);
        if let Some(notice) = notice {
            app.status = notice;
        }
        app
    }

    /// Builds the app with given settings (also used by tests).
    pub fn with_settings(ctx: &egui::Context, settings: Settings, options: AppOptions) -> Self {
        // The command line's choice, else the saved one, else the system's.
        // The window draws on the thread that made it: it speaks on that thread.
        let language = options
            .language
            .or(settings.language)
            .unwrap_or_else(crate::i18n::system_language);
        crate::i18n::set_thread_language(Some(language));
        // The real window (which persists its settings) also speaks it on
        // every other thread — the runner's notices; tests keep theirs.
        if options.persist {
            crate::i18n::set_language(language);
        }
        // Calibrate off the UI thread: the first validation of a `cpu_ms`
        // preset would otherwise block a frame for ~100 ms.
        let _ = std::thread::Builder::new()
            .name("lab-calibrate".into())
            .spawn(kernel::calibration);
        // Look for Python interpreters off the UI thread too (up to 3 s a probe).
        let repaint = ctx.clone();
        let _ = std::thread::Builder::new()
            .name("lab-pythons".into())
            .spawn(move || {
                crate::engine::python::pythons();
                repaint.request_repaint();
            });
        let running = Arc::new(AtomicBool::new(false));
        let mut status = String::new();
        let runner = {
            let repaint = ctx.clone();
            let runner_options = match &options.worker_exe {
                Some(exe) => Ok(RunnerOptions::with_worker_exe(exe.clone())),
                None => RunnerOptions::for_this_executable(),
            };
            runner_options
                .and_then(|mut o| {
                    o.live_spans = true;
                    // At most ~10 frames a second while runs go: enough to
                    // watch, and the UI's own CPU use stays out of the way of
                    // the experiment it is measuring.
                    Runner::spawn(o, move || {
                        repaint.request_repaint_after(LIVE_FRAME_INTERVAL)
                    })
                })
                .map_err(|e| status = tr!("status-runner-failed", reason = e.to_string()))
                .ok()
        };
        let monitor = options
            .monitor
            .then(|| start_monitor(ctx, &running, settings.monitor_interval_ms))
            .flatten();
        if options.monitor
            && let Some(reason) = crate::engine::measure::monitor::unavailable_reason()
        {
            log::warn!("{reason}");
            status = reason;
        }
        let lessons = lessons_panel::LessonsState::new(options.persist);
        let archive = history_window::archive_for(&options);
        let mut app = LabApp {
            settings,
            dialogs: Dialogs::new(options.native_dialogs, Some(ctx.clone())),
            options,
            runner,
            running,
            monitor,
            cpu_history: VecDeque::new(),
            app_origin_ns: sys::monotonic_ns(),
            live: None,
            history: Vec::new(),
            compare: BTreeSet::new(),
            error: None,
            status,
            validated: None,
            validated_pending: false,
            results: results_view::ResultsState::default(),
            live_views: live_views::LiveViews::default(),
            about_open: false,
            python_code: None,
            lessons,
            archive,
            history_window: None,
            actions: Vec::new(),
        };
        app.apply_theme(ctx);
        install_fonts(ctx);
        if let Some(lesson) = app.options.lesson {
            app.actions.push(Action::OpenLessons(Some(lesson)));
        }
        if let Some(preset) = app.options.preset.clone() {
            app.actions.push(Action::OpenPreset(preset));
            if app.options.autorun {
                app.actions.push(Action::Run);
            }
        }
        app
    }

    /// Restarts the CPU monitor with the interval in the settings.
    fn restart_monitor(&mut self, ctx: &egui::Context) {
        if self.options.monitor {
            self.monitor = None;
            self.monitor = start_monitor(ctx, &self.running, self.settings.monitor_interval_ms);
        }
    }

    /// Where the learner is in the lessons.
    pub fn lessons(&self) -> &LessonsState {
        &self.lessons
    }

    /// Queues an action, as a click would.
    pub fn push(&mut self, action: Action) {
        self.actions.push(action);
    }

    /// Opens the Python code of run `index` of the experiment being edited.
    pub fn show_python_code(&mut self, index: usize) {
        let code = match self.validation() {
            Ok(experiment) => crate::engine::python::code::CodeSpec::for_run(experiment, index)
                .and_then(|spec| crate::engine::python::code::python_code(&spec))
                .map(|code| {
                    (
                        tr!("code-title", label = experiment.runs[index].label.clone()),
                        code,
                    )
                }),
            Err(error) => Some((
                tr!("code-title-plain"),
                format!("# {}", tr!("code-fix-first", error = error.to_string())),
            )),
        };
        self.python_code = code;
    }

    fn python_code_window(&mut self, ctx: &egui::Context) {
        let Some((title, code)) = &self.python_code else {
            return;
        };
        let mut open = true;
        egui::Window::new(title.as_str())
            .open(&mut open)
            .default_width(560.0)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    if ui
                        .button(tr!("code-copy"))
                        .on_hover_text(tr!("code-copy-help"))
                        .clicked()
                    {
                        ui.ctx().copy_text(code.clone());
                    }
                    ui.label(egui::RichText::new(tr!("code-how-to-run")).weak());
                });
                egui::ScrollArea::vertical()
                    .max_height(480.0)
                    .show(ui, |ui| {
                        let mut text = code.as_str();
                        ui.add(
                            egui::TextEdit::multiline(&mut text)
                                .code_editor()
                                .desired_width(f32::INFINITY),
                        );
                    });
            });
        if !open {
            self.python_code = None;
        }
    }

    /// Whether an experiment is running.
    pub fn is_running(&self) -> bool {
        self.live.as_ref().is_some_and(LiveExperiment::is_running)
    }

    /// The validation as of this frame's start, for panels that only read.
    pub fn last_validation(&self) -> Option<&Result<Experiment, PresetError>> {
        self.validated.as_ref().map(|(_, result)| result)
    }

    /// The current preset, validated for this machine (cached per edit).
    pub fn validation(&mut self) -> &Result<Experiment, PresetError> {
        if self
            .validated
            .as_ref()
            .is_some_and(|(preset, _)| preset != &self.settings.preset)
        {
            self.validated = None;
        }
        let settings = &self.settings;
        // Python runs need the interpreters, which are still being looked
        // for: say so (and look again next frame) rather than block the UI.
        let waiting = settings
            .preset
            .runs
            .iter()
            .position(|r| r.runtime() == crate::engine::spec::preset::Runtime::Python)
            .filter(|_| crate::engine::python::discover::pythons_if_ready().is_none());
        if let Some(index) = waiting {
            self.validated = Some((
                settings.preset.clone(),
                Err(PresetError::Invalid {
                    path: tr!("this-experiment"),
                    field: format!("runs[{index}].python"),
                    value: tr!("val-default"),
                    allowed: tr!("val-looking-for-pythons"),
                }),
            ));
            self.validated_pending = true;
        } else if std::mem::take(&mut self.validated_pending) {
            self.validated = None;
        }
        let settings = &self.settings;
        &self
            .validated
            .get_or_insert_with(|| {
                let origin = settings
                    .preset_path
                    .as_ref()
                    .map_or_else(|| tr!("this-experiment"), |p| p.display().to_string());
                let result = settings.preset.validate_here(&origin);
                (settings.preset.clone(), result)
            })
            .1
    }

    fn apply_theme(&self, ctx: &egui::Context) {
        ctx.set_theme(match self.settings.theme {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
            ThemeChoice::Light => egui::ThemePreference::Light,
        });
    }

    /// Takes in what the runner and the monitor sent since the last frame.
    fn take_in_events(&mut self) {
        if let Some(monitor) = &self.monitor {
            self.cpu_history.extend(monitor.drain());
            while self.cpu_history.len() > CPU_HISTORY {
                self.cpu_history.pop_front();
            }
        }
        let Some(runner) = &self.runner else {
            return;
        };
        if !runner.is_alive() {
            self.runner = None;
            if let Some(live) = self.live.as_mut().filter(|l| l.is_running()) {
                live.phase = crate::engine::view::live::Phase::Cancelled;
            }
            self.error = Some(ErrorPanel {
                title: tr!("error-runner-stopped"),
                message: tr!("error-runner-stopped-why"),
            });
            return;
        }
        while let Some(event) = runner.try_recv() {
            let Some(live) = self.live.as_mut() else {
                continue;
            };
            if let Some(result) = live.apply(event) {
                let mut result = result.clone();
                // Up to the last measured window — or, for a stop, up to the stop.
                let stopped_at = live.progress.as_ref().map_or(0.0, |p| p.elapsed_s);
                let end = result
                    .runs
                    .iter()
                    .flat_map(|r| r.windows_s.iter().map(|w| w[1]))
                    .fold(if result.cancelled { stopped_at } else { 0.0 }, f64::max);
                let samples: Vec<MonitorSample> = self.cpu_history.iter().cloned().collect();
                result.cpu_samples = crate::engine::measure::monitor::relative_samples(
                    &samples,
                    live.origin_ns,
                    -0.5,
                    end + 0.5,
                );
                // Other programs' load is charged in each run's account.
                result.analyse();
                if let Some(shown) = live.result.as_mut() {
                    shown.cpu_samples = result.cpu_samples.clone();
                    shown.analyse();
                }
                let name = result.preset.name.clone();
                self.status = if result.cancelled {
                    tr!("status-stopped", name = name)
                } else if result.succeeded() {
                    tr!("status-finished", name = name)
                } else {
                    tr!("status-finished-failures", name = name)
                };
                if let Some(notice) = history_window::remember(self.archive.as_ref(), &result) {
                    self.status = notice;
                }
                self.history.push(result);
                self.compare = BTreeSet::from([self.history.len() - 1]);
            }
            if let Some(notice) = live.notices.last()
                && *notice != self.status
                && !live.notices.is_empty()
            {
                self.status = notice.clone();
            }
        }
        self.running.store(self.is_running(), Ordering::Relaxed);
        self.lesson_result_arrived();
    }

    /// CPU samples as (seconds from `origin_ns`, per-core loads).
    fn cpu_samples_since(&self, origin_ns: u64) -> Vec<(f64, &[f32])> {
        self.cpu_history
            .iter()
            .map(|s| ((s.t_ns as f64 - origin_ns as f64) / 1e9, s.usage.as_slice()))
            .collect()
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let run = KeyboardShortcut::new(Modifiers::COMMAND, Key::R);
        let open = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
        let save = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
        let (run, f5, stop, open, save) = ctx.input_mut(|i| {
            (
                i.consume_shortcut(&run),
                i.consume_key(Modifiers::NONE, Key::F5),
                i.consume_key(Modifiers::NONE, Key::Escape),
                i.consume_shortcut(&open),
                i.consume_shortcut(&save),
            )
        });
        if run || f5 {
            self.actions.push(Action::Run);
        }
        if stop && self.is_running() {
            self.actions.push(Action::Stop);
        }
        if open {
            self.actions.push(Action::OpenPresetDialog);
        }
        if save {
            self.actions.push(Action::SavePreset);
        }
    }
}

impl eframe::App for LabApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.take_in_events();
        self.dialogs.poll(&mut self.actions);
        self.shortcuts(&ctx);

        // Panels that only read the app ask for every change with an Action.
        self.validation();
        let mut asked = Vec::new();
        egui::Panel::top("top-bar").show(ui, |ui| top_bar::ui(self, ui, &mut asked));
        egui::Panel::bottom("status-bar").show(ui, |ui| status_bar::ui(self, ui));
        egui::Panel::left("experiment")
            .resizable(true)
            .default_size(340.0)
            .min_size(260.0)
            .show(ui, |ui| experiment_panel::ui(self, ui, &mut asked));
        if self.lessons.open {
            egui::Panel::right("lessons")
                .resizable(true)
                .default_size(340.0)
                .min_size(260.0)
                .show(ui, |ui| lessons_panel::ui(self, ui, &mut asked));
        }
        egui::Panel::bottom("results")
            .resizable(true)
            .default_size(290.0)
            .min_size(120.0)
            .show(ui, |ui| {
                let mut results = std::mem::take(&mut self.results);
                results.ui(ui, self, &mut asked);
                self.results = results;
            });
        egui::CentralPanel::default().show(ui, |ui| {
            let mut views = std::mem::take(&mut self.live_views);
            views.ui(ui, self, &mut asked);
            self.live_views = views;
        });

        files::windows(self, &ctx);
        top_bar::about_window(self, &ctx, &mut asked);
        if let Some(mut window) = self.history_window.take()
            && window.show(&ctx, self.archive.as_ref(), &mut asked)
        {
            self.history_window = Some(window);
        }
        self.actions.append(&mut asked);
        self.python_code_window(&ctx);
        let actions = std::mem::take(&mut self.actions);
        for action in actions {
            self.apply(action, &ctx);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.options.persist {
            storage.set_string(settings::STORAGE_KEY, self.settings.to_stored());
        }
    }
}

/// Starts the CPU monitor. While idle the plot waits for the next
/// interaction: no repaint loop when nothing runs.
fn start_monitor(
    ctx: &egui::Context,
    running: &Arc<AtomicBool>,
    interval_ms: u64,
) -> Option<Monitor> {
    let repaint = ctx.clone();
    let busy = Arc::clone(running);
    Monitor::start(Duration::from_millis(interval_ms), move || {
        if busy.load(Ordering::Relaxed) {
            repaint.request_repaint_after(LIVE_FRAME_INTERVAL);
        }
    })
    .ok()
}

/// Adds DejaVu Sans (shipped for the charts) after egui's own fonts, so that
/// symbols egui's fonts lack (▶ ■ ✔ → ×) still draw.
fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "DejaVuSans".to_owned(),
        Arc::new(egui::FontData::from_static(include_bytes!(
            "../../assets/fonts/DejaVuSans.ttf"
        ))),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("DejaVuSans".to_owned());
    }
    ctx.set_fonts(fonts);
}

/// The application id: the Wayland app id and X11 class, which desktops
/// match with `packaging/linux/<APP_ID>.desktop` to show the lab's name and icon.
pub const APP_ID: &str = "io.github.concurrency_lab.ConcurrencyLab";

/// The app's name for its data folder (eframe's storage, lesson progress);
/// named before the app id existed, so it stays the same folder.
pub const DATA_NAME: &str = "concurrency-lab";

/// Where the app keeps what it remembers (`None` where the OS has no such
/// place): `~/.local/share/concurrency-lab` on Linux,
/// `~/Library/Application Support/concurrency-lab` on macOS,
/// `%APPDATA%\concurrency-lab\data` on Windows.
pub fn data_dir() -> Option<PathBuf> {
    eframe::storage_dir(DATA_NAME)
}

/// Where eframe keeps the settings.
pub fn settings_file() -> Option<PathBuf> {
    data_dir().map(|folder| folder.join("app.ron"))
}

/// Opens the window; returns the process exit code. With no display, says so
/// plainly (and how to run headless) instead of failing deep inside winit.
///
/// The renderer is OpenGL (glow) first, then wgpu when OpenGL 2+ cannot be
/// had (a virtual machine, a remote session, an old driver): DirectX 12 or
/// its WARP software rasteriser on Windows, Vulkan or GLES on Linux, Metal
/// on macOS. `CONCURRENCY_LAB_RENDERER=wgpu|glow` chooses one.
pub fn run(options: AppOptions) -> std::process::ExitCode {
    use std::io::Write as _;
    if let Some(message) = no_display_reason() {
        // `eprintln!` would panic on a closed stderr; nobody to tell then.
        let _ = writeln!(std::io::stderr(), "{message}");
        return std::process::ExitCode::from(1);
    }
    let persistence_path = settings_file();
    match &persistence_path {
        Some(file) => {
            // A failed write to stderr has nowhere else to be reported.
            let _ = writeln!(
                std::io::stderr(),
                "{}",
                tr!("settings-kept-in", path = file.display().to_string())
            );
            if let Some(folder) = file.parent()
                && let Err(error) = std::fs::create_dir_all(folder)
            {
                log::warn!(
                    "{}",
                    tr!(
                        "settings-folder-failed",
                        path = folder.display().to_string(),
                        reason = error.to_string()
                    )
                );
            }
        }
        None => {
            // A failed write to stderr has nowhere else to be reported.
            let _ = writeln!(std::io::stderr(), "{}", tr!("settings-nowhere"));
        }
    }
    let mut failures = Vec::new();
    for renderer in renderers() {
        match open_window(renderer, persistence_path.clone(), options.clone()) {
            Ok(()) => return std::process::ExitCode::SUCCESS,
            Err(error) if is_renderer_failure(&error) => {
                let failure = tr!(
                    "renderer-failed",
                    renderer = renderer_name(renderer),
                    reason = error.to_string()
                );
                log::warn!("{failure}");
                failures.push(failure);
            }
            Err(error) => {
                // A failed write to stderr has nowhere else to be reported.
                let _ = writeln!(
                    std::io::stderr(),
                    "{}",
                    tr!("window-failed", error = error.to_string())
                );
                return std::process::ExitCode::from(1);
            }
        }
    }
    // `eprintln!` would panic on a closed stderr; nobody to tell then.
    let _ = writeln!(
        std::io::stderr(),
        "{}",
        tr!("window-no-renderer", failures = failures.join("\n  "))
    );
    std::process::ExitCode::from(1)
}

/// The renderers to try, in order.
fn renderers() -> Vec<eframe::Renderer> {
    use eframe::Renderer::{Glow, Wgpu};
    match std::env::var("CONCURRENCY_LAB_RENDERER").as_deref() {
        Ok("wgpu") => vec![Wgpu],
        Ok("glow") => vec![Glow],
        _ => vec![Glow, Wgpu],
    }
}

fn renderer_name(renderer: eframe::Renderer) -> String {
    match renderer {
        eframe::Renderer::Glow => tr!("renderer-glow"),
        eframe::Renderer::Wgpu => tr!("renderer-wgpu"),
    }
}

/// Errors that mean this renderer cannot work here (worth trying another),
/// as opposed to the app or the windowing system failing.
fn is_renderer_failure(error: &eframe::Error) -> bool {
    matches!(
        error,
        eframe::Error::Glutin(_)
            | eframe::Error::NoGlutinConfigs(..)
            | eframe::Error::OpenGL(_)
            | eframe::Error::Wgpu(_)
    )
}

/// Runs the window with one renderer until it closes.
fn open_window(
    renderer: eframe::Renderer,
    persistence_path: Option<PathBuf>,
    options: AppOptions,
) -> Result<(), eframe::Error> {
    let icon = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")).ok();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Concurrency Lab")
        .with_app_id(APP_ID)
        .with_inner_size(options.size.unwrap_or([1400.0, 900.0]))
        .with_min_inner_size([900.0, 600.0]);
    if let Some(icon) = icon {
        viewport = viewport.with_icon(icon);
    }
    let native = eframe::NativeOptions {
        viewport,
        renderer,
        persistence_path,
        ..Default::default()
    };
    eframe::run_native(
        DATA_NAME,
        native,
        Box::new(move |cc| Ok(Box::new(LabApp::new(cc, options)))),
    )
}

/// Why no window can be shown here, if that is known before trying.
fn no_display_reason() -> Option<String> {
    let unix_desktop = cfg!(all(unix, not(target_os = "macos")));
    let has_display = ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()));
    (unix_desktop && !has_display).then(|| tr!("window-no-display"))
}
