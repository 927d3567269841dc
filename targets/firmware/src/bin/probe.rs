//! Measured from outside: QEMU traces every instruction with its registers
//! (`targets/measure.py`), and this program marks where each measured call
//! starts and ends by calling `probe_mark`. Nothing here reads memory it
//! does not own: the deepest stack pointer is seen in the trace.
//!
//! Each measured call goes through a function pointer passed through
//! `black_box`, as a C, `dyn` or separately compiled caller calls it: the
//! optimizer cannot inline it into `main`, whose frame is set up before the
//! first mark, so the whole of the call's stack lies below the mark.
//! `measure.py` checks it: each step must enter its function by name, with
//! the stack pointer still at the caller's.
//!
//! Steps, in order (`measure.py`'s `STEPS`), all with a 1 KB session token
//! unless named otherwise: `bedrock::presign_into`, `verify_into` and
//! `inspect_into` of that token, `bedrock::presign_into` without a session
//! token, `external_anthropic::presign_into`, `presign_url_into` (an RDS IAM
//! request), `sign_headers_into` (a JSON body), `Minter::token` (its first
//! token), then SHA-256 compressions alone (the floor), 64 blocks in one call.
#![no_std]
#![no_main]

use core::hint::black_box;
use core::time::Duration;

use semihosting::println;
use sigv4_bearer::{
    bedrock, external_anthropic, inspect_into, presign_url_into, sign_headers_into, verify_into,
    AuthHeaders, Credentials, Error, Minter, Payload, Request, Service, SigningScope, Timestamp,
    TokenInfo,
};
use sigv4_bearer_target_firmware::{entry, exit};

/// The 1 KB session token of benches/: STS's alphabet, the first 53
/// characters of this repeated (some bytes need percent-encoding).
const ALPHABET: &[u8] = b"IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+=";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const FLOOR_BLOCKS: usize = 64;
/// A Bedrock InvokeModel body, as `sign_headers_into` signs it.
const BODY: &[u8] = br#"{"anthropic_version":"bedrock-2023-05-31","max_tokens":64,"messages":[{"role":"user","content":"Hello"}]}"#;

type PresignInto = for<'c, 'r, 'b> fn(
    &Credentials<'c>,
    &'r str,
    Timestamp,
    Duration,
    &'b mut [u8],
) -> Result<&'b str, Error>;
type InspectInto = for<'t, 'b> fn(&'t str, &'b mut [u8]) -> Result<TokenInfo<'static>, Error>;
type VerifyInto = for<'t, 's, 'b> fn(
    &'t str,
    &'s str,
    Timestamp,
    Duration,
    &'b mut [u8],
) -> Result<TokenInfo<'static>, Error>;
type PresignUrlInto = for<'q, 's, 'c, 'b> fn(
    &Request<'q>,
    SigningScope<'s>,
    &Credentials<'c>,
    Timestamp,
    Duration,
    &'b mut [u8],
) -> Result<&'b str, Error>;
type SignHeadersInto = for<'q, 'p, 's, 'c, 'b> fn(
    &Request<'q>,
    Payload<'p>,
    SigningScope<'s>,
    &Credentials<'c>,
    Timestamp,
    &'b mut [u8],
) -> Result<AuthHeaders<'b>, Error>;

type MinterToken<'a> =
    for<'m> fn(&'m mut Minter<'a, [u8; 4096]>, Timestamp) -> Result<&'m str, Error>;

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
    let creds = base.with_session_token(black_box(session));
    let now = Timestamp::from_unix_secs(black_box(1_735_787_045));
    let lifetime = Duration::from_secs(black_box(3600));
    let region = black_box("us-west-2");

    // The calls, each behind a pointer the optimizer cannot see through.
    let bedrock_presign: PresignInto = black_box(bedrock::presign_into);
    let anthropic_presign: PresignInto = black_box(external_anthropic::presign_into);
    let verify: VerifyInto = black_box(verify_into);
    let inspect: InspectInto = black_box(inspect_into);
    let presign_url: PresignUrlInto = black_box(presign_url_into);
    let sign_headers: SignHeadersInto = black_box(sign_headers_into);

    let mut token_buf = [0u8; 4096];
    let mut decode_buf = [0u8; 4096];
    let mut short_buf = [0u8; 1024];
    let mut other_buf = [0u8; 4096];
    let mut url_buf = [0u8; 4096];
    let mut headers_buf = [0u8; 4096];
    let mut minter = Minter::with_storage(creds, Service::BEDROCK, region, lifetime, [0u8; 4096]);
    let mint: MinterToken<'_> = black_box(Minter::token);
    let rds = Request {
        host: black_box("db.example.us-west-2.rds.amazonaws.com:5432"),
        query: &[("Action", "connect"), ("DBUser", "app")],
        ..Default::default()
    };
    let invoke = Request {
        method: "POST",
        host: black_box("bedrock-runtime.us-west-2.amazonaws.com"),
        path: "/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke",
        headers: &[("content-type", "application/json")],
        ..Default::default()
    };
    let body = Payload::Bytes(black_box(BODY));
    let mut state = black_box([0x6a09_e667u32; 8]);
    let blocks = black_box([[0x5au8; 64]; FLOOR_BLOCKS]);

    probe_mark(1);
    let token = bedrock_presign(&creds, region, now, lifetime, &mut token_buf);
    probe_mark(2);
    let token = token.unwrap_or_default();
    let verified = verify(token, SECRET, now, Duration::ZERO, &mut decode_buf);
    probe_mark(3);
    let inspected = inspect(token, &mut decode_buf);
    probe_mark(4);
    let short = bedrock_presign(&base, region, now, lifetime, &mut short_buf);
    probe_mark(5);
    let other = anthropic_presign(&creds, region, now, lifetime, &mut other_buf);
    probe_mark(6);
    let url = presign_url(
        &rds,
        SigningScope {
            region,
            signing_name: "rds-db",
        },
        &creds,
        now,
        Duration::from_secs(900),
        &mut url_buf,
    );
    probe_mark(7);
    let headers = sign_headers(
        &invoke,
        body,
        SigningScope {
            region,
            signing_name: "bedrock",
        },
        &creds,
        now,
        &mut headers_buf,
    );
    probe_mark(8);
    let minted = mint(&mut minter, now).map(str::len);
    probe_mark(9);
    sha2::block_api::compress256(&mut state, &blocks);
    probe_mark(10);
    black_box(state);

    let ok = token.len() > 2000
        && verified.is_ok()
        && inspected.is_ok()
        && short.is_ok()
        && other.is_ok()
        && url.is_ok()
        && headers.is_ok()
        && minted == Ok(token.len());
    println!(
        "probe: token of {} bytes, verified and inspected; every call succeeded: {ok}",
        token.len()
    );
    exit(if ok { 0 } else { 1 })
}
