//! The timeline: one lane per worker (thread or process), each task a bar
//! coloured by state — computing, waiting for the GIL, waiting on I/O — so
//! interleaving (bars taking turns) and simultaneity (bars stacked at the
//! same instant) show at a glance. Scroll to zoom, drag to pan, double-click
//! to fit; hover a bar for its task.
//!
//! Drawing reads [`TimelineModel`]: only the visible time range, with
//! everything narrower than a pixel merged, so 100,000 tasks stay smooth.

use egui::{Color32, Pos2, Rect, Sense, Stroke, pos2, vec2};

use super::LabApp;
use super::actions::Action;
use super::colors::to_color32;
use super::live_views::run_color;
use crate::engine::measure::recorder::LaneKind;
use crate::engine::measure::spans::{TaskSpan, TaskState};
use crate::engine::view::live::LiveExperiment;
use crate::engine::view::timeline::{Bar, BarKind, TimelineModel};
use crate::present::{palette, units};
use crate::tr;

/// Width of the lane names, px.
const GUTTER: f32 = 170.0;
/// Height of a run's header, px.
const HEADER: f32 = 20.0;
/// Height of the time axis, px.
const AXIS: f32 = 20.0;
/// Rows never get thinner than this: past it the timeline scrolls.
const MIN_ROW_HEIGHT: f32 = 14.0;
/// Nor thicker than this.
const MAX_ROW_HEIGHT: f32 = 22.0;
/// Lane names' size, px: readable on every lane.
const LANE_FONT: f32 = 11.0;

/// Zoom and pan, in µs; `None` fits everything.
#[derive(Debug, Clone, Default)]
pub struct TimelineState {
    view: Option<(f64, f64)>,
    /// Run shown when not showing all runs.
    pub selected_run: usize,
    /// Runs folded to their header.
    collapsed: std::collections::BTreeSet<usize>,
}

impl TimelineState {
    /// Fits everything again (a new experiment).
    pub fn reset(&mut self) {
        self.view = None;
    }
}

/// The colour of a state, the same in the app, the legend and the charts.
pub fn state_color(state: TaskState) -> Color32 {
    to_color32(palette::state(state))
}

fn bar_color(bar: &Bar) -> Color32 {
    match bar.kind {
        BarKind::State(state) => state_color(state),
        BarKind::Failed => to_color32(palette::FAILED),
    }
}

/// What a state is called in the legend.
pub fn state_name(state: TaskState) -> String {
    match state {
        TaskState::Running => tr!("state-running"),
        TaskState::GilWait => tr!("state-gil-wait"),
        TaskState::IoWait => tr!("state-io-wait"),
    }
}

impl TimelineState {
    /// Draws the timeline: zoom and the chosen run are its own, whether
    /// every run is drawn is a setting, changed with an `Action`.
    pub fn ui(&mut self, ui: &mut egui::Ui, app: &LabApp, actions: &mut Vec<Action>) {
        timeline_ui(self, ui, app, actions);
    }
}

fn timeline_ui(
    state: &mut TimelineState,
    ui: &mut egui::Ui,
    app: &LabApp,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        ui.strong(tr!("timeline-title"));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button(tr!("timeline-fit"))
                .on_hover_text(tr!("timeline-fit-help"))
                .clicked()
            {
                state.reset();
            }
            if let Some(live) = &app.live {
                let mut all_runs = app.settings.timeline_all_runs;
                if ui
                    .checkbox(&mut all_runs, tr!("timeline-all-runs"))
                    .changed()
                {
                    actions.push(Action::SetTimelineAllRuns(all_runs));
                }
                if !all_runs {
                    let selected = live
                        .runs
                        .get(state.selected_run)
                        .map_or("", |r| r.label.as_str());
                    egui::ComboBox::from_id_salt("timeline-run")
                        .selected_text(selected)
                        .show_ui(ui, |ui| {
                            for (index, run) in live.runs.iter().enumerate() {
                                ui.selectable_value(&mut state.selected_run, index, &run.label);
                            }
                        });
                }
            }
            // The legend takes the room the controls leave, wrapping where
            // it is narrow (long Russian names) instead of running under them.
            let wrapping = egui::Layout::left_to_right(egui::Align::Center).with_main_wrap(true);
            ui.with_layout(wrapping, |ui| legend_ui(ui, app.live.as_ref()));
        });
    });
    let Some(live) = &app.live else {
        empty_ui(ui, &tr!("timeline-empty"));
        return;
    };
    let runs: Vec<usize> = if app.settings.timeline_all_runs {
        (0..live.runs.len()).collect()
    } else {
        vec![state.selected_run.min(live.runs.len().saturating_sub(1))]
    };
    let drawn: usize = live
        .timelines
        .iter()
        .map(|t| t.model.spans().len() + t.model.open_tasks())
        .sum();
    if drawn == 0 {
        empty_ui(
            ui,
            &if live.is_running() {
                tr!("timeline-waiting")
            } else {
                tr!("timeline-no-tasks")
            },
        );
        return;
    }
    lanes_ui(ui, live, &runs, state);
}

fn empty_ui(ui: &mut egui::Ui, text: &str) {
    ui.centered_and_justified(|ui| {
        ui.label(egui::RichText::new(text).weak());
    });
}

/// The states, with the GIL named as what it is for the runs on show: the
/// lab's simulated lock, or time a real interpreter's thread did not run.
fn legend_ui(ui: &mut egui::Ui, live: Option<&LiveExperiment>) {
    let python = live.is_some_and(|l| {
        l.runs
            .iter()
            .any(|r| r.runtime == crate::engine::spec::preset::Runtime::Python)
    });
    for state in [TaskState::Running, TaskState::GilWait, TaskState::IoWait] {
        let (rect, _) = ui.allocate_exact_size(vec2(12.0, 12.0), Sense::hover());
        ui.painter().rect_filled(rect, 2.0, state_color(state));
        let name = if state == TaskState::GilWait && python {
            tr!("state-gil-wait-or-not-running")
        } else {
            state_name(state)
        };
        ui.label(name).on_hover_text(match state {
            TaskState::Running => tr!("state-running-help"),
            TaskState::GilWait => tr!("state-gil-wait-help"),
            TaskState::IoWait => tr!("state-io-wait-help"),
        });
    }
}

/// Where each shown run and lane row is, relative to the top of the lanes.
struct Layout {
    bands: Vec<Band>,
    row_height: f32,
    height: f32,
}

struct Band {
    run: usize,
    top: f32,
    collapsed: bool,
    /// (lane index, row index, y of the row's top)
    rows: Vec<(usize, usize, f32)>,
}

/// Rows fill the height available, between a readable minimum (then the
/// lanes scroll) and a maximum.
fn layout(live: &LiveExperiment, runs: &[usize], state: &TimelineState, height: f32) -> Layout {
    let total_rows: usize = runs
        .iter()
        .filter(|r| !state.collapsed.contains(r))
        .map(|&r| {
            live.timelines
                .get(r)
                .map_or(0, |t| t.model.total_rows().max(1))
        })
        .sum();
    let free = (height - runs.len() as f32 * HEADER).max(10.0);
    let row_height = (free / total_rows.max(1) as f32).clamp(MIN_ROW_HEIGHT, MAX_ROW_HEIGHT);
    let mut y = 0.0;
    let mut bands = Vec::new();
    for &run in runs {
        let Some(timeline) = live.timelines.get(run) else {
            continue;
        };
        let top = y;
        y += HEADER;
        let collapsed = state.collapsed.contains(&run);
        let mut rows = Vec::new();
        if !collapsed {
            for lane in 0..timeline.model.lanes().len() {
                for row in 0..timeline.model.lane_rows(lane) {
                    rows.push((lane, row, y));
                    y += row_height;
                }
            }
            if rows.is_empty() {
                y += row_height;
            }
        }
        bands.push(Band {
            run,
            top,
            collapsed,
            rows,
        });
    }
    Layout {
        bands,
        row_height,
        height: y,
    }
}

/// The time range shown, in µs, after the pointer's zoom and pan.
fn view_range(
    ui: &egui::Ui,
    response: &egui::Response,
    plot: Rect,
    end_us: f64,
    state: &mut TimelineState,
) -> (f64, f64) {
    let (mut t0, mut t1) = state.view.unwrap_or((0.0, end_us * 1.02));
    // Zoom around the pointer with the wheel (Ctrl or horizontal scroll, so
    // that plain scrolling still moves through the lanes), pan by dragging.
    if response.hovered() {
        let (scroll_x, zoom, ctrl_scroll) = ui.input(|i| {
            let ctrl = i.modifiers.command || i.modifiers.ctrl;
            (
                i.smooth_scroll_delta.x,
                i.zoom_delta(),
                if ctrl { i.smooth_scroll_delta.y } else { 0.0 },
            )
        });
        let factor = if zoom != 1.0 {
            1.0 / zoom as f64
        } else {
            (-(scroll_x + ctrl_scroll) as f64 / 200.0).exp()
        };
        if (factor - 1.0).abs() > 1e-6
            && let Some(pointer) = response.hover_pos()
        {
            let at =
                t0 + (pointer.x - plot.left()).max(0.0) as f64 / plot.width() as f64 * (t1 - t0);
            let span = ((t1 - t0) * factor).clamp(10.0, end_us * 20.0);
            let left = (at - t0) / (t1 - t0);
            t0 = at - span * left;
            t1 = t0 + span;
            state.view = Some((t0, t1));
        }
    }
    if response.dragged() {
        let dx = response.drag_delta().x as f64 / plot.width() as f64 * (t1 - t0);
        t0 -= dx;
        t1 -= dx;
        state.view = Some((t0, t1));
    }
    if response.double_clicked() {
        state.reset();
        t0 = 0.0;
        t1 = end_us * 1.02;
    }
    (t0, t1)
}

fn lanes_ui(ui: &mut egui::Ui, live: &LiveExperiment, runs: &[usize], state: &mut TimelineState) {
    let available = ui.available_size_before_wrap().max(vec2(200.0, 120.0));
    let end_us = runs
        .iter()
        .filter_map(|&r| live.timelines.get(r))
        .map(|t| t.model.end_us())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let layout = layout(live, runs, state, available.y - AXIS);
    let width = available.x;
    // The time axis stays at the bottom; the lanes scroll above it.
    let lanes_height = (available.y - AXIS).max(40.0);
    let mut range = state.view.unwrap_or((0.0, end_us * 1.02));
    let mut toggled = None;
    egui::ScrollArea::vertical()
        .id_salt(("timeline-lanes", live.generation))
        .max_height(lanes_height)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let (rect, response) = ui.allocate_exact_size(
                vec2(width - 14.0, layout.height.max(lanes_height)),
                Sense::click_and_drag(),
            );
            let plot = Rect::from_min_max(
                pos2(rect.left() + GUTTER, rect.top()),
                pos2(rect.right() - 6.0, rect.bottom()),
            );
            range = view_range(ui, &response, plot, end_us, state);
            toggled = paint_lanes(ui, live, &layout, rect, plot, range, &response);
        });
    if let Some(run) = toggled
        && !state.collapsed.remove(&run)
    {
        state.collapsed.insert(run);
    }
    let (axis_rect, _) = ui.allocate_exact_size(vec2(width, AXIS), Sense::hover());
    let plot = Rect::from_min_max(
        pos2(axis_rect.left() + GUTTER, axis_rect.top()),
        pos2(axis_rect.right() - 20.0, axis_rect.bottom()),
    );
    axis(
        ui.painter(),
        plot,
        axis_rect.top(),
        range.0,
        range.1,
        ui.visuals().weak_text_color(),
    );
}

/// Paints headers, lane names and bars; returns a run whose header was
/// clicked (to fold or unfold it).
fn paint_lanes(
    ui: &egui::Ui,
    live: &LiveExperiment,
    layout: &Layout,
    rect: Rect,
    plot: Rect,
    (t0, t1): (f64, f64),
    response: &egui::Response,
) -> Option<usize> {
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    painter.rect_filled(rect, 0.0, visuals.extreme_bg_color);
    let to_x = |t_us: f64| plot.left() + ((t_us - t0) / (t1 - t0)) as f32 * plot.width();
    let us_per_px = (t1 - t0) / plot.width() as f64;
    let min_us = us_per_px.ceil().max(1.0) as u64;
    let text_color = visuals.text_color();
    let weak = visuals.weak_text_color();
    let mut bars = Vec::new();
    let mut toggled = None;
    for band in &layout.bands {
        let Some(timeline) = live.timelines.get(band.run) else {
            continue;
        };
        let model = &timeline.model;
        let header = Rect::from_min_size(
            pos2(rect.left(), rect.top() + band.top),
            vec2(rect.width(), HEADER),
        );
        painter.rect_filled(
            Rect::from_min_size(header.min + vec2(0.0, 3.0), vec2(4.0, HEADER - 6.0)),
            1.0,
            run_color(band.run),
        );
        painter.text(
            header.left_center() + vec2(8.0, 0.0),
            egui::Align2::LEFT_CENTER,
            band_title(live, band, model.lanes().len(), timeline.repetition),
            egui::FontId::proportional(12.5),
            text_color,
        );
        if response.clicked()
            && response
                .interact_pointer_pos()
                .is_some_and(|p| header.contains(p) && p.x < plot.left())
        {
            toggled = Some(band.run);
        }
        for &(lane, row, y) in &band.rows {
            let y = rect.top() + y;
            let lane_info = &model.lanes()[lane].info;
            if row == 0 {
                painter.text(
                    pos2(rect.left() + 12.0, y + layout.row_height / 2.0),
                    egui::Align2::LEFT_CENTER,
                    lane_name(lane_info),
                    egui::FontId::proportional(LANE_FONT),
                    weak,
                );
            }
            bars.clear();
            model.bars(
                lane,
                row,
                t0.max(0.0) as u64,
                t1.max(0.0) as u64,
                min_us,
                &mut bars,
            );
            for bar in &bars {
                let x0 = to_x(bar.start_us as f64).max(plot.left());
                let x1 = to_x(bar.end_us as f64).min(plot.right()).max(x0 + 1.0);
                let bar_rect =
                    Rect::from_min_max(pos2(x0, y + 2.0), pos2(x1, y + layout.row_height - 2.0));
                painter.rect_filled(bar_rect, 0.0, bar_color(bar));
            }
        }
    }
    if let Some(pointer) = response.hover_pos()
        && let Some((run, span)) =
            task_under(layout, live, pointer, rect, (t0, t1), plot, us_per_px)
    {
        let lanes = live.timelines.get(run).map_or(&[][..], |t| t.model.lanes());
        response
            .clone()
            .on_hover_ui_at_pointer(|ui| task_tooltip_ui(ui, &span, lanes));
    }
    toggled
}

/// "threads (GIL) — 8 threads, repetition 2 of 3" (or "running …").
fn band_title(live: &LiveExperiment, band: &Band, lanes: usize, repetition: u32) -> String {
    let Some(plan) = live.runs.get(band.run) else {
        return String::new();
    };
    let fold = if band.collapsed { "▶" } else { "▼" };
    if lanes == 0 {
        return tr!(
            "timeline-band-waiting",
            fold = fold,
            label = plan.label.clone()
        );
    }
    let kind = match plan.model {
        crate::engine::spec::preset::Model::ProcessPool => "processes",
        _ => "threads",
    };
    // Counted as a person set them: warm-ups apart from measured repetitions.
    let windows: Vec<_> = live.windows.iter().filter(|w| w.run == band.run).collect();
    let warmup = windows
        .iter()
        .any(|w| w.repetition == repetition && w.warmup);
    if warmup {
        return tr!(
            "timeline-band-warmup",
            fold = fold,
            label = plan.label.clone(),
            workers = lanes,
            kind = kind
        );
    }
    let measured = windows
        .iter()
        .filter(|w| !w.warmup && w.repetition <= repetition)
        .count()
        .max(1);
    tr!(
        "timeline-band",
        fold = fold,
        label = plan.label.clone(),
        workers = lanes,
        kind = kind,
        repetition = measured
    )
}

fn lane_name(info: &crate::engine::measure::recorder::LaneInfo) -> String {
    match info.kind {
        LaneKind::Thread => tr!("lane-thread", name = info.name.clone(), id = info.os_id),
        LaneKind::Process => tr!("lane-process", id = info.os_id),
    }
}

fn task_under(
    layout: &Layout,
    live: &LiveExperiment,
    pointer: Pos2,
    rect: Rect,
    (t0, t1): (f64, f64),
    plot: Rect,
    us_per_px: f64,
) -> Option<(usize, TaskSpan)> {
    if pointer.x < plot.left() {
        return None;
    }
    let t = t0 + (pointer.x - plot.left()) as f64 / plot.width() as f64 * (t1 - t0);
    for band in &layout.bands {
        for &(lane, row, y) in &band.rows {
            let y = rect.top() + y;
            if pointer.y >= y && pointer.y < y + layout.row_height.max(1.0) {
                let model: &TimelineModel = &live.timelines.get(band.run)?.model;
                let slack = (us_per_px * 3.0) as u64;
                return model
                    .task_at(lane, row, t.max(0.0) as u64, slack)
                    .map(|s| (band.run, s.clone()));
            }
        }
    }
    None
}

fn task_tooltip_ui(
    ui: &mut egui::Ui,
    span: &TaskSpan,
    lanes: &[crate::engine::view::timeline::TimelineLane],
) {
    let duration = |us: u64| units::duration(us as f64 / 1e6);
    let worker = lanes
        .iter()
        .find(|l| l.info.id == span.worker)
        .map_or_else(|| span.worker.to_string(), |l| lane_name(&l.info));
    let core = |c: Option<u32>| {
        c.map_or_else(crate::engine::measure::sys::unknown_core_text, |c| {
            c.to_string()
        })
    };
    ui.strong(if span.ok {
        tr!("task-title", task = span.task)
    } else {
        tr!("task-title-failed", task = span.task)
    });
    egui::Grid::new("task-tooltip")
        .num_columns(2)
        .show(ui, |ui| {
            let mut row = |name: String, value: String| {
                ui.label(name);
                ui.label(value);
                ui.end_row();
            };
            row(tr!("task-worker"), worker);
            row(
                tr!("task-cores"),
                format!("{} / {}", core(span.cpu_start), core(span.cpu_end)),
            );
            row(
                tr!("task-start-end"),
                format!(
                    "{} → {} ({})",
                    duration(span.start_us),
                    duration(span.end_us),
                    duration(span.duration_us())
                ),
            );
            row(state_name(TaskState::Running), duration(span.busy_us));
            row(state_name(TaskState::GilWait), duration(span.gil_wait_us));
            row(state_name(TaskState::IoWait), duration(span.io_wait_us));
        });
}

fn axis(painter: &egui::Painter, plot: Rect, y: f32, t0: f64, t1: f64, color: Color32) {
    painter.hline(plot.x_range(), y, Stroke::new(1.0, color));
    let span_ms = (t1 - t0) / 1000.0;
    let step = nice_step(span_ms / 8.0);
    let first = (t0 / 1000.0 / step).ceil() * step;
    let mut tick = first;
    while tick <= t1 / 1000.0 {
        let x = plot.left() + ((tick * 1000.0 - t0) / (t1 - t0)) as f32 * plot.width();
        painter.vline(x, y..=y + 4.0, Stroke::new(1.0, color));
        painter.text(
            pos2(x, y + 5.0),
            egui::Align2::CENTER_TOP,
            tr!("unit-milliseconds", value = trim(tick)),
            egui::FontId::proportional(10.0),
            color,
        );
        tick += step;
    }
}

fn nice_step(raw: f64) -> f64 {
    let raw = raw.max(1e-6);
    let magnitude = 10f64.powf(raw.log10().floor());
    let mantissa = raw / magnitude;
    let nice = if mantissa < 1.5 {
        1.0
    } else if mantissa < 3.5 {
        2.0
    } else if mantissa < 7.5 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

fn trim(value: f64) -> String {
    let text = format!("{value:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    match crate::i18n::current() {
        crate::i18n::Language::Ru => text.replace('.', ","),
        crate::i18n::Language::En => text.to_owned(),
    }
}
