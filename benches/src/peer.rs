//! The same token from `aws-sigv4` (empty body, signature in the query),
//! assembled as the official generators do; and the count of SHA-256
//! compressions our path needs.

use std::time::{Duration, UNIX_EPOCH};

use aws_sigv4::http_request::{
    sign, SignableBody, SignableRequest, SignatureLocation, SigningSettings,
};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use base64::Engine as _;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

pub struct Creds {
    pub access_key_id: &'static str,
    pub secret: &'static str,
    pub session_token: Option<String>,
}

/// A Bedrock token signed by aws-sigv4.
pub fn aws_sigv4_token(creds: &Creds, region: &str, now: u64, lifetime: u64) -> String {
    let identity: Identity = aws_credential_types::Credentials::new(
        creds.access_key_id,
        creds.secret,
        creds.session_token.clone(),
        None,
        "bench",
    )
    .into();
    let mut settings = SigningSettings::default();
    settings.signature_location = SignatureLocation::QueryParams;
    settings.expires_in = Some(Duration::from_secs(lifetime));
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name("bedrock")
        .time(UNIX_EPOCH + Duration::from_secs(now))
        .settings(settings)
        .build()
        .unwrap()
        .into();
    let request = SignableRequest::new(
        "POST",
        "https://bedrock.amazonaws.com/?Action=CallWithBearerToken",
        std::iter::once(("host", "bedrock.amazonaws.com")),
        SignableBody::Bytes(&[]),
    )
    .unwrap();
    let (instructions, _) = sign(request, &params).unwrap().into_parts();
    let mut url = String::from("bedrock.amazonaws.com/?Action=CallWithBearerToken");
    for (name, value) in instructions.params() {
        url.push('&');
        url.push_str(name);
        url.push('=');
        url.extend(utf8_percent_encode(value, UNRESERVED));
    }
    url.push_str("&Version=1");
    format!(
        "bedrock-api-key-{}",
        base64::engine::general_purpose::STANDARD.encode(url)
    )
}

/// The token's body: the URL without `https://`, with `&Version=1`.
pub fn decode(token: &str) -> String {
    let body = token.strip_prefix("bedrock-api-key-").unwrap();
    String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(body)
            .unwrap(),
    )
    .unwrap()
}

/// The token's `X-Amz-Signature`.
pub fn signature(token: &str) -> String {
    let url = decode(token);
    url.split("X-Amz-Signature=").nth(1).unwrap()[..64].to_owned()
}

/// SHA-256 compressions behind one token: four HMACs for the signing key,
/// the canonical request, and the HMAC of the string to sign; and those
/// left when the signing key is cached (the canonical request, and the
/// string to sign's HMAC with its two key blocks: the key is kept as its
/// 32 bytes, not as a keyed HMAC).
pub fn compressions(token: &str, secret: &str) -> (usize, usize) {
    assert!(
        4 + secret.len() <= 64,
        "a long secret adds a hash of the key"
    );
    let blocks = |len: usize| (len + 9).div_ceil(64);
    // HMAC: the padded key block and the message (inner), then the key
    // block and the 32-byte inner hash (outer).
    let hmac = |message: usize| blocks(64 + message) + blocks(64 + 32);
    let url = decode(token);
    let query = url.split_once('?').unwrap().1;
    let signed_query = query.split("&X-Amz-Signature=").next().unwrap();
    let host = "bedrock.amazonaws.com";
    let canonical = "POST\n/\n".len()
        + signed_query.len()
        + 1
        + "host:".len()
        + host.len()
        + 2
        + "host\n".len()
        + 64;
    let scope = "20250102/us-west-2/bedrock/aws4_request".len();
    let string_to_sign = "AWS4-HMAC-SHA256\n".len() + 16 + 1 + scope + 1 + 64;
    let signing_key =
        hmac(8) + hmac("us-west-2".len()) + hmac("bedrock".len()) + hmac("aws4_request".len());
    let signature = blocks(canonical) + hmac(string_to_sign);
    (signing_key + signature, signature)
}
