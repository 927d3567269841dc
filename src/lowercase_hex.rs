//! Digests as SigV4 writes them: lowercase hex.

/// Lowercase hex of a 32-byte digest.
pub(crate) fn lowercase_hex(digest: &[u8]) -> [u8; 64] {
    let mut out = [0u8; 64];
    // 32 bytes always fill the 64-byte output exactly; nothing else is passed.
    let _ = hex::encode_to_slice(digest, &mut out);
    out
}
