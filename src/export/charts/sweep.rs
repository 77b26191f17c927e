//! A sweep: each run's speed-up (or the convoy's I/O task time) against the
//! swept value, the fitted law dashed beside the measured points, 1× and the
//! ideal as guides. Drawn from [`SweepView`], as the window draws it.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{self, LegendItem, MARGIN, Swatch, anchored, text};
use super::{ChartKind, Drawn};
use crate::engine::results::metrics::ExperimentResult;
use crate::engine::view::sweep::{SweepMeasure, SweepView};
use crate::i18n::number;
use crate::present::{palette, sweep_words};
use crate::tr;

/// Room left of the plot for the y axis, px.
const Y_AXIS: i32 = 80;

pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    result: &ExperimentResult,
) -> Drawn {
    let view = SweepView::of(result);
    let subject = view.as_ref().map_or_else(
        || ChartKind::Sweep.subject(),
        |v| sweep_words::title(v.measure),
    );
    let area = frame::header(root, result, &subject, &tr!("chart-sweep-extra"))?;
    let Some(view) = view else {
        let (width, height) = area.dim_in_pixel();
        area.draw_text(
            &tr!("chart-sweep-none"),
            &anchored(text(22, frame::MUTED), HPos::Center, VPos::Center),
            (width as i32 / 2, height as i32 / 2),
        )?;
        return Ok(());
    };
    let area = frame::legend(&area, &legend_items(&view), MARGIN + Y_AXIS)?;

    let x_min = view.values.first().copied().unwrap_or(0.0).min(0.0);
    let x_max = view.values.last().copied().unwrap_or(1.0) * 1.05;
    let y_max = view.y_max() * 1.1;
    let mut chart = ChartBuilder::on(&area)
        .margin_left(MARGIN)
        .margin_right(40)
        .margin_top(12)
        .margin_bottom(10)
        .x_label_area_size(56)
        .y_label_area_size(Y_AXIS)
        .build_cartesian_2d(x_min..x_max, 0.0..y_max)?;
    let whole = view.parameter.is_count();
    let x_label = |v: &f64| {
        if whole && v.fract().abs() > 1e-9 {
            String::new()
        } else {
            frame::tick(*v, x_max)
        }
    };
    let y_label = |v: &f64| frame::tick(*v, y_max);
    let mut mesh = chart.configure_mesh();
    frame::house_mesh(&mut mesh, frame::LABEL_SIZE)
        .x_desc(sweep_words::axis(view.parameter))
        .y_desc(sweep_words::measure_axis(view.measure))
        .x_labels(12)
        .y_labels(8)
        .x_label_formatter(&x_label)
        .y_label_formatter(&y_label)
        .draw()?;

    if view.measure == SweepMeasure::Speedup {
        let one = frame::rgb(palette::NO_GAIN);
        chart.draw_series(LineSeries::new(
            [(x_min, 1.0), (x_max, 1.0)],
            one.stroke_width(1),
        ))?;
        let ideal = frame::rgb(palette::IDEAL);
        chart.draw_series(DashedLineSeries::new(
            view.ideal.iter().map(|p| (p[0], p[1])),
            8,
            5,
            ideal.stroke_width(2),
        ))?;
    }
    for curve in &view.curves {
        let color = frame::run_color(curve.run_index);
        if let Some(flat) = curve.flat {
            chart.draw_series(DashedLineSeries::new(
                [(x_min, flat), (x_max, flat)],
                3,
                4,
                color.stroke_width(2),
            ))?;
            continue;
        }
        chart.draw_series(LineSeries::new(
            curve.points.iter().map(|p| (p[0], p[1])),
            color.stroke_width(2),
        ))?;
        chart.draw_series(
            curve
                .points
                .iter()
                .map(|p| Circle::new((p[0], p[1]), 5, color.filled())),
        )?;
        chart.draw_series(DashedLineSeries::new(
            curve.predicted.iter().map(|p| (p[0], p[1])),
            6,
            4,
            color.mix(0.7).stroke_width(1),
        ))?;
    }
    Ok(())
}

fn legend_items(view: &SweepView) -> Vec<LegendItem> {
    let mut items: Vec<LegendItem> = view
        .curves
        .iter()
        .map(|curve| {
            let color = frame::run_color(curve.run_index);
            let label = match (curve.flat, curve.serial_fraction) {
                (Some(_), _) => tr!("chart-sweep-flat", label = curve.label.clone()),
                (None, Some(s)) => tr!(
                    "chart-sweep-fitted",
                    label = curve.label.clone(),
                    s = number(s, 2)
                ),
                (None, None) => curve.label.clone(),
            };
            let swatch = if curve.flat.is_some() {
                Swatch::Dashed(color)
            } else {
                Swatch::Line(color)
            };
            LegendItem::new(swatch, label)
        })
        .collect();
    if !view.ideal.is_empty() {
        items.push(LegendItem::new(
            Swatch::Dashed(frame::rgb(palette::IDEAL)),
            tr!("chart-sweep-ideal"),
        ));
    }
    items
}
