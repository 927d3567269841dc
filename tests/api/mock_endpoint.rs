//! Starts the mock endpoint example on 127.0.0.1 and calls it with curl,
//! a real HTTP client: a good, an expired, a tampered and a wrong-region
//! token, and none.
#![cfg(feature = "std")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "../../examples/mock_endpoint/server.rs"]
mod server;

use crate::common::EXAMPLE_SECRET as SECRET;
use core::time::Duration;
use std::net::TcpListener;
use std::process::Command;

use sigv4_bearer::{bedrock, Credentials, Timestamp};

/// `(status, body)` from `curl` with an optional bearer token.
fn call(port: u16, token: Option<&str>) -> (u16, String) {
    let mut curl = Command::new("curl");
    curl.args([
        "--silent",
        "--show-error",
        "--max-time",
        "10",
        "--write-out",
        "\n%{http_code}",
    ]);
    if let Some(token) = token {
        curl.args(["--header", &format!("Authorization: Bearer {token}")]);
    }
    let output = curl
        .arg(format!("http://127.0.0.1:{port}/model/invoke"))
        .output()
        .expect("curl must be installed to run this test");
    assert!(
        output.status.success(),
        "curl failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    let (body, status) = text.trim_end().rsplit_once('\n').unwrap();
    (status.parse().unwrap(), body.trim_end().to_owned())
}

#[test]
fn curl_gets_200_only_for_a_good_token() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let config = server::Config {
        secret_access_key: SECRET.into(),
        region: "us-east-1".into(),
        skew: Duration::from_secs(60),
    };
    let calls = 5;
    let server = std::thread::spawn(move || server::serve(&listener, &config, Some(calls)));

    let creds =
        Credentials::new("AKIDEXAMPLE", SECRET).with_session_token("IQoJb3JpZ2luX2VjEXAMPLE");
    let now = Timestamp::now();
    let hour = Duration::from_secs(3600);
    let good = bedrock::presign(&creds, "us-east-1", now, hour).unwrap();
    let two_hours_ago = Timestamp::from_unix_secs(now.as_unix_secs() - 7200);
    let expired = bedrock::presign(&creds, "us-east-1", two_hours_ago, hour).unwrap();
    let wrong_region = bedrock::presign(&creds, "eu-west-1", now, hour).unwrap();
    let mut tampered = good.as_str().as_bytes().to_vec();
    let middle = tampered.len() / 2;
    tampered[middle] = if tampered[middle] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).unwrap();

    let (status, body) = call(port, Some(good.as_str()));
    assert_eq!(status, 200, "{body}");
    assert!(body.starts_with("ok: bedrock token"), "{body}");
    let (status, body) = call(port, Some(expired.as_str()));
    assert_eq!(
        (status, body.as_str()),
        (403, "Authentication failed: token has expired")
    );
    let (status, body) = call(port, Some(&tampered));
    assert_eq!(status, 403, "{body}");
    assert!(body.starts_with("Authentication failed: "), "{body}");
    let (status, body) = call(port, Some(wrong_region.as_str()));
    assert_eq!(
        (status, body.as_str()),
        (403, "token is for eu-west-1, this endpoint is us-east-1")
    );
    let (status, body) = call(port, None);
    assert_eq!(
        (status, body.as_str()),
        (401, "missing Authorization: Bearer <token>")
    );

    server.join().unwrap().unwrap();
}
