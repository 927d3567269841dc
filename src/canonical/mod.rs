//! SigV4 step 1, the canonical request: method, canonical path, canonical
//! query, canonical headers, signed headers and payload hash, each from its
//! own file here, written into a hash (or a counter, or the URL itself).

mod headers;
mod parts;
mod path;
mod query;

use core::cmp::Ordering;

use sha2::{Digest, Sha256};

pub(crate) use headers::{put_signed_header_names, Header};
pub(crate) use parts::RequestParts;
pub(crate) use query::{auth_value, put_auth_param, put_separator, put_value, Value};

use crate::inputs::Inputs;
use crate::request::Request;
use crate::sink::{narrow, Sink};

/// A session token already percent-encoded, as it stands in the URL being
/// written or in the token being verified: the one long value, never
/// encoded twice.
#[derive(Clone, Copy)]
pub(crate) struct EncodedSessionToken<'t>(pub(crate) &'t [u8]);

/// Where the signature's own values go, and so what else is signed.
#[derive(Clone, Copy)]
pub(crate) enum AuthPlacement<'t> {
    /// A presigned URL: the auth values are query parameters.
    Query {
        expires_secs: u32,
        session_token: Option<EncodedSessionToken<'t>>,
    },
    /// A presigned URL already written: the auth parameters as they stand
    /// in it, in the canonical query's order (see [`WrittenAuth`]).
    Written(WrittenAuth<'t>),
    /// Signed headers: the signer's own (`x-amz-date`, ...), lowercase
    /// names and values with nothing to trim, sorted by name (all after
    /// `host`), are signed with the caller's.
    Headers {
        signer_headers: &'t [(&'t str, &'t str)],
    },
}

/// A written URL's auth parameters but the signature, as its own bytes:
/// hashed in three writes, not written again one piece at a time. The URL
/// holds them in botocore's order, the session token after the signed
/// headers; the canonical query sorts it before them.
#[derive(Clone, Copy)]
pub(crate) struct WrittenAuth<'t> {
    /// Three runs: `X-Amz-Algorithm=` up to the lifetime's value (no
    /// separator in front: it may come first), `&X-Amz-SignedHeaders=` and
    /// the names, and `&X-Amz-Security-Token=` and its encoded value (or
    /// nothing).
    pub(crate) runs: &'t [u8],
    pub(crate) first_run_len: usize,
    pub(crate) signed_headers_len: usize,
}

/// What one canonical request is written from: a caller's request, or
/// another kind of [`RequestParts`].
#[derive(Clone, Copy)]
pub(crate) struct CanonicalRequest<'s, 'a, R = Request<'a>> {
    pub(crate) inputs: &'s Inputs<'a, R>,
    pub(crate) auth: AuthPlacement<'s>,
    /// 64 lowercase hex digits, or `UNSIGNED-PAYLOAD`.
    pub(crate) payload_hash: &'s str,
}

impl<R: RequestParts> CanonicalRequest<'_, '_, R> {
    /// The SHA-256 of the canonical request.
    pub(crate) fn sha256(&self) -> [u8; 32] {
        let mut hash = Sha256::new();
        self.put(narrow(&mut hash));
        hash.finalize().into()
    }

    pub(crate) fn put(&self, out: &mut (impl Sink + ?Sized)) {
        let request = &self.inputs.request;
        request.put_method_and_path(out, self.inputs.rules);
        query::put_canonical_query(out, self);
        out.put(b"\n");
        headers::put_canonical_headers(out, self);
        out.put(b"\n");
        put_signed_header_names(out, self);
        out.put(b"\n");
        out.put_str(self.payload_hash);
    }
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
