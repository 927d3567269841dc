//! Wiping the stack before exit: signing and parsing leave pieces of
//! secrets (an STS session token in hash blocks and read buffers) in stack
//! frames that have returned, out of reach of any `Zeroizing` value.

use zeroize::Zeroize as _;

/// How much of the stack below `main` is wiped: well beyond the deepest
/// call this tool makes (about 20 KiB, measured with gdb).
const DEPTH: usize = 128 * 1024;

/// Overwrites with zeros the stack that every call from `main` used.
/// Called from `main`, its frame lies right below `main`'s, where those
/// calls' frames were.
#[inline(never)]
pub fn stack() {
    let mut area = [0u8; DEPTH];
    // Volatile writes: not optimized away though the array is never read.
    area.zeroize();
    core::hint::black_box(&area);
}
