//! Property tests for the invariants the fuzz targets check, so plain
//! `cargo test` covers them too.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use core::time::Duration;

use proptest::prelude::*;
use sigv4_bearer::{
    inspect_into, presign_url_into, verify_into, Credentials, Error, Request, Service,
    SigningScope, Timestamp,
};

const LAST_SECOND: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z

fn access_key_id() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_]{1,128}"
}

fn region() -> impl Strategy<Value = String> {
    "[a-z0-9-]{1,64}"
}

fn service() -> impl Strategy<Value = Service<'static>> {
    prop_oneof![Just(Service::BEDROCK), Just(Service::EXTERNAL_ANTHROPIC)]
}

prop_compose! {
    /// Any valid token inputs: printable and non-ASCII secrets and session
    /// tokens, every signable second, 1 s ..= 12 h.
    fn token_inputs()(
        service in service(),
        id in access_key_id(),
        secret in "\\PC{1,100}",
        session in proptest::option::of("\\PC{1,300}"),
        region in region(),
        now in 0..=LAST_SECOND,
        lifetime in 1..=43_200u64,
    ) -> (Service<'static>, String, String, Option<String>, String, i64, u64) {
        (service, id, secret, session, region, now, lifetime)
    }
}

fn credentials<'a>(id: &'a str, secret: &'a str, session: Option<&'a str>) -> Credentials<'a> {
    let creds = Credentials::new(id, secret);
    match session {
        Some(token) => creds.with_session_token(token),
        None => creds,
    }
}

proptest! {
    /// Encoded output holds only unreserved characters and uppercase `%XX`,
    /// and decodes back to the input.
    #[test]
    fn encoded_values_are_unreserved_or_escapes(value in "\\PC*") {
        let creds = Credentials::new("AKIDEXAMPLE", "secret");
        let request = Request { host: "h.example", query: &[("k", value.as_str())], ..Request::default() };
        let mut buf = vec![0u8; 3 * value.len() + 512];
        let now = Timestamp::from_unix_secs(1_735_787_045);
        let url = presign_url_into(&request, SigningScope { region: "us-east-1", signing_name: "svc" }, &creds, now, Duration::from_secs(60), &mut buf).unwrap();
        let encoded = url.strip_prefix("https://h.example/?k=").unwrap().split('&').next().unwrap();
        let bytes = encoded.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            if bytes[at] == b'%' {
                prop_assert!(bytes[at + 1..at + 3].iter().all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(b)));
                at += 3;
            } else {
                prop_assert!(bytes[at].is_ascii_alphanumeric() || b"-_.~".contains(&bytes[at]), "{}", encoded);
                at += 1;
            }
        }
        let decoded = String::from_utf8(percent_encoding::percent_decode_str(encoded).collect()).unwrap();
        prop_assert_eq!(decoded, value.as_str());
    }

    /// A token inspects back to its inputs, verifies with its secret at its
    /// signing time and up to its last second, and fails with another secret.
    #[test]
    fn tokens_round_trip_through_inspect_and_verify((service, id, secret, session, region, now, lifetime) in token_inputs()) {
        let creds = credentials(&id, &secret, session.as_deref());
        let at = Timestamp::from_unix_secs(now);
        let mut token_buf = vec![0u8; 8192];
        let token = service.presign_into(&creds, &region, at, Duration::from_secs(lifetime), &mut token_buf).unwrap();
        let mut buf = vec![0u8; token.len()];
        let info = inspect_into(token, &mut buf).unwrap();
        prop_assert_eq!(info.service(), service);
        prop_assert_eq!(info.region(), region.as_str());
        prop_assert_eq!(info.access_key_id(), id.as_str());
        prop_assert_eq!(info.signed_at(), at);
        prop_assert_eq!(info.lifetime(), Duration::from_secs(lifetime));
        prop_assert_eq!(info.has_session_token(), session.is_some());
        prop_assert_eq!(verify_into(token, &secret, at, Duration::ZERO, &mut buf), Ok(info.clone()));
        let last = Timestamp::from_unix_secs(now + lifetime as i64 - 1);
        prop_assert!(verify_into(token, &secret, last, Duration::ZERO, &mut buf).is_ok());
        let other = format!("{secret}x");
        prop_assert_eq!(verify_into(token, &other, at, Duration::ZERO, &mut buf), Err(Error::SignatureMismatch));
    }

    /// Any single flipped byte makes verification fail.
    #[test]
    fn tampered_tokens_fail((service, id, secret, session, region, now, lifetime) in token_inputs(), pick in any::<prop::sample::Index>(), mask in 1u8..=127) {
        let creds = credentials(&id, &secret, session.as_deref());
        let at = Timestamp::from_unix_secs(now);
        let mut token_buf = vec![0u8; 8192];
        let token = service.presign_into(&creds, &region, at, Duration::from_secs(lifetime), &mut token_buf).unwrap();
        let mut bytes = token.as_bytes().to_vec();
        let i = pick.index(bytes.len());
        bytes[i] ^= mask;
        if let Ok(tampered) = String::from_utf8(bytes) {
            let mut buf = vec![0u8; tampered.len()];
            prop_assert!(verify_into(&tampered, &secret, at, Duration::ZERO, &mut buf).is_err());
        }
    }

    /// `presign_into` writes the token, or says exactly how much room it needs.
    #[test]
    fn any_buffer_size_gets_the_token_or_its_exact_size((service, id, secret, session, region, now, lifetime) in token_inputs(), size in 0usize..2048) {
        let creds = credentials(&id, &secret, session.as_deref());
        let at = Timestamp::from_unix_secs(now);
        let mut full = vec![0u8; 8192];
        let token = service.presign_into(&creds, &region, at, Duration::from_secs(lifetime), &mut full).unwrap().to_owned();
        let mut buf = vec![0u8; size];
        match service.presign_into(&creds, &region, at, Duration::from_secs(lifetime), &mut buf) {
            Ok(written) => prop_assert_eq!(written, token.as_str()),
            Err(err) => {
                prop_assert_eq!(err, Error::BufferTooSmall { needed: token.len() });
                prop_assert!(size < token.len());
            }
        }
    }

    /// Whatever `inspect` is given, it answers without panicking.
    #[test]
    fn inspect_never_panics(text in "\\PC*", prefixed in any::<bool>()) {
        let token = if prefixed { format!("bedrock-api-key-{text}") } else { text };
        let mut buf = vec![0u8; token.len()];
        let _ = inspect_into(&token, &mut buf);
        let _ = sigv4_bearer::inspect_url(&token);
    }
}
