//! `inspect_url`: what a presigned URL says about itself.

use core::time::Duration;

use super::{parse_query, window_accessors, Window};
use crate::error::Error;
use crate::presign::MAX_URL_LIFETIME;
use crate::protocol::HTTPS_SCHEME;
use crate::request::validate_host;
use crate::timestamp::Timestamp;

/// What a presigned URL says about itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UrlInfo<'u> {
    host: &'u str,
    path: &'u str,
    signing_name: &'u str,
    region: &'u str,
    access_key_id: &'u str,
    window: Window,
    has_session_token: bool,
    signature: &'u str,
}

/// Reads a URL made by [`presign_url`](crate::presign_url_into):
/// `https://host/path?params`, with the auth parameters in any order and a
/// lifetime of at most 7 days. Other parameters are passed over.
///
/// # Errors
/// The variant naming what is malformed.
pub fn inspect_url(url: &str) -> Result<UrlInfo<'_>, Error> {
    let rest = url.strip_prefix(HTTPS_SCHEME).ok_or(Error::MalformedUrl)?;
    let (target, query) = rest.split_once('?').ok_or(Error::MalformedUrl)?;
    let slash = target.find('/').ok_or(Error::MalformedUrl)?;
    let (host, path) = (
        target.get(..slash).unwrap_or_default(),
        target.get(slash..).unwrap_or_default(),
    );
    validate_host(host).map_err(|_| Error::MalformedUrl)?;
    let url_lifetime = u32::try_from(MAX_URL_LIFETIME.as_secs()).unwrap_or(u32::MAX);
    let auth = parse_query(query, url_lifetime, |_, _| Ok(()))?;
    Ok(UrlInfo {
        host,
        path,
        signing_name: auth.signing_name,
        region: auth.region,
        access_key_id: auth.access_key_id,
        window: Window {
            signed_at: auth.signed_at,
            lifetime_secs: auth.lifetime_secs,
        },
        has_session_token: auth.session_token.is_some(),
        signature: auth.signature,
    })
}

impl<'u> UrlInfo<'u> {
    /// The URL's host, as written (with its port, if any).
    pub fn host(&self) -> &'u str {
        self.host
    }

    /// The URL's path, as written.
    pub fn path(&self) -> &'u str {
        self.path
    }

    /// The SigV4 signing name from the credential scope.
    pub fn signing_name(&self) -> &'u str {
        self.signing_name
    }

    /// The region from the credential scope.
    pub fn region(&self) -> &'u str {
        self.region
    }

    /// The access key id that signed it.
    pub fn access_key_id(&self) -> &'u str {
        self.access_key_id
    }

    window_accessors!();

    /// Whether temporary credentials signed it.
    pub fn has_session_token(&self) -> bool {
        self.has_session_token
    }

    /// The hex `X-Amz-Signature`.
    pub fn signature(&self) -> &'u str {
        self.signature
    }
}
