//! The results table `run` prints: one row per run (the columns are the
//! window's, from [`crate::present::columns`]), then one plain sentence per
//! run saying what happened.

use crate::engine::results::explain::explain;
use crate::engine::results::metrics::ExperimentResult;
use crate::present::columns::{Column, render_table};
use crate::tr;

/// The whole report as text.
pub fn render(result: &ExperimentResult) -> String {
    let machine = &result.machine;
    let mut out = format!(
        "\n{}\n",
        tr!(
            "cli-report-heading",
            name = result.preset.name.clone(),
            cores = machine.cores,
            cpu = machine.cpu.clone(),
            os = machine.os.clone()
        )
    );
    let runs: Vec<_> = result.runs.iter().collect();
    out.push_str(&render_table(&Column::CLI, &runs, false));
    out.push('\n');
    for (index, run) in result.runs.iter().enumerate() {
        out.push_str(&format!("{}: {}\n", run.label, explain(result, index)));
    }
    if result.cancelled {
        out.push_str(&tr!("cli-report-cancelled"));
        out.push('\n');
    }
    out
}
