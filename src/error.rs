//! The one error type of the crate, written as one table: each variant's
//! stable code, name and message stand on one row, and `name()`, `code()`,
//! `message()`, `Display` and [`Error::ALL`] are made from it.

use core::fmt;

/// Writes the `Error` enum and its accessors from one row per variant:
/// `code Variant [{ field: Type = placeholder } => "Display with {field}",] "message";`.
///
/// Each accessor is a `match` of its own, so a caller of [`Error::code`]
/// links no names or messages (the C API's codes cost no text unless
/// `sigv4_bearer_strerror` is linked).
macro_rules! errors {
    ($(
        $(#[doc = $doc:literal])*
        $code:literal $variant:ident
        $({
            $(#[doc = $field_doc:literal])*
            $field:ident: $ty:ty = $placeholder:expr
        } => $detail:literal,)?
        $message:literal;
    )*) => {
        /// Why a token, a presigned URL or signed headers could not be made.
        ///
        /// Every bad input has its own variant, so a caller can tell exactly
        /// which field to fix. The enum is `#[non_exhaustive]`: later versions
        /// may add variants for new inputs.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Error {
            $(
                $(#[doc = $doc])*
                $variant $({
                    $(#[doc = $field_doc])*
                    $field: $ty,
                })?,
            )*
        }

        impl Error {
            /// Every variant once, in the order of their codes (fields hold
            /// placeholder values): for tests and bindings.
            pub const ALL: &'static [Error] = &[$(Error::$variant $({ $field: $placeholder })?),*];

            /// The variant's name, e.g. `"InvalidRegion"`: a stable code for
            /// bindings in other languages and for logs.
            pub const fn name(&self) -> &'static str {
                match self {
                    $(Error::$variant { .. } => stringify!($variant),)*
                }
            }

            /// The variant's number, stable across versions (the C API
            /// returns it negated): never reused, never renumbered.
            pub const fn code(&self) -> u16 {
                match self {
                    $(Error::$variant { .. } => $code,)*
                }
            }

            /// The variant's message without its field's value: what
            /// `Display` writes for a variant without a field.
            pub const fn message(&self) -> &'static str {
                match self {
                    $(Error::$variant { .. } => $message,)*
                }
            }
        }

        impl fmt::Display for Error {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match *self {
                    $($(Error::$variant { $field } => write!(f, $detail),)?)*
                    _ => f.write_str(self.message()),
                }
            }
        }
    };
}

errors! {
    /// The output buffer is too small; `needed` bytes would fit the result exactly.
    6 BufferTooSmall {
        /// The exact length of the result, in bytes.
        needed: usize = 0
    } => "output buffer too small: {needed} bytes needed",
    "output buffer too small";
    /// Text read as a [`Timestamp`](crate::Timestamp) (`str::parse`) is not
    /// ISO 8601 / RFC 3339 such as `2025-01-02T03:04:05Z` from 1970 on.
    8 InvalidTime "time is not ISO 8601 text such as 2025-01-02T03:04:05Z (years 1970 ..= 9999)";
    /// The lifetime, in whole seconds, is zero or above the maximum
    /// (12 hours for tokens, 7 days for [`presign_url_into`](crate::presign_url_into)).
    10 InvalidLifetime {
        /// The largest lifetime accepted, in seconds.
        max_secs: u32 = 0
    } => "lifetime must be 1 ..= {max_secs} whole seconds",
    "lifetime must be 1 second ..= 12 hours (7 days for URLs)";
    /// The credentials' expiration is at or before the signing time.
    11 CredentialsExpired "credentials expired at or before the signing time";
    /// The signing time is outside 1970-01-01T00:00:00Z ..= 9999-12-31T23:59:59Z.
    12 TimeOutOfRange "signing time outside years 1970 ..= 9999";
    /// The region is empty, longer than 64 bytes, or holds a character other
    /// than `a-z`, `0-9`, `-`.
    13 InvalidRegion "region must be 1 ..= 64 of a-z, 0-9 and '-'";
    /// The access key id is empty, longer than 128 bytes (AWS's limit), or
    /// holds a character other than ASCII letters, digits and `_`.
    14 InvalidAccessKeyId "access key id must be 1 ..= 128 ASCII letters, digits and '_'";
    /// The secret access key is empty.
    15 EmptySecretAccessKey "secret access key is empty";
    /// A session token was given but is empty.
    16 EmptySessionToken "session token is empty";
    /// The signing name is empty or holds a character other than ASCII
    /// letters, digits, `-`, `_`, `.`.
    17 InvalidSigningName "signing name must be non-empty: ASCII letters, digits, '-', '_', '.'";
    /// The token prefix is empty or holds a character that is not visible ASCII.
    18 InvalidPrefix "token prefix must be non-empty visible ASCII";
    /// The method is empty or holds a character other than `A-Z`.
    19 InvalidMethod "method must be non-empty: A-Z";
    /// The host is empty, holds whitespace, a control or non-ASCII character,
    /// `/`, `?`, `#` or `@`, or has a malformed port or IPv6 literal.
    20 InvalidHost "host is empty or malformed";
    /// The path does not start with `/`, or holds a character other than
    /// unreserved ones, `/` and `%XX` escapes.
    21 InvalidPath "path must start with '/': unreserved characters, '/', %XX";
    /// A query parameter has an empty name.
    22 EmptyQueryKey "query parameter name is empty";
    /// A query parameter's name starts with `X-Amz-` (in any case); those are
    /// the signer's own.
    23 ReservedQueryKey "query parameter name starts with X-Amz-";
    /// Two query parameters have the same name.
    24 DuplicateQueryKey "query parameter name given twice";
    /// A header name is empty or is not an HTTP token.
    25 InvalidHeaderName "header name is not an HTTP token";
    /// A header is `host` (always signed from the request's host), one the
    /// AWS SDKs never sign (`user-agent`, `expect`, ...), or, for header
    /// signing, one the signer writes (`authorization`, `date`, `x-amz-date`,
    /// `x-amz-security-token`, `x-amz-content-sha256`).
    26 ReservedHeader "header is host, never signed, or written by the signer";
    /// Two headers have the same name, compared without case.
    27 DuplicateHeader "header name given twice";
    /// A header value holds a character that is neither visible ASCII, space nor tab.
    28 InvalidHeaderValue "header value must be visible ASCII, space or tab";
    /// A token's prefix is not the service's (or, for [`inspect`](crate::inspect_into),
    /// not Bedrock's or External Anthropic's).
    29 UnknownPrefix "token prefix names no known service";
    /// A token's body is not standard, padded base64.
    30 InvalidBase64 "token body is not padded standard base64";
    /// A token's decoded body is not UTF-8.
    31 NotUtf8 "token body is not UTF-8";
    /// Not `host/?query` (a token) or `https://host/path?query` (a URL).
    32 MalformedUrl "presigned URL is malformed";
    /// A token is presigned for another host than its prefix's service.
    33 HostMismatch "token host is not its service's host";
    /// A required query parameter is missing.
    34 MissingParameter {
        /// The parameter's name.
        name: &'static str = ""
    } => "token has no {name} parameter",
    "token lacks a required parameter";
    /// A query parameter appears twice.
    35 DuplicateParameter {
        /// The parameter's name.
        name: &'static str = ""
    } => "token has {name} twice",
    "token has a parameter twice";
    /// A token holds a query parameter no generator writes.
    36 UnexpectedParameter "token has a parameter no generator writes";
    /// A parameter's value is not in the one form the signers write: a
    /// wrong algorithm or action, a malformed credential or signature, or
    /// percent-encoding other than uppercase `%XX` for exactly the
    /// non-unreserved bytes.
    37 InvalidParameter {
        /// The parameter's name.
        name: &'static str = ""
    } => "token's {name} is malformed",
    "a token parameter is malformed";
    /// `X-Amz-Date` is not a real `YYYYMMDDTHHMMSSZ` time.
    38 MalformedDate "X-Amz-Date is not a valid YYYYMMDDTHHMMSSZ time";
    /// `X-Amz-Expires` is not a whole number of seconds within the bounds
    /// (1 ..= 43200 for tokens, 1 ..= 604800 for URLs).
    39 ExpiresOutOfRange "X-Amz-Expires is malformed or out of range";
    /// The credential scope's day is not `X-Amz-Date`'s day.
    40 ScopeDateMismatch "credential scope day differs from X-Amz-Date";
    /// The credential scope's service is not the host's service.
    41 ScopeServiceMismatch "credential scope service differs from the host's";
    /// A token signs headers other than exactly `host`.
    42 SignedHeadersNotHost "token signs headers other than host";
    /// A token does not end with `&Version=1`.
    43 MissingVersion "token does not end with &Version=1";
    /// The signature is not the one the secret key makes.
    44 SignatureMismatch "signature does not match the secret key";
    /// The token's lifetime is over.
    45 TokenExpired "token has expired";
    /// The token was signed later than the verifier's clock allows.
    46 NotYetValid "token is signed in the future";
    /// A [`Payload::Sha256Hex`](crate::Payload::Sha256Hex) is not 64 lowercase hex digits.
    47 InvalidPayloadHash "payload hash must be 64 lowercase hex digits";
    /// For header signing, the session token holds a character that is not
    /// visible ASCII: it could not be sent as the header value it is signed as.
    48 InvalidSessionToken "session token must be visible ASCII to be sent as a header";
}

impl core::error::Error for Error {}
