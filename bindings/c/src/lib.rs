//! The C API of sigv4-bearer (`include/sigv4_bearer.h`): tokens, presigned
//! URLs and token inspection, with no heap on any path.
//!
//! Every pointer crosses the boundary in `args`, once, after a NULL check;
//! every result is a code from `codes`. No call panics.
// No std on any target: a C program links nothing of Rust's runtime (no
// unwinder, no panic machinery, no second copy of std's symbols).
#![cfg_attr(not(test), no_std)]
#![deny(unsafe_op_in_unsafe_fn, missing_docs)]

mod args;
mod codes;
#[cfg(feature = "every-call")]
mod headers;
#[cfg(feature = "layout-test")]
mod layout;
mod panic;
#[cfg(all(test, feature = "every-call"))]
mod signer_tests;
#[cfg(test)]
mod tests;
mod time;
mod types;

#[cfg(feature = "every-call")]
use core::ffi::c_void;
use core::ffi::{c_char, c_int};
use core::time::Duration;

#[cfg(feature = "every-call")]
use sigv4_bearer::{presign_url_into, SigningScope, TokenInfo};
use sigv4_bearer::{Credentials, Error, Service, Timestamp};

use codes::{BUFFER_TOO_SMALL, INVALID_SERVICE, OK};
#[cfg(feature = "every-call")]
pub use headers::sigv4_bearer_sign_headers;
pub use time::{sigv4_bearer_parse_time, sigv4_bearer_version};
pub use types::*;

/// The service a `SIGV4_BEARER_*` number names.
fn service(number: c_int) -> Result<Service<'static>, i32> {
    match number {
        SIGV4_BEARER_BEDROCK => Ok(Service::BEDROCK),
        SIGV4_BEARER_EXTERNAL_ANTHROPIC => Ok(Service::EXTERNAL_ANTHROPIC),
        _ => Err(INVALID_SERVICE),
    }
}

/// What a signing call returns: the output's length, or the library's error.
type Signed = Result<usize, Error>;

/// The arguments every signing call shares, read in one place. `sign`
/// writes into `out` less one byte kept for the NUL (or fails with a code
/// of its own). Reports the length without the NUL on success; the size
/// needed with the NUL when the buffer is too small (the library leaves it
/// untouched); 0 otherwise.
///
/// # Safety
/// As [`sigv4_bearer_token`] for these arguments.
#[allow(clippy::too_many_arguments)]
unsafe fn sign_into(
    credentials: *const sigv4_bearer_credentials,
    region: *const c_char,
    now: i64,
    expires_in_secs: u32,
    out: *mut c_char,
    out_len: usize,
    len: *mut usize,
    sign: impl FnOnce(&Credentials<'_>, &str, Timestamp, Duration, &mut [u8]) -> Result<Signed, i32>,
) -> c_int {
    // SAFETY: each pointer is passed on under this function's contract.
    let outcome = unsafe {
        (|| {
            let len = args::target(len)?;
            *len = 0;
            let creds = args::credentials(credentials)?;
            let region = args::text(region)?;
            let out = args::output(out, out_len)?;
            let room = out.len().saturating_sub(1);
            let now = Timestamp::from_unix_secs(now);
            let lifetime = Duration::from_secs(expires_in_secs.into());
            let signed = sign(
                &creds,
                region,
                now,
                lifetime,
                out.get_mut(..room).unwrap_or_default(),
            )?;
            Ok(report(signed, out, len))
        })()
    };
    outcome.unwrap_or_else(|code| code)
}

fn report(signed: Signed, out: &mut [u8], len: &mut usize) -> c_int {
    match signed {
        Ok(written) => {
            if let Some(nul) = out.get_mut(written) {
                *nul = 0;
            }
            *len = written;
            OK
        }
        Err(Error::BufferTooSmall { needed }) => {
            *len = needed.saturating_add(1);
            BUFFER_TOO_SMALL
        }
        Err(error) => codes::of_error(error),
    }
}

/// Mints a Bedrock or External Anthropic bearer token into `out`. See the header.
///
/// # Safety
/// Pointers are NULL or valid as the header documents: NUL-terminated
/// strings, `out` writable for `out_len` bytes, `len` writable.
#[no_mangle]
pub unsafe extern "C" fn sigv4_bearer_token(
    service_number: c_int,
    credentials: *const sigv4_bearer_credentials,
    region: *const c_char,
    now: i64,
    expires_in_secs: u32,
    out: *mut c_char,
    out_len: usize,
    len: *mut usize,
) -> c_int {
    let sign = |creds: &Credentials<'_>, region: &str, now, lifetime, room: &mut [u8]| {
        let service = service(service_number)?;
        Ok(service
            .presign_into(creds, region, now, lifetime, room)
            .map(str::len))
    };
    // SAFETY: the pointers are passed on under this function's contract.
    unsafe {
        sign_into(
            credentials,
            region,
            now,
            expires_in_secs,
            out,
            out_len,
            len,
            sign,
        )
    }
}

#[cfg(feature = "every-call")]
/// Presigns any SigV4 request into `out` (`https://host/path?...`). See the header.
///
/// # Safety
/// As [`sigv4_bearer_token`], and `request`'s pair arrays hold their
/// stated number of pairs.
#[no_mangle]
pub unsafe extern "C" fn sigv4_bearer_presign_url(
    request: *const sigv4_bearer_request,
    signing_name: *const c_char,
    credentials: *const sigv4_bearer_credentials,
    region: *const c_char,
    now: i64,
    expires_in_secs: u32,
    out: *mut c_char,
    out_len: usize,
    len: *mut usize,
) -> c_int {
    let mut query = [("", ""); SIGV4_BEARER_MAX_PAIRS];
    let mut headers = [("", ""); SIGV4_BEARER_MAX_PAIRS];
    // SAFETY: the request and signing name are read under this function's
    // contract; errors wait until the shared arguments are read.
    let (request, signing_name) = unsafe {
        (
            args::request(request, &mut query, &mut headers),
            args::text(signing_name),
        )
    };
    let sign = |creds: &Credentials<'_>, region: &str, now, lifetime, room: &mut [u8]| {
        let (request, signing_name) = (request?, signing_name?);
        let scope = SigningScope {
            region,
            signing_name,
        };
        Ok(presign_url_into(&request, scope, creds, now, lifetime, room).map(str::len))
    };
    // SAFETY: the pointers are passed on under this function's contract.
    unsafe {
        sign_into(
            credentials,
            region,
            now,
            expires_in_secs,
            out,
            out_len,
            len,
            sign,
        )
    }
}

#[cfg(feature = "every-call")]
/// Reads a token's service, region, key id and times into `info`,
/// decoding into `work`. Checks form, not signature. See the header.
///
/// # Safety
/// `token` is NUL-terminated; `work` is writable for `work_len` bytes;
/// `info` is writable.
#[no_mangle]
pub unsafe extern "C" fn sigv4_bearer_inspect(
    token: *const c_char,
    work: *mut c_void,
    work_len: usize,
    info: *mut sigv4_bearer_token_info,
) -> c_int {
    // SAFETY: the pointers are passed on under this function's contract.
    unsafe { read_token(token, work, work_len, info, sigv4_bearer::inspect_into) }
}

#[cfg(feature = "every-call")]
/// Checks a token's form, signature and time as `verify_into` does, and
/// reads it into `info` as `sigv4_bearer_inspect`. See the header.
///
/// # Safety
/// As [`sigv4_bearer_inspect`], and `secret_access_key` is NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn sigv4_bearer_verify(
    token: *const c_char,
    secret_access_key: *const c_char,
    now: i64,
    skew_secs: u32,
    work: *mut c_void,
    work_len: usize,
    info: *mut sigv4_bearer_token_info,
) -> c_int {
    // SAFETY: read under this function's contract.
    let secret = match unsafe { args::text(secret_access_key) } {
        Ok(secret) => secret,
        Err(code) => return code,
    };
    let verify = |token: &str, work: &mut [u8]| {
        let now = Timestamp::from_unix_secs(now);
        let skew = Duration::from_secs(skew_secs.into());
        sigv4_bearer::verify_into(token, secret, now, skew, work)
    };
    // SAFETY: the pointers are passed on under this function's contract.
    unsafe { read_token(token, work, work_len, info, verify) }
}

#[cfg(feature = "every-call")]
/// What inspect and verify share: the arguments read, `read` run on the
/// token with `work` as scratch (zeroed after), `info` filled on success.
///
/// # Safety
/// As [`sigv4_bearer_inspect`].
unsafe fn read_token(
    token: *const c_char,
    work: *mut c_void,
    work_len: usize,
    info: *mut sigv4_bearer_token_info,
    read: impl FnOnce(&str, &mut [u8]) -> Result<TokenInfo<'static>, Error>,
) -> c_int {
    // SAFETY: each pointer is passed on under this function's contract.
    let outcome = unsafe {
        (|| {
            let info = args::target(info)?;
            let token = args::text(token)?;
            let work = args::buffer(work.cast::<c_char>(), work_len)?;
            let read = read(token, work);
            // The decoded URL is no secret beyond the token, but the
            // caller's scratch buffer is left clean all the same.
            work.fill(0);
            let read = read.map_err(codes::of)?;
            let service = if read.service() == Service::BEDROCK {
                SIGV4_BEARER_BEDROCK
            } else {
                SIGV4_BEARER_EXTERNAL_ANTHROPIC
            };
            // Field by field, in place: no copy of the struct on the stack.
            info.service = service;
            info.has_session_token = read.has_session_token().into();
            info.signed_at = read.signed_at().as_unix_secs();
            info.expires_at = read.expires_at().as_unix_secs();
            put_c_text(&mut info.region, read.region());
            put_c_text(&mut info.access_key_id, read.access_key_id());
            Ok(OK)
        })()
    };
    outcome.unwrap_or_else(|code| code)
}

#[cfg(feature = "every-call")]
/// `text` NUL-terminated into `out`, the rest zeroed (the library's limits
/// make it fit; a longer text would be cut, never overrun).
fn put_c_text(out: &mut [c_char], text: &str) {
    let mut bytes = text.as_bytes().iter();
    let room = out.len().saturating_sub(1);
    for (at, slot) in out.iter_mut().enumerate() {
        *slot = match bytes.next() {
            Some(&byte) if at < room => byte as c_char,
            _ => 0,
        };
    }
}

/// A static, NUL-terminated message for any result code, unknown ones included.
#[no_mangle]
pub extern "C" fn sigv4_bearer_strerror(code: c_int) -> *const c_char {
    codes::message(code)
}
