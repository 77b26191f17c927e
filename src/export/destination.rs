//! What an export path names, decided before anything is written: an
//! ordinary file (or none yet) is replaced atomically; a FIFO or a character
//! device is written in place, because renaming a temporary file over it
//! would replace the device node itself (run as root, `--json /dev/null`
//! would destroy `/dev/null`); a symbolic link is followed, so that the link
//! stays a link and its target gets the bytes; anything else is refused.

use std::path::{Path, PathBuf};

use crate::tr;

/// Links followed before giving up (Linux's own limit, `MAXSYMLINKS`).
const MAX_LINKS: usize = 40;

/// Where an export's bytes go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// An ordinary file, or a name with no file yet (symbolic links
    /// followed): written to a temporary file beside it, then renamed over it.
    Replace(PathBuf),
    /// A FIFO or a character device: opened and written as it is.
    InPlace(PathBuf),
}

impl Destination {
    /// The folder the temporary file goes in, for a replacement.
    pub fn temporary_folder(&self) -> Option<&Path> {
        match self {
            Destination::Replace(path) => Some(match path.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent,
                _ => Path::new("."),
            }),
            Destination::InPlace(_) => None,
        }
    }
}

/// Why a path cannot take an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A folder.
    Folder,
    /// A block device (a disk: writing it would destroy a file system).
    BlockDevice,
    /// A Unix socket.
    Socket,
    /// Symbolic links that go round in a circle (or too many of them).
    LinkLoop,
}

impl Refusal {
    /// Why, in the language on show (without the path).
    pub fn reason(self) -> String {
        match self {
            Refusal::Folder => tr!("cli-is-a-folder"),
            Refusal::BlockDevice => tr!("export-refused-block-device"),
            Refusal::Socket => tr!("export-refused-socket"),
            Refusal::LinkLoop => tr!("export-refused-link-loop", max = MAX_LINKS),
        }
    }
}

/// What `path` names now, with symbolic links followed.
pub fn destination(path: &Path) -> Result<Destination, Refusal> {
    // As the kernel follows the path (magic links such as `/dev/stdout` to a
    // pipe included): a device or FIFO is written through the path itself.
    if let Ok(metadata) = std::fs::metadata(path) {
        let kind = metadata.file_type();
        if kind.is_dir() {
            return Err(Refusal::Folder);
        }
        if !kind.is_file() {
            return special(path.to_path_buf(), kind);
        }
    }
    // A file, or nothing yet: the file a chain of links ends at is replaced.
    follow_links(path).map(Destination::Replace)
}

#[cfg(unix)]
fn special(target: PathBuf, kind: std::fs::FileType) -> Result<Destination, Refusal> {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_block_device() {
        Err(Refusal::BlockDevice)
    } else if kind.is_socket() {
        Err(Refusal::Socket)
    } else {
        // A FIFO or a character device (`/dev/null`, `/dev/tty`, `/dev/full`).
        Ok(Destination::InPlace(target))
    }
}

#[cfg(not(unix))]
fn special(target: PathBuf, _kind: std::fs::FileType) -> Result<Destination, Refusal> {
    // Windows devices such as `NUL` are neither files nor folders.
    Ok(Destination::InPlace(target))
}

/// The path with every symbolic link along its last component followed; a
/// link to nothing gives the name it points at (the export creates it).
fn follow_links(path: &Path) -> Result<PathBuf, Refusal> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let is_link = std::fs::symlink_metadata(&current).is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            return Ok(current);
        }
        let Ok(target) = std::fs::read_link(&current) else {
            return Ok(current);
        };
        current = match current.parent() {
            Some(folder) if target.is_relative() => folder.join(target),
            _ => target,
        };
    }
    Err(Refusal::LinkLoop)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn links_are_followed_to_their_target_even_a_missing_one() {
        let dir = tempfile::tempdir().expect("dir");
        let target = dir.path().join("target.json");
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("target.json", &link).expect("link");
        assert_eq!(destination(&link), Ok(Destination::Replace(target.clone())));
        std::fs::write(&target, "old").expect("write");
        assert_eq!(destination(&link), Ok(Destination::Replace(target)));
    }

    #[test]
    fn a_link_to_a_fifo_is_written_through_the_link() {
        let dir = tempfile::tempdir().expect("dir");
        let fifo = dir.path().join("fifo");
        crate::export::tests_support::mkfifo(&fifo);
        let link = dir.path().join("stdout");
        std::os::unix::fs::symlink(&fifo, &link).expect("link");
        assert_eq!(destination(&link), Ok(Destination::InPlace(link)));
    }

    #[test]
    fn a_fifo_is_written_in_place_and_a_socket_folder_or_loop_refused() {
        let dir = tempfile::tempdir().expect("dir");
        let fifo = dir.path().join("fifo");
        crate::export::tests_support::mkfifo(&fifo);
        assert_eq!(destination(&fifo), Ok(Destination::InPlace(fifo.clone())));
        let socket = dir.path().join("socket");
        let _listener = std::os::unix::net::UnixListener::bind(&socket).expect("bind");
        assert_eq!(destination(&socket), Err(Refusal::Socket));
        assert_eq!(destination(dir.path()), Err(Refusal::Folder));
        let a = dir.path().join("a");
        std::os::unix::fs::symlink("b", &a).expect("link");
        std::os::unix::fs::symlink("a", dir.path().join("b")).expect("link");
        assert_eq!(destination(&a), Err(Refusal::LinkLoop));
    }
}
