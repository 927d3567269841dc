//! The canonical query, and the parameter writers the presigned URL's query
//! shares with it: the same encoder writes both, so they cannot disagree.

use super::{
    for_each_sorted, put_signed_header_names, AuthPlacement, CanonicalRequest, RequestParts,
};
use crate::percent::cmp_encoded;
use crate::protocol::query::{self, AuthParam};
use crate::protocol::ALGORITHM;
use crate::sink::{Encoded, Sink};

/// One auth parameter's value.
#[derive(Clone, Copy)]
pub(crate) enum Value<'a> {
    /// Already percent-encoded: written as it is.
    Encoded(&'a [u8]),
    /// `access key id/scope`.
    Credential,
    /// The lifetime in seconds.
    Expires,
    /// The signed header names.
    SignedHeaders,
}

/// The caller's parameters and, for a presigned URL, the auth parameters,
/// sorted by encoded name, `&`-joined.
pub(super) fn put_canonical_query<R: RequestParts>(
    out: &mut (impl Sink + ?Sized),
    c: &CanonicalRequest<'_, '_, R>,
) {
    // Caller keys never start with `X-Amz-`, so each sorts wholly before
    // or after the auth keys, which are already in sorted order.
    let request = &c.inputs.request;
    let mut first = true;
    request.put_canonical_params(out, &mut first, true);
    if let AuthPlacement::Written(auth) = c.auth {
        let (first_run, rest) = auth
            .runs
            .split_at_checked(auth.first_run_len)
            .unwrap_or_default();
        let (signed_headers, session_token) = rest
            .split_at_checked(auth.signed_headers_len)
            .unwrap_or_default();
        put_separator(out, &mut first);
        out.put(first_run);
        out.put(session_token);
        out.put(signed_headers);
    }
    for param in query::SORTED {
        if let Some(value) = auth_value(c, param) {
            put_auth_param(out, c, param, &mut first, value);
        }
    }
    request.put_canonical_params(out, &mut first, false);
}

/// A caller's `params` whose encoded keys sort before `X-Amz-`
/// (`before_auth`) or after it, sorted by encoded key, each after a separator.
pub(super) fn put_sorted_params(
    out: &mut (impl Sink + ?Sized),
    params: &[(&str, &str)],
    first: &mut bool,
    before_auth: bool,
) {
    for_each_sorted(
        || {
            params.iter().filter(move |(key, _)| {
                cmp_encoded(key, query::RESERVED_PREFIX).is_lt() == before_auth
            })
        },
        |a, b| cmp_encoded(a.0, b.0),
        |&(key, value)| {
            put_separator(out, first);
            put_param(out, key, value);
        },
    );
}

/// `&` before every parameter but the first.
pub(crate) fn put_separator(out: &mut (impl Sink + ?Sized), first: &mut bool) {
    if !core::mem::take(first) {
        out.put(b"&");
    }
}

/// An auth parameter's value in `c`: none when signing in headers or
/// when the URL's own bytes stand for them (`AuthPlacement::Written`), the
/// session token only with temporary credentials, and never the signature,
/// which is made from the rest.
pub(crate) fn auth_value<'c, R>(
    c: &CanonicalRequest<'c, '_, R>,
    param: AuthParam,
) -> Option<Value<'c>> {
    let AuthPlacement::Query { session_token, .. } = c.auth else {
        return None;
    };
    Some(match param {
        // The algorithm and the date are their own encoding.
        AuthParam::Algorithm => Value::Encoded(ALGORITHM.as_bytes()),
        AuthParam::Credential => Value::Credential,
        AuthParam::Date => Value::Encoded(c.inputs.scope.date().as_bytes()),
        AuthParam::Expires => Value::Expires,
        AuthParam::SecurityToken => Value::Encoded(session_token?.0),
        AuthParam::SignedHeaders => Value::SignedHeaders,
        AuthParam::Signature => return None,
    })
}

/// A caller's `key=value`, both percent-encoded.
pub(super) fn put_param(out: &mut (impl Sink + ?Sized), key: &str, value: &str) {
    Encoded(&mut *out).put_str(key);
    out.put(b"=");
    Encoded(out).put_str(value);
}

/// An auth parameter's `key=value`, after a separator unless it comes
/// `first`: the `X-Amz-` keys are their own encoding, so only the value goes
/// through the encoder, and `&key=` is one write.
pub(crate) fn put_auth_param<R: RequestParts>(
    out: &mut (impl Sink + ?Sized),
    c: &CanonicalRequest<'_, '_, R>,
    param: AuthParam,
    first: &mut bool,
    value: Value<'_>,
) {
    let key = param.key_after_another();
    let key = match core::mem::take(first) {
        true => key.get(1..).unwrap_or_default(),
        false => key,
    };
    out.put_str(key);
    put_value(out, c, value);
}

/// An auth parameter's value, percent-encoded unless it already is.
pub(crate) fn put_value<R: RequestParts>(
    out: &mut (impl Sink + ?Sized),
    c: &CanonicalRequest<'_, '_, R>,
    value: Value<'_>,
) {
    let mut out = Encoded(out);
    match value {
        Value::Encoded(text) => out.0.put(text),
        Value::Credential => {
            // `access key id/scope`: each part encoded on its own and
            // each `/` written as `%2F`, so the encoder sees no slash.
            out.put_str(c.inputs.credentials.access_key_id());
            for part in &c.inputs.scope.parts() {
                out.0.put(b"%2F");
                out.put(part);
            }
        }
        Value::Expires => {
            if let AuthPlacement::Query { expires_secs, .. } = c.auth {
                put_decimal(&mut out, expires_secs);
            }
        }
        Value::SignedHeaders => put_signed_header_names(&mut out, c),
    }
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
