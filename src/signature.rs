//! The last SigV4 steps, written once for every output: the canonical
//! request's hash, the string to sign's MAC under the signing key, and the
//! signature, as lowercase hex or compared with one given.
//!
//! Each step runs in a frame of its own, called from here, so the canonical
//! request's writers and hash state are off the stack before the MAC state
//! arrives: a call's peak stack is the deeper of the two, not their sum.

use crate::canonical::{CanonicalRequest, RequestParts};
use crate::lowercase_hex::lowercase_hex_into;
use crate::mac::tags_match;
use crate::scope::Scope;
use crate::secret::Secret;
use crate::signing_key::SigningKey;
use crate::string_to_sign::put_string_to_sign;

/// A signature in lowercase hex: with the request it signs, a bearer
/// credential, so it wipes itself.
pub(crate) type HexSignature = Secret<64>;

/// The signature of `canonical` under `key`, in lowercase hex.
pub(crate) fn hex_signature<R: RequestParts>(
    canonical: &CanonicalRequest<'_, '_, R>,
    key: &SigningKey,
) -> HexSignature {
    let mut hex = Secret::zeroed();
    write_hex_signature(canonical, key, &mut hex);
    hex
}

/// [`hex_signature`], written into `out` (the output's own bytes: no copy
/// of it on the stack under the hash).
pub(crate) fn write_hex_signature<R: RequestParts>(
    canonical: &CanonicalRequest<'_, '_, R>,
    key: &SigningKey,
    out: &mut [u8; 64],
) {
    lowercase_hex_into(&signature(canonical, key)[..], out);
}

/// Whether `expected` is the signature of `canonical` under `key`,
/// compared in constant time.
pub(crate) fn signature_matches<R: RequestParts>(
    canonical: &CanonicalRequest<'_, '_, R>,
    key: &SigningKey,
    expected: &[u8; 32],
) -> bool {
    tags_match(&signature(canonical, key), expected)
}

/// Inlined into each of its two callers: one frame fewer on the deepest
/// path (under the canonical request's hash).
#[inline(always)]
fn signature<R: RequestParts>(
    canonical: &CanonicalRequest<'_, '_, R>,
    key: &SigningKey,
) -> Secret<32> {
    let canonical_hash = canonical_sha256(canonical);
    let mut signature = Secret::zeroed();
    mac_string_to_sign(
        key,
        &canonical.inputs.scope,
        &canonical_hash,
        &mut signature,
    );
    signature
}

#[inline(never)]
fn canonical_sha256<R: RequestParts>(canonical: &CanonicalRequest<'_, '_, R>) -> [u8; 32] {
    canonical.sha256()
}

/// The string to sign's MAC under `key`, into `out`.
#[inline(never)]
fn mac_string_to_sign(
    key: &SigningKey,
    scope: &Scope<'_>,
    canonical_hash: &[u8; 32],
    out: &mut [u8; 32],
) {
    let mut mac = key.mac();
    put_string_to_sign(&mut mac, scope, canonical_hash);
    mac.finish_into(out);
}
