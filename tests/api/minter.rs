//! The minter re-mints exactly when it must, and its tokens are the ones
//! `presign` makes at the same instant.
#![allow(clippy::unwrap_used)]

use crate::common::{EXAMPLE_SECRET, HOUR};
use core::time::Duration;

use sigv4_bearer::{bedrock, inspect_into, Credentials, Error, Minter, Service, Timestamp};

const START: i64 = 1_735_787_045; // 2025-01-02T03:04:05Z
const CREDS: Credentials<'static> = Credentials::new("AKIDEXAMPLE", EXAMPLE_SECRET);

fn at(secs: i64) -> Timestamp {
    Timestamp::from_unix_secs(secs)
}

/// The token `bedrock::presign_into` makes at `now` for `lifetime`.
fn fresh(creds: &Credentials<'_>, now: i64, lifetime: Duration) -> String {
    let mut buf = [0u8; 16 * 1024];
    bedrock::presign_into(creds, "us-west-2", at(now), lifetime, &mut buf)
        .unwrap()
        .to_owned()
}

#[test]
fn re_mints_exactly_at_the_margin() {
    let mut minter = Minter::with_storage(CREDS, Service::BEDROCK, "us-west-2", HOUR, [0u8; 1024]);
    let first = minter.token(at(START)).unwrap().to_owned();
    assert_eq!(first, fresh(&CREDS, START, HOUR));
    assert_eq!(minter.expires_at(), Some(at(START + 3600)));
    // 301 s left: keep. 300 s left (the default margin): replace.
    assert_eq!(minter.token(at(START + 3299)).unwrap(), first);
    assert!(!minter.refresh_due(at(START + 3299)));
    assert!(minter.refresh_due(at(START + 3300)));
    let second = minter.token(at(START + 3300)).unwrap().to_owned();
    assert_eq!(second, fresh(&CREDS, START + 3300, HOUR));
    assert_eq!(minter.expires_at(), Some(at(START + 3300 + 3600)));
}

#[test]
fn a_custom_margin_moves_the_boundary() {
    let mut minter = Minter::with_storage(CREDS, Service::BEDROCK, "us-west-2", HOUR, [0u8; 1024])
        .with_margin(Duration::from_secs(60));
    let first = minter.token(at(START)).unwrap().to_owned();
    assert_eq!(minter.token(at(START + 3539)).unwrap(), first);
    assert_ne!(minter.token(at(START + 3540)).unwrap(), first);
}

#[test]
fn re_mints_across_utc_midnight() {
    let midnight = (START / 86_400 + 1) * 86_400;
    let mut minter = Minter::with_storage(CREDS, Service::BEDROCK, "us-west-2", HOUR, [0u8; 1024]);
    let before = minter.token(at(midnight - 60)).unwrap().to_owned();
    assert_eq!(
        minter.token(at(midnight - 1)).unwrap(),
        before,
        "still the same day"
    );
    let after = minter.token(at(midnight)).unwrap().to_owned();
    assert_eq!(
        after,
        fresh(&CREDS, midnight, HOUR),
        "a new day, a new scope date"
    );
    let mut buf = [0u8; 1024];
    assert_eq!(
        inspect_into(&after, &mut buf).unwrap().signed_at(),
        at(midnight)
    );
}

#[test]
fn credentials_that_expire_first_cut_the_token_short() {
    let creds = CREDS.with_expiration(at(START + 1000));
    let mut minter = Minter::with_storage(creds, Service::BEDROCK, "us-west-2", HOUR, [0u8; 1024]);
    let first = minter.token(at(START)).unwrap().to_owned();
    assert_eq!(first, fresh(&CREDS, START, Duration::from_secs(1000)));
    assert_eq!(minter.expires_at(), Some(at(START + 1000)));
    // Within the margin, but a new token could not outlast the credentials:
    // the current one is kept to the end, never past it.
    for t in [START + 699, START + 700, START + 999] {
        assert!(!minter.refresh_due(at(t)), "{t}");
        assert_eq!(minter.token(at(t)).unwrap(), first);
    }
    assert_eq!(
        minter.token(at(START + 1000)),
        Err(Error::CredentialsExpired)
    );
    assert_eq!(minter.expires_at(), None, "no token is kept after an error");
}

#[test]
fn never_hands_out_less_than_the_margin_unless_the_credentials_end_sooner() {
    let margin = Duration::from_secs(300);
    for expiry in [None, Some(START + 5 * 3600 + 17)] {
        let mut creds = CREDS;
        if let Some(expiry) = expiry {
            creds = creds.with_expiration(at(expiry));
        }
        let mut minter = Minter::with_storage(
            creds,
            Service::EXTERNAL_ANTHROPIC,
            "eu-central-1",
            HOUR,
            [0u8; 1024],
        );
        let mut buf = [0u8; 1024];
        let mut mints = 0;
        let mut last = String::new();
        for t in (START..START + 5 * 3600).step_by(37) {
            let token = minter.token(at(t)).unwrap().to_owned();
            let info = sigv4_bearer::Service::EXTERNAL_ANTHROPIC
                .inspect_into(&token, &mut buf)
                .unwrap();
            let left = info.remaining(at(t));
            let credentials_end = expiry.is_some_and(|e| info.expires_at() == at(e));
            assert!(left > margin || credentials_end, "at {t}: {left:?} left");
            if token != last {
                mints += 1;
                last = token;
            }
        }
        // Five hours at one token per 55 minutes (3600 s less the margin).
        assert_eq!(mints, 6, "expiry {expiry:?}");
    }
}

#[test]
fn fixed_storage_too_small_is_an_error_and_a_vec_grows() {
    let mut tiny = Minter::with_storage(CREDS, Service::BEDROCK, "us-west-2", HOUR, [0u8; 64]);
    let needed = fresh(&CREDS, START, HOUR).len();
    assert_eq!(tiny.token(at(START)), Err(Error::BufferTooSmall { needed }));
    let mut slice = [0u8; 600];
    let mut borrowed =
        Minter::with_storage(CREDS, Service::BEDROCK, "us-west-2", HOUR, &mut slice[..]);
    assert_eq!(
        borrowed.token(at(START)).unwrap(),
        fresh(&CREDS, START, HOUR)
    );
    #[cfg(feature = "alloc")]
    {
        let long_session = "x".repeat(3000);
        let creds = CREDS.with_session_token(&long_session);
        let mut growing = Minter::new(creds, Service::BEDROCK, "us-west-2", HOUR);
        assert_eq!(
            growing.token(at(START)).unwrap(),
            fresh(&creds, START, HOUR)
        );
    }
}

#[test]
fn mint_forces_a_fresh_token_with_the_cached_key() {
    let mut minter = Minter::with_storage(CREDS, Service::BEDROCK, "us-west-2", HOUR, [0u8; 1024]);
    minter.token(at(START)).unwrap();
    assert_eq!(
        minter.mint(at(START + 10)).unwrap(),
        fresh(&CREDS, START + 10, HOUR)
    );
    assert_eq!(minter.expires_at(), Some(at(START + 10 + 3600)));
    assert_eq!(
        minter.token(at(START + 20)).unwrap(),
        fresh(&CREDS, START + 10, HOUR)
    );
}

#[test]
fn debug_shows_no_token() {
    let mut minter = Minter::with_storage(CREDS, Service::BEDROCK, "us-west-2", HOUR, [0u8; 1024]);
    minter.token(at(START)).unwrap();
    assert_eq!(
        format!("{minter:?}"),
        "Minter { service: \"bedrock\", region: \"us-west-2\", expires_at: Some(Timestamp(2025-01-02T04:04:05Z)), .. }"
    );
}
