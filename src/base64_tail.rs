//! Standard padded base64, encoded in place: the input sits at the tail of
//! the output's own buffer and is overwritten front to back as it is read,
//! so a token is base64-encoded without a second copy of its URL.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Whether [`encode_tail`] takes 24 bytes a round where it can, through
/// [`PAIRS`]. Only on 64-bit targets: on small cores the table and the
/// unrolled round cost more flash than they save time.
const WIDE_ROUNDS: bool = cfg!(target_pointer_width = "64");

/// Whether [`encode_tail`] takes two groups a round where it can, in one
/// 8-byte load and one 8-byte store. Only on WebAssembly, where each
/// bounds-checked byte load and each loop turn cost more than the shifts
/// that replace them (on small cores the byte loop is smaller and as fast).
const WORD_ROUNDS: bool = cfg!(target_family = "wasm");

/// Every 12-bit value's two characters, the first in the low byte: half the
/// lookups of one per character (8 KiB, linked in only where used).
// Evaluated at compile time: an index out of bounds would fail the build.
#[allow(clippy::indexing_slicing)]
const PAIRS: [u16; 4096] = {
    let mut pairs = [0u16; 4096];
    let mut i = 0;
    while i < 4096 {
        pairs[i] = u16::from_le_bytes([ALPHABET[i >> 6], ALPHABET[i & 63]]);
        i += 1;
    }
    pairs
};

/// The base64 length of `len` bytes, padding included.
pub(crate) const fn base64_len(len: usize) -> usize {
    len.div_ceil(3).saturating_mul(4)
}

/// Encodes `buf[start..]` so that the base64 fills all of `buf`.
///
/// `buf.len()` must be [`base64_len`] of the input's length; otherwise
/// nothing is written and `false` is returned.
///
/// Output group `g` (4 bytes at `4g`) is written after input group `g`
/// (3 bytes at `start + 3g`) is read, and `start >= g + 1` for every group
/// but the last, so a write never reaches input still to be read.
pub(crate) fn encode_tail(buf: &mut [u8], start: usize) -> bool {
    encode_tail_with::<WIDE_ROUNDS, WORD_ROUNDS>(buf, start)
}

/// [`encode_tail`], with or without [`WIDE_ROUNDS`] and [`WORD_ROUNDS`]
/// (the tests check every way).
#[inline]
fn encode_tail_with<const WIDE: bool, const WORDS: bool>(buf: &mut [u8], start: usize) -> bool {
    let end = buf.len();
    if start > end || base64_len(end - start) != end {
        return false;
    }
    let (mut read, mut write) = (start, 0);
    // Fast rounds: 24 bytes in (read as four overlapping 8-byte words), 32
    // out. The gap between reading and writing shrinks by 8 a round.
    while WIDE && read + 26 <= end && read >= write + 8 {
        let Some(window) = buf.get(read..read + 26) else {
            break;
        };
        let word = |at: usize| {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(window.get(at..at + 8).unwrap_or(&[0; 8]));
            u64::from_be_bytes(bytes)
        };
        let words = [word(0), word(6), word(12), word(18)];
        let Some(out) = buf.get_mut(write..write + 32) else {
            break;
        };
        for (word, out) in words.into_iter().zip(out.chunks_exact_mut(8)) {
            // The word's top 48 bits, as four 12-bit pairs of characters.
            let pair = |shift: u32| {
                let index = ((word >> shift) & 0xfff) as usize;
                u64::from(PAIRS.get(index).copied().unwrap_or(0))
            };
            let chars = pair(52) | pair(40) << 16 | pair(28) << 32 | pair(16) << 48;
            out.copy_from_slice(&chars.to_le_bytes());
        }
        read += 24;
        write += 32;
    }
    // Two groups a round: the 8 bytes at `read` (6 used) in one load, their
    // 8 characters in one store. The store ends at or before `read + 6`,
    // the first byte still to be read, while `read >= write + 2`; the gap
    // shrinks by 2 a round.
    while WORDS && read >= write + 2 {
        let Some(&word) = buf.get(read..).and_then(<[u8]>::first_chunk::<8>) else {
            break;
        };
        let word = u64::from_le_bytes(word);
        let chars =
            u64::from(group_le(word as u32)) | (u64::from(group_le((word >> 24) as u32)) << 32);
        if let Some(dst) = buf.get_mut(write..).and_then(<[u8]>::first_chunk_mut::<8>) {
            *dst = chars.to_le_bytes();
        }
        read += 6;
        write += 8;
    }
    // The rest one whole group at a time: each a 4-byte store, no call.
    while let Some(&[a, b, c]) = buf.get(read..read + 3) {
        if let Some(dst) = buf.get_mut(write..).and_then(<[u8]>::first_chunk_mut::<4>) {
            *dst = group(a, b, c);
        }
        read += 3;
        write += 4;
    }
    // The last one or two bytes, padded.
    let (a, b) = (buf.get(read).copied(), buf.get(read + 1).copied());
    if let Some(a) = a {
        let mut out = group(a, b.unwrap_or(0), 0);
        out[3] = b'=';
        if b.is_none() {
            out[2] = b'=';
        }
        if let Some(dst) = buf.get_mut(write..write + 4) {
            dst.copy_from_slice(&out);
        }
    }
    true
}

/// The four characters of three bytes.
#[inline]
fn group(a: u8, b: u8, c: u8) -> [u8; 4] {
    let bits = u32::from_be_bytes([0, a, b, c]);
    [
        sextet(bits >> 18),
        sextet(bits >> 12),
        sextet(bits >> 6),
        sextet(bits),
    ]
}

/// The four characters of the three bytes in the low 24 bits of `bytes`
/// (the first byte lowest, as a little-endian load puts it), first
/// character lowest.
#[inline]
fn group_le(bytes: u32) -> u32 {
    let sextets = [
        bytes >> 2,
        ((bytes << 4) & 0x30) | ((bytes >> 12) & 0x0f),
        ((bytes >> 6) & 0x3c) | ((bytes >> 22) & 0x03),
        bytes >> 16,
    ];
    u32::from_le_bytes(sextets.map(sextet))
}

/// The character for the low six bits of `bits`.
#[inline]
fn sextet(bits: u32) -> u8 {
    // `& 63` keeps the index in range; the fallback is never taken.
    ALPHABET.get((bits & 63) as usize).copied().unwrap_or(b'=')
}

#[cfg(test)]
#[allow(clippy::std_instead_of_alloc)]
mod tests {
    use super::*;
    use base64::Engine as _;

    /// Every way (byte groups only, word rounds, wide rounds), which must agree.
    fn in_place(input: &[u8]) -> std::vec::Vec<u8> {
        let mut buf = std::vec![0u8; base64_len(input.len())];
        let start = buf.len() - input.len();
        buf[start..].copy_from_slice(input);
        let (mut words, mut wide) = (buf.clone(), buf.clone());
        assert!(encode_tail_with::<false, false>(&mut buf, start));
        assert!(encode_tail_with::<false, true>(&mut words, start));
        assert!(encode_tail_with::<true, true>(&mut wide, start));
        assert_eq!(buf, words, "word rounds");
        assert_eq!(buf, wide, "wide rounds");
        buf
    }

    #[test]
    fn matches_the_base64_crate_at_every_length() {
        let input: std::vec::Vec<u8> = (0..600u32).map(|i| (i * 151 + 7) as u8).collect();
        // Miri is slow: the lengths around the fast rounds' edges only.
        let lengths: std::vec::Vec<usize> = if cfg!(miri) {
            (0..40).chain(590..=600).collect()
        } else {
            (0..=input.len()).collect()
        };
        for len in lengths {
            let want = base64::engine::general_purpose::STANDARD.encode(&input[..len]);
            assert_eq!(in_place(&input[..len]), want.as_bytes(), "len {len}");
        }
    }

    #[test]
    fn every_byte_value_in_every_position() {
        for byte in 0..=255u8 {
            for at in 0..3 {
                let mut input = [0x5au8; 27];
                input[at + 24] = byte;
                input[at] = byte;
                let want = base64::engine::general_purpose::STANDARD.encode(input);
                assert_eq!(in_place(&input), want.as_bytes());
            }
        }
    }

    #[test]
    fn refuses_a_buffer_of_the_wrong_size() {
        let mut buf = [7u8; 9];
        assert!(!encode_tail(&mut buf, 6), "3 bytes need 4, not 9");
        assert!(!encode_tail(&mut buf, 10), "start past the end");
        assert_eq!(buf, [7; 9], "nothing written");
        let mut empty = [0u8; 0];
        assert!(encode_tail(&mut empty, 0));
    }
}
