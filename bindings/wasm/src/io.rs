//! The two buffers the JS side shares with the module: inputs in, results
//! out. This file holds the crate's only `unsafe` code.

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
