//! The live views in the centre: per-core CPU load, throughput, tasks in
//! flight, and the timeline. They update while a run goes and show the
//! finished or loaded experiment afterwards.

use egui_plot::{Line, Plot, Span};

use super::LabApp;
use super::timeline_view;
use crate::engine::view::live::LiveExperiment;
use crate::engine::view::series::{RollingWindow, concurrency_series, throughput_series};

/// Most cores drawn as lines; above this, a heat map keeps 64 cores legible.
const MAX_CORE_LINES: usize = 16;
/// Seconds of CPU history shown while idle.
const IDLE_WINDOW_S: f64 = 60.0;

/// A colour per run, the same in every view.
pub fn run_color(run: usize) -> egui::Color32 {
    const PALETTE: [egui::Color32; 8] = [
        egui::Color32::from_rgb(76, 155, 232),
        egui::Color32::from_rgb(232, 116, 76),
        egui::Color32::from_rgb(94, 186, 125),
        egui::Color32::from_rgb(176, 122, 220),
        egui::Color32::from_rgb(226, 186, 60),
        egui::Color32::from_rgb(70, 190, 200),
        egui::Color32::from_rgb(220, 100, 160),
        egui::Color32::from_rgb(150, 150, 150),
    ];
    PALETTE[run % PALETTE.len()]
}

/// A colour per core line.
fn core_color(core: usize) -> egui::Color32 {
    const CORES: [egui::Color32; 4] = [
        egui::Color32::from_rgb(120, 170, 255),
        egui::Color32::from_rgb(255, 140, 120),
        egui::Color32::from_rgb(140, 220, 140),
        egui::Color32::from_rgb(230, 200, 100),
    ];
    CORES[core % CORES.len()]
}

/// Draws the views.
pub fn ui(app: &mut LabApp, ui: &mut egui::Ui) {
    if let Some(live) = &app.live {
        let what = match live.phase {
            crate::engine::view::live::Phase::Running => "running",
            crate::engine::view::live::Phase::Finished => "finished",
            crate::engine::view::live::Phase::Cancelled => "stopped before the end",
            crate::engine::view::live::Phase::Loaded => "opened from a results file",
        };
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(&live.name).heading());
            ui.label(egui::RichText::new(what).weak());
        });
    }
    let plot_height = (ui.available_height() * 0.32).clamp(130.0, 240.0);
    ui.columns(3, |columns| {
        columns[0]
            .strong("CPU per core and average (%)")
            .on_hover_text(
                "Thin lines: each logical core. Thick line: all cores together: \
                 on 2 cores, 50 % is one core's worth of work, 100 % is both.",
            );
        cpu_ui(app, &mut columns[0], plot_height);
        columns[1].strong("Throughput (tasks finished / s)");
        series_ui(app, &mut columns[1], plot_height, Series::Throughput);
        columns[2].strong("Concurrency (tasks in flight)");
        series_ui(app, &mut columns[2], plot_height, Series::InFlight);
    });
    ui.separator();
    timeline_view::ui(app, ui);
}

fn cpu_ui(app: &mut LabApp, ui: &mut egui::Ui, height: f32) {
    // Loaded results carry their own samples; otherwise the monitor's, on
    // the experiment's clock (or the app's, before any experiment).
    let loaded = app
        .live
        .as_ref()
        .filter(|l| l.origin_ns == 0)
        .and_then(|l| l.result.as_ref())
        .map(|r| {
            r.cpu_samples
                .iter()
                .map(|s| (s.t_s, s.usage.clone()))
                .collect::<Vec<_>>()
        });
    let origin = app.live.as_ref().map_or(app.app_origin_ns, |l| l.origin_ns);
    let samples: Vec<(f64, Vec<f32>)> = match loaded {
        Some(samples) => samples,
        None => app
            .cpu_samples_since(origin)
            .into_iter()
            .map(|(t, u)| (t, u.to_vec()))
            .collect(),
    };
    let live = app.live.as_ref();
    let cores = samples.last().map_or(0, |(_, u)| u.len());
    if cores > MAX_CORE_LINES {
        heat_map_ui(ui, &samples, live, height, &mut app.heat_map);
        return;
    }
    let shown_from = match live {
        Some(_) => -1.0,
        None => samples.last().map_or(0.0, |(t, _)| t - IDLE_WINDOW_S),
    };
    let average_color = ui.visuals().strong_text_color();
    Plot::new("cpu-plot")
        .height(height)
        .include_y(0.0)
        .include_y(100.0)
        .allow_scroll(false)
        .x_axis_label("s since the experiment's start")
        .show(ui, |plot| {
            if let Some(live) = live {
                for (run, (start, end)) in run_extents(live).into_iter().enumerate() {
                    if let Some(start) = start {
                        let end = end.unwrap_or_else(|| samples.last().map_or(start, |(t, _)| *t));
                        let label = live
                            .runs
                            .get(run)
                            .map_or(String::new(), |r| r.label.clone());
                        plot.add(
                            Span::new(label, start..=end)
                                .fill(run_color(run).gamma_multiply(0.18))
                                .border_width(0.0),
                        );
                    }
                }
            }
            for core in 0..cores {
                let points: Vec<[f64; 2]> = samples
                    .iter()
                    .filter(|(t, _)| *t >= shown_from)
                    .filter_map(|(t, usage)| usage.get(core).map(|u| [*t, f64::from(*u)]))
                    .collect();
                plot.line(
                    Line::new(format!("core {core}"), points)
                        .width(1.0)
                        .color(core_color(core).gamma_multiply(0.75))
                        .allow_band(false),
                );
            }
            // The average says at a glance how many cores were busy: 50 %
            // on 2 cores is one core's worth of work, 100 % is both.
            let average: Vec<[f64; 2]> = samples
                .iter()
                .filter(|(t, usage)| *t >= shown_from && !usage.is_empty())
                .map(|(t, usage)| {
                    let sum: f64 = usage.iter().map(|u| f64::from(*u)).sum();
                    [*t, sum / usage.len() as f64]
                })
                .collect();
            plot.line(
                Line::new("all cores (average)", average)
                    .width(2.5)
                    .color(average_color)
                    .allow_band(false),
            );
        });
}

/// Per run: where its repetitions started and ended, s.
fn run_extents(live: &LiveExperiment) -> Vec<(Option<f64>, Option<f64>)> {
    let mut extents = vec![(None, None); live.runs.len()];
    for window in &live.windows {
        if let Some(extent) = extents.get_mut(window.run) {
            extent.0 = Some(
                extent
                    .0
                    .map_or(window.start_s, |s: f64| s.min(window.start_s)),
            );
            extent.1 = window.end_s.map(|e| extent.1.map_or(e, |x: f64| x.max(e)));
        }
    }
    extents
}

/// The heat map's texture and what it was made from.
pub type HeatMapCache = Option<((usize, usize, Option<u64>, u64), egui::TextureHandle)>;

fn heat_map_ui(
    ui: &mut egui::Ui,
    samples: &[(f64, Vec<f32>)],
    live: Option<&LiveExperiment>,
    height: f32,
    cache: &mut HeatMapCache,
) {
    let (rect, response) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), height),
        egui::Sense::hover(),
    );
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 2.0, ui.visuals().extreme_bg_color);
    let Some((last_t, last)) = samples.last() else {
        return;
    };
    let cores = last.len();
    let first_t = match live {
        Some(_) => samples.first().map_or(0.0, |(t, _)| *t).max(-1.0),
        None => last_t - IDLE_WINDOW_S,
    };
    let span = (last_t - first_t).max(1.0);
    // One texel per sample and core, uploaded once per new sample: a 64-core
    // map is then one textured rectangle, not tens of thousands of cells.
    let columns: Vec<&(f64, Vec<f32>)> = samples.iter().filter(|(t, _)| *t >= first_t).collect();
    let key = (
        columns.len(),
        cores,
        columns.first().map(|c| c.0.to_bits()),
        last_t.to_bits(),
    );
    let stale = cache.as_ref().is_none_or(|(cached, _)| *cached != key);
    if stale {
        let mut image =
            egui::ColorImage::filled([columns.len().max(1), cores.max(1)], egui::Color32::BLACK);
        for (x, (_, usage)) in columns.iter().enumerate() {
            for (core, load) in usage.iter().enumerate().take(cores) {
                let heat = (load / 100.0).clamp(0.0, 1.0);
                image[(x, core)] = egui::Color32::from_rgb(
                    (40.0 + 215.0 * heat) as u8,
                    (60.0 + 120.0 * heat) as u8,
                    (90.0 * (1.0 - heat)) as u8,
                );
            }
        }
        let texture = ui
            .ctx()
            .load_texture("cpu-heat-map", image, egui::TextureOptions::NEAREST);
        *cache = Some((key, texture));
    }
    if let Some((_, texture)) = cache.as_ref() {
        let last_x = ((columns.last().map_or(*last_t, |c| c.0) - first_t) / span) as f32;
        let width = (rect.width() * last_x).max(1.0);
        painter.image(
            texture.id(),
            egui::Rect::from_min_size(rect.min, egui::vec2(width, rect.height())),
            egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0)),
            egui::Color32::WHITE,
        );
    }
    if let Some(live) = live {
        for (run, (start, _)) in run_extents(live).into_iter().enumerate() {
            if let Some(start) = start {
                let x = rect.left() + ((start - first_t) / span) as f32 * rect.width();
                painter.vline(x, rect.y_range(), egui::Stroke::new(1.5, run_color(run)));
            }
        }
    }
    response.on_hover_text(format!(
        "{cores} cores (rows) over time (columns); brighter is busier"
    ));
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Series {
    Throughput,
    InFlight,
}

/// Most points a line is drawn with: about one per pixel of a wide plot.
const MAX_LINE_POINTS: usize = 2000;
/// While a run goes, a series is recomputed at most this often.
const RECOMPUTE_EVERY: std::time::Duration = std::time::Duration::from_millis(250);

struct CachedSeries {
    generation: u64,
    repetition: u32,
    tasks: usize,
    computed: std::time::Instant,
    points: std::sync::Arc<Vec<[f64; 2]>>,
}

/// Series derived from spans, kept between frames: recomputing them for
/// 100,000 tasks on every frame would cost more than the frame budget.
#[derive(Default)]
pub struct SeriesCache {
    entries: std::collections::HashMap<(Series, usize), CachedSeries>,
}

impl SeriesCache {
    fn get(
        &mut self,
        live: &LiveExperiment,
        run: usize,
        series: Series,
    ) -> std::sync::Arc<Vec<[f64; 2]>> {
        let Some(timeline) = live.timelines.get(run) else {
            return std::sync::Arc::default();
        };
        let spans = timeline.model.spans();
        let fresh = self.entries.get(&(series, run)).is_some_and(|c| {
            c.generation == live.generation
                && c.repetition == timeline.repetition
                && (c.tasks == spans.len()
                    || (live.is_running() && c.computed.elapsed() < RECOMPUTE_EVERY))
        });
        if !fresh {
            let points = match series {
                Series::Throughput => {
                    let window =
                        RollingWindow::for_duration(crate::engine::view::series::duration_s(spans));
                    throughput_series(spans, window.window_s, window.step_s)
                }
                Series::InFlight => concurrency_series(spans),
            };
            self.entries.insert(
                (series, run),
                CachedSeries {
                    generation: live.generation,
                    repetition: timeline.repetition,
                    tasks: spans.len(),
                    computed: std::time::Instant::now(),
                    points: std::sync::Arc::new(downsample_max(points, MAX_LINE_POINTS)),
                },
            );
        }
        self.entries
            .get(&(series, run))
            .map(|c| std::sync::Arc::clone(&c.points))
            .unwrap_or_default()
    }
}

/// Thins a line to about `max` points, keeping each stretch's highest point
/// (a peak of tasks in flight must not vanish when zoomed out).
fn downsample_max(points: Vec<[f64; 2]>, max: usize) -> Vec<[f64; 2]> {
    if points.len() <= max || max < 2 {
        return points;
    }
    let per_bucket = points.len().div_ceil(max / 2);
    let mut thinned = Vec::with_capacity(max + 2);
    for bucket in points.chunks(per_bucket) {
        let first = bucket[0];
        let peak = bucket
            .iter()
            .copied()
            .fold(first, |a, b| if b[1] > a[1] { b } else { a });
        thinned.push([first[0], peak[1]]);
        if let Some(last) = bucket.last() {
            thinned.push([last[0], peak[1]]);
        }
    }
    thinned
}

fn series_ui(app: &mut LabApp, ui: &mut egui::Ui, height: f32, series: Series) {
    let id = match series {
        Series::Throughput => "throughput-plot",
        Series::InFlight => "in-flight-plot",
    };
    let live = app.live.as_ref();
    let cache = &mut app.series_cache;
    Plot::new(id)
        .height(height)
        .include_y(0.0)
        .allow_scroll(false)
        .x_axis_label("s since the run's start")
        .show(ui, |plot| {
            let Some(live) = live else {
                return;
            };
            for (run, timeline) in live.timelines.iter().enumerate() {
                if timeline.model.spans().is_empty() {
                    continue;
                }
                let points = cache.get(live, run, series);
                let label = live
                    .runs
                    .get(run)
                    .map_or(String::new(), |r| r.label.clone());
                plot.line(
                    Line::new(label, points.to_vec())
                        .color(run_color(run))
                        .width(1.5)
                        .allow_band(false),
                );
            }
        });
}
