//! The sweep plot beside the results table: each run's speed-up against the
//! swept value, the fitted law dashed, 1× and the ideal — the exported
//! `sweep` chart's content, from the same [`SweepView`].

use egui_plot::{Corner, Legend, Line, LineStyle, Plot, Points};

use super::colors::to_color32;
use super::live_views::run_color;
use crate::engine::view::sweep::{SweepMeasure, SweepView};
use crate::i18n::number;
use crate::present::{palette, sweep_words};
use crate::tr;

/// Draws `view` filling the space given.
pub fn sweep_plot_ui(ui: &mut egui::Ui, view: &SweepView) {
    ui.strong(sweep_words::title(view.measure));
    let x_max = view.values.last().copied().unwrap_or(1.0);
    Plot::new("sweep-plot")
        .legend(Legend::default().position(Corner::LeftTop))
        .include_y(0.0)
        .include_x(0.0)
        .include_x(x_max)
        .allow_scroll(false)
        .x_axis_label(sweep_words::axis(view.parameter))
        .y_axis_label(sweep_words::measure_axis(view.measure))
        .show(ui, |plot| {
            if view.measure == SweepMeasure::Speedup {
                plot.line(
                    Line::new(
                        tr!("speedup-legend-no-gain"),
                        vec![[0.0, 1.0], [x_max, 1.0]],
                    )
                    .color(to_color32(palette::NO_GAIN))
                    .style(LineStyle::dashed_loose()),
                );
                if !view.ideal.is_empty() {
                    plot.line(
                        Line::new(tr!("chart-sweep-ideal"), view.ideal.clone())
                            .color(to_color32(palette::IDEAL))
                            .style(LineStyle::dashed_dense()),
                    );
                }
            }
            for curve in &view.curves {
                let color = run_color(curve.run_index);
                if let Some(flat) = curve.flat {
                    let name = tr!("chart-sweep-flat", label = curve.label.clone());
                    plot.line(
                        Line::new(name, vec![[0.0, flat], [x_max, flat]])
                            .color(color)
                            .style(LineStyle::dotted_dense()),
                    );
                    continue;
                }
                let name = match curve.serial_fraction {
                    Some(s) => tr!(
                        "chart-sweep-fitted",
                        label = curve.label.clone(),
                        s = number(s, 2)
                    ),
                    None => curve.label.clone(),
                };
                plot.line(
                    Line::new(name.clone(), curve.points.clone())
                        .color(color)
                        .width(2.0),
                );
                plot.points(
                    Points::new(name.clone(), curve.points.clone())
                        .color(color)
                        .radius(4.0),
                );
                if !curve.predicted.is_empty() {
                    plot.line(
                        Line::new(name, curve.predicted.clone())
                            .color(color.gamma_multiply(0.7))
                            .style(LineStyle::dashed_loose()),
                    );
                }
            }
        });
}
