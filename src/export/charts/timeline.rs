//! Timeline: small multiples, one panel per run (its last repetition), one
//! lane per worker that ran tasks, each task's segments coloured by state.
//! Segments narrower than a pixel are merged ([`series::lane_bars`]), so
//! 100,000 tasks draw as a few thousand rectangles.

use std::collections::BTreeMap;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{self, LegendItem, MARGIN, Swatch, anchored, text};
use super::{ChartKind, Drawn};
use crate::engine::measure::spans::{TaskSpan, TaskState};
use crate::engine::results::metrics::{ExperimentResult, RunSummary};
use crate::engine::view::series::{self, LaneBar};

/// Most lanes a panel draws; the rest are merged into one summary lane.
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
/// Lane heights, px: as tall as reads well, as short as still shows a bar.
const LANE_MAX: i32 = 24;
const LANE_MIN: i32 = 3;
/// Lanes of all panels together get about this many px.
const LANES_BUDGET: i32 = 6000;
/// One panel's lanes get at most this many px.
const PANEL_BUDGET: i32 = 380;

/// One run's panel, laid out.
struct Panel<'a> {
    run: &'a RunSummary,
    /// Lanes drawn, top to bottom: a name and the spans on it.
    lanes: Vec<(String, Vec<&'a TaskSpan>)>,
    /// Height of a lane, px.
    lane_height: i32,
    /// Height of the whole panel, px.
    height: i32,
}

/// Panels of every run: lane heights shrink as lanes add up, so a result
/// with many runs of many workers stays a picture, not a poster.
fn panels(result: &ExperimentResult) -> Vec<Panel<'_>> {
    let runs = result.runs.len().max(1) as i32;
    let budget = PANEL_BUDGET.min(LANES_BUDGET / runs);
    let last = result.runs.len().saturating_sub(1);
    result
        .runs
        .iter()
        .enumerate()
        .map(|(index, run)| {
            let lanes = lanes(run);
            let axis = if index == last { AXIS_DESC } else { 0 };
            if lanes.is_empty() {
                return Panel {
                    run,
                    lanes,
                    lane_height: 0,
                    height: EMPTY_PANEL + axis,
                };
            }
            let lane_height = (budget / lanes.len() as i32).clamp(LANE_MIN, LANE_MAX);
            let height = CAPTION + lane_height * lanes.len() as i32 + TICKS + axis + GAP;
            Panel {
                run,
                lanes,
                lane_height,
                height,
            }
        })
        .collect()
}

/// The lanes of a run that ran tasks, named, with their spans, sorted by
/// name (numbers by value: lab-worker-2 before lab-worker-10); beyond
/// [`MAX_LANES`], the last lane sums up the others.
fn lanes(run: &RunSummary) -> Vec<(String, Vec<&TaskSpan>)> {
    let mut by_lane: BTreeMap<u32, Vec<&TaskSpan>> = BTreeMap::new();
    for span in &run.spans {
        by_lane.entry(span.worker).or_default().push(span);
    }
    let name = |id: u32| {
        run.lanes
            .iter()
            .find(|lane| lane.id == id)
            .map_or_else(|| format!("lane {id}"), |lane| lane.name.clone())
    };
    let mut lanes: Vec<(String, Vec<&TaskSpan>)> = by_lane
        .into_iter()
        .map(|(id, spans)| (name(id), spans))
        .collect();
    lanes.sort_by_cached_key(|(name, _)| natural_key(name));
    if lanes.len() > MAX_LANES {
        let more = lanes.len() - (MAX_LANES - 1);
        let rest: Vec<&TaskSpan> = lanes
            .drain(MAX_LANES - 1..)
            .flat_map(|(_, spans)| spans)
            .collect();
        lanes.push((format!("+{more} more lanes"), rest));
    }
    lanes
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

/// A lane bar's colour: its state's, lighter the less of its time was busy.
fn bar_color(bar: &LaneBar) -> RGBAColor {
    frame::state_color(bar.state).mix(0.25 + 0.75 * f64::from(bar.occupancy))
}

pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    result: &ExperimentResult,
) -> Drawn {
    let panels = panels(result);
    let (width, _) = root.dim_in_pixel();
    let columns = (width as i32 - MARGIN - LANE_NAMES - RIGHT).max(1) as usize;

    // Bars first: the legend mentions only what is drawn.
    let mut bars: Vec<Vec<Vec<LaneBar>>> = Vec::with_capacity(panels.len());
    for panel in &panels {
        let end_us = panel_end_us(panel.run);
        bars.push(
            panel
                .lanes
                .iter()
                .map(|(_, spans)| series::lane_bars(spans.iter().copied(), 0.0, end_us, columns))
                .collect(),
        );
    }
    let drawn = |state: TaskState| {
        bars.iter()
            .flatten()
            .flatten()
            .any(|bar| bar.state == state)
    };
    // Partly busy stretches wider than a column; a single partial column
    // is only the anti-aliased edge of a long task and needs no explanation.
    let partial = panels.iter().zip(&bars).any(|(panel, lanes)| {
        let column_us = panel_end_us(panel.run) / columns as f64;
        lanes
            .iter()
            .flatten()
            .any(|bar| bar.occupancy < 1.0 && bar.end_us - bar.start_us > 1.5 * column_us)
    });
    let failed = panels.iter().any(|p| p.run.spans.iter().any(|s| !s.ok));

    let area = frame::header(
        root,
        result,
        ChartKind::Timeline.subject(),
        "each run's last repetition",
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
    if partial {
        items.push(LegendItem::new(
            Swatch::Fill(frame::RUNNING.mix(0.45)),
            "lighter: busy only part of that time (tasks shorter than a pixel)",
        ));
    }
    if failed {
        items.push(LegendItem::new(
            Swatch::Line(FAILED),
            "end of a failed or cancelled task",
        ));
    }
    let area = frame::legend(&area, &items, MARGIN + LANE_NAMES)?;

    if panels.is_empty() {
        let (w, h) = area.dim_in_pixel();
        area.draw_text(
            frame::no_runs(result),
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
        draw_panel(root, &panel_area, panel, bars, index == last)?;
    }
    Ok(())
}

/// Failed-task marks.
const FAILED: RGBColor = RGBColor(0, 0, 0);

/// A panel's time range: its last task's end, µs (at least 1 ms).
fn panel_end_us(run: &RunSummary) -> f64 {
    (series::duration_s(&run.spans) * 1e6).max(1000.0)
}

fn draw_panel<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    area: &DrawingArea<DB, Shift>,
    panel: &Panel<'_>,
    bars: &[Vec<LaneBar>],
    last: bool,
) -> Drawn {
    let run = panel.run;
    // Caption: the run's label, then what the panel holds.
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
    about.push(format!("{tasks} task{}", if tasks == 1 { "" } else { "s" }));
    if failed > 0 {
        about.push(format!("{failed} failed"));
    }
    if let Some(reason) = &run.error {
        about.push(format!(
            "could not run: {}",
            reason.lines().next().unwrap_or_default()
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

    if panel.lanes.is_empty() {
        area.draw_text(
            "no tasks recorded",
            &anchored(text(15, frame::MUTED), HPos::Left, VPos::Top),
            (MARGIN + LANE_NAMES, CAPTION + 6),
        )?;
        return Ok(());
    }

    let lanes = panel.lanes.len();
    let end_ms = panel_end_us(run) / 1000.0;
    let mut chart = ChartBuilder::on(area)
        .margin_left(MARGIN)
        .margin_right(RIGHT)
        .margin_top(CAPTION)
        .margin_bottom(GAP)
        .x_label_area_size(TICKS + if last { AXIS_DESC } else { 0 })
        .y_label_area_size(LANE_NAMES)
        .build_cartesian_2d(0.0..end_ms, 0.0..lanes as f64)?;
    let x_label = |v: &f64| format!("{} ms", frame::tick(*v, end_ms));
    let mut mesh = chart.configure_mesh();
    frame::house_mesh(&mut mesh, 14)
        .x_labels(10)
        .y_labels(0)
        .disable_y_mesh()
        .x_label_formatter(&x_label);
    if last {
        mesh.x_desc("time since the repetition's start (ms)");
    }
    mesh.draw()?;

    // Lane backgrounds alternate faintly, so a lane reads across the panel.
    let pad = if panel.lane_height >= 8 { 0.14 } else { 0.0 };
    let y_of = |row: usize| (lanes - row - 1) as f64;
    if panel.lane_height >= 8 {
        chart.draw_series((0..lanes).filter(|row| row % 2 == 1).map(|row| {
            Rectangle::new(
                [(0.0, y_of(row)), (end_ms, y_of(row) + 1.0)],
                RGBColor(0xf4, 0xf4, 0xf4).filled(),
            )
        }))?;
    }
    for (row, lane_bars) in bars.iter().enumerate() {
        let y = y_of(row);
        chart.draw_series(lane_bars.iter().map(|bar| {
            Rectangle::new(
                [
                    (bar.start_us / 1000.0, y + pad),
                    (bar.end_us / 1000.0, y + 1.0 - pad),
                ],
                bar_color(bar).filled(),
            )
        }))?;
    }

    // A thin white cut where each task at least 4 px wide starts, so tasks
    // that follow each other without a gap still read as separate tasks.
    let (plot_x, _) = chart.plotting_area().get_pixel_range();
    let px_per_ms = f64::from(plot_x.end - plot_x.start) / end_ms;
    for (row, (_, spans)) in panel.lanes.iter().enumerate() {
        let mut starts: Vec<i64> = spans
            .iter()
            .filter(|s| s.duration_us() as f64 / 1000.0 * px_per_ms >= 4.0 && s.start_us > 0)
            .map(|s| (s.start_us as f64 / 1000.0 * px_per_ms).round() as i64)
            .filter(|px| *px > 0)
            .collect();
        starts.sort_unstable();
        starts.dedup();
        let y = y_of(row);
        chart.draw_series(starts.into_iter().map(|px| {
            let x = px as f64 / px_per_ms;
            PathElement::new(
                vec![(x, y + pad), (x, y + 1.0 - pad)],
                WHITE.stroke_width(1),
            )
        }))?;
    }

    // Failed tasks: a black mark at the end, at most one per pixel and lane.
    for (row, (_, spans)) in panel.lanes.iter().enumerate() {
        let mut marked: Vec<i64> = spans
            .iter()
            .filter(|s| !s.ok)
            .map(|s| (s.end_us as f64 / 1000.0 * px_per_ms) as i64)
            .collect();
        marked.sort_unstable();
        marked.dedup();
        let y = y_of(row);
        chart.draw_series(marked.into_iter().map(|px| {
            let x = px as f64 / px_per_ms;
            PathElement::new(vec![(x, y), (x, y + 1.0)], FAILED.stroke_width(2))
        }))?;
    }

    // Lane names, as many as fit without overlapping: every few lanes, and
    // always the last one (the summary lane, or where the count ends).
    let every = if panel.lane_height >= 16 {
        1
    } else {
        (16 / panel.lane_height.max(1) + 1) as usize
    };
    let name_style = anchored(text(13, frame::INK), HPos::Right, VPos::Center);
    for (row, (name, _)) in panel.lanes.iter().enumerate() {
        let last_row = row == lanes - 1;
        if !last_row && (row % every != 0 || lanes - 1 - row < every) {
            continue;
        }
        let (x, y) = chart.backend_coord(&(0.0, y_of(row) + 0.5));
        let name = frame::fit(area, name, &name_style, LANE_NAMES - 16)?;
        root.draw_text(&name, &name_style, (x - 8, y))?;
    }
    Ok(())
}

/// "8 workers", "1 worker".
fn workers_text(run: &RunSummary) -> String {
    let lanes = run.lanes.len().max(run.workers);
    format!("{lanes} worker{}", if lanes == 1 { "" } else { "s" })
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
