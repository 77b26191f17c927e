//! Reading a file a person named (a preset, a results JSON): only a regular
//! file, and only up to a size. Read whole and unchecked, `run /dev/zero`
//! would grow until memory ran out and a FIFO would block forever; a device
//! opened only to be refused could still act on the open (a tape rewinds),
//! so the path is looked at before it is opened, and the open file again
//! after (it may have been swapped meanwhile), opened without blocking.

use std::io::Read;
use std::path::Path;

use crate::tr;

/// Largest preset read, in bytes: far above any hand-written one.
pub const MAX_PRESET_BYTES: u64 = 16 << 20;
/// Largest results file read, in bytes: spans of 200,000 tasks × 32 runs fit.
pub const MAX_RESULTS_BYTES: u64 = 1 << 30;

/// Why a named file was not read.
#[derive(Debug)]
pub enum InputError {
    /// It is not a regular file.
    NotAFile(FileKind),
    /// It is larger than the limit for its kind.
    TooLarge {
        /// Its size, bytes.
        size: u64,
        /// The limit, bytes.
        limit: u64,
    },
    /// The OS refused (missing, no permission, not UTF-8...).
    Io(std::io::Error),
}

/// What a path that is not a regular file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A folder.
    Folder,
    /// A FIFO (named pipe).
    Fifo,
    /// A character or block device (`/dev/zero`, a disk).
    Device,
    /// A Unix socket.
    Socket,
    /// Anything else.
    Other,
}

impl FileKind {
    fn of(kind: std::fs::FileType) -> Option<FileKind> {
        if kind.is_file() {
            return None;
        }
        if kind.is_dir() {
            return Some(FileKind::Folder);
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if kind.is_fifo() {
                return Some(FileKind::Fifo);
            }
            if kind.is_char_device() || kind.is_block_device() {
                return Some(FileKind::Device);
            }
            if kind.is_socket() {
                return Some(FileKind::Socket);
            }
        }
        Some(FileKind::Other)
    }
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            InputError::NotAFile(FileKind::Folder) => tr!("input-folder"),
            InputError::NotAFile(FileKind::Fifo) => tr!("input-fifo"),
            InputError::NotAFile(FileKind::Device) => tr!("input-device"),
            InputError::NotAFile(FileKind::Socket) => tr!("input-socket"),
            InputError::NotAFile(FileKind::Other) => tr!("input-special"),
            InputError::TooLarge { size, limit } => tr!(
                "input-too-large",
                size = crate::present::units::bytes(*size),
                limit = crate::present::units::bytes(*limit)
            ),
            InputError::Io(error) => error.to_string(),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for InputError {}

impl From<std::io::Error> for InputError {
    fn from(error: std::io::Error) -> Self {
        InputError::Io(error)
    }
}

/// The text of the regular file at `path`, if it holds at most `limit` bytes.
pub fn read_text(path: &Path, limit: u64) -> Result<String, InputError> {
    check(&std::fs::metadata(path)?, limit)?;
    let file = open_without_blocking(path)?;
    check(&file.metadata()?, limit)?;
    let mut text = String::new();
    // A file that grows while it is read is cut at the limit, then refused.
    file.take(limit.saturating_add(1))
        .read_to_string(&mut text)?;
    let size = text.len() as u64;
    if size > limit {
        return Err(InputError::TooLarge { size, limit });
    }
    Ok(text)
}

fn check(metadata: &std::fs::Metadata, limit: u64) -> Result<(), InputError> {
    if let Some(kind) = FileKind::of(metadata.file_type()) {
        return Err(InputError::NotAFile(kind));
    }
    if metadata.len() > limit {
        return Err(InputError::TooLarge {
            size: metadata.len(),
            limit,
        });
    }
    Ok(())
}

/// Opens for reading; on Unix with `O_NONBLOCK`, so that a FIFO swapped in
/// after the first look cannot block (a regular file ignores the flag).
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_regular_file_is_read() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("small.toml");
        std::fs::write(&path, "name = \"x\"").expect("write");
        assert_eq!(read_text(&path, 100).expect("read"), "name = \"x\"");
    }

    #[test]
    fn a_folder_and_a_large_sparse_file_are_refused_without_reading() {
        crate::i18n::set_thread_language(Some(crate::i18n::Language::En));
        let dir = tempfile::tempdir().expect("dir");
        let error = read_text(dir.path(), 100).expect_err("a folder");
        assert!(matches!(error, InputError::NotAFile(FileKind::Folder)));
        let path = dir.path().join("huge.json");
        let file = std::fs::File::create(&path).expect("create");
        // Sparse: takes no disk, and is never read.
        file.set_len(MAX_PRESET_BYTES + 1).expect("set_len");
        let error = read_text(&path, MAX_PRESET_BYTES).expect_err("too large");
        assert!(error.to_string().contains("16.00 MiB"), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().expect("dir");
        let fifo = dir.path().join("preset.toml");
        crate::export::tests_support::mkfifo(&fifo);
        let error = read_text(&fifo, 100).expect_err("a FIFO");
        assert!(matches!(error, InputError::NotAFile(FileKind::Fifo)));
    }
}
