//! The command line (clap). `main.rs` calls [`main`]; each subcommand lives
//! in its own module and returns a `Result`; errors are handled once, here:
//! a message on stderr in the language on show, and an exit code (0 done,
//! 1 the run failed, 2 bad preset or arguments, 130 cancelled).

mod error;
mod lessons;
mod pythons;
mod run;
mod table;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

pub use error::{CliError, EXIT_BAD_INPUT, EXIT_CANCELLED, EXIT_FAILED};
use error::{print_err, print_out};

use crate::engine::run::executor::{WORKER_ARG, worker_main};
use crate::engine::spec::builtin::BUILTIN_PRESETS;
use crate::i18n::{self, Language};
use crate::tr;

#[derive(Debug, Parser)]
#[command(name = "concurrency-lab", version)]
struct Cli {
    /// Language of messages (default: the system's)
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    lang: Option<Language>,
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
    /// List the guided lessons and which ones are done
    Lessons,
    /// Follow one guided lesson: read, predict, measure, compare
    Lesson(lessons::LessonArgs),
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
    /// Open the window on this lesson
    #[arg(long, value_name = "N")]
    lesson: Option<u8>,
    /// The window's size in points, e.g. 1280x720 (for a projector or a screenshot)
    #[arg(long, value_name = "WIDTHxHEIGHT", value_parser = parse_size)]
    size: Option<[f32; 2]>,
}

/// `1280x720` as a size, within what a screen can hold.
fn parse_size(text: &str) -> Result<[f32; 2], String> {
    let bad = || tr!("cli-bad-size", size = text.to_owned());
    let (width, height) = text.split_once(['x', 'X', '×']).ok_or_else(bad)?;
    let side = |s: &str| {
        s.trim()
            .parse::<u16>()
            .ok()
            .filter(|v| (200..=16_384).contains(v))
            .map(f32::from)
    };
    Ok([side(width).ok_or_else(bad)?, side(height).ok_or_else(bad)?])
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
    let args: Vec<OsString> = std::env::args_os().collect();
    // The language is needed before clap writes help or errors.
    let language = language_asked(&args).unwrap_or_else(i18n::system_language);
    i18n::set_language(language);
    let cli = match translated_command()
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches))
    {
        Ok(cli) => cli,
        Err(error) => {
            // Help or an error that cannot be printed has nowhere else to go.
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() {
                EXIT_BAD_INPUT
            } else {
                0
            });
        }
    };
    let outcome = match cli.command {
        Some(Commands::Run(args)) => run::run(&args),
        Some(Commands::Presets) => presets(),
        Some(Commands::Calibrate(args)) => match args.python {
            Some(python) => pythons::calibrate_python(&python),
            None => calibrate(),
        },
        Some(Commands::Pythons(args)) => pythons::pythons(&args),
        Some(Commands::Lessons) => lessons::lessons(),
        Some(Commands::Lesson(args)) => lessons::lesson(&args),
        Some(Commands::Gui(args)) => return gui(args, cli.lang),
        None => {
            return gui(
                GuiArgs {
                    preset: None,
                    autorun: false,
                    lesson: None,
                    size: None,
                },
                cli.lang,
            );
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::OutputClosed) => ExitCode::SUCCESS,
        Err(error @ CliError::Cancelled(_)) => {
            print_err(&format!("{error}\n"));
            ExitCode::from(error.exit_code())
        }
        Err(error) => {
            print_err(&format!(
                "{}\n",
                tr!("cli-error", message = error.to_string())
            ));
            ExitCode::from(error.exit_code())
        }
    }
}

/// Warnings and errors (a window, GL or file-dialog portal failure) go to
/// stderr; `RUST_LOG` (e.g. `RUST_LOG=info`, `RUST_LOG=wgpu=debug`) shows more.
fn init_logging() {
    let _ = env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn"))
        .format_timestamp(None)
        .try_init();
}

/// `--lang xx` or `--lang=xx`, read before clap (an unknown value is left
/// for clap to refuse).
fn language_asked(args: &[OsString]) -> Option<Language> {
    let mut words = args.iter().filter_map(|a| a.to_str());
    while let Some(word) = words.next() {
        let value = match word.strip_prefix("--lang") {
            Some("") => words.next(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        if let Some(value) = value {
            return <Language as clap::ValueEnum>::from_str(value, true).ok();
        }
    }
    None
}

/// The clap command with its help in the language on show (clap's own
/// words — "Usage", "Options" — stay as clap writes them).
fn translated_command() -> clap::Command {
    Cli::command()
        .about(tr!("cli-about"))
        .long_about(tr!("cli-long-about"))
        .mut_arg("lang", |a| a.help(tr!("cli-help-lang")))
        .mut_subcommand("run", |c| run::translate_help(c.about(tr!("cli-help-run"))))
        .mut_subcommand("presets", |c| c.about(tr!("cli-help-presets")))
        .mut_subcommand("calibrate", |c| {
            c.about(tr!("cli-help-calibrate"))
                .mut_arg("python", |a| a.help(tr!("cli-help-calibrate-python")))
        })
        .mut_subcommand("pythons", |c| {
            c.about(tr!("cli-help-pythons"))
                .mut_arg("json", |a| a.help(tr!("cli-help-pythons-json")))
        })
        .mut_subcommand("lessons", |c| c.about(tr!("cli-help-lessons")))
        .mut_subcommand("lesson", lessons::translate_help)
        .mut_subcommand("gui", |c| {
            c.about(tr!("cli-help-gui"))
                .mut_arg("preset", |a| a.help(tr!("cli-help-gui-preset")))
                .mut_arg("autorun", |a| a.help(tr!("cli-help-gui-autorun")))
                .mut_arg("lesson", |a| a.help(tr!("cli-help-gui-lesson")))
                .mut_arg("size", |a| a.help(tr!("cli-help-gui-size")))
        })
}

/// Opens the window; a lesson number that does not exist is refused here,
/// before a window opens.
fn gui(args: GuiArgs, lang: Option<Language>) -> ExitCode {
    if let Some(number) = args.lesson
        && crate::lessons::Lesson::number(number).is_none()
    {
        let message = tr!(
            "cli-lesson-unknown",
            number = number,
            count = crate::lessons::COUNT
        );
        print_err(&format!("{}\n", tr!("cli-error", message = message)));
        return ExitCode::from(EXIT_BAD_INPUT);
    }
    crate::app::run(crate::app::AppOptions {
        preset: args.preset,
        autorun: args.autorun,
        language: lang,
        lesson: args.lesson,
        size: args.size,
        ..crate::app::AppOptions::default()
    })
}

fn presets() -> Result<(), CliError> {
    let width = BUILTIN_PRESETS
        .iter()
        .map(|p| p.name.len())
        .max()
        .unwrap_or(0);
    let mut text = String::new();
    for preset in BUILTIN_PRESETS {
        text.push_str(&format!("{:width$}  {}\n", preset.name, preset.claim()));
    }
    text.push('\n');
    text.push_str(&tr!("cli-presets-hint"));
    text.push('\n');
    print_out(&text)
}

fn calibrate() -> Result<(), CliError> {
    let machine = crate::engine::measure::machine::MachineInfo::current();
    let mut rates: Vec<f64> = (0..5)
        .map(|_| crate::engine::run::kernel::measure().iterations_per_ms)
        .collect();
    rates.sort_by(f64::total_cmp);
    let median = rates[rates.len() / 2];
    print_out(&format!(
        "{}\n{}\n",
        tr!(
            "cli-calibrate-rate",
            rate = format!("{median:.0}"),
            cores = machine.cores,
            cpu = machine.cpu.clone()
        ),
        tr!(
            "cli-calibrate-spread",
            low = format!("{:.0}", rates[0]),
            high = format!("{:.0}", rates[rates.len() - 1]),
            rate = format!("{median:.0}")
        )
    ))
}

/// Whether a path can be written: it names no folder, disk or socket, and
/// the folder of the file it names (a link's target) accepts a new file. A
/// FIFO or a device is written in place, so there is nothing to try first.
fn check_writable(flag: &str, path: &std::path::Path) -> Result<(), CliError> {
    if path.as_os_str() == "-" {
        return Ok(());
    }
    let not_writable = |reason: String| CliError::NotWritable {
        flag: flag.to_owned(),
        path: path.to_path_buf(),
        reason,
    };
    let target = crate::export::destination::destination(path)
        .map_err(|refusal| not_writable(refusal.reason()))?;
    let Some(folder) = target.temporary_folder() else {
        return Ok(());
    };
    tempfile::tempfile_in(folder).map(drop).map_err(|e| {
        not_writable(tr!(
            "cli-cannot-write-in",
            folder = folder.display().to_string(),
            reason = e.to_string()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_language_is_read_before_clap() {
        assert_eq!(
            language_asked(&args(&["lab", "--lang", "ru", "run"])),
            Some(Language::Ru)
        );
        assert_eq!(
            language_asked(&args(&["lab", "run", "x", "--lang=en"])),
            Some(Language::En)
        );
        assert_eq!(language_asked(&args(&["lab", "run", "x"])), None);
        assert_eq!(language_asked(&args(&["lab", "--lang", "xx"])), None);
    }

    #[test]
    fn a_window_size_reads_as_width_by_height_within_bounds() {
        assert_eq!(parse_size("1280x720"), Ok([1280.0, 720.0]));
        assert_eq!(parse_size("1920×1080"), Ok([1920.0, 1080.0]));
        for bad in ["1280", "x720", "0x0", "99999x720", "-5x10", "axb"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_translated_command_is_well_formed() {
        translated_command().debug_assert();
    }
}
