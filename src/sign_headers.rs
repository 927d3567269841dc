//! The second output: the auth values as request headers, `Authorization`
//! last, as botocore's `SigV4Auth` and `S3SigV4Auth` write them.

use core::fmt;

use crate::canonical::{put_signed_header_names, AuthPlacement, CanonicalRequest};
use crate::credentials::Credentials;
use crate::error::Error;
use crate::inputs::{Inputs, Rules};
use crate::payload::Payload;
use crate::payload::PayloadHash;
use crate::protocol::{header, ALGORITHM, HEX_SHA256_LEN};
use crate::request::Request;
use crate::scope::SigningScope;
use crate::signature::{hex_signature, HexSignature};
use crate::signing_key::SigningKey;
#[cfg(feature = "alloc")]
use crate::sink::Counter;
use crate::sink::{narrow, Sink, SliceWriter};
use crate::timestamp::Timestamp;

/// Signs `request` and its body for `scope`'s signing name and region at `now`,
/// and writes the headers to add to it into `buf`, without allocating.
///
/// The headers are `x-amz-date`, `x-amz-security-token` (with a session
/// token), `x-amz-content-sha256` (for the S3 signing names `s3`,
/// `s3-object-lambda`, `s3-outposts`, and for [`Payload::Unsigned`]) and
/// `authorization`; see [`AuthHeaders::headers`]. The signed headers are
/// those, `host` and the request's own.
///
/// # Errors
/// A variant of [`Error`] naming the bad input (as for
/// [`presign_url_into`](crate::presign_url_into); also
/// [`Error::ReservedHeader`] for a request header the signer writes,
/// [`Error::InvalidSessionToken`] for a session token that cannot be a
/// header value, [`Error::InvalidPayloadHash`]), or
/// [`Error::BufferTooSmall`] with the exact length needed.
pub fn sign_headers_into<'b>(
    request: &Request<'_>,
    payload: Payload<'_>,
    scope: SigningScope<'_>,
    credentials: &Credentials<'_>,
    now: Timestamp,
    buf: &'b mut [u8],
) -> Result<AuthHeaders<'b>, Error> {
    let signer = HeaderSigner::new(request, payload, scope, credentials, now)?;
    let signature = signer.signature();
    let mut out = SliceWriter::new(buf);
    signer.put_values(narrow(&mut out), &signature);
    let text = out.finish()?;
    Ok(AuthHeaders {
        text: Text::Borrowed(text),
        layout: signer.layout(),
    })
}

/// [`sign_headers_into`] into a new string, allocated once at its exact
/// size and wiped when the [`AuthHeaders`] drop.
///
/// ```
/// use sigv4_bearer::{sign_headers, Credentials, Payload, Request, SigningScope, Timestamp};
///
/// let creds = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
/// let req = Request {
///     method: "POST",
///     host: "bedrock-runtime.us-east-1.amazonaws.com",
///     path: "/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke",
///     headers: &[("content-type", "application/json")],
///     ..Default::default()
/// };
/// let body = br#"{"anthropic_version":"bedrock-2023-05-31","max_tokens":64,"messages":[]}"#;
/// let now = Timestamp::from_unix_secs(1_735_787_045);
/// let scope = SigningScope { region: "us-east-1", signing_name: "bedrock" };
/// let signed = sign_headers(&req, Payload::Bytes(body), scope, &creds, now)?;
/// assert_eq!(signed.x_amz_date(), "20250102T030405Z");
/// assert!(signed.authorization().starts_with(
///     "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250102/us-east-1/bedrock/aws4_request, \
///      SignedHeaders=content-type;host;x-amz-date, Signature="
/// ));
/// for (name, value) in signed.headers() {
///     // request.header(name, value)
/// #   let _ = (name, value);
/// }
/// # Ok::<(), sigv4_bearer::Error>(())
/// ```
///
/// # Errors
/// As [`sign_headers_into`], never [`Error::BufferTooSmall`].
#[cfg(feature = "alloc")]
pub fn sign_headers(
    request: &Request<'_>,
    payload: Payload<'_>,
    scope: SigningScope<'_>,
    credentials: &Credentials<'_>,
    now: Timestamp,
) -> Result<AuthHeaders<'static>, Error> {
    let signer = HeaderSigner::new(request, payload, scope, credentials, now)?;
    let signature = signer.signature();
    let mut counter = Counter::default();
    signer.put_values(narrow(&mut counter), &signature);
    let mut bytes = alloc::vec![0u8; counter.0];
    let mut out = SliceWriter::new(&mut bytes);
    signer.put_values(narrow(&mut out), &signature);
    out.finish_len()?;
    // ASCII by construction.
    let text = alloc::string::String::from_utf8(bytes).unwrap_or_default();
    Ok(AuthHeaders {
        text: Text::Owned(zeroize::Zeroizing::new(text)),
        layout: signer.layout(),
    })
}

/// The headers that sign a request: add each of [`AuthHeaders::headers`]
/// to it as it is.
///
/// `Debug` shows neither the signature nor the session token. With the
/// `alloc` feature, the owned text is wiped when dropped.
pub struct AuthHeaders<'b> {
    text: Text<'b>,
    layout: Layout,
}

enum Text<'b> {
    Borrowed(&'b str),
    #[cfg(feature = "alloc")]
    Owned(zeroize::Zeroizing<alloc::string::String>),
}

/// Where each value ends in the text, which holds them one after another:
/// date, session token, content hash, authorization.
#[derive(Clone, Copy)]
struct Layout {
    date_end: usize,
    session_token_end: usize,
    content_sha256_end: usize,
}

impl AuthHeaders<'_> {
    fn text(&self) -> &str {
        match &self.text {
            Text::Borrowed(text) => text,
            #[cfg(feature = "alloc")]
            Text::Owned(text) => text,
        }
    }

    fn part(&self, start: usize, end: usize) -> &str {
        self.text().get(start..end).unwrap_or_default()
    }

    /// The `authorization` header's value: `AWS4-HMAC-SHA256
    /// Credential=AKID/day/region/service/aws4_request, SignedHeaders=...,
    /// Signature=...`.
    pub fn authorization(&self) -> &str {
        self.part(self.layout.content_sha256_end, self.text().len())
    }

    /// The `x-amz-date` header's value, `YYYYMMDDTHHMMSSZ`.
    pub fn x_amz_date(&self) -> &str {
        self.part(0, self.layout.date_end)
    }

    /// The `x-amz-security-token` header's value: the session token, if any.
    pub fn x_amz_security_token(&self) -> Option<&str> {
        let layout = self.layout;
        (layout.session_token_end > layout.date_end)
            .then(|| self.part(layout.date_end, layout.session_token_end))
    }

    /// The `x-amz-content-sha256` header's value, for the S3 signing names
    /// and for [`Payload::Unsigned`]: the payload hash or `UNSIGNED-PAYLOAD`.
    pub fn x_amz_content_sha256(&self) -> Option<&str> {
        let layout = self.layout;
        (layout.content_sha256_end > layout.session_token_end)
            .then(|| self.part(layout.session_token_end, layout.content_sha256_end))
    }

    /// The headers to add, lowercase names in this order: `x-amz-date`,
    /// `x-amz-security-token`?, `x-amz-content-sha256`?, `authorization`.
    pub fn headers(&self) -> impl Iterator<Item = (&'static str, &str)> + '_ {
        [
            Some((header::DATE, self.x_amz_date())),
            self.x_amz_security_token()
                .map(|token| (header::SECURITY_TOKEN, token)),
            self.x_amz_content_sha256()
                .map(|hash| (header::CONTENT_SHA256, hash)),
            Some((header::AUTHORIZATION, self.authorization())),
        ]
        .into_iter()
        .flatten()
    }
}

impl fmt::Debug for AuthHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthHeaders")
            .field("x_amz_date", &self.x_amz_date())
            .field("has_session_token", &self.x_amz_security_token().is_some())
            .field("x_amz_content_sha256", &self.x_amz_content_sha256())
            .finish_non_exhaustive()
    }
}

/// A request checked for header signing, with its payload hash.
struct HeaderSigner<'a> {
    inputs: Inputs<'a>,
    payload: PayloadHash<'a>,
    content_sha256: bool,
}

impl<'a> HeaderSigner<'a> {
    fn new(
        request: &Request<'a>,
        payload: Payload<'a>,
        scope: SigningScope<'a>,
        credentials: &Credentials<'a>,
        now: Timestamp,
    ) -> Result<Self, Error> {
        let rules = Rules::for_signing_name(scope.signing_name);
        let inputs = Inputs::new(*request, scope, credentials, now, rules)?;
        request.refuse_signer_headers()?;
        if let Some(token) = credentials.session_token() {
            // Sent as it is, so it must be a header value as it is signed.
            if !token.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(Error::InvalidSessionToken);
            }
        }
        if credentials.expiration().is_some_and(|at| at <= now) {
            return Err(Error::CredentialsExpired);
        }
        Ok(HeaderSigner {
            inputs,
            payload: payload.hash()?,
            // botocore signs it for S3, and for an unsigned body everywhere.
            content_sha256: rules == Rules::S3 || payload == Payload::Unsigned,
        })
    }

    /// Runs `f` on the canonical request.
    fn with_canonical<R>(&self, f: impl FnOnce(&CanonicalRequest<'_, 'a>) -> R) -> R {
        let date = Some((header::DATE, self.inputs.scope.date().as_str()));
        let session_token = self.inputs.credentials.session_token();
        let token = session_token.map(|token| (header::SECURITY_TOKEN, token));
        let hash = self
            .content_sha256
            .then(|| (header::CONTENT_SHA256, self.payload.as_str()));
        let mut signer_headers = [("", ""); 3];
        let mut count = 0;
        // Sorted by name, as `AuthPlacement::Headers` takes them.
        for header in [hash, date, token].into_iter().flatten() {
            if let Some(slot) = signer_headers.get_mut(count) {
                *slot = header;
                count += 1;
            }
        }
        f(&CanonicalRequest {
            inputs: &self.inputs,
            auth: AuthPlacement::Headers {
                signer_headers: signer_headers.get(..count).unwrap_or_default(),
            },
            payload_hash: self.payload.as_str(),
        })
    }

    fn signature(&self) -> HexSignature {
        let key = SigningKey::for_inputs(&self.inputs);
        self.with_canonical(|canonical| hex_signature(canonical, &key))
    }

    /// Where [`HeaderSigner::put_values`] ends each value.
    fn layout(&self) -> Layout {
        let date_end = self.inputs.scope.date().as_str().len();
        let token = self.inputs.credentials.session_token().unwrap_or_default();
        let session_token_end = date_end + token.len();
        let content_sha256 = if self.content_sha256 {
            self.payload.as_str()
        } else {
            ""
        };
        Layout {
            date_end,
            session_token_end,
            content_sha256_end: session_token_end + content_sha256.len(),
        }
    }

    /// Writes the values one after another, as [`HeaderSigner::layout`] says.
    fn put_values(&self, out: &mut (impl Sink + ?Sized), signature: &[u8; HEX_SHA256_LEN]) {
        out.put_str(self.inputs.scope.date().as_str());
        if let Some(token) = self.inputs.credentials.session_token() {
            out.put_str(token);
        }
        if self.content_sha256 {
            out.put_str(self.payload.as_str());
        }
        out.put_str(ALGORITHM);
        out.put(b" Credential=");
        out.put_str(self.inputs.credentials.access_key_id());
        out.put(b"/");
        self.inputs.scope.put(out);
        out.put(b", SignedHeaders=");
        self.with_canonical(|canonical| put_signed_header_names(out, canonical));
        out.put(b", Signature=");
        out.put(signature);
    }
}
