//! `concurrency-lab pythons` and `calibrate --python`: the interpreters the
//! lab can run, and how fast each computes.

use super::error::{CliError, print_out};
use crate::engine::python::calibrate;
use crate::engine::python::discover::{self, Probe};
use crate::tr;

#[derive(Debug, clap::Args)]
pub struct PythonsArgs {
    /// Print the list as JSON
    #[arg(long)]
    json: bool,
}

/// Lists every interpreter found, usable or not (with the reason).
pub fn pythons(args: &PythonsArgs) -> Result<(), CliError> {
    let found = discover::pythons();
    if args.json {
        let text = serde_json::to_string_pretty(&found.probes)
            .map_err(|e| CliError::Export(e.to_string()))?;
        return print_out(&format!("{text}\n"));
    }
    if found.probes.is_empty() {
        return print_out(&format!(
            "{}\n",
            tr!("cli-pythons-none", variable = discover::ENV_PYTHON)
        ));
    }
    // Usable ones first (in order of preference), then unsupported, then failed.
    let mut probes: Vec<&Probe> = found.probes.iter().collect();
    probes.sort_by_key(|p| match (&p.info, &p.problem) {
        (Some(_), None) => 0,
        (Some(_), Some(_)) => 1,
        (None, _) => 2,
    });
    let rows: Vec<[String; 7]> = probes.iter().map(|p| row(p)).collect();
    let header = [
        tr!("cli-pythons-interpreter"),
        tr!("cli-pythons-version"),
        tr!("cli-pythons-build"),
        tr!("cli-pythons-gil-now"),
        tr!("cli-pythons-start-method"),
        tr!("cli-pythons-interpreter-pool"),
        tr!("cli-pythons-path"),
    ];
    let mut text = table_text(&header, &rows);
    for probe in &probes {
        if let Some(problem) = &probe.problem {
            text.push_str(&format!("  {}: {problem}\n", probe.candidate.display()));
        }
    }
    text.push('\n');
    text.push_str(&tr!("cli-pythons-hint", variable = discover::ENV_PYTHON));
    text.push('\n');
    print_out(&text)
}

fn row(probe: &Probe) -> [String; 7] {
    let yes_no = |b: bool| if b { tr!("yes") } else { tr!("no") };
    match &probe.info {
        Some(info) => [
            if probe.problem.is_some() {
                tr!(
                    "cli-pythons-unsupported",
                    name = info.implementation.clone()
                )
            } else {
                info.implementation.clone()
            },
            info.version.clone(),
            if info.free_threaded {
                tr!("build-free-threaded")
            } else {
                tr!("build-gil")
            },
            if info.gil_enabled {
                tr!("gil-on")
            } else {
                tr!("gil-off")
            },
            info.start_method.clone().unwrap_or_else(|| "-".into()),
            yes_no(info.interpreter_pool),
            info.executable.display().to_string(),
        ],
        None => [
            tr!("cli-pythons-failed"),
            "-".into(),
            "-".into(),
            "-".into(),
            "-".into(),
            "-".into(),
            probe.candidate.display().to_string(),
        ],
    }
}

fn table_text(header: &[String; 7], rows: &[[String; 7]]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for cells in std::iter::once(header).chain(rows) {
        let text: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        out.push_str(text.join("  ").trim_end());
        out.push('\n');
    }
    out
}

/// Measures one interpreter's kernel speed.
pub fn calibrate_python(wanted: &str) -> Result<(), CliError> {
    let found = discover::pythons();
    let python = found
        .resolve(Some(wanted))
        .map_err(|error| CliError::BadArgument(format!("--python {wanted:?}: {error}")))?;
    let lab = crate::engine::run::kernel::calibration();
    let mut rates = Vec::new();
    for _ in 0..3 {
        let calibration = calibrate::measure(&python, None, &|| false)
            .map_err(|e| CliError::Setup(e.to_string()))?;
        rates.push(calibration.iterations_per_ms);
    }
    rates.sort_by(f64::total_cmp);
    let median = rates[rates.len() / 2];
    print_out(&format!(
        "{}\n{}\n{}\n",
        tr!(
            "cli-calibrate-python-rate",
            rate = format!("{median:.0}"),
            name = python.short_name(),
            path = python.executable.display().to_string()
        ),
        tr!(
            "cli-calibrate-python-spread",
            low = format!("{:.0}", rates[0]),
            high = format!("{:.0}", rates[rates.len() - 1]),
            lab = format!("{:.0}", lab.iterations_per_ms),
            ratio = format!("{:.0}", lab.iterations_per_ms / median.max(1.0))
        ),
        tr!("cli-calibrate-python-means", rate = format!("{median:.0}"))
    ))
}
