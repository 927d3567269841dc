//! An owned bearer token that wipes itself and never prints itself.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use zeroize::Zeroizing;

use crate::timestamp::Timestamp;

/// A bearer token: a credential in its own right until it expires.
///
/// The text is wiped from memory when the token drops. There is no
/// `Display`, and `Debug` shows only the expiry, so a token cannot reach a
/// log by accident: ask for it with [`Token::as_str`].
///
/// ```compile_fail
/// fn log(token: &sigv4_bearer::Token) -> String {
///     format!("{token}") // no `Display`: this does not compile
/// }
/// ```
#[derive(Clone)]
pub struct Token {
    text: Zeroizing<String>,
    expires_at: Timestamp,
}

impl Token {
    pub(crate) fn new(bytes: Vec<u8>, expires_at: Timestamp) -> Self {
        // Tokens are ASCII by construction; the impossible error leaves an empty token.
        let text = String::from_utf8(bytes).unwrap_or_default();
        Token {
            text: Zeroizing::new(text),
            expires_at,
        }
    }

    /// The token, e.g. `bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29tLz9...`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// When the token stops working: the signing time plus its lifetime
    /// (the requested one, cut short to the credentials' expiration).
    pub fn expires_at(&self) -> Timestamp {
        self.expires_at
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token")
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}
