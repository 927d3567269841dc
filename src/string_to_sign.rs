//! The string to sign: algorithm, time, credential scope and the canonical
//! request's hash, fed straight into the MAC that signs it.

use hmac::Hmac;
use sha2::Sha256;

use crate::protocol::ALGORITHM;
use crate::scope::Scope;
use crate::signing_key::SigningKey;
use crate::sink::{narrow, Sink};

/// A MAC under `key` fed the string to sign; finish it into the signature.
pub(crate) fn string_to_sign_mac(
    key: &SigningKey,
    scope: &Scope<'_>,
    canonical_request_hash: &[u8; 64],
) -> Hmac<Sha256> {
    let mut mac = key.mac();
    mac.put_str(ALGORITHM);
    mac.put(b"\n");
    mac.put_str(scope.date().as_str());
    mac.put(b"\n");
    scope.put(narrow(&mut mac));
    mac.put(b"\n");
    mac.put(canonical_request_hash);
    mac
}
