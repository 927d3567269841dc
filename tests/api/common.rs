//! Loads the committed vector files (made by the official generators; see
//! test-vectors/README.md). `include_str!` keeps the working directory out of it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use core::time::Duration;

use serde_json::Value;
use sigv4_bearer::{presign_url_into, Credentials, Request, SigningScope, Timestamp};

pub const BEDROCK_PYTHON: &str = include_str!("../../test-vectors/bedrock_python.json");
pub const EXTERNAL_ANTHROPIC_PYTHON: &str =
    include_str!("../../test-vectors/external_anthropic_python.json");
pub const BEDROCK_JS: &str = include_str!("../../test-vectors/bedrock_js.json");
pub const PRESIGN_URL_BOTOCORE: &str = include_str!("../../test-vectors/presign_url_botocore.json");
pub const DB_TOKENS_BOTO3: &str = include_str!("../../test-vectors/db_tokens_boto3.json");
pub const SIGN_HEADERS_BOTOCORE: &str =
    include_str!("../../test-vectors/sign_headers_botocore.json");
pub const PRESIGN_S3_BOTOCORE: &str = include_str!("../../test-vectors/presign_s3_botocore.json");
pub const SIGV4_SUITE_BOTOCORE: &str = include_str!("../../test-vectors/sigv4_suite_botocore.json");

/// The signing time the hand-written tests use: 2025-01-02T03:04:05Z.
pub const NOW: Timestamp = Timestamp::from_unix_secs(1_735_787_045);
pub const HOUR: Duration = Duration::from_secs(3600);
/// Valid credentials for tests that do not compare signatures.
pub const GOOD: Credentials<'static> = Credentials::new("AKIDEXAMPLE", "secret");
/// AWS's documentation example secret access key.
pub const EXAMPLE_SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

/// One vector: a JSON object with typed accessors that name the vector on failure.
pub struct Vector(pub Value);

pub fn load(file: &str) -> Vec<Vector> {
    let doc: Value = serde_json::from_str(file).expect("vector file is JSON");
    let vectors = doc["vectors"].as_array().expect("a vectors array");
    assert!(!vectors.is_empty(), "no vectors in file");
    vectors.iter().cloned().map(Vector).collect()
}

impl Vector {
    pub fn name(&self) -> &str {
        self.str("name")
    }

    pub fn str(&self, key: &str) -> &str {
        self.0[key]
            .as_str()
            .unwrap_or_else(|| panic!("{}: {key} is not a string", self.0["name"]))
    }

    pub fn opt_str(&self, key: &str) -> Option<&str> {
        self.0[key].as_str()
    }

    pub fn int(&self, key: &str) -> i64 {
        self.0[key]
            .as_i64()
            .unwrap_or_else(|| panic!("{}: {key} is not an integer", self.0["name"]))
    }

    pub fn pairs(&self, key: &str) -> Vec<(&str, &str)> {
        self.0[key]
            .as_array()
            .unwrap_or_else(|| panic!("{}: {key} is not a list", self.name()))
            .iter()
            .map(|pair| (pair[0].as_str().unwrap(), pair[1].as_str().unwrap()))
            .collect()
    }

    /// Runs `f` with the vector's request: method, host, path, query, headers.
    pub fn with_request<R>(&self, f: impl FnOnce(&Request<'_>) -> R) -> R {
        let (query, headers) = (self.pairs("query"), self.pairs("headers"));
        f(&Request {
            method: self.str("method"),
            host: self.str("host"),
            path: self.str("path"),
            query: &query,
            headers: &headers,
        })
    }

    pub fn credentials(&self) -> Credentials<'_> {
        let creds = Credentials::new(self.str("access_key_id"), self.str("secret_access_key"));
        match self.opt_str("session_token") {
            Some(token) => creds.with_session_token(token),
            None => creds,
        }
    }

    /// The vector's `region` and `service` (its signing name).
    pub fn scope(&self) -> SigningScope<'_> {
        SigningScope {
            region: self.str("region"),
            signing_name: self.str("service"),
        }
    }

    pub fn now(&self) -> Timestamp {
        Timestamp::from_unix_secs(self.int("now"))
    }

    /// The lifetime the generator was asked for, sub-second part included.
    pub fn expires_in(&self) -> Duration {
        let micros = self.0["expires_in_micros"].as_u64().unwrap_or(0);
        Duration::from_secs(self.int("expires_in_secs") as u64) + Duration::from_micros(micros)
    }
}

/// Splits a token into its prefix-free decoded URL (without `https://`).
pub fn decode_token(token: &str, prefix: &str) -> String {
    use base64::Engine as _;
    let body = token.strip_prefix(prefix).expect("token has the prefix");
    let mut bytes = vec![0u8; body.len()];
    let len = base64::engine::general_purpose::STANDARD
        .decode_slice(body, &mut bytes)
        .expect("token is base64");
    bytes.truncate(len);
    String::from_utf8(bytes).expect("token URL is UTF-8")
}

/// A URL's `host/path` and its query parameters, sorted.
pub fn split_url(url: &str) -> (&str, Vec<&str>) {
    let (base, query) = url.split_once('?').expect("URL has a query");
    let mut params: Vec<&str> = query.split('&').collect();
    params.sort_unstable();
    (base, params)
}

/// Presigns every vector of a URL file with `presign_url_into` (and, with
/// `alloc`, `presign_url`) and checks the `url` byte for byte; returns the count.
pub fn check_presigned_urls(file: &str) -> usize {
    let vectors = load(file);
    for v in &vectors {
        let (scope, creds, now, expires_in) = (v.scope(), v.credentials(), v.now(), v.expires_in());
        v.with_request(|request| {
            let mut buf = vec![0u8; 8192];
            let url = presign_url_into(request, scope, &creds, now, expires_in, &mut buf);
            assert_eq!(url, Ok(v.str("url")), "{}", v.name());
            #[cfg(feature = "alloc")]
            {
                let owned = sigv4_bearer::presign_url(request, scope, &creds, now, expires_in);
                assert_eq!(owned.as_deref(), Ok(v.str("url")), "{}", v.name());
            }
        });
    }
    vectors.len()
}
