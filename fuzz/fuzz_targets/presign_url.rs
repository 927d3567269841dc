//! Any input: `presign_url_into` never panics, and what it returns is a
//! well-formed URL or the exact size it needs.
#![no_main]

use core::time::Duration;

use libfuzzer_sys::fuzz_target;
use sigv4_bearer::{presign_url_into, Credentials, Error, Request, Timestamp};

#[derive(arbitrary::Arbitrary, Debug)]
struct Input<'a> {
    method: &'a str,
    host: &'a str,
    path: &'a str,
    query: Vec<(&'a str, &'a str)>,
    headers: Vec<(&'a str, &'a str)>,
    service: &'a str,
    region: &'a str,
    access_key_id: &'a str,
    secret: &'a str,
    session_token: Option<&'a str>,
    now: i64,
    lifetime_ms: u64,
    buf_len: u16,
}

fuzz_target!(|input: Input<'_>| {
    let request = Request {
        method: input.method,
        host: input.host,
        path: input.path,
        query: &input.query,
        headers: &input.headers,
    };
    let mut creds = Credentials::new(input.access_key_id, input.secret);
    if let Some(token) = input.session_token {
        creds = creds.with_session_token(token);
    }
    let mut buf = vec![0u8; usize::from(input.buf_len)];
    let now = Timestamp::from_unix_secs(input.now);
    let lifetime = Duration::from_millis(input.lifetime_ms);
    match presign_url_into(&request, input.service, &creds, input.region, now, lifetime, &mut buf) {
        Ok(url) => {
            assert!(url.starts_with("https://") && url.is_ascii());
            assert!(url.contains("&X-Amz-Signature=") && !url.contains(char::is_whitespace));
        }
        Err(Error::BufferTooSmall { needed }) => assert!(needed > buf.len()),
        Err(_) => {}
    }
});
