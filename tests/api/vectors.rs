//! The crate against the official generators' own output, byte for byte
//! (Python, botocore, boto3) or parameter for parameter (JS).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use crate::common;
use crate::common::{decode_token, load, split_url, Vector};
use sigv4_bearer::{presign_url_into, Error, Request, Service, SigningScope};

/// Mints with `presign_into`, checks the exact-size and one-short buffers,
/// and (with alloc) that `presign` agrees.
fn mint(service: &Service<'_>, v: &Vector) -> String {
    let creds = v.credentials();
    let (region, now, expires_in) = (v.str("region"), v.now(), v.expires_in());
    let mut buf = vec![0u8; 8192];
    let token = service
        .presign_into(&creds, region, now, expires_in, &mut buf)
        .unwrap_or_else(|e| panic!("{}: {e}", v.name()))
        .to_owned();

    let mut exact = vec![0u8; token.len()];
    let again = service.presign_into(&creds, region, now, expires_in, &mut exact);
    assert_eq!(again, Ok(token.as_str()), "{}: exact-size buffer", v.name());
    let mut short = vec![0x5au8; token.len() - 1];
    let refused = service.presign_into(&creds, region, now, expires_in, &mut short);
    assert_eq!(
        refused,
        Err(Error::BufferTooSmall {
            needed: token.len()
        }),
        "{}",
        v.name()
    );
    assert!(
        short.iter().all(|&b| b == 0x5a),
        "{}: buffer written to",
        v.name()
    );

    #[cfg(feature = "alloc")]
    {
        let owned = service.presign(&creds, region, now, expires_in).unwrap();
        assert_eq!(
            owned.as_str(),
            token,
            "{}: presign and presign_into differ",
            v.name()
        );
        let want_expiry = now.checked_add(core::time::Duration::from_secs(expires_in.as_secs()));
        assert_eq!(Some(owned.expires_at()), want_expiry, "{}", v.name());
    }
    token
}

fn check_python_file(file: &str, service: &Service<'_>) -> usize {
    let vectors = load(file);
    for v in &vectors {
        assert_eq!(
            mint(service, v),
            v.str("token"),
            "{}: token differs from the generator's",
            v.name()
        );
    }
    vectors.len()
}

#[test]
fn bedrock_tokens_match_the_python_generator() {
    let count = check_python_file(common::BEDROCK_PYTHON, &Service::BEDROCK);
    assert!(count >= 100, "only {count} vectors");
}

#[test]
fn external_anthropic_tokens_match_the_python_generator() {
    let count = check_python_file(
        common::EXTERNAL_ANTHROPIC_PYTHON,
        &Service::EXTERNAL_ANTHROPIC,
    );
    assert!(count >= 100, "only {count} vectors");
}

#[test]
fn bedrock_tokens_match_the_js_generator_parameter_for_parameter() {
    let vectors = load(common::BEDROCK_JS);
    assert!(vectors.len() >= 100, "only {} vectors", vectors.len());
    for v in &vectors {
        let ours = decode_token(&mint(&Service::BEDROCK, v), "bedrock-api-key-");
        let theirs = decode_token(v.str("token"), "bedrock-api-key-");
        // JS sorts every parameter, `Version=1` included, so compare as sets.
        assert_eq!(split_url(&ours), split_url(&theirs), "{}", v.name());
        let signature = |url: &str| {
            url.split("X-Amz-Signature=")
                .nth(1)
                .map(|s| s[..64].to_owned())
        };
        assert_eq!(signature(&ours), signature(&theirs), "{}", v.name());
    }
}

#[test]
fn presigned_urls_match_botocore() {
    assert_eq!(
        common::check_presigned_urls(common::PRESIGN_URL_BOTOCORE),
        60
    );
}

#[test]
fn rds_and_dsql_tokens_match_boto3() {
    let vectors = load(common::DB_TOKENS_BOTO3);
    for v in &vectors {
        let (host, query);
        match v.str("kind") {
            "rds" => {
                host = format!("{}:{}", v.str("host"), v.int("port"));
                query = vec![("Action", "connect"), ("DBUser", v.str("user"))];
            }
            "dsql" => (host, query) = (v.str("host").to_owned(), vec![("Action", "DbConnect")]),
            "dsql-admin" => {
                (host, query) = (v.str("host").to_owned(), vec![("Action", "DbConnectAdmin")]);
            }
            other => panic!("{}: unknown kind {other}", v.name()),
        }
        let signing_name = if v.str("kind") == "rds" {
            "rds-db"
        } else {
            "dsql"
        };
        let request = Request {
            host: &host,
            query: &query,
            ..Request::default()
        };
        let mut buf = vec![0u8; 8192];
        let scope = SigningScope {
            region: v.str("region"),
            signing_name,
        };
        let url = presign_url_into(
            &request,
            scope,
            &v.credentials(),
            v.now(),
            v.expires_in(),
            &mut buf,
        )
        .unwrap_or_else(|e| panic!("{}: {e}", v.name()));
        // boto3 returns the URL without its scheme.
        assert_eq!(
            url.strip_prefix("https://"),
            Some(v.str("token")),
            "{}",
            v.name()
        );
    }
    assert!(vectors.len() >= 30);
}
