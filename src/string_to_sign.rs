//! The string to sign: algorithm, time, credential scope and the canonical
//! request's hash, fed straight into the MAC that signs it.

use crate::protocol::ALGORITHM;
use crate::scope::Scope;
use crate::sink::{narrow, Sink};

/// Writes the string to sign into `mac` (a MAC under the signing key).
pub(crate) fn put_string_to_sign<S: Sink>(
    mac: &mut S,
    scope: &Scope<'_>,
    canonical_request_hash: &[u8; 64],
) {
    mac.put_str(ALGORITHM);
    mac.put(b"\n");
    mac.put_str(scope.date().as_str());
    mac.put(b"\n");
    scope.put(narrow(mac));
    mac.put(b"\n");
    mac.put(canonical_request_hash);
}
