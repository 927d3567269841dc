//! Reading what may be endless or huge (a file a variable names, which may
//! be `/dev/zero`; a child's output) up to a cap, into memory that is wiped
//! when dropped and never left behind by a regrowth.

use std::fs::{Metadata, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt as _, MetadataExt as _, OpenOptionsExt as _};
use std::path::Path;

use rustix::fs::OFlags;

use zeroize::Zeroizing;

use crate::secret::Secret;

/// The AWS shared files: far beyond any real one (thousands of profiles).
pub const SHARED_FILE: u64 = 16 * 1024 * 1024;
/// Token files (a web identity JWT, a container authorization token),
/// `credential_process` output: a few KB in practice.
pub const TOKEN: u64 = 1024 * 1024;

/// The error past the cap; [`is_too_large`] tells it apart.
fn too_large(cap: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        if cap >= 1024 * 1024 {
            format!(
                "more than {} MiB, far more than it can hold",
                cap / (1024 * 1024)
            )
        } else {
            format!("more than {} KiB, far more than it can hold", cap / 1024)
        },
    )
}

#[cfg(test)]
pub fn is_too_large(err: &io::Error) -> bool {
    err.kind() == io::ErrorKind::FileTooLarge
}

/// All of `reader`, failing past `cap` bytes; `hint` sizes the first buffer.
pub fn read_bytes(mut reader: impl Read, hint: u64, cap: u64) -> io::Result<Zeroizing<Vec<u8>>> {
    let first = usize::try_from(hint.min(cap)).unwrap_or(0) + 1;
    let mut bytes = Zeroizing::new(Vec::with_capacity(first));
    let mut chunk = Zeroizing::new([0u8; 8192]);
    loop {
        let n = match reader.read(&mut chunk[..]) {
            Ok(0) => return Ok(bytes),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        append(&mut bytes, &chunk[..n], cap)?;
    }
}

/// `chunk` added to `bytes`, failing past `cap` bytes in all.
pub fn append(bytes: &mut Zeroizing<Vec<u8>>, chunk: &[u8], cap: u64) -> io::Result<()> {
    let n = chunk.len();
    if (bytes.len() + n) as u64 > cap {
        return Err(too_large(cap));
    }
    if bytes.len() + n > bytes.capacity() {
        // Grow by hand: the old buffer is wiped as it drops.
        let mut bigger = Zeroizing::new(Vec::with_capacity(2 * (bytes.len() + n)));
        bigger.extend_from_slice(bytes);
        *bytes = bigger;
    }
    bytes.extend_from_slice(chunk);
    Ok(())
}

/// [`read_bytes`] as UTF-8 text.
pub fn read_text(reader: impl Read, hint: u64, cap: u64) -> io::Result<Secret> {
    let mut bytes = read_bytes(reader, hint, cap)?;
    match String::from_utf8(core::mem::take(&mut *bytes)) {
        Ok(text) => Ok(Secret::from(text)),
        Err(e) => {
            drop(Zeroizing::new(e.into_bytes()));
            Err(io::Error::new(io::ErrorKind::InvalidData, "not UTF-8 text"))
        }
    }
}

/// The text of the file at `path`, failing past `cap` bytes (checked from
/// its size first). `NotFound` passes through. It must be a regular file,
/// or the null device (read as empty, as `AWS_SHARED_CREDENTIALS_FILE=/dev/null`
/// means); it is opened without blocking, so a FIFO with no writer is
/// refused at once rather than waited on forever.
pub fn read_file(path: &Path, cap: u64) -> io::Result<Secret> {
    let no_block = i32::try_from(OFlags::NONBLOCK.bits()).unwrap_or(0);
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(no_block)
        .open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        if is_null_device(&meta) {
            return Ok(Secret::default());
        }
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{}, not a regular file", kind(&meta)),
        ));
    }
    if meta.len() > cap {
        return Err(too_large(cap));
    }
    read_text(file, meta.len(), cap)
}

/// Whether `meta` is the one of `/dev/null`.
fn is_null_device(meta: &Metadata) -> bool {
    std::fs::metadata("/dev/null")
        .is_ok_and(|null| meta.file_type().is_char_device() && null.rdev() == meta.rdev())
}

/// What a file that is not a regular file is, for an error.
fn kind(meta: &Metadata) -> &'static str {
    let kind = meta.file_type();
    if kind.is_dir() {
        "a directory"
    } else if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else {
        "something else"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_and_grows() {
        let text = "x".repeat(20_000);
        assert_eq!(
            read_text(text.as_bytes(), 0, 20_000).unwrap().expose(),
            text
        );
        let err = read_text(text.as_bytes(), 0, 19_999).unwrap_err();
        assert!(is_too_large(&err), "{err}");
        assert!(read_text(&[0xff_u8][..], 0, 10).is_err());
        let zero = read_file(Path::new("/dev/zero"), TOKEN).unwrap_err();
        assert_eq!(zero.to_string(), "a character device, not a regular file");
        let dir = read_file(Path::new("/"), TOKEN).unwrap_err();
        assert_eq!(dir.to_string(), "a directory, not a regular file");
        assert_eq!(
            read_file(Path::new("/dev/null"), TOKEN).unwrap().expose(),
            ""
        );
    }
}
