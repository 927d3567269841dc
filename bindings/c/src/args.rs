//! Reading the C caller's arguments: every raw pointer the API takes is
//! turned into a Rust reference here, once, after a NULL check.

use core::ffi::{c_char, CStr};

use sigv4_bearer::{Credentials, Timestamp};

use crate::codes::{INPUT_NOT_UTF8, NULL_POINTER};
use crate::types::sigv4_bearer_credentials;

#[cfg(feature = "every-call")]
mod request;
#[cfg(feature = "every-call")]
pub(crate) use request::{payload, request};

/// A required NUL-terminated UTF-8 string.
///
/// # Safety
/// `ptr` is NULL or points to a NUL-terminated string that stays valid and
/// unchanged for `'a`.
pub(crate) unsafe fn text<'a>(ptr: *const c_char) -> Result<&'a str, i32> {
    if ptr.is_null() {
        return Err(NULL_POINTER);
    }
    // SAFETY: `ptr` is not NULL, and the caller promises a NUL-terminated
    // string valid for 'a (this function's contract).
    let text = unsafe { CStr::from_ptr(ptr) };
    text.to_str().map_err(|_| INPUT_NOT_UTF8)
}

/// An optional string: NULL is `None`.
///
/// # Safety
/// As [`text`].
pub(crate) unsafe fn optional_text<'a>(ptr: *const c_char) -> Result<Option<&'a str>, i32> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: not NULL; the caller's promise is passed on.
    unsafe { text(ptr) }.map(Some)
}

/// A required struct behind a pointer.
///
/// # Safety
/// `ptr` is NULL or points to a valid, initialized `T` for `'a`.
pub(crate) unsafe fn reference<'a, T>(ptr: *const T) -> Result<&'a T, i32> {
    // SAFETY: `as_ref` checks for NULL; the caller promises the rest.
    unsafe { ptr.as_ref() }.ok_or(NULL_POINTER)
}

/// The credentials, with `expiration == 0` meaning unknown.
///
/// # Safety
/// `ptr` is NULL or points to a valid `sigv4_bearer_credentials` whose
/// strings are each NULL (the session token only) or NUL-terminated.
pub(crate) unsafe fn credentials<'a>(
    ptr: *const sigv4_bearer_credentials,
) -> Result<Credentials<'a>, i32> {
    // SAFETY: this function's contract covers the struct and its strings.
    let (access_key_id, secret, session_token, expiration) = unsafe {
        let creds = reference(ptr)?;
        (
            text(creds.access_key_id)?,
            text(creds.secret_access_key)?,
            optional_text(creds.session_token)?,
            creds.expiration,
        )
    };
    let mut credentials = Credentials::new(access_key_id, secret);
    if let Some(token) = session_token {
        credentials = credentials.with_session_token(token);
    }
    if expiration != 0 {
        credentials = credentials.with_expiration(Timestamp::from_unix_secs(expiration));
    }
    Ok(credentials)
}

/// The caller's output buffer for text, where `out == NULL` with
/// `out_len == 0` asks for the size needed (an empty buffer).
///
/// # Safety
/// As [`buffer`].
pub(crate) unsafe fn output<'a>(ptr: *mut c_char, len: usize) -> Result<&'a mut [u8], i32> {
    if ptr.is_null() && len == 0 {
        return Ok(&mut []);
    }
    // SAFETY: the caller's promise is passed on.
    unsafe { buffer(ptr, len) }
}

/// The caller's output buffer.
///
/// # Safety
/// `ptr` is NULL or points to `len` writable bytes, not aliased, for `'a`.
pub(crate) unsafe fn buffer<'a>(ptr: *mut c_char, len: usize) -> Result<&'a mut [u8], i32> {
    if ptr.is_null() {
        return Err(NULL_POINTER);
    }
    // SAFETY: not NULL; the caller promises `len` writable, unaliased bytes.
    Ok(unsafe { core::slice::from_raw_parts_mut(ptr.cast::<u8>(), len) })
}

/// A required out-parameter (`*len`, `*info`).
///
/// # Safety
/// `ptr` is NULL or points to a writable, unaliased `T` for `'a`.
pub(crate) unsafe fn target<'a, T>(ptr: *mut T) -> Result<&'a mut T, i32> {
    // SAFETY: `as_mut` checks for NULL; the caller promises the rest.
    unsafe { ptr.as_mut() }.ok_or(NULL_POINTER)
}
