//! Bearer tokens: the services that take them, and minting. A token is a
//! presigned `POST /?Action=CallWithBearerToken` (see `format` for its text).

mod format;
mod inspect;
mod minter;
#[cfg(feature = "alloc")]
mod owned;
mod request;

use core::fmt;
use core::hash::{Hash, Hasher};
use core::time::Duration;

#[cfg(feature = "alloc")]
pub use inspect::{inspect, verify};
pub use inspect::{inspect_into, verify_into, TokenInfo};
pub use minter::{Minter, TokenStorage, DEFAULT_REFRESH_MARGIN};
#[cfg(feature = "alloc")]
pub use owned::Token;
use request::TokenRequest;

use crate::credentials::Credentials;
use crate::error::Error;
use crate::inputs::{Inputs, Rules};
use crate::presign::Presign;
use crate::request::validate_host;
use crate::scope::SigningScope;
use crate::sink::ascii_text;
use crate::timestamp::Timestamp;

/// The longest lifetime a bearer token may have: 12 hours.
pub const MAX_TOKEN_LIFETIME: Duration = Duration::from_secs(12 * 3600);

/// A service that accepts SigV4 bearer tokens: its signing name, the host
/// the token is presigned for, and the prefix in front of the base64.
#[derive(Clone, Copy)]
pub struct Service<'a> {
    signing_name: &'a str,
    host: &'a str,
    prefix: &'a str,
    /// The parts are the library's own constants, checked by its tests
    /// (`known_services_pass_the_checks`): a token for this service checks
    /// no part at run time. Not part of the identity (see `PartialEq`).
    known: bool,
}

// Equal, hashed and printed by the three parts alone: `Service::new` with
// Bedrock's parts is `Service::BEDROCK`.
impl PartialEq for Service<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.parts() == other.parts()
    }
}

impl Eq for Service<'_> {}

impl Hash for Service<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.parts().hash(state);
    }
}

impl fmt::Debug for Service<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Service")
            .field("signing_name", &self.signing_name)
            .field("host", &self.host)
            .field("prefix", &self.prefix)
            .finish()
    }
}

impl<'a> Service<'a> {
    /// Amazon Bedrock: `bedrock`, `bedrock.amazonaws.com`, `bedrock-api-key-`.
    pub const BEDROCK: Service<'static> =
        Service::new("bedrock", "bedrock.amazonaws.com", "bedrock-api-key-").known();

    /// AWS External Anthropic: `aws-external-anthropic`,
    /// `aws-external-anthropic.amazonaws.com`, `aws-external-anthropic-api-key-`.
    pub const EXTERNAL_ANTHROPIC: Service<'static> = Service::new(
        "aws-external-anthropic",
        "aws-external-anthropic.amazonaws.com",
        "aws-external-anthropic-api-key-",
    )
    .known();

    /// The services AWS issues tokens for, as [`inspect`](crate::inspect_into)
    /// and [`verify`](crate::verify_into) recognise them by prefix: Bedrock,
    /// then External Anthropic (an order bindings may number them by).
    pub const KNOWN: [Service<'static>; 2] = [Service::BEDROCK, Service::EXTERNAL_ANTHROPIC];

    /// Another service on the same scheme. The parts are checked when a
    /// token is made.
    pub const fn new(signing_name: &'a str, host: &'a str, prefix: &'a str) -> Self {
        Service {
            signing_name,
            host,
            prefix,
            known: false,
        }
    }

    /// One of the library's own services (see the `known` field).
    const fn known(self) -> Self {
        Service {
            known: true,
            ..self
        }
    }

    fn parts(&self) -> (&'a str, &'a str, &'a str) {
        (self.signing_name, self.host, self.prefix)
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
        // Borrowed where it lies: moving it out of the `Result` would copy
        // it into a second slot of this frame, stack every later step pays.
        let presign = self.presigner(credentials, region, now, expires_in);
        let presign = presign.as_ref().map_err(|e| *e)?;
        let written = format::write_token(self, buf, presign, &presign.signing_key())?;
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
    ) -> Result<Token, Error> {
        let presign = self.presigner(credentials, region, now, expires_in)?;
        let mut bytes = alloc::vec![0; format::token_len(self, &presign)];
        let written = format::write_token(self, &mut bytes, &presign, &presign.signing_key())?;
        bytes.truncate(written);
        Ok(Token::new(bytes, presign.expires_at()))
    }

    pub(crate) fn presigner<'p>(
        &'p self,
        credentials: &Credentials<'p>,
        region: &'p str,
        now: Timestamp,
        expires_in: Duration,
    ) -> Result<Presign<'p, TokenRequest<'p>>, Error> {
        // A known service's parts (signing name included) need no check;
        // another's prefix and host are checked here, its signing name with
        // the other inputs, in the order the errors are documented (prefix,
        // credentials, region, signing name, time, host).
        if !self.known {
            let prefix_ok =
                !self.prefix.is_empty() && self.prefix.bytes().all(|b| b.is_ascii_graphic());
            if !prefix_ok {
                return Err(Error::InvalidPrefix);
            }
        }
        // The rest of a token's request is constant: see `request`.
        let inputs = Inputs::with_own_request(
            self.request(),
            SigningScope {
                region,
                signing_name: self.signing_name,
            },
            credentials,
            now,
            Rules::Standard,
            self.known,
        )?;
        if !self.known {
            validate_host(self.host)?;
        }
        Presign::new(inputs, now, expires_in, MAX_TOKEN_LIFETIME)
    }

    /// The request a token presigns: `POST https://<host>/?Action=CallWithBearerToken`.
    pub(crate) const fn request(&self) -> TokenRequest<'a> {
        TokenRequest::new(self.host)
    }
}

/// Defines a module of shortcuts for one [`Service`] constant.
macro_rules! service_module {
    ($(#[$doc:meta])* $module:ident, $service:path) => {
        $(#[$doc])*
        pub mod $module {
            use core::time::Duration;

            use crate::credentials::Credentials;
            use crate::error::Error;
            use crate::timestamp::Timestamp;
            use crate::token::Service;
            #[cfg(feature = "alloc")]
            use crate::token::Token;

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
            ) -> Result<Token, Error> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scope::validate_signing_name;

    /// What a token checks of another service, each known service passes:
    /// skipping it for them changes no outcome.
    #[test]
    fn known_services_pass_the_checks() {
        for service in Service::KNOWN {
            assert!(service.known);
            assert!(!service.prefix.is_empty());
            assert!(service.prefix.bytes().all(|b| b.is_ascii_graphic()));
            assert_eq!(validate_signing_name(service.signing_name), Ok(()));
            assert_eq!(service.request().as_request().validate(), Ok(()));
            // The same parts from `new` are checked at run time.
            let same = Service::new(service.signing_name, service.host, service.prefix);
            assert!(!same.known);
            assert_eq!(same, service);
        }
    }

    /// The flag is no part of a service's identity.
    #[test]
    fn equal_hash_and_debug_by_parts() {
        use std::collections::hash_map::DefaultHasher;
        use std::format;

        let hash = |service: &Service<'_>| {
            let mut hasher = DefaultHasher::new();
            service.hash(&mut hasher);
            hasher.finish()
        };
        let bedrock = Service::new("bedrock", "bedrock.amazonaws.com", "bedrock-api-key-");
        assert_eq!(hash(&bedrock), hash(&Service::BEDROCK));
        assert_eq!(format!("{bedrock:?}"), format!("{:?}", Service::BEDROCK));
        assert_eq!(
            format!("{bedrock:?}"),
            r#"Service { signing_name: "bedrock", host: "bedrock.amazonaws.com", prefix: "bedrock-api-key-" }"#
        );
        assert_ne!(bedrock, Service::EXTERNAL_ANTHROPIC);
    }
}
