//! Results: every metric per run in a table whose run column stays put while
//! the figures scroll sideways (columns chosen by the person, remembered),
//! horizontal speed-up bars against 1× and the ideal, one plain sentence per
//! run explaining it, and earlier experiments side by side — grouped by
//! experiment, the fastest crowned within each, never across.

use super::LabApp;
use super::actions::Action;
use super::colors::to_color32;
use super::gil_view::gil_view_ui;
use super::lessons_panel::outlined;
use super::sweep_view::sweep_plot_ui;
use crate::engine::results::explain::explain;
use crate::engine::results::explain_fit::describe as describe_fit;
use crate::engine::results::explain_gap;
use crate::engine::results::metrics::{ExperimentResult, RunSummary};
use crate::engine::view::sweep::SweepView;
use crate::lessons::View;
use crate::present::columns::{Column, render_table, run_label};
use crate::present::{palette, units};
use crate::tr;

/// Height of a table row, px.
const ROW_HEIGHT: f32 = 22.0;
/// Padding around a cell's text, px.
const CELL_PADDING: f32 = 14.0;

/// How the table is sorted and scrolled (not remembered between sessions).
#[derive(Debug, Clone, Default)]
pub struct ResultsState {
    sort: Option<(Column, bool)>,
    /// The figures' scroll offset, which the header and run column follow.
    offset: egui::Vec2,
    /// The experiments the offset belongs to: others start at the top left.
    shown: Vec<Option<usize>>,
}

/// One experiment on show.
struct Group<'a> {
    /// Its number in the session's history (0-based), `None` while running.
    number: Option<usize>,
    result: &'a ExperimentResult,
}

/// One table row.
struct Row<'a> {
    group: usize,
    index: usize,
    run: &'a RunSummary,
    result: &'a ExperimentResult,
    best: bool,
}

impl ResultsState {
    /// Draws the results area. Sorting and scrolling are the panel's own;
    /// every other change is asked for with an `Action`.
    pub fn ui(&mut self, ui: &mut egui::Ui, app: &LabApp, actions: &mut Vec<Action>) {
        draw(app, ui, actions, self);
    }
}

fn draw(app: &LabApp, ui: &mut egui::Ui, changes: &mut Vec<Action>, state: &mut ResultsState) {
    let groups = groups(app);
    header_ui(app, ui, &groups, changes);
    if groups.is_empty() {
        return;
    }
    let shown: Vec<Option<usize>> = groups.iter().map(|g| g.number).collect();
    if shown != state.shown {
        state.shown = shown;
        state.offset = egui::Vec2::ZERO;
    }
    if groups.len() > 1
        && let Some(note) = comparability_note(&groups)
    {
        ui.label(egui::RichText::new(note).color(ui.visuals().warn_fg_color));
    }
    let rows = rows(&groups);
    let columns = app.settings.visible_columns();
    let chart_width = (ui.available_width() * 0.32).clamp(240.0, 460.0);
    egui::Panel::right("speedup-panel")
        .resizable(true)
        .default_size(chart_width)
        .min_size(200.0)
        .show(ui, |ui| {
            outlined(ui, app.highlighted() == Some(View::Speedup), |ui| {
                // One sweep on show: its curve says more than its bars.
                match groups.as_slice() {
                    [group] if let Some(view) = SweepView::of(group.result) => {
                        sweep_plot_ui(ui, &view);
                    }
                    _ => speedup_chart_ui(ui, &groups, &rows),
                }
            });
        });
    egui::CentralPanel::default().show(ui, |ui| {
        // The table takes what its rows need, leaving the explanations at
        // least three lines; a new set of experiments starts at the top left.
        let wanted = (rows.len() as f32 + 1.0) * ROW_HEIGHT + 16.0;
        let table_height = wanted
            .min(ui.available_height() - 3.0 * ROW_HEIGHT)
            .max(ROW_HEIGHT * 3.0);
        let salt = state.shown.clone();
        ui.push_id(("results", salt), |ui| {
            ui.set_max_height(table_height);
            outlined(ui, app.highlighted() == Some(View::Results), |ui| {
                table_ui(
                    ui,
                    &rows,
                    groups.len() > 1,
                    &columns,
                    &mut state.sort,
                    &mut state.offset,
                );
            });
        });
        ui.separator();
        explanations_ui(ui, &groups, &rows);
    });
}

/// The experiments on show: those chosen to compare, or — while one runs —
/// its runs finished so far.
fn groups(app: &LabApp) -> Vec<Group<'_>> {
    if let Some(provisional) = app
        .live
        .as_ref()
        .filter(|l| l.is_running())
        .and_then(|l| l.provisional.as_ref())
    {
        return vec![Group {
            number: None,
            result: provisional,
        }];
    }
    app.compare
        .iter()
        .filter_map(|&number| {
            Some(Group {
                number: Some(number),
                result: app.history.get(number)?,
            })
        })
        .collect()
}

fn header_ui(app: &LabApp, ui: &mut egui::Ui, groups: &[Group<'_>], changes: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        ui.strong(tr!("results-title"));
        let status = match groups {
            [] if app.history.is_empty() => tr!("results-none-yet"),
            [] => tr!("results-none-chosen"),
            [only] if only.number.is_none() => tr!(
                "results-running",
                done = only.result.runs.len(),
                runs = app.live.as_ref().map_or(0, |l| l.runs.len())
            ),
            [only] => tr!(
                "results-one",
                number = only.number.map_or(0, |n| n + 1),
                name = only.result.preset.name.clone()
            ),
            several => tr!("results-several", count = several.len()),
        };
        ui.label(egui::RichText::new(status).weak());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            history_menu_ui(app, ui, changes);
            columns_menu_ui(app, ui, changes);
            if !groups.is_empty()
                && ui
                    .button(tr!("results-copy"))
                    .on_hover_text(tr!("results-copy-help"))
                    .clicked()
            {
                let runs: Vec<&RunSummary> = groups.iter().flat_map(|g| &g.result.runs).collect();
                let columns = app.settings.visible_columns();
                ui.ctx().copy_text(render_table(&columns, &runs, true));
                changes.push(Action::Status(tr!("results-copied", count = runs.len())));
            }
        });
    });
}

fn columns_menu_ui(app: &LabApp, ui: &mut egui::Ui, changes: &mut Vec<Action>) {
    ui.menu_button(tr!("results-columns"), |ui| {
        let mut visible = app.settings.visible_columns();
        for column in Column::ALL.into_iter().filter(|c| *c != Column::Run) {
            let mut on = visible.contains(&column);
            if ui
                .checkbox(&mut on, column.title())
                .on_hover_text(column.help())
                .changed()
            {
                if on {
                    visible.push(column);
                    visible.sort_by_key(|c| Column::ALL.iter().position(|a| a == c));
                } else {
                    visible.retain(|c| *c != column);
                }
                changes.push(Action::SetColumns(Some(visible.clone())));
            }
        }
        ui.separator();
        if ui.button(tr!("results-columns-default")).clicked() {
            changes.push(Action::SetColumns(None));
        }
    });
}

fn history_menu_ui(app: &LabApp, ui: &mut egui::Ui, changes: &mut Vec<Action>) {
    if app.history.is_empty() {
        return;
    }
    let label = tr!(
        "results-compare",
        chosen = app.compare.len(),
        total = app.history.len()
    );
    ui.menu_button(label, |ui| {
        ui.label(tr!("results-compare-help"));
        for (index, result) in app.history.iter().enumerate() {
            let mut on = app.compare.contains(&index);
            let time = result.started_unix_s % 86_400;
            let clock = format!("{:02}:{:02}:{:02}", time / 3600, time / 60 % 60, time % 60);
            let text = if result.cancelled {
                tr!(
                    "results-compare-item-stopped",
                    number = index + 1,
                    name = result.preset.name.clone(),
                    time = clock
                )
            } else {
                tr!(
                    "results-compare-item",
                    number = index + 1,
                    name = result.preset.name.clone(),
                    time = clock
                )
            };
            ui.horizontal(|ui| {
                if ui.checkbox(&mut on, text).changed() {
                    changes.push(Action::Compare(index, on));
                }
                if ui.small_button(tr!("results-show-in-views")).clicked() {
                    changes.push(Action::ShowHistory(index));
                }
            });
        }
    });
}

/// When the experiments compared did not do the same work, their times do
/// not compare; says so.
fn comparability_note(groups: &[Group<'_>]) -> Option<String> {
    let first = &groups.first()?.result;
    let same = groups.iter().all(|g| {
        g.result.preset.workload == first.preset.workload && g.result.machine == first.machine
    });
    (!same).then(|| tr!("results-not-comparable"))
}

/// Every run of every group; the fastest complete run of each group crowned.
fn rows<'a>(groups: &'a [Group<'a>]) -> Vec<Row<'a>> {
    let mut rows = Vec::new();
    for (group, g) in groups.iter().enumerate() {
        let best = g
            .result
            .runs
            .iter()
            .enumerate()
            // A partial or failed run is never crowned.
            .filter(|(_, r)| r.succeeded() && !r.cancelled && r.wall_s.mean > 0.0)
            .min_by(|a, b| a.1.wall_s.mean.total_cmp(&b.1.wall_s.mean))
            .map(|(i, _)| i);
        for (index, run) in g.result.runs.iter().enumerate() {
            rows.push(Row {
                group,
                index,
                run,
                result: g.result,
                best: best == Some(index),
            });
        }
    }
    rows
}

/// Rows in display order: by group, then by the chosen column.
fn sorted<'a, 'r>(rows: &'r [Row<'a>], sort: Option<(Column, bool)>) -> Vec<&'r Row<'a>> {
    let mut ordered: Vec<&Row<'_>> = rows.iter().collect();
    if let Some((column, ascending)) = sort {
        ordered.sort_by(|a, b| {
            let within = if column.is_text() {
                column.sort_text(a.run).cmp(&column.sort_text(b.run))
            } else {
                // Missing figures last, whichever the direction.
                match (column.sort_value(a.run), column.sort_value(b.run)) {
                    (Some(x), Some(y)) if ascending => x.total_cmp(&y),
                    (Some(x), Some(y)) => y.total_cmp(&x),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                }
            };
            let within = if column.is_text() && !ascending {
                within.reverse()
            } else {
                within
            };
            a.group.cmp(&b.group).then(within)
        });
    }
    ordered
}

/// The table: the run column fixed on the left, the figures scrolling
/// sideways (a visible scrollbar) and down; the header row stays on top and
/// the run column follows the figures' vertical scroll.
fn table_ui(
    ui: &mut egui::Ui,
    rows: &[Row<'_>],
    grouped: bool,
    columns: &[Column],
    sort: &mut Option<(Column, bool)>,
    offset: &mut egui::Vec2,
) {
    let ordered = sorted(rows, *sort);
    let figures: Vec<Column> = columns
        .iter()
        .copied()
        .filter(|c| *c != Column::Run)
        .collect();
    let texts: Vec<Vec<String>> = ordered
        .iter()
        .map(|row| figures.iter().map(|c| c.text(row.run)).collect())
        .collect();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let width_of = |ui: &egui::Ui, text: &str| {
        ui.fonts_mut(|f| {
            f.layout_no_wrap(text.to_owned(), font.clone(), egui::Color32::WHITE)
                .size()
                .x
        })
    };
    let widths: Vec<f32> = figures
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let header = width_of(ui, &format!("{} ▼", column.title()));
            texts
                .iter()
                .map(|row| width_of(ui, &row[i]))
                .fold(header, f32::max)
                + CELL_PADDING
        })
        .collect();
    let label_width = ordered
        .iter()
        .map(|row| width_of(ui, &run_label(row.run)) + 34.0)
        .fold(width_of(ui, &Column::Run.title()) + 20.0, f32::max)
        .min((ui.available_width() * 0.42).max(140.0));
    let area = ui.available_rect_before_wrap();
    let body_height = (area.height() - ROW_HEIGHT).max(ROW_HEIGHT);
    let left = egui::Rect::from_min_size(area.min, egui::vec2(label_width, area.height()));
    let right = egui::Rect::from_min_max(egui::pos2(left.right(), area.top()), area.max);
    // Figures: header (scrolled sideways with the body), then the body.
    let mut figures_ui = ui.new_child(egui::UiBuilder::new().max_rect(right));
    let header = egui::Rect::from_min_size(right.min, egui::vec2(right.width(), ROW_HEIGHT));
    {
        let mut header_ui = figures_ui.new_child(egui::UiBuilder::new().max_rect(header));
        header_ui.set_clip_rect(header.intersect(ui.clip_rect()));
        header_ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = 0.0;
            ui.add_space(-offset.x);
            for (column, width) in figures.iter().zip(&widths) {
                header_cell_ui(ui, *column, *width, sort, false);
            }
        });
    }
    figures_ui.add_space(ROW_HEIGHT);
    // A solid scrollbar: a thin floating one is easy to miss, and then the
    // columns to the right seem not to exist.
    figures_ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
    let output = egui::ScrollArea::both()
        .id_salt("figures")
        .max_height(body_height)
        .auto_shrink([false, true])
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
        .show(&mut figures_ui, |ui| {
            ui.spacing_mut().item_spacing.y = 0.0;
            for (row, cells) in ordered.iter().zip(&texts) {
                figures_row_ui(ui, row, cells, &figures, &widths);
            }
        });
    *offset = output.state.clamped_offset();
    // The run column: same rows, following the figures' vertical scroll.
    let mut labels_ui = ui.new_child(egui::UiBuilder::new().max_rect(left));
    header_cell_ui(&mut labels_ui, Column::Run, label_width, sort, true);
    let body = egui::Rect::from_min_size(
        left.min + egui::vec2(0.0, ROW_HEIGHT),
        egui::vec2(label_width, output.inner_rect.height()),
    );
    let mut body_ui = labels_ui.new_child(egui::UiBuilder::new().max_rect(body));
    body_ui.set_clip_rect(body.intersect(ui.clip_rect()));
    body_ui.spacing_mut().item_spacing.y = 0.0;
    body_ui.add_space(-offset.y);
    for row in &ordered {
        run_cell_ui(&mut body_ui, row, grouped, label_width);
    }
    let used = ROW_HEIGHT + output.inner_rect.height() + 14.0;
    ui.allocate_rect(
        egui::Rect::from_min_size(area.min, egui::vec2(area.width(), used)),
        egui::Sense::hover(),
    );
}

fn header_cell_ui(
    ui: &mut egui::Ui,
    column: Column,
    width: f32,
    sort: &mut Option<(Column, bool)>,
    left: bool,
) {
    let marker = match *sort {
        Some((current, true)) if current == column => " ▲",
        Some((current, false)) if current == column => " ▼",
        _ => "",
    };
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(width, ROW_HEIGHT), egui::Sense::click());
    let text = format!("{}{marker}", column.title());
    // Painted, not laid out as a widget: said to screen readers (and tests) here.
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, column.title()));
    let align = if left || column.is_text() {
        egui::Align2::LEFT_CENTER
    } else {
        egui::Align2::RIGHT_CENTER
    };
    let at = if left || column.is_text() {
        rect.left_center() + egui::vec2(4.0, 0.0)
    } else {
        rect.right_center() - egui::vec2(CELL_PADDING / 2.0, 0.0)
    };
    ui.painter().text(
        at,
        align,
        text,
        egui::FontId::proportional(13.5),
        ui.visuals().strong_text_color(),
    );
    let response = response.on_hover_text(column.help());
    if response.clicked() {
        *sort = match *sort {
            Some((current, ascending)) if current == column => Some((column, !ascending)),
            // Text ascending first; figures largest first.
            _ => Some((column, column.is_text())),
        };
    }
}

fn row_background(ui: &egui::Ui, rect: egui::Rect, row: &Row<'_>, striped: bool) {
    let visuals = ui.visuals();
    let fill = if row.best {
        visuals.selection.bg_fill.gamma_multiply(0.55)
    } else if striped {
        visuals.faint_bg_color
    } else {
        return;
    };
    ui.painter().rect_filled(rect, 0.0, fill);
}

fn run_cell_ui(ui: &mut egui::Ui, row: &Row<'_>, grouped: bool, width: f32) {
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(width, ROW_HEIGHT), egui::Sense::hover());
    row_background(ui, rect, row, row.index % 2 == 1);
    let painter = ui.painter_at(rect);
    let swatch = egui::Rect::from_center_size(
        rect.left_center() + egui::vec2(10.0, 0.0),
        egui::vec2(10.0, 10.0),
    );
    painter.rect_filled(swatch, 2.0, to_color32(palette::run(row.index)));
    let prefix = if grouped {
        format!("#{} ", row.group + 1)
    } else {
        String::new()
    };
    let label = format!("{prefix}{}", run_label(row.run));
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
    let text_color = if row.best {
        ui.visuals().strong_text_color()
    } else {
        ui.visuals().text_color()
    };
    let galley = ui.fonts_mut(|f| {
        f.layout(
            label.clone(),
            egui::TextStyle::Body.resolve(ui.style()),
            text_color,
            f32::INFINITY,
        )
    });
    let cut = galley.size().x > width - 24.0;
    painter.galley(
        rect.left_center() + egui::vec2(20.0, -galley.size().y / 2.0),
        galley,
        text_color,
    );
    let mut tip = label;
    if row.best {
        tip.push_str(&format!("\n{}", tr!("results-fastest")));
    }
    if cut || row.best || row.run.cancelled {
        response.on_hover_text(tip);
    }
}

fn figures_row_ui(
    ui: &mut egui::Ui,
    row: &Row<'_>,
    cells: &[String],
    columns: &[Column],
    widths: &[f32],
) {
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 0.0;
        for ((cell, column), width) in cells.iter().zip(columns).zip(widths) {
            let (rect, response) =
                ui.allocate_exact_size(egui::vec2(*width, ROW_HEIGHT), egui::Sense::hover());
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, cell));
            row_background(ui, rect, row, row.index % 2 == 1);
            let (at, align) = if column.is_text() {
                (
                    rect.left_center() + egui::vec2(4.0, 0.0),
                    egui::Align2::LEFT_CENTER,
                )
            } else {
                (
                    rect.right_center() - egui::vec2(CELL_PADDING / 2.0, 0.0),
                    egui::Align2::RIGHT_CENTER,
                )
            };
            ui.painter().text(
                at,
                align,
                cell,
                egui::TextStyle::Body.resolve(ui.style()),
                ui.visuals().text_color(),
            );
            if *column == Column::Speedup {
                response.on_hover_text(speedup_tip(row));
            } else if *column == Column::Efficiency {
                response.on_hover_text(Column::Efficiency.help());
            }
        }
    });
}

/// What a speed-up is measured against, for its tooltip.
fn speedup_tip(row: &Row<'_>) -> String {
    let measured = match (&row.run.baseline, row.run.speedup) {
        (Some(baseline), Some(speedup)) => tr!(
            "results-speedup-tip",
            speedup = units::speedup(speedup),
            baseline = baseline.clone()
        ),
        _ => return tr!("results-speedup-none"),
    };
    let account = [
        row.run
            .predicted_speedup
            .map(|p| tr!("gap-predicted", predicted = units::speedup(p))),
        explain_gap::breakdown(row.run),
        explain_gap::finding(row.run),
    ];
    std::iter::once(measured)
        .chain(account.into_iter().flatten())
        .collect::<Vec<_>>()
        .join("\n")
}

fn explanations_ui(ui: &mut egui::Ui, groups: &[Group<'_>], rows: &[Row<'_>]) {
    egui::ScrollArea::vertical()
        .id_salt("explanations")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (number, group) in groups.iter().enumerate() {
                if groups.len() > 1 {
                    ui.strong(tr!(
                        "results-group",
                        number = number + 1,
                        name = group.result.preset.name.clone()
                    ));
                }
                for row in rows.iter().filter(|r| r.group == number) {
                    ui.horizontal_wrapped(|ui| {
                        ui.colored_label(to_color32(palette::run(row.index)), "■");
                        ui.strong(&row.run.label);
                        ui.label(explain(row.result, row.index));
                    });
                }
                for fit in &group.result.fits {
                    ui.label(egui::RichText::new(describe_fit(group.result, fit)).strong());
                }
                gil_view_ui(ui, group.result);
            }
        });
}

/// Horizontal bars, one per run, grouped by experiment: labels on the left
/// (readable at any count), the value at the bar's end, 1× and the ideal as
/// lines. Scrolls when there are more runs than fit.
fn speedup_chart_ui(ui: &mut egui::Ui, groups: &[Group<'_>], rows: &[Row<'_>]) {
    ui.strong(tr!("speedup-title"));
    let cores = groups.first().map_or(1, |g| g.result.machine.cores.max(1));
    ui.horizontal_wrapped(|ui| {
        ui.label(
            egui::RichText::new(tr!("speedup-legend-no-gain"))
                .small()
                .color(to_color32(palette::NO_GAIN)),
        );
        ui.label(
            egui::RichText::new(tr!("speedup-legend-ideal", cores = cores))
                .small()
                .color(to_color32(palette::IDEAL)),
        );
    });
    let top = rows
        .iter()
        .filter_map(|r| r.run.speedup)
        .fold(cores as f64, f64::max)
        .max(1.0)
        * 1.12;
    let headers = if groups.len() > 1 { groups.len() } else { 0 };
    let bar_height = 20.0;
    let needed = (rows.len() + headers) as f32 * bar_height + 24.0;
    egui::ScrollArea::vertical()
        .id_salt("speedup-bars")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let width = ui.available_width();
            let (rect, _) = ui.allocate_exact_size(egui::vec2(width, needed), egui::Sense::hover());
            draw_bars(ui, rect, groups, rows, top, cores as f64, bar_height);
        });
}

fn draw_bars(
    ui: &egui::Ui,
    rect: egui::Rect,
    groups: &[Group<'_>],
    rows: &[Row<'_>],
    top: f64,
    cores: f64,
    bar_height: f32,
) {
    let painter = ui.painter_at(rect);
    let font = egui::FontId::proportional(12.5);
    let text_color = ui.visuals().text_color();
    let label_width = (rect.width() * 0.38).clamp(80.0, 220.0);
    let value_room = 52.0;
    let plot_left = rect.left() + label_width + 6.0;
    let plot_right = (rect.right() - value_room).max(plot_left + 20.0);
    let x_of = |value: f64| plot_left + (plot_right - plot_left) * (value / top) as f32;
    let mut y = rect.top();
    for (number, group) in groups.iter().enumerate() {
        if groups.len() > 1 {
            painter.text(
                egui::pos2(rect.left(), y + bar_height / 2.0),
                egui::Align2::LEFT_CENTER,
                tr!(
                    "results-group",
                    number = number + 1,
                    name = group.result.preset.name.clone()
                ),
                egui::FontId::proportional(12.5),
                ui.visuals().strong_text_color(),
            );
            y += bar_height;
        }
        for row in rows.iter().filter(|r| r.group == number) {
            let label = shorten(ui, &row.run.label, label_width - 4.0, &font);
            painter.text(
                egui::pos2(plot_left - 6.0, y + bar_height / 2.0),
                egui::Align2::RIGHT_CENTER,
                label,
                font.clone(),
                text_color,
            );
            let bar = egui::Rect::from_min_max(
                egui::pos2(plot_left, y + 3.0),
                egui::pos2(x_of(row.run.speedup.unwrap_or(0.0)), y + bar_height - 3.0),
            );
            match row.run.speedup {
                Some(speedup) => {
                    painter.rect_filled(bar, 2.0, to_color32(palette::run(row.index)));
                    painter.text(
                        egui::pos2(bar.right() + 4.0, y + bar_height / 2.0),
                        egui::Align2::LEFT_CENTER,
                        units::speedup(speedup),
                        font.clone(),
                        text_color,
                    );
                }
                None => {
                    painter.text(
                        egui::pos2(plot_left + 4.0, y + bar_height / 2.0),
                        egui::Align2::LEFT_CENTER,
                        tr!("speedup-not-measured"),
                        font.clone(),
                        ui.visuals().weak_text_color(),
                    );
                }
            }
            y += bar_height;
        }
    }
    let bottom = y;
    for (value, color) in [(1.0, palette::NO_GAIN), (cores, palette::IDEAL)] {
        let x = x_of(value);
        painter.add(egui::Shape::dashed_line(
            &[egui::pos2(x, rect.top()), egui::pos2(x, bottom)],
            egui::Stroke::new(1.2, to_color32(color)),
            4.0,
            3.0,
        ));
    }
    // Ticks along the bottom.
    let step = if top > 20.0 {
        5.0
    } else if top > 8.0 {
        2.0
    } else {
        1.0
    };
    let mut tick = 0.0;
    while tick <= top {
        painter.text(
            egui::pos2(x_of(tick), bottom + 2.0),
            egui::Align2::CENTER_TOP,
            format!("{tick:.0}×"),
            egui::FontId::proportional(11.0),
            ui.visuals().weak_text_color(),
        );
        tick += step;
    }
}

/// Text cut to fit `width`, with an ellipsis.
fn shorten(ui: &egui::Ui, text: &str, width: f32, font: &egui::FontId) -> String {
    let fits = |t: &str| {
        ui.fonts_mut(|f| {
            f.layout_no_wrap(t.to_owned(), font.clone(), egui::Color32::WHITE)
                .size()
                .x
        }) <= width
    };
    if fits(text) {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut keep = chars.len();
    while keep > 1 {
        keep -= 1;
        let candidate: String = chars[..keep].iter().collect::<String>() + "…";
        if fits(&candidate) {
            return candidate;
        }
    }
    "…".to_owned()
}
