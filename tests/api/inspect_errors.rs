//! One table test per way a token can be malformed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::common;
use base64::Engine as _;
use sigv4_bearer::{inspect_into, inspect_url, Error, Service};

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// A valid Bedrock token's URL (Python order, with a session token).
fn good_url() -> String {
    let v = &common::load(common::BEDROCK_PYTHON)[1];
    common::decode_token(v.str("token"), "bedrock-api-key-")
}

fn token_of(url: &str) -> String {
    format!("bedrock-api-key-{}", B64.encode(url))
}

fn inspect(token: &str) -> Result<(), Error> {
    inspect_into(token, &mut vec![0u8; token.len() + 16]).map(|_| ())
}

/// The URL with `from` replaced by `to` (which must occur).
fn edit(from: &str, to: &str) -> String {
    let url = good_url();
    assert!(url.contains(from), "{from} not in {url}");
    url.replacen(from, to, 1)
}

/// The URL without the parameter named `name`.
fn without(name: &str) -> String {
    let url = good_url();
    let (head, query) = url.split_once('?').unwrap();
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| !p.starts_with(&format!("{name}=")))
        .collect();
    format!("{head}?{}", kept.join("&"))
}

fn param(name: &str) -> String {
    let url = good_url();
    let start = url
        .find(&format!("&{name}="))
        .or_else(|| url.find(&format!("?{name}=")))
        .unwrap()
        + 1;
    let end = url[start..].find('&').map_or(url.len(), |n| start + n);
    url[start..end].to_owned()
}

#[test]
fn the_good_token_inspects() {
    assert_eq!(inspect(&token_of(&good_url())), Ok(()));
}

#[test]
fn prefixes_and_encodings() {
    let body = B64.encode(good_url());
    assert_eq!(
        inspect(&format!("other-api-key-{body}")),
        Err(Error::UnknownPrefix)
    );
    assert_eq!(inspect(&body), Err(Error::UnknownPrefix));
    assert_eq!(
        inspect(&format!("aws-external-anthropic-api-key-{body}")),
        Err(Error::HostMismatch)
    );
    assert_eq!(
        inspect(&format!("bedrock-api-key-{}", &body[1..])),
        Err(Error::InvalidBase64)
    );
    assert_eq!(
        inspect(&format!("bedrock-api-key-!{}", &body[1..])),
        Err(Error::InvalidBase64)
    );
    assert_eq!(inspect("bedrock-api-key-QQ=="), Err(Error::MissingVersion)); // "A"
    assert_eq!(inspect("bedrock-api-key-QR=="), Err(Error::InvalidBase64)); // stray trailing bits
    assert_eq!(inspect("bedrock-api-key-===="), Err(Error::InvalidBase64));
    assert_eq!(
        inspect(&format!(
            "bedrock-api-key-{}",
            B64.encode([0xff, 0xfe, b'&'])
        )),
        Err(Error::NotUtf8)
    );
    let mut small = [0u8; 10];
    let token = token_of(&good_url());
    assert_eq!(
        inspect_into(&token, &mut small).map(|_| ()),
        Err(Error::BufferTooSmall {
            needed: good_url().len()
        })
    );
    // A custom service reads only its own tokens.
    let custom = Service::new("bedrock", "bedrock.amazonaws.com", "custom-");
    let mut buf = vec![0u8; token.len()];
    assert_eq!(
        custom.inspect_into(&token, &mut buf).map(|_| ()),
        Err(Error::UnknownPrefix)
    );
    let renamed = format!("custom-{}", &token["bedrock-api-key-".len()..]);
    assert!(custom.inspect_into(&renamed, &mut buf).is_ok());
}

#[test]
fn url_shape() {
    let check = |url: &str, want: Error| assert_eq!(inspect(&token_of(url)), Err(want), "{url}");
    check(
        good_url().strip_suffix("&Version=1").unwrap(),
        Error::MissingVersion,
    );
    check(&edit("&Version=1", "&Version=2"), Error::MissingVersion);
    check(&edit("/?", "?"), Error::MalformedUrl);
    check(
        &edit("bedrock.amazonaws.com", "evil.example.com"),
        Error::HostMismatch,
    );
    check(
        &edit("bedrock.amazonaws.com/", "bedrock.amazonaws.com/x/"),
        Error::HostMismatch,
    );
    check(&edit("&X-Amz-Date", "&&X-Amz-Date"), Error::MalformedUrl);
    check(&edit("&X-Amz-Date=", "&X-Amz-Date"), Error::MalformedUrl);
}

#[test]
fn missing_duplicated_and_unexpected_parameters() {
    let check = |url: &str, want: Error| assert_eq!(inspect(&token_of(url)), Err(want), "{url}");
    for name in [
        "Action",
        "X-Amz-Algorithm",
        "X-Amz-Credential",
        "X-Amz-Date",
        "X-Amz-Expires",
        "X-Amz-SignedHeaders",
        "X-Amz-Signature",
    ] {
        check(&without(name), Error::MissingParameter { name });
    }
    for name in ["X-Amz-Date", "X-Amz-Signature", "X-Amz-Security-Token"] {
        let duplicated = edit("&Version=1", &format!("&{}&Version=1", param(name)));
        check(&duplicated, Error::DuplicateParameter { name });
    }
    check(
        &edit("&Version=1", "&Action=CallWithBearerToken&Version=1"),
        Error::DuplicateParameter { name: "Action" },
    );
    check(
        &edit("&Version=1", "&Foo=bar&Version=1"),
        Error::UnexpectedParameter,
    );
    check(
        &edit("&Version=1", "&Version=1&Version=1"),
        Error::UnexpectedParameter,
    );
    check(
        &edit("&Version=1", "&X-Amz-Foo=1&Version=1"),
        Error::UnexpectedParameter,
    );
    check(
        &edit("&Version=1", "&x-amz-date=1&Version=1"),
        Error::UnexpectedParameter,
    );
}

#[test]
fn malformed_values() {
    let check = |url: &str, want: Error| assert_eq!(inspect(&token_of(url)), Err(want), "{url}");
    let invalid = |name| Error::InvalidParameter { name };
    check(
        &edit("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA1"),
        invalid("X-Amz-Algorithm"),
    );
    check(
        &edit("Action=CallWithBearerToken", "Action=Other"),
        invalid("Action"),
    );
    check(
        &edit("%2Faws4_request", "%2Faws4_requests"),
        invalid("X-Amz-Credential"),
    );
    check(&edit("%2Fbedrock%2F", "%2F"), invalid("X-Amz-Credential"));
    check(
        &edit("%2Fus-east-2%2F", "%2fus-east-2%2F"),
        invalid("X-Amz-Credential"),
    );
    check(
        &edit("%2Fus-east-2%2F", "%2FUS-EAST-2%2F"),
        Error::InvalidRegion,
    );
    check(
        &edit("X-Amz-Credential=A_b1", "X-Amz-Credential=A-b1"),
        Error::InvalidAccessKeyId,
    );
    check(
        &edit("%2F19700101%2F", "%2F1970010%2F"),
        invalid("X-Amz-Credential"),
    );
    let signature = param("X-Amz-Signature");
    check(
        &edit(
            &signature,
            &signature
                .to_uppercase()
                .replace("X-AMZ-SIGNATURE", "X-Amz-Signature"),
        ),
        invalid("X-Amz-Signature"),
    );
    check(
        &edit(&signature, &signature[..signature.len() - 1]),
        invalid("X-Amz-Signature"),
    );
    check(
        &edit("X-Amz-Security-Token=%20%21", "X-Amz-Security-Token=+%21"),
        invalid("X-Amz-Security-Token"),
    );
    check(
        &edit(
            "X-Amz-Security-Token=%20%21",
            "X-Amz-Security-Token=%20%21%41",
        ),
        invalid("X-Amz-Security-Token"),
    );
    check(
        &edit(&param("X-Amz-Security-Token"), "X-Amz-Security-Token="),
        invalid("X-Amz-Security-Token"),
    );
}

#[test]
fn dates_lifetimes_and_scopes() {
    let check = |url: &str, want: Error| assert_eq!(inspect(&token_of(url)), Err(want), "{url}");
    for date in [
        "19700230T000001Z",
        "19700101T240001Z",
        "19700101T000001z",
        "19700101T000001",
        "1970-01-01T00-00-01Z",
    ] {
        check(
            &edit("X-Amz-Date=19700101T000001Z", &format!("X-Amz-Date={date}")),
            Error::MalformedDate,
        );
    }
    let colons = edit(
        "X-Amz-Date=19700101T000001Z",
        "X-Amz-Date=1970-01-01T00:00:01Z",
    );
    check(&colons, Error::InvalidParameter { name: "X-Amz-Date" }); // ':' unencoded
    check(
        &edit("X-Amz-Date=19700101T000001Z", "X-Amz-Date=19700102T000001Z"),
        Error::ScopeDateMismatch,
    );
    for expires in ["0", "43201", "043200", "-1", "1e3", ""] {
        check(
            &edit("X-Amz-Expires=43200", &format!("X-Amz-Expires={expires}")),
            Error::ExpiresOutOfRange,
        );
    }
    check(
        &edit("%2Fbedrock%2F", "%2Fs3%2F"),
        Error::ScopeServiceMismatch,
    );
    check(
        &edit("X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=host%3Bx-a"),
        Error::SignedHeadersNotHost,
    );
    check(
        &edit("X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=x-a"),
        Error::InvalidParameter {
            name: "X-Amz-SignedHeaders",
        },
    );
}

#[test]
fn urls() {
    let url = common::load(common::PRESIGN_URL_BOTOCORE)[0]
        .str("url")
        .to_owned();
    assert!(inspect_url(&url).is_ok());
    assert_eq!(
        inspect_url(&url["https://".len()..]).map(|_| ()),
        Err(Error::MalformedUrl)
    );
    assert_eq!(
        inspect_url("https://h.example?X-Amz-Date=1").map(|_| ()),
        Err(Error::MalformedUrl)
    );
    assert_eq!(
        inspect_url("https://h example/?a=b").map(|_| ()),
        Err(Error::MalformedUrl)
    );
    assert_eq!(
        inspect_url("https://h.example/?a=b").map(|_| ()),
        Err(Error::MissingParameter {
            name: "X-Amz-Algorithm"
        })
    );
}
