//! The last SigV4 step: the signature, HMAC of the string to sign under
//! the signing key, written as lowercase hex.

use hmac::{Hmac, Mac as _};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::lowercase_hex::lowercase_hex;

/// A signature in lowercase hex: with the request it signs, a bearer
/// credential, so it wipes itself.
pub(crate) type HexSignature = Zeroizing<[u8; 64]>;

/// The lowercase hex of a finished MAC.
pub(crate) fn hex_signature(mac: Hmac<Sha256>) -> HexSignature {
    Zeroizing::new(lowercase_hex(mac.finalize().as_bytes().as_slice()))
}

/// Whether a finished MAC is `expected`, compared in constant time.
pub(crate) fn signature_matches(mac: Hmac<Sha256>, expected: &[u8; 32]) -> bool {
    mac.verify_slice(expected).is_ok()
}
