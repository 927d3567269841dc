//! Where bytes go: a caller's buffer, a hash, a base64 stage, a counter. The
//! signer writes each piece of output once, through the same code, into
//! whichever sink the caller's call needs, so nothing is built twice.

use base64::Engine as _;
use zeroize::{Zeroize, Zeroizing};

use crate::Error;

/// Something bytes can be written to. Writing never fails: a sink that runs
/// out of room keeps counting so the caller learns the exact size needed.
pub(crate) trait Sink {
    fn put(&mut self, bytes: &[u8]);

    fn put_str(&mut self, text: &str) {
        self.put(text.as_bytes());
    }

    /// Writes `bytes` percent-encoded (see [`crate::encode`]).
    fn put_encoded(&mut self, bytes: &[u8])
    where
        Self: Sized,
    {
        crate::encode::encode_into(self, bytes);
    }
}

/// Counts bytes and stores none.
#[cfg(feature = "alloc")]
#[derive(Default)]
pub(crate) struct Counter(pub(crate) usize);

#[cfg(feature = "alloc")]
impl Sink for Counter {
    fn put(&mut self, bytes: &[u8]) {
        self.0 = self.0.saturating_add(bytes.len());
    }

    /// Only the length: no need to write the escapes out.
    fn put_encoded(&mut self, bytes: &[u8]) {
        self.0 = self.0.saturating_add(crate::encode::encoded_len(bytes));
    }
}

impl Sink for sha2::Sha256 {
    fn put(&mut self, bytes: &[u8]) {
        sha2::Digest::update(self, bytes);
    }
}

impl Sink for hmac::Hmac<sha2::Sha256> {
    fn put(&mut self, bytes: &[u8]) {
        hmac::Mac::update(self, bytes);
    }
}

#[cfg(feature = "alloc")]
impl Sink for alloc::vec::Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
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

    /// The text written, or `BufferTooSmall` with the exact length needed
    /// (after wiping the partial output, which may hold token material).
    pub(crate) fn finish(self) -> Result<&'b str, Error> {
        if self.len > self.buf.len() {
            self.buf.zeroize();
            return Err(Error::BufferTooSmall { needed: self.len });
        }
        let (out, _) = self.buf.split_at_mut(self.len);
        // Every writer emits ASCII only (percent-encoded, base64, hex, digits).
        Ok(core::str::from_utf8(out).unwrap_or_default())
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
}

/// Standard base64 with padding, streamed: input is gathered into whole
/// chunks so the engine always runs on many bytes at once.
pub(crate) struct Base64<'s, S: Sink> {
    inner: &'s mut S,
    input: Zeroizing<[u8; CHUNK]>,
    used: usize,
    output: Zeroizing<[u8; CHUNK / 3 * 4]>,
}

/// Input bytes per encoding call: a multiple of 3, so no padding mid-stream.
const CHUNK: usize = 192;

impl<'s, S: Sink> Base64<'s, S> {
    pub(crate) fn new(inner: &'s mut S) -> Self {
        Base64 {
            inner,
            input: Zeroizing::new([0; CHUNK]),
            used: 0,
            output: Zeroizing::new([0; CHUNK / 3 * 4]),
        }
    }

    /// The base64 length of `len` input bytes, padding included.
    #[cfg(feature = "alloc")]
    pub(crate) fn encoded_len(len: usize) -> usize {
        len.div_ceil(3).saturating_mul(4)
    }

    /// Encodes the gathered input (with padding if it is the last).
    fn flush(&mut self) {
        let input = self.input.get(..self.used).unwrap_or_default();
        // CHUNK input bytes always fit the output, so this never fails.
        if let Ok(n) =
            base64::engine::general_purpose::STANDARD.encode_slice(input, &mut *self.output)
        {
            self.inner.put(self.output.get(..n).unwrap_or_default());
        }
        self.used = 0;
    }

    /// Writes out the gathered bytes with padding.
    pub(crate) fn finish(mut self) {
        self.flush();
    }
}

impl<S: Sink> Sink for Base64<'_, S> {
    fn put(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            let room = CHUNK - self.used;
            let (now, later) = bytes.split_at(room.min(bytes.len()));
            if let Some(slot) = self.input.get_mut(self.used..self.used + now.len()) {
                slot.copy_from_slice(now);
            }
            self.used += now.len();
            if self.used == CHUNK {
                self.flush();
            }
            bytes = later;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode_in_pieces(input: &[u8], piece: usize) -> ([u8; 1024], Result<usize, Error>) {
        let mut buf = [0u8; 1024];
        let mut writer = SliceWriter::new(&mut buf);
        let mut b64 = Base64::new(&mut writer);
        for part in input.chunks(piece) {
            b64.put(part);
        }
        b64.finish();
        let len = writer.finish().map(str::len);
        (buf, len)
    }

    #[test]
    fn base64_in_any_pieces_matches_one_shot() {
        let input: [u8; 500] = core::array::from_fn(|i| (i * 37) as u8);
        // Miri is slow: every length there too, but fewer piece sizes.
        let pieces: &[usize] = if cfg!(miri) {
            &[1, 200]
        } else {
            &[1, 2, 3, 5, 7, 191, 193]
        };
        // Under Miri (slow), the lengths around chunk boundaries only.
        let lengths: &mut dyn Iterator<Item = usize> = if cfg!(miri) {
            &mut (0..8)
                .chain(CHUNK - 4..CHUNK + 4)
                .chain(2 * CHUNK - 2..2 * CHUNK + 2)
        } else {
            &mut (0..=input.len())
        };
        for len in lengths {
            let mut want = [0u8; 1024];
            let n = base64::engine::general_purpose::STANDARD
                .encode_slice(&input[..len], &mut want)
                .unwrap();
            #[cfg(feature = "alloc")]
            assert_eq!(n, Base64::<Counter>::encoded_len(len));
            for &piece in pieces {
                let (got, got_len) = encode_in_pieces(&input[..len], piece);
                assert_eq!(got_len, Ok(n), "len {len} piece {piece}");
                assert_eq!(got[..n], want[..n], "len {len} piece {piece}");
            }
        }
    }

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
