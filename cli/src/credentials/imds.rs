//! EC2 instance metadata, IMDSv2: a session token (PUT), the instance
//! role's name, then its credentials; one second per call, as botocore.
//! Off with `AWS_EC2_METADATA_DISABLED=true`.

use core::time::Duration;

use super::{metadata_reply, Resolved};
use crate::env::Env;
use crate::http::Client;

const TIMEOUT: Duration = Duration::from_secs(1);
const CREDENTIALS_PATH: &str = "/latest/meta-data/iam/security-credentials/";

/// The endpoint: `AWS_EC2_METADATA_SERVICE_ENDPOINT`, else the IPv4 (or,
/// with `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6`, IPv6) address.
fn base_url(env: &Env) -> String {
    match env.get("AWS_EC2_METADATA_SERVICE_ENDPOINT") {
        Some(url) => url.trim_end_matches('/').to_owned(),
        None if env
            .get("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE")
            .is_some_and(|m| m.eq_ignore_ascii_case("ipv6")) =>
        {
            "http://[fd00:ec2::254]".into()
        }
        None => "http://169.254.169.254".into(),
    }
}

/// Why instance metadata gave nothing (disabled, unreachable, no role), or
/// its credentials.
pub fn load(env: &Env) -> Result<Resolved, String> {
    if env.is_true("AWS_EC2_METADATA_DISABLED") {
        return Err("instance metadata: off (AWS_EC2_METADATA_DISABLED=true)".into());
    }
    let base = base_url(env);
    crate::endpoint::parse("the instance metadata endpoint", &base)?;
    let what = format!("instance metadata ({base})");
    let client = Client::new(TIMEOUT);
    let failed = |e: String| format!("{what}: {e}");
    let session = client
        .put(
            &format!("{base}/latest/api/token"),
            &[("x-aws-ec2-metadata-token-ttl-seconds", "21600")],
        )
        .map_err(failed)?;
    // 403, 404 and 405 mean IMDSv1 only (as botocore falls back); other errors stop here.
    let token = match session.status {
        200 => Some(session.body),
        403..=405 => None,
        status => return Err(failed(format!("the token request answered HTTP {status}"))),
    };
    let mut headers = Vec::new();
    if let Some(token) = &token {
        headers.push(("x-aws-ec2-metadata-token", token.expose().trim()));
    }
    // A GET under the credentials path that must succeed.
    let fetch = |name: &str| {
        let reply = client
            .get(&format!("{base}{CREDENTIALS_PATH}{name}"), &headers)
            .map_err(failed)?;
        if reply.is_success() {
            Ok(reply.body)
        } else {
            Err(failed(format!(
                "HTTP {} for {CREDENTIALS_PATH}{}",
                reply.status,
                crate::untrusted::excerpt(name)
            )))
        }
    };
    let roles = fetch("")?;
    let role = roles
        .expose()
        .lines()
        .next()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .ok_or_else(|| failed("no instance role".into()))?
        .to_owned();
    if !is_role_name(&role) {
        return Err(failed(format!(
            "the instance role's name {} is not an IAM role name",
            crate::untrusted::quoted(&role)
        )));
    }
    let credentials = fetch(&role)?;
    Ok(Resolved {
        keys: metadata_reply::parse(&credentials, &what)?,
        source: format!("{what}, instance role {role}"),
    })
}

/// IAM's rule for role names (1 to 64 of letters, digits and `+=,.@_-`):
/// anything else is not a role and is not put into a URL.
fn is_role_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+=,.@_-".contains(&b))
}
