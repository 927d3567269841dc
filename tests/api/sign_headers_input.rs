//! Header signing: every bad input gets its own error, never a panic; the
//! payload modes agree with each other; secrets stay out of `Debug`.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use crate::common::{GOOD, NOW};
use sha2::{Digest, Sha256};
use sigv4_bearer::{
    sign_headers_into, Credentials, Error, Payload, Request, SigningScope, Timestamp,
};

const BEDROCK: SigningScope<'static> = SigningScope {
    region: "us-east-1",
    signing_name: "bedrock",
};

fn sign(
    request: &Request<'_>,
    payload: Payload<'_>,
    scope: SigningScope<'_>,
    creds: &Credentials<'_>,
    now: Timestamp,
) -> Result<String, Error> {
    let mut buf = [0u8; 4096];
    let signed = sign_headers_into(request, payload, scope, creds, now, &mut buf)?;
    Ok(signed
        .headers()
        .map(|(name, value)| format!("{name}: {value}\n"))
        .collect())
}

fn request<'a>() -> Request<'a> {
    Request {
        method: "POST",
        host: "bedrock-runtime.us-east-1.amazonaws.com",
        path: "/model/m/invoke",
        headers: &[("content-type", "application/json")],
        ..Request::default()
    }
}

fn check(r: &Request<'_>, payload: Payload<'_>, creds: &Credentials<'_>, want: Error) {
    let got = sign(r, payload, BEDROCK, creds, NOW);
    assert_eq!(got, Err(want), "{r:?} {payload:?}");
}

#[test]
fn the_same_checks_as_presigning() {
    let bad_requests = [
        (
            Request {
                method: "post",
                ..request()
            },
            Error::InvalidMethod,
        ),
        (
            Request {
                host: "a b",
                ..request()
            },
            Error::InvalidHost,
        ),
        (
            Request {
                path: "/a b",
                ..request()
            },
            Error::InvalidPath,
        ),
        (
            Request {
                query: &[("", "v")],
                ..request()
            },
            Error::EmptyQueryKey,
        ),
        (
            Request {
                query: &[("X-Amz-Date", "v")],
                ..request()
            },
            Error::ReservedQueryKey,
        ),
        (
            Request {
                query: &[("a", "1"), ("a", "2")],
                ..request()
            },
            Error::DuplicateQueryKey,
        ),
        (
            Request {
                headers: &[("a b", "v")],
                ..request()
            },
            Error::InvalidHeaderName,
        ),
        (
            Request {
                headers: &[("Host", "v")],
                ..request()
            },
            Error::ReservedHeader,
        ),
        (
            Request {
                headers: &[("x-a", "1"), ("X-A", "2")],
                ..request()
            },
            Error::DuplicateHeader,
        ),
        (
            Request {
                headers: &[("x-a", "a\nb")],
                ..request()
            },
            Error::InvalidHeaderValue,
        ),
    ];
    for (r, want) in bad_requests {
        check(&r, Payload::Empty, &GOOD, want);
    }
    let r = request();
    let sign_with = |name: &str, creds: &Credentials<'_>, region: &str, now: Timestamp| {
        let scope = SigningScope {
            region,
            signing_name: name,
        };
        sign(&r, Payload::Empty, scope, creds, now)
    };
    assert_eq!(
        sign_with("bed rock", &GOOD, "us-east-1", NOW),
        Err(Error::InvalidSigningName)
    );
    assert_eq!(
        sign_with("bedrock", &GOOD, "US-EAST-1", NOW),
        Err(Error::InvalidRegion)
    );
    let far = Timestamp::from_unix_secs(253_402_300_800);
    assert_eq!(
        sign_with("bedrock", &GOOD, "us-east-1", far),
        Err(Error::TimeOutOfRange)
    );
    let bad_id = Credentials::new("AK ID", "secret");
    assert_eq!(
        sign_with("bedrock", &bad_id, "us-east-1", NOW),
        Err(Error::InvalidAccessKeyId)
    );
    let no_secret = Credentials::new("AKID", "");
    assert_eq!(
        sign_with("bedrock", &no_secret, "us-east-1", NOW),
        Err(Error::EmptySecretAccessKey)
    );
    let expired = GOOD.with_expiration(NOW);
    assert_eq!(
        sign_with("bedrock", &expired, "us-east-1", NOW),
        Err(Error::CredentialsExpired)
    );
}

#[test]
fn headers_the_signer_writes_are_refused() {
    for name in [
        "authorization",
        "Authorization",
        "date",
        "X-Amz-Date",
        "x-amz-security-token",
        "X-Amz-Content-SHA256",
    ] {
        let headers = [(name, "v")];
        let r = Request {
            headers: &headers,
            ..request()
        };
        check(&r, Payload::Empty, &GOOD, Error::ReservedHeader);
    }
}

#[test]
fn session_tokens_must_be_sendable_as_headers() {
    for token in ["with space", "tab\there", "caf\u{e9}", "new\nline"] {
        let creds = GOOD.with_session_token(token);
        check(
            &request(),
            Payload::Empty,
            &creds,
            Error::InvalidSessionToken,
        );
    }
    let creds = GOOD.with_session_token("");
    check(&request(), Payload::Empty, &creds, Error::EmptySessionToken);
    let creds = GOOD.with_session_token("IQoJb3+/=!~");
    assert!(sign(&request(), Payload::Empty, BEDROCK, &creds, NOW).is_ok());
}

#[test]
fn payload_hashes_must_be_64_lowercase_hex_digits() {
    let upper = "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855";
    let short = &upper[..63];
    for bad in [
        "",
        "xyz",
        short,
        upper,
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85g",
    ] {
        check(
            &request(),
            Payload::Sha256Hex(bad),
            &GOOD,
            Error::InvalidPayloadHash,
        );
    }
}

#[test]
fn a_precomputed_hash_signs_as_the_body_does() {
    for body in [&b""[..], b"{}", &[0u8, 255, 10, 13][..], &[b'x'; 1000][..]] {
        let hex: String = Sha256::digest(body)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        for name in ["bedrock", "s3"] {
            let by_bytes = sign(
                &request(),
                Payload::Bytes(body),
                SigningScope {
                    region: "us-east-1",
                    signing_name: name,
                },
                &GOOD,
                NOW,
            );
            let by_hash = sign(
                &request(),
                Payload::Sha256Hex(&hex),
                SigningScope {
                    region: "us-east-1",
                    signing_name: name,
                },
                &GOOD,
                NOW,
            );
            assert_eq!(by_bytes, by_hash);
            assert!(by_bytes.is_ok());
        }
    }
    // An empty body is the empty payload.
    let empty = sign(&request(), Payload::Empty, BEDROCK, &GOOD, NOW);
    assert_eq!(
        empty,
        sign(&request(), Payload::Bytes(b""), BEDROCK, &GOOD, NOW)
    );
    // A different body signs differently.
    assert_ne!(
        empty,
        sign(&request(), Payload::Bytes(b"x"), BEDROCK, &GOOD, NOW)
    );
}

#[test]
fn which_headers_are_added() {
    let names = |payload: Payload<'_>, name: &str, creds: &Credentials<'_>| {
        let mut buf = [0u8; 4096];
        let scope = SigningScope {
            region: "us-east-1",
            signing_name: name,
        };
        let signed = sign_headers_into(&request(), payload, scope, creds, NOW, &mut buf).unwrap();
        signed.headers().map(|(name, _)| name).collect::<Vec<_>>()
    };
    let temporary = GOOD.with_session_token("IQoJb3JpZ2luX2Vj");
    assert_eq!(
        names(Payload::Empty, "bedrock", &GOOD),
        ["x-amz-date", "authorization"]
    );
    assert_eq!(
        names(Payload::Unsigned, "bedrock", &temporary),
        [
            "x-amz-date",
            "x-amz-security-token",
            "x-amz-content-sha256",
            "authorization"
        ]
    );
    for s3 in ["s3", "s3-object-lambda", "s3-outposts"] {
        assert_eq!(
            names(Payload::Empty, s3, &GOOD),
            ["x-amz-date", "x-amz-content-sha256", "authorization"]
        );
    }
}

#[test]
fn small_buffers_get_the_exact_size_and_stay_untouched_or_wiped() {
    let mut big = [0u8; 2048];
    let signed =
        sign_headers_into(&request(), Payload::Empty, BEDROCK, &GOOD, NOW, &mut big).unwrap();
    let len: usize = signed.headers().map(|(_, value)| value.len()).sum();
    for size in [0, 1, len - 1] {
        let mut buf = vec![0x5au8; size];
        let got = sign_headers_into(&request(), Payload::Empty, BEDROCK, &GOOD, NOW, &mut buf);
        assert_eq!(got.unwrap_err(), Error::BufferTooSmall { needed: len });
        assert!(buf.iter().all(|&b| b == 0), "a partial signature is wiped");
    }
}

#[test]
fn debug_shows_neither_signature_nor_session_token() {
    let token = "IQoJb3JpZ2luX2VjSESSIONTOKEN";
    let creds = GOOD.with_session_token(token);
    let mut buf = [0u8; 2048];
    let signed =
        sign_headers_into(&request(), Payload::Empty, BEDROCK, &creds, NOW, &mut buf).unwrap();
    let signature = signed
        .authorization()
        .rsplit('=')
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(signature.len(), 64);
    let debug = format!("{signed:?} {signed:#?}");
    assert!(
        !debug.contains(&signature) && !debug.contains(token),
        "{debug}"
    );
    assert_eq!(
        format!("{signed:?}"),
        "AuthHeaders { x_amz_date: \"20250102T030405Z\", has_session_token: true, x_amz_content_sha256: None, .. }"
    );
}
