//! Container credentials (ECS task roles, EKS Pod Identity):
//! `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` on 169.254.170.2, or
//! `AWS_CONTAINER_CREDENTIALS_FULL_URI` on a loopback address, over HTTPS,
//! or on the ECS / EKS addresses; authorized by
//! `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (which wins) or
//! `AWS_CONTAINER_AUTHORIZATION_TOKEN`.

use super::{metadata_reply, Resolved};
use crate::bounded;
use crate::endpoint;
use crate::env::Env;
use crate::http::Client;
use core::time::Duration;
use std::path::Path;

/// As botocore: two seconds.
const TIMEOUT: Duration = Duration::from_secs(2);
const ECS_HOST: &str = "169.254.170.2";
const ALLOWED_HOSTS: [&str; 4] = [ECS_HOST, "169.254.170.23", "fd00:ec2::23", "localhost"];

/// `None` when neither URI variable is set.
pub fn load(env: &Env) -> Result<Option<Resolved>, String> {
    let url = if let Some(relative) = env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
        relative_url(&relative)?
    } else if let Some(full) = env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI") {
        check_full_uri(&full)?;
        full
    } else {
        return Ok(None);
    };
    let authorization = match env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
        Some(path) => Some(
            bounded::read_file(Path::new(&path), bounded::TOKEN).map_err(|e| {
                format!(
                    "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE {}: {e}",
                    crate::untrusted::excerpt(&path)
                )
            })?,
        ),
        None => env.secret("AWS_CONTAINER_AUTHORIZATION_TOKEN"),
    };
    let mut headers = vec![("accept", "application/json")];
    if let Some(token) = &authorization {
        let token = token.expose().trim();
        if token.contains(['\r', '\n']) {
            return Err("the container authorization token has a line break".into());
        }
        headers.push(("authorization", token));
    }
    let what = format!(
        "container credentials ({})",
        crate::untrusted::excerpt(&url)
    );
    let reply = Client::new(TIMEOUT)
        .get(&url, &headers)
        .map_err(|e| format!("container credentials: {e}"))?;
    if !reply.is_success() {
        return Err(format!("{what} answered HTTP {}", reply.status));
    }
    Ok(Some(Resolved {
        keys: metadata_reply::parse(&reply.body, &what)?,
        source: what,
    }))
}

/// The ECS agent's URL for a path: it must stay a path on 169.254.170.2
/// (`@host/x` would make that address user info and send the token elsewhere).
fn relative_url(relative: &str) -> Result<String, String> {
    const VAR: &str = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";
    if !relative.starts_with('/') {
        return Err(format!(
            "{VAR} {} must be a path starting with /",
            crate::untrusted::quoted(relative)
        ));
    }
    let checked = endpoint::parse(VAR, &format!("http://{ECS_HOST}{relative}"))?;
    if checked.host != ECS_HOST {
        return Err(format!(
            "{VAR} {} does not stay on {ECS_HOST}",
            crate::untrusted::quoted(relative)
        ));
    }
    Ok(checked.url)
}

/// Plain HTTP only to a loopback address or the ECS / EKS agents.
fn check_full_uri(url: &str) -> Result<(), String> {
    let checked = endpoint::parse("AWS_CONTAINER_CREDENTIALS_FULL_URI", url)?;
    let allowed = checked.https
        || ALLOWED_HOSTS.contains(&checked.host.as_str())
        || endpoint::is_loopback(&checked.host);
    if allowed {
        Ok(())
    } else {
        Err(format!(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI {}: plain HTTP goes only to a loopback \
             address or {}; use https",
            crate::untrusted::quoted(url),
            ALLOWED_HOSTS.join(", ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_uri_hosts() {
        for ok in [
            "http://127.0.0.1:8080/creds",
            "http://127.3.4.5/x",
            "http://[::1]:1/x",
            "http://localhost/x",
            "http://169.254.170.23/v1/credentials",
            "http://[fd00:ec2::23]/v1/credentials",
            "https://creds.example.com/x",
        ] {
            assert!(check_full_uri(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://10.0.0.1/x",
            "http://example.com/x",
            "ftp://127.0.0.1/x",
            "nonsense",
        ] {
            assert!(check_full_uri(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn relative_uri_stays_on_the_ecs_agent() {
        assert_eq!(
            relative_url("/v2/credentials/x").unwrap(),
            "http://169.254.170.2/v2/credentials/x"
        );
        for bad in ["@192.0.2.2:18007/x", ":18007/x", "x", "/a b", "/x#y"] {
            assert!(relative_url(bad).is_err(), "{bad}");
        }
    }
}
