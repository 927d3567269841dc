//! HMAC-SHA256 as the signer runs it: hmac's block-level HMAC over sha2's
//! block-level SHA-256, with one block buffer, in one state that a top
//! frame owns and lends down by `&mut`. It is keyed and finished in place,
//! so a key derivation never holds more than one state, and never moves or
//! copies a whole state between frames.
//!
//! Both parts wipe themselves on drop (the `zeroize` features of sha2 and
//! block-buffer): the two SHA-256 states of HMAC and the block buffer.

use hmac::block_api::HmacCore;
use hmac::digest::block_api::{Buffer, FixedOutputCore, UpdateCore};
use hmac::digest::{CtOutput, KeyInit};
use sha2::Sha256;

use crate::sink::Sink;

type Core = HmacCore<Sha256>;

/// SHA-256's block size: HMAC zero-pads shorter keys to it.
pub(crate) const BLOCK: usize = 64;

/// One HMAC-SHA256 computation, rekeyed in place for the next.
#[derive(Clone)]
pub(crate) struct MacState {
    core: Core,
    buffer: Buffer<Core>,
}

impl MacState {
    /// A MAC keyed with `key`, at most a block long: HMAC zero-pads it.
    /// Inlined: its state is built where the caller keeps it, with no
    /// frame of its own above `new_core`'s.
    #[inline(always)]
    pub(crate) fn with_key(key: &[u8]) -> Self {
        MacState {
            core: new_core(key),
            buffer: Buffer::<Core>::default(),
        }
    }

    /// Keys this state afresh with a derived key, dropping (and so wiping)
    /// what it held.
    #[inline(never)]
    pub(crate) fn rekey(&mut self, key: &[u8; 32]) {
        self.core = new_core(key);
        self.buffer.reset();
    }

    /// Finishes the MAC into `out`. The state must be rekeyed (or
    /// dropped) before it is used again.
    #[inline(never)]
    pub(crate) fn finish_into(&mut self, out: &mut [u8; 32]) {
        self.core.finalize_fixed_core(&mut self.buffer, out.into());
    }
}

/// hmac's state keyed with `key`: hmac pads it to a block itself, so the
/// caller's bytes are copied once, not first into a block of our own.
///
/// This, `rekey` and `finish_into` are out of line: the temporaries hmac
/// builds in each (a key block, two SHA-256 states, the inner hash) then
/// take turns on the stack instead of adding up in a key derivation's
/// frame.
#[inline(never)]
fn new_core(key: &[u8]) -> Core {
    // HMAC takes a key of any length: this cannot fail.
    Core::new_from_slice(key).unwrap_or_else(|_| Core::new(&Default::default()))
}

/// Whether two MACs are equal, compared in constant time.
pub(crate) fn tags_match(ours: &[u8; 32], expected: &[u8; 32]) -> bool {
    CtOutput::<Core>::new((*ours).into()) == CtOutput::new((*expected).into())
}

impl Sink for MacState {
    fn put(&mut self, bytes: &[u8]) {
        let MacState { core, buffer } = self;
        buffer.digest_blocks(bytes, |blocks| core.update_blocks(blocks));
    }
}

#[cfg(test)]
#[allow(clippy::std_instead_of_alloc)]
mod tests {
    use hmac::{Hmac, Mac};

    use super::*;

    /// The block-level state MACs as hmac's own `Hmac<Sha256>` does, across
    /// block boundaries and after a rekey.
    #[test]
    fn macs_as_hmac_does() {
        let key = [7u8; 32];
        for len in [0, 1, 55, 56, 63, 64, 65, 200] {
            let message: std::vec::Vec<u8> = (0..len).map(|i| i as u8).collect();
            let want = Hmac::<Sha256>::new_from_slice(&key)
                .unwrap()
                .chain_update(&message)
                .finalize();
            let mut state = MacState::with_key(&[1u8; BLOCK]);
            state.put(b"something else");
            state.rekey(&key);
            state.put(&message[..len / 2]);
            state.put(&message[len / 2..]);
            let mut ours = [0u8; 32];
            state.finish_into(&mut ours);
            assert_eq!(&ours[..], want.as_bytes().as_slice(), "len {len}");
            let mut again = [0u8; 32];
            state.rekey(&key);
            state.put(&message);
            state.finish_into(&mut again);
            assert!(tags_match(&again, &ours));
            again[31] ^= 1;
            assert!(!tags_match(&again, &ours));
        }
    }

    /// What the state is made of wipes itself when dropped.
    #[test]
    fn parts_zeroize_on_drop() {
        fn wipes_on_drop<T: zeroize::ZeroizeOnDrop>() {}
        wipes_on_drop::<<Sha256 as hmac::digest::block_api::CoreProxy>::Core>();
        wipes_on_drop::<Buffer<Core>>();
    }
}
