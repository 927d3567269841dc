//! The boundary exercised from Rust through raw pointers, as C calls it:
//! run natively and under Miri, which checks every `unsafe` block's
//! promise. The C programs in tests/ check the same API against the
//! official vectors under AddressSanitizer and UBSan.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use core::ffi::{c_char, c_int, CStr};
use core::ptr;
use core::time::Duration;
use std::collections::BTreeMap;
use std::ffi::CString;
use std::string::String;
use std::vec::Vec;

use sigv4_bearer::{Credentials, Error, Service, Timestamp};

use crate::codes;
use crate::*;

const NOW: i64 = 1_735_787_045;
const SECRET: &CStr = c"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

fn creds(session: *const c_char) -> sigv4_bearer_credentials {
    sigv4_bearer_credentials {
        access_key_id: c"AKIDEXAMPLE".as_ptr(),
        secret_access_key: SECRET.as_ptr(),
        session_token: session,
        expiration: 0,
    }
}

/// Calls sigv4_bearer_token with a buffer of `room` bytes.
fn token(creds: &sigv4_bearer_credentials, region: &CStr, room: usize) -> (c_int, Vec<u8>, usize) {
    let mut out = std::vec![0x5au8; room];
    let mut len = usize::MAX;
    let rc = unsafe {
        sigv4_bearer_token(
            SIGV4_BEARER_BEDROCK,
            creds,
            region.as_ptr(),
            NOW,
            3600,
            out.as_mut_ptr().cast(),
            out.len(),
            &mut len,
        )
    };
    (rc, out, len)
}

/// The header's name of a library error: `SIGV4_BEARER_ERR_` and the
/// variant's name in upper snake case (`NotUtf8` is `TOKEN_NOT_UTF8`, as
/// `INPUT_NOT_UTF8` is the binding's own).
fn c_name(error: Error) -> String {
    let mut name = String::from("SIGV4_BEARER_ERR_");
    if error == Error::NotUtf8 {
        name.push_str("TOKEN_");
    }
    for (n, c) in error.name().char_indices() {
        if c.is_ascii_uppercase() && n > 0 {
            name.push('_');
        }
        name.push(c.to_ascii_uppercase());
    }
    name
}

#[test]
fn the_header_declares_every_code_with_its_message() {
    let header = include_str!("../include/sigv4_bearer.h");
    let declared: BTreeMap<&str, (i32, &str)> = header
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("#define ")?;
            let (name, rest) = rest.split_once(char::is_whitespace)?;
            let is_code = name == "SIGV4_BEARER_OK" || name.starts_with("SIGV4_BEARER_ERR_");
            let (value, comment) = rest.split_once("/*")?;
            let value = value.trim().trim_matches(['(', ')']).parse().unwrap();
            let comment = comment.trim().strip_suffix("*/")?.trim();
            is_code.then_some((name, (value, comment)))
        })
        .collect();
    let own = codes::OWN
        .iter()
        .map(|c| (c.name.to_owned(), (c.value, c.message.to_str().unwrap())));
    let library = Error::ALL
        .iter()
        .map(|&e| (c_name(e), (codes::of(e), e.message())));
    let ours: BTreeMap<String, (i32, &str)> = own.chain(library).collect();
    let declared: BTreeMap<String, (i32, &str)> = declared
        .into_iter()
        .map(|(name, row)| (name.to_owned(), row))
        .collect();
    assert_eq!(declared, ours);
}

#[test]
fn every_error_has_its_own_code_and_message() {
    let unknown = unsafe { CStr::from_ptr(sigv4_bearer_strerror(12345)) };
    assert_eq!(
        unknown.to_str().unwrap(),
        "unknown sigv4_bearer result code"
    );
    let mut values: Vec<i32> = codes::OWN.iter().map(|c| c.value).collect();
    for &error in Error::ALL {
        let code = codes::of(error);
        assert!(code < 0, "{error:?}");
        let text = unsafe { CStr::from_ptr(sigv4_bearer_strerror(code)) };
        assert_eq!(text.to_str().unwrap(), error.message(), "{error:?}");
        values.push(code);
    }
    for own in &codes::OWN {
        let text = unsafe { CStr::from_ptr(sigv4_bearer_strerror(own.value)) };
        assert_eq!(text, own.message);
    }
    let count = values.len();
    values.sort_unstable();
    values.dedup();
    assert_eq!(values.len(), count, "two codes share a number");
    assert!(!unsafe { CStr::from_ptr(sigv4_bearer_strerror(c_int::MIN)) }.is_empty());
}

#[test]
fn tokens_are_the_librarys_byte_for_byte_with_every_buffer_size() {
    let session = CString::new("IQoJb3JpZ2luX2VjEXAMPLE/+=").unwrap();
    for session_ptr in [ptr::null(), session.as_ptr()] {
        let c = creds(session_ptr);
        let mut rust = Credentials::new("AKIDEXAMPLE", SECRET.to_str().unwrap());
        if !session_ptr.is_null() {
            rust = rust.with_session_token(session.to_str().unwrap());
        }
        let now = Timestamp::from_unix_secs(NOW);
        let mut room = [0u8; 4096];
        let want = Service::BEDROCK
            .presign_into(
                &rust,
                "us-west-2",
                now,
                Duration::from_secs(3600),
                &mut room,
            )
            .unwrap()
            .as_bytes();
        // Miri is slow: the sizes around the edge only.
        let sizes: Vec<usize> = if cfg!(miri) {
            std::vec![
                0,
                1,
                want.len() - 1,
                want.len(),
                want.len() + 1,
                want.len() + 9
            ]
        } else {
            (0..=want.len() + 9).collect()
        };
        for room in sizes {
            let (rc, out, len) = token(&c, c"us-west-2", room);
            if room > want.len() {
                assert_eq!((rc, len), (codes::OK, want.len()));
                assert_eq!(&out[..len], want);
                assert_eq!(out[len], 0, "NUL-terminated");
                // Past the NUL, what the library leaves in the same room
                // less the NUL's byte (it may zero scratch after the
                // token), and that last byte untouched.
                let mut library = std::vec![0x5au8; room - 1];
                Service::BEDROCK
                    .presign_into(
                        &rust,
                        "us-west-2",
                        now,
                        Duration::from_secs(3600),
                        &mut library,
                    )
                    .unwrap();
                library.push(0x5a);
                assert_eq!(
                    &out[len + 1..],
                    &library[len + 1..],
                    "past the NUL, room {room}"
                );
            } else {
                assert_eq!(
                    (rc, len),
                    (codes::BUFFER_TOO_SMALL, want.len() + 1),
                    "room {room}"
                );
                assert!(out.iter().all(|&b| b == 0x5a), "written with room {room}");
            }
        }
    }
}

#[test]
fn null_pointers_and_bad_text_have_their_own_codes() {
    let good = creds(ptr::null());
    let mut out = [0u8; 1024];
    let mut len = 7usize;
    let call = |creds: *const sigv4_bearer_credentials,
                region: *const c_char,
                out: *mut c_char,
                len: *mut usize| unsafe {
        sigv4_bearer_token(SIGV4_BEARER_BEDROCK, creds, region, NOW, 60, out, 1024, len)
    };
    let region = c"us-west-2".as_ptr();
    let o = out.as_mut_ptr().cast();
    assert_eq!(call(ptr::null(), region, o, &mut len), codes::NULL_POINTER);
    assert_eq!(len, 0);
    assert_eq!(call(&good, ptr::null(), o, &mut len), codes::NULL_POINTER);
    assert_eq!(
        call(&good, region, ptr::null_mut(), &mut len),
        codes::NULL_POINTER
    );
    assert_eq!(call(&good, region, o, ptr::null_mut()), codes::NULL_POINTER);
    let mut no_key = creds(ptr::null());
    no_key.access_key_id = ptr::null();
    assert_eq!(call(&no_key, region, o, &mut len), codes::NULL_POINTER);
    let mut no_secret = creds(ptr::null());
    no_secret.secret_access_key = ptr::null();
    assert_eq!(call(&no_secret, region, o, &mut len), codes::NULL_POINTER);

    let latin1 = c"us-\xe9ast-1";
    assert_eq!(
        call(&good, latin1.as_ptr(), o, &mut len),
        codes::INPUT_NOT_UTF8
    );
    let mut bad_secret = creds(ptr::null());
    bad_secret.secret_access_key = c"\xff\xfe".as_ptr();
    assert_eq!(
        call(&bad_secret, region, o, &mut len),
        codes::INPUT_NOT_UTF8
    );
    let mut bad_session = creds(c"abc\x80".as_ptr());
    assert_eq!(
        call(&bad_session, region, o, &mut len),
        codes::INPUT_NOT_UTF8
    );
    bad_session.session_token = c"".as_ptr();
    assert_eq!(
        call(&bad_session, region, o, &mut len),
        codes::of(Error::EmptySessionToken)
    );

    assert_eq!(
        call(&good, c"US-WEST-2".as_ptr(), o, &mut len),
        codes::of(Error::InvalidRegion)
    );
    let mut expired = creds(ptr::null());
    expired.expiration = NOW - 1;
    assert_eq!(
        call(&expired, region, o, &mut len),
        codes::of(Error::CredentialsExpired)
    );
    let rc = unsafe {
        sigv4_bearer_token(
            3,
            &good,
            region,
            NOW,
            60,
            out.as_mut_ptr().cast(),
            1024,
            &mut len,
        )
    };
    assert_eq!(rc, codes::INVALID_SERVICE);
    let rc = unsafe {
        sigv4_bearer_token(
            1,
            &good,
            region,
            NOW,
            43_201,
            out.as_mut_ptr().cast(),
            1024,
            &mut len,
        )
    };
    assert_eq!(rc, codes::of(Error::InvalidLifetime { max_secs: 0 }));
}

#[test]
#[cfg(feature = "every-call")]
fn presigned_urls_and_inspection_round_trip() {
    let c = creds(ptr::null());
    let query = [
        sigv4_bearer_pair {
            name: c"Action".as_ptr(),
            value: c"connect".as_ptr(),
        },
        sigv4_bearer_pair {
            name: c"DBUser".as_ptr(),
            value: c"app".as_ptr(),
        },
    ];
    let request = sigv4_bearer_request {
        method: c"GET".as_ptr(),
        host: c"db.example.us-east-1.rds.amazonaws.com:5432".as_ptr(),
        path: c"/".as_ptr(),
        query: query.as_ptr(),
        query_len: query.len(),
        headers: ptr::null(),
        headers_len: 0,
    };
    let mut out = [0u8; 1024];
    let mut len = 0;
    let presign = |request: &sigv4_bearer_request, out: &mut [u8], len: &mut usize| unsafe {
        let (out_ptr, out_len) = (out.as_mut_ptr().cast(), out.len());
        sigv4_bearer_presign_url(
            request,
            c"rds-db".as_ptr(),
            &c,
            c"us-east-1".as_ptr(),
            NOW,
            900,
            out_ptr,
            out_len,
            len,
        )
    };
    assert_eq!(presign(&request, &mut out, &mut len), codes::OK);
    let rust_query = [("Action", "connect"), ("DBUser", "app")];
    let mut room = [0u8; 4096];
    let want = sigv4_bearer::presign_url_into(
        &sigv4_bearer::Request {
            host: "db.example.us-east-1.rds.amazonaws.com:5432",
            query: &rust_query,
            ..Default::default()
        },
        sigv4_bearer::SigningScope {
            region: "us-east-1",
            signing_name: "rds-db",
        },
        &Credentials::new("AKIDEXAMPLE", SECRET.to_str().unwrap()),
        Timestamp::from_unix_secs(NOW),
        Duration::from_secs(900),
        &mut room,
    )
    .unwrap();
    assert_eq!(&out[..len], want.as_bytes());

    let many = [sigv4_bearer_pair {
        name: c"a".as_ptr(),
        value: c"b".as_ptr(),
    }; 17];
    let too_many = sigv4_bearer_request {
        query: many.as_ptr(),
        query_len: 17,
        ..request
    };
    assert_eq!(
        presign(&too_many, &mut out, &mut len),
        codes::TOO_MANY_PAIRS
    );
    let null_query = sigv4_bearer_request {
        query: ptr::null(),
        query_len: 1,
        ..request
    };
    assert_eq!(
        presign(&null_query, &mut out, &mut len),
        codes::NULL_POINTER
    );

    let (rc, token, len) = token(&c, c"eu-west-3", 1024);
    assert_eq!(rc, codes::OK);
    let mut work = [0x77u8; 1024];
    let mut info = core::mem::MaybeUninit::<sigv4_bearer_token_info>::zeroed();
    let rc = unsafe {
        sigv4_bearer_inspect(
            token.as_ptr().cast(),
            work.as_mut_ptr().cast(),
            len,
            info.as_mut_ptr(),
        )
    };
    assert_eq!(rc, codes::OK);
    assert!(work.iter().all(|&b| b == 0 || b == 0x77), "scratch wiped");
    let info = unsafe { info.assume_init() };
    assert_eq!(info.service, SIGV4_BEARER_BEDROCK);
    assert_eq!(
        (info.signed_at, info.expires_at, info.has_session_token),
        (NOW, NOW + 3600, 0)
    );
    let region = unsafe { CStr::from_ptr(info.region.as_ptr()) };
    assert_eq!(region, c"eu-west-3");
    let key = unsafe { CStr::from_ptr(info.access_key_id.as_ptr()) };
    assert_eq!(key, c"AKIDEXAMPLE");

    let mut small = [0u8; 16];
    let mut untouched = core::mem::MaybeUninit::<sigv4_bearer_token_info>::zeroed();
    let rc = unsafe {
        sigv4_bearer_inspect(
            token.as_ptr().cast(),
            small.as_mut_ptr().cast(),
            16,
            untouched.as_mut_ptr(),
        )
    };
    assert_eq!(rc, codes::BUFFER_TOO_SMALL);
    let rc = unsafe {
        sigv4_bearer_inspect(
            c"bedrock-api-key-!!".as_ptr(),
            work.as_mut_ptr().cast(),
            1024,
            untouched.as_mut_ptr(),
        )
    };
    assert_eq!(rc, codes::of(Error::InvalidBase64));
    let rc = unsafe {
        sigv4_bearer_inspect(
            token.as_ptr().cast(),
            work.as_mut_ptr().cast(),
            1024,
            ptr::null_mut(),
        )
    };
    assert_eq!(rc, codes::NULL_POINTER);
}
