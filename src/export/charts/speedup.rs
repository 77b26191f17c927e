//! Speed-up: one bar per run against 1× (the baseline) and the ideal (one
//! per logical core), with the spread over repetitions.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{self, LegendItem, MARGIN, Swatch, anchored, text};
use super::{ChartKind, DrawError, Drawn};
use crate::engine::results::metrics::{ExperimentResult, RunSummary};
use crate::tr;

/// The 1× line, as in the window.
const BASELINE: RGBColor = RGBColor(0x55, 0x55, 0x55);
/// The ideal line, as in the window.
fn ideal_color() -> RGBColor {
    frame::rgb(crate::present::palette::IDEAL)
}

/// Room right of the plot for the reference lines' labels, px.
const RIGHT_LABELS: i32 = 150;
/// Room left of the plot for the y axis, px.
const Y_AXIS: i32 = 80;
/// Run labels are drawn at this size.
const RUN_LABEL_SIZE: u32 = 15;
/// Longest rotated run label, px.
const MAX_ROTATED: i32 = 220;

/// Why a run has no bar.
fn missing_reason(run: &RunSummary, result: &ExperimentResult) -> String {
    if let Some(error) = &run.error {
        let first_line = error.lines().next().unwrap_or_default();
        return tr!(
            "chart-speedup-could-not-run",
            reason = first_line.to_owned()
        );
    }
    if run.repetitions == 0 {
        return if result.cancelled {
            tr!("chart-speedup-cancelled")
        } else {
            tr!("speedup-not-measured")
        };
    }
    match result.runs.get(result.baseline) {
        Some(base) if !base.succeeded() => {
            tr!("chart-speedup-baseline-failed", label = base.label.clone())
        }
        None => tr!("chart-speedup-no-baseline"),
        Some(_) => tr!("chart-speedup-none"),
    }
}

/// The short word under a missing bar.
fn missing_word(run: &RunSummary) -> String {
    if run.error.is_some() {
        tr!("chart-speedup-word-failed")
    } else if run.repetitions == 0 {
        tr!("chart-speedup-word-not-run")
    } else {
        tr!("chart-speedup-word-none")
    }
}

/// How run labels fit under the bars.
enum RunLabels {
    /// Wrapped at spaces, horizontal: lines per run.
    Wrapped(Vec<Vec<String>>),
    /// Turned 90°, reading upwards, shortened to fit.
    Rotated(Vec<String>),
}

impl RunLabels {
    fn layout<DB: DrawingBackend>(
        area: &DrawingArea<DB, Shift>,
        runs: &[RunSummary],
        slot: i32,
    ) -> Result<RunLabels, DrawError> {
        let style = text(RUN_LABEL_SIZE, frame::INK);
        let mut wrapped = Vec::with_capacity(runs.len());
        let mut fits = true;
        for run in runs {
            let lines = frame::wrap(area, &run.label, &style, slot - 8)?;
            for line in &lines {
                fits &= frame::text_width(area, line, &style)? <= slot - 8;
            }
            fits &= lines.len() <= 3;
            wrapped.push(lines);
        }
        if fits {
            return Ok(RunLabels::Wrapped(wrapped));
        }
        let rotated = runs
            .iter()
            .map(|run| frame::fit(area, &run.label, &style, MAX_ROTATED))
            .collect::<Result<_, _>>()?;
        Ok(RunLabels::Rotated(rotated))
    }

    /// Height they need under the axis, px.
    fn height<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<i32, DrawError> {
        let style = text(RUN_LABEL_SIZE, frame::INK);
        Ok(match self {
            RunLabels::Wrapped(lines) => {
                14 + 19 * lines.iter().map(Vec::len).max().unwrap_or(1) as i32
            }
            RunLabels::Rotated(labels) => {
                let mut widest = 0;
                for label in labels {
                    widest = widest.max(frame::text_width(area, label, &style)?);
                }
                16 + widest
            }
        })
    }
}

pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    result: &ExperimentResult,
) -> Drawn {
    let runs = &result.runs;
    let cores = result.machine.cores.max(1);
    let extra = match runs.get(result.baseline) {
        Some(base) => tr!("chart-speedup-baseline", label = base.label.clone()),
        None => String::new(),
    };
    let area = frame::header(root, result, &ChartKind::Speedup.subject(), &extra)?;

    if runs.is_empty() {
        let (w, h) = area.dim_in_pixel();
        area.draw_text(
            &frame::no_runs(result),
            &anchored(text(20, frame::MUTED), HPos::Center, VPos::Center),
            (w as i32 / 2, h as i32 / 2),
        )?;
        return Ok(());
    }

    let area = frame::legend(&area, &legend_items(runs, cores), MARGIN + Y_AXIS)?;
    let (width, _) = area.dim_in_pixel();
    let plot_area = note_runs_without_bars(&area, result)?;

    let n = runs.len();
    let plot_width = width as i32 - MARGIN - Y_AXIS - RIGHT_LABELS;
    let slot = plot_width / n as i32;
    let labels = RunLabels::layout(&plot_area, runs, slot)?;
    let label_height = labels.height(&plot_area)?;

    let ideal = cores as f64;
    let highest = runs
        .iter()
        .filter_map(|r| Some(whisker(r)?.1))
        .chain(runs.iter().filter_map(|r| r.speedup))
        .fold(ideal.max(1.0), f64::max);
    let y_max = highest * 1.15;
    let x_range = -0.5..n as f64 - 0.5;

    let mut chart = ChartBuilder::on(&plot_area)
        .margin_left(MARGIN)
        .margin_right(RIGHT_LABELS)
        .margin_top(12)
        .x_label_area_size(label_height)
        .y_label_area_size(Y_AXIS)
        .build_cartesian_2d(x_range.clone(), 0.0..y_max)?;
    let y_label = |v: &f64| format!("{}×", frame::tick(*v, y_max));
    let mut mesh = chart.configure_mesh();
    frame::house_mesh(&mut mesh, frame::LABEL_SIZE)
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(8)
        .y_desc(tr!("chart-speedup-axis"))
        .y_label_formatter(&y_label)
        .draw()?;

    draw_reference_lines(root, &mut chart, &x_range, cores)?;
    draw_bars(&mut chart, &plot_area, runs)?;
    draw_run_labels(root, &chart, runs, &labels)?;
    Ok(())
}

/// The speed-up chart's coordinates: run index across, speed-up up.
type SpeedupChart<'a, DB> = ChartContext<
    'a,
    DB,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// The legend: the range whisker only when some bar has one (a single
/// repetition has no spread), and the ideal only when there is more than
/// one core to be ideal about. Each bar is in its run's colour, as in the
/// window and every other chart, and named under it: runs need no entries.
fn legend_items(runs: &[RunSummary], cores: usize) -> Vec<LegendItem> {
    let mut items = Vec::new();
    if runs
        .iter()
        .any(|r| r.speedup.is_some() && r.repetitions > 1)
    {
        items.push(LegendItem::new(
            Swatch::Line(frame::INK),
            tr!("chart-speedup-range"),
        ));
    }
    items.push(LegendItem::new(
        Swatch::Dashed(BASELINE),
        tr!("chart-speedup-one"),
    ));
    if cores > 1 {
        items.push(LegendItem::new(
            Swatch::Dashed(ideal_color()),
            tr!("chart-speedup-ideal-legend"),
        ));
    }
    items
}

/// A note under the chart names every run without a bar, and why, so an
/// empty slot is explained where it is seen; returns the area left for the
/// plot.
fn note_runs_without_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    result: &ExperimentResult,
) -> Result<DrawingArea<DB, Shift>, DrawError> {
    let missing: Vec<String> = result
        .runs
        .iter()
        .filter(|r| r.speedup.is_none())
        .map(|r| format!("{} — {}", r.label, missing_reason(r, result)))
        .collect();
    let note_style = text(14, frame::MUTED);
    let (width, height) = area.dim_in_pixel();
    let mut note_lines = Vec::new();
    if !missing.is_empty() {
        let lines = frame::wrap(
            area,
            &tr!("chart-speedup-missing", runs = missing.join("; ")),
            &note_style,
            width as i32 - 2 * MARGIN,
        )?;
        for line in lines.into_iter().take(3) {
            note_lines.push(frame::fit(
                area,
                &line,
                &note_style,
                width as i32 - 2 * MARGIN,
            )?);
        }
    }
    let note_height = if note_lines.is_empty() {
        0
    } else {
        10 + 19 * note_lines.len() as i32
    };
    let (plot_area, note_area) = area.split_vertically(height as i32 - note_height - 14);
    for (i, line) in note_lines.iter().enumerate() {
        note_area.draw_text(
            line,
            &anchored(note_style.clone(), HPos::Left, VPos::Top),
            (MARGIN, 4 + 19 * i as i32),
        )?;
    }
    Ok(plot_area)
}

/// The 1× and ideal lines, labelled in the room right of the plot.
fn draw_reference_lines<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &mut SpeedupChart<'_, DB>,
    x_range: &std::ops::Range<f64>,
    cores: usize,
) -> Drawn {
    let ideal = cores as f64;
    let dashed = |color: RGBColor, y: f64| {
        DashedLineSeries::new(
            vec![(x_range.start, y), (x_range.end, y)],
            10,
            6,
            color.stroke_width(2),
        )
    };
    chart.draw_series(dashed(BASELINE, 1.0))?;
    if cores > 1 {
        chart.draw_series(dashed(ideal_color(), ideal))?;
    }
    let right = chart.backend_coord(&(x_range.end, 1.0)).0 + 8;
    let baseline_y = chart.backend_coord(&(x_range.end, 1.0)).1;
    let ideal_y = chart.backend_coord(&(x_range.end, ideal)).1;
    let ref_style = |color| anchored(text(14, color), HPos::Left, VPos::Center);
    if cores == 1 {
        root.draw_text(
            &tr!("chart-speedup-one-core"),
            &ref_style(BASELINE),
            (right, baseline_y),
        )?;
    } else {
        // Keep the two labels apart when the lines are close (2 cores, short plot).
        let gap = (baseline_y - ideal_y).max(0);
        let push = ((18 - gap) / 2).max(0);
        root.draw_text(
            &tr!("chart-speedup-one-short"),
            &ref_style(BASELINE),
            (right, baseline_y + push),
        )?;
        root.draw_text(
            &tr!("chart-speedup-ideal", cores = cores),
            &ref_style(ideal_color()),
            (right, ideal_y - push),
        )?;
    }

    Ok(())
}

/// Bars, their spread and their values; a run without a speed-up gets a
/// boxed word in its slot instead, so the gap does not read as zero.
fn draw_bars<DB: DrawingBackend>(
    chart: &mut SpeedupChart<'_, DB>,
    plot_area: &DrawingArea<DB, Shift>,
    runs: &[RunSummary],
) -> Drawn {
    let value_style = anchored(text(15, frame::INK), HPos::Center, VPos::Bottom);
    for (i, run) in runs.iter().enumerate() {
        let x = i as f64;
        let Some(speedup) = run.speedup else {
            let word = tr!("chart-speedup-no-bar", why = missing_word(run));
            let style = anchored(text(15, frame::MUTED), HPos::Center, VPos::Bottom);
            let (w, h) = plot_area.estimate_text_size(&word, &style)?;
            let (w, h) = (w as i32 / 2 + 4, h as i32);
            chart.draw_series(std::iter::once(
                EmptyElement::at((x, 0.0))
                    + Rectangle::new([(-w, -h - 14), (w, -7)], WHITE.filled())
                    + Rectangle::new([(-w, -h - 14), (w, -7)], frame::MUTED.stroke_width(1))
                    + Text::new(word, (0, -10), style),
            ))?;
            continue;
        };
        let color = frame::run_color(i);
        chart.draw_series(std::iter::once(Rectangle::new(
            [(x - 0.32, 0.0), (x + 0.32, speedup)],
            color.filled(),
        )))?;
        let mut top = speedup;
        if let Some((low, high)) = whisker(run) {
            let cap = 0.08;
            let line = frame::INK.stroke_width(2);
            chart.draw_series([
                PathElement::new(vec![(x, low), (x, high)], line),
                PathElement::new(vec![(x - cap, low), (x + cap, low)], line),
                PathElement::new(vec![(x - cap, high), (x + cap, high)], line),
            ])?;
            top = top.max(high);
        }
        // The value, on white so a reference line behind it does not cross it.
        let value = crate::present::units::speedup(speedup);
        let (w, h) = plot_area.estimate_text_size(&value, &value_style)?;
        let (w, h) = (w as i32 / 2 + 3, h as i32);
        chart.draw_series(std::iter::once(
            EmptyElement::at((x, top))
                + Rectangle::new([(-w, -h - 14), (w, -7)], WHITE.filled())
                + Text::new(value, (0, -10), value_style.clone()),
        ))?;
    }

    Ok(())
}

/// Run labels under their bars, muted for runs without a bar.
fn draw_run_labels<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &SpeedupChart<'_, DB>,
    runs: &[RunSummary],
    labels: &RunLabels,
) -> Drawn {
    for (i, run) in runs.iter().enumerate() {
        let (x, y) = chart.backend_coord(&(i as f64, 0.0));
        let color = if run.speedup.is_some() {
            frame::INK
        } else {
            frame::MUTED
        };
        let style = text(RUN_LABEL_SIZE, color);
        match labels {
            RunLabels::Wrapped(lines) => {
                for (line_index, line) in lines[i].iter().enumerate() {
                    root.draw_text(
                        line,
                        &anchored(style.clone(), HPos::Center, VPos::Top),
                        (x, y + 8 + 19 * line_index as i32),
                    )?;
                }
            }
            RunLabels::Rotated(labels) => {
                root.draw_text(
                    &labels[i],
                    &anchored(
                        style.transform(FontTransform::Rotate270),
                        HPos::Right,
                        VPos::Center,
                    ),
                    (x, y + 8),
                )?;
            }
        }
    }
    Ok(())
}

/// Speed-up with the slowest and the fastest repetition, when there were
/// several: baseline mean ÷ max wall .. baseline mean ÷ min wall.
fn whisker(run: &RunSummary) -> Option<(f64, f64)> {
    let speedup = run.speedup?;
    let wall = run.wall_s;
    if run.repetitions < 2 || wall.min <= 0.0 || wall.max <= 0.0 {
        return None;
    }
    let base = speedup * wall.mean;
    Some((base / wall.max, base / wall.min))
}
