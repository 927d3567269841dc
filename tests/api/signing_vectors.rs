//! Header signing and S3 presigning against botocore's own output
//! (test-vectors/generate_signing.py), and the cases of AWS's SigV4 test
//! suite that botocore reproduces.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;
use crate::common::{load, Vector};
use sha2::{Digest, Sha256};
use sigv4_bearer::{sign_headers_into, Error, Payload, Request};

/// Signs a vector's request with `payload` and checks every header botocore
/// added, in the order the crate gives them, then the `BufferTooSmall` length.
fn check_headers(v: &Vector, payload: Payload<'_>) {
    v.with_request(|request| check_headers_of(v, request, payload));
}

fn check_headers_of(v: &Vector, request: &Request<'_>, payload: Payload<'_>) {
    let want = v.0["headers_out"].as_object().expect("headers_out");
    let mut buf = vec![0u8; 4096];
    let signed = sign_headers_into(
        request,
        payload,
        v.scope(),
        &v.credentials(),
        v.now(),
        &mut buf,
    )
    .unwrap_or_else(|e| panic!("{}: {e}", v.name()));
    let ours: Vec<(&str, &str)> = signed.headers().collect();
    let order = [
        "x-amz-date",
        "x-amz-security-token",
        "x-amz-content-sha256",
        "authorization",
    ];
    let theirs: Vec<(&str, &str)> = order
        .iter()
        .filter_map(|&name| Some((name, want.get(name)?.as_str()?)))
        .collect();
    assert_eq!(ours, theirs, "{}", v.name());
    assert_eq!(Some(signed.authorization()), want["authorization"].as_str());
    assert_eq!(Some(signed.x_amz_date()), want["x-amz-date"].as_str());
    let token = want.get("x-amz-security-token").and_then(|t| t.as_str());
    assert_eq!(signed.x_amz_security_token(), token, "{}", v.name());
    let hash = want.get("x-amz-content-sha256").and_then(|t| t.as_str());
    assert_eq!(signed.x_amz_content_sha256(), hash, "{}", v.name());

    let needed: usize = ours.iter().map(|(_, value)| value.len()).sum();
    let mut short = vec![0u8; needed - 1];
    let err = sign_headers_into(
        request,
        payload,
        v.scope(),
        &v.credentials(),
        v.now(),
        &mut short,
    )
    .unwrap_err();
    assert_eq!(err, Error::BufferTooSmall { needed }, "{}", v.name());
    #[cfg(feature = "alloc")]
    {
        let owned =
            sigv4_bearer::sign_headers(request, payload, v.scope(), &v.credentials(), v.now())
                .unwrap();
        assert_eq!(owned.headers().collect::<Vec<_>>(), theirs, "{}", v.name());
    }
}

fn from_hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|at| u8::from_str_radix(&text[at..at + 2], 16).unwrap())
        .collect()
}

/// Each vector three ways: its payload as botocore was given it, and a body
/// also as its precomputed SHA-256.
fn check_header_file(file: &str) -> usize {
    let vectors = load(file);
    let mut checked = 0;
    for v in &vectors {
        let body = from_hex(v.str("body_hex"));
        let payload = match v.str("payload") {
            "empty" => Payload::Empty,
            "bytes" => Payload::Bytes(&body),
            "unsigned" => Payload::Unsigned,
            other => panic!("{}: payload {other}", v.name()),
        };
        check_headers(v, payload);
        checked += 1;
        if v.str("payload") != "unsigned" {
            let hex: String = Sha256::digest(&body)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            check_headers(v, Payload::Sha256Hex(&hex));
            checked += 1;
        }
    }
    checked
}

#[test]
fn signed_headers_match_botocore() {
    let checked = check_header_file(common::SIGN_HEADERS_BOTOCORE);
    // 240 vectors; the 180 with a signed body checked again as Sha256Hex.
    assert_eq!(checked, 420);
}

#[test]
fn the_sigv4_suite_cases_botocore_reproduces() {
    let vectors = load(common::SIGV4_SUITE_BOTOCORE);
    assert_eq!(vectors.len(), 23);
    for v in &vectors {
        let authorization = v.0["headers_out"]["authorization"].as_str().unwrap();
        let signature = format!("Signature={}", v.str("suite_signature"));
        assert!(authorization.ends_with(&signature), "{}", v.name());
    }
    check_header_file(common::SIGV4_SUITE_BOTOCORE);
}

#[test]
fn s3_presigned_urls_match_botocore() {
    assert_eq!(
        common::check_presigned_urls(common::PRESIGN_S3_BOTOCORE),
        60
    );
}
