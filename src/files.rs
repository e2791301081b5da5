//! Reading files safely, for every part of weighup that reads one (banks, sheets, answers
//! files, scenario cards): only regular files, never waiting on a pipe or a device, and never
//! more than a limit. No domain code: the bank, the sheets and the problem reports use it.

use std::fs;
use std::io::Read as _;
use std::path::Path;

/// Why a file could not be read by [`read_regular`].
#[derive(Debug)]
pub enum ReadError {
    /// It is not a regular file (a folder, a pipe, a device...): says which.
    NotAFile(&'static str),
    /// It is larger than the limit (in bytes).
    TooLarge(u64),
    Io(std::io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotAFile(kind) => write!(f, "this is {kind}, not a file"),
            ReadError::TooLarge(limit) => write!(
                f,
                "this file is larger than {} KB, more than weighup reads",
                limit / 1024
            ),
            ReadError::Io(e) => write!(f, "cannot read this file: {e}"),
        }
    }
}

/// The most weighup reads of a sheet, a bank file or an answers file.
pub const MAX_READ: u64 = 4 * 1024 * 1024;

/// Reads a regular file of at most `limit` bytes. Anything else (a folder, a named pipe, a
/// device, a socket) is refused without waiting on it: the file is opened without blocking
/// and checked before any read. The limit is enforced while reading, not from the size the
/// file claims.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut opts = fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    let file = opts.open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    let kind = meta.file_type();
    if !kind.is_file() {
        return Err(ReadError::NotAFile(describe_kind(kind)));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(limit));
    }
    Ok(bytes)
}

/// What kind of thing a path that is not a regular file is, in words.
fn describe_kind(kind: fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}
