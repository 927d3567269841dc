//! Web identity: a token file (an OIDC token from EKS, GitHub Actions, ...)
//! exchanged for role credentials with STS AssumeRoleWithWebIdentity.
//! Each setting comes from the environment, else from the profile.

use super::{Context, Resolved};
use std::path::Path;

use crate::bounded;

/// `None` unless a token file is configured; `env_disabled` (an explicit
/// `--profile`) reads the profile alone.
pub fn load(
    ctx: &Context<'_>,
    profile_name: &str,
    env_disabled: bool,
) -> Result<Option<Resolved>, String> {
    let profile = ctx.files.profile(profile_name);
    let setting = |var: &str, key: &str| {
        let from_env = (!env_disabled).then(|| ctx.env.get(var)).flatten();
        from_env.or_else(|| profile.and_then(|p| p.get(key)).map(str::to_owned))
    };
    let Some(token_file) = setting("AWS_WEB_IDENTITY_TOKEN_FILE", "web_identity_token_file") else {
        return Ok(None);
    };
    let role_arn = setting("AWS_ROLE_ARN", "role_arn").ok_or_else(|| {
        format!(
            "web identity token file {token_file} is configured but no role: \
             set AWS_ROLE_ARN or role_arn in profile {profile_name:?}"
        )
    })?;
    let session_name = setting("AWS_ROLE_SESSION_NAME", "role_session_name")
        .unwrap_or_else(|| ctx.default_session_name());
    let token = bounded::read_file(Path::new(&token_file), bounded::TOKEN)
        .map_err(|e| format!("cannot read web identity token file {token_file}: {e}"))?;
    let keys = ctx.sts().assume_role_with_web_identity(&[
        ("RoleArn", role_arn.as_str()),
        ("RoleSessionName", session_name.as_str()),
        ("WebIdentityToken", token.expose().trim()),
    ])?;
    Ok(Some(Resolved {
        keys,
        source: format!("web identity ({token_file}) for role {role_arn}"),
    }))
}
