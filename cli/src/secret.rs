//! Strings that hold secrets (keys, session tokens, SSO access tokens, file
//! and response bodies that carry them): wiped when dropped, never shown by
//! `Debug`.

use core::fmt;

use serde::Deserialize;
use sigv4_bearer::{Credentials, Timestamp};
use zeroize::Zeroizing;

/// A secret string.
#[derive(Clone, Default, Deserialize)]
#[serde(transparent)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    /// Empty, with room for `capacity` bytes, so filling it never regrows
    /// (a regrowth would leave a copy behind).
    pub fn with_capacity(capacity: usize) -> Self {
        Secret(Zeroizing::new(String::with_capacity(capacity)))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn as_mut_string(&mut self) -> &mut String {
        &mut self.0
    }
}

impl From<String> for Secret {
    fn from(text: String) -> Self {
        Secret(Zeroizing::new(text))
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(..)")
    }
}

/// AWS credentials from any source, owned.
#[derive(Debug)]
pub struct Keys {
    pub access_key_id: String,
    pub secret_access_key: Secret,
    pub session_token: Option<Secret>,
    pub expiration: Option<Timestamp>,
}

impl Keys {
    /// Keys from the fields of a JSON reply, checked; errors name the
    /// missing field, never a value but the expiration's.
    pub fn from_reply(
        access_key_id: Option<String>,
        secret_access_key: Option<Secret>,
        session_token: Option<Secret>,
        expiration: Option<String>,
    ) -> Result<Keys, String> {
        let expiration = match expiration {
            Some(text) => Some(text.parse().map_err(|_| {
                format!(
                    "Expiration is not an ISO 8601 time ({} bytes, not shown: \
                             the reply carries secrets)",
                    text.len()
                )
            })?),
            None => None,
        };
        Ok(Keys {
            access_key_id: access_key_id
                .filter(|v| !v.is_empty())
                .ok_or("no AccessKeyId")?,
            secret_access_key: secret_access_key
                .filter(|v| !v.expose().is_empty())
                .ok_or("no SecretAccessKey")?,
            session_token: session_token.filter(|v| !v.expose().is_empty()),
            expiration,
        })
    }

    /// The library's view of these keys, to sign with.
    pub fn credentials(&self) -> Credentials<'_> {
        let mut credentials =
            Credentials::new(&self.access_key_id, self.secret_access_key.expose());
        if let Some(token) = &self.session_token {
            credentials = credentials.with_session_token(token.expose());
        }
        if let Some(expiration) = self.expiration {
            credentials = credentials.with_expiration(expiration);
        }
        credentials
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_no_secret() {
        let keys = Keys {
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: Secret::from("wJalrXUtnFEMI".to_owned()),
            session_token: Some(Secret::from("IQoJb3JpZ2lu".to_owned())),
            expiration: None,
        };
        let shown = format!("{keys:?}");
        assert!(shown.contains("AKIDEXAMPLE"), "{shown}");
        assert!(
            !shown.contains("wJalr") && !shown.contains("IQoJ"),
            "{shown}"
        );
    }
}
