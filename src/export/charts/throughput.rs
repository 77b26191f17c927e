//! Throughput over time: tasks finished per second in each run's last
//! repetition, as a rolling rate ([`series::throughput_series`]).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{self, LegendItem, MARGIN, Swatch, TimeUnit, anchored, text};
use super::{ChartKind, DrawError, Drawn};
use crate::engine::results::metrics::ExperimentResult;
use crate::engine::view::series::{self, RollingWindow};
use crate::tr;

/// Room left of the plot for the y axis, px.
const Y_AXIS: i32 = 90;

/// A window length for a legend: "20 ms", "1.5 s".
fn window_text(window_s: f64) -> String {
    if window_s < 1.0 {
        format!("{} ms", frame::tick(window_s * 1000.0, 1.0))
    } else {
        format!("{} s", frame::tick(window_s, 1.0))
    }
}

pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    result: &ExperimentResult,
) -> Drawn {
    let area = frame::header(
        root,
        result,
        &ChartKind::Throughput.subject(),
        &tr!("chart-throughput-extra"),
    )?;

    let (lines, without) = run_lines(result);
    let area = frame::legend(&area, &legend_items(result, &lines), MARGIN + Y_AXIS)?;
    let plot_area = note_runs_without_tasks(&area, &without)?;

    let longest = lines
        .iter()
        .filter_map(|(_, _, p)| p.last().map(|p| p[0]))
        .fold(0.0, f64::max);
    let unit = TimeUnit::for_span(longest);
    let scale = unit.scale();
    let x_max = (longest * scale).max(1e-3);
    let y_max = lines
        .iter()
        .flat_map(|(_, _, p)| p.iter().map(|p| p[1]))
        .fold(0.0, f64::max)
        .max(1.0)
        * 1.08;

    let mut chart = ChartBuilder::on(&plot_area)
        .margin_left(MARGIN)
        .margin_right(40)
        .margin_top(12)
        .margin_bottom(10)
        .x_label_area_size(56)
        .y_label_area_size(Y_AXIS)
        .build_cartesian_2d(0.0..x_max, 0.0..y_max)?;
    let x_desc = tr!("chart-time-since-repetition", unit = unit.symbol());
    let x_label = |v: &f64| frame::tick(*v, x_max);
    let y_label = |v: &f64| thousands(*v, y_max);
    let mut mesh = chart.configure_mesh();
    frame::house_mesh(&mut mesh, frame::LABEL_SIZE)
        .x_desc(x_desc)
        .y_desc(tr!("chart-subject-throughput"))
        .x_labels(12)
        .y_labels(8)
        .x_label_formatter(&x_label)
        .y_label_formatter(&y_label)
        .draw()?;

    if lines.is_empty() {
        let (x, y) = chart.backend_coord(&(x_max / 2.0, y_max / 2.0));
        root.draw_text(
            &tr!("chart-throughput-none"),
            &anchored(text(22, frame::MUTED), HPos::Center, VPos::Center),
            (x, y),
        )?;
        return Ok(());
    }
    for (i, _, points) in &lines {
        chart.draw_series(LineSeries::new(
            points.iter().map(|p| (p[0] * scale, p[1])),
            frame::run_color(*i).stroke_width(2),
        ))?;
    }
    Ok(())
}

/// One run's line: its index (for its colour), its window, its points.
type RunLine = (usize, RollingWindow, Vec<[f64; 2]>);

/// One line per run with tasks, each with a window fitted to its length (a
/// short run needs a short window to show any shape); the labels of the runs
/// with nothing to draw come second, to be named under the plot.
fn run_lines(result: &ExperimentResult) -> (Vec<RunLine>, Vec<String>) {
    let mut lines = Vec::new();
    let mut without = Vec::new();
    for (i, run) in result.runs.iter().enumerate() {
        let duration = series::duration_s(&run.spans);
        let window = RollingWindow::for_run(duration, run.spans.len());
        let points = series::throughput_series(&run.spans, window.window_s, window.step_s);
        if points.is_empty() {
            without.push(run.label.clone());
        } else {
            lines.push((i, window, points));
        }
    }
    (lines, without)
}

/// Legend entries naming each line's window, since the windows differ from
/// run to run and change how smooth a line looks.
fn legend_items(result: &ExperimentResult, lines: &[RunLine]) -> Vec<LegendItem> {
    lines
        .iter()
        .map(|(i, window, _)| {
            LegendItem::new(
                Swatch::Line(frame::run_color(*i)),
                format!(
                    "{} (over {})",
                    result.runs[*i].label,
                    window_text(window.window_s)
                ),
            )
        })
        .collect()
}

/// Names the runs without a line in a note under the plot, so a missing
/// line is not mistaken for one hidden behind another; returns the area
/// left for the plot.
fn note_runs_without_tasks<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    without: &[String],
) -> Result<DrawingArea<DB, Shift>, DrawError> {
    let (width, height) = area.dim_in_pixel();
    let note_style = text(14, frame::MUTED);
    let note = if without.is_empty() {
        None
    } else {
        Some(frame::fit(
            area,
            &tr!("chart-throughput-missing", runs = without.join("; ")),
            &note_style,
            width as i32 - 2 * MARGIN,
        )?)
    };
    let (plot_area, note_area) =
        area.split_vertically(height as i32 - if note.is_some() { 30 } else { 0 });
    if let Some(note) = &note {
        note_area.draw_text(
            note,
            &anchored(note_style, HPos::Left, VPos::Top),
            (MARGIN, 4),
        )?;
    }
    Ok(plot_area)
}

/// A rate for the y axis: thousands grouped ("12 000"), decimals only when
/// the axis is small.
fn thousands(value: f64, span: f64) -> String {
    if span < 20.0 {
        return frame::tick(value, span);
    }
    let whole = value.round() as i64;
    let digits = whole.abs().to_string();
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('\u{202f}');
        }
        grouped.push(digit);
    }
    if whole < 0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_grouped_by_thousands() {
        assert_eq!(thousands(1_234_567.0, 2e6), "1\u{202f}234\u{202f}567");
        assert_eq!(thousands(950.0, 1000.0), "950");
        assert_eq!(thousands(2.5, 10.0), "2.5");
    }

    #[test]
    fn window_lengths_read_naturally() {
        assert_eq!(window_text(0.02), "20 ms");
        assert_eq!(window_text(0.001), "1 ms");
        assert_eq!(window_text(2.0), "2 s");
    }
}
