//! The percent-encoder, the date formatter and the in-place base64 against
//! plain reference implementations, seen through the public API: a query
//! value and a signing time go in, the URL shows how they were written, and
//! a token for the same request must be the base64 crate's encoding of it.
#![no_main]

use std::time::Duration;

use base64::Engine as _;
use libfuzzer_sys::fuzz_target;
use sigv4_bearer::{presign_url_into, Credentials, Request, Service, SigningScope, Timestamp};
use sigv4_bearer_fuzz::{reference_amz_date, reference_encode, Fields};

const SVC: SigningScope<'static> = SigningScope {
    region: "us-east-1",
    signing_name: "svc",
};

fuzz_target!(|data: &[u8]| {
    let mut fields = Fields::new(data);
    let Some(value) = fields.text() else { return };
    let secs = fields.number().rem_euclid(253_402_300_800);
    let Some(session_token) = fields.text().filter(|t| !t.is_empty()) else {
        return;
    };
    let creds = Credentials::new("AKIDEXAMPLE", "secret").with_session_token(session_token);
    let request = Request {
        host: "h.example",
        query: &[("k", value)],
        ..Request::default()
    };
    let mut buf = vec![0u8; 64 + 3 * (value.len() + session_token.len()) + 512];
    let now = Timestamp::from_unix_secs(secs);
    let url = presign_url_into(
        &request,
        SVC,
        &creds,
        now,
        Duration::from_secs(60),
        &mut buf,
    )
    .expect("valid inputs are signed");
    let expected_value = format!(
        "https://h.example/?k={}&X-Amz-Algorithm=",
        reference_encode(value)
    );
    assert!(url.starts_with(&expected_value), "{url}");
    let date = format!("&X-Amz-Date={}&", reference_amz_date(secs));
    assert!(url.contains(&date), "{url} lacks {date}");
    let token = format!("&X-Amz-Security-Token={}&", reference_encode(session_token));
    assert!(url.contains(&token), "{url} lacks {token}");
    assert!(url.bytes().all(|b| b.is_ascii_graphic()));

    // The token presigns `POST /?Action=CallWithBearerToken`: its body must
    // be exactly that URL (without the scheme) and `&Version=1`, base64.
    let service = Service::new("svc", "h.example", "p-");
    let token_request = Request {
        method: "POST",
        host: "h.example",
        query: &[("Action", "CallWithBearerToken")],
        ..Request::default()
    };
    let lifetime = Duration::from_secs(60);
    let url = presign_url_into(&token_request, SVC, &creds, now, lifetime, &mut buf)
        .expect("valid inputs are signed")
        .to_owned();
    let body = format!(
        "{}&Version=1",
        url.strip_prefix("https://").unwrap_or_default()
    );
    let expected_token = format!(
        "p-{}",
        base64::engine::general_purpose::STANDARD.encode(body)
    );
    let mut token_buf = vec![0u8; expected_token.len()];
    let token = service
        .presign_into(&creds, "us-east-1", now, lifetime, &mut token_buf)
        .expect("the token fits its exact length");
    assert_eq!(token, expected_token);
});
