//! Bearer tokens: a presigned `POST /?Action=CallWithBearerToken`, without
//! `https://`, with `&Version=1`, base64-encoded behind a service prefix.

use core::time::Duration;

use zeroize::Zeroize;

use crate::base64_tail::{encode_tail, encoded_len};
use crate::presign::{validate_signing_name, Presign};
use crate::request::validate_host;
use crate::signing::SigningKey;
use crate::sink::ascii_text;
use crate::{Credentials, Error, Request, Timestamp};

/// The longest lifetime a bearer token may have: 12 hours.
pub const MAX_TOKEN_LIFETIME: Duration = Duration::from_secs(12 * 3600);

pub(crate) const TOKEN_QUERY: &[(&str, &str)] = &[("Action", "CallWithBearerToken")];
const VERSION_SUFFIX: &[u8] = b"&Version=1";

/// A service that accepts SigV4 bearer tokens: its signing name, the host
/// the token is presigned for, and the prefix in front of the base64.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Service<'a> {
    signing_name: &'a str,
    host: &'a str,
    prefix: &'a str,
}

impl<'a> Service<'a> {
    /// Amazon Bedrock: `bedrock`, `bedrock.amazonaws.com`, `bedrock-api-key-`.
    pub const BEDROCK: Service<'static> =
        Service::new("bedrock", "bedrock.amazonaws.com", "bedrock-api-key-");

    /// AWS External Anthropic: `aws-external-anthropic`,
    /// `aws-external-anthropic.amazonaws.com`, `aws-external-anthropic-api-key-`.
    pub const EXTERNAL_ANTHROPIC: Service<'static> = Service::new(
        "aws-external-anthropic",
        "aws-external-anthropic.amazonaws.com",
        "aws-external-anthropic-api-key-",
    );

    /// Another service on the same scheme. The parts are checked when a
    /// token is made.
    pub const fn new(signing_name: &'a str, host: &'a str, prefix: &'a str) -> Self {
        Service {
            signing_name,
            host,
            prefix,
        }
    }

    /// The SigV4 signing name, e.g. `bedrock`.
    pub const fn signing_name(&self) -> &'a str {
        self.signing_name
    }

    /// The host the token is presigned for, e.g. `bedrock.amazonaws.com`.
    pub const fn host(&self) -> &'a str {
        self.host
    }

    /// The text in front of the base64, e.g. `bedrock-api-key-`.
    pub const fn prefix(&self) -> &'a str {
        self.prefix
    }

    /// Mints a token into `buf` and returns it, without allocating.
    ///
    /// `expires_in` is taken in whole seconds, 1 s ..= 12 h, and cut short
    /// to the credentials' expiration.
    ///
    /// # Errors
    /// A variant of [`Error`] naming the bad input, or
    /// [`Error::BufferTooSmall`] with the token's exact length.
    pub fn presign_into<'b>(
        &self,
        credentials: &Credentials<'_>,
        region: &str,
        now: Timestamp,
        expires_in: Duration,
        buf: &'b mut [u8],
    ) -> Result<&'b str, Error> {
        let presign = self.presigner(credentials, region, now, expires_in)?;
        let len = self.token_len(&presign);
        let written = self.write_token(buf, &presign, &presign.signing_key(), len)?;
        Ok(ascii_text(buf, written))
    }

    /// Mints a token: [`Service::presign_into`] into a buffer allocated once
    /// at the token's exact size and wiped when the [`Token`](crate::Token) drops.
    ///
    /// # Errors
    /// A variant of [`Error`] naming the bad input.
    #[cfg(feature = "alloc")]
    pub fn presign(
        &self,
        credentials: &Credentials<'_>,
        region: &str,
        now: Timestamp,
        expires_in: Duration,
    ) -> Result<crate::Token, Error> {
        let presign = self.presigner(credentials, region, now, expires_in)?;
        let len = self.token_len(&presign);
        let mut bytes = alloc::vec![0; len.total];
        let written = self.write_token(&mut bytes, &presign, &presign.signing_key(), len)?;
        bytes.truncate(written);
        Ok(crate::Token::new(bytes, presign.expires_at()))
    }

    pub(crate) fn presigner<'p>(
        &'p self,
        credentials: &Credentials<'p>,
        region: &'p str,
        now: Timestamp,
        expires_in: Duration,
    ) -> Result<Presign<'p>, Error> {
        validate_signing_name(self.signing_name)?;
        validate_host(self.host)?;
        let prefix_ok =
            !self.prefix.is_empty() && self.prefix.bytes().all(|b| b.is_ascii_graphic());
        if !prefix_ok {
            return Err(Error::InvalidPrefix);
        }
        Presign::new(
            self.request(),
            self.signing_name,
            credentials,
            region,
            now,
            expires_in,
            MAX_TOKEN_LIFETIME,
        )
    }

    /// The request a token presigns: `POST https://<host>/?Action=CallWithBearerToken`.
    pub(crate) fn request(&self) -> Request<'a> {
        Request {
            method: "POST",
            host: self.host,
            path: "/",
            query: TOKEN_QUERY,
            headers: &[],
        }
    }

    /// The lengths of the token `presign` makes, counted once for sizing a
    /// buffer and for writing into it.
    pub(crate) fn token_len(&self, presign: &Presign<'_>) -> TokenLen {
        let url = presign.url_len(false);
        let raw = url.saturating_add(VERSION_SUFFIX.len());
        TokenLen {
            url,
            raw,
            total: self.prefix.len().saturating_add(encoded_len(raw)),
        }
    }

    /// Writes the token into the front of `buf` and returns its length.
    ///
    /// The URL is written at the tail of the token's place in `buf`, signed
    /// there, then base64-encoded in place over itself: no copy of it is
    /// made anywhere else.
    ///
    /// `len` is [`Service::token_len`] of `presign`.
    ///
    /// # Errors
    /// [`Error::BufferTooSmall`] with the token's length, `buf` untouched.
    pub(crate) fn write_token(
        &self,
        buf: &mut [u8],
        presign: &Presign<'_>,
        key: &SigningKey,
        len: TokenLen,
    ) -> Result<usize, Error> {
        let needed = len.total;
        let token = buf
            .get_mut(..needed)
            .ok_or(Error::BufferTooSmall { needed })?;
        let (prefix, body) = token.split_at_mut(self.prefix.len());
        prefix.copy_from_slice(self.prefix.as_bytes());
        let raw_start = body.len() - len.raw;
        let (_, raw) = body.split_at_mut(raw_start);
        let written = presign.write_url(raw, key, false);
        let (_, suffix) = raw.split_at_mut(len.url);
        suffix.copy_from_slice(VERSION_SUFFIX);
        if written != Ok(len.url) || !encode_tail(body, raw_start) {
            // Unreachable: the URL is exactly `len.url` bytes long.
            token.zeroize();
            return Err(written.err().unwrap_or(Error::BufferTooSmall { needed }));
        }
        Ok(needed)
    }
}

/// A token's lengths: its URL, the URL with `&Version=1` (what is
/// base64-encoded), and the whole token.
#[derive(Clone, Copy)]
pub(crate) struct TokenLen {
    url: usize,
    raw: usize,
    pub(crate) total: usize,
}

/// Defines a module of shortcuts for one [`Service`] constant.
macro_rules! service_module {
    ($(#[$doc:meta])* $module:ident, $service:path) => {
        $(#[$doc])*
        pub mod $module {
            use core::time::Duration;

            use crate::{Credentials, Error, Service, Timestamp};

            /// The service these shortcuts mint for.
            pub const SERVICE: Service<'static> = $service;

            /// Mints a token; see [`Service::presign`].
            ///
            /// # Errors
            /// A variant of [`Error`] naming the bad input.
            #[cfg(feature = "alloc")]
            pub fn presign(
                credentials: &Credentials<'_>,
                region: &str,
                now: Timestamp,
                expires_in: Duration,
            ) -> Result<crate::Token, Error> {
                SERVICE.presign(credentials, region, now, expires_in)
            }

            /// Mints a token into `buf` without allocating; see [`Service::presign_into`].
            ///
            /// # Errors
            /// A variant of [`Error`] naming the bad input, or
            /// [`Error::BufferTooSmall`] with the token's exact length.
            pub fn presign_into<'b>(
                credentials: &Credentials<'_>,
                region: &str,
                now: Timestamp,
                expires_in: Duration,
                buf: &'b mut [u8],
            ) -> Result<&'b str, Error> {
                SERVICE.presign_into(credentials, region, now, expires_in, buf)
            }
        }
    };
}
pub(crate) use service_module;
