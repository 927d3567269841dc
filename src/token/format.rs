//! A token's text, written and read here only:
//! `prefix + base64(host + "/?" + query + "&Version=1")`, where the query is
//! a presigned URL's, `Action=CallWithBearerToken` first.

use zeroize::Zeroize;

use crate::base64_tail::{base64_len, encode_tail};
use crate::error::Error;
use crate::presign::{Presign, UrlForm};
use crate::protocol::token::{PATH_AND_QUERY_START, VERSION_SUFFIX};
use crate::signing_key::SigningKey;
use crate::split::split_once;
use crate::token::{Service, TokenRequest};

/// The exact length of the token `presign` makes for `service`.
#[cfg(feature = "alloc")]
pub(crate) fn token_len(service: &Service<'_>, presign: &Presign<'_, TokenRequest<'_>>) -> usize {
    token_len_of(service, presign.url_len(UrlForm::Bare))
}

/// The length of a token for `service` whose URL is `url` bytes long.
#[inline]
fn token_len_of(service: &Service<'_>, url: usize) -> usize {
    let raw = url.saturating_add(VERSION_SUFFIX.len());
    service.prefix().len().saturating_add(base64_len(raw))
}

/// Writes the token into the front of `buf` and returns its length.
///
/// The URL is written into the token's place in `buf`, signed there, then
/// base64-encoded in place over itself: no copy of it is made anywhere
/// else. Its length is counted first only as far as it takes to know that
/// the token fits ([`Presign::url_len_within`]); the URL is then written
/// where one of that bound's length could be encoded in place, and what is
/// left of it past the token once encoded is zeroed.
///
/// # Errors
/// [`Error::BufferTooSmall`] with the token's exact length, `buf` untouched.
pub(crate) fn write_token(
    service: &Service<'_>,
    buf: &mut [u8],
    presign: &Presign<'_, TokenRequest<'_>>,
    key: &SigningKey,
) -> Result<usize, Error> {
    let prefix_len = service.prefix().len();
    let body_room = buf.len().saturating_sub(prefix_len);
    // The longest URL whose token fits (base64 takes 4 bytes per 3), and
    // a shorter one whose bound leaves the room that placing it needs.
    let url_room = (body_room / 4 * 3).saturating_sub(VERSION_SUFFIX.len());
    let url_bound_room = url_room.saturating_sub(3);
    let url_bound = presign.url_len_within(UrlForm::Bare, url_bound_room);
    let too_small = Error::BufferTooSmall {
        needed: token_len_of(service, url_bound),
    };
    if url_bound > url_room {
        // The count went to the end: this is the exact length.
        return Err(too_small);
    }
    // Where a raw text of any length up to the bound can be encoded in
    // place: `base64_len(raw) - raw` is at most `raw / 3` rounded up, plus 2.
    // An exact bound fits where the token's own length puts it.
    let raw_bound = url_bound + VERSION_SUFFIX.len();
    let raw_start = (base64_len(raw_bound) - raw_bound + 2).min(body_room - raw_bound);
    let (prefix, body) = buf.split_at_mut(prefix_len);
    let raw = body.get_mut(raw_start..).unwrap_or_default();
    let encoded = presign
        .write_url(raw, key, UrlForm::Bare)
        .ok()
        .and_then(|url| {
            let raw_end = raw_start + url + VERSION_SUFFIX.len();
            let suffix = body.get_mut(raw_start + url..raw_end)?;
            suffix.copy_from_slice(VERSION_SUFFIX.as_bytes());
            let len = encode_tail(body.get_mut(..raw_end)?, raw_start)?;
            // The end of the URL, left past the token when it is shorter
            // than the bound. The caller's memory: plain zeroing stays.
            body.get_mut(len..raw_end)?.fill(0);
            Some(len)
        });
    let Some(body_len) = encoded else {
        // Unreachable: the URL is at most `url_bound` bytes long.
        buf.zeroize();
        return Err(too_small);
    };
    prefix.copy_from_slice(service.prefix().as_bytes());
    Ok(prefix_len + body_len)
}

/// A token's parts once decoded: its service (by prefix) and its query.
pub(crate) struct TokenText<'s, 'b> {
    pub(crate) service: Service<'s>,
    pub(crate) query: &'b str,
}

/// Reads a token of one of `services`, decoding its body into `buf`.
///
/// # Errors
/// [`Error::UnknownPrefix`], [`Error::InvalidBase64`], [`Error::NotUtf8`],
/// [`Error::MissingVersion`], [`Error::MalformedUrl`], [`Error::HostMismatch`],
/// or [`Error::BufferTooSmall`] with the decoded length.
pub(crate) fn read_token<'s, 'b>(
    services: &[Service<'s>],
    token: &str,
    buf: &'b mut [u8],
) -> Result<TokenText<'s, 'b>, Error> {
    let (service, body) = services
        .iter()
        .find_map(|service| Some((*service, token.strip_prefix(service.prefix())?)))
        .ok_or(Error::UnknownPrefix)?;
    let url = decode_base64(body, buf)?;
    let rest = url
        .strip_suffix(VERSION_SUFFIX)
        .ok_or(Error::MissingVersion)?;
    let (host, query) = split_once(rest, PATH_AND_QUERY_START).ok_or(Error::MalformedUrl)?;
    if host != service.host() {
        return Err(Error::HostMismatch);
    }
    Ok(TokenText { service, query })
}

/// Standard padded base64 into the front of `buf`, as UTF-8 text.
fn decode_base64<'b>(body: &str, buf: &'b mut [u8]) -> Result<&'b str, Error> {
    use base64::Engine as _;
    let padding = body.bytes().rev().take_while(|&b| b == b'=').count();
    if !body.len().is_multiple_of(4) || padding > 2 {
        return Err(Error::InvalidBase64);
    }
    let needed = body.len() / 4 * 3 - padding;
    let out = buf
        .get_mut(..needed)
        .ok_or(Error::BufferTooSmall { needed })?;
    let len = base64::engine::general_purpose::STANDARD
        .decode_slice(body, out)
        .map_err(|_| Error::InvalidBase64)?;
    core::str::from_utf8(out.get(..len).unwrap_or_default()).map_err(|_| Error::NotUtf8)
}
