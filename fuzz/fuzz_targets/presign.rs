//! Arbitrary credentials, region, time, lifetime and service: never a panic;
//! a token comes back exactly when no documented rule is broken, inspects
//! back to its inputs and verifies with the secret; an error is one the
//! rules allow.
#![no_main]

use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use sigv4_bearer::Timestamp;
use sigv4_bearer_fuzz::{Fields, TokenInput};

fuzz_target!(|data: &[u8]| {
    let Some(input) = TokenInput::read(&mut Fields::new(data)) else {
        return;
    };
    let now = Timestamp::from_unix_secs(input.now);
    let violations = input.violations();
    match input
        .service
        .presign(&input.credentials(), input.region, now, input.lifetime)
    {
        Err(err) => assert!(
            violations.contains(&err),
            "{err:?} not among {violations:?} for {input:?}"
        ),
        Ok(token) => {
            assert!(
                violations.is_empty(),
                "minted despite {violations:?} for {input:?}"
            );
            let token = token.as_str();
            let mut buf = vec![0u8; token.len()];
            let info = input
                .service
                .inspect_into(token, &mut buf)
                .expect("own token inspects");
            assert_eq!(info.region(), input.region);
            assert_eq!(info.access_key_id(), input.access_key_id);
            assert_eq!(info.signed_at(), now);
            assert_eq!(info.lifetime().as_secs(), input.expected_lifetime());
            assert_eq!(info.has_session_token(), input.session_token.is_some());
            let verified =
                input
                    .service
                    .verify_into(token, input.secret, now, Duration::ZERO, &mut buf);
            assert_eq!(verified, Ok(info));
        }
    }
});
