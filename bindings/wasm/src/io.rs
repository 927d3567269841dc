//! The two buffers the JS side shares with the module, inputs in and
//! results out, and what both modules do with them. This file holds the
//! crate's only `unsafe` code.

use core::cell::UnsafeCell;

/// Bytes each buffer holds: a 12-hour token with the longest STS session
/// token fits with room to spare.
pub const CAPACITY: usize = 16 * 1024;

/// A buffer in linear memory that the JS side reads and writes directly.
pub(crate) struct Shared(UnsafeCell<[u8; CAPACITY]>);

// SAFETY: a WASM instance runs one call at a time on one thread, and the JS
// side touches the buffers only between calls; on the host (tests) each use
// is inside one function on one thread (see `with`).
unsafe impl Sync for Shared {}

pub(crate) static INPUT: Shared = Shared(UnsafeCell::new([0; CAPACITY]));
pub(crate) static OUTPUT: Shared = Shared(UnsafeCell::new([0; CAPACITY]));

impl Shared {
    /// Runs `f` with the buffer.
    pub(crate) fn with<R>(&self, f: impl FnOnce(&mut [u8; CAPACITY]) -> R) -> R {
        // SAFETY: the pointer is valid and aligned for the whole program
        // (a static), and no other reference to the buffer lives while `f`
        // runs: the JS side does not run during a call, calls do not nest,
        // and no export keeps a reference past its return.
        f(unsafe { &mut *self.0.get() })
    }

    fn ptr(&self) -> *mut u8 {
        self.0.get().cast()
    }
}

/// Where the JS side writes a call's inputs.
#[no_mangle]
pub extern "C" fn input() -> *mut u8 {
    INPUT.ptr()
}

/// Where a call leaves its result.
#[no_mangle]
pub extern "C" fn output() -> *const u8 {
    OUTPUT.ptr()
}

/// The size of each buffer.
#[no_mangle]
pub extern "C" fn io_capacity() -> usize {
    CAPACITY
}

/// Wipes the first `len` bytes of the output buffer: the JS side calls it
/// once it has read a result.
#[no_mangle]
pub extern "C" fn wipe_output(len: usize) {
    OUTPUT.with(|out| wipe(out, len));
}

/// A call the JS glue made wrongly (its checks should stop all of them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BadCall {
    InputsTooLong,
    InputNotUtf8,
    #[cfg_attr(not(feature = "mint"), allow(dead_code))]
    UnknownService,
}

/// The `N` strings at the front of `input`, `lens` bytes each.
pub(crate) fn split<const N: usize>(input: &[u8], lens: [usize; N]) -> Result<[&str; N], BadCall> {
    let mut texts = [""; N];
    let mut at = 0usize;
    for (text, len) in texts.iter_mut().zip(lens) {
        let end = at.checked_add(len).ok_or(BadCall::InputsTooLong)?;
        let bytes = input.get(at..end).ok_or(BadCall::InputsTooLong)?;
        *text = core::str::from_utf8(bytes).map_err(|_| BadCall::InputNotUtf8)?;
        at = end;
    }
    Ok(texts)
}

/// Zeroes the first `len` bytes of `buf` (all of it if shorter).
pub(crate) fn wipe(buf: &mut [u8], len: usize) {
    let len = len.min(buf.len());
    if let Some(used) = buf.get_mut(..len) {
        // One `memory.fill`: the buffer is a static the JS side reads, so
        // the stores cannot be optimized away.
        used.fill(0);
    }
}
