//! The official vectors (`test-vectors/`, compiled in as a table by
//! `build.rs`) and the checks that run them through the library's no-heap
//! API. Shared by every target: firmware prints the tallies over
//! semihosting, the WASM module hands them to its JS loader.
#![no_std]

use core::time::Duration;

use sigv4_bearer::{
    inspect_into, presign_url_into, verify_into, Credentials, Error, Minter, Request, Service,
    SigningScope, Timestamp,
};

/// Room for any vector's token, URL or decoded token (the longest is 2,303 bytes).
pub const BUF: usize = 4096;

/// A vector's credentials and signing time.
pub struct Creds {
    pub access_key_id: &'static str,
    pub secret_access_key: &'static str,
    pub session_token: Option<&'static str>,
    pub now: i64,
}

impl Creds {
    fn credentials(&self) -> Credentials<'static> {
        let creds = Credentials::new(self.access_key_id, self.secret_access_key);
        match self.session_token {
            Some(token) => creds.with_session_token(token),
            None => creds,
        }
    }

    fn now(&self) -> Timestamp {
        Timestamp::from_unix_secs(self.now)
    }
}

/// Which official generator's service a token is for.
#[derive(Clone, Copy)]
pub enum Svc {
    Bedrock,
    ExternalAnthropic,
}

impl Svc {
    fn service(self) -> Service<'static> {
        match self {
            Svc::Bedrock => Service::BEDROCK,
            Svc::ExternalAnthropic => Service::EXTERNAL_ANTHROPIC,
        }
    }
}

/// A token made by an official generator.
pub struct TokenVector {
    pub name: &'static str,
    pub service: Svc,
    pub creds: Creds,
    pub region: &'static str,
    pub expires_in_secs: u64,
    pub expires_in_micros: u32,
    pub token: &'static str,
}

impl TokenVector {
    fn expires_in(&self) -> Duration {
        Duration::new(self.expires_in_secs, self.expires_in_micros * 1000)
    }
}

/// A presigned URL made by botocore or boto3.
pub struct UrlVector {
    pub name: &'static str,
    pub method: &'static str,
    pub host: &'static str,
    pub path: &'static str,
    pub query: &'static [(&'static str, &'static str)],
    pub headers: &'static [(&'static str, &'static str)],
    pub service: &'static str,
    pub creds: Creds,
    pub region: &'static str,
    pub expires_in_secs: u64,
    pub url: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/table.rs"));

/// How many vectors one check ran and how many passed.
#[derive(Clone, Copy)]
pub struct Tally {
    pub check: &'static str,
    pub run: u32,
    pub passed: u32,
}

/// The checks [`run_all`] reports, in order.
pub const CHECKS: [&str; 7] = [
    "presign_into, Bedrock (Python generator)",
    "presign_into, External Anthropic (Python generator)",
    "presign_url_into (botocore SigV4QueryAuth)",
    "presign_url_into (boto3 RDS and DSQL tokens)",
    "inspect_into (Python and JS generators' tokens)",
    "verify_into (Python and JS generators' tokens; a wrong secret refused)",
    "Minter with fixed storage (Python generators' tokens)",
];

/// Runs every vector through every check; `failed(check, vector)` hears of
/// each mismatch.
pub fn run_all(failed: &mut dyn FnMut(&'static str, &'static str)) -> [Tally; CHECKS.len()] {
    let python = || BEDROCK_PYTHON.iter().chain(EXTERNAL_ANTHROPIC_PYTHON);
    let every_token = || python().chain(BEDROCK_JS);
    let mut tallies = CHECKS.map(|check| Tally {
        check,
        run: 0,
        passed: 0,
    });
    let mut count = |at: usize, name: &'static str, ok: bool| {
        if let Some(tally) = tallies.get_mut(at) {
            tally.run += 1;
            tally.passed += u32::from(ok);
            if !ok {
                failed(tally.check, name);
            }
        }
    };
    for v in BEDROCK_PYTHON {
        count(0, v.name, presign_matches(v));
    }
    for v in EXTERNAL_ANTHROPIC_PYTHON {
        count(1, v.name, presign_matches(v));
    }
    for v in URLS_BOTOCORE {
        count(2, v.name, url_matches(v));
    }
    for v in DB_TOKENS_BOTO3 {
        count(3, v.name, url_matches(v));
    }
    for v in every_token() {
        count(4, v.name, inspects_back(v));
    }
    for v in every_token() {
        count(5, v.name, verifies_and_refuses_a_wrong_secret(v));
    }
    for v in python() {
        count(6, v.name, minter_matches(v));
    }
    tallies
}

/// The token, byte for byte; and one byte less of room is refused with the
/// exact length, the buffer untouched.
fn presign_matches(v: &TokenVector) -> bool {
    let (creds, now, service) = (v.creds.credentials(), v.creds.now(), v.service.service());
    let mut buf = [0u8; BUF];
    let made = service.presign_into(&creds, v.region, now, v.expires_in(), &mut buf);
    if made != Ok(v.token) {
        return false;
    }
    let mut short = [0x5au8; BUF];
    let room = short.get_mut(..v.token.len() - 1).unwrap_or_default();
    let refused = service.presign_into(&creds, v.region, now, v.expires_in(), room);
    refused
        == Err(Error::BufferTooSmall {
            needed: v.token.len(),
        })
        && room.iter().all(|&b| b == 0x5a)
}

fn url_matches(v: &UrlVector) -> bool {
    let request = Request {
        method: v.method,
        host: v.host,
        path: v.path,
        query: v.query,
        headers: v.headers,
    };
    let mut buf = [0u8; BUF];
    let url = presign_url_into(
        &request,
        SigningScope {
            region: v.region,
            signing_name: v.service,
        },
        &v.creds.credentials(),
        v.creds.now(),
        Duration::from_secs(v.expires_in_secs),
        &mut buf,
    );
    url == Ok(v.url)
}

/// What the token says about itself is what it was made from.
fn inspects_back(v: &TokenVector) -> bool {
    let mut buf = [0u8; BUF];
    let Ok(info) = inspect_into(v.token, &mut buf) else {
        return false;
    };
    let now = v.creds.now();
    info.service() == v.service.service()
        && info.region() == v.region
        && info.access_key_id() == v.creds.access_key_id
        && info.signed_at() == now
        && info.lifetime() == Duration::from_secs(v.expires_in_secs)
        && info.has_session_token() == v.creds.session_token.is_some()
}

/// The secret key verifies the token at its signing time (for JS tokens,
/// in their sorted order: their signature is ours), and a secret one bit
/// off is refused with `SignatureMismatch`.
fn verifies_and_refuses_a_wrong_secret(v: &TokenVector) -> bool {
    let (secret, now, skew) = (v.creds.secret_access_key, v.creds.now(), Duration::ZERO);
    let mut buf = [0u8; BUF];
    if verify_into(v.token, secret, now, skew, &mut buf).is_err() {
        return false;
    }
    let mut other = [0u8; 256];
    let Some(copy) = other.get_mut(..secret.len()) else {
        return false;
    };
    copy.copy_from_slice(secret.as_bytes());
    // Flip a low bit of the last byte: still UTF-8 (an ASCII byte stays
    // ASCII; a continuation byte stays one).
    if let Some(last) = copy.last_mut() {
        *last ^= 1;
    }
    let Ok(other) = core::str::from_utf8(copy) else {
        return false;
    };
    verify_into(v.token, other, now, skew, &mut buf) == Err(Error::SignatureMismatch)
}

/// A minter with a fixed array hands out the same token as the generator.
fn minter_matches(v: &TokenVector) -> bool {
    let mut minter = Minter::with_storage(
        v.creds.credentials(),
        v.service.service(),
        v.region,
        v.expires_in(),
        [0u8; BUF],
    );
    minter.token(v.creds.now()) == Ok(v.token)
}
