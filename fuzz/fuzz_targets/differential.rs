//! `presign_url` and `sign_headers` against AWS's own Rust signer,
//! `aws-sigv4`: the empty body with the signature in the query, or a body
//! (signed, or `UNSIGNED-PAYLOAD`) with the signature in headers. Inputs are
//! drawn inside what both accept (see the README's fuzzing section for what
//! is left out and why); both must sign, and the signatures must be equal.
#![no_main]

use std::time::{Duration, UNIX_EPOCH};

use aws_sigv4::http_request::{
    sign, PayloadChecksumKind, PercentEncodingMode, SignableBody, SignableRequest,
    SignatureLocation, SigningSettings, UriPathNormalizationMode,
};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use libfuzzer_sys::fuzz_target;
use sigv4_bearer::{
    presign_url_into, sign_headers_into, Credentials, Payload, Request, SigningScope, Timestamp,
};
use sigv4_bearer_fuzz::Fields;

const UPPER: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER_DIGITS_DASH: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789-";
const HOST_CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const PATH_CHARS: &[u8] = b"abcXYZ019-_.~/%";
const TOKEN_CHARS: &[u8] =
    b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~";
const KEY_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const VISIBLE: &[u8] = b"!\"#$%&'()*+,-./0123456789:;<=>?@ABCXYZabcxyz[\\]^_`{|}~";
const S3_NAMES: [&str; 3] = ["s3", "s3-object-lambda", "s3-outposts"];

/// Where the signature goes, and what body is signed.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Mode<'a> {
    Query,
    Headers(&'a [u8]),
    HeadersUnsigned,
}

/// `bytes` mapped onto `alphabet`, at least `min` and at most `max` long.
fn draw(bytes: &[u8], alphabet: &[u8], min: usize, max: usize) -> String {
    let mut out: String = bytes
        .iter()
        .take(max)
        .map(|&b| char::from(alphabet[usize::from(b) % alphabet.len()]))
        .collect();
    while out.len() < min {
        out.push(char::from(alphabet[out.len() % alphabet.len()]));
    }
    out
}

/// A path: unreserved characters, `/`, `.`/`..` segments and `%XX` escapes.
fn draw_path(bytes: &[u8]) -> String {
    let mut path = String::from("/");
    let mut rest = bytes.iter().take(200);
    while let Some(&b) = rest.next() {
        match PATH_CHARS[usize::from(b) % PATH_CHARS.len()] {
            b'%' => {
                let hex = |b: Option<&u8>| {
                    char::from(b"0123456789ABCDEFabcdef"[usize::from(*b.unwrap_or(&0)) % 22])
                };
                path.push('%');
                path.push(hex(rest.next()));
                path.push(hex(rest.next()));
            }
            c => path.push(char::from(c)),
        }
    }
    // botocore drops the slash a trailing `.`/`..` would leave (`/a/b/..`
    // signs as `/a`); aws-sigv4 keeps it, as RFC 3986 does.
    if path.ends_with("/.") || path.ends_with("/..") {
        path.push('/');
    }
    path
}

fuzz_target!(|data: &[u8]| {
    let mut f = Fields::new(data);
    let method = draw(f.bytes(), UPPER, 1, 10);
    let mut host = draw(f.bytes(), HOST_CHARS, 1, 30) + "." + &draw(f.bytes(), HOST_CHARS, 1, 10);
    let port = f.number().rem_euclid(65_536);
    if port > 0 {
        host = format!("{host}:{port}");
    }
    let path = draw_path(f.bytes());
    let service = draw(f.bytes(), LOWER_DIGITS_DASH, 1, 20);
    let region = draw(f.bytes(), LOWER_DIGITS_DASH, 1, 20);
    let access_key_id = draw(f.bytes(), KEY_CHARS, 16, 20);
    let Some(secret) = f.text().filter(|s| !s.is_empty()) else {
        return;
    };
    let session_token = f.text().filter(|s| !s.is_empty());
    let now = f.number().rem_euclid(253_402_300_800);
    let lifetime = 1 + f.number().rem_euclid(604_800) as u64;

    // Query parameters: any UTF-8, distinct names not starting with X-Amz-.
    let mut query: Vec<(&str, &str)> = Vec::new();
    for _ in 0..f.number().rem_euclid(6) {
        let (Some(key), Some(value)) = (f.text(), f.text()) else {
            return;
        };
        let reserved = key
            .get(..6)
            .is_some_and(|h| h.eq_ignore_ascii_case("x-amz-"));
        if key.is_empty() || reserved || query.iter().any(|&(k, _)| k == key) {
            return;
        }
        query.push((key, value));
    }
    // Headers: `x-` names (the SDKs differ on which other names they never
    // sign), visible ASCII and spaces, no tabs (botocore folds them, aws-sigv4 keeps them).
    let mut header_store: Vec<(String, String)> = Vec::new();
    for _ in 0..f.number().rem_euclid(4) {
        let name = format!("x-{}", draw(f.bytes(), TOKEN_CHARS, 1, 20));
        // `x-amz-*` names are the signer's own, or ones aws-sigv4 never signs.
        if name.to_ascii_lowercase().starts_with("x-amz") {
            return;
        }
        let value = draw(
            f.bytes(),
            b" !\"#$%&'()*+,-./0123456789:;<=>?@ABCXYZabcxyz[\\]^_`{|}~",
            0,
            40,
        );
        if header_store
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(&name))
        {
            return;
        }
        header_store.push((name, value));
    }
    let headers: Vec<(&str, &str)> = header_store
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    // Last, so seeds made before header signing still read as query mode.
    let body = f.bytes();
    let mode = match f.number().rem_euclid(3) {
        0 => Mode::Query,
        1 => Mode::Headers(body),
        _ => Mode::HeadersUnsigned,
    };
    // A session token sent as a header must be visible ASCII.
    let header_token;
    let session_token = match (mode, session_token) {
        (Mode::Query, token) | (_, token @ None) => token,
        (_, Some(token)) => {
            header_token = draw(token.as_bytes(), VISIBLE, 1, 400);
            Some(header_token.as_str())
        }
    };

    let mut creds = Credentials::new(&access_key_id, secret);
    if let Some(token) = session_token {
        creds = creds.with_session_token(token);
    }
    let request = Request {
        method: &method,
        host: &host,
        path: &path,
        query: &query,
        headers: &headers,
    };
    let scope = SigningScope {
        region: &region,
        signing_name: &service,
    };
    let mut buf = vec![0u8; 16 * 1024];
    let at = Timestamp::from_unix_secs(now);
    let ours = match mode {
        Mode::Query => presign_url_into(
            &request,
            scope,
            &creds,
            at,
            Duration::from_secs(lifetime),
            &mut buf,
        )
        .map(|url| {
            url.rsplit("X-Amz-Signature=")
                .next()
                .unwrap_or("")
                .to_owned()
        }),
        Mode::Headers(_) | Mode::HeadersUnsigned => {
            let payload = match mode {
                Mode::Headers(body) => Payload::Bytes(body),
                _ => Payload::Unsigned,
            };
            sign_headers_into(&request, payload, scope, &creds, at, &mut buf).map(|signed| {
                // The whole header, not only the signature: the signed
                // header list must agree too.
                signed.authorization().to_owned()
            })
        }
    };

    // aws-sigv4 gets the query encoded by form_urlencoded (an independent
    // encoder) and the host header as HTTP clients send it.
    let mut uri = format!("https://{host}{path}");
    if !query.is_empty() {
        let mut encoded = form_urlencoded::Serializer::new(String::new());
        encoded.extend_pairs(query.iter());
        uri = format!("{uri}?{}", encoded.finish());
    }
    let host_header = host.to_ascii_lowercase();
    let host_header = host_header.strip_suffix(":443").unwrap_or(&host_header);
    let theirs = sign_with_aws_sigv4(
        &method,
        &uri,
        host_header,
        &headers,
        &service,
        &region,
        &access_key_id,
        secret,
        session_token,
        now,
        lifetime,
        mode,
    );

    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert_eq!(
            a, b,
            "signatures differ for {request:?} {mode:?} {service} {region} at {now}"
        ),
        _ => panic!(
            "one refused: ours {ours:?}, aws-sigv4 {theirs:?}, for {request:?} {mode:?} {service} {region} at {now}"
        ),
    }
});

#[allow(clippy::too_many_arguments)]
fn sign_with_aws_sigv4(
    method: &str,
    uri: &str,
    host: &str,
    headers: &[(&str, &str)],
    service: &str,
    region: &str,
    access_key_id: &str,
    secret: &str,
    session_token: Option<&str>,
    now: i64,
    lifetime: u64,
    mode: Mode<'_>,
) -> Result<String, String> {
    let creds = aws_credential_types::Credentials::new(
        access_key_id,
        secret,
        session_token.map(str::to_owned),
        None,
        "fuzz",
    );
    let identity: Identity = creds.into();
    let mut settings = SigningSettings::default();
    let s3 = S3_NAMES.contains(&service);
    if s3 {
        // What aws-sdk-s3 configures: botocore's S3 rules.
        settings.percent_encoding_mode = PercentEncodingMode::Single;
        settings.uri_path_normalization_mode = UriPathNormalizationMode::Disabled;
    }
    let body = match mode {
        Mode::Query => {
            settings.signature_location = SignatureLocation::QueryParams;
            settings.expires_in = Some(Duration::from_secs(lifetime));
            if s3 {
                SignableBody::UnsignedPayload
            } else {
                SignableBody::Bytes(&[])
            }
        }
        Mode::Headers(body) => {
            settings.signature_location = SignatureLocation::Headers;
            if s3 {
                settings.payload_checksum_kind = PayloadChecksumKind::XAmzSha256;
            }
            SignableBody::Bytes(body)
        }
        Mode::HeadersUnsigned => {
            settings.signature_location = SignatureLocation::Headers;
            settings.payload_checksum_kind = PayloadChecksumKind::XAmzSha256;
            SignableBody::UnsignedPayload
        }
    };
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(UNIX_EPOCH + Duration::from_secs(now as u64))
        .settings(settings)
        .build()
        .map_err(|e| e.to_string())?
        .into();
    let all_headers = headers
        .iter()
        .copied()
        .chain(std::iter::once(("host", host)));
    let request =
        SignableRequest::new(method, uri, all_headers, body).map_err(|e| e.to_string())?;
    let (instructions, signature) = sign(request, &params)
        .map_err(|e| e.to_string())?
        .into_parts();
    if mode == Mode::Query {
        return Ok(signature);
    }
    let authorization = instructions
        .headers()
        .find(|(name, _)| name.eq_ignore_ascii_case("authorization"))
        .map(|(_, value)| value.to_owned());
    authorization.ok_or_else(|| "no authorization header".to_owned())
}
