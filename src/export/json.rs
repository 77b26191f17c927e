//! JSON: everything, and reloadable ("Open results…" reads it back).

use std::io::Write;
use std::path::Path;

use super::{ExportError, Exporter};
use crate::engine::results::metrics::ExperimentResult;

/// Writes the result as pretty JSON; spans only when asked (they are large).
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonExporter {
    /// Include every task's span of the last repetition of each run.
    pub include_spans: bool,
}

impl Exporter for JsonExporter {
    fn write(&self, result: &ExperimentResult, out: &mut dyn Write) -> std::io::Result<()> {
        let stripped;
        let result = if self.include_spans {
            result
        } else {
            let mut copy = result.clone();
            for run in &mut copy.runs {
                run.spans.clear();
            }
            stripped = copy;
            &stripped
        };
        // `From` keeps an I/O error's kind (a closed pipe stays `BrokenPipe`).
        serde_json::to_writer_pretty(&mut *out, result).map_err(std::io::Error::from)?;
        out.write_all(b"\n")
    }
}

/// Reads a result written by [`JsonExporter`]: a regular file of at most
/// [`crate::input_file::MAX_RESULTS_BYTES`] (the window's "Open results…" too).
pub fn load_result(path: &Path) -> Result<ExperimentResult, ExportError> {
    let text = crate::input_file::read_text(path, crate::input_file::MAX_RESULTS_BYTES).map_err(
        |error| ExportError::Read {
            path: path.display().to_string(),
            source: match error {
                crate::input_file::InputError::Io(source) => source,
                refused => std::io::Error::other(refused),
            },
        },
    )?;
    serde_json::from_str(&text).map_err(|e| ExportError::Parse {
        path: path.display().to_string(),
        reason: e.to_string(),
    })
}
