//! Where bytes go: a caller's buffer, a hash, a counter. The signer writes
//! each piece of output through the same code into whichever sink the
//! caller's call needs, so the URL, its length and its hash cannot disagree.

use zeroize::Zeroize;

use crate::error::Error;
use crate::percent;

/// Something bytes can be written to. Writing never fails: a sink that runs
/// out of room keeps counting so the caller learns the exact size needed.
pub(crate) trait Sink {
    fn put(&mut self, bytes: &[u8]);

    fn put_str(&mut self, text: &str) {
        self.put(text.as_bytes());
    }

    /// Writes `bytes` percent-encoded (see [`crate::percent`]).
    fn put_encoded(&mut self, bytes: &[u8]) {
        percent::encode_staged(bytes, |piece| self.put(piece));
    }
}

/// A sink adapter that percent-encodes everything written through it.
pub(crate) struct Encoded<'s, S: Sink + ?Sized>(pub(crate) &'s mut S);

impl<S: Sink + ?Sized> Sink for Encoded<'_, S> {
    fn put(&mut self, bytes: &[u8]) {
        self.0.put_encoded(bytes);
    }
}

/// The sink the writers are handed. On 32-bit targets it is `dyn Sink`, so
/// each writer is compiled once rather than once per sink (flash); on wider
/// ones it stays the concrete type, so the writers inline (speed).
#[cfg(target_pointer_width = "64")]
pub(crate) fn narrow<S: Sink>(sink: &mut S) -> &mut S {
    sink
}

/// See the 64-bit `narrow`.
#[cfg(not(target_pointer_width = "64"))]
pub(crate) fn narrow<S: Sink>(sink: &mut S) -> &mut dyn Sink {
    sink
}

/// Counts bytes and stores none (see also a [`SliceWriter`] with no room).
#[derive(Default)]
#[cfg(feature = "alloc")]
pub(crate) struct Counter(pub(crate) usize);

#[cfg(feature = "alloc")]
impl Sink for Counter {
    fn put(&mut self, bytes: &[u8]) {
        self.0 = self.0.saturating_add(bytes.len());
    }

    /// Only the length: no need to write the escapes out.
    fn put_encoded(&mut self, bytes: &[u8]) {
        self.0 = self.0.saturating_add(percent::percent_encoded_len(bytes));
    }
}

impl Sink for sha2::Sha256 {
    fn put(&mut self, bytes: &[u8]) {
        sha2::Digest::update(self, bytes);
    }
}

/// The first `len` bytes of `buf` as text: everything the signer writes is
/// ASCII (percent-encoded, base64, hex, digits), so the check cannot fail;
/// if it did, the text would be empty rather than wrong.
pub(crate) fn ascii_text(buf: &[u8], len: usize) -> &str {
    core::str::from_utf8(buf.get(..len).unwrap_or_default()).unwrap_or_default()
}

/// Fills a caller's buffer and counts past its end.
pub(crate) struct SliceWriter<'b> {
    buf: &'b mut [u8],
    len: usize,
}

impl<'b> SliceWriter<'b> {
    pub(crate) fn new(buf: &'b mut [u8]) -> Self {
        SliceWriter { buf, len: 0 }
    }

    /// How many bytes have been written (or would have been, past the end).
    pub(crate) fn written(&self) -> usize {
        self.len
    }

    /// The length written, or `BufferTooSmall` with the exact length needed
    /// (after wiping the partial output, which may hold token material).
    pub(crate) fn finish_len(self) -> Result<usize, Error> {
        if self.len > self.buf.len() {
            self.buf.zeroize();
            return Err(Error::BufferTooSmall { needed: self.len });
        }
        Ok(self.len)
    }

    /// [`SliceWriter::finish_len`], and the text written.
    pub(crate) fn finish(self) -> Result<&'b str, Error> {
        if self.len > self.buf.len() {
            return self.finish_len().map(|_| "");
        }
        let buf: &'b [u8] = self.buf;
        Ok(ascii_text(buf, self.len))
    }
}

impl Sink for SliceWriter<'_> {
    fn put(&mut self, bytes: &[u8]) {
        let end = self.len.saturating_add(bytes.len());
        if let Some(dst) = self.buf.get_mut(self.len..end) {
            dst.copy_from_slice(bytes);
        }
        self.len = end;
    }

    /// Encodes straight into the buffer, with no stage in between.
    fn put_encoded(&mut self, bytes: &[u8]) {
        let room = self.buf.get_mut(self.len..).unwrap_or_default();
        let (read, written) = percent::encode_to_slice(bytes, room);
        let rest = bytes.get(read..).unwrap_or_default();
        self.len = self
            .len
            .saturating_add(written)
            .saturating_add(percent::percent_encoded_len(rest));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_writer_reports_exact_size_and_wipes() {
        let mut buf = [0u8; 4];
        let mut w = SliceWriter::new(&mut buf);
        w.put(b"abc");
        w.put(b"defg");
        w.put(b"h");
        assert_eq!(w.finish(), Err(Error::BufferTooSmall { needed: 8 }));
        assert_eq!(buf, [0; 4]);

        let mut buf = [0u8; 8];
        let mut w = SliceWriter::new(&mut buf);
        w.put(b"abc");
        w.put(b"defgh");
        assert_eq!(w.finish(), Ok("abcdefgh"));
    }
}
