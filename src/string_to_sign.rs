//! The string to sign: algorithm, time, credential scope and the canonical
//! request's hash, fed straight into the MAC that signs it.

use crate::lowercase_hex::lowercase_hex_into;
use crate::protocol::{ALGORITHM, SCOPE_TERMINATOR};
use crate::scope::Scope;
use crate::sink::Sink;

/// `ALGORITHM\nYYYYMMDDTHHMMSSZ\nYYYYMMDD/`: the same length every time.
const HEAD: usize = 16 + 1 + 16 + 1 + 8 + 1;
/// `/aws4_request\n` and the canonical request's hash in hex.
const TAIL: usize = 1 + 12 + 1 + 64;

/// Writes the string to sign into `mac` (a MAC under the signing key),
/// given the canonical request's SHA-256. The parts of known length are
/// put together on the stack first: five writes into the MAC, not
/// thirteen (each costs about a hundred instructions on a Cortex-M4).
pub(crate) fn put_string_to_sign<S: Sink>(
    mac: &mut S,
    scope: &Scope<'_>,
    canonical_request_sha256: &[u8; 32],
) {
    // One after the other, so the two pieces can share a stack slot.
    {
        let date = scope.date();
        let mut head = [0; HEAD];
        if let Some(algorithm) = ALGORITHM.as_bytes().first_chunk::<16>() {
            place(&mut head, 0, algorithm);
        }
        place(&mut head, 16, b"\n");
        place(&mut head, 17, date.as_bytes());
        place(&mut head, 33, b"\n");
        place(&mut head, 34, date.day_bytes());
        place(&mut head, 42, b"/");
        mac.put(&head);
    }
    mac.put(scope.region().as_bytes());
    mac.put(b"/");
    mac.put(scope.signing_name().as_bytes());
    let mut tail = [0; TAIL];
    place(&mut tail, 0, b"/");
    if let Some(terminator) = SCOPE_TERMINATOR.as_bytes().first_chunk::<12>() {
        place(&mut tail, 1, terminator);
    }
    place(&mut tail, 13, b"\n");
    if let Some((_, hash)) = tail.split_last_chunk_mut::<64>() {
        lowercase_hex_into(canonical_request_sha256, hash);
    }
    mac.put(&tail);
}

/// Copies `part` into `buf` at `at`: a copy of known length, which the
/// compiler writes out in place of a call to `memcpy`.
#[inline(always)]
fn place<const N: usize>(buf: &mut [u8], at: usize, part: &[u8; N]) {
    if let Some(slot) = buf
        .get_mut(at..)
        .and_then(|rest| rest.first_chunk_mut::<N>())
    {
        *slot = *part;
    }
}

#[cfg(test)]
#[allow(clippy::std_instead_of_alloc)]
mod tests {
    use super::*;

    /// Collects what is written.
    struct Text(std::vec::Vec<u8>);

    impl Sink for Text {
        fn put(&mut self, bytes: &[u8]) {
            self.0.extend_from_slice(bytes);
        }
    }

    /// The string to sign of AWS's SigV4 documentation example (GET
    /// iam ListUsers, 2015-08-30T12:36:00Z).
    #[test]
    fn writes_the_documented_string_to_sign() {
        let scope = Scope::new(
            crate::Timestamp::from_unix_secs(1_440_938_160),
            crate::SigningScope {
                region: "us-east-1",
                signing_name: "iam",
            },
        )
        .unwrap();
        let mut hash = [0u8; 32];
        hex::decode_to_slice(
            "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59",
            &mut hash,
        )
        .unwrap();
        let mut out = Text(std::vec::Vec::new());
        put_string_to_sign(&mut out, &scope, &hash);
        assert_eq!(
            out.0,
            b"AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\n\
f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59"
        );
    }
}
