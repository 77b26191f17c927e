//! CPU load per core over the experiment: one line per core up to
//! [`MAX_LINES`] cores, a heat map (core × time) above that; each run's
//! measured repetitions shaded and named above the plot.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{self, LegendItem, MARGIN, PlacedTag, Swatch, Tag, TimeUnit, anchored, text};
use super::{ChartKind, Drawn};
use crate::engine::measure::monitor::CpuSample;
use crate::engine::results::metrics::ExperimentResult;
use crate::tr;

/// Most cores drawn as lines; more become a heat map (17 lines are noise).
pub const MAX_LINES: usize = 16;
/// Room left of the plot for the y axis, px.
const Y_AXIS: i32 = 80;
/// Room right of the plot (the heat map's colour scale), px.
const RIGHT: i32 = 110;
/// Rows of run names above the plot, at most.
const TAG_ROWS: usize = 3;
/// Height of one row of run names, px.
const TAG_ROW: i32 = 20;
/// Height of the strip marking each run's repetitions under the names, px.
const STRIP: i32 = 10;
/// Smallest heat map row, px.
const MIN_CORE_ROW: u32 = 6;

/// Cores in the result's samples.
fn cores(result: &ExperimentResult) -> usize {
    result
        .cpu_samples
        .iter()
        .map(|s| s.usage.len())
        .max()
        .unwrap_or(0)
}

/// Chart height: the default, or taller so that each core of a big heat
/// map keeps a readable row.
pub(super) fn height(result: &ExperimentResult) -> u32 {
    let cores = cores(result);
    if cores <= MAX_LINES {
        return frame::HEIGHT;
    }
    let plot = 400;
    frame::HEIGHT + (cores as u32 * MIN_CORE_ROW).saturating_sub(plot)
}

/// A light-to-dark blue scale (ColorBrewer "Blues"): idle cores fade into
/// the white background, busy ones stand out.
fn heat(load_percent: f64) -> RGBColor {
    const STOPS: [(f64, [f64; 3]); 5] = [
        (0.0, [247.0, 251.0, 255.0]),
        (25.0, [198.0, 219.0, 239.0]),
        (50.0, [107.0, 174.0, 214.0]),
        (75.0, [33.0, 113.0, 181.0]),
        (100.0, [8.0, 48.0, 107.0]),
    ];
    let load = load_percent.clamp(0.0, 100.0);
    let upper = STOPS
        .iter()
        .position(|(at, _)| *at >= load)
        .unwrap_or(STOPS.len() - 1)
        .max(1);
    let (a, ca) = STOPS[upper - 1];
    let (b, cb) = STOPS[upper];
    let f = if b > a { (load - a) / (b - a) } else { 0.0 };
    let mix = |i: usize| (ca[i] + (cb[i] - ca[i]) * f).round() as u8;
    RGBColor(mix(0), mix(1), mix(2))
}

pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    result: &ExperimentResult,
) -> Drawn {
    let mut samples: Vec<&CpuSample> = result.cpu_samples.iter().collect();
    samples.sort_by(|a, b| a.t_s.total_cmp(&b.t_s));
    let cores = cores(result);
    let heat_map = cores > MAX_LINES;
    let interval = median_interval(&samples);
    let extra = match interval {
        Some(interval) => tr!(
            "chart-cpu-every",
            interval = crate::present::units::duration(interval)
        ),
        None => String::new(),
    };
    let area = frame::header(root, result, &ChartKind::Cpu.subject(), &extra)?;

    let area = frame::legend(&area, &legend_items(result, cores), MARGIN + Y_AXIS)?;

    let windows = measured_windows(result);
    let (t0, t1) = time_range(&samples, &windows, heat_map, interval);
    let unit = TimeUnit::for_span(t1 - t0);
    let scale = unit.scale();
    let (x0, x1) = (t0 * scale, t1 * scale);

    // Run names above the plot, placed where they do not collide.
    let (width, _) = area.dim_in_pixel();
    let (base_x, _) = area.get_base_pixel();
    let plot_left = base_x + MARGIN + Y_AXIS;
    let plot_right = base_x + width as i32 - RIGHT;
    let to_px = |t: f64| {
        plot_left + ((t * scale - x0) / (x1 - x0) * f64::from(plot_right - plot_left)) as i32
    };
    let tags = run_tags(result, to_px);
    let tag_style = text(14, frame::INK);
    let placed = frame::place_tags(
        &area,
        &tags,
        &tag_style,
        (plot_left - Y_AXIS / 2, plot_right + RIGHT / 2),
        TAG_ROWS,
    )?;
    let rows = placed.iter().map(|p| p.row + 1).max().unwrap_or(0) as i32;
    let band = if windows.is_empty() {
        8
    } else {
        rows * TAG_ROW + STRIP + 8
    };

    let (y_range, y_desc) = if heat_map {
        (0.0..cores as f64, tr!("chart-cpu-logical-core"))
    } else {
        (0.0..100.0, tr!("chart-cpu-load"))
    };
    let mut chart = ChartBuilder::on(&area)
        .margin_left(MARGIN)
        .margin_right(RIGHT)
        .margin_top(band)
        .margin_bottom(10)
        .x_label_area_size(56)
        .y_label_area_size(Y_AXIS)
        .build_cartesian_2d(x0..x1, y_range)?;
    let x_desc = tr!("chart-time-since-experiment", unit = unit.symbol());
    let x_label = |v: &f64| frame::tick(*v, x1 - x0);
    let y_label = |v: &f64| frame::tick(*v, 100.0);
    let mut mesh = chart.configure_mesh();
    frame::house_mesh(&mut mesh, frame::LABEL_SIZE)
        .x_desc(x_desc)
        .y_desc(y_desc)
        .x_labels(12)
        .y_labels(if heat_map { 0 } else { 6 })
        .x_label_formatter(&x_label)
        .y_label_formatter(&y_label)
        .draw()?;
    let y_top = chart.y_range().end;
    draw_run_windows(root, &mut chart, &windows, heat_map, scale)?;
    draw_run_names(root, &chart, &placed, x0)?;

    if samples.is_empty() {
        let (centre_x, _) = chart.backend_coord(&((x0 + x1) / 2.0, 0.0));
        let (_, centre_y) = chart.backend_coord(&(x0, y_top / 2.0));
        root.draw_text(
            &tr!("chart-cpu-no-samples"),
            &anchored(text(22, frame::MUTED), HPos::Center, VPos::Center),
            (centre_x, centre_y),
        )?;
        return Ok(());
    }

    if heat_map {
        draw_heat_map(
            root,
            &mut chart,
            &samples,
            cores,
            interval.unwrap_or(0.25),
            scale,
        )?;
    } else {
        draw_core_lines(&mut chart, &samples, cores, scale)?;
    }
    Ok(())
}

/// One entry per core while they are drawn as lines; past that one entry
/// for the heat map, as 17 or more entries would crowd out the plot.
fn legend_items(result: &ExperimentResult, cores: usize) -> Vec<LegendItem> {
    let mut items = Vec::new();
    if cores > MAX_LINES {
        items.push(LegendItem::new(
            Swatch::Fill(heat(80.0).to_rgba()),
            tr!("chart-cpu-heat-legend", cores = cores),
        ));
    } else {
        for core in 0..cores {
            items.push(LegendItem::new(
                Swatch::Line(frame::core_color(core)),
                tr!("cpu-core", core = core),
            ));
        }
    }
    if result.runs.iter().any(|r| !r.windows_s.is_empty()) {
        items.push(LegendItem::new(
            Swatch::Fill(frame::run_color(0).mix(0.25)),
            tr!("chart-cpu-runs-legend"),
        ));
    }
    items
}

/// Every measured repetition's window, with the index of its run (for
/// its colour).
fn measured_windows(result: &ExperimentResult) -> Vec<(usize, [f64; 2])> {
    result
        .runs
        .iter()
        .enumerate()
        .flat_map(|(i, r)| r.windows_s.iter().map(move |w| (i, *w)))
        .collect()
}

/// The time range, s: it covers the samples and every measured window, so
/// no run is shaded off the plot. A heat map's first column covers the
/// interval before its sample, so the range reaches back that far.
fn time_range(
    samples: &[&CpuSample],
    windows: &[(usize, [f64; 2])],
    heat_map: bool,
    interval: Option<f64>,
) -> (f64, f64) {
    let mut t0 = 0.0f64;
    let mut t1 = 0.0f64;
    for t in samples
        .iter()
        .map(|s| s.t_s)
        .chain(windows.iter().flat_map(|(_, w)| *w))
        .filter(|t| t.is_finite())
    {
        t0 = t0.min(t);
        t1 = t1.max(t);
    }
    if heat_map && let (Some(first), Some(interval)) = (samples.first(), interval) {
        t0 = t0.min(first.t_s - interval);
    }
    if t1 - t0 <= 0.0 {
        t1 = t0 + 1.0;
    }
    (t0, t1)
}

/// A name per run with measured repetitions, spanning from its first
/// window's start to its last one's end (in pixels, via `to_px`).
fn run_tags(result: &ExperimentResult, to_px: impl Fn(f64) -> i32) -> Vec<Tag> {
    result
        .runs
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.windows_s.is_empty())
        .map(|(i, r)| {
            let start = r
                .windows_s
                .iter()
                .map(|w| w[0])
                .fold(f64::INFINITY, f64::min);
            let end = r
                .windows_s
                .iter()
                .map(|w| w[1])
                .fold(f64::NEG_INFINITY, f64::max);
            Tag {
                x0: to_px(start),
                x1: to_px(end),
                text: r.label.clone(),
                color: frame::run_color(i),
            }
        })
        .collect()
}

/// Shading of measured repetitions and the strip under the run names. A
/// heat map gets the strip only: shading would change its colours.
fn draw_run_windows<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &mut Chart<'_, DB>,
    windows: &[(usize, [f64; 2])],
    heat_map: bool,
    scale: f64,
) -> Drawn {
    let y_top = chart.y_range().end;
    for (run, [start, end]) in windows {
        let color = frame::run_color(*run);
        if !heat_map {
            chart.draw_series(std::iter::once(Rectangle::new(
                [(start * scale, 0.0), (end * scale, y_top)],
                color.mix(0.14).filled(),
            )))?;
        }
        let (left, top) = chart.backend_coord(&(start * scale, y_top));
        let (right, _) = chart.backend_coord(&(end * scale, y_top));
        root.draw(&Rectangle::new(
            [(left, top - STRIP - 4), (right.max(left + 1), top - 4)],
            color.filled(),
        ))?;
    }
    Ok(())
}

/// The run names above the strip, in the rows they were placed in.
fn draw_run_names<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart<'_, DB>,
    placed: &[PlacedTag],
    x0: f64,
) -> Drawn {
    let y_top = chart.y_range().end;
    let plot_top = chart.backend_coord(&(x0, y_top)).1;
    for tag in placed {
        let y = plot_top - STRIP - 8 - tag.row as i32 * TAG_ROW;
        root.draw_text(
            &tag.text,
            &anchored(text(14, darker(tag.tag.color)), HPos::Left, VPos::Bottom),
            (tag.left, y),
        )?;
    }
    Ok(())
}

/// One line per core.
fn draw_core_lines<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    samples: &[&CpuSample],
    cores: usize,
    scale: f64,
) -> Drawn {
    for core in 0..cores {
        let points: Vec<(f64, f64)> = samples
            .iter()
            .filter_map(|s| Some((s.t_s * scale, f64::from(*s.usage.get(core)?))))
            .collect();
        let color = frame::core_color(core);
        // With few samples, dots show where the measurements are.
        if points.len() <= 60 {
            chart.draw_series(points.iter().map(|p| Circle::new(*p, 3, color.filled())))?;
        }
        chart.draw_series(LineSeries::new(points, color.stroke_width(2)))?;
    }
    Ok(())
}

/// A darker shade of a run colour, for text that must read on white.
fn darker(color: RGBColor) -> RGBColor {
    let d = |c: u8| (f64::from(c) * 0.7) as u8;
    RGBColor(d(color.0), d(color.1), d(color.2))
}

/// The usual distance between samples, s.
fn median_interval(samples: &[&CpuSample]) -> Option<f64> {
    let mut gaps: Vec<f64> = samples
        .windows(2)
        .map(|w| w[1].t_s - w[0].t_s)
        .filter(|g| *g > 0.0)
        .collect();
    if gaps.is_empty() {
        return None;
    }
    gaps.sort_by(f64::total_cmp);
    Some(gaps[gaps.len() / 2])
}

type Chart<'a, DB> = ChartContext<
    'a,
    DB,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// Core × time cells (a sample's load covers the interval before it, as
/// sysinfo measures it), at most one column per pixel, and the scale.
fn draw_heat_map<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &mut Chart<'_, DB>,
    samples: &[&CpuSample],
    cores: usize,
    interval: f64,
    scale: f64,
) -> Drawn {
    let (plot_x, plot_y) = chart.plotting_area().get_pixel_range();
    let columns = (plot_x.end - plot_x.start).max(1) as usize;
    let group = samples.len().div_ceil(columns).max(1);
    let mut cells = Vec::new();
    let mut previous_end = samples.first().map_or(0.0, |s| s.t_s - interval);
    for chunk in samples.chunks(group) {
        let end = chunk.last().map_or(previous_end, |s| s.t_s);
        // Long gaps (the monitor was stopped) stay blank.
        let start = previous_end.max(end - interval * group as f64 * 1.5);
        for core in 0..cores {
            let loads: Vec<f64> = chunk
                .iter()
                .filter_map(|s| s.usage.get(core).map(|u| f64::from(*u)))
                .collect();
            if loads.is_empty() {
                continue;
            }
            let load = loads.iter().sum::<f64>() / loads.len() as f64;
            let y = (cores - core - 1) as f64;
            cells.push(Rectangle::new(
                [(start * scale, y), (end * scale, y + 1.0)],
                heat(load).filled(),
            ));
        }
        previous_end = end;
    }
    chart.draw_series(cells)?;

    // Core names, as many as fit.
    let row = f64::from(plot_y.end - plot_y.start) / cores as f64;
    let every = (18.0 / row).ceil().max(1.0) as usize;
    let x0 = chart.x_range().start;
    let style = anchored(text(13, frame::INK), HPos::Right, VPos::Center);
    for core in (0..cores).step_by(every) {
        let (x, y) = chart.backend_coord(&(x0, (cores - core - 1) as f64 + 0.5));
        root.draw_text(&format!("{core}"), &style, (x - 6, y))?;
    }

    // The colour scale.
    let left = plot_x.end + 24;
    let (top, bottom) = (plot_y.start, plot_y.end);
    let steps = 100;
    for step in 0..steps {
        let y0 = bottom - (bottom - top) * step / steps;
        let y1 = bottom - (bottom - top) * (step + 1) / steps;
        root.draw(&Rectangle::new(
            [(left, y1), (left + 16, y0)],
            heat(f64::from(step) + 0.5).filled(),
        ))?;
    }
    root.draw(&Rectangle::new(
        [(left, top), (left + 16, bottom)],
        frame::AXIS,
    ))?;
    let label = anchored(text(13, frame::INK), HPos::Left, VPos::Center);
    for load in [0, 25, 50, 75, 100] {
        let y = bottom - (bottom - top) * load / 100;
        root.draw_text(&format!("{load} %"), &label, (left + 22, y))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_heat_scale_runs_from_near_white_to_dark_blue() {
        assert_eq!(heat(0.0), RGBColor(247, 251, 255));
        assert_eq!(heat(100.0), RGBColor(8, 48, 107));
        assert_eq!(heat(50.0), RGBColor(107, 174, 214));
        assert_eq!(heat(250.0), heat(100.0));
        assert_eq!(heat(-5.0), heat(0.0));
    }
}
