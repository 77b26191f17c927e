//! The command line (clap). `main.rs` calls [`main`]; each subcommand lives
//! in its own module. Errors are handled once, here: a message on stderr and
//! an exit code (0 done, 1 the run failed, 2 bad preset or arguments,
//! 130 cancelled).

mod pythons;
mod run;
mod table;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::engine::run::executor::{WORKER_ARG, worker_main};
use crate::engine::spec::builtin::BUILTIN_PRESETS;

/// Exit code: a run failed (a task failed, a checksum was wrong, an export failed).
pub const EXIT_FAILED: u8 = 1;
/// Exit code: a bad preset or bad arguments.
pub const EXIT_BAD_INPUT: u8 = 2;
/// Exit code: cancelled (Ctrl+C).
pub const EXIT_CANCELLED: u8 = 130;

#[derive(Debug, Parser)]
#[command(
    name = "concurrency-lab",
    version,
    about = "Run one workload under every execution model and see what the machine did",
    long_about = "Concurrency Lab runs the same workload under threads, thread pools, process pools, \
                  async event loops, work-stealing and threads under a simulated Python GIL, and \
                  measures wall time, CPU time, speed-up and which core ran which task when.\n\n\
                  Without a subcommand it opens the desktop app."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Commands>,
}

#[derive(Debug, Subcommand)]
enum Commands {
    /// Run a preset headless and print a table of results
    Run(run::RunArgs),
    /// List the built-in presets
    Presets,
    /// Measure how many kernel iterations one core does per millisecond here
    Calibrate(CalibrateArgs),
    /// List the Python interpreters found on this machine
    Pythons(pythons::PythonsArgs),
    /// Open the desktop app
    Gui(GuiArgs),
}

#[derive(Debug, clap::Args)]
struct CalibrateArgs {
    /// Calibrate a Python interpreter instead: a version (3.12, 3.13t), a command or a path
    #[arg(long, value_name = "VERSION|COMMAND|PATH")]
    python: Option<String>,
}

#[derive(Debug, clap::Args)]
struct GuiArgs {
    /// Preset file or built-in name to open
    #[arg(long, value_name = "FILE|NAME")]
    preset: Option<String>,
    /// Run the preset as soon as the window opens
    #[arg(long, requires = "preset")]
    autorun: bool,
}

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    init_logging();
    if std::env::args_os()
        .nth(1)
        .is_some_and(|arg| arg == WORKER_ARG)
    {
        return worker_main();
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() {
                EXIT_BAD_INPUT
            } else {
                0
            });
        }
    };
    match cli.command {
        Some(Commands::Run(args)) => run::run(&args),
        Some(Commands::Presets) => presets(),
        Some(Commands::Calibrate(args)) => match args.python {
            Some(python) => pythons::calibrate_python(&python),
            None => calibrate(),
        },
        Some(Commands::Pythons(args)) => pythons::pythons(&args),
        Some(Commands::Gui(args)) => gui(args.preset, args.autorun),
        None => gui(None, false),
    }
}

/// Warnings and errors (a window, GL or file-dialog portal failure) go to
/// stderr; `RUST_LOG` (e.g. `RUST_LOG=info`, `RUST_LOG=wgpu=debug`) shows more.
fn init_logging() {
    let _ = env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn"))
        .format_timestamp(None)
        .try_init();
}

fn gui(preset: Option<String>, autorun: bool) -> ExitCode {
    crate::app::run(crate::app::AppOptions {
        preset,
        autorun,
        ..crate::app::AppOptions::default()
    })
}

fn presets() -> ExitCode {
    let width = BUILTIN_PRESETS
        .iter()
        .map(|p| p.name.len())
        .max()
        .unwrap_or(0);
    for preset in BUILTIN_PRESETS {
        println!("{:width$}  {}", preset.name, preset.claim);
    }
    println!("\nRun one with `concurrency-lab run NAME`; write your own as TOML (see README).");
    ExitCode::SUCCESS
}

fn calibrate() -> ExitCode {
    let machine = crate::engine::measure::machine::MachineInfo::current();
    let mut rates: Vec<f64> = (0..5)
        .map(|_| crate::engine::run::kernel::measure().iterations_per_ms)
        .collect();
    rates.sort_by(f64::total_cmp);
    let median = rates[rates.len() / 2];
    println!(
        "{median:.0} kernel iterations per ms on one core ({} logical cores, {})",
        machine.cores, machine.cpu
    );
    println!(
        "spread over 5 measurements: {:.0} .. {:.0}; cpu_ms = 1.0 in a preset means {median:.0} iterations here",
        rates[0],
        rates[rates.len() - 1]
    );
    ExitCode::SUCCESS
}

/// Whether a path can be written: its folder exists and accepts a file.
fn check_writable(flag: &str, path: &std::path::Path) -> Result<(), String> {
    if path.as_os_str() == "-" {
        return Ok(());
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if path.is_dir() {
        return Err(format!(
            "{flag} {}: is a folder, not a file",
            path.display()
        ));
    }
    tempfile::tempfile_in(&folder).map(drop).map_err(|e| {
        format!(
            "{flag} {}: cannot write in {}: {e}",
            path.display(),
            folder.display()
        )
    })
}
