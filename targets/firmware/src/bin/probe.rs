//! Measured from outside: QEMU traces every instruction with its registers
//! (`targets/measure.py`), and this program marks where each measured call
//! starts and ends by calling `probe_mark`. Nothing here reads memory it
//! does not own: the deepest stack pointer is seen in the trace.
//!
//! Steps, in order: presign_into with a 1 KB session token, verify_into
//! and inspect_into of that token, presign_into without a session token,
//! then SHA-256 compressions alone (the floor), 64 blocks in one call.
#![no_std]
#![no_main]

use core::hint::black_box;
use core::time::Duration;

use semihosting::println;
use sigv4_bearer::{bedrock, inspect_into, verify_into, Credentials, Timestamp};
use sigv4_bearer_target_firmware::{entry, exit};

/// The 1 KB session token of benches/: STS's alphabet, the first 53
/// characters of this repeated (some bytes need percent-encoding).
const ALPHABET: &[u8] = b"IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+=";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const FLOOR_BLOCKS: usize = 64;

/// Where the trace reader cuts the run: the step number is in the first
/// argument register when this is entered.
#[no_mangle]
#[inline(never)]
pub extern "C" fn probe_mark(step: u32) {
    black_box(step);
}

#[entry]
fn main() -> ! {
    let session = {
        let mut text = [0u8; 1024];
        for (at, byte) in text.iter_mut().enumerate() {
            *byte = ALPHABET.get(at % 53).copied().unwrap_or(b'A');
        }
        text
    };
    let session = core::str::from_utf8(&session).unwrap_or_default();
    let base = Credentials::new(black_box("AKIDEXAMPLE"), black_box(SECRET));
    let now = Timestamp::from_unix_secs(black_box(1_735_787_045));
    let lifetime = Duration::from_secs(black_box(3600));
    let mut token_buf = [0u8; 8192];
    let mut decode_buf = [0u8; 8192];

    probe_mark(1);
    let creds = base.with_session_token(black_box(session));
    let token = bedrock::presign_into(&creds, "us-west-2", now, lifetime, &mut token_buf);
    probe_mark(2);
    let token = token.unwrap_or_default();
    let verified = verify_into(token, SECRET, now, Duration::ZERO, &mut decode_buf);
    probe_mark(3);
    let inspected = inspect_into(token, &mut decode_buf);
    probe_mark(4);
    let mut short_buf = [0u8; 1024];
    let short = bedrock::presign_into(&base, "us-west-2", now, lifetime, &mut short_buf);
    probe_mark(5);
    let mut state = black_box([0x6a09_e667u32; 8]);
    let blocks = black_box([[0x5au8; 64]; FLOOR_BLOCKS]);
    sha2::block_api::compress256(&mut state, &blocks);
    probe_mark(6);
    black_box(state);

    let ok = token.len() > 2000 && verified.is_ok() && inspected.is_ok() && short.is_ok();
    println!(
        "probe: token of {} bytes, verified and inspected: {ok}",
        token.len()
    );
    exit(if ok { 0 } else { 1 })
}
