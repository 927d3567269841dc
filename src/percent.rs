//! The one percent-encoder, used for the signed canonical query and for the
//! URL alike, so the two can never disagree. It writes into slices only;
//! `sink` adapts it to every other output.

use core::cmp::Ordering;

use percent_encoding::{percent_encode, AsciiSet, NON_ALPHANUMERIC};
use zeroize::Zeroize;

/// Everything but `A-Z a-z 0-9 - _ . ~` is escaped, as SigV4 requires
/// (a space is `%20`, never `+`).
const ESCAPED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Bytes staged before they are passed on: fewer on small cores, where
/// the stage is stack the deepest call needs (not on WebAssembly, where
/// each hand-over is a call into the hash).
const STAGE: usize = if WIDE_BLOCKS || QUADS { 256 } else { 64 };

/// Percent-encodes `bytes` and hands the result to `put` through a small
/// stack stage, so the receiver sees a few large writes instead of one per
/// escape. The stage is wiped afterwards: it may have held secret material.
pub(crate) fn encode_staged(bytes: &[u8], mut put: impl FnMut(&[u8])) {
    // Checked by the table's widths: one load a byte, no comparisons.
    if bytes.iter().all(|&b| form_of(b)[FORM_WIDTH - 1] == 1) {
        // Nothing to escape: pass it on as it is.
        put(bytes);
        return;
    }
    let mut stage = [0u8; STAGE];
    let mut touched = 0;
    let mut rest = bytes;
    while !rest.is_empty() {
        let (read, written) = encode_to_slice(rest, &mut stage);
        put(stage.get(..written).unwrap_or_default());
        touched = touched.max(written + FORM_WIDTH);
        rest = rest.get(read..).unwrap_or_default();
    }
    if let Some(used) = stage.get_mut(..touched.min(STAGE)) {
        used.zeroize();
    }
}

/// Percent-encodes as much of `bytes` as fits into `out`; returns how many
/// input bytes were encoded and how many output bytes that took.
///
/// Where room is to spare, each byte's form is copied [`FORM_WIDTH`] wide
/// and the cursor then moves by its real width (1 or 3), with no branch on
/// the byte, so up to [`FORM_WIDTH`] bytes just past the output may be
/// overwritten.
pub(crate) fn encode_to_slice(bytes: &[u8], out: &mut [u8]) -> (usize, usize) {
    encode_with::<QUADS>(bytes, out)
}

/// [`encode_to_slice`], with or without [`QUADS`] (the tests check both).
#[inline]
fn encode_with<const QUADS: bool>(bytes: &[u8], out: &mut [u8]) -> (usize, usize) {
    let (mut read, mut at) = (0, 0);
    // Sixteen bytes at a time: a block with nothing to escape is copied
    // whole, any other goes byte by byte (at most 3 * 16 + 1 bytes of room).
    while WIDE_BLOCKS {
        let (Some(block), Some(room)) = (bytes.get(read..read + 16), out.get_mut(at..at + 49))
        else {
            break;
        };
        if block
            .iter()
            .fold(true, |plain, &b| plain & is_unreserved(b))
        {
            if let Some(dst) = room.get_mut(..16) {
                dst.copy_from_slice(block);
            }
            at += 16;
        } else {
            let mut used = 0;
            for &byte in block {
                let form = form_of(byte);
                if let Some(slot) = room.get_mut(used..used + FORM_WIDTH) {
                    slot.copy_from_slice(&form);
                }
                used += usize::from(form[FORM_WIDTH - 1]);
            }
            at += used;
        }
        read += 16;
    }
    // WebAssembly: four bytes a turn, with no call and no branch per byte.
    // Four bytes left alone go in one 4-byte store; otherwise each byte's
    // form goes in one 4-byte store and the cursor moves by its width (at
    // most 3 * 3 + 4 bytes of room).
    while let (true, Some(quad), Some(room)) = (
        QUADS,
        bytes.get(read..).and_then(<[u8]>::first_chunk::<4>),
        out.get_mut(at..).and_then(<[u8]>::first_chunk_mut::<13>),
    ) {
        let forms = quad.map(form_of);
        let widths = forms.iter().fold(0, |all, form| all | form[FORM_WIDTH - 1]);
        if widths == 1 {
            if let Some(dst) = room.first_chunk_mut::<4>() {
                *dst = *quad;
            }
            at += 4;
        } else {
            let mut used = 0;
            for form in forms {
                if let Some(slot) = room.get_mut(used..).and_then(<[u8]>::first_chunk_mut::<4>) {
                    *slot = form;
                }
                used += usize::from(form[FORM_WIDTH - 1]);
            }
            at += used;
        }
        read += 4;
    }
    // Elsewhere, four bytes a turn while 13 bytes of room are left: each
    // form stored whole, 4 bytes wide, at the sum of the widths before it,
    // the view of `out` then moved by all four (each 1 or 3: `& 3` lets the
    // compiler see that no store or move needs a check), so a turn has one
    // check on each side and no branch per byte. The widths are summed in
    // two halves: three identical add-and-store steps were outlined by the
    // size optimizer into calls, at 2 more instructions a byte.
    let mut room = out.get_mut(at..).unwrap_or_default();
    let mut rest = bytes.get(read..).unwrap_or_default();
    while let (false, Some((&[a, b, c, d], next)), Some(slot)) = (
        QUADS,
        rest.split_first_chunk::<4>(),
        room.first_chunk_mut::<13>(),
    ) {
        let (fa, fb, fc, fd) = (form_of(a), form_of(b), form_of(c), form_of(d));
        let width = |form: [u8; FORM_WIDTH]| usize::from(form[FORM_WIDTH - 1] & 3);
        let (wa, wb, wc, wd) = (width(fa), width(fb), width(fc), width(fd));
        let (front, back) = (wa + wb, wc + wd);
        let (at_b, at_c, at_d) = (wa, front, front + wc);
        let mut put = |at: usize, form| {
            if let Some(dst) = slot
                .get_mut(at..)
                .and_then(<[u8]>::first_chunk_mut::<FORM_WIDTH>)
            {
                *dst = form;
            }
        };
        put(0, fa);
        put(at_b, fb);
        put(at_c, fc);
        put(at_d, fd);
        room = core::mem::take(&mut room)
            .get_mut(front + back..)
            .unwrap_or_default();
        rest = next;
    }
    // The rest one byte at a time: its form's own bytes (on WebAssembly,
    // the whole form in one store while 4 bytes of room are left, rather
    // than a `memory.copy`).
    while let Some((&byte, next)) = rest.split_first() {
        let form = form_of(byte);
        let width = usize::from(form[FORM_WIDTH - 1]);
        if let (true, Some(dst)) = (QUADS, room.first_chunk_mut::<FORM_WIDTH>()) {
            *dst = form;
        } else if let (Some(dst), Some(own)) = (room.get_mut(..width), form.get(..width)) {
            dst.copy_from_slice(own);
        } else {
            break;
        }
        room = core::mem::take(&mut room)
            .get_mut(width..)
            .unwrap_or_default();
        rest = next;
    }
    let (rest_len, room_len) = (rest.len(), room.len());
    (bytes.len() - rest_len, out.len() - room_len)
}

/// Whether [`encode_to_slice`] takes four bytes a turn. Only on
/// WebAssembly, where each call (a `memory.copy` per run of bytes left
/// alone) and each branch costs more than a store; on 32-bit cores the
/// wider loop costs flash the firmware budgets have no room for.
const QUADS: bool = cfg!(target_family = "wasm");

/// Whether [`encode_to_slice`] takes 16 bytes at a time where it can. Only
/// on 64-bit targets: on small cores the wider loop costs more flash than
/// it saves time.
const WIDE_BLOCKS: bool = cfg!(target_pointer_width = "64");

/// `byte`'s entry in [`FORMS`].
#[inline]
fn form_of(byte: u8) -> [u8; FORM_WIDTH] {
    FORMS.get(usize::from(byte)).copied().unwrap_or_default()
}

/// The length of `bytes` once encoded.
pub(crate) fn percent_encoded_len(bytes: &[u8]) -> usize {
    encoded_len_with::<QUADS>(bytes)
}

/// The length of `bytes` once encoded, or, when that is at most `room`,
/// possibly a bound on it that is itself at most `room`: counting stops
/// as soon as the bytes not yet counted would fit even if every one of
/// them were escaped. A buffer with room to spare skips most of the count;
/// one too small learns the exact length.
pub(crate) fn percent_encoded_len_within(bytes: &[u8], room: usize) -> usize {
    let (mut counted, mut rest) = (0usize, bytes);
    loop {
        // Three bytes a byte at most: `%XX`.
        let bound = counted.saturating_add(rest.len().saturating_mul(3));
        if bound <= room || rest.is_empty() {
            return bound;
        }
        let chunk = rest.get(..COUNT_CHUNK).unwrap_or(rest);
        counted = counted.saturating_add(percent_encoded_len(chunk));
        rest = rest.get(chunk.len()..).unwrap_or_default();
    }
}

/// Bytes counted between two checks of [`percent_encoded_len_within`].
const COUNT_CHUNK: usize = 64;

/// [`percent_encoded_len`], with or without [`QUADS`] (the tests check both).
#[inline]
fn encoded_len_with<const QUADS: bool>(bytes: &[u8]) -> usize {
    let width = |b: &u8| usize::from(form_of(*b)[FORM_WIDTH - 1]);
    if QUADS {
        // WebAssembly: four widths a turn, one loop step for each four.
        let (quads, rest) = bytes.as_chunks::<4>();
        let quads: usize = quads
            .iter()
            .map(|q| q.iter().map(width).sum::<usize>())
            .sum();
        return quads.saturating_add(rest.iter().map(width).sum());
    }
    if !WIDE_BLOCKS {
        // Small cores: each byte's width from the form table, one load a byte.
        return bytes.iter().map(width).sum();
    }
    // Counted in byte-wide sums of at most 255, which compile to SIMD.
    let escaped: usize = bytes
        .chunks(255)
        .map(|chunk| {
            let count = chunk
                .iter()
                .fold(0u8, |n, &b| n.wrapping_add(u8::from(!is_unreserved(b))));
            usize::from(count)
        })
        .sum();
    bytes.len().saturating_add(escaped.saturating_mul(2))
}

/// The bytes of `text` once encoded, for sorting by encoded form.
fn encoded_bytes(text: &str) -> impl Iterator<Item = u8> + '_ {
    percent_encode(text.as_bytes(), ESCAPED).flat_map(str::bytes)
}

/// Orders two names the way SigV4 sorts a canonical query: by encoded bytes.
pub(crate) fn cmp_encoded(a: &str, b: &str) -> Ordering {
    let plain = |text: &str| text.bytes().all(is_unreserved);
    if plain(a) && plain(b) {
        // Encoding leaves both alone: compare them as they are.
        return a.cmp(b);
    }
    encoded_bytes(a).cmp(encoded_bytes(b))
}

/// Whether `text` is exactly what this encoder writes for some bytes:
/// unreserved characters bare, every other byte as `%XX` in uppercase hex.
pub(crate) fn is_canonically_encoded(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        if b == b'%' {
            let hex_digit = |c: u8| match c {
                b'0'..=b'9' => Some(c - b'0'),
                b'A'..=b'F' => Some(c - b'A' + 10),
                _ => None,
            };
            let escaped = bytes.get(at + 1..at + 3).and_then(|pair| match *pair {
                [hi, lo] => Some(hex_digit(hi)? << 4 | hex_digit(lo)?),
                _ => None,
            });
            match escaped {
                Some(byte) if !is_unreserved(byte) => at += 3,
                _ => return false,
            }
        } else if is_unreserved(b) {
            at += 1;
        } else {
            return false;
        }
    }
    true
}

/// Bytes in a [`FORMS`] entry: up to 3 characters, then the width.
const FORM_WIDTH: usize = 4;

/// Each byte's encoded form: `b` alone (width 1) or `%XX` in uppercase hex
/// (width 3), padded to 3 bytes, then the width.
// Evaluated at compile time: an index out of bounds would fail the build.
#[allow(clippy::indexing_slicing)]
const FORMS: [[u8; FORM_WIDTH]; 256] = {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut forms = [[0u8; FORM_WIDTH]; 256];
    let mut byte = 0;
    while byte < 256 {
        forms[byte] = if is_unreserved(byte as u8) {
            [byte as u8, 0, 0, 1]
        } else {
            [b'%', HEX[byte >> 4], HEX[byte & 15], 3]
        };
        byte += 1;
    }
    forms
};

/// True for the characters the encoder leaves alone: `A-Z a-z 0-9 - _ . ~`.
#[inline(always)]
pub(crate) const fn is_unreserved(byte: u8) -> bool {
    // Written without short-circuits so loops over it compile to SIMD.
    let letter = (byte | 0x20).wrapping_sub(b'a') < 26;
    let digit = byte.wrapping_sub(b'0') < 10;
    letter | digit | (byte == b'-') | (byte == b'_') | (byte == b'.') | (byte == b'~')
}

#[cfg(test)]
#[allow(clippy::std_instead_of_alloc)]
mod tests {
    use super::*;
    use percent_encoding::percent_encode_byte;

    /// Through the staged encoder, as every sink but a slice writes.
    fn encode<'b>(text: &str, buf: &'b mut [u8]) -> &'b str {
        let mut len = 0;
        encode_staged(text.as_bytes(), |piece| {
            buf[len..len + piece.len()].copy_from_slice(piece);
            len += piece.len();
        });
        core::str::from_utf8(&buf[..len]).unwrap()
    }

    /// A bound at most `room` when the length fits, never under it; the
    /// exact length when it does not fit.
    #[test]
    fn counts_within_a_room() {
        let text: std::vec::Vec<u8> = (0..300u32).map(|i| (i * 37 + 11) as u8).collect();
        for len in [0, 1, 2, 63, 64, 65, 200, 300] {
            let bytes = &text[..len];
            let exact = percent_encoded_len(bytes);
            for room in [
                0,
                1,
                len,
                exact - exact.min(1),
                exact,
                exact + 1,
                2 * len,
                3 * len,
                usize::MAX,
            ] {
                let got = percent_encoded_len_within(bytes, room);
                assert!(got >= exact, "len {len}, room {room}");
                if exact > room {
                    assert_eq!(got, exact, "len {len}, room {room}");
                } else {
                    assert!(got <= room, "len {len}, room {room}");
                }
            }
            assert_eq!(
                percent_encoded_len_within(bytes, 3 * len),
                3 * len,
                "nothing counted"
            );
        }
    }

    #[test]
    fn space_is_percent_20_never_plus() {
        assert_eq!(encode("a b+c", &mut [0; 64]), "a%20b%2Bc");
    }

    #[test]
    fn escapes_all_but_unreserved_in_uppercase_hex() {
        assert_eq!(encode("AZaz09-_.~", &mut [0; 64]), "AZaz09-_.~");
        assert_eq!(
            encode("/=&;:é\u{1F600}", &mut [0; 64]),
            "%2F%3D%26%3B%3A%C3%A9%F0%9F%98%80"
        );
        for byte in 0u8..128 {
            let text = [byte];
            let text = core::str::from_utf8(&text).unwrap();
            let mut buf = [0; 8];
            let out = encode(text, &mut buf);
            if is_unreserved(byte) {
                assert_eq!(out.as_bytes(), [byte]);
            } else {
                let hex = b"0123456789ABCDEF";
                let want = [
                    b'%',
                    hex[usize::from(byte >> 4)],
                    hex[usize::from(byte & 15)],
                ];
                assert_eq!(out.as_bytes(), want);
            }
        }
    }

    #[test]
    fn recognizes_exactly_its_own_output() {
        for text in ["", "abc", "a b", "/=&;", "caf\u{e9}", "AZaz09-_.~%"] {
            let mut buf = [0u8; 64];
            assert!(is_canonically_encoded(encode(text, &mut buf)), "{text:?}");
        }
        for bad in [
            "a b", "%2f", "%41", "%7E", "%", "%2", "%G0", "a+b", "a/b", "\u{e9}",
        ] {
            assert!(!is_canonically_encoded(bad), "{bad:?}");
        }
    }

    #[test]
    fn the_escaped_set_and_is_unreserved_agree() {
        for byte in 0..=255u8 {
            let bare = percent_encode(&[byte], ESCAPED).next()
                == Some(core::str::from_utf8(&[byte]).unwrap_or("\u{0}"));
            assert_eq!(bare, is_unreserved(byte), "{byte:#x}");
        }
    }

    #[test]
    fn the_table_writes_what_percent_encoding_writes() {
        for byte in 0..=255u8 {
            let form = FORMS[usize::from(byte)];
            let ours = &form[..usize::from(form[3])];
            if is_unreserved(byte) {
                assert_eq!(ours, [byte]);
            } else {
                assert_eq!(ours, percent_encode_byte(byte).as_bytes(), "{byte:#x}");
            }
        }
    }

    #[test]
    fn long_values_cross_the_stage_boundary() {
        // 300 escapes: more than one stage's worth.
        let text: std::string::String = core::iter::repeat_n('/', 300).collect();
        let mut buf = [0u8; 1024];
        assert_eq!(encode(&text, &mut buf), "%2F".repeat(300));
    }

    /// The reference: each byte's form, one after another.
    fn encoded_by_bytes(bytes: &[u8]) -> std::vec::Vec<u8> {
        bytes
            .iter()
            .flat_map(|&b| {
                let form = FORMS[usize::from(b)];
                form[..usize::from(form[3])].to_vec()
            })
            .collect()
    }

    #[test]
    fn encodes_into_slices_of_any_room() {
        // Runs of plain bytes and escapes, across the 16-byte blocks.
        let input: std::vec::Vec<u8> = (0..40u8)
            .map(|i| {
                if i % 7 < 4 {
                    b'a' + i % 26
                } else {
                    i.wrapping_mul(37)
                }
            })
            .collect();
        let lengths = if cfg!(miri) {
            0..12
        } else {
            0..input.len() + 1
        };
        for len in lengths {
            let text = &input[..len];
            let want = encoded_by_bytes(text);
            assert_eq!(percent_encoded_len(text), want.len());
            assert_eq!(encoded_len_with::<true>(text), want.len());
            for (room, quads) in (0..=want.len() + 4).flat_map(|room| [(room, false), (room, true)])
            {
                let mut out = std::vec![0u8; room];
                let (read, written) = if quads {
                    encode_with::<true>(text, &mut out)
                } else {
                    encode_with::<false>(text, &mut out)
                };
                let done = encoded_by_bytes(&text[..read]);
                assert_eq!(&out[..written], &done[..], "len {len} room {room}");
                if read < len {
                    // Stopped only because the next byte's form did not fit.
                    let next = encoded_by_bytes(&text[read..=read]);
                    assert!(written + next.len() > room, "len {len} room {room}");
                }
            }
        }
    }

    #[test]
    fn counts_long_inputs_exactly() {
        // Past the 255-byte counting chunks, every byte value.
        let input: std::vec::Vec<u8> = (0..1000u32).map(|i| (i * 151) as u8).collect();
        let want = encoded_by_bytes(&input).len();
        assert_eq!(percent_encoded_len(&input), want);
        assert_eq!(encoded_len_with::<true>(&input), want);
    }

    #[test]
    fn sorts_by_encoded_form() {
        // Raw '/' (0x2F) sorts after '-' (0x2D), but its encoded form "%2F" before.
        assert_eq!(cmp_encoded("a/", "a-"), Ordering::Less);
        assert_eq!(cmp_encoded("a", "a-"), Ordering::Less);
        assert_eq!(cmp_encoded("B", "a"), Ordering::Less);
    }
}
