//! Digests as SigV4 writes them: lowercase hex.

/// The sixteen digits, by value.
const DIGITS: &[u8; 16] = b"0123456789abcdef";

/// Lowercase hex of a 32-byte digest. Out of line: inlined into its one
/// caller, a payload's hash, it widens `sign_headers_into`'s frame.
#[inline(never)]
pub(crate) fn lowercase_hex(digest: &[u8]) -> [u8; 64] {
    let mut out = [0u8; 64];
    lowercase_hex_into(digest, &mut out);
    out
}

/// Lowercase hex of a 32-byte digest, into `out`: two table look-ups a
/// byte (hex's generic encoder takes about six times the instructions on
/// a Cortex-M4).
pub(crate) fn lowercase_hex_into(digest: &[u8], out: &mut [u8; 64]) {
    // Two bytes a turn: half the loop's own instructions per digit.
    let (quads, _) = out.as_chunks_mut::<4>();
    let (pairs, _) = digest.as_chunks::<2>();
    for (quad, &[a, b]) in quads.iter_mut().zip(pairs) {
        *quad = [
            digit(a >> 4),
            digit(a & 0x0f),
            digit(b >> 4),
            digit(b & 0x0f),
        ];
    }
}

fn digit(nibble: u8) -> u8 {
    DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value writes as the hex crate writes it.
    #[test]
    fn writes_as_hex_does() {
        for start in (0..=255u8).step_by(32) {
            let digest: [u8; 32] = core::array::from_fn(|i| start.wrapping_add(i as u8));
            let mut want = [0u8; 64];
            hex::encode_to_slice(digest, &mut want).unwrap();
            assert_eq!(lowercase_hex(&digest), want);
        }
    }
}
