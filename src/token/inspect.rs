//! Reading tokens back, and verifying them with the secret key: for
//! debugging ("which region is this token for?"), for re-minting on time,
//! and for mock servers in tests.

use core::time::Duration;

use super::format::read_token;
use crate::credentials::Credentials;
use crate::credentials::MAX_ACCESS_KEY_ID_LEN;
use crate::error::Error;
use crate::inputs::{Inputs, Rules};
use crate::presign::Presign;
use crate::presigned_url::{parse_query, window_accessors, AuthParams, Inline, Window};
use crate::protocol::{header, query, token, HEX_SHA256_LEN};
use crate::scope::{SigningScope, MAX_REGION_LEN};
use crate::timestamp::Timestamp;
use crate::token::MAX_TOKEN_LIFETIME;
use crate::token::{Service, TokenRequest};

/// What a token says about itself. Never holds the session token's value.
/// `Debug` leaves out the signature (see [`TokenInfo::signature`]).
#[derive(Clone, PartialEq, Eq)]
pub struct TokenInfo<'s> {
    service: Service<'s>,
    region: Inline<MAX_REGION_LEN>,
    access_key_id: Inline<MAX_ACCESS_KEY_ID_LEN>,
    window: Window,
    has_session_token: bool,
    signature: Inline<HEX_SHA256_LEN>,
}

impl core::fmt::Debug for TokenInfo<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("TokenInfo")
            .field("service", &self.service)
            .field("region", &self.region)
            .field("access_key_id", &self.access_key_id)
            .field("window", &self.window)
            .field("has_session_token", &self.has_session_token)
            .finish_non_exhaustive()
    }
}

/// Reads a Bedrock or External Anthropic token, decoding it into `buf`
/// (which then holds the presigned URL). Checks its form strictly, not its
/// signature: see [`verify_into`].
///
/// # Errors
/// The variant naming what is malformed, or [`Error::BufferTooSmall`] with
/// the decoded length.
pub fn inspect_into(token: &str, buf: &mut [u8]) -> Result<TokenInfo<'static>, Error> {
    parse_token(&Service::KNOWN, token, buf).map(|(info, _)| info)
}

/// [`inspect_into`] with a buffer of its own, wiped afterwards.
///
/// ```
/// # use core::time::Duration;
/// # use sigv4_bearer::{bedrock, Credentials, Timestamp};
/// # let creds = Credentials::new("AKIDEXAMPLE", "secret");
/// # let now = Timestamp::from_unix_secs(1_735_787_045);
/// # let token = bedrock::presign(&creds, "us-west-2", now, Duration::from_secs(3600))?;
/// let info = sigv4_bearer::inspect(token.as_str())?;
/// assert_eq!(info.region(), "us-west-2");
/// assert_eq!(info.expires_at(), token.expires_at());
/// # Ok::<(), sigv4_bearer::Error>(())
/// ```
///
/// # Errors
/// As [`inspect_into`], never [`Error::BufferTooSmall`].
#[cfg(feature = "alloc")]
pub fn inspect(token: &str) -> Result<TokenInfo<'static>, Error> {
    with_decode_buffer(token, |buf| inspect_into(token, buf))
}

/// Checks a token's form (as [`inspect_into`]), then its signature with
/// `secret_access_key` in constant time, then its time: refused if signed
/// more than `skew` after `now`, or expired at `now`. For mock servers and tests.
///
/// # Errors
/// As [`inspect_into`], or [`Error::SignatureMismatch`],
/// [`Error::NotYetValid`], [`Error::TokenExpired`].
pub fn verify_into(
    token: &str,
    secret_access_key: &str,
    now: Timestamp,
    skew: Duration,
    buf: &mut [u8],
) -> Result<TokenInfo<'static>, Error> {
    verify_with(&Service::KNOWN, token, secret_access_key, now, skew, buf)
}

/// [`verify_into`] with a buffer of its own, wiped afterwards.
///
/// # Errors
/// As [`verify_into`], never [`Error::BufferTooSmall`].
#[cfg(feature = "alloc")]
pub fn verify(
    token: &str,
    secret_access_key: &str,
    now: Timestamp,
    skew: Duration,
) -> Result<TokenInfo<'static>, Error> {
    with_decode_buffer(token, |buf| {
        verify_into(token, secret_access_key, now, skew, buf)
    })
}

impl<'s> Service<'s> {
    /// [`inspect_into`] for a token of this service only.
    ///
    /// # Errors
    /// As [`inspect_into`]; [`Error::UnknownPrefix`] for another service's token.
    pub fn inspect_into(&self, token: &str, buf: &mut [u8]) -> Result<TokenInfo<'s>, Error> {
        parse_token(core::slice::from_ref(self), token, buf).map(|(info, _)| info)
    }

    /// [`verify_into`] for a token of this service only.
    ///
    /// # Errors
    /// As [`verify_into`]; [`Error::UnknownPrefix`] for another service's token.
    pub fn verify_into(
        &self,
        token: &str,
        secret_access_key: &str,
        now: Timestamp,
        skew: Duration,
        buf: &mut [u8],
    ) -> Result<TokenInfo<'s>, Error> {
        verify_with(
            core::slice::from_ref(self),
            token,
            secret_access_key,
            now,
            skew,
            buf,
        )
    }
}

fn verify_with<'s>(
    services: &[Service<'s>],
    token: &str,
    secret_access_key: &str,
    now: Timestamp,
    skew: Duration,
    buf: &mut [u8],
) -> Result<TokenInfo<'s>, Error> {
    // Each `Result` is borrowed where it lies, not moved out (a second
    // copy in this frame, under everything the check below runs).
    let parsed = parse_token(services, token, buf);
    let (info, session_token) = parsed.as_ref().map_err(|e| *e)?;
    check_signature(info, *session_token, secret_access_key)?;
    let latest_signing = now
        .checked_add(skew)
        .unwrap_or(Timestamp::from_unix_secs(i64::MAX));
    if info.signed_at() > latest_signing {
        return Err(Error::NotYetValid);
    }
    if info.is_expired(now) {
        return Err(Error::TokenExpired);
    }
    Ok(info.clone())
}

/// Whether `info`'s signature is the one `secret_access_key` makes for
/// the token it was read from (with its session token as it stands in
/// the URL). Out of line: the request it rebuilds is off the stack again
/// before the caller goes on.
#[inline(never)]
fn check_signature(
    info: &TokenInfo<'_>,
    session_token: Option<&str>,
    secret_access_key: &str,
) -> Result<(), Error> {
    let mut expected = [0u8; 32];
    hex::decode_to_slice(info.signature(), &mut expected).map_err(|_| Error::InvalidParameter {
        name: query::SIGNATURE,
    })?;
    let credentials = Credentials::new(info.access_key_id(), secret_access_key);
    let presign = presign_of(info, &credentials);
    if !presign
        .as_ref()
        .map_err(|e| *e)?
        .signature_matches(&expected, session_token)
    {
        return Err(Error::SignatureMismatch);
    }
    Ok(())
}

/// The presigned request `info` describes, signed with `credentials`.
/// Out of line: the checked inputs it is built from leave the stack
/// before the signature is computed.
#[inline(never)]
fn presign_of<'p>(
    info: &'p TokenInfo<'_>,
    credentials: &Credentials<'p>,
) -> Result<Presign<'p, TokenRequest<'p>>, Error> {
    let inputs = Inputs::new(
        info.service.request(),
        SigningScope {
            region: info.region(),
            signing_name: info.service.signing_name(),
        },
        credentials,
        info.signed_at(),
        Rules::Standard,
    )?;
    Presign::new(
        inputs,
        info.signed_at(),
        info.lifetime(),
        MAX_TOKEN_LIFETIME,
    )
}

/// Decodes and checks a token of one of `services`; also returns its
/// session token as it stands (percent-encoded) in the decoded URL.
fn parse_token<'s, 'b>(
    services: &[Service<'s>],
    token: &str,
    buf: &'b mut [u8],
) -> Result<(TokenInfo<'s>, Option<&'b str>), Error> {
    let text = read_token(services, token, buf)?;
    let service = text.service;
    let mut action = None;
    let token_lifetime = u32::try_from(MAX_TOKEN_LIFETIME.as_secs()).unwrap_or(u32::MAX);
    let auth = parse_query(text.query, token_lifetime, |key, value| match key {
        token::ACTION_KEY if action.is_some() => Err(Error::DuplicateParameter {
            name: token::ACTION_KEY,
        }),
        token::ACTION_KEY => {
            action = Some(value);
            Ok(())
        }
        _ => Err(Error::UnexpectedParameter),
    })?;
    match action {
        None => {
            return Err(Error::MissingParameter {
                name: token::ACTION_KEY,
            })
        }
        Some(value) if value != token::ACTION => {
            return Err(Error::InvalidParameter {
                name: token::ACTION_KEY,
            });
        }
        Some(_) => {}
    }
    if auth.signing_name != service.signing_name() {
        return Err(Error::ScopeServiceMismatch);
    }
    if auth.signed_headers != header::HOST {
        return Err(Error::SignedHeadersNotHost);
    }
    let session_token = auth.session_token;
    Ok((TokenInfo::new(service, &auth)?, session_token))
}

/// Runs `f` with a zeroized buffer the size of `token`'s decoded body.
#[cfg(feature = "alloc")]
fn with_decode_buffer<T>(
    token: &str,
    f: impl FnOnce(&mut [u8]) -> Result<T, Error>,
) -> Result<T, Error> {
    // The body is shorter than the token, and decodes to 3/4 of its length.
    let mut buf = zeroize::Zeroizing::new(alloc::vec![0u8; token.len() / 4 * 3 + 3]);
    f(&mut buf)
}

impl<'s> TokenInfo<'s> {
    fn new(service: Service<'s>, auth: &AuthParams<'_>) -> Result<Self, Error> {
        Ok(TokenInfo {
            service,
            region: Inline::new(auth.region).ok_or(Error::InvalidRegion)?,
            access_key_id: Inline::new(auth.access_key_id).ok_or(Error::InvalidAccessKeyId)?,
            window: Window {
                signed_at: auth.signed_at,
                lifetime_secs: auth.lifetime_secs,
            },
            has_session_token: auth.session_token.is_some(),
            signature: Inline::new(auth.signature).ok_or(Error::InvalidParameter {
                name: query::SIGNATURE,
            })?,
        })
    }

    /// The service, recognized by the token's prefix.
    pub fn service(&self) -> Service<'s> {
        self.service
    }

    /// The host the token was presigned for, e.g. `bedrock.amazonaws.com`.
    pub fn host(&self) -> &'s str {
        self.service.host()
    }

    /// The SigV4 signing name, e.g. `bedrock`.
    pub fn signing_name(&self) -> &'s str {
        self.service.signing_name()
    }

    /// The region the token works in (and only there).
    pub fn region(&self) -> &str {
        self.region.as_str()
    }

    /// The access key id that signed it.
    pub fn access_key_id(&self) -> &str {
        self.access_key_id.as_str()
    }

    window_accessors!();

    /// Whether temporary credentials signed it (the token itself is not kept).
    pub fn has_session_token(&self) -> bool {
        self.has_session_token
    }

    /// The hex `X-Amz-Signature`.
    ///
    /// With the other fields it rebuilds the whole token when no session
    /// token signed it (and with the session token when one did): treat it
    /// as the token itself, a bearer secret until it expires. Never log or
    /// show it; `Debug` leaves it out.
    pub fn signature(&self) -> &str {
        self.signature.as_str()
    }

    /// The token format version: 1, the only one there is.
    pub fn version(&self) -> u32 {
        1
    }

    /// Whether the token no longer works at `now`.
    pub fn is_expired(&self, now: Timestamp) -> bool {
        now >= self.expires_at()
    }

    /// Whether to mint a new token: less than `margin` is left at `now`.
    pub fn refresh_due(&self, now: Timestamp, margin: Duration) -> bool {
        self.remaining(now) <= margin
    }
}
