//! The one error type of the crate.

use core::fmt;

/// Why a token, a presigned URL or signed headers could not be made.
///
/// Every bad input has its own variant, so a caller can tell exactly which
/// field to fix. The enum is `#[non_exhaustive]`: later versions may add
/// variants for new inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Error {
    /// The lifetime, in whole seconds, is zero or above the maximum
    /// (12 hours for tokens, 7 days for [`presign_url_into`](crate::presign_url_into)).
    InvalidLifetime {
        /// The largest lifetime accepted, in seconds.
        max_secs: u32,
    },
    /// The credentials' expiration is at or before the signing time.
    CredentialsExpired,
    /// The signing time is outside 1970-01-01T00:00:00Z ..= 9999-12-31T23:59:59Z.
    TimeOutOfRange,
    /// The region is empty, longer than 64 bytes, or holds a character other
    /// than `a-z`, `0-9`, `-`.
    InvalidRegion,
    /// The access key id is empty, longer than 128 bytes (AWS's limit), or
    /// holds a character other than ASCII letters, digits and `_`.
    InvalidAccessKeyId,
    /// The secret access key is empty.
    EmptySecretAccessKey,
    /// A session token was given but is empty.
    EmptySessionToken,
    /// The signing name is empty or holds a character other than ASCII
    /// letters, digits, `-`, `_`, `.`.
    InvalidSigningName,
    /// The token prefix is empty or holds a character that is not visible ASCII.
    InvalidPrefix,
    /// The method is empty or holds a character other than `A-Z`.
    InvalidMethod,
    /// The host is empty, holds whitespace, a control or non-ASCII character,
    /// `/`, `?`, `#` or `@`, or has a malformed port or IPv6 literal.
    InvalidHost,
    /// The path does not start with `/`, or holds a character other than
    /// unreserved ones, `/` and `%XX` escapes.
    InvalidPath,
    /// A query parameter has an empty name.
    EmptyQueryKey,
    /// A query parameter's name starts with `X-Amz-` (in any case); those are
    /// the signer's own.
    ReservedQueryKey,
    /// Two query parameters have the same name.
    DuplicateQueryKey,
    /// A header name is empty or is not an HTTP token.
    InvalidHeaderName,
    /// A header is `host` (always signed from the request's host), one the
    /// AWS SDKs never sign (`user-agent`, `expect`, ...), or, for header
    /// signing, one the signer writes (`authorization`, `date`, `x-amz-date`,
    /// `x-amz-security-token`, `x-amz-content-sha256`).
    ReservedHeader,
    /// Two headers have the same name, compared without case.
    DuplicateHeader,
    /// A header value holds a character that is neither visible ASCII, space nor tab.
    InvalidHeaderValue,
    /// A [`Payload::Sha256Hex`](crate::Payload::Sha256Hex) is not 64 lowercase hex digits.
    InvalidPayloadHash,
    /// For header signing, the session token holds a character that is not
    /// visible ASCII: it could not be sent as the header value it is signed as.
    InvalidSessionToken,
    /// A token's prefix is not the service's (or, for [`inspect`](crate::inspect_into),
    /// not Bedrock's or External Anthropic's).
    UnknownPrefix,
    /// A token's body is not standard, padded base64.
    InvalidBase64,
    /// A token's decoded body is not UTF-8.
    NotUtf8,
    /// Not `host/?query` (a token) or `https://host/path?query` (a URL).
    MalformedUrl,
    /// A token is presigned for another host than its prefix's service.
    HostMismatch,
    /// A required query parameter is missing.
    MissingParameter {
        /// The parameter's name.
        name: &'static str,
    },
    /// A query parameter appears twice.
    DuplicateParameter {
        /// The parameter's name.
        name: &'static str,
    },
    /// A token holds a query parameter no generator writes.
    UnexpectedParameter,
    /// A parameter's value is not in the one form the signers write: a
    /// wrong algorithm or action, a malformed credential or signature, or
    /// percent-encoding other than uppercase `%XX` for exactly the
    /// non-unreserved bytes.
    InvalidParameter {
        /// The parameter's name.
        name: &'static str,
    },
    /// `X-Amz-Date` is not a real `YYYYMMDDTHHMMSSZ` time.
    MalformedDate,
    /// `X-Amz-Expires` is not a whole number of seconds within the bounds
    /// (1 ..= 43200 for tokens, 1 ..= 604800 for URLs).
    ExpiresOutOfRange,
    /// The credential scope's day is not `X-Amz-Date`'s day.
    ScopeDateMismatch,
    /// The credential scope's service is not the host's service.
    ScopeServiceMismatch,
    /// A token signs headers other than exactly `host`.
    SignedHeadersNotHost,
    /// A token does not end with `&Version=1`.
    MissingVersion,
    /// The signature is not the one the secret key makes.
    SignatureMismatch,
    /// The token's lifetime is over.
    TokenExpired,
    /// The token was signed later than the verifier's clock allows.
    NotYetValid,
    /// The output buffer is too small; `needed` bytes would fit the result exactly.
    BufferTooSmall {
        /// The exact length of the result, in bytes.
        needed: usize,
    },
}

impl Error {
    /// The variant's name, e.g. `"InvalidRegion"`: a stable code for
    /// bindings in other languages and for logs.
    pub const fn name(&self) -> &'static str {
        match self {
            Error::InvalidLifetime { .. } => "InvalidLifetime",
            Error::CredentialsExpired => "CredentialsExpired",
            Error::TimeOutOfRange => "TimeOutOfRange",
            Error::InvalidRegion => "InvalidRegion",
            Error::InvalidAccessKeyId => "InvalidAccessKeyId",
            Error::EmptySecretAccessKey => "EmptySecretAccessKey",
            Error::EmptySessionToken => "EmptySessionToken",
            Error::InvalidSigningName => "InvalidSigningName",
            Error::InvalidPrefix => "InvalidPrefix",
            Error::InvalidMethod => "InvalidMethod",
            Error::InvalidHost => "InvalidHost",
            Error::InvalidPath => "InvalidPath",
            Error::EmptyQueryKey => "EmptyQueryKey",
            Error::ReservedQueryKey => "ReservedQueryKey",
            Error::DuplicateQueryKey => "DuplicateQueryKey",
            Error::InvalidHeaderName => "InvalidHeaderName",
            Error::ReservedHeader => "ReservedHeader",
            Error::DuplicateHeader => "DuplicateHeader",
            Error::InvalidHeaderValue => "InvalidHeaderValue",
            Error::InvalidPayloadHash => "InvalidPayloadHash",
            Error::InvalidSessionToken => "InvalidSessionToken",
            Error::UnknownPrefix => "UnknownPrefix",
            Error::InvalidBase64 => "InvalidBase64",
            Error::NotUtf8 => "NotUtf8",
            Error::MalformedUrl => "MalformedUrl",
            Error::HostMismatch => "HostMismatch",
            Error::MissingParameter { .. } => "MissingParameter",
            Error::DuplicateParameter { .. } => "DuplicateParameter",
            Error::UnexpectedParameter => "UnexpectedParameter",
            Error::InvalidParameter { .. } => "InvalidParameter",
            Error::MalformedDate => "MalformedDate",
            Error::ExpiresOutOfRange => "ExpiresOutOfRange",
            Error::ScopeDateMismatch => "ScopeDateMismatch",
            Error::ScopeServiceMismatch => "ScopeServiceMismatch",
            Error::SignedHeadersNotHost => "SignedHeadersNotHost",
            Error::MissingVersion => "MissingVersion",
            Error::SignatureMismatch => "SignatureMismatch",
            Error::TokenExpired => "TokenExpired",
            Error::NotYetValid => "NotYetValid",
            Error::BufferTooSmall { .. } => "BufferTooSmall",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match *self {
            Error::InvalidLifetime { max_secs } => {
                return write!(f, "lifetime must be 1 ..= {max_secs} whole seconds");
            }
            Error::BufferTooSmall { needed } => {
                return write!(f, "output buffer too small: {needed} bytes needed");
            }
            Error::MissingParameter { name } => return write!(f, "token has no {name} parameter"),
            Error::DuplicateParameter { name } => return write!(f, "token has {name} twice"),
            Error::InvalidParameter { name } => return write!(f, "token's {name} is malformed"),
            Error::CredentialsExpired => "credentials expired at or before the signing time",
            Error::TimeOutOfRange => "signing time outside years 1970 ..= 9999",
            Error::InvalidRegion => "region must be 1 ..= 64 of a-z, 0-9 and '-'",
            Error::InvalidAccessKeyId => {
                "access key id must be 1 ..= 128 ASCII letters, digits and '_'"
            }
            Error::EmptySecretAccessKey => "secret access key is empty",
            Error::EmptySessionToken => "session token is empty",
            Error::InvalidSigningName => {
                "signing name must be non-empty: ASCII letters, digits, '-', '_', '.'"
            }
            Error::InvalidPrefix => "token prefix must be non-empty visible ASCII",
            Error::InvalidMethod => "method must be non-empty: A-Z",
            Error::InvalidHost => "host is empty or malformed",
            Error::InvalidPath => "path must start with '/': unreserved characters, '/', %XX",
            Error::EmptyQueryKey => "query parameter name is empty",
            Error::ReservedQueryKey => "query parameter name starts with X-Amz-",
            Error::DuplicateQueryKey => "query parameter name given twice",
            Error::InvalidHeaderName => "header name is not an HTTP token",
            Error::ReservedHeader => "header is host, never signed, or written by the signer",
            Error::DuplicateHeader => "header name given twice",
            Error::InvalidHeaderValue => "header value must be visible ASCII, space or tab",
            Error::InvalidPayloadHash => "payload hash must be 64 lowercase hex digits",
            Error::InvalidSessionToken => {
                "session token must be visible ASCII to be sent as a header"
            }
            Error::UnknownPrefix => "token prefix names no known service",
            Error::InvalidBase64 => "token body is not padded standard base64",
            Error::NotUtf8 => "token body is not UTF-8",
            Error::MalformedUrl => "presigned URL is malformed",
            Error::HostMismatch => "token host is not its service's host",
            Error::UnexpectedParameter => "token has a parameter no generator writes",
            Error::MalformedDate => "X-Amz-Date is not a valid YYYYMMDDTHHMMSSZ time",
            Error::ExpiresOutOfRange => "X-Amz-Expires is malformed or out of range",
            Error::ScopeDateMismatch => "credential scope day differs from X-Amz-Date",
            Error::ScopeServiceMismatch => "credential scope service differs from the host's",
            Error::SignedHeadersNotHost => "token signs headers other than host",
            Error::MissingVersion => "token does not end with &Version=1",
            Error::SignatureMismatch => "signature does not match the secret key",
            Error::TokenExpired => "token has expired",
            Error::NotYetValid => "token is signed in the future",
        };
        f.write_str(text)
    }
}

impl core::error::Error for Error {}
