//! Reading presigned URLs back: their auth parameters, strictly parsed,
//! and the signing window. Tokens are read on top of this (`token::inspect`).

mod info;
mod query;

use core::time::Duration;

use crate::timestamp::Timestamp;

pub use info::{inspect_url, UrlInfo};
pub(crate) use query::{parse_query, AuthParams};

/// The time accessors `TokenInfo` and `UrlInfo` share, over their `window`.
macro_rules! window_accessors {
    () => {
        /// When it was signed (`X-Amz-Date`).
        pub fn signed_at(&self) -> Timestamp {
            self.window.signed_at
        }

        /// Its lifetime (`X-Amz-Expires`).
        pub fn lifetime(&self) -> Duration {
            Duration::from_secs(u64::from(self.window.lifetime_secs))
        }

        /// When it stops working: [`signed_at`](Self::signed_at) + [`lifetime`](Self::lifetime).
        pub fn expires_at(&self) -> Timestamp {
            self.window.expires_at()
        }

        /// The time left at `now` (zero once expired).
        pub fn remaining(&self, now: Timestamp) -> Duration {
            self.window.remaining(now)
        }
    };
}
pub(crate) use window_accessors;

/// When a presigned request was signed and for how long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Window {
    pub(crate) signed_at: Timestamp,
    pub(crate) lifetime_secs: u32,
}

impl Window {
    pub(crate) fn expires_at(self) -> Timestamp {
        Timestamp::from_unix_secs(self.signed_at.as_unix_secs() + i64::from(self.lifetime_secs))
    }

    pub(crate) fn remaining(self, now: Timestamp) -> Duration {
        self.expires_at()
            .duration_since(now)
            .unwrap_or(Duration::ZERO)
    }
}

/// A short ASCII string stored inline, so [`TokenInfo`] needs no allocation
/// and outlives the decode buffer.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Inline<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> Inline<N> {
    pub(crate) fn new(text: &str) -> Option<Self> {
        let mut bytes = [0u8; N];
        bytes
            .get_mut(..text.len())?
            .copy_from_slice(text.as_bytes());
        Some(Inline {
            bytes,
            len: text.len(),
        })
    }

    pub(crate) fn as_str(&self) -> &str {
        // Only whole `&str`s are stored.
        core::str::from_utf8(self.bytes.get(..self.len).unwrap_or_default()).unwrap_or_default()
    }
}

impl<const N: usize> core::fmt::Debug for Inline<N> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(self.as_str(), f)
    }
}
