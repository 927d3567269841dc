//! The C result codes: one per failure, stable numbers, a static message
//! each. The header `include/sigv4_bearer.h` declares the same table; a
//! test reads the header and checks it against this one.

use core::ffi::{c_char, CStr};
use core::mem::discriminant;

use sigv4_bearer::Error;

/// One result code: its name in the header, its number, its message, and
/// for a library error an instance of the `Error` variant it stands for.
pub(crate) struct Code {
    #[cfg_attr(not(test), allow(dead_code))] // read by the header test
    pub(crate) name: &'static str,
    pub(crate) value: i32,
    pub(crate) message: &'static CStr,
    error: Option<Error>,
}

const fn code(
    name: &'static str,
    value: i32,
    message: &'static CStr,
    error: Option<Error>,
) -> Code {
    Code {
        name,
        value,
        message,
        error,
    }
}

pub(crate) const OK: i32 = 0;
pub(crate) const NULL_POINTER: i32 = -1;
pub(crate) const INPUT_NOT_UTF8: i32 = -2;
pub(crate) const INVALID_SERVICE: i32 = -3;
pub(crate) const TOO_MANY_PAIRS: i32 = -4;
pub(crate) const UNKNOWN: i32 = -5;
pub(crate) const BUFFER_TOO_SMALL: i32 = -6;
pub(crate) const INVALID_PAYLOAD_KIND: i32 = -7;
pub(crate) const INVALID_TIME: i32 = -8;

/// Every code, the binding's own first, then one per library `Error` variant.
pub(crate) const CODES: [Code; 48] = [
    code("SIGV4_BEARER_OK", OK, c"success", None),
    code(
        "SIGV4_BEARER_ERR_NULL_POINTER",
        NULL_POINTER,
        c"a required pointer argument is NULL",
        None,
    ),
    code(
        "SIGV4_BEARER_ERR_INPUT_NOT_UTF8",
        INPUT_NOT_UTF8,
        c"a string argument is not valid UTF-8",
        None,
    ),
    code(
        "SIGV4_BEARER_ERR_INVALID_SERVICE",
        INVALID_SERVICE,
        c"service is not SIGV4_BEARER_BEDROCK or SIGV4_BEARER_EXTERNAL_ANTHROPIC",
        None,
    ),
    code(
        "SIGV4_BEARER_ERR_TOO_MANY_PAIRS",
        TOO_MANY_PAIRS,
        c"more query parameters or headers than SIGV4_BEARER_MAX_PAIRS",
        None,
    ),
    code(
        "SIGV4_BEARER_ERR_UNKNOWN",
        UNKNOWN,
        c"an error this version of the C API does not name",
        None,
    ),
    code(
        "SIGV4_BEARER_ERR_BUFFER_TOO_SMALL",
        BUFFER_TOO_SMALL,
        c"output buffer too small: *len is the size needed",
        Some(Error::BufferTooSmall { needed: 0 }),
    ),
    code(
        "SIGV4_BEARER_ERR_INVALID_PAYLOAD_KIND",
        INVALID_PAYLOAD_KIND,
        c"payload kind is not a SIGV4_BEARER_PAYLOAD_* value",
        None,
    ),
    code(
        "SIGV4_BEARER_ERR_INVALID_TIME",
        INVALID_TIME,
        c"time is not an ISO 8601 UTC time YYYY-MM-DDTHH:MM:SS[.fff](Z|+00:00) in 1970 ..= 9999",
        None,
    ),
    code(
        "SIGV4_BEARER_ERR_INVALID_LIFETIME",
        -10,
        c"lifetime must be 1 second ..= 12 hours (7 days for URLs)",
        Some(Error::InvalidLifetime { max_secs: 0 }),
    ),
    code(
        "SIGV4_BEARER_ERR_CREDENTIALS_EXPIRED",
        -11,
        c"credentials expired at or before the signing time",
        Some(Error::CredentialsExpired),
    ),
    code(
        "SIGV4_BEARER_ERR_TIME_OUT_OF_RANGE",
        -12,
        c"signing time outside years 1970 ..= 9999",
        Some(Error::TimeOutOfRange),
    ),
    code(
        "SIGV4_BEARER_ERR_INVALID_REGION",
        -13,
        c"region must be 1 ..= 64 of a-z, 0-9 and '-'",
        Some(Error::InvalidRegion),
    ),
    code(
        "SIGV4_BEARER_ERR_INVALID_ACCESS_KEY_ID",
        -14,
        c"access key id must be 1 ..= 128 ASCII letters, digits and '_'",
        Some(Error::InvalidAccessKeyId),
    ),
    code(
        "SIGV4_BEARER_ERR_EMPTY_SECRET_ACCESS_KEY",
        -15,
        c"secret access key is empty",
        Some(Error::EmptySecretAccessKey),
    ),
    code(
        "SIGV4_BEARER_ERR_EMPTY_SESSION_TOKEN",
        -16,
        c"session token is empty (pass NULL for none)",
        Some(Error::EmptySessionToken),
    ),
    code(
        "SIGV4_BEARER_ERR_INVALID_SIGNING_NAME",
        -17,
        c"signing name must be non-empty: ASCII letters, digits, '-', '_', '.'",
        Some(Error::InvalidSigningName),
    ),
    code(
        "SIGV4_BEARER_ERR_INVALID_PREFIX",
        -18,
        c"token prefix must be non-empty visible ASCII",
        Some(Error::InvalidPrefix),
    ),
    code(
        "SIGV4_BEARER_ERR_INVALID_METHOD",
        -19,
        c"method must be non-empty: A-Z",
        Some(Error::InvalidMethod),
    ),
    code(
        "SIGV4_BEARER_ERR_INVALID_HOST",
        -20,
        c"host is empty or malformed",
        Some(Error::InvalidHost),
    ),
    code(
        "SIGV4_BEARER_ERR_INVALID_PATH",
        -21,
        c"path must start with '/': unreserved characters, '/', %XX",
        Some(Error::InvalidPath),
    ),
    code(
        "SIGV4_BEARER_ERR_EMPTY_QUERY_KEY",
        -22,
        c"query parameter name is empty",
        Some(Error::EmptyQueryKey),
    ),
    code(
        "SIGV4_BEARER_ERR_RESERVED_QUERY_KEY",
        -23,
        c"query parameter name starts with X-Amz-",
        Some(Error::ReservedQueryKey),
    ),
    code(
        "SIGV4_BEARER_ERR_DUPLICATE_QUERY_KEY",
        -24,
        c"query parameter name given twice",
        Some(Error::DuplicateQueryKey),
    ),
    code(
        "SIGV4_BEARER_ERR_INVALID_HEADER_NAME",
        -25,
        c"header name is not an HTTP token",
        Some(Error::InvalidHeaderName),
    ),
    code(
        "SIGV4_BEARER_ERR_RESERVED_HEADER",
        -26,
        c"header is host, never signed, or written by the signer",
        Some(Error::ReservedHeader),
    ),
    code(
        "SIGV4_BEARER_ERR_DUPLICATE_HEADER",
        -27,
        c"header name given twice",
        Some(Error::DuplicateHeader),
    ),
    code(
        "SIGV4_BEARER_ERR_INVALID_HEADER_VALUE",
        -28,
        c"header value must be visible ASCII, space or tab",
        Some(Error::InvalidHeaderValue),
    ),
    code(
        "SIGV4_BEARER_ERR_UNKNOWN_PREFIX",
        -29,
        c"token prefix names no known service",
        Some(Error::UnknownPrefix),
    ),
    code(
        "SIGV4_BEARER_ERR_INVALID_BASE64",
        -30,
        c"token body is not padded standard base64",
        Some(Error::InvalidBase64),
    ),
    code(
        "SIGV4_BEARER_ERR_TOKEN_NOT_UTF8",
        -31,
        c"token body is not UTF-8",
        Some(Error::NotUtf8),
    ),
    code(
        "SIGV4_BEARER_ERR_MALFORMED_URL",
        -32,
        c"presigned URL is malformed",
        Some(Error::MalformedUrl),
    ),
    code(
        "SIGV4_BEARER_ERR_HOST_MISMATCH",
        -33,
        c"token host is not its service's host",
        Some(Error::HostMismatch),
    ),
    code(
        "SIGV4_BEARER_ERR_MISSING_PARAMETER",
        -34,
        c"token lacks a required parameter",
        Some(Error::MissingParameter { name: "" }),
    ),
    code(
        "SIGV4_BEARER_ERR_DUPLICATE_PARAMETER",
        -35,
        c"token has a parameter twice",
        Some(Error::DuplicateParameter { name: "" }),
    ),
    code(
        "SIGV4_BEARER_ERR_UNEXPECTED_PARAMETER",
        -36,
        c"token has a parameter no generator writes",
        Some(Error::UnexpectedParameter),
    ),
    code(
        "SIGV4_BEARER_ERR_INVALID_PARAMETER",
        -37,
        c"a token parameter is malformed",
        Some(Error::InvalidParameter { name: "" }),
    ),
    code(
        "SIGV4_BEARER_ERR_MALFORMED_DATE",
        -38,
        c"X-Amz-Date is not a valid YYYYMMDDTHHMMSSZ time",
        Some(Error::MalformedDate),
    ),
    code(
        "SIGV4_BEARER_ERR_EXPIRES_OUT_OF_RANGE",
        -39,
        c"X-Amz-Expires is malformed or out of range",
        Some(Error::ExpiresOutOfRange),
    ),
    code(
        "SIGV4_BEARER_ERR_SCOPE_DATE_MISMATCH",
        -40,
        c"credential scope day differs from X-Amz-Date",
        Some(Error::ScopeDateMismatch),
    ),
    code(
        "SIGV4_BEARER_ERR_SCOPE_SERVICE_MISMATCH",
        -41,
        c"credential scope service differs from the host's",
        Some(Error::ScopeServiceMismatch),
    ),
    code(
        "SIGV4_BEARER_ERR_SIGNED_HEADERS_NOT_HOST",
        -42,
        c"token signs headers other than host",
        Some(Error::SignedHeadersNotHost),
    ),
    code(
        "SIGV4_BEARER_ERR_MISSING_VERSION",
        -43,
        c"token does not end with &Version=1",
        Some(Error::MissingVersion),
    ),
    code(
        "SIGV4_BEARER_ERR_SIGNATURE_MISMATCH",
        -44,
        c"signature does not match the secret key",
        Some(Error::SignatureMismatch),
    ),
    code(
        "SIGV4_BEARER_ERR_TOKEN_EXPIRED",
        -45,
        c"token has expired",
        Some(Error::TokenExpired),
    ),
    code(
        "SIGV4_BEARER_ERR_NOT_YET_VALID",
        -46,
        c"token is signed in the future",
        Some(Error::NotYetValid),
    ),
    code(
        "SIGV4_BEARER_ERR_INVALID_PAYLOAD_HASH",
        -47,
        c"payload hash must be 64 lowercase hex digits",
        Some(Error::InvalidPayloadHash),
    ),
    code(
        "SIGV4_BEARER_ERR_INVALID_SESSION_TOKEN",
        -48,
        c"session token must be visible ASCII to be sent as a header",
        Some(Error::InvalidSessionToken),
    ),
];

/// The code of a library error: the row of its variant (fields aside).
pub(crate) fn of(error: Error) -> i32 {
    let variant = discriminant(&error);
    CODES
        .iter()
        .find(|code| code.error.as_ref().map(discriminant) == Some(variant))
        // `Error` is non_exhaustive: a variant added later.
        .map_or(UNKNOWN, |code| code.value)
}

/// The message of `value`, or of [`UNKNOWN`] for a number that is no code.
pub(crate) fn message(value: i32) -> *const c_char {
    let found = CODES.iter().find(|code| code.value == value);
    let unknown = c"unknown sigv4_bearer result code";
    found.map_or(unknown, |code| code.message).as_ptr()
}
