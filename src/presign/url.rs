//! The first output: a presigned URL, the auth values in its query.

use core::time::Duration;

use super::{Presign, UrlForm};
use crate::credentials::Credentials;
use crate::error::Error;
use crate::inputs::{Inputs, Rules};
use crate::request::Request;
use crate::scope::SigningScope;
use crate::sink::ascii_text;
use crate::timestamp::Timestamp;

/// The longest lifetime SigV4 allows a presigned URL: 7 days.
pub const MAX_URL_LIFETIME: Duration = Duration::from_secs(7 * 24 * 3600);

/// Presigns `request` for `scope`'s signing name and region, valid for `expires_in`
/// (whole seconds, 1 s ..= 7 days, cut short to the credentials' expiration)
/// from `now`, and writes the URL (`https://host/path?params`) into `buf`.
///
/// The URL lists the request's parameters in the given order, then
/// `X-Amz-Algorithm`, `-Credential`, `-Date`, `-Expires`, `-SignedHeaders`,
/// `-Security-Token` (with a session token) and `-Signature`, as botocore does.
///
/// The S3 signing names (`s3`, `s3-object-lambda`, `s3-outposts`) are signed
/// as botocore's `S3SigV4QueryAuth` signs them: the path as given and an
/// `UNSIGNED-PAYLOAD`; every other name as `SigV4QueryAuth` does: the path
/// normalized and encoded once more, and the hash of an empty body.
///
/// # Errors
/// A variant of [`Error`] naming the bad input, or [`Error::BufferTooSmall`]
/// with the exact length needed. Nothing is allocated.
pub fn presign_url_into<'b>(
    request: &Request<'_>,
    scope: SigningScope<'_>,
    credentials: &Credentials<'_>,
    now: Timestamp,
    expires_in: Duration,
    buf: &'b mut [u8],
) -> Result<&'b str, Error> {
    // Borrowed in place: moved out, it would take a second slot here.
    let presign = for_url(request, scope, credentials, now, expires_in);
    let presign = presign.as_ref().map_err(|e| *e)?;
    // Exact if it does not fit: the buffer is left as it was.
    let needed = presign.url_len_within(UrlForm::Https, buf.len());
    if needed > buf.len() {
        return Err(Error::BufferTooSmall { needed });
    }
    let len = presign.write_url(buf, &presign.signing_key(), UrlForm::Https)?;
    Ok(ascii_text(buf, len))
}

/// [`presign_url_into`] returning a new `String`, allocated once at its exact size.
///
/// ```
/// use core::time::Duration;
/// use sigv4_bearer::{presign_url, Credentials, Request, SigningScope, Timestamp};
///
/// let creds = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
/// let req = Request {
///     host: "db.example.us-east-1.rds.amazonaws.com:5432",
///     query: &[("Action", "connect"), ("DBUser", "app")],
///     ..Default::default()
/// };
/// let now = Timestamp::from_unix_secs(1_735_787_045);
/// let scope = SigningScope { region: "us-east-1", signing_name: "rds-db" };
/// let url = presign_url(&req, scope, &creds, now, Duration::from_secs(900))?;
/// assert!(url.starts_with("https://db.example.us-east-1.rds.amazonaws.com:5432/?Action=connect&DBUser=app&X-Amz-Algorithm="));
/// # Ok::<(), sigv4_bearer::Error>(())
/// ```
///
/// # Errors
/// As [`presign_url_into`], never [`Error::BufferTooSmall`].
#[cfg(feature = "alloc")]
pub fn presign_url(
    request: &Request<'_>,
    scope: SigningScope<'_>,
    credentials: &Credentials<'_>,
    now: Timestamp,
    expires_in: Duration,
) -> Result<alloc::string::String, Error> {
    let presign = for_url(request, scope, credentials, now, expires_in)?;
    let mut url = alloc::vec![0; presign.url_len(UrlForm::Https)];
    let len = presign.write_url(&mut url, &presign.signing_key(), UrlForm::Https)?;
    url.truncate(len);
    // The URL is ASCII by construction.
    Ok(alloc::string::String::from_utf8(url).unwrap_or_default())
}

/// A generic request, with lifetimes up to [`MAX_URL_LIFETIME`], signed
/// under the rules of its signing name. Out of line: inlined, its copy of
/// the inputs took a second slot in `presign_url_into`'s frame (+80 B on
/// the M4), stack the signing below it pays.
#[inline(never)]
fn for_url<'a>(
    request: &Request<'a>,
    scope: SigningScope<'a>,
    credentials: &Credentials<'a>,
    now: Timestamp,
    expires_in: Duration,
) -> Result<Presign<'a>, Error> {
    let rules = Rules::for_signing_name(scope.signing_name);
    let inputs = Inputs::new(*request, scope, credentials, now, rules)?;
    Presign::new(inputs, now, expires_in, MAX_URL_LIFETIME)
}
