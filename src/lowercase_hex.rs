//! Digests as SigV4 writes them: lowercase hex.

/// The sixteen digits, by value.
const DIGITS: &[u8; 16] = b"0123456789abcdef";

/// Lowercase hex of a 32-byte digest.
pub(crate) fn lowercase_hex(digest: &[u8]) -> [u8; 64] {
    let mut out = [0u8; 64];
    lowercase_hex_into(digest, &mut out);
    out
}

/// Lowercase hex of a 32-byte digest, into `out`: two table look-ups a
/// byte (hex's generic encoder takes about six times the instructions on
/// a Cortex-M4).
pub(crate) fn lowercase_hex_into(digest: &[u8], out: &mut [u8; 64]) {
    let (pairs, _) = out.as_chunks_mut::<2>();
    for (pair, &byte) in pairs.iter_mut().zip(digest) {
        *pair = [digit(byte >> 4), digit(byte & 0x0f)];
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
