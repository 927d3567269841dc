//! The structs and constants the header declares, laid out as C lays them out.
#![allow(non_camel_case_types)]

use core::ffi::{c_char, c_int, c_void};

/// `SIGV4_BEARER_BEDROCK`: Amazon Bedrock tokens.
pub const SIGV4_BEARER_BEDROCK: i32 = 1;
/// `SIGV4_BEARER_EXTERNAL_ANTHROPIC`: AWS External Anthropic tokens.
pub const SIGV4_BEARER_EXTERNAL_ANTHROPIC: i32 = 2;
/// The most query parameters, and the most headers, one request may have.
pub const SIGV4_BEARER_MAX_PAIRS: usize = 16;
/// Room for a region and its NUL in [`sigv4_bearer_token_info`].
pub const REGION_CAPACITY: usize = 65;
/// Room for an access key id and its NUL in [`sigv4_bearer_token_info`].
pub const ACCESS_KEY_ID_CAPACITY: usize = 129;

/// `SIGV4_BEARER_PAYLOAD_EMPTY`: no body.
pub const SIGV4_BEARER_PAYLOAD_EMPTY: i32 = 0;
/// `SIGV4_BEARER_PAYLOAD_BYTES`: `bytes[0..len)`, hashed by the call.
pub const SIGV4_BEARER_PAYLOAD_BYTES: i32 = 1;
/// `SIGV4_BEARER_PAYLOAD_SHA256_HEX`: the body's SHA-256 as 64 lowercase hex digits.
pub const SIGV4_BEARER_PAYLOAD_SHA256_HEX: i32 = 2;
/// `SIGV4_BEARER_PAYLOAD_UNSIGNED`: `UNSIGNED-PAYLOAD`.
pub const SIGV4_BEARER_PAYLOAD_UNSIGNED: i32 = 3;
/// The most headers `sigv4_bearer_sign_headers` writes.
pub const SIGNED_HEADERS_CAPACITY: usize = 4;

/// AWS credentials: NUL-terminated UTF-8 strings, borrowed for the call.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct sigv4_bearer_credentials {
    /// The access key id.
    pub access_key_id: *const c_char,
    /// The secret access key.
    pub secret_access_key: *const c_char,
    /// The session token of temporary credentials, or NULL.
    pub session_token: *const c_char,
    /// Unix seconds when the credentials expire; 0 = unknown.
    pub expiration: i64,
}

/// A query parameter or header.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct sigv4_bearer_pair {
    /// The name.
    pub name: *const c_char,
    /// The value.
    pub value: *const c_char,
}

/// The HTTP request a presigned URL is for.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct sigv4_bearer_request {
    /// E.g. `GET`.
    pub method: *const c_char,
    /// E.g. `db.example.com:5432`.
    pub host: *const c_char,
    /// Starts with `/`, already percent-encoded.
    pub path: *const c_char,
    /// Operation parameters, in URL order (unencoded); NULL if `query_len` is 0.
    pub query: *const sigv4_bearer_pair,
    /// How many.
    pub query_len: usize,
    /// Headers to sign besides `host`; NULL if `headers_len` is 0.
    pub headers: *const sigv4_bearer_pair,
    /// How many.
    pub headers_len: usize,
}

/// The body of a request signed by `sigv4_bearer_sign_headers`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct sigv4_bearer_payload {
    /// `SIGV4_BEARER_PAYLOAD_*`.
    pub kind: c_int,
    /// The body, for `SIGV4_BEARER_PAYLOAD_BYTES` (NULL allowed when `len` is 0).
    pub bytes: *const c_void,
    /// The body's length in bytes.
    pub len: usize,
    /// For `SIGV4_BEARER_PAYLOAD_SHA256_HEX`: 64 lowercase hex digits.
    pub sha256_hex: *const c_char,
}

/// The headers `sigv4_bearer_sign_headers` wrote: names static, values in `out`.
#[repr(C)]
pub struct sigv4_bearer_signed_headers {
    /// The first `len` are set, in the order to add them.
    pub headers: [sigv4_bearer_pair; SIGNED_HEADERS_CAPACITY],
    /// How many.
    pub len: usize,
}

/// What a token says about itself.
#[repr(C)]
pub struct sigv4_bearer_token_info {
    /// `SIGV4_BEARER_BEDROCK` or `SIGV4_BEARER_EXTERNAL_ANTHROPIC`.
    pub service: i32,
    /// 1 if the token carries a session token (never its value), else 0.
    pub has_session_token: i32,
    /// Unix seconds of `X-Amz-Date`.
    pub signed_at: i64,
    /// Unix seconds when the token stops working.
    pub expires_at: i64,
    /// The region, NUL-terminated.
    pub region: [c_char; REGION_CAPACITY],
    /// The access key id, NUL-terminated.
    pub access_key_id: [c_char; ACCESS_KEY_ID_CAPACITY],
}
