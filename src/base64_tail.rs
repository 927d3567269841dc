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

/// Whether [`encode_tail`] takes runs of groups whose output does not
/// overlap their input, so that the loop reads one slice and writes
/// another, with no bounds check in it. On small cores (64-bit targets have
/// their wide rounds, WebAssembly its word rounds).
const BLOCK_ROUNDS: bool = cfg!(all(
    not(target_pointer_width = "64"),
    not(target_family = "wasm")
));

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

/// Encodes `buf[start..]` into the front of `buf` and returns the base64's
/// length, [`base64_len`] of the input's.
///
/// The input may lie further right than the output's end needs (`start`
/// at least `buf.len() - base64_len(input)`); otherwise nothing is written
/// and `None` is returned. Bytes past the output are left as they were.
///
/// Output group `g` (4 bytes at `4g`) is written after input group `g`
/// (3 bytes at `start + 3g`) is read, and `start >= g + 1` for every group
/// but the last, so a write never reaches input still to be read.
pub(crate) fn encode_tail(buf: &mut [u8], start: usize) -> Option<usize> {
    encode_tail_with::<WIDE_ROUNDS, WORD_ROUNDS, BLOCK_ROUNDS>(buf, start)
}

/// [`encode_tail`], with or without [`WIDE_ROUNDS`] and [`WORD_ROUNDS`]
/// (the tests check every way).
#[inline]
fn encode_tail_with<const WIDE: bool, const WORDS: bool, const BLOCKS: bool>(
    buf: &mut [u8],
    start: usize,
) -> Option<usize> {
    let end = buf.len();
    let out_len = base64_len(end.checked_sub(start)?);
    if out_len > end {
        return None;
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
    // Runs of groups whose characters all land before the first of their
    // bytes: as many as a quarter of the gap, read from one slice and
    // written to another, each group's characters in one 4-byte store.
    // The gap shrinks by the run's length, so runs get shorter.
    while BLOCKS && read >= write + 4 {
        let groups = (read - write) / 4;
        let Some((front, back)) = buf.split_at_mut_checked(read) else {
            break;
        };
        let (Some(out), Some(bytes)) = (
            front.get_mut(write..write + 4 * groups),
            back.get(..3 * groups),
        ) else {
            break;
        };
        let (chars, _) = out.as_chunks_mut::<4>();
        for (&[a, b, c], chars) in bytes.as_chunks::<3>().0.iter().zip(chars) {
            *chars = group_bits(u32::from(a) << 16 | u32::from(b) << 8 | u32::from(c));
        }
        read += 3 * groups;
        write += 4 * groups;
    }
    // The rest one group a turn, each in one 4-byte store, with no call;
    // the last one or two bytes zero-filled and their group padded.
    while let Some(rest) = buf.get(read..).filter(|rest| !rest.is_empty()) {
        let left = rest.len();
        let bits = match *rest {
            [a, b, c, ..] => u32::from(a) << 16 | u32::from(b) << 8 | u32::from(c),
            _ => last_bits(rest),
        };
        let mut chars = group_bits(bits);
        if left < 3 {
            pad(&mut chars, left);
        }
        if let Some(dst) = buf.get_mut(write..).and_then(<[u8]>::first_chunk_mut::<4>) {
            *dst = chars;
        }
        read += 3;
        write += 4;
    }
    Some(out_len)
}

/// The 24 bits of the last one or two bytes, zero-filled.
fn last_bits(bytes: &[u8]) -> u32 {
    let byte = |at: usize| u32::from(bytes.get(at).copied().unwrap_or(0));
    byte(0) << 16 | byte(1) << 8
}

/// Pads the last group, of `left` (1 or 2) bytes.
fn pad(chars: &mut [u8; 4], left: usize) {
    chars[3] = b'=';
    if left < 2 {
        chars[2] = b'=';
    }
}

/// The four characters of the 24 bits of `bits`, first byte highest
/// (inlined: a call per group cost as much as the group itself on small
/// cores).
#[inline(always)]
fn group_bits(bits: u32) -> [u8; 4] {
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

    /// Every way (byte groups only, word, wide and block rounds), which must
    /// agree, with the input at the tail of a buffer `slack` bytes longer
    /// than the base64: the bytes past the base64 are left as they were.
    fn in_place_with_slack(input: &[u8], slack: usize) -> std::vec::Vec<u8> {
        let out_len = base64_len(input.len());
        let mut buf = std::vec![0u8; out_len + slack];
        let start = buf.len() - input.len();
        buf[start..].copy_from_slice(input);
        let before = buf.clone();
        let (mut words, mut wide, mut blocks) = (buf.clone(), buf.clone(), buf.clone());
        assert_eq!(
            encode_tail_with::<false, false, false>(&mut buf, start),
            Some(out_len)
        );
        assert_eq!(
            encode_tail_with::<false, true, false>(&mut words, start),
            Some(out_len)
        );
        assert_eq!(
            encode_tail_with::<true, true, false>(&mut wide, start),
            Some(out_len)
        );
        assert_eq!(
            encode_tail_with::<false, false, true>(&mut blocks, start),
            Some(out_len)
        );
        assert_eq!(buf, words, "word rounds");
        assert_eq!(buf, wide, "wide rounds");
        assert_eq!(buf, blocks, "block rounds");
        assert_eq!(buf[out_len..], before[out_len..], "past the base64");
        buf.truncate(out_len);
        buf
    }

    fn in_place(input: &[u8]) -> std::vec::Vec<u8> {
        in_place_with_slack(input, 0)
    }

    #[test]
    fn input_further_right_than_needed() {
        let input: std::vec::Vec<u8> = (0..300u32).map(|i| (i * 151 + 7) as u8).collect();
        let lengths: &[usize] = if cfg!(miri) {
            &[0, 1, 2, 3, 40, 299]
        } else {
            &[0, 1, 2, 3, 4, 5, 26, 27, 40, 100, 299, 300]
        };
        for &len in lengths {
            let want = base64::engine::general_purpose::STANDARD.encode(&input[..len]);
            for slack in [1, 2, 3, 7, 8, 9, 33, 200] {
                let got = in_place_with_slack(&input[..len], slack);
                assert_eq!(got, want.as_bytes(), "len {len}, slack {slack}");
            }
        }
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
    fn refuses_input_too_far_left() {
        let mut buf = [7u8; 9];
        assert_eq!(encode_tail(&mut buf, 2), None, "7 bytes need 12, not 9");
        assert_eq!(encode_tail(&mut buf, 10), None, "start past the end");
        assert_eq!(buf, [7; 9], "nothing written");
        assert_eq!(encode_tail(&mut buf, 3), Some(8), "6 bytes in 8 of 9");
        let mut empty = [0u8; 0];
        assert_eq!(encode_tail(&mut empty, 0), Some(0));
    }
}
