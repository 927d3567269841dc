//! `sigv4-bearer inspect` and `check`: what a token says about itself, and
//! whether it is usable in a region now.

use std::io::Read as _;

use sigv4_bearer::{inspect, Timestamp, TokenInfo};

use crate::cli::{CheckArgs, InspectArgs};
use crate::clock;
use crate::duration::human;
use crate::env::Env;
use crate::failure::Failure;
use crate::secret::Secret;
use crate::untrusted;

/// The token from an argument, stdin (`-`), or the environment.
fn token_input(arg: Option<&str>, env: &Env) -> Result<Secret, Failure> {
    match arg {
        None => env
            .secret("AWS_BEARER_TOKEN_BEDROCK")
            .or_else(|| env.secret("ANTHROPIC_AWS_API_KEY"))
            .ok_or_else(|| {
                Failure::usage("no token: give it as an argument, - for stdin, or set AWS_BEARER_TOKEN_BEDROCK")
            }),
        Some("-") => {
            let mut text = Secret::with_capacity(64 * 1024);
            std::io::stdin()
                .take(64 * 1024)
                .read_to_string(text.as_mut_string())
                .map_err(|e| format!("cannot read stdin: {e}"))?;
            Ok(text)
        }
        Some(token) => Ok(Secret::from(token.to_owned())),
    }
}

pub fn show(args: &InspectArgs, env: &Env) -> Result<(), Failure> {
    let token = token_input(args.token.as_deref(), env)?;
    let info = inspect(token.expose().trim()).map_err(|e| format!("not a valid token: {e}"))?;
    let now = clock::now(env).map_err(Failure::usage)?;
    if args.json {
        println!("{}", untrusted::json_safe(&json(&info, now).to_string()));
        return Ok(());
    }
    let rows = [
        (
            "service",
            format!("{} ({})", info.signing_name(), info.service().prefix()),
        ),
        ("host", info.host().to_owned()),
        ("region", info.region().to_owned()),
        ("access key id", info.access_key_id().to_owned()),
        ("signed at", info.signed_at().to_string()),
        ("lifetime", format!("{} s", info.lifetime().as_secs())),
        ("expires at", info.expires_at().to_string()),
        ("time left", time_left(&info, now)),
        (
            "session token",
            if info.has_session_token() {
                "yes"
            } else {
                "no"
            }
            .to_owned(),
        ),
        ("version", info.version().to_string()),
    ];
    for (name, value) in rows {
        println!("{name:<14} {}", untrusted::escaped(&value));
    }
    Ok(())
}

fn time_left(info: &TokenInfo<'_>, now: Timestamp) -> String {
    if info.is_expired(now) {
        let ago = now.duration_since(info.expires_at()).unwrap_or_default();
        format!("expired {} ago", human(ago))
    } else if info.signed_at() > now {
        format!(
            "not valid yet: signed {} in the future",
            human(info.signed_at().duration_since(now).unwrap_or_default())
        )
    } else {
        human(info.remaining(now))
    }
}

fn json(info: &TokenInfo<'_>, now: Timestamp) -> serde_json::Value {
    serde_json::json!({
        "service": info.signing_name(),
        "prefix": info.service().prefix(),
        "host": info.host(),
        "region": info.region(),
        "access_key_id": info.access_key_id(),
        "signed_at": info.signed_at().to_string(),
        "expires_at": info.expires_at().to_string(),
        "lifetime_secs": info.lifetime().as_secs(),
        "remaining_secs": info.remaining(now).as_secs(),
        "expired": info.is_expired(now),
        "has_session_token": info.has_session_token(),
        "version": info.version(),
    })
}

pub fn check(args: &CheckArgs, env: &Env) -> Result<(), Failure> {
    let region = args
        .region
        .as_deref()
        .ok_or_else(|| Failure::usage("check needs --region R"))?;
    let token = token_input(args.token.as_deref(), env)?;
    let info = inspect(token.expose().trim()).map_err(|e| format!("malformed token: {e}"))?;
    let now = clock::now(env).map_err(Failure::usage)?;
    if info.region() != region {
        return Err(format!(
            "wrong region: the token is for {}, not {region}",
            info.region()
        )
        .into());
    }
    if info.is_expired(now) {
        return Err(format!(
            "expired: at {} ({} ago)",
            info.expires_at(),
            human(now.duration_since(info.expires_at()).unwrap_or_default())
        )
        .into());
    }
    if info.signed_at() > now {
        return Err(format!(
            "not valid yet: signed at {}, in the future",
            info.signed_at()
        )
        .into());
    }
    println!(
        "{}",
        untrusted::escaped(&format!(
            "ok: {} token for {region}, {} left",
            info.signing_name(),
            human(info.remaining(now))
        ))
    );
    Ok(())
}
