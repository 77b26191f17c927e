//! What can go wrong on the command line, each with its exit code and a
//! message in the language on show. Handled once, in [`super::main`].

use std::path::PathBuf;

use crate::engine::spec::preset::PresetError;
use crate::tr;

/// Exit code: a run failed (a task failed, a checksum was wrong, an export failed).
pub const EXIT_FAILED: u8 = 1;
/// Exit code: a bad preset or bad arguments.
pub const EXIT_BAD_INPUT: u8 = 2;
/// Exit code: cancelled (Ctrl+C).
pub const EXIT_CANCELLED: u8 = 130;

/// A command-line failure.
#[derive(Debug)]
pub enum CliError {
    /// The preset could not be read or is not valid.
    Preset(PresetError),
    /// Two exports asked for standard output (their options, e.g. `--json`).
    StdoutTwice {
        /// The first option given `-`.
        first: &'static str,
        /// Another.
        second: &'static str,
    },
    /// An output file could not be written.
    NotWritable {
        /// The option, e.g. `--json`.
        flag: String,
        /// The path given.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A chart option is wrong.
    Chart(String),
    /// Something needed to run is missing (the executable, the runner thread).
    Setup(String),
    /// Runs failed (their reasons were printed as the experiment ended).
    RunsFailed(usize),
    /// Writing an export failed.
    Export(String),
    /// Ctrl+C: what was measured has been written.
    Cancelled(String),
    /// A bad `--python` or the like.
    BadArgument(String),
    /// Standard output was closed by its reader (`| head`): not an error
    /// worth a message.
    OutputClosed,
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            CliError::Preset(error) => error.to_string(),
            CliError::StdoutTwice { first, second } => {
                tr!("cli-stdout-twice", first = *first, second = *second)
            }
            CliError::NotWritable { flag, path, reason } => tr!(
                "cli-not-writable",
                flag = flag.clone(),
                path = path.display().to_string(),
                reason = reason.clone()
            ),
            CliError::Chart(text)
            | CliError::Setup(text)
            | CliError::Export(text)
            | CliError::BadArgument(text) => text.clone(),
            CliError::RunsFailed(count) => tr!("cli-runs-failed", count = *count),
            CliError::Cancelled(name) => tr!("cli-cancelled", name = name.clone()),
            CliError::OutputClosed => tr!("cli-output-closed"),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for CliError {}

impl From<PresetError> for CliError {
    fn from(error: PresetError) -> Self {
        CliError::Preset(error)
    }
}

impl CliError {
    /// The process exit code for this failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Preset(_)
            | CliError::StdoutTwice { .. }
            | CliError::NotWritable { .. }
            | CliError::Chart(_)
            | CliError::BadArgument(_) => EXIT_BAD_INPUT,
            CliError::Setup(_) | CliError::RunsFailed(_) | CliError::Export(_) => EXIT_FAILED,
            CliError::Cancelled(_) => EXIT_CANCELLED,
            CliError::OutputClosed => 0,
        }
    }
}

/// Writes to standard output; a reader that went away ends the program
/// quietly instead of a panic (`concurrency-lab presets | head -1`).
pub fn print_out(text: &str) -> Result<(), CliError> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::BrokenPipe => CliError::OutputClosed,
            _ => CliError::Export(e.to_string()),
        })
}

/// Writes to standard error, ignoring a closed one (nobody to tell).
pub fn print_err(text: &str) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}
