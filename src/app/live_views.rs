//! The live views in the centre: per-core CPU load, throughput, tasks in
//! flight, and the timeline. They update while a run goes and show the
//! finished or loaded experiment afterwards.

use egui_plot::{Line, Plot, Span};

use super::LabApp;
use super::actions::Action;
use super::colors::to_color32;
use super::lessons_panel::outlined;
use super::timeline_view;
use crate::engine::view::live::{LiveExperiment, Phase};
use crate::engine::view::series::{RollingWindow, concurrency_series, throughput_series};
use crate::lessons::View;
use crate::present::palette;
use crate::tr;

/// Most cores drawn as lines; above this, a heat map keeps 64 cores legible.
const MAX_CORE_LINES: usize = 16;
/// Seconds of CPU history shown while idle.
const IDLE_WINDOW_S: f64 = 60.0;

/// A colour per run, the same in every view and chart.
pub fn run_color(run: usize) -> egui::Color32 {
    to_color32(palette::run(run))
}

/// A colour per core line, the same as in the exported CPU chart.
fn core_color(core: usize) -> egui::Color32 {
    to_color32(palette::core(core))
}

/// The centre panel's own state: the timeline's zoom and the caches behind
/// the plots. Everything else it reads from the app.
#[derive(Default)]
pub struct LiveViews {
    /// The timeline's zoom, pan and chosen run.
    pub timeline: timeline_view::TimelineState,
    series_cache: SeriesCache,
    heat_map: HeatMapCache,
}

impl LiveViews {
    /// Draws the views; a change to the app is asked for with an `Action`.
    pub fn ui(&mut self, ui: &mut egui::Ui, app: &LabApp, actions: &mut Vec<Action>) {
        views_ui(self, ui, app, actions);
    }
}

fn views_ui(views: &mut LiveViews, ui: &mut egui::Ui, app: &LabApp, actions: &mut Vec<Action>) {
    if let Some(live) = &app.live {
        let what = match live.phase {
            Phase::Running => tr!("phase-running"),
            Phase::Finished => tr!("phase-finished"),
            Phase::Cancelled => tr!("phase-cancelled"),
            Phase::Loaded => tr!("phase-loaded"),
        };
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(&live.name).heading());
            ui.label(egui::RichText::new(what).weak());
        });
    }
    let plot_height = (ui.available_height() * 0.32).clamp(130.0, 240.0);
    let highlighted = app.highlighted();
    ui.columns(3, |columns| {
        outlined(&mut columns[0], highlighted == Some(View::Cpu), |ui| {
            plot_title(ui, tr!("cpu-plot-title"), tr!("cpu-plot-help"));
            cpu_ui(app, ui, plot_height, &mut views.heat_map);
        });
        plot_title(
            &mut columns[1],
            tr!("throughput-plot-title"),
            tr!("throughput-plot-help"),
        );
        series_ui(
            app,
            &mut columns[1],
            plot_height,
            Series::Throughput,
            &mut views.series_cache,
        );
        plot_title(
            &mut columns[2],
            tr!("in-flight-plot-title"),
            tr!("in-flight-plot-help"),
        );
        series_ui(
            app,
            &mut columns[2],
            plot_height,
            Series::InFlight,
            &mut views.series_cache,
        );
    });
    runs_key_ui(app, ui);
    ui.separator();
    outlined(ui, highlighted == Some(View::Timeline), |ui| {
        views.timeline.ui(ui, app, actions);
    });
}

/// A plot's title on one line, so that the three plots start level; cut
/// short where the column is narrow, whole on hover with its explanation.
fn plot_title(ui: &mut egui::Ui, title: String, help: String) {
    ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
        ui.add(egui::Label::new(egui::RichText::new(&title).strong()).truncate())
            .on_hover_text(format!("{title}\n\n{help}"));
    });
}

fn cpu_ui(app: &LabApp, ui: &mut egui::Ui, height: f32, heat_map: &mut HeatMapCache) {
    // A finished, stopped or loaded experiment shows the samples kept with
    // its result — its record and zoom stay put while the monitor goes on
    // sampling for the idle view. A running one, the monitor's, on its clock
    // (or the app's, before any experiment).
    let loaded = app
        .live
        .as_ref()
        .filter(|l| !l.is_running())
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
        heat_map_ui(ui, &samples, live, height, heat_map);
        return;
    }
    let shown_from = match live {
        Some(_) => -1.0,
        None => samples.last().map_or(0.0, |(t, _)| t - IDLE_WINDOW_S),
    };
    let average_color = ui.visuals().strong_text_color();
    let seconds = tr!("axis-seconds-since-experiment");
    Plot::new("cpu-plot")
        .height(height)
        .include_y(0.0)
        .include_y(100.0)
        .include_x(0.0)
        .allow_scroll(false)
        .x_axis_label(seconds)
        .show(ui, |plot| {
            if let Some(live) = live {
                for (run, (start, end)) in run_extents(live).into_iter().enumerate() {
                    if let Some(start) = start {
                        let end = end.unwrap_or_else(|| samples.last().map_or(start, |(t, _)| *t));
                        // Named in the key below the plots, not inside the
                        // span, where a short run's name would be cut.
                        plot.add(
                            Span::new("", start..=end)
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
                    Line::new(tr!("cpu-core", core = core), points)
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
                Line::new(tr!("cpu-average"), average)
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
                image[(x, core)] = to_color32(palette::heat(f64::from(*load)));
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
    response.on_hover_text(tr!("cpu-heat-map-help", cores = cores));
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

/// A run's line: its index, its label, its points.
type SeriesLine = (usize, String, std::sync::Arc<Vec<[f64; 2]>>);

fn series_ui(
    app: &LabApp,
    ui: &mut egui::Ui,
    height: f32,
    series: Series,
    cache: &mut SeriesCache,
) {
    let id = match series {
        Series::Throughput => "throughput-plot",
        Series::InFlight => "in-flight-plot",
    };
    let live = app.live.as_ref();
    let lines: Vec<SeriesLine> = live
        .map(|live| {
            live.timelines
                .iter()
                .enumerate()
                .filter(|(_, t)| !t.model.spans().is_empty())
                .map(|(run, _)| {
                    let label = live
                        .runs
                        .get(run)
                        .map_or(String::new(), |r| r.label.clone());
                    (run, label, cache.get(live, run, series))
                })
                .collect()
        })
        .unwrap_or_default();
    // Sub-second runs read better in milliseconds than as ticks of "0".
    let longest = lines
        .iter()
        .filter_map(|(_, _, points)| points.last().map(|p| p[0]))
        .fold(0.0, f64::max);
    let (scale, axis) = if longest < 2.0 {
        (1000.0, tr!("axis-ms-since-run"))
    } else {
        (1.0, tr!("axis-seconds-since-run"))
    };
    let mut plot = Plot::new(id)
        .height(height)
        .include_y(0.0)
        .include_y(1.0)
        .include_x(0.0)
        .allow_scroll(false)
        .x_axis_label(axis);
    // One spike (a burst of tiny tasks finishing together) must not flatten
    // the rest: the scale follows the 98th percentile, the spike runs off.
    if series == Series::Throughput
        && let Some(top) = robust_top(&lines)
    {
        plot = plot
            .include_y(top)
            .auto_bounds(egui::Vec2b::new(true, false));
    }
    plot.show(ui, |plot| {
        for (run, label, points) in &lines {
            let points: Vec<[f64; 2]> = points.iter().map(|p| [p[0] * scale, p[1]]).collect();
            plot.line(
                Line::new(label.clone(), points)
                    .color(run_color(*run))
                    .width(1.5)
                    .allow_band(false),
            );
        }
    });
}

/// A y-axis top that ignores the highest 2 % of points, if they are far
/// above the rest (else `None`: the plot fits everything).
fn robust_top(lines: &[SeriesLine]) -> Option<f64> {
    let mut values: Vec<f64> = lines
        .iter()
        .flat_map(|(_, _, points)| points.iter().map(|p| p[1]))
        .filter(|v| v.is_finite())
        .collect();
    if values.len() < 20 {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let high = values[(values.len() * 98 / 100).min(values.len() - 1)];
    let max = values[values.len() - 1];
    (max > high * 2.0 && high > 0.0).then_some(high * 1.25)
}

/// The runs' colours and names, once for all three plots (and the CPU
/// plot's shaded spans), wrapping instead of being cut.
fn runs_key_ui(app: &LabApp, ui: &mut egui::Ui) {
    let Some(live) = &app.live else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 10.0;
        for (run, plan) in live.runs.iter().enumerate() {
            ui.label(
                egui::RichText::new(format!("■ {}", plan.label))
                    .color(run_color(run))
                    .small(),
            );
        }
    });
}
