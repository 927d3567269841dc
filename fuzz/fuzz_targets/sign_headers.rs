//! `sign_headers_into` on arbitrary input: never a panic; when it signs,
//! well-formed headers only (the four names in order, printable ASCII
//! values with no line breaks, an `authorization` of the documented shape),
//! the exact length in `BufferTooSmall`, the same result as `sign_headers`,
//! and a precomputed body hash signing as the body does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sigv4_bearer::{
    sign_headers, sign_headers_into, Credentials, Error, Payload, Request, SigningScope, Timestamp,
};
use sigv4_bearer_fuzz::Fields;

const ORDER: [&str; 4] = [
    "x-amz-date",
    "x-amz-security-token",
    "x-amz-content-sha256",
    "authorization",
];

fuzz_target!(|data: &[u8]| {
    let mut f = Fields::new(data);
    let buf_len = f.number().unsigned_abs() as usize % 4096;
    let (Some(method), Some(host), Some(path)) = (f.text(), f.text(), f.text()) else {
        return;
    };
    let (Some(service), Some(region), Some(id), Some(secret)) =
        (f.text(), f.text(), f.text(), f.text())
    else {
        return;
    };
    let token = f.text().filter(|t| !t.is_empty() || f.number() % 2 == 0);
    let now = Timestamp::from_unix_secs(f.number());
    let expiration = f.number();
    let mut query = Vec::new();
    for _ in 0..f.number().rem_euclid(4) {
        query.push((f.text().unwrap_or(""), f.text().unwrap_or("")));
    }
    let mut headers = Vec::new();
    for _ in 0..f.number().rem_euclid(4) {
        headers.push((f.text().unwrap_or(""), f.text().unwrap_or("")));
    }
    let body = f.bytes();
    let hash = f.text().unwrap_or("");
    let payload = match f.number().rem_euclid(4) {
        0 => Payload::Empty,
        1 => Payload::Bytes(body),
        2 => Payload::Sha256Hex(hash),
        _ => Payload::Unsigned,
    };

    let mut creds = Credentials::new(id, secret);
    if let Some(token) = token {
        creds = creds.with_session_token(token);
    }
    if expiration % 3 == 0 {
        creds = creds.with_expiration(Timestamp::from_unix_secs(expiration));
    }
    let request = Request {
        method,
        host,
        path,
        query: &query,
        headers: &headers,
    };
    let scope = SigningScope {
        region,
        signing_name: service,
    };
    let owned = sign_headers(&request, payload, scope, &creds, now);
    let mut buf = vec![0x5au8; buf_len];
    let into = sign_headers_into(&request, payload, scope, &creds, now, &mut buf);
    let signed = match (&owned, into) {
        (Ok(owned), Ok(into)) => {
            assert!(owned.headers().eq(into.headers()), "sign_headers differs");
            owned
        }
        (Ok(owned), Err(Error::BufferTooSmall { needed })) => {
            let len: usize = owned.headers().map(|(_, value)| value.len()).sum();
            assert_eq!(needed, len);
            assert!(buf_len < needed);
            assert!(buf.iter().all(|&b| b == 0), "a partial signature is left");
            owned
        }
        (Err(a), Err(b)) => {
            assert_eq!(*a, b);
            return;
        }
        (owned, into) => panic!("sign_headers {owned:?} but sign_headers_into {into:?}"),
    };

    let names: Vec<&str> = signed.headers().map(|(name, _)| name).collect();
    let mut expected = ORDER.iter();
    for name in &names {
        assert!(
            expected.any(|n| n == name),
            "headers out of order: {names:?}"
        );
    }
    assert_eq!(names.first(), Some(&"x-amz-date"));
    assert_eq!(names.last(), Some(&"authorization"));
    for (name, value) in signed.headers() {
        assert!(
            value.bytes().all(|b| (b' '..=b'~').contains(&b)),
            "{name} holds a byte that cannot be sent"
        );
        assert!(
            !value.starts_with(' ') && !value.ends_with(' '),
            "{name} is padded"
        );
    }
    assert_eq!(signed.x_amz_date().len(), 16);
    assert_eq!(signed.x_amz_security_token(), token);
    let prefix = format!("AWS4-HMAC-SHA256 Credential={id}/");
    let authorization = signed.authorization();
    assert!(authorization.starts_with(&prefix), "{authorization}");
    let signature = authorization.rsplit(", Signature=").next().unwrap_or("");
    assert!(
        signature.len() == 64
            && signature
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    );

    if let Payload::Bytes(body) = payload {
        use sha2::Digest as _;
        let hex: String = sha2::Sha256::digest(body)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let by_hash = sign_headers(&request, Payload::Sha256Hex(&hex), scope, &creds, now);
        assert!(matches!(&by_hash, Ok(h) if h.headers().eq(signed.headers())));
    }
});
