//! The canonical headers and the signed-header list: `host`, the caller's
//! headers and, when signing in headers, the signer's own, sorted by
//! lowercase name.

use core::cmp::Ordering;

use super::{for_each_sorted, AuthPlacement, CanonicalRequest, RequestParts};
use crate::protocol::header;
use crate::sink::Sink;

/// One signed header.
#[derive(Clone, Copy)]
pub(crate) enum Header<'a> {
    /// From the request's host.
    Host,
    /// A caller's, or one the header signer adds: the name in any case, the
    /// value trimmed when written (the signer's have nothing to trim).
    Extra(&'a str, &'a str),
}

impl Header<'_> {
    fn name(&self) -> &str {
        match *self {
            Header::Host => header::HOST,
            Header::Extra(name, _) => name,
        }
    }
}

/// `name:value\n` for each signed header.
pub(super) fn put_canonical_headers<R: RequestParts>(
    out: &mut (impl Sink + ?Sized),
    c: &CanonicalRequest<'_, '_, R>,
) {
    for_each_header(c, |header| {
        put_lowercase(out, header.name());
        out.put(b":");
        match header {
            Header::Host => put_lowercase(out, host_header_value(c.inputs.request.host())),
            Header::Extra(_, value) => put_trimmed(out, value),
        }
        out.put(b"\n");
    });
}

/// `host;x-extra`: the sorted lowercase names.
pub(crate) fn put_signed_header_names<R: RequestParts>(
    out: &mut (impl Sink + ?Sized),
    c: &CanonicalRequest<'_, '_, R>,
) {
    let mut first = true;
    for_each_header(c, |header| {
        if !first {
            out.put(b";");
        }
        first = false;
        put_lowercase(out, header.name());
    });
}

/// Visits the signed headers sorted by lowercase name.
fn for_each_header<'s, R: RequestParts>(
    c: &'s CanonicalRequest<'_, '_, R>,
    visit: impl FnMut(Header<'s>),
) {
    let signer = match c.auth {
        AuthPlacement::Query { .. } => &[],
        AuthPlacement::Headers { signer_headers } => signer_headers,
    };
    c.inputs.request.for_each_header(signer, visit);
}

/// `host`, a caller's `headers` and the `signer`'s, sorted by lowercase name.
pub(super) fn for_each_sorted_header<'s>(
    headers: &'s [(&'s str, &'s str)],
    signer: &'s [(&'s str, &'s str)],
    visit: impl FnMut(Header<'s>),
) {
    let headers = || {
        let extra = headers.iter().chain(signer);
        core::iter::once(Header::Host).chain(extra.map(|&(name, value)| Header::Extra(name, value)))
    };
    for_each_sorted(headers, |a, b| cmp_lowercase(a.name(), b.name()), visit);
}

/// The `host` header's value: without the default port, as HTTP clients
/// send it and AWS signs it (lowercased when written).
fn host_header_value(host: &str) -> &str {
    host.strip_suffix(":443").unwrap_or(host)
}

fn cmp_lowercase(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|b| b.to_ascii_lowercase())
        .cmp(b.bytes().map(|b| b.to_ascii_lowercase()))
}

/// Writes ASCII text lowercased.
fn put_lowercase(sink: &mut (impl Sink + ?Sized), text: &str) {
    for b in text.bytes() {
        sink.put(&[b.to_ascii_lowercase()]);
    }
}

/// A header value with its ends trimmed and inner runs of blanks made one
/// space, as SigV4's canonical headers require.
fn put_trimmed(sink: &mut (impl Sink + ?Sized), value: &str) {
    for (n, word) in value.split_ascii_whitespace().enumerate() {
        if n > 0 {
            sink.put(b" ");
        }
        sink.put_str(word);
    }
}
