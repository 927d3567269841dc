//! Secrets never show through `Debug`; tokens have no `Display`.
#![cfg(feature = "alloc")]
#![allow(clippy::unwrap_used)]

use crate::common::EXAMPLE_SECRET as SECRET;
use core::time::Duration;

use sigv4_bearer::{bedrock, Credentials, Timestamp};

const SESSION: &str = "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN";

#[test]
fn credentials_debug_shows_no_secret() {
    let creds = Credentials::new("AKIDEXAMPLE", SECRET)
        .with_session_token(SESSION)
        .with_expiration(Timestamp::from_unix_secs(1_735_790_645));
    assert_eq!(
        format!("{creds:?}"),
        "Credentials { access_key_id: \"AKIDEXAMPLE\", expiration: Some(Timestamp(2025-01-02T04:04:05Z)), .. }"
    );
    assert_eq!(
        format!("{:?}", Credentials::new("AKIDEXAMPLE", SECRET)),
        "Credentials { access_key_id: \"AKIDEXAMPLE\", expiration: None, .. }"
    );
    let pretty = format!("{creds:#?}");
    assert!(!pretty.contains(SECRET) && !pretty.contains(SESSION));
}

#[test]
fn token_debug_shows_only_the_expiry() {
    let creds = Credentials::new("AKIDEXAMPLE", SECRET).with_session_token(SESSION);
    let now = Timestamp::from_unix_secs(1_735_787_045);
    let token = bedrock::presign(&creds, "us-west-2", now, Duration::from_secs(3600)).unwrap();
    assert_eq!(
        format!("{token:?}"),
        "Token { expires_at: Timestamp(2025-01-02T04:04:05Z), .. }"
    );
    assert!(token.as_str().starts_with("bedrock-api-key-"));
}

#[test]
fn token_info_debug_shows_no_signature() {
    let creds = Credentials::new("AKIDEXAMPLE", SECRET);
    let now = Timestamp::from_unix_secs(1_735_787_045);
    let token = bedrock::presign(&creds, "us-west-2", now, Duration::from_secs(3600)).unwrap();
    let info = sigv4_bearer::inspect(token.as_str()).unwrap();
    assert_eq!(info.signature().len(), 64);
    for shown in [format!("{info:?}"), format!("{info:#?}")] {
        assert!(!shown.contains(info.signature()), "{shown}");
        assert!(
            shown.contains("us-west-2") && shown.contains("AKIDEXAMPLE"),
            "{shown}"
        );
    }
}
