//! The SigV4 signing key: an HMAC-SHA256 chain over the credential scope,
//! run in one MAC state rekeyed in place. Every key and state is zeroized
//! on drop.

use sha2::{Digest, Sha256};

use crate::inputs::Inputs;
use crate::mac::{MacState, BLOCK};
use crate::protocol::{SCOPE_TERMINATOR, SECRET_PREFIX};
use crate::scope::Scope;
use crate::secret::Secret;
use crate::sink::Sink;

/// The key that signs every request of one day, region and service: its
/// 32 bytes, not the MAC state it keys (about 150 B), so a signer holding
/// it while it hashes the canonical request holds little stack. Keying a
/// MAC with it costs two SHA-256 blocks per signature.
pub(crate) struct SigningKey(Secret<32>);

impl SigningKey {
    /// The key for `inputs`' day, region and service.
    pub(crate) fn for_inputs<R>(inputs: &Inputs<'_, R>) -> Self {
        Self::derive(inputs.credentials.secret_access_key(), &inputs.scope)
    }

    /// `kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, day), region), service), "aws4_request")`,
    /// derived in one MAC state, in a frame of its own that is gone before
    /// the caller goes on to hash anything.
    #[inline(never)]
    pub(crate) fn derive(secret: &str, scope: &Scope<'_>) -> Self {
        let mut key = Secret::zeroed();
        let mut mac = secret_mac(secret);
        mac.put(scope.date().day_bytes());
        mac.finish_into(&mut key);
        // Written out, not looped over an array: 24 B less in this frame,
        // which lies under the whole derivation.
        let mut step = |part: &str| {
            mac.rekey(&key);
            mac.put(part.as_bytes());
            mac.finish_into(&mut key);
        };
        step(scope.region());
        step(scope.signing_name());
        step(SCOPE_TERMINATOR);
        SigningKey(key)
    }

    /// A MAC keyed with this key: write the string to sign into it.
    pub(crate) fn mac(&self) -> MacState {
        MacState::with_key(&self.0[..])
    }
}

/// The HMAC keyed with `"AWS4" + secret`, built without allocating for a
/// secret of any length: a key longer than a block is replaced by its
/// SHA-256, exactly as HMAC itself does. Out of line: its buffers leave
/// the stack before the chain runs.
#[inline(never)]
fn secret_mac(secret: &str) -> MacState {
    let secret = secret.as_bytes();
    let mut key = Secret::<BLOCK>::zeroed();
    let short = key.split_first_chunk_mut::<4>().and_then(|(prefix, rest)| {
        let slot = rest.get_mut(..secret.len())?;
        *prefix = *SECRET_PREFIX.first_chunk()?;
        slot.copy_from_slice(secret);
        Some(SECRET_PREFIX.len() + secret.len())
    });
    let used = short.unwrap_or_else(|| {
        hash_long_key(secret, &mut key);
        32
    });
    MacState::with_key(key.get(..used).unwrap_or_default())
}

/// A key longer than a block, `"AWS4" + secret`, replaced by its SHA-256
/// (zero-padded), as HMAC does. Out of line: its hash state is on the
/// stack only for the few secrets this long, never under the MAC's.
#[inline(never)]
fn hash_long_key(secret: &[u8], key: &mut [u8; BLOCK]) {
    let mut digest = Secret::<32>::zeroed();
    let mut hash = Sha256::new();
    hash.update(SECRET_PREFIX);
    hash.update(secret);
    hash.finalize_into((&mut *digest).into());
    for (slot, &b) in key.iter_mut().zip(digest.iter()) {
        *slot = b;
    }
}

#[cfg(test)]
#[allow(clippy::std_instead_of_alloc)]
mod tests {
    use hmac::{Hmac, KeyInit, Mac};

    use super::*;

    type HmacSha256 = Hmac<Sha256>;

    /// `message`'s MAC under `mac`'s key.
    fn mac_of(mut mac: MacState, message: &[u8]) -> [u8; 32] {
        mac.put(message);
        let mut out = [0u8; 32];
        mac.finish_into(&mut out);
        out
    }

    /// AWS's SigV4 documentation example ("Examples of how to derive a signing
    /// key"): secret wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, 20120215,
    /// us-east-1, iam.
    #[test]
    fn derives_the_documented_signing_key() {
        // 2012-02-15T00:00:00Z
        let scope = Scope::new(
            crate::Timestamp::from_unix_secs(1_329_264_000),
            crate::SigningScope {
                region: "us-east-1",
                signing_name: "iam",
            },
        );
        let key = SigningKey::derive("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", &scope.unwrap());
        let mut documented = [0u8; 32];
        hex::decode_to_slice(
            "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d",
            &mut documented,
        )
        .unwrap();
        // The key is kept only as a keyed MAC: it must MAC as the documented key does.
        let message = b"a string to sign";
        let want = HmacSha256::new_from_slice(&documented)
            .unwrap()
            .chain_update(message)
            .finalize();
        assert_eq!(&mac_of(key.mac(), message)[..], want.as_bytes().as_slice());
    }

    /// A secret long enough that `AWS4` + secret takes HMAC's hashed-key path
    /// must give what an HMAC fed the whole long key gives.
    #[test]
    fn long_secrets_match_the_plain_hmac() {
        for len in [0, 28, 40, 59, 60, 61, 100, 300] {
            let secret: std::string::String = (0..len)
                .map(|i| char::from(b'a' + (i % 26) as u8))
                .collect();
            let mut long_key = std::vec::Vec::from(&b"AWS4"[..]);
            long_key.extend_from_slice(secret.as_bytes());
            let plain = HmacSha256::new_from_slice(&long_key)
                .unwrap()
                .chain_update(b"20250102");
            let ours = mac_of(secret_mac(&secret), b"20250102");
            assert_eq!(
                plain.finalize().as_bytes().as_slice(),
                &ours[..],
                "len {len}"
            );
        }
    }

    /// The HMAC and SHA-256 states wipe themselves when dropped (the `zeroize`
    /// features of hmac and sha2); HMAC's state is two SHA-256 cores and a block buffer.
    #[test]
    fn hash_states_zeroize_on_drop() {
        fn wipes_on_drop<T: zeroize::ZeroizeOnDrop>() {}
        wipes_on_drop::<Sha256>();
        wipes_on_drop::<<Sha256 as hmac::digest::block_api::CoreProxy>::Core>();
        wipes_on_drop::<hmac::digest::CtOutput<HmacSha256>>();
    }
}
