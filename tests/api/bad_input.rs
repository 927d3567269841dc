//! Every bad input gets its own error, never a panic and never a token.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::std_instead_of_alloc
)]

use crate::common::{GOOD, HOUR, NOW};
use core::time::Duration;

use sigv4_bearer::{
    bedrock, presign_url_into, Credentials, Error, Request, Service, SigningScope, Timestamp,
    MAX_TOKEN_LIFETIME, MAX_URL_LIFETIME,
};

const RDS: SigningScope<'static> = SigningScope {
    region: "us-east-1",
    signing_name: "rds-db",
};

fn token(
    creds: &Credentials<'_>,
    region: &str,
    now: Timestamp,
    lifetime: Duration,
) -> Result<usize, Error> {
    let mut buf = [0u8; 4096];
    bedrock::presign_into(creds, region, now, lifetime, &mut buf).map(str::len)
}

fn url(request: &Request<'_>, service: &str, lifetime: Duration) -> Result<usize, Error> {
    let mut buf = [0u8; 4096];
    presign_url_into(
        request,
        SigningScope {
            region: "us-east-1",
            signing_name: service,
        },
        &GOOD,
        NOW,
        lifetime,
        &mut buf,
    )
    .map(str::len)
}

fn request<'a>() -> Request<'a> {
    Request {
        host: "db.example.com:5432",
        query: &[("Action", "connect")],
        ..Request::default()
    }
}

#[test]
fn lifetimes_outside_bounds() {
    let token_err = Err(Error::InvalidLifetime { max_secs: 43_200 });
    for lifetime in [
        Duration::ZERO,
        Duration::from_millis(999),
        MAX_TOKEN_LIFETIME + Duration::from_secs(1),
        Duration::MAX,
    ] {
        assert_eq!(
            token(&GOOD, "us-east-1", NOW, lifetime),
            token_err,
            "{lifetime:?}"
        );
    }
    for lifetime in [
        Duration::from_secs(1),
        Duration::from_millis(1_500),
        MAX_TOKEN_LIFETIME,
    ] {
        assert!(
            token(&GOOD, "us-east-1", NOW, lifetime).is_ok(),
            "{lifetime:?}"
        );
    }
    let url_err = Err(Error::InvalidLifetime { max_secs: 604_800 });
    assert_eq!(url(&request(), "rds-db", Duration::ZERO), url_err);
    assert_eq!(
        url(
            &request(),
            "rds-db",
            MAX_URL_LIFETIME + Duration::from_secs(1)
        ),
        url_err
    );
    assert!(url(&request(), "rds-db", MAX_URL_LIFETIME).is_ok());
}

#[test]
fn expired_credentials() {
    for expiry in [
        NOW,
        Timestamp::from_unix_secs(NOW.as_unix_secs() - 1),
        Timestamp::from_unix_secs(i64::MIN),
    ] {
        let creds = GOOD.with_expiration(expiry);
        assert_eq!(
            token(&creds, "us-east-1", NOW, HOUR),
            Err(Error::CredentialsExpired)
        );
    }
}

/// A token from credentials that expire first is exactly the token asked for
/// with the credentials' remaining life (itself checked against the vectors).
#[test]
fn lifetime_is_cut_to_the_credentials_expiration() {
    let mut clamped = [0u8; 1024];
    let mut plain = [0u8; 1024];
    for left in [1, 100, 3_599] {
        let creds = GOOD.with_expiration(Timestamp::from_unix_secs(NOW.as_unix_secs() + left));
        let got = bedrock::presign_into(&creds, "us-west-2", NOW, HOUR, &mut clamped).unwrap();
        let want = bedrock::presign_into(
            &GOOD,
            "us-west-2",
            NOW,
            Duration::from_secs(left as u64),
            &mut plain,
        )
        .unwrap();
        assert_eq!(got, want, "{left} s left");
        #[cfg(feature = "alloc")]
        {
            let token = bedrock::presign(&creds, "us-west-2", NOW, HOUR).unwrap();
            assert_eq!(
                token.expires_at(),
                Timestamp::from_unix_secs(NOW.as_unix_secs() + left)
            );
        }
    }
    // Credentials that outlive the request leave it alone.
    let creds = GOOD.with_expiration(Timestamp::from_unix_secs(NOW.as_unix_secs() + 7_200));
    let got = bedrock::presign_into(&creds, "us-west-2", NOW, HOUR, &mut clamped).unwrap();
    let want = bedrock::presign_into(&GOOD, "us-west-2", NOW, HOUR, &mut plain).unwrap();
    assert_eq!(got, want);
}

#[test]
fn times_outside_years_1970_to_9999() {
    for secs in [-1, i64::MIN, 253_402_300_800, i64::MAX] {
        assert_eq!(
            token(&GOOD, "us-east-1", Timestamp::from_unix_secs(secs), HOUR),
            Err(Error::TimeOutOfRange)
        );
    }
    for secs in [0, 253_402_300_799] {
        assert!(token(&GOOD, "us-east-1", Timestamp::from_unix_secs(secs), HOUR).is_ok());
    }
}

#[test]
fn bad_regions() {
    for region in [
        "",
        "US-EAST-1",
        "us_east_1",
        "us-east-1 ",
        "us/east-1",
        "us-east-\u{fc}",
        "us.east",
    ] {
        assert_eq!(
            token(&GOOD, region, NOW, HOUR),
            Err(Error::InvalidRegion),
            "{region:?}"
        );
    }
}

#[test]
fn bad_credentials() {
    for id in ["", "AKID-1", "AKID 1", "AKID\u{c4}", "AKID/"] {
        let creds = Credentials::new(id, "secret");
        assert_eq!(
            token(&creds, "us-east-1", NOW, HOUR),
            Err(Error::InvalidAccessKeyId),
            "{id:?}"
        );
    }
    let creds = Credentials::new("AKID", "");
    assert_eq!(
        token(&creds, "us-east-1", NOW, HOUR),
        Err(Error::EmptySecretAccessKey)
    );
    let creds = GOOD.with_session_token("");
    assert_eq!(
        token(&creds, "us-east-1", NOW, HOUR),
        Err(Error::EmptySessionToken)
    );
}

#[test]
fn bad_services() {
    let mut buf = [0u8; 2048];
    let mut mint = |service: Service<'_>| {
        service
            .presign_into(&GOOD, "us-east-1", NOW, HOUR, &mut buf)
            .map(str::len)
    };
    for name in ["", "a/b", "a b", "svc\n"] {
        assert_eq!(
            mint(Service::new(name, "h.example", "p-")),
            Err(Error::InvalidSigningName),
            "{name:?}"
        );
    }
    for host in ["", "h/x", "h x", "u@h"] {
        assert_eq!(
            mint(Service::new("svc", host, "p-")),
            Err(Error::InvalidHost),
            "{host:?}"
        );
    }
    for prefix in ["", "a b", "caf\u{e9}-", "p\t"] {
        assert_eq!(
            mint(Service::new("svc", "h.example", prefix)),
            Err(Error::InvalidPrefix),
            "{prefix:?}"
        );
    }
    assert!(mint(Service::new("svc", "h.example", "svc-api-key-")).is_ok());
    // A known service's parts are not checked again at run time; the same
    // parts through `new` are, and make the same token.
    for known in Service::KNOWN {
        let same = Service::new(known.signing_name(), known.host(), known.prefix());
        let mut a = [0u8; 2048];
        let mut b = [0u8; 2048];
        assert_eq!(
            known.presign_into(&GOOD, "us-east-1", NOW, HOUR, &mut a),
            same.presign_into(&GOOD, "us-east-1", NOW, HOUR, &mut b)
        );
    }
}

#[test]
fn bad_methods_hosts_and_paths() {
    for method in ["", "get", "GET ", "G1", "P\u{d3}ST"] {
        let r = Request {
            method,
            ..request()
        };
        assert_eq!(
            url(&r, "rds-db", HOUR),
            Err(Error::InvalidMethod),
            "{method:?}"
        );
    }
    for host in [
        "", " h", "h\tx", "a/b", "a?b", "a#b", "u@h", "h:", "h:0", "h:65536", "[::1",
    ] {
        let r = Request { host, ..request() };
        assert_eq!(url(&r, "rds-db", HOUR), Err(Error::InvalidHost), "{host:?}");
    }
    for path in ["", "x", "/a b", "/%", "/%g0", "/a?b", "/\u{e9}"] {
        let r = Request { path, ..request() };
        assert_eq!(url(&r, "rds-db", HOUR), Err(Error::InvalidPath), "{path:?}");
    }
}

#[test]
fn bad_query_parameters() {
    let check = |query: &[(&str, &str)], want: Error| {
        let r = Request { query, ..request() };
        assert_eq!(url(&r, "rds-db", HOUR), Err(want), "{query:?}");
    };
    check(&[("", "v")], Error::EmptyQueryKey);
    for key in ["X-Amz-Date", "x-amz-signature", "X-AMZ-", "x-Amz-Anything"] {
        check(&[("Action", "a"), (key, "v")], Error::ReservedQueryKey);
    }
    check(
        &[("a", "1"), ("b", "2"), ("a", "3")],
        Error::DuplicateQueryKey,
    );
    // Names that merely look alike are fine.
    let r = Request {
        query: &[("a", "1"), ("A", "2"), ("X-Amz", "3"), ("X-Amzz", "")],
        ..request()
    };
    assert!(url(&r, "rds-db", HOUR).is_ok());
}

#[test]
fn bad_headers() {
    let check = |headers: &[(&str, &str)], want: Error| {
        let r = Request {
            headers,
            ..request()
        };
        assert_eq!(url(&r, "rds-db", HOUR), Err(want), "{headers:?}");
    };
    for name in ["", "a b", "a:b", "caf\u{e9}", "a\n", "(x)"] {
        check(&[(name, "v")], Error::InvalidHeaderName);
    }
    for name in [
        "host",
        "Host",
        "user-agent",
        "X-Amzn-Trace-Id",
        "transfer-encoding",
        "expect",
    ] {
        check(&[(name, "v")], Error::ReservedHeader);
    }
    check(&[("x-a", "1"), ("X-A", "2")], Error::DuplicateHeader);
    for value in ["a\nb", "a\rb", "\u{e9}", "nul\0", "del\u{7f}"] {
        check(&[("x-a", value)], Error::InvalidHeaderValue);
    }
    let r = Request {
        headers: &[("x-k8s-aws-id", "my cluster\twith tabs"), ("Z-Last", "")],
        ..request()
    };
    assert!(url(&r, "rds-db", HOUR).is_ok());
}

#[test]
fn small_buffers_get_the_exact_size() {
    let mut big = [0u8; 2048];
    let len = presign_url_into(&request(), RDS, &GOOD, NOW, HOUR, &mut big)
        .unwrap()
        .len();
    for size in [0, 1, len - 1] {
        let mut buf = vec![0x5au8; size];
        let got = presign_url_into(&request(), RDS, &GOOD, NOW, HOUR, &mut buf);
        assert_eq!(got, Err(Error::BufferTooSmall { needed: len }));
        assert!(buf.iter().all(|&b| b == 0x5a), "nothing is written");
    }
}

#[cfg(feature = "std")]
#[test]
fn every_error_explains_itself() {
    let all = Error::ALL;
    for error in all {
        // The derived Debug starts with the variant's name.
        let debug = format!("{error:?}");
        assert_eq!(Some(error.name()), debug.split(' ').next(), "{debug}");
        assert!(!error.message().is_empty(), "{debug}");
        if !debug.contains('{') {
            // A variant without a field displays its message.
            assert_eq!(error.to_string(), error.message());
        }
    }
    let distinct = |texts: Vec<String>| {
        texts
            .iter()
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    };
    let count = all.len();
    assert_eq!(
        distinct(all.iter().map(|e| e.name().to_owned()).collect()),
        count,
        "two errors share a name"
    );
    assert_eq!(
        distinct(all.iter().map(|e| e.message().to_owned()).collect()),
        count,
        "two errors share a message"
    );
    assert_eq!(
        distinct(all.iter().map(ToString::to_string).collect()),
        count,
        "two errors share a Display"
    );
    assert_eq!(
        distinct(all.iter().map(|e| e.code().to_string()).collect()),
        count,
        "two errors share a code"
    );
    // A variant with a field displays its value.
    assert_eq!(
        Error::InvalidLifetime { max_secs: 43_200 }.to_string(),
        "lifetime must be 1 ..= 43200 whole seconds"
    );
    assert_eq!(
        Error::BufferTooSmall { needed: 812 }.to_string(),
        "output buffer too small: 812 bytes needed"
    );
    assert_eq!(
        Error::MissingParameter { name: "Action" }.to_string(),
        "token has no Action parameter"
    );
    let _: &dyn core::error::Error = &all[0];
}
