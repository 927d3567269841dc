//! A minter that keeps one token and mints a new one only when it must: near
//! expiry, or on a new UTC day (the scope date changes). The signing key is
//! derived once per day.

use core::time::Duration;

use zeroize::Zeroize;

use super::format::write_token;
use crate::civil::SECS_PER_DAY;
use crate::credentials::Credentials;
use crate::error::Error;
use crate::signing_key::SigningKey;
use crate::sink::ascii_text;
use crate::timestamp::Timestamp;
use crate::token::Service;

/// How long before expiry a token is replaced by default: 300 s, as the
/// official JS generator's refreshing provider does.
pub const DEFAULT_REFRESH_MARGIN: Duration = Duration::from_secs(300);

/// Where a [`Minter`] keeps its token: a fixed array or slice (no heap), or
/// with `alloc` a `Vec<u8>` that grows to fit.
pub trait TokenStorage: AsMut<[u8]> + AsRef<[u8]> {
    /// Makes room for `len` bytes, wiping what was there; `false` if it cannot.
    fn grow_to(&mut self, len: usize) -> bool {
        let _ = len;
        false
    }
}

impl<const N: usize> TokenStorage for [u8; N] {}
impl TokenStorage for &mut [u8] {}

#[cfg(feature = "alloc")]
impl TokenStorage for alloc::vec::Vec<u8> {
    fn grow_to(&mut self, len: usize) -> bool {
        self.zeroize();
        *self = alloc::vec![0; len];
        true
    }
}

/// Mints tokens for one set of credentials, service and region, and hands
/// out the current one until it is due for replacement.
///
/// ```
/// use core::time::Duration;
/// use sigv4_bearer::{Credentials, Minter, Service, Timestamp};
///
/// let creds = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
/// // No heap: the token lives in a 1 KB array inside the minter.
/// let mut minter = Minter::with_storage(creds, Service::BEDROCK, "us-west-2", Duration::from_secs(3600), [0u8; 1024]);
/// let now = Timestamp::from_unix_secs(1_735_787_045);
/// let first = minter.token(now)?.to_owned();
/// // Ten minutes later the same token is still good.
/// assert_eq!(minter.token(Timestamp::from_unix_secs(1_735_787_645))?, first);
/// # Ok::<(), sigv4_bearer::Error>(())
/// ```
pub struct Minter<'a, S: TokenStorage> {
    credentials: Credentials<'a>,
    service: Service<'a>,
    region: &'a str,
    lifetime: Duration,
    margin: Duration,
    key: Option<DayKey>,
    storage: S,
    len: usize,
    signed_at: Timestamp,
    expires_at: Timestamp,
    key_derivations: u32,
}

/// A signing key and the UTC day (`YYYYMMDD`) it signs for.
struct DayKey {
    day: [u8; 8],
    key: SigningKey,
}

impl<'a, S: TokenStorage> Minter<'a, S> {
    /// A minter that keeps its token in `storage`. Tokens are requested for
    /// `lifetime` (1 s ..= 12 h, cut short to the credentials' expiration)
    /// and replaced [`DEFAULT_REFRESH_MARGIN`] before they expire.
    pub fn with_storage(
        credentials: Credentials<'a>,
        service: Service<'a>,
        region: &'a str,
        lifetime: Duration,
        storage: S,
    ) -> Self {
        Minter {
            credentials,
            service,
            region,
            lifetime,
            margin: DEFAULT_REFRESH_MARGIN,
            key: None,
            storage,
            len: 0,
            signed_at: Timestamp::from_unix_secs(0),
            expires_at: Timestamp::from_unix_secs(0),
            key_derivations: 0,
        }
    }

    /// Replaces tokens `margin` before they expire instead of 300 s.
    #[must_use]
    pub fn with_margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self
    }

    /// The current token, minted anew when there is none yet, when it has
    /// expired, when `now` is within the margin of its expiry (unless it
    /// already lasts until the credentials expire, so a new one could not
    /// last longer), when the UTC day has changed since it was signed, or
    /// when the clock went back before its signing time.
    ///
    /// So a token with less than the margin left is handed out only when
    /// the credentials expire sooner.
    ///
    /// # Errors
    /// As [`Service::presign_into`]; [`Error::BufferTooSmall`] when fixed
    /// storage cannot hold the token. No token is kept after an error.
    pub fn token(&mut self, now: Timestamp) -> Result<&str, Error> {
        if self.refresh_due(now) {
            return self.mint(now);
        }
        Ok(self.current())
    }

    /// Mints a new token now, whether or not one is due, re-deriving the
    /// signing key only on a new UTC day.
    ///
    /// # Errors
    /// As [`Minter::token`].
    pub fn mint(&mut self, now: Timestamp) -> Result<&str, Error> {
        if let Err(error) = self.mint_into_storage(now) {
            // The previous token is no longer handed out: wipe it too.
            self.storage.as_mut().zeroize();
            return Err(error);
        }
        Ok(self.current())
    }

    fn current(&self) -> &str {
        ascii_text(self.storage.as_ref(), self.len)
    }

    /// When the current token expires, if there is one.
    pub fn expires_at(&self) -> Option<Timestamp> {
        (self.len > 0).then_some(self.expires_at)
    }

    /// Whether [`Minter::token`] would mint a new token at `now`.
    pub fn refresh_due(&self, now: Timestamp) -> bool {
        let day = |t: Timestamp| t.as_unix_secs().div_euclid(SECS_PER_DAY);
        let remaining = self
            .expires_at
            .duration_since(now)
            .unwrap_or(Duration::ZERO);
        let lasts_as_long_as_credentials = self.credentials.expiration() == Some(self.expires_at);
        self.len == 0
            || now < self.signed_at
            || day(now) != day(self.signed_at)
            || remaining.is_zero()
            || (remaining <= self.margin && !lasts_as_long_as_credentials)
    }

    fn mint_into_storage(&mut self, now: Timestamp) -> Result<(), Error> {
        self.len = 0;
        let (credentials, service) = (self.credentials, self.service);
        // Borrowed in place: moved out, it would take a second slot here.
        let presign = service.presigner(&credentials, self.region, now, self.lifetime);
        let presign = presign.as_ref().map_err(|e| *e)?;
        let day: [u8; 8] = presign.day().as_bytes().try_into().unwrap_or_default();
        let key = match &mut self.key {
            Some(cached) if cached.day == day => &cached.key,
            slot => {
                self.key_derivations = self.key_derivations.saturating_add(1);
                let key = presign.signing_key();
                &slot.insert(DayKey { day, key }).key
            }
        };
        // Written first, counted as it is written: storage too small (a
        // growable one's first token) learns the exact length, grows and
        // writes again.
        self.len = match write_token(&service, self.storage.as_mut(), presign, key) {
            Err(Error::BufferTooSmall { needed }) if self.storage.grow_to(needed) => {
                write_token(&service, self.storage.as_mut(), presign, key)?
            }
            written => written?,
        };
        self.signed_at = now;
        self.expires_at = presign.expires_at();
        Ok(())
    }
}

#[cfg(feature = "alloc")]
impl<'a> Minter<'a, alloc::vec::Vec<u8>> {
    /// A minter whose token storage grows on the heap to fit.
    pub fn new(
        credentials: Credentials<'a>,
        service: Service<'a>,
        region: &'a str,
        lifetime: Duration,
    ) -> Self {
        Minter::with_storage(
            credentials,
            service,
            region,
            lifetime,
            alloc::vec::Vec::new(),
        )
    }
}

impl<S: TokenStorage> Drop for Minter<'_, S> {
    /// The token is a credential: wipe it.
    fn drop(&mut self) {
        self.storage.as_mut().zeroize();
    }
}

impl<S: TokenStorage> core::fmt::Debug for Minter<'_, S> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Minter")
            .field("service", &self.service.signing_name())
            .field("region", &self.region)
            .field("expires_at", &self.expires_at())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = SECS_PER_DAY;

    fn at(secs: i64) -> Timestamp {
        Timestamp::from_unix_secs(secs)
    }

    #[test]
    fn derives_the_signing_key_once_per_day() {
        let creds = Credentials::new("AKIDEXAMPLE", "secret");
        let lifetime = Duration::from_secs(600);
        let mut minter =
            Minter::with_storage(creds, Service::BEDROCK, "us-east-1", lifetime, [0u8; 1024]);
        let start = 20_000 * DAY; // midnight UTC
        let step = if cfg!(miri) { 3_600 } else { 60 };
        for t in (start..start + DAY).step_by(step) {
            minter.token(at(t)).unwrap();
        }
        assert_eq!(minter.key_derivations, 1, "one day, one key");
        minter.token(at(start + DAY)).unwrap();
        assert_eq!(minter.key_derivations, 2, "a new day, a new key");
    }

    #[test]
    fn a_failed_mint_wipes_the_previous_token() {
        let creds = Credentials::new("AKIDEXAMPLE", "secret").with_expiration(at(DAY + 3_600));
        let lifetime = Duration::from_secs(600);
        let mut minter =
            Minter::with_storage(creds, Service::BEDROCK, "us-east-1", lifetime, [0u8; 1024]);
        assert!(minter.token(at(DAY)).is_ok());
        assert!(minter.storage.iter().any(|&b| b != 0));
        assert_eq!(minter.mint(at(DAY + 3_600)), Err(Error::CredentialsExpired));
        assert!(minter.storage.iter().all(|&b| b == 0));
        assert_eq!(minter.expires_at(), None);
    }
}
