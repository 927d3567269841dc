//! SigV4 query presigning: the canonical request, the string to sign, and
//! the presigned URL, all streamed into sinks without allocating.

use core::cmp::Ordering;
use core::time::Duration;

use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::encode::{cmp_encoded, Encoded};
use crate::request::{put_canonical_path, put_host_header, put_lowercase, put_trimmed};
use crate::signing::{hex_digest, hex_signature, SigningKey};
use crate::sink::{Sink, SliceWriter};
use crate::timestamp::AmzDate;
use crate::{Credentials, Error, Request, Timestamp};

/// The longest lifetime SigV4 allows a presigned URL: 7 days.
pub const MAX_URL_LIFETIME: Duration = Duration::from_secs(7 * 24 * 3600);

const ALGORITHM: &str = "AWS4-HMAC-SHA256";
/// SHA-256 of the empty body: presigned requests carry no payload.
const EMPTY_PAYLOAD_SHA256: &str =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Presigns `request` for `signing_name` in `region`, valid for `expires_in`
/// (whole seconds, 1 s ..= 7 days, cut short to the credentials' expiration)
/// from `now`, and writes the URL (`https://host/path?params`) into `buf`.
///
/// The URL lists the request's parameters in the given order, then
/// `X-Amz-Algorithm`, `-Credential`, `-Date`, `-Expires`, `-SignedHeaders`,
/// `-Security-Token` (with a session token) and `-Signature`, as botocore does.
///
/// # Errors
/// A variant of [`Error`] naming the bad input, or [`Error::BufferTooSmall`]
/// with the exact length needed. Nothing is allocated.
pub fn presign_url_into<'b>(
    request: &Request<'_>,
    signing_name: &str,
    credentials: &Credentials<'_>,
    region: &str,
    now: Timestamp,
    expires_in: Duration,
    buf: &'b mut [u8],
) -> Result<&'b str, Error> {
    let presign = Presign::new(
        *request,
        signing_name,
        credentials,
        region,
        now,
        expires_in,
        MAX_URL_LIFETIME,
    )?;
    let signature = presign.signature();
    let mut out = SliceWriter::new(buf);
    presign.put_url(&mut out, &signature, true);
    out.finish()
}

/// [`presign_url_into`] returning a new `String`, allocated once at its exact size.
///
/// ```
/// use core::time::Duration;
/// use sigv4_bearer::{presign_url, Credentials, Request, Timestamp};
///
/// let creds = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
/// let req = Request {
///     host: "db.example.us-east-1.rds.amazonaws.com:5432",
///     query: &[("Action", "connect"), ("DBUser", "app")],
///     ..Default::default()
/// };
/// let now = Timestamp::from_unix_secs(1_735_787_045);
/// let url = presign_url(&req, "rds-db", &creds, "us-east-1", now, Duration::from_secs(900))?;
/// assert!(url.starts_with("https://db.example.us-east-1.rds.amazonaws.com:5432/?Action=connect&DBUser=app&X-Amz-Algorithm="));
/// # Ok::<(), sigv4_bearer::Error>(())
/// ```
///
/// # Errors
/// As [`presign_url_into`], never [`Error::BufferTooSmall`].
#[cfg(feature = "alloc")]
pub fn presign_url(
    request: &Request<'_>,
    signing_name: &str,
    credentials: &Credentials<'_>,
    region: &str,
    now: Timestamp,
    expires_in: Duration,
) -> Result<alloc::string::String, Error> {
    let presign = Presign::new(
        *request,
        signing_name,
        credentials,
        region,
        now,
        expires_in,
        MAX_URL_LIFETIME,
    )?;
    let signature = presign.signature();
    let mut url = alloc::vec::Vec::with_capacity(presign.url_len(true));
    presign.put_url(&mut url, &signature, true);
    // The URL is ASCII by construction.
    Ok(alloc::string::String::from_utf8(url).unwrap_or_default())
}

/// A request whose every input has been checked: what the canonical request
/// and the URL are made from.
pub(crate) struct Presign<'a> {
    request: Request<'a>,
    signing_name: &'a str,
    credentials: Credentials<'a>,
    region: &'a str,
    #[cfg_attr(not(feature = "alloc"), allow(dead_code))]
    now: Timestamp,
    date: AmzDate,
    expires_secs: u32,
}

/// One URL query parameter; values are written through the encoder.
#[derive(Clone, Copy)]
enum Value<'a> {
    Text(&'a str),
    Credential,
    Expires,
    SignedHeaders,
}

/// One signed header: `host` (from the request's host) or a caller's.
#[derive(Clone, Copy)]
enum Header<'a> {
    Host,
    Extra(&'a str, &'a str),
}

impl Header<'_> {
    fn name(&self) -> &str {
        match *self {
            Header::Host => "host",
            Header::Extra(name, _) => name,
        }
    }
}

impl<'a> Presign<'a> {
    pub(crate) fn new(
        request: Request<'a>,
        signing_name: &'a str,
        credentials: &Credentials<'a>,
        region: &'a str,
        now: Timestamp,
        expires_in: Duration,
        max: Duration,
    ) -> Result<Self, Error> {
        credentials.validate()?;
        validate_region(region)?;
        validate_signing_name(signing_name)?;
        request.validate()?;
        let date = now.amz_date()?;
        let expires_secs = lifetime_secs(expires_in, max, credentials.expiration(), now)?;
        Ok(Presign {
            request,
            signing_name,
            credentials: *credentials,
            region,
            now,
            date,
            expires_secs,
        })
    }

    #[cfg(feature = "alloc")]
    /// When the URL stops working: the signing time plus `X-Amz-Expires`.
    pub(crate) fn expires_at(&self) -> Timestamp {
        Timestamp::from_unix_secs(self.now.as_unix_secs() + i64::from(self.expires_secs))
    }

    /// The hex `X-Amz-Signature`: with the URL, a bearer credential, so it
    /// is wiped after use.
    pub(crate) fn signature(&self) -> Zeroizing<[u8; 64]> {
        let key = SigningKey::derive(
            self.credentials.secret_access_key(),
            self.date.day(),
            self.region,
            self.signing_name,
        );
        let mut canonical = Sha256::new();
        self.put_canonical_request(&mut canonical);
        let mut mac = key.mac();
        mac.put_str(ALGORITHM);
        mac.put(b"\n");
        mac.put_str(self.date.as_str());
        mac.put(b"\n");
        self.put_scope(&mut mac);
        mac.put(b"\n");
        mac.put(&hex_digest(canonical.finalize().as_slice()));
        Zeroizing::new(hex_signature(mac))
    }

    #[cfg(feature = "alloc")]
    /// The URL's length, for allocating it once.
    pub(crate) fn url_len(&self, with_scheme: bool) -> usize {
        let mut counter = crate::sink::Counter::default();
        self.put_url(&mut counter, &[b'0'; 64], with_scheme);
        counter.0
    }

    /// The presigned URL, with or without `https://` in front.
    pub(crate) fn put_url(&self, out: &mut impl Sink, signature: &[u8; 64], with_scheme: bool) {
        if with_scheme {
            out.put(b"https://");
        }
        out.put_str(self.request.host);
        out.put_str(self.request.path);
        out.put(b"?");
        for (n, (key, value)) in self.params().enumerate() {
            if n > 0 {
                out.put(b"&");
            }
            self.put_param(out, key, value);
        }
        out.put(b"&X-Amz-Signature=");
        out.put(signature);
    }

    /// `day/region/service/aws4_request`.
    fn put_scope(&self, out: &mut impl Sink) {
        for (n, part) in [
            self.date.day(),
            self.region,
            self.signing_name,
            "aws4_request",
        ]
        .into_iter()
        .enumerate()
        {
            if n > 0 {
                out.put(b"/");
            }
            out.put_str(part);
        }
    }

    fn put_canonical_request(&self, out: &mut impl Sink) {
        out.put_str(self.request.method);
        out.put(b"\n");
        put_canonical_path(out, self.request.path);
        out.put(b"\n");
        let mut first = true;
        for_each_sorted(
            || self.params(),
            |a, b| cmp_encoded(a.0, b.0),
            |(key, value)| {
                if !first {
                    out.put(b"&");
                }
                first = false;
                self.put_param(out, key, value);
            },
        );
        out.put(b"\n");
        self.for_each_header(|header| {
            put_lowercase(out, header.name());
            out.put(b":");
            match header {
                Header::Host => put_host_header(out, self.request.host),
                Header::Extra(_, value) => put_trimmed(out, value),
            }
            out.put(b"\n");
        });
        out.put(b"\n");
        self.put_signed_headers(out);
        out.put(b"\n");
        out.put_str(EMPTY_PAYLOAD_SHA256);
    }

    /// The caller's parameters in order, then the auth parameters in
    /// botocore's order (the signature is added last, separately).
    fn params(&self) -> impl Iterator<Item = (&str, Value<'_>)> + '_ {
        let caller = self
            .request
            .query
            .iter()
            .map(|&(key, value)| (key, Value::Text(value)));
        let auth = [
            Some(("X-Amz-Algorithm", Value::Text(ALGORITHM))),
            Some(("X-Amz-Credential", Value::Credential)),
            Some(("X-Amz-Date", Value::Text(self.date.as_str()))),
            Some(("X-Amz-Expires", Value::Expires)),
            Some(("X-Amz-SignedHeaders", Value::SignedHeaders)),
            self.credentials
                .session_token()
                .map(|token| ("X-Amz-Security-Token", Value::Text(token))),
        ];
        caller.chain(auth.into_iter().flatten())
    }

    /// `key=value`, both percent-encoded.
    fn put_param(&self, out: &mut impl Sink, key: &str, value: Value<'_>) {
        let mut out = Encoded(out);
        out.put_str(key);
        out.0.put(b"=");
        match value {
            Value::Text(text) => out.put_str(text),
            Value::Credential => {
                out.put_str(self.credentials.access_key_id());
                out.put(b"/");
                self.put_scope(&mut out);
            }
            Value::Expires => put_decimal(&mut out, self.expires_secs),
            Value::SignedHeaders => self.put_signed_headers(&mut out),
        }
    }

    /// Visits `host` and the caller's headers sorted by lowercase name.
    fn for_each_header(&self, visit: impl FnMut(Header<'_>)) {
        let headers = || {
            let extra = self
                .request
                .headers
                .iter()
                .map(|&(name, value)| Header::Extra(name, value));
            core::iter::once(Header::Host).chain(extra)
        };
        for_each_sorted(headers, |a, b| cmp_lowercase(a.name(), b.name()), visit);
    }

    /// `host;x-extra`: the sorted lowercase names.
    fn put_signed_headers(&self, out: &mut impl Sink) {
        let mut first = true;
        self.for_each_header(|header| {
            if !first {
                out.put(b";");
            }
            first = false;
            put_lowercase(out, header.name());
        });
    }
}

fn cmp_lowercase(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|b| b.to_ascii_lowercase())
        .cmp(b.bytes().map(|b| b.to_ascii_lowercase()))
}

/// Visits `items()` in ascending order without allocating: each round picks
/// the least item above the one visited last. Items must be distinct under `cmp`.
fn for_each_sorted<T: Copy, I: Iterator<Item = T>>(
    items: impl Fn() -> I,
    cmp: impl Fn(&T, &T) -> Ordering,
    mut visit: impl FnMut(T),
) {
    let mut last: Option<T> = None;
    while let Some(next) = items()
        .filter(|item| last.as_ref().is_none_or(|last| cmp(item, last).is_gt()))
        .min_by(|a, b| cmp(a, b))
    {
        visit(next);
        last = Some(next);
    }
}

/// Writes `n` in decimal.
fn put_decimal(out: &mut impl Sink, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut start = digits.len();
    loop {
        start -= 1;
        if let Some(slot) = digits.get_mut(start) {
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || start == 0 {
            break;
        }
    }
    out.put(digits.get(start..).unwrap_or_default());
}

/// Whole seconds of `requested`, checked against `max` and cut short to
/// the credentials' expiration.
fn lifetime_secs(
    requested: Duration,
    max: Duration,
    expiration: Option<Timestamp>,
    now: Timestamp,
) -> Result<u32, Error> {
    let max_secs = u32::try_from(max.as_secs()).unwrap_or(u32::MAX);
    let secs = u32::try_from(requested.as_secs())
        .ok()
        .filter(|&secs| (1..=max_secs).contains(&secs))
        .ok_or(Error::InvalidLifetime { max_secs })?;
    match expiration {
        None => Ok(secs),
        Some(expiration) if expiration <= now => Err(Error::CredentialsExpired),
        Some(expiration) => {
            let left = expiration.as_unix_secs().saturating_sub(now.as_unix_secs());
            Ok(u32::try_from(left).map_or(secs, |left| secs.min(left)))
        }
    }
}

pub(crate) fn validate_region(region: &str) -> Result<(), Error> {
    let ok = !region.is_empty()
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidRegion)
    }
}

pub(crate) fn validate_signing_name(name: &str) -> Result<(), Error> {
    let ok = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidSigningName)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_decimals() {
        for (n, want) in [
            (0u32, "0"),
            (7, "7"),
            (900, "900"),
            (43_200, "43200"),
            (u32::MAX, "4294967295"),
        ] {
            let mut buf = [0u8; 16];
            let mut w = SliceWriter::new(&mut buf);
            put_decimal(&mut w, n);
            assert_eq!(w.finish(), Ok(want));
        }
    }

    #[test]
    fn lifetimes_are_whole_seconds_within_bounds() {
        let now = Timestamp::from_unix_secs(1_000);
        let max = Duration::from_secs(43_200);
        let bad = Err(Error::InvalidLifetime { max_secs: 43_200 });
        assert_eq!(
            lifetime_secs(Duration::from_millis(999), max, None, now),
            bad
        );
        assert_eq!(
            lifetime_secs(Duration::from_millis(1_999), max, None, now),
            Ok(1)
        );
        assert_eq!(
            lifetime_secs(Duration::from_secs(43_200), max, None, now),
            Ok(43_200)
        );
        assert_eq!(
            lifetime_secs(Duration::new(43_200, 999_999_999), max, None, now),
            Ok(43_200)
        );
        assert_eq!(
            lifetime_secs(Duration::from_secs(43_201), max, None, now),
            bad
        );
        assert_eq!(lifetime_secs(Duration::MAX, max, None, now), bad);
    }

    #[test]
    fn lifetimes_end_with_the_credentials() {
        let now = Timestamp::from_unix_secs(1_000);
        let max = Duration::from_secs(43_200);
        let hour = Duration::from_secs(3_600);
        let at = Timestamp::from_unix_secs;
        assert_eq!(
            lifetime_secs(hour, max, Some(at(1_000)), now),
            Err(Error::CredentialsExpired)
        );
        assert_eq!(
            lifetime_secs(hour, max, Some(at(999)), now),
            Err(Error::CredentialsExpired)
        );
        assert_eq!(lifetime_secs(hour, max, Some(at(1_001)), now), Ok(1));
        assert_eq!(lifetime_secs(hour, max, Some(at(4_600)), now), Ok(3_600));
        assert_eq!(lifetime_secs(hour, max, Some(at(i64::MAX)), now), Ok(3_600));
    }
}
