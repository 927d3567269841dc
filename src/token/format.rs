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

/// A token's lengths: its URL, the URL with `&Version=1` (what is
/// base64-encoded), and the whole token.
#[derive(Clone, Copy)]
pub(crate) struct TokenLen {
    url: usize,
    raw: usize,
    pub(crate) total: usize,
}

/// The lengths of the token `presign` makes for `service`, counted once for
/// sizing a buffer and for writing into it.
pub(crate) fn token_len(
    service: &Service<'_>,
    presign: &Presign<'_, TokenRequest<'_>>,
) -> TokenLen {
    let url = presign.url_len(UrlForm::Bare);
    let raw = url.saturating_add(VERSION_SUFFIX.len());
    TokenLen {
        url,
        raw,
        total: service.prefix().len().saturating_add(base64_len(raw)),
    }
}

/// Writes the token into the front of `buf` and returns its length.
///
/// The URL is written at the tail of the token's place in `buf`, signed
/// there, then base64-encoded in place over itself: no copy of it is made
/// anywhere else. `len` is [`token_len`] of `presign`.
///
/// # Errors
/// [`Error::BufferTooSmall`] with the token's length, `buf` untouched.
pub(crate) fn write_token(
    service: &Service<'_>,
    buf: &mut [u8],
    presign: &Presign<'_, TokenRequest<'_>>,
    key: &SigningKey,
    len: TokenLen,
) -> Result<usize, Error> {
    let needed = len.total;
    let token = buf
        .get_mut(..needed)
        .ok_or(Error::BufferTooSmall { needed })?;
    let (prefix, body) = token.split_at_mut(service.prefix().len());
    prefix.copy_from_slice(service.prefix().as_bytes());
    let raw_start = body.len() - len.raw;
    let (_, raw) = body.split_at_mut(raw_start);
    let written = presign.write_url(raw, key, UrlForm::Bare);
    let (_, suffix) = raw.split_at_mut(len.url);
    suffix.copy_from_slice(VERSION_SUFFIX.as_bytes());
    if written != Ok(len.url) || !encode_tail(body, raw_start) {
        // Unreachable: the URL is exactly `len.url` bytes long.
        token.zeroize();
        return Err(written.err().unwrap_or(Error::BufferTooSmall { needed }));
    }
    Ok(needed)
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
