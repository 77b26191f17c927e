//! Timeline: small multiples, one panel per run (its last repetition), one
//! lane per worker that ran tasks — and, where tasks overlapped on a worker
//! (an event loop), a row per overlapping task, as the window draws them.
//! Bars come from the same model and the same merging as the window's
//! ([`TimelineModel::bars`]): narrower than a pixel merged into the dominant
//! state, a pixel's gap between tasks that follow each other. Every panel
//! has the same time scale, so a run twice as long is drawn twice as wide.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{self, LegendItem, MARGIN, Swatch, anchored, text};
use super::{ChartKind, Drawn};
use crate::engine::measure::spans::TaskState;
use crate::engine::results::metrics::{ExperimentResult, RunSummary};
use crate::engine::view::series;
use crate::engine::view::timeline::{Bar, BarKind, TimelineModel};
use crate::tr;

/// Most lanes a panel draws; the others are counted in its caption.
pub const MAX_LANES: usize = 64;
/// Room left of the lanes for their names, px.
const LANE_NAMES: i32 = 150;
/// Room right of the plot, px.
const RIGHT: i32 = 36;
/// Space for a panel's caption, px.
const CAPTION: i32 = 30;
/// Space for a panel's tick labels, px.
const TICKS: i32 = 30;
/// Space for the time axis description under the last panel, px.
const AXIS_DESC: i32 = 26;
/// Space between panels, px.
const GAP: i32 = 16;
/// Height of a panel for a run without tasks, px.
const EMPTY_PANEL: i32 = CAPTION + 34;
/// Header and legend above the panels, px (the legend has at most 2 rows).
const TOP: i32 = 78 + 2 * 24 + 10;
/// Row heights, px: as tall as reads well, as short as still shows a bar.
const ROW_MAX: i32 = 24;
const ROW_MIN: i32 = 2;
/// Rows of all panels together get about this many px.
const ROWS_BUDGET: i32 = 6000;
/// One panel's rows get at most this many px.
const PANEL_BUDGET: i32 = 380;

/// One run's panel, laid out.
struct Panel<'a> {
    run: &'a RunSummary,
    model: TimelineModel,
    /// Lanes drawn (the first [`MAX_LANES`] by name), as indices into the model.
    lanes: Vec<usize>,
    /// Rows drawn, top to bottom: (lane, row within the lane).
    rows: Vec<(usize, usize)>,
    /// Height of a row, px.
    row_height: i32,
    /// Height of the whole panel, px.
    height: i32,
}

/// Panels of every run: rows shrink as they add up, so a result with many
/// runs of many workers stays a picture, not a poster.
fn panels(result: &ExperimentResult) -> Vec<Panel<'_>> {
    let runs = result.runs.len().max(1) as i32;
    let budget = PANEL_BUDGET.min(ROWS_BUDGET / runs);
    let last = result.runs.len().saturating_sub(1);
    result
        .runs
        .iter()
        .enumerate()
        .map(|(index, run)| {
            let model = TimelineModel::new(run.spans.clone(), &run.lanes);
            let mut lanes: Vec<usize> = (0..model.lanes().len()).collect();
            lanes.sort_by_cached_key(|&l| natural_key(&model.lanes()[l].info.name));
            lanes.truncate(MAX_LANES);
            let rows: Vec<(usize, usize)> = lanes
                .iter()
                .flat_map(|&lane| (0..model.lane_rows(lane)).map(move |row| (lane, row)))
                .collect();
            let axis = if index == last { AXIS_DESC } else { 0 };
            if rows.is_empty() {
                return Panel {
                    run,
                    model,
                    lanes,
                    rows,
                    row_height: 0,
                    height: EMPTY_PANEL + axis,
                };
            }
            let row_height = (budget / rows.len() as i32).clamp(ROW_MIN, ROW_MAX);
            let height = CAPTION + row_height * rows.len() as i32 + TICKS + axis + GAP;
            Panel {
                run,
                model,
                lanes,
                rows,
                row_height,
                height,
            }
        })
        .collect()
}

/// A name split into its text and its trailing number, for sorting.
fn natural_key(name: &str) -> (String, u64) {
    let digits = name.len() - name.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (text, number) = name.split_at(name.len() - digits);
    (text.to_owned(), number.parse().unwrap_or(0))
}

/// Chart height for the result's panels.
pub(super) fn height(result: &ExperimentResult) -> u32 {
    let panels: i32 = panels(result).iter().map(|p| p.height).sum();
    (TOP + panels.max(60) + MARGIN) as u32
}

fn bar_color(bar: &Bar) -> RGBColor {
    match bar.kind {
        BarKind::State(state) => frame::state_color(state),
        BarKind::Failed => FAILED,
    }
}

/// Every panel's bars, per drawn row, at one pixel's resolution.
fn panel_bars(panel: &Panel<'_>, end_us: f64, columns: usize) -> Vec<Vec<Bar>> {
    let min_us = (end_us / columns.max(1) as f64).ceil().max(1.0) as u64;
    panel
        .rows
        .iter()
        .map(|&(lane, row)| {
            let mut bars = Vec::new();
            panel
                .model
                .bars(lane, row, 0, end_us as u64, min_us, &mut bars);
            bars
        })
        .collect()
}

pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    result: &ExperimentResult,
) -> Drawn {
    let panels = panels(result);
    let (width, _) = root.dim_in_pixel();
    let columns = (width as i32 - MARGIN - LANE_NAMES - RIGHT).max(1) as usize;
    // One time scale for every panel: the longest run's.
    let end_us = panels
        .iter()
        .map(|p| panel_end_us(p.run))
        .fold(1000.0, f64::max);
    // Bars first: the legend mentions only what is drawn.
    let bars: Vec<Vec<Vec<Bar>>> = panels
        .iter()
        .map(|p| panel_bars(p, end_us, columns))
        .collect();
    let drawn = |state: TaskState| {
        bars.iter()
            .flatten()
            .flatten()
            .any(|bar| bar.kind == BarKind::State(state))
    };
    let failed = panels.iter().any(|p| p.run.spans.iter().any(|s| !s.ok));

    let area = frame::header(
        root,
        result,
        &ChartKind::Timeline.subject(),
        &tr!("chart-timeline-extra"),
    )?;
    let mut items = Vec::new();
    for state in [TaskState::Running, TaskState::GilWait, TaskState::IoWait] {
        if drawn(state) {
            items.push(LegendItem::new(
                Swatch::Fill(frame::state_color(state).to_rgba()),
                frame::state_name(state),
            ));
        }
    }
    if failed {
        items.push(LegendItem::new(
            Swatch::Line(FAILED),
            tr!("chart-timeline-failed"),
        ));
    }
    let area = frame::legend(&area, &items, MARGIN + LANE_NAMES)?;

    if panels.is_empty() {
        let (w, h) = area.dim_in_pixel();
        area.draw_text(
            &frame::no_runs(result),
            &anchored(text(20, frame::MUTED), HPos::Center, VPos::Center),
            (w as i32 / 2, (h as i32 / 2).min(120)),
        )?;
        return Ok(());
    }

    let mut top = 0;
    let last = panels.len() - 1;
    for (index, (panel, bars)) in panels.iter().zip(&bars).enumerate() {
        let panel_area = area.margin(top, 0, 0, 0).split_vertically(panel.height).0;
        top += panel.height;
        draw_panel(root, &panel_area, panel, bars, end_us, index == last)?;
    }
    Ok(())
}

/// Failed-task marks.
const FAILED: RGBColor = RGBColor(0, 0, 0);

/// A run's time range: its last task's end, µs (at least 1 ms).
fn panel_end_us(run: &RunSummary) -> f64 {
    (series::duration_s(&run.spans) * 1e6).max(1000.0)
}

fn draw_panel<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    area: &DrawingArea<DB, Shift>,
    panel: &Panel<'_>,
    bars: &[Vec<Bar>],
    end_us: f64,
    last: bool,
) -> Drawn {
    caption(area, panel)?;
    if panel.rows.is_empty() {
        area.draw_text(
            &tr!("chart-timeline-no-tasks"),
            &anchored(text(15, frame::MUTED), HPos::Left, VPos::Top),
            (MARGIN + LANE_NAMES, CAPTION + 6),
        )?;
        return Ok(());
    }
    let rows = panel.rows.len();
    let end_ms = end_us / 1000.0;
    let mut chart = ChartBuilder::on(area)
        .margin_left(MARGIN)
        .margin_right(RIGHT)
        .margin_top(CAPTION)
        .margin_bottom(GAP)
        .x_label_area_size(TICKS + if last { AXIS_DESC } else { 0 })
        .y_label_area_size(LANE_NAMES)
        .build_cartesian_2d(0.0..end_ms, 0.0..rows as f64)?;
    let ms = tr!("unit-ms-short");
    let x_label = |v: &f64| format!("{} {ms}", frame::tick(*v, end_ms));
    let mut mesh = chart.configure_mesh();
    frame::house_mesh(&mut mesh, 14)
        .x_labels(10)
        .y_labels(0)
        .disable_y_mesh()
        .x_label_formatter(&x_label);
    let axis_desc = tr!("chart-timeline-axis");
    if last {
        mesh.x_desc(axis_desc.as_str());
    }
    mesh.draw()?;

    // Lanes alternate faintly, so a lane (all its rows) reads across.
    let y_of = |row: usize| (rows - row - 1) as f64;
    let pad = if panel.row_height >= 8 { 0.14 } else { 0.0 };
    let mut shaded = false;
    let mut previous_lane = None;
    for (index, &(lane, _)) in panel.rows.iter().enumerate() {
        if previous_lane != Some(lane) {
            shaded = !shaded;
            previous_lane = Some(lane);
        }
        if shaded && panel.row_height >= 6 {
            chart.draw_series(std::iter::once(Rectangle::new(
                [(0.0, y_of(index)), (end_ms, y_of(index) + 1.0)],
                RGBColor(0xf4, 0xf4, 0xf4).filled(),
            )))?;
        }
    }
    for (index, row_bars) in bars.iter().enumerate() {
        let y = y_of(index);
        chart.draw_series(row_bars.iter().map(|bar| {
            let (from, to) = (bar.start_us as f64 / 1000.0, bar.end_us as f64 / 1000.0);
            let style = bar_color(bar).filled();
            match bar.kind {
                BarKind::Failed => Rectangle::new([(from, y), (to, y + 1.0)], style),
                BarKind::State(_) => Rectangle::new([(from, y + pad), (to, y + 1.0 - pad)], style),
            }
        }))?;
    }
    // Lane names on each lane's first row, as many as fit without overlapping.
    let every = if panel.row_height >= 14 {
        1
    } else {
        (14 / panel.row_height.max(1) + 1) as usize
    };
    let name_style = anchored(text(13, frame::INK), HPos::Right, VPos::Center);
    let mut named = 0;
    for (index, &(lane, row)) in panel.rows.iter().enumerate() {
        if row != 0 {
            continue;
        }
        named += 1;
        if (named - 1) % every != 0 {
            continue;
        }
        let (x, y) = chart.backend_coord(&(0.0, y_of(index) + 0.5));
        let info = &panel.model.lanes()[lane].info;
        let name = frame::fit(area, &info.name, &name_style, LANE_NAMES - 16)?;
        root.draw_text(&name, &name_style, (x - 8, y))?;
    }
    Ok(())
}

/// The run's label, then what the panel holds.
fn caption<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, panel: &Panel<'_>) -> Drawn {
    let run = panel.run;
    let label_style = text(17, frame::INK);
    let (width, _) = area.dim_in_pixel();
    let label = frame::fit(area, &run.label, &label_style, width as i32 / 2)?;
    area.draw_text(
        &label,
        &anchored(label_style.clone(), HPos::Left, VPos::Top),
        (MARGIN, 4),
    )?;
    let label_width = frame::text_width(area, &label, &label_style)?;
    let tasks = run.spans.len();
    let failed = run.spans.iter().filter(|s| !s.ok).count();
    let mut about = Vec::new();
    if run.label != run.model.name() {
        about.push(run.model.name().to_owned());
    }
    about.push(workers_text(run));
    about.push(tr!("chart-tasks", count = tasks));
    if failed > 0 {
        about.push(tr!("chart-failed-tasks", count = failed));
    }
    let hidden = panel.model.lanes().len().saturating_sub(panel.lanes.len());
    if hidden > 0 {
        about.push(tr!("chart-more-lanes", count = hidden));
    }
    if let Some(reason) = &run.error {
        about.push(tr!(
            "explain-could-not-run",
            error = reason.lines().next().unwrap_or_default().to_owned()
        ));
    }
    if !run.spans.is_empty() {
        about.push(frame::duration(series::duration_s(&run.spans)));
    }
    let details_style = text(15, frame::MUTED);
    let details = frame::fit(
        area,
        &format!("— {}", about.join(" · ")),
        &details_style,
        width as i32 - MARGIN * 2 - label_width - 10,
    )?;
    area.draw_text(
        &details,
        &anchored(details_style, HPos::Left, VPos::Top),
        (MARGIN + label_width + 10, 6),
    )?;
    Ok(())
}

/// "8 workers", "1 worker".
fn workers_text(run: &RunSummary) -> String {
    tr!("chart-workers", count = run.lanes.len().max(run.workers))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_sort_by_name_with_numbers_by_value() {
        let mut names = vec!["lab-worker-10", "lab-worker-2", "process 7", "lab-exec"];
        names.sort_by_key(|n| natural_key(n));
        assert_eq!(
            names,
            ["lab-exec", "lab-worker-2", "lab-worker-10", "process 7"]
        );
    }
}
