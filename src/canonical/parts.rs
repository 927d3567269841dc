//! What the canonical request and the URL take from the request being
//! signed, through one trait. Two kinds implement it: a caller's
//! [`Request`], put in canonical form here by the general writers (sorted,
//! normalized, encoded), and a token's own constant request, whose forms are
//! known. Each signer is compiled for the kind it signs, so a program that
//! only mints tokens links none of the general writers; everything else in
//! the canonical request and the URL is written by the same code for both.

use super::headers::{self, Header};
use super::{path, query};
use crate::error::Error;
use crate::inputs::Rules;
use crate::request::Request;
use crate::sink::Sink;

/// A request's parts as a signature takes them.
pub(crate) trait RequestParts: Copy {
    /// Checks every part; run before anything is signed.
    fn validate(&self) -> Result<(), Error>;

    /// The URL's host, with a port if it is not 443.
    fn host(&self) -> &str;

    /// The URL's path, as given.
    fn path(&self) -> &str;

    /// The caller's parameters as the URL holds them: in the given order,
    /// percent-encoded, each after a separator (see `put_separator`).
    fn put_url_params(&self, out: &mut (impl Sink + ?Sized), first: &mut bool);

    /// The canonical request's first two lines: the method (e.g. `GET`)
    /// and the canonical path under `rules`, each ending in `\n`.
    fn put_method_and_path(&self, out: &mut (impl Sink + ?Sized), rules: Rules);

    /// The caller's parameters whose encoded keys sort before the auth
    /// parameters' `X-Amz-` keys (`before_auth`), or after them: sorted by
    /// encoded key, percent-encoded, each after a separator.
    fn put_canonical_params(
        &self,
        out: &mut (impl Sink + ?Sized),
        first: &mut bool,
        before_auth: bool,
    );

    /// Whether the request may have headers of its own (a caller's, whose
    /// values are trimmed); without, the only others are the header
    /// signer's, written as they are (see `AuthPlacement::Headers`).
    const OWN_HEADERS: bool;

    /// The length of the URL's parameters and the separator after them
    /// when they are constants (a token's), so that the URL's length can be
    /// bounded without writing it; `None` when they are a caller's.
    const CONSTANT_URL_PARAMS_LEN: Option<usize>;

    /// Visits the signed headers sorted by lowercase name: `host`, the
    /// caller's headers and `signer`'s (lowercase, sorted, each after
    /// `host`: see `AuthPlacement::Headers`).
    fn for_each_header<'s>(
        &'s self,
        signer: &'s [(&'s str, &'s str)],
        visit: impl FnMut(Header<'s>),
    );
}

/// A caller's request: every part through the general writers.
impl RequestParts for Request<'_> {
    const OWN_HEADERS: bool = true;
    const CONSTANT_URL_PARAMS_LEN: Option<usize> = None;

    fn validate(&self) -> Result<(), Error> {
        Request::validate(self)
    }

    fn host(&self) -> &str {
        self.host
    }

    fn path(&self) -> &str {
        self.path
    }

    fn put_url_params(&self, out: &mut (impl Sink + ?Sized), first: &mut bool) {
        for &(key, value) in self.query {
            query::put_separator(out, first);
            query::put_param(out, key, value);
        }
    }

    fn put_method_and_path(&self, out: &mut (impl Sink + ?Sized), rules: Rules) {
        out.put_str(self.method);
        out.put(b"\n");
        path::put_canonical_path(out, self.path, rules);
        out.put(b"\n");
    }

    fn put_canonical_params(
        &self,
        out: &mut (impl Sink + ?Sized),
        first: &mut bool,
        before_auth: bool,
    ) {
        query::put_sorted_params(out, self.query, first, before_auth);
    }

    fn for_each_header<'s>(
        &'s self,
        signer: &'s [(&'s str, &'s str)],
        visit: impl FnMut(Header<'s>),
    ) {
        headers::for_each_sorted_header(self.headers, signer, visit);
    }
}
