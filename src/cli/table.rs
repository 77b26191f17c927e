//! The results table `run` prints: one row per run (the columns are the
//! window's, from [`crate::present::columns`]), then one plain sentence per
//! run saying what happened.

use crate::engine::results::compare::{self, RelativeSpeed};
use crate::engine::results::explain::explain;
use crate::engine::results::explain_fit::describe as describe_fit;
use crate::engine::results::metrics::ExperimentResult;
use crate::i18n::number;
use crate::present::columns::{Column, render_table};
use crate::present::units;
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
    if !result.fits.is_empty() {
        out.push('\n');
    }
    for fit in &result.fits {
        out.push_str(&describe_fit(result, fit));
        out.push('\n');
    }
    out.push_str(&relative_speeds(result));
    if result.cancelled {
        out.push_str(&tr!("cli-report-cancelled"));
        out.push('\n');
    }
    out
}

/// The fastest run against every other, hyperfine's way: the ratio of mean
/// walls with its propagated uncertainty.
fn relative_speeds(result: &ExperimentResult) -> String {
    let Some(fastest) = compare::fastest(result) else {
        return String::new();
    };
    let fast = &result.runs[fastest];
    let lines: Vec<String> = result
        .runs
        .iter()
        .enumerate()
        .filter(|(i, r)| *i != fastest && r.succeeded())
        .filter_map(|(_, slow)| {
            let speed = RelativeSpeed::of(&fast.wall_s, &slow.wall_s)?;
            let (fast, slow) = (fast.label.clone(), slow.label.clone());
            let ratio = number(speed.ratio, 2);
            let uncertainty = number(speed.uncertainty, 2);
            Some(if speed.beyond_noise() {
                tr!(
                    "cli-relative",
                    fast = fast,
                    slow = slow,
                    ratio = ratio,
                    uncertainty = uncertainty
                )
            } else {
                tr!(
                    "cli-relative-same",
                    fast = fast,
                    slow = slow,
                    ratio = ratio,
                    uncertainty = uncertainty
                )
            })
        })
        .collect();
    if lines.is_empty() {
        return String::new();
    }
    format!(
        "\n{}\n  {}\n",
        tr!("cli-relative-heading"),
        lines.join("\n  ")
    )
}

/// Each run against the same label in `old`, differences beyond noise said.
pub fn render_comparison(new: &ExperimentResult, old: &ExperimentResult, file: &str) -> String {
    let (matched, unmatched) = compare::compare(new, old);
    let mut out = format!(
        "\n{}\n",
        tr!(
            "cli-compare-heading",
            file = file.to_owned(),
            name = old.preset.name.clone(),
            machine = format!("{}, {}", old.machine.cpu, old.machine.os)
        )
    );
    for comparison in &matched {
        let speed = comparison.speed;
        let label = comparison.label.clone();
        let old = units::duration(comparison.old_wall_s);
        let new = units::duration(comparison.new_wall_s);
        // Slower is said as "n× slower", its uncertainty scaled alike.
        let flipped = if speed.ratio >= 1.0 {
            1.0
        } else {
            1.0 / speed.ratio.powi(2)
        };
        let ratio = number(speed.ratio.max(1.0 / speed.ratio), 2);
        let uncertainty = number(speed.uncertainty * flipped, 2);
        let line = match (speed.beyond_noise(), speed.ratio >= 1.0) {
            (false, _) => tr!("cli-compare-same", label = label, old = old, new = new),
            (true, true) => tr!(
                "cli-compare-faster",
                label = label,
                old = old,
                new = new,
                ratio = ratio,
                uncertainty = uncertainty
            ),
            (true, false) => tr!(
                "cli-compare-slower",
                label = label,
                old = old,
                new = new,
                ratio = ratio,
                uncertainty = uncertainty
            ),
        };
        out.push_str(&format!("  {line}\n"));
    }
    if !unmatched.is_empty() {
        out.push_str(&format!(
            "  {}\n",
            tr!("cli-compare-unmatched", labels = unmatched.join("; "))
        ));
    }
    out
}
