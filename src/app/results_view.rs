//! Results: every metric per run in a sortable table (the best highlighted),
//! speed-up bars against the 1× and ideal lines, one plain sentence per run
//! explaining it, and earlier experiments of the session side by side.

use egui_extras::{Column, TableBuilder};
use egui_plot::{Bar, BarChart, HLine, Plot, PlotPoint, Text};

use super::LabApp;
use super::actions::Action;
use super::live_views::run_color;
use crate::engine::results::explain::explain;
use crate::engine::results::metrics::{ExperimentResult, RunSummary};

/// Sorting of the table.
#[derive(Debug, Clone, Default)]
pub struct ResultsState {
    sort: Option<(SortKey, bool)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SortKey {
    Label,
    Wall,
    Speedup,
    Cpu,
    Throughput,
    P95,
    Failed,
}

/// One table row: which experiment, which run.
struct Row<'a> {
    experiment: usize,
    result: &'a ExperimentResult,
    index: usize,
    run: &'a RunSummary,
}

/// Draws the results area.
pub fn ui(app: &mut LabApp, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        ui.strong("Results");
        if app.history.is_empty() {
            ui.label(egui::RichText::new("— none yet: results appear as runs finish").weak());
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            history_menu_ui(app, ui)
        });
    });
    let shown: Vec<usize> = app
        .compare
        .iter()
        .copied()
        .filter(|&i| i < app.history.len())
        .collect();
    let running_partial = app
        .live
        .as_ref()
        .filter(|l| l.is_running())
        .map(|l| l.runs.len());
    if shown.is_empty() {
        if let Some(runs) = running_partial {
            ui.label(format!(
                "Running: the table fills in when all {runs} runs have finished."
            ));
        }
        return;
    }
    let rows: Vec<Row<'_>> = shown
        .iter()
        .flat_map(|&experiment| {
            let result = &app.history[experiment];
            result.runs.iter().enumerate().map(move |(index, run)| Row {
                experiment,
                result,
                index,
                run,
            })
        })
        .collect();
    let several = shown.len() > 1;
    let chart_width = (ui.available_width() * 0.3).clamp(220.0, 440.0);
    let mut sort = app.results.sort;
    egui::Panel::right("speedup-panel")
        .resizable(true)
        .default_size(chart_width)
        .show(ui, |ui| speedup_chart_ui(ui, &rows, several));
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::horizontal()
            .id_salt("results-table-scroll")
            .show(ui, |ui| {
                table_ui(ui, &rows, several, &mut sort);
            });
        ui.add_space(4.0);
        egui::ScrollArea::vertical()
            .id_salt("explanations")
            .show(ui, |ui| {
                for row in &rows {
                    ui.horizontal_wrapped(|ui| {
                        ui.colored_label(run_color(row.index), "■");
                        ui.strong(&row.run.label);
                        ui.label(explain(row.result, row.index));
                    });
                }
            });
    });
    app.results.sort = sort;
}

fn history_menu_ui(app: &mut LabApp, ui: &mut egui::Ui) {
    if app.history.is_empty() {
        return;
    }
    let label = format!("Compare ({} of {})", app.compare.len(), app.history.len());
    let mut show = None;
    ui.menu_button(label, |ui| {
        ui.label("Experiments of this session:");
        for (index, result) in app.history.iter().enumerate() {
            let mut on = app.compare.contains(&index);
            let time = result.started_unix_s % 86_400;
            let text = format!(
                "#{} {} ({:02}:{:02}:{:02} UTC){}",
                index + 1,
                result.preset.name,
                time / 3600,
                time / 60 % 60,
                time % 60,
                if result.cancelled { " — stopped" } else { "" }
            );
            if ui.checkbox(&mut on, text).changed() {
                if on {
                    app.compare.insert(index);
                } else {
                    app.compare.remove(&index);
                }
            }
            if ui.small_button("show in the views").clicked() {
                show = Some(index);
            }
        }
    });
    if let Some(index) = show {
        app.push(Action::ShowHistory(index));
    }
}

fn sort_rows(rows: &mut [&Row<'_>], sort: Option<(SortKey, bool)>) {
    let Some((key, ascending)) = sort else {
        return;
    };
    let value = |row: &Row<'_>| -> f64 {
        let run = row.run;
        match key {
            SortKey::Label => 0.0,
            SortKey::Wall => run.wall_s.mean,
            SortKey::Speedup => run.speedup.unwrap_or(f64::NEG_INFINITY),
            SortKey::Cpu => run.cpu_s,
            SortKey::Throughput => run.throughput_per_s,
            SortKey::P95 => run.latency_ms.p95,
            SortKey::Failed => f64::from(run.failed),
        }
    };
    rows.sort_by(|a, b| {
        let order = if key == SortKey::Label {
            a.run.label.cmp(&b.run.label)
        } else {
            value(a).total_cmp(&value(b))
        };
        if ascending { order } else { order.reverse() }
    });
}

fn table_ui(
    ui: &mut egui::Ui,
    rows: &[Row<'_>],
    several: bool,
    sort: &mut Option<(SortKey, bool)>,
) {
    let mut ordered: Vec<&Row<'_>> = rows.iter().collect();
    sort_rows(&mut ordered, *sort);
    // The best run of each experiment: highest speed-up (lowest wall time).
    let best: Vec<(usize, usize)> = {
        let mut best: Vec<(usize, usize, f64)> = Vec::new();
        for row in rows.iter().filter(|r| r.run.succeeded()) {
            let score = -row.run.wall_s.mean;
            match best.iter_mut().find(|(e, _, _)| *e == row.experiment) {
                Some(entry) if score > entry.2 => *entry = (row.experiment, row.index, score),
                Some(_) => {}
                None => best.push((row.experiment, row.index, score)),
            }
        }
        best.into_iter().map(|(e, i, _)| (e, i)).collect()
    };
    let headers: &[(&str, Option<SortKey>, &str)] = &[
        ("run", Some(SortKey::Label), "Run label"),
        ("model", None, "Execution model"),
        (
            "workers",
            None,
            "Threads, processes or loop threads used at most",
        ),
        ("GIL", None, "Simulated GIL and its switch interval"),
        (
            "wall",
            Some(SortKey::Wall),
            "Mean wall time ± standard deviation over the repetitions",
        ),
        (
            "speed-up",
            Some(SortKey::Speedup),
            "Baseline wall time / this wall time",
        ),
        (
            "efficiency",
            None,
            "Speed-up / min(workers, cores); above 100 % means waits overlapped",
        ),
        (
            "CPU time",
            Some(SortKey::Cpu),
            "User + system CPU time, worker processes included",
        ),
        (
            "utilisation",
            None,
            "Σ task computing time / (wall × cores)",
        ),
        (
            "tasks/s",
            Some(SortKey::Throughput),
            "Throughput: tasks finished per second",
        ),
        (
            "p50 / p95 / p99",
            Some(SortKey::P95),
            "Task duration percentiles",
        ),
        ("start-up", None, "Pool, runtime or process start-up"),
        (
            "GIL wait",
            None,
            "Share of task time spent waiting for the GIL",
        ),
        (
            "failed",
            Some(SortKey::Failed),
            "Failed tasks (and whether every checksum was right)",
        ),
    ];
    let mut table = TableBuilder::new(ui)
        .id_salt("results-table")
        .striped(true)
        .resizable(true)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .max_scroll_height(170.0);
    if several {
        table = table.column(Column::auto().at_least(40.0));
    }
    table = table.column(Column::auto().at_least(110.0).clip(true));
    for _ in 1..headers.len() {
        table = table.column(Column::auto());
    }
    table
        .header(20.0, |mut header| {
            if several {
                header.col(|ui| {
                    ui.strong("exp.");
                });
            }
            for (title, key, tip) in headers {
                header.col(|ui| {
                    let marker = match (sort.as_ref(), key) {
                        (Some((current, ascending)), Some(key)) if current == key => {
                            if *ascending {
                                " ▲"
                            } else {
                                " ▼"
                            }
                        }
                        _ => "",
                    };
                    let response = ui.add(
                        egui::Label::new(egui::RichText::new(format!("{title}{marker}")).strong())
                            .sense(egui::Sense::click()),
                    );
                    let response = response.on_hover_text(*tip);
                    if let Some(key) = key
                        && response.clicked()
                    {
                        *sort = match *sort {
                            Some((current, ascending)) if current == *key => {
                                Some((*key, !ascending))
                            }
                            _ => Some((*key, *key == SortKey::Label)),
                        };
                    }
                });
            }
        })
        .body(|mut body| {
            for row in ordered {
                let run = row.run;
                let is_best = best.contains(&(row.experiment, row.index));
                body.row(20.0, |mut table_row| {
                    table_row.set_selected(is_best);
                    if several {
                        table_row.col(|ui| {
                            ui.label(format!("#{}", row.experiment + 1));
                        });
                    }
                    table_row.col(|ui| {
                        ui.colored_label(run_color(row.index), "■");
                        let text = egui::RichText::new(&run.label);
                        ui.label(if is_best { text.strong() } else { text })
                            .on_hover_text(if is_best {
                                "fastest run of this experiment"
                            } else {
                                ""
                            });
                    });
                    let cells = [
                        run.model.name().to_owned(),
                        run.workers.to_string(),
                        run.switch_interval_ms
                            .filter(|_| run.under_gil())
                            .map_or_else(|| "—".to_owned(), |ms| format!("{ms} ms")),
                        format!(
                            "{} ± {}",
                            crate::engine::results::format::duration(run.wall_s.mean),
                            crate::engine::results::format::duration(run.wall_s.sd)
                        ),
                        run.speedup
                            .map_or_else(|| "—".to_owned(), |s| format!("{s:.2}×")),
                        run.efficiency
                            .map_or_else(|| "—".to_owned(), |e| format!("{:.0} %", e * 100.0)),
                        crate::engine::results::format::duration(run.cpu_s),
                        format!("{:.0} %", run.utilisation * 100.0),
                        format!("{:.0}", run.throughput_per_s),
                        format!(
                            "{:.1} / {:.1} / {:.1} ms",
                            run.latency_ms.p50, run.latency_ms.p95, run.latency_ms.p99
                        ),
                        run.startup_s.map_or_else(
                            || "—".to_owned(),
                            crate::engine::results::format::duration,
                        ),
                        if run.under_gil() {
                            format!("{:.0} %", run.gil_wait_share * 100.0)
                        } else {
                            "—".to_owned()
                        },
                        match (&run.error, run.failed, run.checksum_ok) {
                            (Some(_), _, _) => "error".to_owned(),
                            (None, 0, true) => "0 ✔".to_owned(),
                            (None, failed, ok) => {
                                format!("{failed}{}", if ok { "" } else { " ✘ checksums" })
                            }
                        },
                    ];
                    for cell in cells {
                        table_row.col(|ui| {
                            ui.label(cell);
                        });
                    }
                });
            }
        });
}

/// Colour of the "ideal" line, also used in its caption.
const IDEAL_COLOR: egui::Color32 = egui::Color32::from_rgb(94, 186, 125);

fn speedup_chart_ui(ui: &mut egui::Ui, rows: &[Row<'_>], several: bool) {
    ui.strong("Speed-up against the baseline");
    let cores_text = rows.first().map_or(1, |r| r.result.machine.cores);
    ui.horizontal_wrapped(|ui| {
        ui.label(
            egui::RichText::new("- - 1× (no gain)")
                .small()
                .color(egui::Color32::GRAY),
        );
        ui.label(
            egui::RichText::new(format!(
                "- - ideal for computing: {cores_text}× ({cores_text} cores)"
            ))
            .small()
            .color(IDEAL_COLOR),
        );
    });
    let cores = rows.first().map_or(1, |r| r.result.machine.cores) as f64;
    let measured: Vec<(f64, f64, &Row<'_>)> = rows
        .iter()
        .enumerate()
        .filter_map(|(position, row)| Some((position as f64, row.run.speedup?, row)))
        .collect();
    let bars: Vec<Bar> = measured
        .iter()
        .map(|&(x, speedup, row)| {
            let name = if several {
                format!("#{} {}", row.experiment + 1, row.run.label)
            } else {
                row.run.label.clone()
            };
            Bar::new(x, speedup)
                .name(name)
                .fill(run_color(row.index))
                .width(0.7)
        })
        .collect();
    let top = measured.iter().map(|m| m.1).fold(cores, f64::max) * 1.15;
    let labels: Vec<String> = rows.iter().map(|r| r.run.label.clone()).collect();
    let text_color = ui.visuals().text_color();
    Plot::new("speedup-chart")
        .height(ui.available_height().max(120.0))
        .include_y(0.0)
        .include_y(top)
        .include_x(-0.6)
        .include_x(rows.len() as f64 - 0.4)
        .allow_scroll(false)
        .allow_drag(false)
        .allow_zoom(false)
        .show_grid([false, true])
        .y_axis_label("× faster than the baseline")
        .x_grid_spacer(egui_plot::uniform_grid_spacer(|_| [1.0, 1.0, 1.0]))
        .x_axis_formatter(move |mark, _| {
            let index = mark.value.round();
            if (mark.value - index).abs() < 1e-6 && index >= 0.0 {
                labels
                    .get(index as usize)
                    .map_or(String::new(), |l| shorten(l, 10))
            } else {
                String::new()
            }
        })
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new("speed-up", bars).element_formatter(Box::new(
                |bar, _| format!("{}: {:.2}×", bar.name, bar.value),
            )));
            for &(x, speedup, _) in &measured {
                plot.text(
                    Text::new("", PlotPoint::new(x, speedup), format!("{speedup:.2}×"))
                        .anchor(egui::Align2::CENTER_BOTTOM)
                        .color(text_color),
                );
            }
            plot.hline(
                HLine::new("1× (no gain)", 1.0)
                    .color(egui::Color32::GRAY)
                    .style(egui_plot::LineStyle::dashed_dense()),
            );
            plot.hline(
                HLine::new("ideal for computing", cores)
                    .color(IDEAL_COLOR)
                    .style(egui_plot::LineStyle::dashed_loose()),
            );
        });
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut short: String = text.chars().take(max - 1).collect();
        short.push('…');
        short
    }
}
