//! The presign engine: a request checked once, then its presigned URL's
//! length and bytes, for URLs, tokens, the `Minter` and `verify`.

mod url;

#[cfg(feature = "alloc")]
pub use url::presign_url;
pub use url::{presign_url_into, MAX_URL_LIFETIME};

use core::time::Duration;

use zeroize::Zeroize;

use crate::canonical::{
    auth_value, put_auth_param, put_value, AuthPlacement, CanonicalRequest, EncodedSessionToken,
    RequestParts, Value, WrittenAuth,
};
use crate::error::Error;
use crate::inputs::{Inputs, Rules};
use crate::percent::percent_encoded_len_within;
use crate::protocol::query::{self, AuthParam, ALGORITHM_AND_CREDENTIAL_KEY};
use crate::protocol::{
    EMPTY_PAYLOAD_SHA256, HEX_SHA256_LEN, HTTPS_SCHEME, SCOPE_TERMINATOR, UNSIGNED_PAYLOAD,
};
use crate::request::Request;
use crate::signature::{signature_matches, write_hex_signature};
use crate::signing_key::SigningKey;
use crate::sink::{narrow, Encoded, Sink, SliceWriter};
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

    /// The canonical request, its auth parameters in the given form.
    fn canonical<'s>(&'s self, auth: AuthPlacement<'s>) -> CanonicalRequest<'s, 'a, R> {
        let payload_hash = match self.inputs.rules {
            Rules::Standard => EMPTY_PAYLOAD_SHA256,
            Rules::S3 => UNSIGNED_PAYLOAD,
        };
        CanonicalRequest {
            inputs: &self.inputs,
            auth,
            payload_hash,
        }
    }

    /// The auth parameters to be written, the session token in the given form.
    fn auth(&self, session_token: Option<EncodedSessionToken<'a>>) -> AuthPlacement<'a> {
        AuthPlacement::Query {
            expires_secs: self.expires_secs,
            session_token,
        }
    }

    /// The signed URL's exact length.
    #[cfg(any(test, feature = "alloc"))]
    pub(crate) fn url_len(&self, form: UrlForm) -> usize {
        self.url_len_within(form, 0)
    }

    /// The signed URL's exact length, or, when that is at most `room`,
    /// possibly a bound on it that is itself at most `room`: a token's head
    /// is bounded without writing it (see [`Presign::url_head_bound`]), and
    /// the session token's encoded length is counted only as far as it
    /// takes to know that it fits (see [`percent_encoded_len_within`]).
    /// Out of line: inlined, its state took room in the token writer's
    /// frame, under the signing (+16 B on RISC-V).
    #[inline(never)]
    pub(crate) fn url_len_within(&self, form: UrlForm, room: usize) -> usize {
        let token = self.inputs.credentials.session_token().unwrap_or_default();
        // The head's bound first when it has one (a token's): when the
        // total fits, the head is not written a first time. Then its exact
        // length: a writer with no room only counts.
        let mut bound = self.url_head_bound();
        loop {
            let exact = bound.is_none();
            let head = bound.take().unwrap_or_else(|| {
                let mut counter = SliceWriter::new(&mut []);
                self.put_url_head(&mut counter, form);
                counter.written()
            });
            let head = head.saturating_add(URL_TAIL_LEN);
            let token_room = room.saturating_sub(head);
            let len = head.saturating_add(percent_encoded_len_within(token.as_bytes(), token_room));
            if len <= room || exact {
                return len;
            }
        }
    }

    /// A bound on the URL head's length (`put_url_head`, in either form)
    /// known without writing it, for a request whose parameters are
    /// constants and that has no headers of its own (a token's): the inputs
    /// the head takes, each at most tripled by the encoder, and the rest
    /// ([`HEAD_LITERALS`]). `None` for a caller's request.
    fn url_head_bound(&self) -> Option<usize> {
        let params = R::CONSTANT_URL_PARAMS_LEN.filter(|_| !R::OWN_HEADERS)?;
        let request = &self.inputs.request;
        let scope = &self.inputs.scope;
        let encoded = self
            .inputs
            .credentials
            .access_key_id()
            .len()
            .saturating_add(scope.region().len())
            .saturating_add(scope.signing_name().len())
            .saturating_add(SCOPE_TERMINATOR.len());
        Some(
            request
                .host()
                .len()
                .saturating_add(request.path().len())
                .saturating_add(params)
                .saturating_add(encoded.saturating_mul(3))
                .saturating_add(HEAD_LITERALS),
        )
    }

    /// The URL up to the session token's value: `host/path?`, the caller's
    /// parameters, the auth parameters in botocore's order, and last
    /// `X-Amz-Security-Token=` when there is a session token. Returns where
    /// the auth parameters' runs end (see [`HeadEnds`]).
    fn put_url_head(&self, out: &mut SliceWriter<'_>, form: UrlForm) -> HeadEnds {
        let request = &self.inputs.request;
        if form == UrlForm::Https {
            out.put(HTTPS_SCHEME.as_bytes());
        }
        out.put_str(request.host());
        out.put_str(request.path());
        out.put(b"?");
        let mut first = true;
        request.put_url_params(narrow(out), &mut first);
        if !first {
            out.put(b"&");
        }
        let params_end = out.written();
        let canonical = self.canonical(self.auth(None));
        // The algorithm and the credential's key are constants: one write.
        let [_, _, first_run @ .., signed_headers, _, _] = query::IN_URL;
        out.put_str(ALGORITHM_AND_CREDENTIAL_KEY);
        put_value(narrow(out), &canonical, Value::Credential);
        let mut first = false;
        for param in first_run {
            if let Some(value) = auth_value(&canonical, param) {
                put_auth_param(narrow(out), &canonical, param, &mut first, value);
            }
        }
        let first_run_end = out.written();
        if let Some(value) = auth_value(&canonical, signed_headers) {
            put_auth_param(narrow(out), &canonical, signed_headers, &mut false, value);
        }
        let signed_headers_end = out.written();
        // The session token goes last, on its own: see `write_url`.
        if self.inputs.credentials.session_token().is_some() {
            out.put_str(AuthParam::SecurityToken.key_after_another());
        }
        HeadEnds {
            params_end,
            first_run_end,
            signed_headers_end,
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
        let ends = self.put_url_head(&mut head, form);
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
        let auth = ends.auth(written);
        // Into the URL itself: no copy of the signature on the stack.
        write_hex_signature(&self.canonical(AuthPlacement::Written(auth)), key, hex);
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
        let canonical = self.canonical(self.auth(token));
        signature_matches(&canonical, &self.signing_key(), expected)
    }
}

/// Where the URL's head, as `put_url_head` writes it, ends the runs that
/// the canonical query takes as they stand (see [`HeadEnds::auth`]).
#[derive(Clone, Copy)]
struct HeadEnds {
    /// The caller's parameters, and a separator after them if any.
    params_end: usize,
    /// The auth parameters up to the lifetime, `&`-joined.
    first_run_end: usize,
    /// `&X-Amz-SignedHeaders=` and the names; then `&X-Amz-Security-Token=`
    /// with a session token, whose value `write_url` encodes in place.
    signed_headers_end: usize,
}

impl HeadEnds {
    /// The auth parameters in `url`, the URL written up to the session
    /// token's end.
    fn auth(self, url: &[u8]) -> WrittenAuth<'_> {
        WrittenAuth {
            runs: url.get(self.params_end..).unwrap_or_default(),
            first_run_len: self.first_run_end - self.params_end,
            signed_headers_len: self.signed_headers_end - self.first_run_end,
        }
    }
}

// The URL holds the auth parameters as the head's runs write them (the
// signature last, over the rest), and the canonical query sorts the same
// ones with only the signed headers and the session token swapped.
const _: () = assert!(matches!(
    query::IN_URL,
    [
        AuthParam::Algorithm,
        AuthParam::Credential,
        AuthParam::Date,
        AuthParam::Expires,
        AuthParam::SignedHeaders,
        AuthParam::SecurityToken,
        AuthParam::Signature,
    ]
));
const _: () = assert!(matches!(
    query::SORTED,
    [
        AuthParam::Algorithm,
        AuthParam::Credential,
        AuthParam::Date,
        AuthParam::Expires,
        AuthParam::SecurityToken,
        AuthParam::SignedHeaders,
    ]
));

/// A bound on the URL head's bytes besides the host, the path, the
/// caller's parameters, the access key id and the scope's parts: the
/// scheme, `?`, the auth parameters' keys and separators, the algorithm,
/// the date, a lifetime's digits, the signed header `host` and the
/// session token's key: 174 for a token (its lifetime has five digits at
/// most), checked by `url_head_bound_holds`; 180 leaves room for ten.
const HEAD_LITERALS: usize = 180;

/// `&X-Amz-Signature=`: the URL's last parameter.
const SIGNATURE_KEY_LEN: usize = 1 + query::SIGNATURE.len() + 1;

/// The length of the URL's end: `&X-Amz-Signature=` and the hex signature.
const URL_TAIL_LEN: usize = SIGNATURE_KEY_LEN + HEX_SHA256_LEN;

/// The URL's end up to the hex signature: `&X-Amz-Signature=`.
fn put_signature_key(out: &mut (impl Sink + ?Sized)) {
    out.put_str(AuthParam::Signature.key_after_another());
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
#[allow(clippy::std_instead_of_alloc)]
mod tests {
    use std::vec::Vec;

    use super::*;
    use crate::credentials::Credentials;
    use crate::scope::SigningScope;
    use crate::token::Service;

    /// The canonical request as `write_url` hashes it (the auth parameters
    /// taken from the URL's bytes) and as the parts write it (as `verify`
    /// does), for a URL written in `form`.
    fn canonical_both_ways<R: RequestParts>(
        presign: &Presign<'_, R>,
        form: UrlForm,
    ) -> (Vec<u8>, Vec<u8>) {
        let mut url = [0u8; 1024];
        let mut head = SliceWriter::new(&mut url);
        let ends = presign.put_url_head(&mut head, form);
        let token_start = head.written();
        if let Some(token) = presign.inputs.credentials.session_token() {
            Encoded(narrow(&mut head)).put_str(token);
        }
        let len = head.finish_len().unwrap();
        let url = &url[..len];
        let token = presign
            .inputs
            .credentials
            .session_token()
            .map(|_| EncodedSessionToken(&url[token_start..]));
        let bytes = |canonical: CanonicalRequest<'_, '_, R>| {
            let mut buf = [0u8; 1024];
            let mut out = SliceWriter::new(&mut buf);
            canonical.put(&mut out);
            let len = out.finish_len().unwrap();
            buf[..len].to_vec()
        };
        (
            bytes(presign.canonical(AuthPlacement::Written(ends.auth(url)))),
            bytes(presign.canonical(presign.auth(token))),
        )
    }

    /// Hashed from the URL, the canonical request is the parts' byte for
    /// byte: caller parameters sorting before the auth keys, after them or
    /// both, none, a token's request, with and without a session token,
    /// under both rule sets, in both URL forms.
    #[test]
    fn canonical_query_from_the_url_is_the_parts() {
        let creds = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        let all_creds = [
            creds,
            creds.with_session_token("IQoJb3/+Jpz2luX2V=jEXA MPLE"),
        ];
        let queries: [&[(&str, &str)]; 5] = [
            &[],
            &[("Action", "connect"), ("DBUser", "app")],
            &[("x-id", "GetObject"), ("partNumber", "1")],
            &[("z", "1"), ("X-Amz", "2"), ("X-Amzz", "3"), ("a b", "c&d")],
            &[("Zeta", "")],
        ];
        let now = Timestamp::from_unix_secs(1_735_787_045);
        let lifetime = Duration::from_secs(900);
        let mut checked = 0;
        for credentials in &all_creds {
            for signing_name in ["rds-db", "s3"] {
                let scope = SigningScope {
                    region: "us-west-2",
                    signing_name,
                };
                let rules = Rules::for_signing_name(signing_name);
                for query in queries {
                    let request = Request {
                        host: "Host.Example.com:8443",
                        path: "/a/./b%20c/",
                        query,
                        ..Default::default()
                    };
                    let inputs = Inputs::new(request, scope, credentials, now, rules).unwrap();
                    let presign = Presign::new(inputs, now, lifetime, MAX_URL_LIFETIME).unwrap();
                    for form in [UrlForm::Https, UrlForm::Bare] {
                        let (written, parts) = canonical_both_ways(&presign, form);
                        assert_eq!(written, parts, "{query:?}");
                        checked += 1;
                    }
                }
            }
            for service in Service::KNOWN {
                let presign = service
                    .presigner(credentials, "us-west-2", now, lifetime)
                    .unwrap();
                let (written, parts) = canonical_both_ways(&presign, UrlForm::Bare);
                assert!(parts.starts_with(b"POST\n/\nAction=CallWithBearerToken&X-Amz-"));
                assert_eq!(written, parts);
                checked += 1;
            }
        }
        assert_eq!(checked, 2 * (2 * 5 * 2 + 2));
    }

    /// A token's URL head is never longer than its bound, in either form,
    /// with or without a session token, whatever the inputs' lengths; a
    /// caller's request has none.
    #[test]
    fn url_head_bound_holds() {
        let long_key = "AKIA".repeat(32);
        let creds = Credentials::new("AKIDEXAMPLE", "secret");
        let long = Credentials::new(&long_key, "secret");
        let all_creds = [
            creds,
            long,
            creds.with_session_token("IQoJb3/+Jpz2luX2V=jEXA MPLE"),
            long.with_session_token("x"),
        ];
        let long_host = "tokens-".repeat(8) + &".example".repeat(12) + ".com:8443";
        let services = [
            Service::BEDROCK,
            Service::EXTERNAL_ANTHROPIC,
            Service::new("s", "h.example", "p-"),
            Service::new("a-very-long-signing-name", &long_host, "p-"),
        ];
        let now = Timestamp::from_unix_secs(4_102_444_799);
        for credentials in &all_creds {
            for service in &services {
                for region in ["us-east-1", "ap-southeast-22-very-long-region"] {
                    for secs in [1, 900, 43_200] {
                        let lifetime = Duration::from_secs(secs);
                        let presign = service
                            .presigner(credentials, region, now, lifetime)
                            .unwrap();
                        let bound = presign.url_head_bound().unwrap();
                        // The inputs, each its own encoding here.
                        let inputs = [
                            service.host(),
                            "/Action=CallWithBearerToken&",
                            credentials.access_key_id(),
                            region,
                            service.signing_name(),
                            SCOPE_TERMINATOR,
                        ]
                        .map(str::len)
                        .iter()
                        .sum::<usize>();
                        for form in [UrlForm::Https, UrlForm::Bare] {
                            let mut counter = SliceWriter::new(&mut []);
                            presign.put_url_head(&mut counter, form);
                            assert!(counter.written() <= bound, "{region} {secs}");
                            // The constant alone bounds the rest.
                            assert!(counter.written() - inputs <= HEAD_LITERALS);
                        }
                    }
                }
            }
        }
        let request = Request {
            host: "h.example",
            ..Default::default()
        };
        let inputs = Inputs::new(
            request,
            SigningScope {
                region: "us-east-1",
                signing_name: "s",
            },
            &creds,
            now,
            Rules::Standard,
        )
        .unwrap();
        let presign = Presign::new(inputs, now, Duration::from_secs(1), MAX_URL_LIFETIME).unwrap();
        assert_eq!(presign.url_head_bound(), None);
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
