//! The request a presigned URL is for, and the checks and canonical forms of
//! its parts (method, host, path, query names, headers).

use crate::encode::is_unreserved;
use crate::sink::Sink;
use crate::Error;

/// An HTTP request to presign with [`presign_url_into`](crate::presign_url_into)
/// (or `presign_url` with the `alloc` feature).
///
/// Only what SigV4 query signing needs: the URL's parts and the headers the
/// client will send besides `host`. The body is taken to be empty.
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

/// Headers the AWS SDKs never sign (botocore's list): a signature over them
/// would not match what AWS computes.
const UNSIGNED_HEADERS: [&str; 14] = [
    "baggage",
    "connection",
    "expect",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "traceparent",
    "tracestate",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "user-agent",
    "x-amzn-trace-id",
];

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
            if key
                .get(..6)
                .is_some_and(|head| head.eq_ignore_ascii_case("x-amz-"))
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
            let reserved = name.eq_ignore_ascii_case("host")
                || UNSIGNED_HEADERS
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
    let (name_ok, port) = match host.strip_prefix('[') {
        Some(rest) => {
            let (inner, after) = rest.split_once(']').ok_or(Error::InvalidHost)?;
            let inner_ok = !inner.is_empty()
                && inner
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
            match after {
                "" => (inner_ok, None),
                _ => (
                    inner_ok,
                    Some(after.strip_prefix(':').ok_or(Error::InvalidHost)?),
                ),
            }
        }
        None => {
            let (name, port) = match host.split_once(':') {
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
        digits && !port.starts_with('0') && port.parse::<u32>().is_ok_and(|p| p <= 65_535)
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

/// The `host` header's value: lowercase, without the default port, as
/// HTTP clients send it and AWS signs it.
pub(crate) fn put_host_header(sink: &mut (impl Sink + ?Sized), host: &str) {
    put_lowercase(sink, host.strip_suffix(":443").unwrap_or(host));
}

/// Writes ASCII text lowercased.
pub(crate) fn put_lowercase(sink: &mut (impl Sink + ?Sized), text: &str) {
    for b in text.bytes() {
        sink.put(&[b.to_ascii_lowercase()]);
    }
}

/// A header value with its ends trimmed and inner runs of blanks made one
/// space, as SigV4's canonical headers require.
pub(crate) fn put_trimmed(sink: &mut (impl Sink + ?Sized), value: &str) {
    for (n, word) in value.split_ascii_whitespace().enumerate() {
        if n > 0 {
            sink.put(b" ");
        }
        sink.put_str(word);
    }
}

/// The canonical URI: the path with `.`/`..` segments resolved and empty
/// segments dropped, then encoded once more (`%` becomes `%25`), as AWS does
/// for every service but S3.
pub(crate) fn put_canonical_path(sink: &mut (impl Sink + ?Sized), path: &str) {
    sink.put(b"/");
    let mut wrote_segment = false;
    for (at, segment) in path.split('/').enumerate() {
        if matches!(segment, "" | "." | "..") || removed_by_later_dots(path, at) {
            continue;
        }
        if wrote_segment {
            sink.put(b"/");
        }
        for (n, piece) in segment.split('%').enumerate() {
            if n > 0 {
                sink.put(b"%25");
            }
            sink.put_str(piece);
        }
        wrote_segment = true;
    }
    if wrote_segment && path.ends_with('/') {
        sink.put(b"/");
    }
}

/// Whether a `..` after segment `at` pops it: the first `..` that meets no
/// unpopped segment between them.
fn removed_by_later_dots(path: &str, at: usize) -> bool {
    let mut open = 0usize;
    for later in path.split('/').skip(at + 1) {
        match later {
            "" | "." => {}
            ".." if open == 0 => return true,
            ".." => open -= 1,
            _ => open += 1,
        }
    }
    false
}

#[cfg(test)]
#[allow(clippy::std_instead_of_alloc)]
mod tests {
    use super::*;
    use crate::sink::SliceWriter;

    fn canonical_path(path: &str) -> std::string::String {
        let mut buf = [0u8; 128];
        let mut w = SliceWriter::new(&mut buf);
        put_canonical_path(&mut w, path);
        w.finish().unwrap().into()
    }

    #[test]
    fn normalizes_paths_like_botocore() {
        // Expected values: botocore.utils.normalize_url_path then quote(safe='/~').
        let cases = [
            ("/", "/"),
            ("//", "/"),
            ("/a/b", "/a/b"),
            ("/a/b/", "/a/b/"),
            ("/a//b", "/a/b"),
            ("/a/./b", "/a/b"),
            ("/a/../b", "/b"),
            ("/a/b/../../c/", "/c/"),
            ("/../a", "/a"),
            ("/a/..", "/"),
            ("/a/../../b/../c", "/c"),
            ("/a%20b/%2F", "/a%2520b/%252F"),
            ("/..a/.b./", "/..a/.b./"),
            // A trailing dot segment leaves no trailing slash (RFC 3986 would).
            ("/a/b/..", "/a"),
            ("/a/b/.", "/a/b"),
            ("/a/b/../", "/a/"),
            ("//x/a0.Y/..", "/x"),
        ];
        for (path, want) in cases {
            assert_eq!(canonical_path(path), want, "{path}");
        }
    }

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
