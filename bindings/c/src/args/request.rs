//! The arguments only the general signers take (a request with its
//! pairs, a payload): a build with the token call alone has none of them.

use core::ffi::c_char;

use sigv4_bearer::{Payload, Request};

use super::{reference, text};
use crate::codes::{
    INPUT_NOT_UTF8, INVALID_PAYLOAD_HASH, INVALID_PAYLOAD_KIND, NULL_POINTER, TOO_MANY_PAIRS,
};
use crate::types::{
    sigv4_bearer_pair, sigv4_bearer_payload, sigv4_bearer_request, SIGV4_BEARER_MAX_PAIRS,
    SIGV4_BEARER_PAYLOAD_BYTES, SIGV4_BEARER_PAYLOAD_EMPTY, SIGV4_BEARER_PAYLOAD_SHA256_HEX,
    SIGV4_BEARER_PAYLOAD_UNSIGNED,
};

/// Room for a request's query parameters and headers as the library takes them.
type Pairs<'a> = [(&'a str, &'a str); SIGV4_BEARER_MAX_PAIRS];

/// The length of a payload hash in hex digits.
const HASH_HEX_LEN: usize = 64;

/// A payload hash: 64 hex digits and a NUL, so at most 65 bytes are read. A
/// longer or unterminated string is the wrong hash, found without reading
/// on to a NUL that may lie past the caller's buffer.
///
/// # Safety
/// `ptr` is NULL, or points to a string whose bytes up to its NUL, or its
/// first 65 bytes, are readable and stay unchanged for `'a`.
// Out of line: inlined, it changed LLVM's function outlining across the LTO
// module and cost the token-only C program 6 B (targets/run.sh's budget).
#[inline(never)]
unsafe fn hash_hex<'a>(ptr: *const c_char) -> Result<&'a str, i32> {
    if ptr.is_null() {
        return Err(NULL_POINTER);
    }
    let mut len = 0;
    // SAFETY: `ptr.add(len)` for `len <= 64` stays within the bytes the
    // caller promises readable: the loop stops at the first NUL.
    while len <= HASH_HEX_LEN && unsafe { *ptr.add(len) } != 0 {
        len += 1;
    }
    if len > HASH_HEX_LEN {
        return Err(INVALID_PAYLOAD_HASH);
    }
    // SAFETY: the `len` bytes before the NUL were just read.
    let bytes = unsafe { core::slice::from_raw_parts(ptr.cast::<u8>(), len) };
    core::str::from_utf8(bytes).map_err(|_| INPUT_NOT_UTF8)
}

/// Name/value pairs copied into `into` (no heap: at most
/// [`SIGV4_BEARER_MAX_PAIRS`]). NULL is accepted when `len` is 0.
///
/// # Safety
/// `ptr` is NULL or points to `len` valid pairs whose strings are
/// NUL-terminated and valid for `'a`.
unsafe fn pairs<'a, 's>(
    ptr: *const sigv4_bearer_pair,
    len: usize,
    into: &'s mut [(&'a str, &'a str); SIGV4_BEARER_MAX_PAIRS],
) -> Result<&'s [(&'a str, &'a str)], i32> {
    if len == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() {
        return Err(NULL_POINTER);
    }
    if len > SIGV4_BEARER_MAX_PAIRS {
        return Err(TOO_MANY_PAIRS);
    }
    // SAFETY: not NULL, and the caller promises `len` valid pairs.
    let given = unsafe { core::slice::from_raw_parts(ptr, len) };
    for (slot, pair) in into.iter_mut().zip(given) {
        // SAFETY: the caller promises NUL-terminated strings valid for 'a.
        *slot = unsafe { (text(pair.name)?, text(pair.value)?) };
    }
    Ok(into.get(..len).unwrap_or_default())
}

/// The request, its pairs copied into `query` and `headers`.
///
/// # Safety
/// `ptr` is NULL or points to a valid `sigv4_bearer_request` whose strings
/// are NUL-terminated and whose pair arrays hold their stated number of
/// pairs, all valid for `'a`.
pub(crate) unsafe fn request<'a, 's>(
    ptr: *const sigv4_bearer_request,
    query: &'s mut Pairs<'a>,
    headers: &'s mut Pairs<'a>,
) -> Result<Request<'s>, i32>
where
    'a: 's,
{
    // SAFETY: this function's contract covers the struct, its strings and pairs.
    unsafe {
        let req = reference(ptr)?;
        Ok(Request {
            method: text(req.method)?,
            host: text(req.host)?,
            path: text(req.path)?,
            query: pairs(req.query, req.query_len, query)?,
            headers: pairs(req.headers, req.headers_len, headers)?,
        })
    }
}

/// The body to sign, by its `kind`.
///
/// # Safety
/// `ptr` is NULL or points to a valid `sigv4_bearer_payload`: `bytes`
/// readable for `len` bytes (or NULL with `len` 0) for `BYTES`, `sha256_hex`
/// as [`hash_hex`] takes it for `SHA256_HEX`, all valid for `'a`.
pub(crate) unsafe fn payload<'a>(ptr: *const sigv4_bearer_payload) -> Result<Payload<'a>, i32> {
    // SAFETY: as this function's contract.
    let payload = unsafe { reference(ptr)? };
    match payload.kind {
        SIGV4_BEARER_PAYLOAD_EMPTY => Ok(Payload::Empty),
        SIGV4_BEARER_PAYLOAD_UNSIGNED => Ok(Payload::Unsigned),
        // SAFETY: the caller promises a NUL-terminated string for this kind;
        // at most its first 65 bytes are read.
        SIGV4_BEARER_PAYLOAD_SHA256_HEX => {
            unsafe { hash_hex(payload.sha256_hex) }.map(Payload::Sha256Hex)
        }
        SIGV4_BEARER_PAYLOAD_BYTES if payload.len == 0 => Ok(Payload::Bytes(&[])),
        SIGV4_BEARER_PAYLOAD_BYTES if payload.bytes.is_null() => Err(NULL_POINTER),
        SIGV4_BEARER_PAYLOAD_BYTES => {
            // SAFETY: not NULL, and the caller promises `len` readable bytes.
            let body =
                unsafe { core::slice::from_raw_parts(payload.bytes.cast::<u8>(), payload.len) };
            Ok(Payload::Bytes(body))
        }
        _ => Err(INVALID_PAYLOAD_KIND),
    }
}
