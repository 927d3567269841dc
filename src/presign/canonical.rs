//! The canonical request SigV4 signs, and the presigned URL's query: both
//! written from the same parameter list through the same encoder.

use core::cmp::Ordering;

use super::{Presign, ALGORITHM, EMPTY_PAYLOAD_SHA256};
use crate::encode::{cmp_encoded, Encoded};
use crate::request::{put_canonical_path, put_host_header, put_lowercase, put_trimmed};
use crate::sink::Sink;

/// One URL query parameter; values are written through the encoder.
#[derive(Clone, Copy)]
pub(super) enum Value<'a> {
    Text(&'a str),
    /// Already percent-encoded: written as it is.
    Encoded(&'a [u8]),
    Credential,
    Expires,
    SignedHeaders,
}

/// One signed header: `host` (from the request's host) or a caller's.
#[derive(Clone, Copy)]
enum Header<'a> {
    Host,
    Extra(&'a str, &'a str),
}

impl Header<'_> {
    fn name(&self) -> &str {
        match *self {
            Header::Host => "host",
            Header::Extra(name, _) => name,
        }
    }
}

impl Presign<'_> {
    /// The signed URL's exact length.
    pub(crate) fn url_len(&self, with_scheme: bool) -> usize {
        let mut counter = crate::sink::Counter::default();
        self.put_url_head(crate::sink::narrow(&mut counter), with_scheme);
        counter
            .0
            .saturating_add(self.session_token_len)
            .saturating_add(URL_TAIL_LEN)
    }

    /// The URL up to the session token's value: `host/path?`, the caller's
    /// parameters, the auth parameters in botocore's order, and last
    /// `X-Amz-Security-Token=` when there is a session token.
    pub(super) fn put_url_head(&self, out: &mut (impl Sink + ?Sized), with_scheme: bool) {
        if with_scheme {
            out.put(b"https://");
        }
        out.put_str(self.request.host);
        out.put_str(self.request.path);
        out.put(b"?");
        for (n, &(key, value)) in self.request.query.iter().enumerate() {
            if n > 0 {
                out.put(b"&");
            }
            self.put_param(out, key, Value::Text(value));
        }
        let [algorithm, credential, date, expires, _, signed_headers] = self.auth_params_sorted();
        let auth = [algorithm, credential, date, expires, signed_headers];
        for (n, (key, value)) in auth.into_iter().flatten().enumerate() {
            if n > 0 || !self.request.query.is_empty() {
                out.put(b"&");
            }
            self.put_auth_param(out, key, value);
        }
        if self.session_token().is_some() {
            out.put(b"&X-Amz-Security-Token=");
        }
    }

    /// The session token's value in the URL and the canonical query, if any.
    pub(super) fn put_session_token(&self, out: &mut (impl Sink + ?Sized)) {
        if let Some(token) = self.session_token() {
            self.put_value(out, token);
        }
    }

    /// `day/region/service/aws4_request`.
    pub(super) fn put_scope(&self, out: &mut (impl Sink + ?Sized)) {
        for (n, part) in self.scope_parts().into_iter().enumerate() {
            if n > 0 {
                out.put(b"/");
            }
            out.put_str(part);
        }
    }

    fn scope_parts(&self) -> [&str; 4] {
        [
            self.date.day(),
            self.region,
            self.signing_name,
            "aws4_request",
        ]
    }

    pub(super) fn put_canonical_request(&self, out: &mut (impl Sink + ?Sized)) {
        out.put_str(self.request.method);
        out.put(b"\n");
        put_canonical_path(out, self.request.path);
        out.put(b"\n");
        // Caller keys never start with `X-Amz-`, so each sorts wholly before
        // or after the auth keys, which are already in sorted order.
        let caller = |before_auth: bool| {
            let query = self.request.query.iter();
            query.filter(move |(key, _)| cmp_encoded(key, "X-Amz-").is_lt() == before_auth)
        };
        for_each_sorted(
            || caller(true),
            |a, b| cmp_encoded(a.0, b.0),
            |&(key, value)| {
                self.put_param(out, key, Value::Text(value));
                out.put(b"&");
            },
        );
        for (n, (key, value)) in self.auth_params_sorted().into_iter().flatten().enumerate() {
            if n > 0 {
                out.put(b"&");
            }
            self.put_auth_param(out, key, value);
        }
        for_each_sorted(
            || caller(false),
            |a, b| cmp_encoded(a.0, b.0),
            |&(key, value)| {
                out.put(b"&");
                self.put_param(out, key, Value::Text(value));
            },
        );
        out.put(b"\n");
        self.for_each_header(|header| {
            put_lowercase(out, header.name());
            out.put(b":");
            match header {
                Header::Host => put_host_header(out, self.request.host),
                Header::Extra(_, value) => put_trimmed(out, value),
            }
            out.put(b"\n");
        });
        out.put(b"\n");
        self.put_signed_headers(out);
        out.put(b"\n");
        out.put_str(EMPTY_PAYLOAD_SHA256);
    }

    /// The auth parameters in sorted order; the session token only with
    /// temporary credentials.
    fn auth_params_sorted(&self) -> [Option<(&str, Value<'_>)>; 6] {
        let token = self.session_token();
        [
            // The algorithm and the date are their own encoding.
            Some(("X-Amz-Algorithm", Value::Encoded(ALGORITHM.as_bytes()))),
            Some(("X-Amz-Credential", Value::Credential)),
            Some(("X-Amz-Date", Value::Encoded(self.date.as_str().as_bytes()))),
            Some(("X-Amz-Expires", Value::Expires)),
            token.map(|token| ("X-Amz-Security-Token", token)),
            Some(("X-Amz-SignedHeaders", Value::SignedHeaders)),
        ]
    }

    /// The session token as it is to be written: already encoded (from a
    /// token being verified, or from the URL just written), or the
    /// credentials' own.
    pub(super) fn session_token(&self) -> Option<Value<'_>> {
        self.encoded_session_token
            .map(Value::Encoded)
            .or_else(|| self.credentials.session_token().map(Value::Text))
    }

    /// A caller's `key=value`, both percent-encoded.
    fn put_param(&self, out: &mut (impl Sink + ?Sized), key: &str, value: Value<'_>) {
        Encoded(&mut *out).put_str(key);
        out.put(b"=");
        self.put_value(out, value);
    }

    /// An auth parameter's `key=value`: the `X-Amz-` keys are their own
    /// encoding, so only the value goes through the encoder.
    fn put_auth_param(&self, out: &mut (impl Sink + ?Sized), key: &str, value: Value<'_>) {
        out.put_str(key);
        out.put(b"=");
        self.put_value(out, value);
    }

    /// A parameter's value, percent-encoded unless it already is.
    fn put_value(&self, out: &mut (impl Sink + ?Sized), value: Value<'_>) {
        let mut out = Encoded(out);
        match value {
            Value::Text(text) => out.put_str(text),
            Value::Encoded(text) => out.0.put(text),
            Value::Credential => {
                // `access key id/scope`: each part encoded on its own and
                // each `/` written as `%2F`, so the encoder sees no slash.
                out.put_str(self.credentials.access_key_id());
                for part in self.scope_parts() {
                    out.0.put(b"%2F");
                    out.put_str(part);
                }
            }
            Value::Expires => put_decimal(&mut out, self.expires_secs),
            Value::SignedHeaders => self.put_signed_headers(&mut out),
        }
    }

    /// Visits `host` and the caller's headers sorted by lowercase name.
    fn for_each_header(&self, visit: impl FnMut(Header<'_>)) {
        let headers = || {
            let extra = self
                .request
                .headers
                .iter()
                .map(|&(name, value)| Header::Extra(name, value));
            core::iter::once(Header::Host).chain(extra)
        };
        for_each_sorted(headers, |a, b| cmp_lowercase(a.name(), b.name()), visit);
    }

    /// `host;x-extra`: the sorted lowercase names.
    fn put_signed_headers(&self, out: &mut (impl Sink + ?Sized)) {
        let mut first = true;
        self.for_each_header(|header| {
            if !first {
                out.put(b";");
            }
            first = false;
            put_lowercase(out, header.name());
        });
    }
}

fn cmp_lowercase(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|b| b.to_ascii_lowercase())
        .cmp(b.bytes().map(|b| b.to_ascii_lowercase()))
}

/// Visits `items()` in ascending order without allocating: each round picks
/// the least item above the one visited last. Items must be distinct under `cmp`.
fn for_each_sorted<T: Copy, I: Iterator<Item = T>>(
    items: impl Fn() -> I,
    cmp: impl Fn(&T, &T) -> Ordering,
    mut visit: impl FnMut(T),
) {
    let mut last: Option<T> = None;
    while let Some(next) = items()
        .filter(|item| last.as_ref().is_none_or(|last| cmp(item, last).is_gt()))
        .min_by(|a, b| cmp(a, b))
    {
        visit(next);
        last = Some(next);
    }
}

const SIGNATURE_KEY: &[u8] = b"&X-Amz-Signature=";

/// The length of [`put_url_tail`]'s output.
pub(super) const URL_TAIL_LEN: usize = SIGNATURE_KEY.len() + 64;

/// The URL's end: `&X-Amz-Signature=` and the hex signature.
pub(super) fn put_url_tail(out: &mut (impl Sink + ?Sized), signature: &[u8; 64]) {
    out.put(SIGNATURE_KEY);
    out.put(signature);
}

/// Writes `n` in decimal.
fn put_decimal(out: &mut (impl Sink + ?Sized), mut n: u32) {
    let mut digits = [0u8; 10];
    let mut start = digits.len();
    loop {
        start -= 1;
        if let Some(slot) = digits.get_mut(start) {
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || start == 0 {
            break;
        }
    }
    out.put(digits.get(start..).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sink::SliceWriter;

    #[test]
    fn writes_decimals() {
        for (n, want) in [
            (0u32, "0"),
            (7, "7"),
            (900, "900"),
            (43_200, "43200"),
            (u32::MAX, "4294967295"),
        ] {
            let mut buf = [0u8; 16];
            let mut w = SliceWriter::new(&mut buf);
            put_decimal(&mut w, n);
            assert_eq!(w.finish(), Ok(want));
        }
    }
}
