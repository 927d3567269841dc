//! Mints a bearer token from the standard AWS environment variables.
//!
//! ```text
//! cargo run --example mint_token -- [bedrock|external-anthropic] [SECONDS]
//! ```
//!
//! Reads `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`
//! (optional) and `AWS_REGION`; prints the token on stdout and its expiry on
//! stderr. Exits 2 naming every missing variable, 1 on a bad input.

use core::time::Duration;
use std::env;
use std::process::ExitCode;

use sigv4_bearer::{Credentials, Service, Timestamp};

fn main() -> ExitCode {
    let mut args = env::args().skip(1);
    let service = match args.next().as_deref() {
        None | Some("bedrock") => Service::BEDROCK,
        Some("external-anthropic") => Service::EXTERNAL_ANTHROPIC,
        Some(other) => {
            eprintln!("unknown service {other:?}: use bedrock or external-anthropic");
            return ExitCode::from(1);
        }
    };
    let seconds = match args.next().map(|s| s.parse::<u64>()) {
        None => 3600,
        Some(Ok(seconds)) => seconds,
        Some(Err(_)) => {
            eprintln!("the lifetime must be a whole number of seconds (1 ..= 43200)");
            return ExitCode::from(1);
        }
    };

    let var = |name: &str| env::var(name).ok().filter(|value| !value.is_empty());
    let (key_id, secret, region) = (
        var("AWS_ACCESS_KEY_ID"),
        var("AWS_SECRET_ACCESS_KEY"),
        var("AWS_REGION"),
    );
    let (Some(key_id), Some(secret), Some(region)) = (&key_id, &secret, &region) else {
        let missing: Vec<&str> = [
            ("AWS_ACCESS_KEY_ID", key_id.is_none()),
            ("AWS_SECRET_ACCESS_KEY", secret.is_none()),
            ("AWS_REGION", region.is_none()),
        ]
        .into_iter()
        .filter_map(|(name, absent)| absent.then_some(name))
        .collect();
        eprintln!(
            "cannot mint a token: set {} (and AWS_SESSION_TOKEN for temporary credentials)",
            missing.join(", ")
        );
        return ExitCode::from(2);
    };
    let session_token = var("AWS_SESSION_TOKEN");
    let mut credentials = Credentials::new(key_id, secret);
    if let Some(token) = &session_token {
        credentials = credentials.with_session_token(token);
    }

    match service.presign(
        &credentials,
        region,
        Timestamp::now(),
        Duration::from_secs(seconds),
    ) {
        Ok(token) => {
            println!("{}", token.as_str());
            eprintln!(
                "{} token for {region}, valid until {}",
                service.signing_name(),
                token.expires_at()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("cannot mint a token: {err}");
            ExitCode::from(1)
        }
    }
}
