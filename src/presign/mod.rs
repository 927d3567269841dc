//! The presign engine: a request checked once, then its presigned URL's
//! length and bytes, for URLs, tokens, the `Minter` and `verify`.

mod url;

#[cfg(feature = "alloc")]
pub use url::presign_url;
pub use url::{presign_url_into, MAX_URL_LIFETIME};

use core::time::Duration;

use zeroize::Zeroize;

use crate::canonical::{
    auth_value, put_auth_param, put_separator, AuthPlacement, CanonicalRequest,
    EncodedSessionToken, RequestParts,
};
use crate::error::Error;
use crate::inputs::{Inputs, Rules};
use crate::percent::percent_encoded_len_within;
use crate::protocol::query::{self, AuthParam};
use crate::protocol::{EMPTY_PAYLOAD_SHA256, HEX_SHA256_LEN, HTTPS_SCHEME, UNSIGNED_PAYLOAD};
use crate::request::Request;
use crate::signature::{signature_matches, write_hex_signature};
use crate::signing_key::SigningKey;
use crate::sink::{narrow, Counter, Encoded, Sink, SliceWriter};
use crate::timestamp::Timestamp;

/// Whether a URL is written whole, or without its scheme as a token holds it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum UrlForm {
    /// `https://host/path?query`.
    Https,
    /// `host/path?query`.
    Bare,
}

/// A presigned request whose every input has been checked: a caller's
/// request, or a token's own.
#[derive(Clone, Copy)]
pub(crate) struct Presign<'a, R = Request<'a>> {
    inputs: Inputs<'a, R>,
    now: Timestamp,
    expires_secs: u32,
}

impl<'a, R: RequestParts> Presign<'a, R> {
    /// # Errors
    /// [`Error::InvalidLifetime`] or [`Error::CredentialsExpired`].
    pub(crate) fn new(
        inputs: Inputs<'a, R>,
        now: Timestamp,
        expires_in: Duration,
        max: Duration,
    ) -> Result<Self, Error> {
        let credentials = &inputs.credentials;
        let expires_secs = lifetime_secs(expires_in, max, credentials.expiration(), now)?;
        Ok(Presign {
            inputs,
            now,
            expires_secs,
        })
    }

    /// When the URL stops working: the signing time plus `X-Amz-Expires`.
    pub(crate) fn expires_at(&self) -> Timestamp {
        Timestamp::from_unix_secs(self.now.as_unix_secs() + i64::from(self.expires_secs))
    }

    /// The key for this request's day, region and service.
    pub(crate) fn signing_key(&self) -> SigningKey {
        SigningKey::for_inputs(&self.inputs)
    }

    /// The signing day, `YYYYMMDD`: a cached signing key serves only it.
    pub(crate) fn day(&self) -> &str {
        self.inputs.scope.day()
    }

    /// The canonical request, with the session token in the given form.
    fn canonical<'s>(
        &'s self,
        session_token: Option<EncodedSessionToken<'s>>,
    ) -> CanonicalRequest<'s, 'a, R> {
        let payload_hash = match self.inputs.rules {
            Rules::Standard => EMPTY_PAYLOAD_SHA256,
            Rules::S3 => UNSIGNED_PAYLOAD,
        };
        CanonicalRequest {
            inputs: &self.inputs,
            auth: AuthPlacement::Query {
                expires_secs: self.expires_secs,
                session_token,
            },
            payload_hash,
        }
    }

    /// The signed URL's exact length.
    #[cfg(any(test, feature = "alloc"))]
    pub(crate) fn url_len(&self, form: UrlForm) -> usize {
        self.url_len_within(form, 0)
    }

    /// The signed URL's exact length, or, when that is at most `room`,
    /// possibly a bound on it that is itself at most `room`: the session
    /// token's encoded length is counted only as far as it takes to know
    /// that it fits (see [`percent_encoded_len_within`]).
    pub(crate) fn url_len_within(&self, form: UrlForm, room: usize) -> usize {
        let mut counter = Counter::default();
        self.put_url_head(narrow(&mut counter), form);
        let head = counter.0.saturating_add(URL_TAIL_LEN);
        let token = self.inputs.credentials.session_token().unwrap_or_default();
        let token_room = room.saturating_sub(head);
        head.saturating_add(percent_encoded_len_within(token.as_bytes(), token_room))
    }

    /// The URL up to the session token's value: `host/path?`, the caller's
    /// parameters, the auth parameters in botocore's order, and last
    /// `X-Amz-Security-Token=` when there is a session token.
    fn put_url_head(&self, out: &mut (impl Sink + ?Sized), form: UrlForm) {
        let request = &self.inputs.request;
        if form == UrlForm::Https {
            out.put(HTTPS_SCHEME.as_bytes());
        }
        out.put_str(request.host());
        out.put_str(request.path());
        out.put(b"?");
        let mut first = true;
        request.put_url_params(out, &mut first);
        // The session token goes last, on its own: see `write_url`.
        let canonical = self.canonical(None);
        let [head @ .., _, _] = query::IN_URL;
        for param in head {
            if let Some(value) = auth_value(&canonical, param) {
                put_separator(out, &mut first);
                put_auth_param(out, &canonical, param.name(), value);
            }
        }
        if self.inputs.credentials.session_token().is_some() {
            out.put(b"&");
            out.put_str(query::SECURITY_TOKEN);
            out.put(b"=");
        }
    }

    /// Writes the signed URL into `buf` and returns its length, signing
    /// with `key` (this request's, or one derived earlier for the same day,
    /// region and service).
    ///
    /// The session token is percent-encoded once, into `buf`, and hashed
    /// from there: the one long value is never encoded twice.
    ///
    /// # Errors
    /// [`Error::BufferTooSmall`] with the URL's exact length if `buf` is
    /// shorter (the writer counts past its end; what was written is wiped).
    pub(crate) fn write_url(
        &self,
        buf: &mut [u8],
        key: &SigningKey,
        form: UrlForm,
    ) -> Result<usize, Error> {
        let mut head = SliceWriter::new(buf);
        self.put_url_head(narrow(&mut head), form);
        let token_start = head.written();
        if let Some(token) = self.inputs.credentials.session_token() {
            Encoded(narrow(&mut head)).put_str(token);
        }
        let needed = head.written().saturating_add(URL_TAIL_LEN);
        let too_small = Error::BufferTooSmall { needed };
        let token_end = head.finish_len().map_err(|_| too_small)?;
        let (written, rest) = buf.split_at_mut(token_end);
        let tail = rest
            .get_mut(..URL_TAIL_LEN)
            .and_then(<[u8]>::split_last_chunk_mut::<HEX_SHA256_LEN>);
        let Some((signature_key, hex)) = tail else {
            written.zeroize();
            return Err(too_small);
        };
        put_signature_key(&mut SliceWriter::new(signature_key));
        let token = self
            .inputs
            .credentials
            .session_token()
            .map(|_| EncodedSessionToken(written.get(token_start..).unwrap_or_default()));
        // Into the URL itself: no copy of the signature on the stack.
        write_hex_signature(&self.canonical(token), key, hex);
        Ok(token_end + URL_TAIL_LEN)
    }

    /// Whether `expected` is this request's signature, compared in constant
    /// time, with the session token as it stands (percent-encoded) in the
    /// URL being verified.
    pub(crate) fn signature_matches(
        &self,
        expected: &[u8; 32],
        encoded_session_token: Option<&str>,
    ) -> bool {
        let token = encoded_session_token.map(|token| EncodedSessionToken(token.as_bytes()));
        signature_matches(&self.canonical(token), &self.signing_key(), expected)
    }
}

// The URL ends with the session token, whose value `write_url` encodes in
// place, and the signature over the rest: `put_url_head` writes the others.
const _: () = assert!(matches!(
    query::IN_URL,
    [.., AuthParam::SecurityToken, AuthParam::Signature]
));

/// `&X-Amz-Signature=`: the URL's last parameter.
const SIGNATURE_KEY_LEN: usize = 1 + query::SIGNATURE.len() + 1;

/// The length of the URL's end: `&X-Amz-Signature=` and the hex signature.
const URL_TAIL_LEN: usize = SIGNATURE_KEY_LEN + HEX_SHA256_LEN;

/// The URL's end up to the hex signature: `&X-Amz-Signature=`.
fn put_signature_key(out: &mut (impl Sink + ?Sized)) {
    out.put(b"&");
    out.put_str(query::SIGNATURE);
    out.put(b"=");
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
