//! The credential scope, `day/region/service/aws4_request`: what a
//! signature is bound to besides the request, each part checked here.

use crate::amz_date::AmzDate;
use crate::error::Error;
use crate::protocol::SCOPE_TERMINATOR;
use crate::sink::Sink;
use crate::timestamp::Timestamp;

/// The longest region accepted; AWS's are about 20 bytes.
pub(crate) const MAX_REGION_LEN: usize = 64;

/// The credential scope's region and signing name, named at the call site so
/// that the two strings cannot be swapped.
///
/// ```
/// use sigv4_bearer::SigningScope;
///
/// let scope = SigningScope { region: "us-east-1", signing_name: "rds-db" };
/// # let _ = scope;
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SigningScope<'a> {
    /// The AWS region, such as `us-east-1`: 1 ..= 64 of `a-z`, `0-9`, `-`.
    pub region: &'a str,
    /// The service's signing name, such as `rds-db` or `s3` (not always its
    /// endpoint prefix): ASCII letters, digits, `-`, `_`, `.`.
    pub signing_name: &'a str,
}

/// A signing time, region and signing name, all checked.
#[derive(Clone, Copy)]
pub(crate) struct Scope<'a> {
    date: AmzDate,
    region: &'a str,
    signing_name: &'a str,
}

impl<'a> Scope<'a> {
    /// # Errors
    /// [`Error::InvalidRegion`], [`Error::InvalidSigningName`] or
    /// [`Error::TimeOutOfRange`], in that order.
    pub(crate) fn new(now: Timestamp, scope: SigningScope<'a>) -> Result<Self, Error> {
        Self::with_name_check(now, scope, true)
    }

    /// [`Scope::new`], the signing name checked only if `check_name` (not
    /// when it is one of the library's own constants, checked by its tests).
    pub(crate) fn with_name_check(
        now: Timestamp,
        scope: SigningScope<'a>,
        check_name: bool,
    ) -> Result<Self, Error> {
        let SigningScope {
            region,
            signing_name,
        } = scope;
        validate_region(region)?;
        if check_name {
            validate_signing_name(signing_name)?;
        }
        Ok(Scope {
            date: AmzDate::new(now)?,
            region,
            signing_name,
        })
    }

    /// The signing time, `YYYYMMDDTHHMMSSZ`.
    pub(crate) fn date(&self) -> &AmzDate {
        &self.date
    }

    /// The signing day, `YYYYMMDD`: a signing key serves only it.
    pub(crate) fn day(&self) -> &str {
        self.date.day()
    }

    /// The four parts, in order.
    pub(crate) fn parts(&self) -> [&[u8]; 4] {
        [
            self.date.day_bytes(),
            self.region.as_bytes(),
            self.signing_name.as_bytes(),
            SCOPE_TERMINATOR.as_bytes(),
        ]
    }

    /// The region.
    pub(crate) fn region(&self) -> &str {
        self.region
    }

    /// The signing name.
    pub(crate) fn signing_name(&self) -> &str {
        self.signing_name
    }

    /// `day/region/service/aws4_request`.
    pub(crate) fn put(&self, out: &mut (impl Sink + ?Sized)) {
        for (n, part) in self.parts().iter().enumerate() {
            if n > 0 {
                out.put(b"/");
            }
            out.put(part);
        }
    }
}

/// 1 ..= 64 of `a-z`, `0-9`, `-`.
pub(crate) fn validate_region(region: &str) -> Result<(), Error> {
    let ok = !region.is_empty()
        && region.len() <= MAX_REGION_LEN
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidRegion)
    }
}

/// Non-empty: ASCII letters, digits, `-`, `_`, `.`.
pub(crate) fn validate_signing_name(name: &str) -> Result<(), Error> {
    let ok = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidSigningName)
    }
}
