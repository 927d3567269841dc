//! Secret bytes held by value (a key, a MAC) that wipe themselves on drop
//! in one bulk fill: zeroize's slice path, where its array path writes one
//! byte at a time (about six instructions a byte on a Cortex-M4).

use core::ops::{Deref, DerefMut};
use zeroize::{Zeroize, ZeroizeOnDrop};

/// `N` secret bytes, zeroed when dropped.
pub(crate) struct Secret<const N: usize>(pub(crate) [u8; N]);

impl<const N: usize> Secret<N> {
    /// `N` zero bytes, to be written.
    pub(crate) fn zeroed() -> Self {
        Secret([0; N])
    }
}

impl<const N: usize> Deref for Secret<N> {
    type Target = [u8; N];

    fn deref(&self) -> &[u8; N] {
        &self.0
    }
}

impl<const N: usize> DerefMut for Secret<N> {
    fn deref_mut(&mut self) -> &mut [u8; N] {
        &mut self.0
    }
}

impl<const N: usize> Secret<N> {
    /// Zeroes the bytes where they lie: what dropping does.
    fn wipe(&mut self) {
        self.0.as_mut_slice().zeroize();
    }
}

impl<const N: usize> Drop for Secret<N> {
    fn drop(&mut self) {
        self.wipe();
    }
}

impl<const N: usize> ZeroizeOnDrop for Secret<N> {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Wiping (what `Drop` runs) zeroes every byte in place.
    #[test]
    fn wipes_every_byte() {
        let mut secret = Secret([0xa5u8; 48]);
        secret[47] = 1;
        secret.wipe();
        assert_eq!(*secret, [0u8; 48]);
    }
}
