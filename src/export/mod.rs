//! Results out of the lab: one small exporter per format behind one trait
//! (JSON, CSV, and Chrome Trace Event files for Perfetto and the like),
//! charts as SVG or PNG ([`charts`]), and atomic file writes (a temporary file, then a rename) so a failure
//! never leaves a half-written file or damages the old one.

pub mod archive;
pub mod charts;
mod csv;
pub mod destination;
mod json;
mod trace;

use std::io::Write;
use std::path::Path;

use crate::engine::results::metrics::ExperimentResult;

pub use self::csv::{CsvExporter, results_tsv};
use self::destination::{Destination, Refusal};
use crate::tr;

pub use self::json::{JsonExporter, load_result};
pub use self::trace::{TraceExporter, check as trace_check, export_trace};

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
    /// The path names something an export must not replace (a folder, a
    /// disk, a socket, a loop of links).
    Refused {
        /// The destination as given.
        path: String,
        /// What it is.
        refusal: Refusal,
    },
    /// A trace was asked of results that hold no task spans (saved
    /// without them): it would be empty tracks.
    NoSpans {
        /// The destination.
        path: String,
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
            ExportError::Refused { path, refusal } => tr!(
                "err-export-write",
                path = path.clone(),
                reason = refusal.reason()
            ),
            ExportError::NoSpans { path } => tr!("err-export-no-spans", path = path.clone()),
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

/// Writes a file so that a failure never leaves a part of it: an ordinary
/// file (or a new one) through a temporary file in the same folder and a
/// rename, so readers see the old file or the new one; a symbolic link's
/// target the same way, leaving the link a link; a FIFO or a character
/// device in place (see [`destination`]). Every failed write is an error,
/// `ENOSPC` from `/dev/full` included.
pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), ExportError> {
    let error = |source| ExportError::Write {
        path: path.display().to_string(),
        source,
    };
    let target = destination::destination(path).map_err(|refusal| ExportError::Refused {
        path: path.display().to_string(),
        refusal,
    })?;
    match &target {
        Destination::InPlace(device) => write_in_place(device, write).map_err(error),
        Destination::Replace(file) => replace(file, write).map_err(error),
    }
}

/// Writes into what is there (a FIFO, a device): no temporary file, no
/// rename, no `fsync` (pipes and devices refuse it).
fn write_in_place(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let file = std::fs::OpenOptions::new().write(true).open(path)?;
    let mut buffered = std::io::BufWriter::new(file);
    write(&mut buffered)?;
    buffered.flush()
}

/// Writes a temporary file beside `path`, flushes it to disk and renames it
/// over `path`.
fn replace(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".concurrency-lab-").suffix(".tmp");
    // A temporary file is private (0600); the result keeps the permissions of
    // the file it replaces, or is an ordinary file (0666 less the umask), as
    // any other program would write it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Read and write bits only: set-user-id and the like are not copied.
        let mode = std::fs::metadata(path).map_or(0o666, |old| old.permissions().mode() & 0o777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    if let Ok(old) = std::fs::metadata(path) {
        builder.permissions(old.permissions());
    }
    let mut temp = builder.tempfile_in(folder)?;
    {
        let mut buffered = std::io::BufWriter::new(temp.as_file_mut());
        write(&mut buffered)?;
        buffered.flush()?;
    }
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Test helpers shared by the export modules' tests.
#[cfg(test)]
#[cfg(unix)]
pub(crate) mod tests_support {
    use std::path::Path;

    /// Makes a FIFO (a stand-in for a device node: tests never touch real ones).
    pub fn mkfifo(path: &Path) {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::CString::new(path.as_os_str().as_bytes()).expect("no NUL");
        // SAFETY: a valid NUL-terminated path and a mode.
        let made = unsafe { libc::mkfifo(name.as_ptr(), 0o600) };
        assert_eq!(made, 0, "mkfifo {}", path.display());
    }
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

    #[cfg(unix)]
    #[test]
    fn a_symlink_stays_a_link_and_its_target_gets_the_bytes_with_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("dir");
        let target = dir.path().join("target.csv");
        std::fs::write(&target, "old").expect("write");
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink(&target, &link).expect("link");
        write_atomic(&link, |out| out.write_all(b"new")).expect("writes");
        let link_kind = std::fs::symlink_metadata(&link).expect("link").file_type();
        assert!(link_kind.is_symlink(), "the link was replaced by a file");
        assert_eq!(std::fs::read_to_string(&target).expect("read"), "new");
        let mode = std::fs::metadata(&target)
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o640, "permissions kept: {mode:o}");
    }

    /// A FIFO's reader: opened without blocking (so that a writer that never
    /// comes cannot hang the test), then reading until `limit` bytes or the
    /// end, giving up after 20 s.
    #[cfg(unix)]
    fn read_fifo(path: &Path, limit: usize) -> std::thread::JoinHandle<Vec<u8>> {
        use std::io::Read;
        use std::os::unix::fs::OpenOptionsExt;
        let mut fifo = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path)
            .expect("open the FIFO to read");
        std::thread::spawn(move || {
            let mut got = Vec::new();
            let mut buffer = [0u8; 4096];
            let mut writer_seen = false;
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
            while got.len() < limit && std::time::Instant::now() < deadline {
                // Without a writer yet, a non-blocking read says "end" (0).
                match fifo.read(&mut buffer[..(limit - got.len()).min(4096)]) {
                    Ok(0) if writer_seen => break,
                    Ok(0) => std::thread::sleep(std::time::Duration::from_millis(1)),
                    Ok(n) => {
                        writer_seen = true;
                        got.extend_from_slice(&buffer[..n]);
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        writer_seen = true;
                        std::thread::sleep(std::time::Duration::from_millis(1));
                    }
                    Err(_) => break,
                }
            }
            got
        })
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_written_in_place_and_stays_a_fifo() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().expect("dir");
        let fifo = dir.path().join("results.json");
        tests_support::mkfifo(&fifo);
        let reader = read_fifo(&fifo, usize::MAX);
        write_atomic(&fifo, |out| out.write_all(b"{}")).expect("writes");
        assert_eq!(reader.join().expect("reader"), b"{}");
        let kind = std::fs::symlink_metadata(&fifo).expect("meta").file_type();
        assert!(kind.is_fifo(), "the FIFO was replaced by a file");
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_failed_write_in_place_is_an_error_not_a_success() {
        let dir = tempfile::tempdir().expect("dir");
        let fifo = dir.path().join("closed-early");
        tests_support::mkfifo(&fifo);
        // The reader takes one byte and goes: 16 MiB cannot fit in a pipe's
        // buffer, so the write meets a closed pipe, as `/dev/full` would fail it.
        let reader = read_fifo(&fifo, 1);
        let error = write_atomic(&fifo, |out| {
            let chunk = vec![b'x'; 1 << 20];
            (0..16).try_for_each(|_| out.write_all(&chunk))
        })
        .expect_err("a closed reader fails the write");
        reader.join().expect("reader");
        assert!(error.to_string().contains("closed-early"), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn a_socket_is_refused_naming_it() {
        let dir = tempfile::tempdir().expect("dir");
        let socket = dir.path().join("lab.sock");
        let _listener = std::os::unix::net::UnixListener::bind(&socket).expect("bind");
        let error = write_atomic(&socket, |out| out.write_all(b"{}")).expect_err("refused");
        assert!(error.to_string().contains("lab.sock"), "{error}");
        assert!(error.to_string().contains("socket"), "{error}");
    }

    #[test]
    fn a_missing_folder_is_named() {
        let error = write_atomic(Path::new("/nonexistent-lab-folder/x.json"), |_| Ok(()))
            .expect_err("fails");
        assert!(error.to_string().contains("/nonexistent-lab-folder/x.json"));
    }
}
