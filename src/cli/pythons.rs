//! `concurrency-lab pythons` and `calibrate --python`: the interpreters the
//! lab can run, and how fast each computes.

use std::process::ExitCode;

use super::{EXIT_BAD_INPUT, EXIT_FAILED};
use crate::engine::python::calibrate;
use crate::engine::python::discover::{self, Probe};

#[derive(Debug, clap::Args)]
pub struct PythonsArgs {
    /// Print the list as JSON
    #[arg(long)]
    json: bool,
}

/// Lists every interpreter found, usable or not (with the reason).
pub fn pythons(args: &PythonsArgs) -> ExitCode {
    let found = discover::pythons();
    if args.json {
        return match serde_json::to_string_pretty(&found.probes) {
            Ok(text) => {
                println!("{text}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::from(EXIT_FAILED)
            }
        };
    }
    if found.probes.is_empty() {
        println!(
            "No Python interpreter found (looked at {}, PATH, pyenv, uv and the py launcher).",
            discover::ENV_PYTHON
        );
        return ExitCode::SUCCESS;
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
        "interpreter",
        "version",
        "build",
        "GIL now",
        "start method",
        "interpreter pool",
        "path",
    ]
    .map(str::to_owned);
    print_table(&header, &rows);
    for probe in &probes {
        if let Some(problem) = &probe.problem {
            println!("  {}: {problem}", probe.candidate.display());
        }
    }
    println!(
        "\nUse one in a preset with runtime = \"python\" and python = \"3.12\" (a version, a command or a path);\nthe first usable one is the default. Set {} to put one first.",
        discover::ENV_PYTHON
    );
    ExitCode::SUCCESS
}

fn row(probe: &Probe) -> [String; 7] {
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_owned();
    match &probe.info {
        Some(info) => [
            if probe.problem.is_some() {
                format!("{} (unsupported)", info.implementation)
            } else {
                info.implementation.clone()
            },
            info.version.clone(),
            info.build().to_owned(),
            if info.gil_enabled { "on" } else { "off" }.to_owned(),
            info.start_method.clone().unwrap_or_else(|| "-".into()),
            yes_no(info.interpreter_pool),
            info.executable.display().to_string(),
        ],
        None => [
            "(failed)".into(),
            "-".into(),
            "-".into(),
            "-".into(),
            "-".into(),
            "-".into(),
            probe.candidate.display().to_string(),
        ],
    }
}

fn print_table(header: &[String; 7], rows: &[[String; 7]]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: &[String; 7]| {
        let text: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        println!("{}", text.join("  ").trim_end());
    };
    line(header);
    for row in rows {
        line(row);
    }
}

/// Measures one interpreter's kernel speed.
pub fn calibrate_python(wanted: &str) -> ExitCode {
    let found = discover::pythons();
    let python = match found.resolve(Some(wanted)) {
        Ok(python) => python,
        Err(error) => {
            eprintln!("error: --python {wanted:?}: {error}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let lab = crate::engine::run::kernel::calibration();
    let mut rates = Vec::new();
    for _ in 0..3 {
        match calibrate::measure(&python, None, &|| false) {
            Ok(calibration) => rates.push(calibration.iterations_per_ms),
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::from(EXIT_FAILED);
            }
        }
    }
    rates.sort_by(f64::total_cmp);
    let median = rates[rates.len() / 2];
    println!(
        "{median:.0} kernel iterations per ms on one core in {} ({})",
        python.short_name(),
        python.executable.display()
    );
    println!(
        "spread over 3 measurements: {:.0} .. {:.0}; the lab's own kernel does {:.0} per ms here, {:.0}× as many",
        rates[0],
        rates[rates.len() - 1],
        lab.iterations_per_ms,
        lab.iterations_per_ms / median.max(1.0)
    );
    println!("cpu_ms = 1.0 in a preset means {median:.0} iterations in this interpreter");
    ExitCode::SUCCESS
}
