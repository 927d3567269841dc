//! The vector run as a WASM module. It imports nothing: `run` fills the
//! tallies and a failure log in linear memory, and the loader (`run.mjs`)
//! reads them through the exported pointers. No `unsafe`: the statics are
//! atomics, and handing out a pointer is safe.
#![no_std]

use core::sync::atomic::{AtomicU32, AtomicU8, AtomicUsize, Ordering::Relaxed};

use sigv4_bearer_target_vectors::{run_all, CHECKS};

const ZERO: AtomicU32 = AtomicU32::new(0);
static RUN: [AtomicU32; CHECKS.len()] = [ZERO; CHECKS.len()];
static PASSED: [AtomicU32; CHECKS.len()] = [ZERO; CHECKS.len()];

/// Failure lines, `vector: check\n`, cut at the end of the log.
const LOG_ZERO: AtomicU8 = AtomicU8::new(0);
static LOG: [AtomicU8; 4096] = [LOG_ZERO; 4096];
static LOG_LEN: AtomicUsize = AtomicUsize::new(0);

fn log(text: &str) {
    for &byte in text.as_bytes() {
        let at = LOG_LEN.load(Relaxed);
        if let Some(slot) = LOG.get(at) {
            slot.store(byte, Relaxed);
            LOG_LEN.store(at + 1, Relaxed);
        }
    }
}

/// Runs every check; returns how many vector checks failed.
#[no_mangle]
pub extern "C" fn run() -> u32 {
    LOG_LEN.store(0, Relaxed);
    let tallies = run_all(&mut |check, vector| {
        log(vector);
        log(": ");
        log(check);
        log("\n");
    });
    let mut failed = 0;
    for (at, tally) in tallies.iter().enumerate() {
        if let (Some(run), Some(passed)) = (RUN.get(at), PASSED.get(at)) {
            run.store(tally.run, Relaxed);
            passed.store(tally.passed, Relaxed);
        }
        failed += tally.run - tally.passed;
    }
    failed
}

/// How many checks there are.
#[no_mangle]
pub extern "C" fn checks() -> usize {
    CHECKS.len()
}

/// Vectors check `at` ran in the last `run`.
#[no_mangle]
pub extern "C" fn check_run(at: usize) -> u32 {
    RUN.get(at).map_or(0, |n| n.load(Relaxed))
}

/// Vectors check `at` passed in the last `run`.
#[no_mangle]
pub extern "C" fn check_passed(at: usize) -> u32 {
    PASSED.get(at).map_or(0, |n| n.load(Relaxed))
}

/// Check `at`'s name, as UTF-8 at this address ...
#[no_mangle]
pub extern "C" fn check_name_ptr(at: usize) -> *const u8 {
    CHECKS
        .get(at)
        .map_or(core::ptr::null(), |name| name.as_ptr())
}

/// ... of this many bytes.
#[no_mangle]
pub extern "C" fn check_name_len(at: usize) -> usize {
    CHECKS.get(at).map_or(0, |name| name.len())
}

/// The failure log's address ...
#[no_mangle]
pub extern "C" fn log_ptr() -> *const u8 {
    LOG.as_ptr().cast()
}

/// ... and length.
#[no_mangle]
pub extern "C" fn log_len() -> usize {
    LOG_LEN.load(Relaxed)
}

#[panic_handler]
fn trap(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}
