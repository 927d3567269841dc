//! Strict parsing of a presigned URL's auth parameters: each must be in the
//! one form the signers write, and agree with the others.

use crate::amz_date::AmzDate;
use crate::credentials::validate_access_key_id;
use crate::error::Error;
use crate::percent::is_canonically_encoded;
use crate::protocol::query::{
    ALGORITHM, CREDENTIAL, DATE, EXPIRES, RESERVED_PREFIX, SECURITY_TOKEN, SIGNATURE,
    SIGNED_HEADERS,
};
use crate::protocol::{header, HEX_SHA256_LEN, SCOPE_TERMINATOR};
use crate::scope::{validate_region, validate_signing_name};
use crate::split::split_on;
use crate::timestamp::Timestamp;

/// The auth parameters of a presigned URL.
pub(crate) struct AuthParams<'q> {
    pub(crate) access_key_id: &'q str,
    pub(crate) region: &'q str,
    pub(crate) signing_name: &'q str,
    pub(crate) signed_at: Timestamp,
    pub(crate) lifetime_secs: u32,
    /// Lowercase names joined by `%3B`, as in the URL.
    pub(crate) signed_headers: &'q str,
    /// Still percent-encoded, as in the URL.
    pub(crate) session_token: Option<&'q str>,
    /// Lowercase hex.
    pub(crate) signature: &'q str,
}

/// The raw values, each seen at most once.
#[derive(Default)]
struct Found<'q> {
    algorithm: Option<&'q str>,
    credential: Option<&'q str>,
    date: Option<&'q str>,
    expires: Option<&'q str>,
    signed_headers: Option<&'q str>,
    session_token: Option<&'q str>,
    signature: Option<&'q str>,
}

/// Parses `query` (`k=v&k=v`). Keys that do not start with `X-Amz-` go to
/// `other`; an unknown `X-Amz-` key is refused.
pub(crate) fn parse_query<'q>(
    query: &'q str,
    max_lifetime_secs: u32,
    mut other: impl FnMut(&'q str, &'q str) -> Result<(), Error>,
) -> Result<AuthParams<'q>, Error> {
    let mut found = Found::default();
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').ok_or(Error::MalformedUrl)?;
        let (slot, name) = match key {
            ALGORITHM => (&mut found.algorithm, ALGORITHM),
            CREDENTIAL => (&mut found.credential, CREDENTIAL),
            DATE => (&mut found.date, DATE),
            EXPIRES => (&mut found.expires, EXPIRES),
            SIGNED_HEADERS => (&mut found.signed_headers, SIGNED_HEADERS),
            SECURITY_TOKEN => (&mut found.session_token, SECURITY_TOKEN),
            SIGNATURE => (&mut found.signature, SIGNATURE),
            _ if key
                .get(..RESERVED_PREFIX.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(RESERVED_PREFIX)) =>
            {
                return Err(Error::UnexpectedParameter);
            }
            _ => {
                other(key, value)?;
                continue;
            }
        };
        if slot.is_some() {
            return Err(Error::DuplicateParameter { name });
        }
        if !is_canonically_encoded(value) {
            return Err(Error::InvalidParameter { name });
        }
        *slot = Some(value);
    }
    let required = |value: Option<&'q str>, name| value.ok_or(Error::MissingParameter { name });

    if required(found.algorithm, ALGORITHM)? != crate::protocol::ALGORITHM {
        return Err(Error::InvalidParameter { name: ALGORITHM });
    }
    let (access_key_id, day, region, signing_name) =
        parse_credential(required(found.credential, CREDENTIAL)?)?;
    let date = required(found.date, DATE)?;
    let signed_at = AmzDate::parse(date).ok_or(Error::MalformedDate)?;
    if !date.starts_with(day) {
        return Err(Error::ScopeDateMismatch);
    }
    let lifetime_secs = parse_seconds(required(found.expires, EXPIRES)?)
        .filter(|secs| (1..=max_lifetime_secs).contains(secs))
        .ok_or(Error::ExpiresOutOfRange)?;
    let signed_headers = required(found.signed_headers, SIGNED_HEADERS)?;
    // `host` is always signed; the list's encoding was checked above.
    let names_ok = split_on(signed_headers, "%3B").all(|name| !name.is_empty());
    if !names_ok || !split_on(signed_headers, "%3B").any(|name| name == header::HOST) {
        return Err(Error::InvalidParameter {
            name: SIGNED_HEADERS,
        });
    }
    if found.session_token == Some("") {
        return Err(Error::InvalidParameter {
            name: SECURITY_TOKEN,
        });
    }
    let signature = required(found.signature, SIGNATURE)?;
    let hex_ok = signature.len() == HEX_SHA256_LEN
        && signature
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    if !hex_ok {
        return Err(Error::InvalidParameter { name: SIGNATURE });
    }
    Ok(AuthParams {
        access_key_id,
        region,
        signing_name,
        signed_at,
        lifetime_secs,
        signed_headers,
        session_token: found.session_token,
        signature,
    })
}

/// `id%2Fday%2Fregion%2Fservice%2Faws4_request`, each part checked as the
/// presigner checks it.
fn parse_credential(value: &str) -> Result<(&str, &str, &str, &str), Error> {
    let malformed = Error::InvalidParameter { name: CREDENTIAL };
    let mut parts = split_on(value, "%2F");
    let (Some(id), Some(day), Some(region), Some(service), Some(terminator), None) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return Err(malformed);
    };
    if terminator != SCOPE_TERMINATOR {
        return Err(malformed);
    }
    if day.len() != 8 || !day.bytes().all(|b| b.is_ascii_digit()) {
        return Err(malformed);
    }
    validate_access_key_id(id)?;
    validate_region(region)?;
    validate_signing_name(service)?;
    Ok((id, day, region, service))
}

/// A whole number written the one way: digits, no leading zero.
fn parse_seconds(text: &str) -> Option<u32> {
    let canonical =
        !text.is_empty() && !text.starts_with('0') && text.bytes().all(|b| b.is_ascii_digit());
    canonical.then(|| text.parse().ok()).flatten()
}

#[cfg(test)]
#[allow(clippy::std_instead_of_alloc)]
mod tests {
    use super::*;

    #[test]
    fn reads_seconds_written_one_way_only() {
        assert_eq!(parse_seconds("900"), Some(900));
        assert_eq!(parse_seconds("4294967295"), Some(u32::MAX));
        for bad in ["", "0", "0900", "+9", "9 ", "4294967296", "1e3", "\u{661}"] {
            assert_eq!(parse_seconds(bad), None, "{bad:?}");
        }
    }
}
