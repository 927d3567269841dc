//! Everything a signature is made from, each part checked once, before
//! anything is written: the request, the credentials and the scope.

use crate::canonical::RequestParts;
use crate::credentials::Credentials;
use crate::error::Error;
use crate::protocol::S3_SIGNING_NAMES;
use crate::request::Request;
use crate::scope::{Scope, SigningScope};
use crate::timestamp::Timestamp;

/// Which of botocore's two rule sets a signing name follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rules {
    /// Every service but S3: the path normalized and encoded a second time,
    /// the payload hashed.
    Standard,
    /// S3 (`s3`, `s3-object-lambda`, `s3-outposts`): the path as given,
    /// `x-amz-content-sha256` always signed, presigned URLs unsigned-payload.
    S3,
}

impl Rules {
    pub(crate) fn for_signing_name(name: &str) -> Self {
        if S3_SIGNING_NAMES.contains(&name) {
            Rules::S3
        } else {
            Rules::Standard
        }
    }
}

/// The checked inputs of one signature: a caller's request, or another
/// kind of [`RequestParts`] (a token's own).
#[derive(Clone, Copy)]
pub(crate) struct Inputs<'a, R = Request<'a>> {
    pub(crate) request: R,
    pub(crate) credentials: Credentials<'a>,
    pub(crate) scope: Scope<'a>,
    pub(crate) rules: Rules,
}

impl<'a, R: RequestParts> Inputs<'a, R> {
    /// # Errors
    /// The variant naming the first bad input: credentials, then region,
    /// signing name and time, then the request.
    pub(crate) fn new(
        request: R,
        scope: SigningScope<'a>,
        credentials: &Credentials<'a>,
        now: Timestamp,
        rules: Rules,
    ) -> Result<Self, Error> {
        // Written out, not `with_own_request` plus the request check: that
        // call cost `verify_into` 48 B of stack on the M4 (96 B on RISC-V).
        credentials.validate()?;
        let scope = Scope::new(now, scope)?;
        request.validate()?;
        Ok(Inputs {
            request,
            credentials: *credentials,
            scope,
            rules,
        })
    }

    /// [`Inputs::new`] for a request the library writes itself (a token's
    /// `POST /?Action=CallWithBearerToken`): its method, path and query are
    /// constants, so the request is not checked here; the caller checks the
    /// part that is not (a token's host), after these. Nor is the signing
    /// name when `known_signing_name` (one of the library's own constants,
    /// checked by its tests).
    ///
    /// # Errors
    /// As [`Inputs::new`] for the credentials, region, signing name and time.
    pub(crate) fn with_own_request(
        request: R,
        scope: SigningScope<'a>,
        credentials: &Credentials<'a>,
        now: Timestamp,
        rules: Rules,
        known_signing_name: bool,
    ) -> Result<Self, Error> {
        credentials.validate()?;
        let scope = Scope::with_name_check(now, scope, !known_signing_name)?;
        Ok(Inputs {
            request,
            credentials: *credentials,
            scope,
            rules,
        })
    }
}
