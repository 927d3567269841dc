//! The minting module's export. A failure is reported as a number, not as
//! text: the names and messages live in the JS glue (`failures.js`), so the
//! module that every app ships carries no error text and no `core::fmt`.

use core::mem::discriminant;
use core::time::Duration;

use sigv4_bearer::{Credentials, Error, Service, Timestamp};

use crate::io::{split, wipe, BadCall, INPUT, OUTPUT};

/// `service` values: the order of `SERVICES` in `api.js`, which is
/// `Service::KNOWN`'s.
const SERVICES: [Service<'static>; 2] = Service::KNOWN;

/// Mints a token. The input buffer holds the access key id, the secret, the
/// session token (if `has_session_token`) and the region, in that order,
/// with the given lengths; they are wiped before the call returns. Times are
/// whole seconds since the epoch; `expiration` is NaN when the credentials
/// do not expire.
///
/// Returns the token's length (the token is at the front of the output
/// buffer), or on failure `-(1 + its index in FAILURES)`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn create_token(
    service: u32,
    id_len: usize,
    secret_len: usize,
    session_token_len: usize,
    has_session_token: u32,
    region_len: usize,
    now: f64,
    expires_in: f64,
    expiration: f64,
) -> i32 {
    let lens = [id_len, secret_len, session_token_len, region_len];
    INPUT.with(|input| {
        let result = OUTPUT.with(|out| {
            let [id, secret, session_token, region] = split(input, lens)?;
            let service = usize::try_from(service)
                .ok()
                .and_then(|at| SERVICES.get(at))
                .ok_or(BadCall::UnknownService)?;
            let mut creds = Credentials::new(id, secret);
            if has_session_token != 0 {
                creds = creds.with_session_token(session_token);
            }
            if !expiration.is_nan() {
                creds = creds.with_expiration(timestamp(expiration));
            }
            let lifetime = Duration::from_secs(whole_seconds(expires_in));
            let token = service.presign_into(&creds, region, timestamp(now), lifetime, out)?;
            Ok(token.len())
        });
        wipe(
            input,
            lens.iter()
                .fold(0, |sum: usize, len| sum.saturating_add(*len)),
        );
        match result {
            Ok(len) => i32::try_from(len).unwrap_or(i32::MAX),
            Err(failure) => -1 - failure_index(failure),
        }
    })
}

/// Why a call failed: a malformed call, or the library's error.
pub(crate) enum Failure {
    Call(BadCall),
    Library(Error),
}

impl From<BadCall> for Failure {
    fn from(bad: BadCall) -> Self {
        Failure::Call(bad)
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::Library(error)
    }
}

/// Every failure `create_token` reports, in the order of `failures.js`:
/// the malformed calls, then the library's errors a token can meet (by
/// variant; their fields do not matter), then [`UNNAMED`].
pub(crate) const CALLS: [BadCall; 3] = [
    BadCall::InputsTooLong,
    BadCall::InputNotUtf8,
    BadCall::UnknownService,
];

/// See [`CALLS`].
pub(crate) const ERRORS: [Error; 11] = [
    Error::InvalidLifetime { max_secs: 43_200 },
    Error::CredentialsExpired,
    Error::TimeOutOfRange,
    Error::InvalidRegion,
    Error::InvalidAccessKeyId,
    Error::EmptySecretAccessKey,
    Error::EmptySessionToken,
    Error::BufferTooSmall { needed: 0 },
    Error::InvalidSigningName,
    Error::InvalidHost,
    Error::InvalidPrefix,
];

/// The index of an error the library may add later: "an error this
/// version of the package does not name".
pub(crate) const UNNAMED: i32 = (CALLS.len() + ERRORS.len()) as i32;

fn failure_index(failure: Failure) -> i32 {
    let at = match failure {
        Failure::Call(bad) => CALLS.iter().position(|c| *c == bad),
        Failure::Library(error) => ERRORS
            .iter()
            .position(|e| discriminant(e) == discriminant(&error))
            .map(|at| at + CALLS.len()),
    };
    at.and_then(|at| i32::try_from(at).ok()).unwrap_or(UNNAMED)
}

/// Whole seconds of a JS number; anything not a number of seconds >= 0
/// becomes 0, which every lifetime check refuses.
fn whole_seconds(secs: f64) -> u64 {
    if secs >= 0.0 {
        // Saturates at u64::MAX; the lifetime check refuses it.
        secs as u64
    } else {
        0
    }
}

fn timestamp(secs: f64) -> Timestamp {
    // Saturating; times outside the years 1970 ..= 9999 are refused.
    Timestamp::from_unix_secs(secs as i64)
}
