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
use super::live_views::run_color;
use crate::engine::measure::recorder::LaneKind;
use crate::engine::measure::spans::{TaskSpan, TaskState};
use crate::engine::view::live::LiveExperiment;
use crate::engine::view::timeline::{Bar, BarKind, TimelineModel};

const GUTTER: f32 = 150.0;
const HEADER: f32 = 18.0;
const AXIS: f32 = 20.0;
const MAX_ROW_HEIGHT: f32 = 16.0;

/// Zoom and pan, in µs; `None` fits everything.
#[derive(Debug, Clone, Default)]
pub struct TimelineState {
    view: Option<(f64, f64)>,
    /// Run shown when not showing all runs.
    pub selected_run: usize,
}

impl TimelineState {
    /// Fits everything again (a new experiment).
    pub fn reset(&mut self) {
        self.view = None;
    }
}

/// The colour of a state, the same in the app and the legend.
pub fn state_color(state: TaskState) -> Color32 {
    match state {
        TaskState::Running => Color32::from_rgb(66, 135, 245),
        TaskState::GilWait => Color32::from_rgb(235, 87, 60),
        TaskState::IoWait => Color32::from_rgb(160, 170, 182),
    }
}

fn bar_color(bar: &Bar) -> Color32 {
    match bar.kind {
        BarKind::State(state) => state_color(state),
        BarKind::Failed => Color32::from_rgb(200, 0, 0),
    }
}

/// Draws the timeline.
pub fn ui(app: &mut LabApp, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        ui.strong("Timeline");
        legend_ui(ui);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("Fit")
                .on_hover_text("Show everything (double-click)")
                .clicked()
            {
                app.timeline.reset();
            }
            if let Some(live) = &app.live {
                ui.checkbox(&mut app.settings.timeline_all_runs, "all runs");
                if !app.settings.timeline_all_runs {
                    let selected = live
                        .runs
                        .get(app.timeline.selected_run)
                        .map_or("", |r| r.label.as_str());
                    egui::ComboBox::from_id_salt("timeline-run")
                        .selected_text(selected)
                        .show_ui(ui, |ui| {
                            for (index, run) in live.runs.iter().enumerate() {
                                ui.selectable_value(
                                    &mut app.timeline.selected_run,
                                    index,
                                    &run.label,
                                );
                            }
                        });
                }
            }
        });
    });
    let Some(live) = &app.live else {
        empty_ui(
            ui,
            "Run an experiment (▶ Run) to see which worker ran which task when.",
        );
        return;
    };
    let runs: Vec<usize> = if app.settings.timeline_all_runs {
        (0..live.runs.len()).collect()
    } else {
        vec![
            app.timeline
                .selected_run
                .min(live.runs.len().saturating_sub(1)),
        ]
    };
    if live.recorded_tasks() == 0 {
        empty_ui(
            ui,
            if live.is_running() {
                "Waiting for the first tasks to finish…"
            } else {
                "No tasks were recorded."
            },
        );
        return;
    }
    lanes_ui(ui, live, &runs, &mut app.timeline);
}

fn empty_ui(ui: &mut egui::Ui, text: &str) {
    ui.centered_and_justified(|ui| {
        ui.label(egui::RichText::new(text).weak());
    });
}

fn legend_ui(ui: &mut egui::Ui) {
    for (state, label) in [
        (TaskState::Running, "computing"),
        (TaskState::GilWait, "waiting for the GIL"),
        (TaskState::IoWait, "waiting on I/O"),
    ] {
        let (rect, _) = ui.allocate_exact_size(vec2(12.0, 12.0), Sense::hover());
        ui.painter().rect_filled(rect, 2.0, state_color(state));
        ui.label(label);
    }
}

/// Where each shown run and lane row is on screen.
struct Layout {
    bands: Vec<Band>,
    row_height: f32,
}

struct Band {
    run: usize,
    top: f32,
    /// (lane index, row index, y of the row's top)
    rows: Vec<(usize, usize, f32)>,
}

fn layout(live: &LiveExperiment, runs: &[usize], area: Rect) -> Layout {
    let total_rows: usize = runs
        .iter()
        .map(|&r| {
            live.timelines
                .get(r)
                .map_or(0, |t| t.model.total_rows().max(1))
        })
        .sum();
    let free = (area.height() - runs.len() as f32 * HEADER).max(10.0);
    let row_height = (free / total_rows.max(1) as f32).clamp(0.5, MAX_ROW_HEIGHT);
    let mut y = area.top();
    let mut bands = Vec::new();
    for &run in runs {
        let Some(timeline) = live.timelines.get(run) else {
            continue;
        };
        let top = y;
        y += HEADER;
        let mut rows = Vec::new();
        for (lane_index, lane) in timeline.model.lanes().iter().enumerate() {
            for row in 0..lane.rows.len() {
                rows.push((lane_index, row, y));
                y += row_height;
            }
        }
        if rows.is_empty() {
            y += row_height;
        }
        bands.push(Band { run, top, rows });
    }
    Layout { bands, row_height }
}

fn lanes_ui(ui: &mut egui::Ui, live: &LiveExperiment, runs: &[usize], state: &mut TimelineState) {
    let size = ui.available_size_before_wrap().max(vec2(200.0, 120.0));
    let (rect, response) = ui.allocate_exact_size(size, Sense::click_and_drag());
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals().clone();
    painter.rect_filled(rect, 0.0, visuals.extreme_bg_color);
    let plot = Rect::from_min_max(
        pos2(rect.left() + GUTTER, rect.top()),
        pos2(rect.right() - 6.0, rect.bottom() - AXIS),
    );
    let end_us = runs
        .iter()
        .filter_map(|&r| live.timelines.get(r))
        .map(|t| t.model.end_us())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let (mut t0, mut t1) = state.view.unwrap_or((0.0, end_us * 1.02));

    // Zoom around the pointer with the wheel, pan by dragging.
    if response.hovered() {
        let scroll = ui.input(|i| i.smooth_scroll_delta.y + i.smooth_scroll_delta.x);
        let zoom = ui.input(|i| i.zoom_delta());
        let factor = if zoom != 1.0 {
            1.0 / zoom as f64
        } else {
            (-scroll as f64 / 200.0).exp()
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

    let to_x = |t_us: f64| plot.left() + ((t_us - t0) / (t1 - t0)) as f32 * plot.width();
    let us_per_px = (t1 - t0) / plot.width() as f64;
    let min_us = us_per_px.ceil().max(1.0) as u64;
    let layout = layout(live, runs, plot);
    let mut bars = Vec::new();
    let text_color = visuals.text_color();
    let weak = visuals.weak_text_color();
    for band in &layout.bands {
        let Some(timeline) = live.timelines.get(band.run) else {
            continue;
        };
        let model = &timeline.model;
        let label = live
            .runs
            .get(band.run)
            .map_or(String::new(), |r| r.label.clone());
        painter.rect_filled(
            Rect::from_min_size(pos2(rect.left(), band.top + 3.0), vec2(4.0, HEADER - 6.0)),
            1.0,
            run_color(band.run),
        );
        painter.text(
            pos2(rect.left() + 8.0, band.top + HEADER / 2.0),
            egui::Align2::LEFT_CENTER,
            format!(
                "{label} — {} workers, repetition {}",
                model.lanes().len(),
                timeline.repetition + 1
            ),
            egui::FontId::proportional(12.0),
            text_color,
        );
        let label_every = (12.0 / layout.row_height).ceil().max(1.0) as usize;
        for (i, &(lane, row, y)) in band.rows.iter().enumerate() {
            let lane_info = &model.lanes()[lane].info;
            if row == 0 && i % label_every == 0 {
                painter.text(
                    pos2(rect.left() + 8.0, y + layout.row_height / 2.0),
                    egui::Align2::LEFT_CENTER,
                    lane_name(lane_info),
                    egui::FontId::proportional(layout.row_height.clamp(8.0, 11.0)),
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
            let inset = if layout.row_height >= 4.0 { 1.0 } else { 0.0 };
            for bar in &bars {
                let x0 = to_x(bar.start_us as f64).max(plot.left());
                let x1 = to_x(bar.end_us as f64).min(plot.right()).max(x0 + 1.0);
                let bar_rect = Rect::from_min_max(
                    pos2(x0, y + inset),
                    pos2(x1, y + layout.row_height - inset),
                );
                painter.rect_filled(bar_rect, 0.0, bar_color(bar));
            }
        }
    }
    axis(&painter, plot, rect, t0, t1, weak);

    if let Some(pointer) = response.hover_pos()
        && let Some(span) = task_under(&layout, live, pointer, t0, t1, plot, us_per_px)
    {
        let lanes = live
            .timelines
            .get(span.0)
            .map_or(&[][..], |t| t.model.lanes());
        response.on_hover_ui_at_pointer(|ui| task_tooltip_ui(ui, &span.1, lanes));
    }
}

fn lane_name(info: &crate::engine::measure::recorder::LaneInfo) -> String {
    match info.kind {
        LaneKind::Thread => format!("{} · tid {}", info.name, info.os_id),
        LaneKind::Process => format!("process · pid {}", info.os_id),
    }
}

fn task_under(
    layout: &Layout,
    live: &LiveExperiment,
    pointer: Pos2,
    t0: f64,
    t1: f64,
    plot: Rect,
    us_per_px: f64,
) -> Option<(usize, TaskSpan)> {
    if pointer.x < plot.left() {
        return None;
    }
    let t = t0 + (pointer.x - plot.left()) as f64 / plot.width() as f64 * (t1 - t0);
    for band in &layout.bands {
        for &(lane, row, y) in &band.rows {
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
    let ms = |us: u64| us as f64 / 1000.0;
    let worker = lanes
        .iter()
        .find(|l| l.info.id == span.worker)
        .map_or_else(|| format!("worker {}", span.worker), |l| lane_name(&l.info));
    let core = |c: Option<u32>| {
        c.map_or_else(
            || crate::engine::measure::sys::unknown_core_text().to_owned(),
            |c| c.to_string(),
        )
    };
    ui.strong(format!(
        "task {}{}",
        span.task,
        if span.ok { "" } else { " — FAILED" }
    ));
    egui::Grid::new("task-tooltip")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("worker");
            ui.label(worker);
            ui.end_row();
            ui.label("core at start / end");
            ui.label(format!("{} / {}", core(span.cpu_start), core(span.cpu_end)));
            ui.end_row();
            ui.label("start → end");
            ui.label(format!(
                "{:.3} → {:.3} ms ({:.3} ms)",
                ms(span.start_us),
                ms(span.end_us),
                ms(span.duration_us())
            ));
            ui.end_row();
            ui.label("computing");
            ui.label(format!("{:.3} ms", ms(span.busy_us)));
            ui.end_row();
            ui.label("waiting for the GIL");
            ui.label(format!("{:.3} ms", ms(span.gil_wait_us)));
            ui.end_row();
            ui.label("waiting on I/O");
            ui.label(format!("{:.3} ms", ms(span.io_wait_us)));
            ui.end_row();
        });
}

fn axis(painter: &egui::Painter, plot: Rect, rect: Rect, t0: f64, t1: f64, color: Color32) {
    let y = rect.bottom() - AXIS;
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
            format!("{} ms", trim(tick)),
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
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}
