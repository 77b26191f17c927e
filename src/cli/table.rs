//! The results table `run` prints: one row per run, then one plain sentence
//! per run saying what happened.

use std::fmt::Write;

use crate::engine::results::explain::explain;
use crate::engine::results::format::duration;
use crate::engine::results::metrics::ExperimentResult;

fn optional(value: Option<f64>, suffix: &str) -> String {
    value.map_or_else(|| "-".to_owned(), |v| format!("{v:.2}{suffix}"))
}

/// The whole report as text.
pub fn render(result: &ExperimentResult) -> String {
    let header = [
        "run",
        "runtime",
        "model",
        "workers",
        "wall",
        "± sd",
        "speed-up",
        "efficiency",
        "CPU time",
        "throughput",
        "p95 latency",
        "failed",
    ];
    let rows: Vec<[String; 12]> = result
        .runs
        .iter()
        .map(|run| {
            // A run with nothing measured has no figures, not zeros.
            let measured = run.repetitions > 0;
            let figure = |text: String| if measured { text } else { "-".to_owned() };
            [
                run.label.clone(),
                run.runtime_name(),
                run.model.name().to_owned(),
                run.workers.to_string(),
                figure(duration(run.wall_s.mean)),
                if run.repetitions > 1 {
                    duration(run.wall_s.sd)
                } else {
                    "-".to_owned()
                },
                optional(run.speedup, "×"),
                run.efficiency
                    .map_or_else(|| "-".to_owned(), |e| format!("{:.0} %", e * 100.0)),
                figure(duration(run.cpu_s)),
                figure(format!("{:.0}/s", run.throughput_per_s)),
                figure(duration(run.latency_ms.p95 / 1000.0)),
                if run.error.is_some() {
                    "error".to_owned()
                } else {
                    run.failed.to_string()
                },
            ]
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let machine = &result.machine;
    let _ = writeln!(
        out,
        "\n{} — {} logical cores, {}, {}",
        result.preset.name, machine.cores, machine.cpu, machine.os
    );
    let line = |out: &mut String, cells: &[String]| {
        let mut text = String::new();
        for (i, (cell, width)) in cells.iter().zip(&widths).enumerate() {
            let pad = width - cell.chars().count();
            if i < 3 {
                text.push_str(cell);
                text.push_str(&" ".repeat(pad));
            } else {
                text.push_str(&" ".repeat(pad));
                text.push_str(cell);
            }
            text.push_str("  ");
        }
        let _ = writeln!(out, "{}", text.trim_end());
    };
    line(&mut out, &header.map(str::to_owned));
    for row in &rows {
        line(&mut out, row);
    }
    out.push('\n');
    for (index, run) in result.runs.iter().enumerate() {
        let _ = writeln!(out, "{}: {}", run.label, explain(result, index));
    }
    if result.cancelled {
        let _ = writeln!(out, "(cancelled: runs not reached are missing)");
    }
    out
}
