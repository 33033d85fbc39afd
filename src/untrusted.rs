//! Reading files that the scanned tree supplies (`.tf`, tfvars, `.tfscan.toml`, plans,
//! baselines, templates, check files): every reader goes through [`read`], so none can
//! block or exhaust memory whatever the path names.
//!
//! - Only regular files are read. The file is opened without blocking and judged by the
//!   open handle (`fstat`), so a named pipe (whose `open` would wait for a writer
//!   forever), a device such as `/dev/zero` (which never ends) or a directory is refused,
//!   even when it replaced a regular file after the directory was listed.
//! - The size is checked before reading, and the read itself is bounded
//!   ([`Read::take`]), so a sparse 3 GiB file costs nothing and a file that grows while
//!   it is read still stops at the limit.
//!
//! [`confine`] is the other half: what a file inside the tree names (a var file, a checks
//! directory) must resolve, symlinks followed, to a path inside the tree.

// Audited for hostile input (issue #9): no indexing or string slicing that can panic.
#![cfg_attr(not(test), deny(clippy::indexing_slicing, clippy::string_slice))]

use std::fmt;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// Why a file was not read.
#[derive(Debug)]
pub enum Refusal {
    /// The system refused to open or read it.
    Io(std::io::Error),
    /// A directory, a named pipe, a socket or a device.
    NotRegular(&'static str),
    /// Larger than the limit: `len` is its size when the system told it.
    TooLarge { len: Option<u64>, limit: u64 },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Io(e) => write!(f, "{e}"),
            Refusal::NotRegular(what) => write!(f, "it is {what}, not a regular file"),
            Refusal::TooLarge {
                len: Some(len),
                limit,
            } => write!(f, "it is {len} bytes, over the {limit}-byte limit"),
            Refusal::TooLarge { len: None, limit } => {
                write!(f, "it is over the {limit}-byte limit")
            }
        }
    }
}

/// Opens `path` for reading without waiting: `O_NONBLOCK` makes opening a named pipe
/// return at once instead of waiting for a writer; it changes nothing for regular files.
fn open(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    #[cfg(not(unix))]
    {
        // Without O_NONBLOCK, the path is judged before it is opened.
        let meta = std::fs::metadata(path)?;
        if !meta.is_file() {
            return Err(std::io::Error::other("not a regular file"));
        }
    }
    options.open(path)
}

/// What a file that is not regular is, in words.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    if meta.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

/// The bytes of the regular file at `path`, at most `limit` of them.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, Refusal> {
    read_open(open(path).map_err(Refusal::Io)?, limit)
}

/// A directory opened once, so that the files in it are opened by name ([`read_in`]):
/// the kernel then resolves one path component per file instead of every component of
/// its path. Opening `name` in it is what
/// opening `dir/name` is (a symlink named there is followed the same way), so what
/// [`read`] guarantees holds alike.
pub struct Dir {
    #[cfg(unix)]
    fd: std::os::fd::OwnedFd,
    #[cfg(not(unix))]
    path: std::path::PathBuf,
}

impl Dir {
    /// Opens the directory at `path`.
    pub fn open(path: &Path) -> std::io::Result<Dir> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            let dir = std::fs::OpenOptions::new()
                .read(true)
                .custom_flags(libc::O_DIRECTORY)
                .open(path)?;
            Ok(Dir { fd: dir.into() })
        }
        #[cfg(not(unix))]
        {
            Ok(Dir {
                path: path.to_path_buf(),
            })
        }
    }

    /// Opens the entry `name` of this directory for reading, without waiting (as [`open`]).
    fn open_file(&self, name: &std::ffi::OsStr) -> std::io::Result<std::fs::File> {
        #[cfg(unix)]
        {
            use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
            use std::os::unix::ffi::OsStrExt;
            let name = std::ffi::CString::new(name.as_bytes())?;
            let flags = libc::O_RDONLY | libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC;
            // SAFETY: `name` is a valid NUL-terminated string and the directory's
            // descriptor is open for the call.
            let fd = unsafe { libc::openat(self.fd.as_raw_fd(), name.as_ptr(), flags) };
            if fd < 0 {
                return Err(std::io::Error::last_os_error());
            }
            // SAFETY: `fd` was just opened and nothing else owns it.
            Ok(std::fs::File::from(unsafe { OwnedFd::from_raw_fd(fd) }))
        }
        #[cfg(not(unix))]
        {
            open(&self.path.join(name))
        }
    }
}

/// [`read`] of the entry `name` of `dir`.
pub fn read_in(dir: &Dir, name: &std::ffi::OsStr, limit: u64) -> Result<Vec<u8>, Refusal> {
    read_open(dir.open_file(name).map_err(Refusal::Io)?, limit)
}

/// The bytes of the opened `file`, at most `limit` of them, when it is a regular file.
fn read_open(file: std::fs::File, limit: u64) -> Result<Vec<u8>, Refusal> {
    let meta = file.metadata().map_err(Refusal::Io)?;
    if !meta.is_file() {
        return Err(Refusal::NotRegular(kind_of(&meta)));
    }
    let len = meta.len();
    if len > limit {
        return Err(Refusal::TooLarge {
            len: Some(len),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(Refusal::Io)?;
    if bytes.len() as u64 > limit {
        return Err(Refusal::TooLarge { len: None, limit });
    }
    Ok(bytes)
}

/// [`read`] for a text file (configuration, tfvars, TOML, JSON): the bytes as UTF-8
/// with a leading byte-order mark removed, as Terraform and editors ignore it; invalid
/// UTF-8 is an error naming where it starts.
pub fn read_text(path: &Path, limit: u64) -> Result<String, String> {
    let mut bytes = read(path, limit).map_err(|e| e.to_string())?;
    if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "it is not valid UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = "\u{feff}".as_bytes();

/// The canonical path of `path` when it lies inside `within` (a canonical directory, which
/// `what` names in the refusal),
/// symlinks followed; a path that does not exist yet (an output to write) is judged by
/// its nearest existing ancestor, and may not climb with `..` past it. Nothing inside a
/// `.git` directory is allowed: a checkout keeps its credentials in `.git/config`, and its
/// hooks run as programs.
pub fn confine(path: &Path, within: &Path, what: &str) -> Result<PathBuf, String> {
    let outside = || format!("it is outside {what}");
    let resolved = match path.canonicalize() {
        Ok(c) => c,
        Err(_) if path.symlink_metadata().is_ok() => {
            // A link that leads nowhere (or around in a loop): writing through it would
            // create whatever it names.
            return Err("it is a symlink that cannot be resolved".to_string());
        }
        Err(_) => {
            let (existing, rest) = nearest_existing(path).ok_or_else(outside)?;
            if rest
                .components()
                .any(|c| !matches!(c, Component::Normal(_)))
            {
                return Err(outside());
            }
            existing.join(rest)
        }
    };
    let rel = resolved.strip_prefix(within).map_err(|_| outside())?;
    if rel.components().any(|c| c.as_os_str() == ".git") {
        return Err("it is inside .git".to_string());
    }
    Ok(resolved)
}

/// The nearest ancestor of `path` that exists, canonical, and the rest of the path below it.
fn nearest_existing(path: &Path) -> Option<(PathBuf, PathBuf)> {
    for a in path.ancestors().skip(1) {
        let a = if a.as_os_str().is_empty() {
            Path::new(".")
        } else {
            a
        };
        if let Ok(c) = a.canonicalize() {
            let rest = path.strip_prefix(a).ok()?.to_path_buf();
            return Some((c, rest));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_within_the_limit_are_read() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let file = dir.path().join("a.tf");
        std::fs::write(&file, "0123456789").expect("write");
        assert_eq!(read(&file, 10).expect("read"), b"0123456789");
        assert_eq!(
            read(&file, 9).unwrap_err().to_string(),
            "it is 10 bytes, over the 9-byte limit"
        );
        assert_eq!(
            read(dir.path(), 9).unwrap_err().to_string(),
            "it is a directory, not a regular file"
        );
        assert_eq!(
            read(Path::new("/dev/zero"), 9).unwrap_err().to_string(),
            "it is a device, not a regular file"
        );
        let fifo = dir.path().join("pipe");
        let c = std::ffi::CString::new(fifo.display().to_string()).expect("no NUL");
        // SAFETY: `c` is a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert_eq!(
            read(&fifo, 9).unwrap_err().to_string(),
            "it is a named pipe, not a regular file"
        );
        std::fs::write(&file, "\u{feff}x = 1\n").expect("write");
        assert_eq!(read_text(&file, 100).expect("text"), "x = 1\n");
    }

    #[test]
    fn files_read_by_name_in_an_open_directory_are_judged_as_by_path() {
        use std::ffi::OsStr;
        let dir = tempfile::tempdir().expect("a temporary directory");
        std::fs::write(dir.path().join("a.tf"), "0123456789").expect("write");
        std::fs::create_dir(dir.path().join("sub.tf")).expect("dir");
        std::os::unix::fs::symlink(dir.path().join("a.tf"), dir.path().join("link.tf"))
            .expect("link");
        let fifo = dir.path().join("pipe.tf");
        let c = std::ffi::CString::new(fifo.display().to_string()).expect("no NUL");
        // SAFETY: `c` is a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let open = Dir::open(dir.path()).expect("open the directory");
        for name in ["a.tf", "sub.tf", "link.tf", "pipe.tf", "missing.tf"] {
            let by_path = read(&dir.path().join(name), 9).map_err(|e| e.to_string());
            let by_name = read_in(&open, OsStr::new(name), 9).map_err(|e| e.to_string());
            assert_eq!(by_name, by_path, "{name}");
        }
        assert_eq!(
            read_in(&open, OsStr::new("link.tf"), 10).expect("read"),
            b"0123456789"
        );
    }

    #[test]
    fn confined_paths_stay_inside_after_symlinks() {
        const TREE: &str = "the scanned tree";
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().expect("a temporary directory");
        let root = dir.path().canonicalize().expect("canonical").join("tree");
        std::fs::create_dir_all(root.join("sub")).expect("dirs");
        std::fs::create_dir_all(root.join(".git/hooks")).expect("dirs");
        std::fs::write(root.join("sub/a.tfvars"), "").expect("write");
        symlink("/etc/passwd", root.join("passwd")).expect("link");
        symlink(root.join("nowhere/x"), root.join("dangling")).expect("link");
        assert_eq!(
            confine(&root.join("sub/a.tfvars"), &root, TREE),
            Ok(root.join("sub/a.tfvars"))
        );
        assert_eq!(
            confine(&root.join("sub/new.sarif"), &root, TREE),
            Ok(root.join("sub/new.sarif"))
        );
        let refused = |p: &Path| confine(p, &root, TREE).unwrap_err();
        assert_eq!(
            refused(Path::new("/etc/passwd")),
            "it is outside the scanned tree"
        );
        assert_eq!(
            refused(&root.join("passwd")),
            "it is outside the scanned tree"
        );
        assert_eq!(
            refused(&root.join("sub/../../out.json")),
            "it is outside the scanned tree"
        );
        assert_eq!(
            refused(&root.join("new/../../out.json")),
            "it is outside the scanned tree"
        );
        assert_eq!(
            refused(&root.join("dangling")),
            "it is a symlink that cannot be resolved"
        );
        assert_eq!(
            refused(&root.join(".git/hooks/pre-commit")),
            "it is inside .git"
        );
    }
}
