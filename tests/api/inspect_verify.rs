//! Reading tokens back: every official generator's token inspects to the
//! inputs that made it and verifies with its secret; every tampered one fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use crate::common;
use core::time::Duration;

use crate::common::{load, Vector};
use sigv4_bearer::{inspect_into, inspect_url, verify_into, Error, Service, Timestamp, TokenInfo};

fn inspect_token(token: &str) -> Result<TokenInfo<'static>, Error> {
    inspect_into(token, &mut vec![0u8; token.len()])
}

fn verify_token(token: &str, secret: &str, now: Timestamp) -> Result<TokenInfo<'static>, Error> {
    verify_into(
        token,
        secret,
        now,
        Duration::ZERO,
        &mut vec![0u8; token.len()],
    )
}

fn official_tokens() -> Vec<(Service<'static>, Vector)> {
    let mut all = Vec::new();
    for (file, service) in [
        (common::BEDROCK_PYTHON, Service::BEDROCK),
        (
            common::EXTERNAL_ANTHROPIC_PYTHON,
            Service::EXTERNAL_ANTHROPIC,
        ),
        (common::BEDROCK_JS, Service::BEDROCK),
    ] {
        all.extend(load(file).into_iter().map(|v| (service, v)));
    }
    all
}

#[test]
fn every_official_token_inspects_to_its_inputs_and_verifies() {
    let tokens = official_tokens();
    for (service, v) in &tokens {
        let token = v.str("token");
        let info = inspect_token(token).unwrap_or_else(|e| panic!("{}: {e}", v.name()));
        let lifetime = Duration::from_secs(v.int("expires_in_secs") as u64);
        assert_eq!(info.service(), *service, "{}", v.name());
        assert_eq!(info.host(), service.host());
        assert_eq!(info.signing_name(), service.signing_name());
        assert_eq!(info.region(), v.str("region"), "{}", v.name());
        assert_eq!(info.access_key_id(), v.str("access_key_id"), "{}", v.name());
        assert_eq!(info.signed_at(), v.now(), "{}", v.name());
        assert_eq!(info.lifetime(), lifetime, "{}", v.name());
        assert_eq!(info.expires_at(), v.now().checked_add(lifetime).unwrap());
        assert_eq!(
            info.has_session_token(),
            v.opt_str("session_token").is_some()
        );
        assert_eq!(info.version(), 1);
        let url = common::decode_token(token, service.prefix());
        assert!(
            url.contains(&format!("X-Amz-Signature={}", info.signature())),
            "{}",
            v.name()
        );

        let secret = v.str("secret_access_key");
        assert_eq!(
            verify_token(token, secret, v.now()).as_ref(),
            Ok(&info),
            "{}",
            v.name()
        );
        let last_second = Timestamp::from_unix_secs(info.expires_at().as_unix_secs() - 1);
        assert!(
            verify_token(token, secret, last_second).is_ok(),
            "{}",
            v.name()
        );
        assert_eq!(
            verify_token(token, "another-secret", v.now()),
            Err(Error::SignatureMismatch)
        );
        let one_past = Timestamp::from_unix_secs(info.expires_at().as_unix_secs() + 1);
        assert_eq!(
            verify_token(token, secret, one_past),
            Err(Error::TokenExpired),
            "{}",
            v.name()
        );
        assert_eq!(
            verify_token(token, secret, info.expires_at()),
            Err(Error::TokenExpired)
        );
    }
    assert_eq!(tokens.len(), 360);
}

#[test]
fn any_single_byte_flipped_fails_verification() {
    let mut flips = 0;
    for (n, (_, v)) in official_tokens().iter().enumerate() {
        let token = v.str("token").as_bytes();
        let secret = v.str("secret_access_key");
        // Ten positions spread over each token, shifted per vector, and every
        // position of every 30th token.
        let positions: Vec<usize> = if n % 30 == 0 {
            (0..token.len()).collect()
        } else {
            (0..10)
                .map(|k| (k * token.len() / 10 + n) % token.len())
                .collect()
        };
        for at in positions {
            for mask in [0x01, 0x20] {
                let mut tampered = token.to_vec();
                tampered[at] ^= mask;
                let Ok(tampered) = String::from_utf8(tampered) else {
                    continue;
                };
                let result = verify_token(&tampered, secret, v.now());
                assert!(
                    result.is_err(),
                    "{}: flip {mask:#x} at {at} verified",
                    v.name()
                );
                flips += 1;
            }
        }
    }
    println!("{flips} tampered tokens refused");
    assert!(flips >= 1000, "only {flips} flips");
}

#[test]
fn verify_refuses_tokens_signed_in_the_future_beyond_the_skew() {
    let v = &load(common::BEDROCK_PYTHON)[20];
    let (token, secret) = (v.str("token"), v.str("secret_access_key"));
    let early = Timestamp::from_unix_secs(v.now().as_unix_secs() - 60);
    let mut buf = vec![0u8; token.len()];
    assert_eq!(
        verify_into(token, secret, early, Duration::from_secs(59), &mut buf),
        Err(Error::NotYetValid)
    );
    assert!(verify_into(token, secret, early, Duration::from_secs(60), &mut buf).is_ok());
}

#[test]
fn presigned_urls_inspect_to_their_inputs() {
    for v in load(common::PRESIGN_URL_BOTOCORE) {
        let info = inspect_url(v.str("url")).unwrap_or_else(|e| panic!("{}: {e}", v.name()));
        assert_eq!(info.host(), v.str("host"), "{}", v.name());
        assert_eq!(info.path(), v.str("path"), "{}", v.name());
        assert_eq!(info.signing_name(), v.str("service"));
        assert_eq!(info.region(), v.str("region"));
        assert_eq!(info.access_key_id(), v.str("access_key_id"));
        assert_eq!(info.signed_at(), v.now());
        assert_eq!(
            info.lifetime(),
            Duration::from_secs(v.int("expires_in_secs") as u64)
        );
        assert_eq!(
            info.has_session_token(),
            v.opt_str("session_token").is_some()
        );
    }
    for v in load(common::DB_TOKENS_BOTO3) {
        let url = format!("https://{}", v.str("token"));
        let info = inspect_url(&url).unwrap_or_else(|e| panic!("{}: {e}", v.name()));
        assert_eq!(info.region(), v.str("region"));
        assert_eq!(
            info.signing_name(),
            if v.str("kind") == "rds" {
                "rds-db"
            } else {
                "dsql"
            }
        );
        assert_eq!(
            info.lifetime(),
            Duration::from_secs(v.int("expires_in_secs") as u64)
        );
    }
}
