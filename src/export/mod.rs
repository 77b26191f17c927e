//! Results out of the lab: one small exporter per format behind one trait,
//! charts as SVG or PNG ([`charts`]), and atomic file writes (a temporary file, then a rename) so a failure
//! never leaves a half-written file or damages the old one.

pub mod charts;
mod csv;
mod json;

use std::io::Write;
use std::path::Path;

use crate::engine::results::metrics::ExperimentResult;

pub use self::csv::{CsvExporter, results_tsv};
use crate::tr;

pub use self::json::{JsonExporter, load_result};

/// Why an export failed; names the path.
#[derive(Debug)]
pub enum ExportError {
    /// The file could not be written.
    Write {
        /// The destination.
        path: String,
        /// The OS's reason.
        source: std::io::Error,
    },
    /// The file could not be read.
    Read {
        /// The file.
        path: String,
        /// The OS's reason.
        source: std::io::Error,
    },
    /// The file is not a lab result.
    Parse {
        /// The file.
        path: String,
        /// What is wrong.
        reason: String,
    },
    /// The file name asks for a format this export cannot write.
    UnsupportedFormat {
        /// The destination.
        path: String,
        /// The extensions that work.
        allowed: &'static str,
    },
    /// A chart could not be drawn.
    Draw {
        /// The destination.
        path: String,
        /// Why.
        reason: String,
    },
    /// The data could not be encoded.
    Encode {
        /// Format name.
        format: &'static str,
        /// Why.
        reason: String,
    },
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            ExportError::Write { path, source } => tr!(
                "err-export-write",
                path = path.clone(),
                reason = source.to_string()
            ),
            ExportError::Read { path, source } => tr!(
                "err-export-read",
                path = path.clone(),
                reason = source.to_string()
            ),
            ExportError::Parse { path, reason } => tr!(
                "err-export-parse",
                path = path.clone(),
                reason = reason.clone()
            ),
            ExportError::UnsupportedFormat { path, allowed } => {
                tr!("err-export-format", path = path.clone(), allowed = *allowed)
            }
            ExportError::Draw { path, reason } => tr!(
                "err-export-draw",
                path = path.clone(),
                reason = reason.clone()
            ),
            ExportError::Encode { format, reason } => tr!(
                "err-export-encode",
                format = *format,
                reason = reason.clone()
            ),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for ExportError {}

/// One output format.
pub trait Exporter {
    /// Short name, e.g. `json`.
    fn format(&self) -> &'static str;
    /// Writes the whole result to `out`.
    fn write(&self, result: &ExperimentResult, out: &mut dyn Write) -> std::io::Result<()>;
}

/// Writes `result` to `path` (or standard output for `-`) atomically.
pub fn export_to_path(
    exporter: &dyn Exporter,
    result: &ExperimentResult,
    path: &Path,
) -> Result<(), ExportError> {
    if path.as_os_str() == "-" {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        return exporter
            .write(result, &mut out)
            .and_then(|()| out.flush())
            .map_err(|source| ExportError::Write {
                path: tr!("standard-output"),
                source,
            });
    }
    write_atomic(path, |out| exporter.write(result, out))
}

/// Writes a file through a temporary file in the same folder and a rename:
/// readers see the old file or the new one, never a part.
pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), ExportError> {
    let error = |source| ExportError::Write {
        path: path.display().to_string(),
        source,
    };
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".concurrency-lab-").suffix(".tmp");
    // A temporary file is private (0600); the result is an ordinary file
    // (0666 less the umask), as any other program would write it.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temp = builder.tempfile_in(folder).map_err(error)?;
    {
        let mut buffered = std::io::BufWriter::new(temp.as_file_mut());
        write(&mut buffered).map_err(error)?;
        buffered.flush().map_err(error)?;
    }
    temp.as_file().sync_all().map_err(error)?;
    temp.persist(path).map_err(|e| error(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_old_file_whole_and_no_temporary_file() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("result.json");
        std::fs::write(&path, "old").expect("write");
        let error = write_atomic(&path, |out| {
            out.write_all(b"half of the new")?;
            Err(std::io::Error::other("disk full"))
        })
        .expect_err("fails");
        assert!(
            error.to_string().contains("result.json") && error.to_string().contains("disk full")
        );
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "old");
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn written_files_are_ordinary_files_not_private_temporaries() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("shared.json");
        write_atomic(&path, |out| out.write_all(b"{}")).expect("writes");
        let mode = std::fs::metadata(&path)
            .expect("metadata")
            .permissions()
            .mode();
        assert_ne!(
            mode & 0o044,
            0,
            "readable by others unless the umask says no: {mode:o}"
        );
    }

    #[test]
    fn a_successful_write_replaces_the_file() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("out.csv");
        std::fs::write(&path, "old").expect("write");
        write_atomic(&path, |out| out.write_all(b"new")).expect("writes");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
    }

    #[test]
    fn a_missing_folder_is_named() {
        let error = write_atomic(Path::new("/nonexistent-lab-folder/x.json"), |_| Ok(()))
            .expect_err("fails");
        assert!(error.to_string().contains("/nonexistent-lab-folder/x.json"));
    }
}
