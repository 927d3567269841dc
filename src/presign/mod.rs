//! SigV4 query presigning: checked inputs, the lifetime, the string to sign
//! and the signature. The canonical request and URL are in `canonical`.

mod canonical;

use core::time::Duration;

use hmac::Mac as _;
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

use crate::encode::encoded_len;
use crate::signing::{hex_digest, hex_signature, SigningKey};
use crate::sink::{ascii_text, narrow, Sink, SliceWriter};
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
    let presign = Presign::for_url(request, signing_name, credentials, region, now, expires_in)?;
    let needed = presign.url_len(true);
    let out = buf
        .get_mut(..needed)
        .ok_or(Error::BufferTooSmall { needed })?;
    let len = presign.write_url(out, &presign.signing_key(), true)?;
    Ok(ascii_text(out, len))
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
    let presign = Presign::for_url(request, signing_name, credentials, region, now, expires_in)?;
    let mut url = alloc::vec![0; presign.url_len(true)];
    let len = presign.write_url(&mut url, &presign.signing_key(), true)?;
    url.truncate(len);
    // The URL is ASCII by construction.
    Ok(alloc::string::String::from_utf8(url).unwrap_or_default())
}

/// A request whose every input has been checked: what the canonical request
/// and the URL are made from.
#[derive(Clone, Copy)]
pub(crate) struct Presign<'a> {
    request: Request<'a>,
    signing_name: &'a str,
    credentials: Credentials<'a>,
    region: &'a str,
    now: Timestamp,
    date: AmzDate,
    expires_secs: u32,
    encoded_session_token: Option<&'a [u8]>,
    /// The session token's length once encoded: counted once, as it is the
    /// one long value and the URL's length is asked for more than once.
    session_token_len: usize,
}

impl<'a> Presign<'a> {
    /// A generic request, with lifetimes up to [`MAX_URL_LIFETIME`].
    fn for_url(
        request: &Request<'a>,
        signing_name: &'a str,
        credentials: &Credentials<'a>,
        region: &'a str,
        now: Timestamp,
        expires_in: Duration,
    ) -> Result<Self, Error> {
        Presign::new(
            *request,
            signing_name,
            credentials,
            region,
            now,
            expires_in,
            MAX_URL_LIFETIME,
        )
    }

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
            encoded_session_token: None,
            session_token_len: credentials
                .session_token()
                .map_or(0, |token| encoded_len(token.as_bytes())),
        })
    }

    /// When the URL stops working: the signing time plus `X-Amz-Expires`.
    pub(crate) fn expires_at(&self) -> Timestamp {
        Timestamp::from_unix_secs(self.now.as_unix_secs() + i64::from(self.expires_secs))
    }

    /// The key for this request's day, region and service.
    pub(crate) fn signing_key(&self) -> SigningKey {
        SigningKey::derive(
            self.credentials.secret_access_key(),
            self.date.day(),
            self.region,
            self.signing_name,
        )
    }

    /// The signing day, `YYYYMMDD`: a cached signing key serves only it.
    pub(crate) fn day(&self) -> &str {
        self.date.day()
    }

    /// Writes the signed URL into `buf` and returns its length, signing
    /// with `key` (this request's, or one derived earlier for the same day,
    /// region and service).
    ///
    /// The session token is percent-encoded once, into `buf`, and hashed
    /// from there: the one long value is never encoded twice.
    ///
    /// # Errors
    /// [`Error::BufferTooSmall`] if `buf` is shorter than [`Presign::url_len`]
    /// (it is then wiped).
    pub(crate) fn write_url(
        &self,
        buf: &mut [u8],
        key: &SigningKey,
        with_scheme: bool,
    ) -> Result<usize, Error> {
        let mut head = SliceWriter::new(buf);
        self.put_url_head(narrow(&mut head), with_scheme);
        let token_start = head.written();
        self.put_session_token(narrow(&mut head));
        let token_end = head.finish_len()?;
        // The hex `X-Amz-Signature`: with the URL, a bearer credential, so
        // it is wiped after use.
        let signature = {
            let mut signed = *self;
            if self.session_token().is_some() {
                signed.encoded_session_token = buf.get(token_start..token_end);
            }
            Zeroizing::new(hex_signature(signed.string_to_sign_mac(key)))
        };
        let (written, rest) = buf.split_at_mut(token_end);
        let mut tail = SliceWriter::new(rest);
        canonical::put_url_tail(narrow(&mut tail), &signature);
        let tail_len = tail.finish_len().map_err(|_| {
            written.zeroize();
            Error::BufferTooSmall {
                needed: token_end + canonical::URL_TAIL_LEN,
            }
        })?;
        Ok(token_end + tail_len)
    }

    /// Whether `expected` is this request's signature, compared in constant time.
    pub(crate) fn signature_matches(&self, expected: &[u8; 32]) -> bool {
        self.string_to_sign_mac(&self.signing_key())
            .verify_slice(expected)
            .is_ok()
    }

    /// A MAC fed the string to sign: algorithm, date, scope, and the hash of
    /// the canonical request.
    fn string_to_sign_mac(&self, key: &SigningKey) -> hmac::Hmac<Sha256> {
        let mut canonical = Sha256::new();
        self.put_canonical_request(narrow(&mut canonical));
        let mut mac = key.mac();
        mac.put_str(ALGORITHM);
        mac.put(b"\n");
        mac.put_str(self.date.as_str());
        mac.put(b"\n");
        self.put_scope(narrow(&mut mac));
        mac.put(b"\n");
        mac.put(&hex_digest(canonical.finalize().as_slice()));
        mac
    }

    /// Uses a session token as it already stands, percent-encoded, in a
    /// token being verified, instead of the credentials' own.
    pub(crate) fn with_encoded_session_token(mut self, encoded: Option<&'a str>) -> Self {
        self.encoded_session_token = encoded.map(str::as_bytes);
        if let Some(encoded) = encoded {
            self.session_token_len = encoded.len();
        }
        self
    }
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

/// The longest region accepted; AWS's are about 20 bytes.
pub(crate) const MAX_REGION_LEN: usize = 64;

pub(crate) fn validate_region(region: &str) -> Result<(), Error> {
    let ok = (1..=MAX_REGION_LEN).contains(&region.len())
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
