//! AWS credentials, borrowed from the caller.

use core::fmt;

use crate::error::Error;
use crate::timestamp::Timestamp;

/// AWS's limit on an access key id's length.
pub(crate) const MAX_ACCESS_KEY_ID_LEN: usize = 128;

/// AWS credentials: an access key id, a secret access key and, for temporary
/// credentials, a session token and an expiration.
///
/// The strings are borrowed, so the crate never holds a copy of the secret
/// beyond the zeroized signing buffers. `Debug` shows the access key id and
/// the expiration only.
#[derive(Clone, Copy)]
pub struct Credentials<'a> {
    access_key_id: &'a str,
    secret_access_key: &'a str,
    session_token: Option<&'a str>,
    expiration: Option<Timestamp>,
}

impl<'a> Credentials<'a> {
    /// Long-term (or not yet annotated) credentials. They are checked when used.
    pub const fn new(access_key_id: &'a str, secret_access_key: &'a str) -> Self {
        Credentials {
            access_key_id,
            secret_access_key,
            session_token: None,
            expiration: None,
        }
    }

    /// Adds the session token of temporary credentials.
    #[must_use]
    pub const fn with_session_token(mut self, session_token: &'a str) -> Self {
        self.session_token = Some(session_token);
        self
    }

    /// Adds the time the credentials expire: tokens are cut short to end then.
    #[must_use]
    pub const fn with_expiration(mut self, expiration: Timestamp) -> Self {
        self.expiration = Some(expiration);
        self
    }

    /// The access key id (not a secret: it names the key).
    pub const fn access_key_id(&self) -> &'a str {
        self.access_key_id
    }

    /// When the credentials expire, if known.
    pub const fn expiration(&self) -> Option<Timestamp> {
        self.expiration
    }

    pub(crate) const fn secret_access_key(&self) -> &'a str {
        self.secret_access_key
    }

    pub(crate) const fn session_token(&self) -> Option<&'a str> {
        self.session_token
    }

    /// Checks every field; run before anything is signed.
    pub(crate) fn validate(&self) -> Result<(), Error> {
        validate_access_key_id(self.access_key_id)?;
        if self.secret_access_key.is_empty() {
            return Err(Error::EmptySecretAccessKey);
        }
        // Not `== Some("")`: out of line (the C archive), that string
        // compare is a call to memcmp, 168 B of a C token program.
        if self.session_token.is_some_and(str::is_empty) {
            return Err(Error::EmptySessionToken);
        }
        Ok(())
    }
}

/// 1 ..= 128 ASCII letters, digits and `_`.
pub(crate) fn validate_access_key_id(id: &str) -> Result<(), Error> {
    let ok = !id.is_empty()
        && id.len() <= MAX_ACCESS_KEY_ID_LEN
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidAccessKeyId)
    }
}

impl fmt::Debug for Credentials<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("expiration", &self.expiration)
            .finish_non_exhaustive()
    }
}
