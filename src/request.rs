//! The request to sign, and the checks of its parts (method, host, path,
//! query names, headers): each is checked here, once per signature.

use crate::error::Error;
use crate::percent::is_unreserved;
use crate::protocol::{header, query};
use crate::split::split_once_byte;

/// An HTTP request to sign: presigned with [`presign_url_into`](crate::presign_url_into),
/// or signed in headers with [`sign_headers_into`](crate::sign_headers_into)
/// (and their allocating forms with the `alloc` feature).
///
/// Only what SigV4 needs: the URL's parts and the headers the client will
/// send besides `host`. The body is passed on its own, as a
/// [`Payload`](crate::Payload); a presigned URL signs an empty one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Request<'a> {
    /// The method, e.g. `GET` (uppercase ASCII letters).
    pub method: &'a str,
    /// The URL's host, with a port if it is not 443, e.g. `db.example.com:5432`.
    pub host: &'a str,
    /// The URL's path, starting with `/`, already percent-encoded.
    pub path: &'a str,
    /// Operation parameters, in the order they go in the URL (unencoded).
    pub query: &'a [(&'a str, &'a str)],
    /// Headers to sign besides `host`, e.g. `("x-k8s-aws-id", "my-cluster")`.
    pub headers: &'a [(&'a str, &'a str)],
}

impl Default for Request<'_> {
    /// `GET /` with no host, parameters or extra headers.
    fn default() -> Self {
        Request {
            method: "GET",
            host: "",
            path: "/",
            query: &[],
            headers: &[],
        }
    }
}

impl Request<'_> {
    /// Checks every part; run before anything is signed.
    pub(crate) fn validate(&self) -> Result<(), Error> {
        if self.method.is_empty() || !self.method.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(Error::InvalidMethod);
        }
        validate_host(self.host)?;
        validate_path(self.path)?;
        for (at, &(key, _)) in self.query.iter().enumerate() {
            if key.is_empty() {
                return Err(Error::EmptyQueryKey);
            }
            let prefix = query::RESERVED_PREFIX;
            if key
                .get(..prefix.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
            {
                return Err(Error::ReservedQueryKey);
            }
            if self
                .query
                .iter()
                .skip(at + 1)
                .any(|&(other, _)| other == key)
            {
                return Err(Error::DuplicateQueryKey);
            }
        }
        for (at, &(name, value)) in self.headers.iter().enumerate() {
            if name.is_empty() || !name.bytes().all(is_token_char) {
                return Err(Error::InvalidHeaderName);
            }
            let reserved = name.eq_ignore_ascii_case(header::HOST)
                || header::NEVER_SIGNED
                    .iter()
                    .any(|h| name.eq_ignore_ascii_case(h));
            if reserved {
                return Err(Error::ReservedHeader);
            }
            if self
                .headers
                .iter()
                .skip(at + 1)
                .any(|&(other, _)| other.eq_ignore_ascii_case(name))
            {
                return Err(Error::DuplicateHeader);
            }
            if !value
                .bytes()
                .all(|b| b == b'\t' || (b' '..=b'~').contains(&b))
            {
                return Err(Error::InvalidHeaderValue);
            }
        }
        Ok(())
    }

    /// Checks that no header is one the header signer writes itself.
    pub(crate) fn refuse_signer_headers(&self) -> Result<(), Error> {
        let written_by_signer = |name: &str| {
            header::WRITTEN_BY_SIGNER
                .iter()
                .any(|h| name.eq_ignore_ascii_case(h))
        };
        if self
            .headers
            .iter()
            .any(|&(name, _)| written_by_signer(name))
        {
            return Err(Error::ReservedHeader);
        }
        Ok(())
    }
}

/// RFC 9110 `tchar`: what a header name may hold.
fn is_token_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// A host name or IPv4 address, or a bracketed IPv6 literal, with an
/// optional port 1 ..= 65535 written without leading zeros.
pub(crate) fn validate_host(host: &str) -> Result<(), Error> {
    let visible = host
        .bytes()
        .all(|b| b.is_ascii_graphic() && !matches!(b, b'/' | b'?' | b'#' | b'@'));
    if host.is_empty() || !visible {
        return Err(Error::InvalidHost);
    }
    let (name_ok, port) = match host.strip_prefix("[") {
        Some(rest) => {
            let (inner, after) = split_once_byte(rest, b']').ok_or(Error::InvalidHost)?;
            let inner_ok = !inner.is_empty()
                && inner
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
            match after {
                "" => (inner_ok, None),
                _ => (
                    inner_ok,
                    Some(after.strip_prefix(":").ok_or(Error::InvalidHost)?),
                ),
            }
        }
        None => {
            let (name, port) = match split_once_byte(host, b':') {
                Some((name, port)) => (name, Some(port)),
                None => (host, None),
            };
            (
                !name.is_empty() && !name.bytes().any(|b| b"[]:".contains(&b)),
                port,
            )
        }
    };
    let port_ok = port.is_none_or(|port| {
        let digits =
            !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit());
        digits && !port.starts_with("0") && port.parse::<u32>().is_ok_and(|p| p <= 65_535)
    });
    if name_ok && port_ok {
        Ok(())
    } else {
        Err(Error::InvalidHost)
    }
}

/// A path of unreserved characters, `/` and `%XX` escapes, starting with `/`.
fn validate_path(path: &str) -> Result<(), Error> {
    let bytes = path.as_bytes();
    if bytes.first() != Some(&b'/') {
        return Err(Error::InvalidPath);
    }
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        if b == b'%' {
            let escape_ok = bytes
                .get(at + 1..at + 3)
                .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit));
            if !escape_ok {
                return Err(Error::InvalidPath);
            }
            at += 3;
        } else if b == b'/' || is_unreserved(b) {
            at += 1;
        } else {
            return Err(Error::InvalidPath);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_hosts() {
        for good in [
            "a",
            "bedrock.amazonaws.com",
            "db:5432",
            "h:65535",
            "h:1",
            "[::1]",
            "[fe80::1]:8443",
            "10.0.0.1:443",
            "UPPER.example",
        ] {
            assert_eq!(validate_host(good), Ok(()), "{good}");
        }
        for bad in [
            "", " a", "a b", "a/b", "a?b", "a#b", "u@h", "h:", "h:0", "h:080", "h:65536",
            "h:123456", "h:1:2", "[::1", "[]", "[::1]x", "[::1]:", "[g::]", "a]", "é.com", "a\tb",
            ":80",
        ] {
            assert_eq!(validate_host(bad), Err(Error::InvalidHost), "{bad:?}");
        }
    }

    #[test]
    fn checks_paths() {
        for good in ["/", "/a-b_c.d~e", "/%2F%aa", "//x/"] {
            assert_eq!(validate_path(good), Ok(()), "{good}");
        }
        for bad in [
            "", "a", "/a b", "/%", "/%2", "/%zz", "/a?b", "/a#b", "/é", "/a+b",
        ] {
            assert_eq!(validate_path(bad), Err(Error::InvalidPath), "{bad:?}");
        }
    }
}
