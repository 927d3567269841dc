//! `sigv4_bearer_sign_headers`: the library's `sign_headers_into`, with
//! each header value NUL-terminated inside the caller's buffer.

use core::ffi::{c_char, c_int, CStr};

use sigv4_bearer::{sign_headers_into, Credentials, Error, Payload, SigningScope, Timestamp};

use crate::args;
use crate::codes::{self, BUFFER_TOO_SMALL, OK, UNKNOWN};
use crate::types::*;

/// The signing names botocore signs `x-amz-content-sha256` for (S3SigV4Auth).
const S3_SIGNING_NAMES: [&str; 3] = ["s3", "s3-object-lambda", "s3-outposts"];

/// How many header values the call writes, so how many NULs it adds: the
/// size needed is known before signing, as for the other calls.
fn value_count(
    creds: &sigv4_bearer_credentials,
    payload: Payload<'_>,
    signing_name: &str,
) -> usize {
    let content_sha256 = payload == Payload::Unsigned || S3_SIGNING_NAMES.contains(&signing_name);
    2 + usize::from(!creds.session_token.is_null()) + usize::from(content_sha256)
}

/// The static C name of a header the library writes.
fn c_name(name: &str) -> Option<&'static CStr> {
    match name {
        "x-amz-date" => Some(c"x-amz-date"),
        "x-amz-security-token" => Some(c"x-amz-security-token"),
        "x-amz-content-sha256" => Some(c"x-amz-content-sha256"),
        "authorization" => Some(c"authorization"),
        _ => None,
    }
}

/// Signs a request's headers into `out`. See the header.
///
/// # Safety
/// As `sigv4_bearer_presign_url` for the shared arguments; `payload` is
/// NULL or valid as the header documents; `signed_headers` is writable.
#[no_mangle]
pub unsafe extern "C" fn sigv4_bearer_sign_headers(
    request: *const sigv4_bearer_request,
    payload: *const sigv4_bearer_payload,
    signing_name: *const c_char,
    credentials: *const sigv4_bearer_credentials,
    region: *const c_char,
    now: i64,
    out: *mut c_char,
    out_len: usize,
    len: *mut usize,
    signed_headers: *mut sigv4_bearer_signed_headers,
) -> c_int {
    let mut query = [("", ""); SIGV4_BEARER_MAX_PAIRS];
    let mut headers = [("", ""); SIGV4_BEARER_MAX_PAIRS];
    // SAFETY: each pointer is read under this function's contract.
    let outcome = unsafe {
        (|| {
            let len = args::target(len)?;
            *len = 0;
            let signed = args::target(signed_headers)?;
            signed.len = 0;
            let c_creds = args::reference(credentials)?;
            let creds = args::credentials(credentials)?;
            let request = args::request(request, &mut query, &mut headers)?;
            let payload = args::payload(payload)?;
            let signing_name = args::text(signing_name)?;
            let region = args::text(region)?;
            let out = args::output(out, out_len)?;
            let nuls = value_count(c_creds, payload, signing_name);
            let now = Timestamp::from_unix_secs(now);
            sign(
                &request,
                payload,
                signing_name,
                &creds,
                region,
                now,
                out,
                nuls,
                len,
                signed,
            )
        })()
    };
    outcome.unwrap_or_else(|code| code)
}

/// Signs into `out` less `nuls` bytes, then spreads the values apart so
/// each ends with a NUL, and points `signed` at them.
#[allow(clippy::too_many_arguments)]
fn sign(
    request: &sigv4_bearer::Request<'_>,
    payload: Payload<'_>,
    signing_name: &str,
    creds: &Credentials<'_>,
    region: &str,
    now: Timestamp,
    out: &mut [u8],
    nuls: usize,
    len: &mut usize,
    signed: &mut sigv4_bearer_signed_headers,
) -> Result<c_int, i32> {
    let room = out.len().saturating_sub(nuls);
    let text = out.get_mut(..room).unwrap_or_default();
    // Names and value lengths, in order; the values lie end to end in `out`.
    let mut parts = [("", 0usize); SIGNED_HEADERS_CAPACITY];
    let scope = SigningScope {
        region,
        signing_name,
    };
    let count = match sign_headers_into(request, payload, scope, creds, now, text) {
        Ok(written) => {
            let mut count = 0;
            for (slot, (name, value)) in parts.iter_mut().zip(written.headers()) {
                *slot = (name, value.len());
                count += 1;
            }
            count
        }
        Err(Error::BufferTooSmall { needed }) => {
            *len = needed.saturating_add(nuls);
            return Ok(BUFFER_TOO_SMALL);
        }
        Err(error) => return Err(codes::of(error)),
    };
    if count != nuls {
        // The library wrote other headers than value_count foresaw.
        return Err(UNKNOWN);
    }
    // From the last value back, so nothing is overwritten before it moves.
    let mut end = parts.iter().map(|(_, n)| n).sum::<usize>();
    let mut shifted_end = end + count;
    for &(_, value_len) in parts.iter().take(count).rev() {
        let start = end - value_len;
        let to = shifted_end - 1 - value_len;
        out.copy_within(start..end, to);
        if let Some(nul) = out.get_mut(shifted_end - 1) {
            *nul = 0;
        }
        end = start;
        shifted_end = to;
    }
    let mut at = 0;
    for (slot, &(name, value_len)) in signed.headers.iter_mut().zip(parts.iter().take(count)) {
        let value = out.get(at..).unwrap_or_default();
        *slot = sigv4_bearer_pair {
            name: c_name(name).ok_or(UNKNOWN)?.as_ptr(),
            value: value.as_ptr().cast(),
        };
        at += value_len + 1;
    }
    signed.len = count;
    *len = at;
    Ok(OK)
}
