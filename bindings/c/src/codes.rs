//! The C result codes: one per failure, stable numbers, a static message
//! each. The header `include/sigv4_bearer.h` declares the same table; a
//! test reads the header and checks it against this one.

use core::ffi::{c_char, CStr};

use sigv4_bearer::Error;

/// One result code: its name in the header, its number, its message.
pub(crate) struct Code {
    #[cfg_attr(not(test), allow(dead_code))] // read by the header test
    pub(crate) name: &'static str,
    pub(crate) value: i32,
    pub(crate) message: &'static CStr,
}

const fn code(name: &'static str, value: i32, message: &'static CStr) -> Code {
    Code {
        name,
        value,
        message,
    }
}

pub(crate) const OK: i32 = 0;
pub(crate) const NULL_POINTER: i32 = -1;
pub(crate) const INPUT_NOT_UTF8: i32 = -2;
pub(crate) const INVALID_SERVICE: i32 = -3;
pub(crate) const TOO_MANY_PAIRS: i32 = -4;
pub(crate) const UNKNOWN: i32 = -5;
pub(crate) const BUFFER_TOO_SMALL: i32 = -6;

/// Every code, the binding's own first, then one per library `Error` variant.
pub(crate) const CODES: [Code; 44] = [
    code("SIGV4_BEARER_OK", OK, c"success"),
    code(
        "SIGV4_BEARER_ERR_NULL_POINTER",
        NULL_POINTER,
        c"a required pointer argument is NULL",
    ),
    code(
        "SIGV4_BEARER_ERR_INPUT_NOT_UTF8",
        INPUT_NOT_UTF8,
        c"a string argument is not valid UTF-8",
    ),
    code(
        "SIGV4_BEARER_ERR_INVALID_SERVICE",
        INVALID_SERVICE,
        c"service is not SIGV4_BEARER_BEDROCK or SIGV4_BEARER_EXTERNAL_ANTHROPIC",
    ),
    code(
        "SIGV4_BEARER_ERR_TOO_MANY_PAIRS",
        TOO_MANY_PAIRS,
        c"more query parameters or headers than SIGV4_BEARER_MAX_PAIRS",
    ),
    code(
        "SIGV4_BEARER_ERR_UNKNOWN",
        UNKNOWN,
        c"an error this version of the C API does not name",
    ),
    code(
        "SIGV4_BEARER_ERR_BUFFER_TOO_SMALL",
        BUFFER_TOO_SMALL,
        c"output buffer too small: *len is the size needed",
    ),
    code(
        "SIGV4_BEARER_ERR_INVALID_LIFETIME",
        -10,
        c"lifetime must be 1 second ..= 12 hours (7 days for URLs)",
    ),
    code(
        "SIGV4_BEARER_ERR_CREDENTIALS_EXPIRED",
        -11,
        c"credentials expired at or before the signing time",
    ),
    code(
        "SIGV4_BEARER_ERR_TIME_OUT_OF_RANGE",
        -12,
        c"signing time outside years 1970 ..= 9999",
    ),
    code(
        "SIGV4_BEARER_ERR_INVALID_REGION",
        -13,
        c"region must be 1 ..= 64 of a-z, 0-9 and '-'",
    ),
    code(
        "SIGV4_BEARER_ERR_INVALID_ACCESS_KEY_ID",
        -14,
        c"access key id must be 1 ..= 128 ASCII letters, digits and '_'",
    ),
    code(
        "SIGV4_BEARER_ERR_EMPTY_SECRET_ACCESS_KEY",
        -15,
        c"secret access key is empty",
    ),
    code(
        "SIGV4_BEARER_ERR_EMPTY_SESSION_TOKEN",
        -16,
        c"session token is empty (pass NULL for none)",
    ),
    code(
        "SIGV4_BEARER_ERR_INVALID_SIGNING_NAME",
        -17,
        c"signing name must be non-empty: ASCII letters, digits, '-', '_', '.'",
    ),
    code(
        "SIGV4_BEARER_ERR_INVALID_PREFIX",
        -18,
        c"token prefix must be non-empty visible ASCII",
    ),
    code(
        "SIGV4_BEARER_ERR_INVALID_METHOD",
        -19,
        c"method must be non-empty: A-Z",
    ),
    code(
        "SIGV4_BEARER_ERR_INVALID_HOST",
        -20,
        c"host is empty or malformed",
    ),
    code(
        "SIGV4_BEARER_ERR_INVALID_PATH",
        -21,
        c"path must start with '/': unreserved characters, '/', %XX",
    ),
    code(
        "SIGV4_BEARER_ERR_EMPTY_QUERY_KEY",
        -22,
        c"query parameter name is empty",
    ),
    code(
        "SIGV4_BEARER_ERR_RESERVED_QUERY_KEY",
        -23,
        c"query parameter name starts with X-Amz-",
    ),
    code(
        "SIGV4_BEARER_ERR_DUPLICATE_QUERY_KEY",
        -24,
        c"query parameter name given twice",
    ),
    code(
        "SIGV4_BEARER_ERR_INVALID_HEADER_NAME",
        -25,
        c"header name is not an HTTP token",
    ),
    code(
        "SIGV4_BEARER_ERR_RESERVED_HEADER",
        -26,
        c"header is host or never signed",
    ),
    code(
        "SIGV4_BEARER_ERR_DUPLICATE_HEADER",
        -27,
        c"header name given twice",
    ),
    code(
        "SIGV4_BEARER_ERR_INVALID_HEADER_VALUE",
        -28,
        c"header value must be visible ASCII, space or tab",
    ),
    code(
        "SIGV4_BEARER_ERR_UNKNOWN_PREFIX",
        -29,
        c"token prefix names no known service",
    ),
    code(
        "SIGV4_BEARER_ERR_INVALID_BASE64",
        -30,
        c"token body is not padded standard base64",
    ),
    code(
        "SIGV4_BEARER_ERR_TOKEN_NOT_UTF8",
        -31,
        c"token body is not UTF-8",
    ),
    code(
        "SIGV4_BEARER_ERR_MALFORMED_URL",
        -32,
        c"presigned URL is malformed",
    ),
    code(
        "SIGV4_BEARER_ERR_HOST_MISMATCH",
        -33,
        c"token host is not its service's host",
    ),
    code(
        "SIGV4_BEARER_ERR_MISSING_PARAMETER",
        -34,
        c"token lacks a required parameter",
    ),
    code(
        "SIGV4_BEARER_ERR_DUPLICATE_PARAMETER",
        -35,
        c"token has a parameter twice",
    ),
    code(
        "SIGV4_BEARER_ERR_UNEXPECTED_PARAMETER",
        -36,
        c"token has a parameter no generator writes",
    ),
    code(
        "SIGV4_BEARER_ERR_INVALID_PARAMETER",
        -37,
        c"a token parameter is malformed",
    ),
    code(
        "SIGV4_BEARER_ERR_MALFORMED_DATE",
        -38,
        c"X-Amz-Date is not a valid YYYYMMDDTHHMMSSZ time",
    ),
    code(
        "SIGV4_BEARER_ERR_EXPIRES_OUT_OF_RANGE",
        -39,
        c"X-Amz-Expires is malformed or out of range",
    ),
    code(
        "SIGV4_BEARER_ERR_SCOPE_DATE_MISMATCH",
        -40,
        c"credential scope day differs from X-Amz-Date",
    ),
    code(
        "SIGV4_BEARER_ERR_SCOPE_SERVICE_MISMATCH",
        -41,
        c"credential scope service differs from the host's",
    ),
    code(
        "SIGV4_BEARER_ERR_SIGNED_HEADERS_NOT_HOST",
        -42,
        c"token signs headers other than host",
    ),
    code(
        "SIGV4_BEARER_ERR_MISSING_VERSION",
        -43,
        c"token does not end with &Version=1",
    ),
    code(
        "SIGV4_BEARER_ERR_SIGNATURE_MISMATCH",
        -44,
        c"signature does not match the secret key",
    ),
    code("SIGV4_BEARER_ERR_TOKEN_EXPIRED", -45, c"token has expired"),
    code(
        "SIGV4_BEARER_ERR_NOT_YET_VALID",
        -46,
        c"token is signed in the future",
    ),
];

/// The code of a library error.
pub(crate) fn of(error: Error) -> i32 {
    match error {
        Error::BufferTooSmall { .. } => BUFFER_TOO_SMALL,
        Error::InvalidLifetime { .. } => -10,
        Error::CredentialsExpired => -11,
        Error::TimeOutOfRange => -12,
        Error::InvalidRegion => -13,
        Error::InvalidAccessKeyId => -14,
        Error::EmptySecretAccessKey => -15,
        Error::EmptySessionToken => -16,
        Error::InvalidSigningName => -17,
        Error::InvalidPrefix => -18,
        Error::InvalidMethod => -19,
        Error::InvalidHost => -20,
        Error::InvalidPath => -21,
        Error::EmptyQueryKey => -22,
        Error::ReservedQueryKey => -23,
        Error::DuplicateQueryKey => -24,
        Error::InvalidHeaderName => -25,
        Error::ReservedHeader => -26,
        Error::DuplicateHeader => -27,
        Error::InvalidHeaderValue => -28,
        Error::UnknownPrefix => -29,
        Error::InvalidBase64 => -30,
        Error::NotUtf8 => -31,
        Error::MalformedUrl => -32,
        Error::HostMismatch => -33,
        Error::MissingParameter { .. } => -34,
        Error::DuplicateParameter { .. } => -35,
        Error::UnexpectedParameter => -36,
        Error::InvalidParameter { .. } => -37,
        Error::MalformedDate => -38,
        Error::ExpiresOutOfRange => -39,
        Error::ScopeDateMismatch => -40,
        Error::ScopeServiceMismatch => -41,
        Error::SignedHeadersNotHost => -42,
        Error::MissingVersion => -43,
        Error::SignatureMismatch => -44,
        Error::TokenExpired => -45,
        Error::NotYetValid => -46,
        // `Error` is non_exhaustive: a variant added later.
        _ => UNKNOWN,
    }
}

/// The message of `value`, or of [`UNKNOWN`] for a number that is no code.
pub(crate) fn message(value: i32) -> *const c_char {
    let found = CODES.iter().find(|code| code.value == value);
    let unknown = c"unknown sigv4_bearer result code";
    found.map_or(unknown, |code| code.message).as_ptr()
}
