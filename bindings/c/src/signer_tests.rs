//! The calls added for the whole signer (sign_headers, verify, parse_time,
//! version, the size query) exercised through raw pointers as C calls
//! them: natively and under Miri. The C test runs them on every vector.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use core::ffi::{c_char, CStr};
use core::ptr;
use std::vec::Vec;

use sigv4_bearer::{sign_headers_into, Credentials, Payload, Request, SigningScope, Timestamp};

use crate::codes;
use crate::time::parse;
use crate::*;

const NOW: i64 = 1_735_787_045;
const SECRET: &CStr = c"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const SESSION: &CStr = c"IQoJb3JpZ2luX2VjEXAMPLE";

fn creds() -> sigv4_bearer_credentials {
    sigv4_bearer_credentials {
        access_key_id: c"AKIDEXAMPLE".as_ptr(),
        secret_access_key: SECRET.as_ptr(),
        session_token: SESSION.as_ptr(),
        expiration: 0,
    }
}

fn request(headers: &[sigv4_bearer_pair]) -> sigv4_bearer_request {
    sigv4_bearer_request {
        method: c"PUT".as_ptr(),
        host: c"bucket.s3.us-east-1.amazonaws.com".as_ptr(),
        path: c"/key".as_ptr(),
        query: ptr::null(),
        query_len: 0,
        headers: headers.as_ptr(),
        headers_len: headers.len(),
    }
}

/// Signs with a buffer of `room` bytes (NULL when 0).
fn sign(
    payload: &sigv4_bearer_payload,
    room: usize,
) -> (i32, Vec<u8>, usize, sigv4_bearer_signed_headers) {
    let headers = [sigv4_bearer_pair {
        name: c"content-type".as_ptr(),
        value: c"text/plain".as_ptr(),
    }];
    let mut out = std::vec![0x5au8; room];
    let mut len = usize::MAX;
    let mut signed = sigv4_bearer_signed_headers {
        headers: [sigv4_bearer_pair {
            name: ptr::null(),
            value: ptr::null(),
        }; 4],
        len: 9,
    };
    let out_ptr = if room == 0 {
        ptr::null_mut()
    } else {
        out.as_mut_ptr().cast::<c_char>()
    };
    let rc = unsafe {
        sigv4_bearer_sign_headers(
            &request(&headers),
            payload,
            c"s3".as_ptr(),
            &creds(),
            c"us-east-1".as_ptr(),
            NOW,
            out_ptr,
            room,
            &mut len,
            &mut signed,
        )
    };
    (rc, out, len, signed)
}

#[test]
fn sign_headers_writes_the_librarys_values_each_with_a_nul() {
    let body = b"hello";
    let payload = sigv4_bearer_payload {
        kind: SIGV4_BEARER_PAYLOAD_BYTES,
        bytes: body.as_ptr().cast(),
        len: body.len(),
        sha256_hex: ptr::null(),
    };
    let (rc, _, needed, signed) = sign(&payload, 0);
    assert_eq!((rc, signed.len), (codes::BUFFER_TOO_SMALL, 0));
    let (rc, out, len, signed) = sign(&payload, needed);
    assert_eq!((rc, len, signed.len), (codes::OK, needed, 4));

    let mut room = [0u8; 2048];
    let creds = Credentials::new("AKIDEXAMPLE", SECRET.to_str().unwrap())
        .with_session_token(SESSION.to_str().unwrap());
    let want = sign_headers_into(
        &Request {
            method: "PUT",
            host: "bucket.s3.us-east-1.amazonaws.com",
            path: "/key",
            headers: &[("content-type", "text/plain")],
            ..Default::default()
        },
        Payload::Bytes(body),
        SigningScope {
            region: "us-east-1",
            signing_name: "s3",
        },
        &creds,
        Timestamp::from_unix_secs(NOW),
        &mut room,
    )
    .unwrap();
    let mut at = 0;
    for (pair, (name, value)) in signed.headers.iter().zip(want.headers()) {
        let got_name = unsafe { CStr::from_ptr(pair.name) };
        let got_value = unsafe { CStr::from_ptr(pair.value) };
        assert_eq!(got_name.to_str().unwrap(), name);
        assert_eq!(got_value.to_bytes(), value.as_bytes());
        assert_eq!(&out[at..at + value.len()], value.as_bytes());
        at += value.len() + 1;
    }
    assert_eq!(at, needed);
    // One byte less is too small, with the same size asked for.
    let (rc, _, len, signed) = sign(&payload, needed - 1);
    assert_eq!((rc, len, signed.len), (codes::BUFFER_TOO_SMALL, needed, 0));
}

#[test]
fn sign_headers_reads_every_payload_kind() {
    let hex = c"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
    let unterminated = [b'a' as core::ffi::c_char; 65];
    let kinds = [
        (SIGV4_BEARER_PAYLOAD_EMPTY, ptr::null(), codes::OK),
        (SIGV4_BEARER_PAYLOAD_UNSIGNED, ptr::null(), codes::OK),
        (SIGV4_BEARER_PAYLOAD_SHA256_HEX, hex.as_ptr(), codes::OK),
        (
            SIGV4_BEARER_PAYLOAD_SHA256_HEX,
            ptr::null(),
            codes::NULL_POINTER,
        ),
        (4, ptr::null(), codes::INVALID_PAYLOAD_KIND),
        // 65 hex digits and no NUL: at most 65 bytes are read (Miri checks).
        (
            SIGV4_BEARER_PAYLOAD_SHA256_HEX,
            unterminated.as_ptr(),
            codes::INVALID_PAYLOAD_HASH,
        ),
    ];
    for (kind, sha256_hex, want) in kinds {
        let payload = sigv4_bearer_payload {
            kind,
            bytes: ptr::null(),
            len: 0,
            sha256_hex,
        };
        assert_eq!(sign(&payload, 4096).0, want, "kind {kind}");
    }
    let null_bytes = sigv4_bearer_payload {
        kind: SIGV4_BEARER_PAYLOAD_BYTES,
        bytes: ptr::null(),
        len: 3,
        sha256_hex: ptr::null(),
    };
    assert_eq!(sign(&null_bytes, 4096).0, codes::NULL_POINTER);
}

#[test]
fn verify_checks_signature_and_time() {
    let mut token = [0u8; 1024];
    let mut len = 0;
    let rc = unsafe {
        sigv4_bearer_token(
            SIGV4_BEARER_BEDROCK,
            &creds(),
            c"us-west-2".as_ptr(),
            NOW,
            60,
            token.as_mut_ptr().cast(),
            token.len(),
            &mut len,
        )
    };
    assert_eq!(rc, codes::OK);
    let verify = |secret: &CStr, now: i64| {
        let mut work = [0u8; 1024];
        let mut info = core::mem::MaybeUninit::<sigv4_bearer_token_info>::uninit();
        let rc = unsafe {
            sigv4_bearer_verify(
                token.as_ptr().cast(),
                secret.as_ptr(),
                now,
                0,
                work.as_mut_ptr().cast(),
                work.len(),
                info.as_mut_ptr(),
            )
        };
        assert!(work.iter().all(|&b| b == 0));
        rc
    };
    assert_eq!(verify(SECRET, NOW), codes::OK);
    assert_eq!(verify(c"other", NOW), -44);
    assert_eq!(verify(SECRET, NOW + 60), -45);
    assert_eq!(verify(SECRET, NOW - 1), -46);
}

#[test]
fn parse_time_reads_expiration_forms_and_refuses_the_rest() {
    let mut secs = 0;
    let rc =
        unsafe { sigv4_bearer_parse_time(c"2025-01-02T03:04:05.123+00:00".as_ptr(), &mut secs) };
    assert_eq!((rc, secs), (codes::OK, NOW));
    assert_eq!(parse("2025-01-02T03:04:05Z"), Some(NOW));
    // date -u -d 2028-02-29T00:00:00Z +%s
    assert_eq!(parse("2028-02-29T00:00:00Z"), Some(1_835_395_200));
    for bad in [
        "2025-01-02T03:04:05",
        "2025-01-02T03:04:05.Z",
        "2100-02-29T00:00:00Z",
        "2025-01-02T03:04:05Zx",
    ] {
        assert_eq!(parse(bad), None, "{bad}");
    }
    assert_eq!(
        unsafe { sigv4_bearer_parse_time(ptr::null(), &mut secs) },
        codes::NULL_POINTER
    );
}

#[test]
fn the_version_is_the_crates_and_the_headers() {
    let version = unsafe { CStr::from_ptr(sigv4_bearer_version()) };
    assert_eq!(version.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    let header = include_str!("../include/sigv4_bearer.h");
    let macro_value = |name: &str| {
        let line = header
            .lines()
            .find(|l| l.starts_with(&std::format!("#define {name} ")))
            .unwrap();
        line.rsplit(' ').next().unwrap().to_owned()
    };
    let from_header = std::format!(
        "{}.{}.{}",
        macro_value("SIGV4_BEARER_VERSION_MAJOR"),
        macro_value("SIGV4_BEARER_VERSION_MINOR"),
        macro_value("SIGV4_BEARER_VERSION_PATCH")
    );
    assert_eq!(from_header, env!("CARGO_PKG_VERSION"));
}
