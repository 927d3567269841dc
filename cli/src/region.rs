//! A region is checked with the library's own rules before any URL is built
//! from it or any credential source runs: it goes into host names.

use core::time::Duration;

use sigv4_bearer::{Credentials, Error, Service, Timestamp};

/// `Ok` if the library signs for `region`; else one line naming it and
/// where it came from (`whence`: `--region`, `AWS_REGION`, ...).
pub fn check(region: &str, whence: &str) -> Result<(), String> {
    // The library's rules, applied by the library: a throwaway token with
    // placeholder keys fails with InvalidRegion exactly when they do.
    let placeholder = Credentials::new("AKIDPLACEHOLDER", "placeholder");
    match Service::BEDROCK.presign(
        &placeholder,
        region,
        Timestamp::from_unix_secs(0),
        Duration::from_secs(1),
    ) {
        Err(Error::InvalidRegion) => Err(format!(
            "bad region {} (from {whence}): {}",
            crate::untrusted::quoted(region),
            Error::InvalidRegion
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_library_rules() {
        for ok in ["us-east-1", "eu-central-2", "x"] {
            assert!(check(ok, "t").is_ok(), "{ok}");
        }
        for bad in ["", "US-EAST-1", "x@127.0.0.1:9/#", "a.b", &"a".repeat(65)] {
            let err = check(bad, "AWS_REGION").unwrap_err();
            assert!(
                err.starts_with("bad region ") && err.contains("(from AWS_REGION)"),
                "{err}"
            );
        }
    }
}
