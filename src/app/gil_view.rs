//! The GIL view under the explanations: the convoy's headline, and per
//! thread of each run under the simulated GIL a stacked bar of time holding
//! it, waiting for it and running outside it, with switches and forced drops.

use super::colors::to_color32;
use crate::engine::results::metrics::ExperimentResult;
use crate::engine::view::gil::{GilThreadRow, convoy_headline, gil_rows};
use crate::i18n::number;
use crate::present::{palette, units};
use crate::tr;

/// Threads drawn per run; the rest are summed on one line.
const MOST_THREADS: usize = 12;
const BAR_HEIGHT: f32 = 16.0;

/// The convoy headline and the per-thread GIL bars of `result`, if any.
pub fn gil_view_ui(ui: &mut egui::Ui, result: &ExperimentResult) {
    if let Some(headline) = convoy_headline(result) {
        ui.label(
            egui::RichText::new(tr!(
                "gil-convoy-headline",
                label = headline.label.clone(),
                took = units::duration_ms(headline.io_task_ms),
                waits = units::duration_ms(headline.waits_ms),
                times = number(headline.times(), 1)
            ))
            .heading()
            .color(to_color32(palette::GIL_WAIT)),
        );
    }
    let runs: Vec<_> = result
        .runs
        .iter()
        .map(|run| (run, gil_rows(run)))
        .filter(|(_, rows)| !rows.is_empty())
        .collect();
    if runs.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(tr!("gil-view-title"))
        .id_salt("gil-view")
        .default_open(true)
        .show(ui, |ui| {
            legend_ui(ui);
            for (run, rows) in &runs {
                ui.strong(&run.label);
                thread_bars_ui(ui, rows);
            }
        });
}

fn legend_ui(ui: &mut egui::Ui) {
    ui.horizontal_wrapped(|ui| {
        for (color, text) in [
            (palette::RUNNING, tr!("gil-view-hold")),
            (palette::GIL_WAIT, tr!("gil-view-wait")),
            (palette::IO_WAIT, tr!("gil-view-outside")),
        ] {
            ui.colored_label(to_color32(color), "■");
            ui.label(egui::RichText::new(text).small());
        }
    });
}

/// One stacked bar per thread, all on the scale of the longest.
fn thread_bars_ui(ui: &mut egui::Ui, rows: &[GilThreadRow]) {
    let longest = rows.iter().map(GilThreadRow::total_ms).fold(0.0, f64::max);
    if longest <= 0.0 {
        return;
    }
    let shown = &rows[..rows.len().min(MOST_THREADS)];
    for row in shown {
        ui.horizontal(|ui| {
            let name_width = 110.0;
            ui.add_sized(
                [name_width, BAR_HEIGHT],
                egui::Label::new(egui::RichText::new(&row.thread).small()).truncate(),
            );
            let width = (ui.available_width() - 220.0).max(80.0);
            let (rect, response) =
                ui.allocate_exact_size(egui::vec2(width, BAR_HEIGHT), egui::Sense::hover());
            let painter = ui.painter_at(rect);
            let mut left = rect.left();
            for (ms, color) in [
                (row.hold_ms, palette::RUNNING),
                (row.wait_ms, palette::GIL_WAIT),
                (row.outside_ms, palette::IO_WAIT),
            ] {
                let right = left + rect.width() * (ms / longest) as f32;
                painter.rect_filled(
                    egui::Rect::from_min_max(
                        egui::pos2(left, rect.top() + 2.0),
                        egui::pos2(right, rect.bottom() - 2.0),
                    ),
                    0.0,
                    to_color32(color),
                );
                left = right;
            }
            let total = row.total_ms().max(f64::MIN_POSITIVE);
            response.on_hover_text(tr!(
                "gil-view-tip",
                hold = units::duration_ms(row.hold_ms),
                wait = units::duration_ms(row.wait_ms),
                outside = units::duration_ms(row.outside_ms),
                held = units::percent(row.hold_ms / total),
                waiting = units::percent(row.wait_ms / total)
            ));
            ui.label(
                egui::RichText::new(tr!(
                    "gil-view-counts",
                    switches = row.switches,
                    drops = row.forced_drops
                ))
                .small(),
            );
        });
    }
    if rows.len() > shown.len() {
        ui.label(
            egui::RichText::new(tr!("gil-view-more", count = rows.len() - shown.len()))
                .small()
                .weak(),
        );
    }
}
