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
        match header {
            // `host:` in one write: the name is a lowercase constant.
            Header::Host => {
                out.put_str(header::HOST_KEY);
                put_lowercase(out, host_header_value(c.inputs.request.host()));
            }
            Header::Extra(_, value) => {
                put_name::<R>(out, header);
                out.put(b":");
                if R::OWN_HEADERS {
                    put_trimmed(out, value);
                } else {
                    out.put_str(value);
                }
            }
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
        put_name::<R>(out, header);
    });
}

/// A header's name, lowercase: without headers of its own, a request's
/// are `host` and the signer's, lowercase already. Inlined: as a frame of
/// its own it took 24 B more of v6-M stack under the hash.
#[inline(always)]
fn put_name<R: RequestParts>(out: &mut (impl Sink + ?Sized), header: Header<'_>) {
    if R::OWN_HEADERS {
        put_lowercase(out, header.name());
    } else {
        out.put_str(header.name());
    }
}

/// Visits the signed headers sorted by lowercase name.
fn for_each_header<'s, R: RequestParts>(
    c: &'s CanonicalRequest<'_, '_, R>,
    visit: impl FnMut(Header<'s>),
) {
    let signer = match c.auth {
        AuthPlacement::Query { .. } | AuthPlacement::Written(_) => &[],
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
    // The last four bytes compared as one array, not `strip_suffix`'s slice
    // compare: that one can stay an out-of-line call to memcmp in the C
    // archive's LTO module (132 B of a C token program).
    if host.as_bytes().last_chunk::<4>() == Some(b":443") {
        if let Some((name, _)) = host.split_at_checked(host.len().saturating_sub(4)) {
            return name;
        }
    }
    host
}

fn cmp_lowercase(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|b| b.to_ascii_lowercase())
        .cmp(b.bytes().map(|b| b.to_ascii_lowercase()))
}

/// Writes ASCII text lowercased: in one write when it already is (a
/// token's host and header names), byte by byte only when it is not.
fn put_lowercase(sink: &mut (impl Sink + ?Sized), text: &str) {
    if !text.bytes().any(|b| b.is_ascii_uppercase()) {
        return sink.put_str(text);
    }
    for b in text.bytes() {
        sink.put(&[b.to_ascii_lowercase()]);
    }
}

/// A header value with its ends trimmed and inner runs of blanks made one
/// space, as SigV4's canonical headers require.
fn put_trimmed(sink: &mut (impl Sink + ?Sized), value: &str) {
    // A loop over the bytes, not `split_ascii_whitespace`: its iterator
    // adapters cost small firmware more flash. Each word goes in one write.
    let mut rest = value.as_bytes();
    let mut first = true;
    while let Some(start) = rest.iter().position(|b| !b.is_ascii_whitespace()) {
        let word = rest.get(start..).unwrap_or_default();
        let end = word
            .iter()
            .position(u8::is_ascii_whitespace)
            .unwrap_or(word.len());
        if !core::mem::take(&mut first) {
            sink.put(b" ");
        }
        sink.put(word.get(..end).unwrap_or_default());
        rest = word.get(end..).unwrap_or_default();
    }
}

#[cfg(test)]
#[allow(clippy::std_instead_of_alloc)]
mod tests {
    use std::string::String;
    use std::vec::Vec;

    use super::*;
    use crate::sink::SliceWriter;

    /// Lowercased as `to_ascii_lowercase` does, whether or not there is
    /// anything to lowercase.
    #[test]
    fn lowercases_ascii() {
        for text in [
            "host",
            "Host",
            "Tokens.Example.COM:8443",
            "x-amz-date",
            "",
            "É-Z",
        ] {
            let mut buf = [0u8; 64];
            let mut out = SliceWriter::new(&mut buf);
            put_lowercase(&mut out, text);
            assert_eq!(
                out.finish(),
                Ok(text.to_ascii_lowercase().as_str()),
                "{text:?}"
            );
        }
    }

    /// Trimmed as `split_ascii_whitespace` splits, words joined by one space.
    #[test]
    fn trims_and_squeezes_ascii_blanks() {
        let blanks = [" ", "\t", "\n", "\r", "\x0c", "  \t "];
        let words = ["", "a", "bc", "x-y", "\u{a0}", "é"];
        let mut values = Vec::new();
        for a in blanks {
            for w in words {
                for b in blanks {
                    for v in words {
                        values.push(String::from(w) + a + v + b);
                        values.push(String::from(a) + w + b + v + a);
                    }
                }
            }
        }
        for value in &values {
            let want = value.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
            let mut buf = [0u8; 64];
            let mut out = SliceWriter::new(&mut buf);
            put_trimmed(&mut out, value);
            let len = out.finish_len().unwrap();
            assert_eq!(&buf[..len], want.as_bytes(), "{value:?}");
        }
    }
}
