//! IAM Identity Center (SSO): the access token `aws sso login` cached under
//! `~/.aws/sso/cache/` (the file is named by the SHA-1 of the `sso_session`
//! name, or of the start URL for a legacy profile), exchanged for role
//! credentials with the SSO portal's GetRoleCredentials.

use serde::Deserialize;
use sha1::{Digest as _, Sha1};
use sigv4_bearer::Timestamp;

use super::{Context, Resolved};
use crate::aws_files::{home, Profile};
use crate::bounded;
use crate::endpoint;
use crate::http::{escape, Client};
use crate::region;
use crate::secret::{Keys, Secret};
use crate::untrusted;

/// What a profile says about SSO, its `[sso-session]` resolved.
struct SsoConfig<'f> {
    start_url: &'f str,
    region: &'f str,
    account_id: &'f str,
    role_name: &'f str,
    /// The `sso_session` name; `None` for a legacy profile.
    session: Option<&'f str>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CachedToken {
    access_token: Option<Secret>,
    expires_at: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RoleCredentialsReply {
    role_credentials: RoleCredentials,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RoleCredentials {
    access_key_id: String,
    secret_access_key: Secret,
    session_token: Option<Secret>,
    /// Unix milliseconds.
    expiration: i64,
}

/// `None` unless the profile names an SSO account or role.
pub fn load(ctx: &Context<'_>, profile_name: &str) -> Result<Option<Resolved>, String> {
    let Some(profile) = ctx.files.profile(profile_name) else {
        return Ok(None);
    };
    if !profile.has("sso_account_id") && !profile.has("sso_role_name") {
        return Ok(None);
    }
    let config = sso_config(ctx, &profile)?;
    region::check(
        config.region,
        &format!("sso_region of profile {profile_name:?}"),
    )?;
    let base = endpoint::service(
        ctx.env,
        "SSO",
        &format!("portal.sso.{}.amazonaws.com", config.region),
    )?;
    let login = format!("run `aws sso login --profile {profile_name}`");
    let cache_key = config.session.unwrap_or(config.start_url);
    let token = cached_token(ctx, cache_key, &login)?;
    let url = format!(
        "{base}/federation/credentials?role_name={}&account_id={}",
        escape(config.role_name),
        escape(config.account_id)
    );
    let reply = Client::new(super::SERVICE_TIMEOUT)
        .get(&url, &[("x-amz-sso_bearer_token", token.expose())])?;
    if reply.status == 401 || reply.status == 403 {
        return Err(format!(
            "the SSO portal refused the cached token (HTTP {}): {login}",
            reply.status
        ));
    }
    if !reply.is_success() {
        return Err(format!(
            "SSO GetRoleCredentials failed (HTTP {}): {}",
            reply.status,
            aws_json_message(&reply.body)
        ));
    }
    let credentials: RoleCredentialsReply = serde_json::from_str(reply.body.expose())
        .map_err(|_| "SSO GetRoleCredentials: the reply has no roleCredentials".to_owned())?;
    let credentials = credentials.role_credentials;
    Ok(Some(Resolved {
        keys: Keys {
            access_key_id: credentials.access_key_id,
            secret_access_key: credentials.secret_access_key,
            session_token: credentials.session_token,
            expiration: Some(Timestamp::from_unix_secs(
                credentials.expiration.div_euclid(1000),
            )),
        },
        source: format!(
            "SSO (profile {profile_name:?}, account {}, role {})",
            config.account_id, config.role_name
        ),
    }))
}

/// The four settings, from the profile and its `[sso-session]`; missing or
/// conflicting ones are named.
fn sso_config<'f>(ctx: &Context<'f>, profile: &Profile<'f>) -> Result<SsoConfig<'f>, String> {
    let name = profile.name;
    let session = profile.get("sso_session");
    let session_section = match session {
        Some(session) => Some(ctx.files.sso_session(session).ok_or_else(|| {
            format!("profile {name:?} names sso_session {session:?}, which the config file does not define")
        })?),
        None => None,
    };
    let setting = |key: &str| -> Result<Option<&'f str>, String> {
        let in_profile = profile.get(key);
        match (in_profile, session_section.and_then(|s| s.get(key))) {
            (Some(a), Some(b)) if a != b => Err(format!(
                "profile {name:?} and its sso-session {:?} disagree on {key}",
                session.unwrap_or_default()
            )),
            (_, Some(value)) | (Some(value), None) => Ok(Some(value)),
            (None, None) => Ok(None),
        }
    };
    let (start_url, region) = (setting("sso_start_url")?, setting("sso_region")?);
    let (account_id, role_name) = (profile.get("sso_account_id"), profile.get("sso_role_name"));
    let missing: Vec<&str> = [
        ("sso_start_url", start_url),
        ("sso_region", region),
        ("sso_account_id", account_id),
        ("sso_role_name", role_name),
    ]
    .iter()
    .filter(|(_, value)| value.is_none())
    .map(|(key, _)| *key)
    .collect();
    match (start_url, region, account_id, role_name) {
        (Some(start_url), Some(region), Some(account_id), Some(role_name)) => Ok(SsoConfig {
            start_url,
            region,
            account_id,
            role_name,
            session,
        }),
        _ => Err(format!(
            "profile {name:?} is configured for SSO but has no {}",
            missing.join(", ")
        )),
    }
}

/// The access token cached for `key`, unless missing or expired.
fn cached_token(ctx: &Context<'_>, key: &str, login: &str) -> Result<Secret, String> {
    let home =
        home(ctx.env).ok_or_else(|| format!("HOME is not set: no SSO token cache; {login}"))?;
    let path = home.join(".aws/sso/cache").join(format!(
        "{}.json",
        hex::encode(Sha1::digest(key.as_bytes()))
    ));
    let shown = path.display();
    let text = match bounded::read_file(&path, bounded::TOKEN) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(format!("no SSO token for {key} in {shown}: {login}"))
        }
        Err(e) => return Err(format!("cannot read the SSO token {shown}: {e}")),
    };
    let cached: CachedToken = serde_json::from_str(text.expose())
        .map_err(|_| format!("the SSO token file {shown} is not JSON: {login}"))?;
    let (Some(token), Some(expires_at)) = (cached.access_token, cached.expires_at) else {
        return Err(format!(
            "the SSO token file {shown} has no accessToken or expiresAt: {login}"
        ));
    };
    // The AWS CLI v1 wrote `...Z`; some versions wrote `...UTC`.
    let normalized = match expires_at.strip_suffix("UTC") {
        Some(head) => format!("{head}Z"),
        None => expires_at.clone(),
    };
    let expires: Timestamp = normalized.parse().map_err(|_| {
        format!(
            "the SSO token in {shown} has an expiresAt that is not an ISO 8601 time \
             ({} bytes, not shown: the file holds a secret): {login}",
            expires_at.len()
        )
    })?;
    if expires <= ctx.now {
        return Err(format!(
            "the SSO token for {key} expired at {expires}: {login}"
        ));
    }
    Ok(token)
}

/// The `message` of an AWS JSON error body, never the body itself.
fn aws_json_message(body: &Secret) -> String {
    serde_json::from_str::<serde_json::Value>(body.expose())
        .ok()
        .and_then(|v| {
            v.get("message")
                .or_else(|| v.get("Message"))
                .and_then(|m| m.as_str().map(untrusted::excerpt))
        })
        .unwrap_or_else(|| "no message".into())
}
