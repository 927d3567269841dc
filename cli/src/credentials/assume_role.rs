//! Assume role: a profile's `role_arn` with `source_profile` (a chain of
//! them, each resolved as botocore does) or `credential_source`
//! (Environment, Ec2InstanceMetadata, EcsContainer), exchanged with STS
//! AssumeRole, signed by this crate with the source's credentials.

use super::{container, environment, imds, profile_sources, Context, Resolved};
use crate::aws_files::Profile;

/// `None` unless the profile has `role_arn` and no `web_identity_token_file`.
pub fn load(ctx: &Context<'_>, profile_name: &str) -> Result<Option<Resolved>, String> {
    match ctx.files.profile(profile_name) {
        Some(profile) if assumes_role(&profile) => {
            Ok(Some(assume(ctx, &profile, &mut Vec::new())?))
        }
        _ => Ok(None),
    }
}

fn assumes_role(profile: &Profile<'_>) -> bool {
    profile.has("role_arn") && !profile.has("web_identity_token_file")
}

fn has_static_keys(profile: &Profile<'_>) -> bool {
    profile.has("aws_access_key_id") || profile.has("aws_secret_access_key")
}

fn assume<'f>(
    ctx: &Context<'f>,
    profile: &Profile<'f>,
    visited: &mut Vec<&'f str>,
) -> Result<Resolved, String> {
    let name = profile.name;
    visited.push(name);
    let role_arn = profile.get("role_arn").unwrap_or_default();
    if profile.has("mfa_serial") {
        return Err(format!(
            "profile {name:?} needs an MFA code (mfa_serial), which this tool cannot ask for"
        ));
    }
    let source = match (
        profile.get("source_profile"),
        profile.get("credential_source"),
    ) {
        (Some(_), Some(_)) => {
            return Err(format!(
                "profile {name:?} has both source_profile and credential_source: keep one"
            ))
        }
        (None, None) => {
            return Err(format!(
                "profile {name:?} has role_arn but neither source_profile nor credential_source"
            ))
        }
        (Some(source), None) => from_source_profile(ctx, name, source, visited)?,
        (None, Some(kind)) => from_credential_source(ctx, name, kind)?,
    };
    let session_name = profile
        .get("role_session_name")
        .map_or_else(|| ctx.default_session_name(), str::to_owned);
    let mut params = vec![
        ("RoleArn", role_arn),
        ("RoleSessionName", session_name.as_str()),
    ];
    if let Some(external_id) = profile.get("external_id") {
        params.push(("ExternalId", external_id));
    }
    let duration;
    if let Some(text) = profile.get("duration_seconds") {
        duration = text
            .parse::<u32>()
            .map_err(|_| {
                format!(
                    "profile {name:?}: duration_seconds must be whole seconds, not {}",
                    crate::untrusted::quoted(text)
                )
            })?
            .to_string();
        params.push(("DurationSeconds", duration.as_str()));
    }
    let keys = ctx
        .sts()
        .assume_role(&source.keys, &params)
        .map_err(|e| format!("profile {name:?}: {e}"))?;
    Ok(Resolved {
        keys,
        source: format!(
            "role {role_arn} (profile {name:?}) assumed with {}",
            source.source
        ),
    })
}

/// The credentials of `source` for `parent`: its own chain when it has
/// static keys or no role of its own, else its role, assumed in turn.
fn from_source_profile<'f>(
    ctx: &Context<'f>,
    parent: &'f str,
    source: &'f str,
    visited: &mut Vec<&'f str>,
) -> Result<Resolved, String> {
    let profile = ctx
        .files
        .profile(source)
        .ok_or_else(|| format!("source_profile {source:?} of profile {parent:?} does not exist"))?;
    // A profile may name itself to use its own static keys; any other
    // return to a profile already on the chain is a loop.
    if visited.contains(&source) && (source != parent || !has_static_keys(&profile)) {
        let mut chain = visited.join(" -> ");
        chain.push_str(" -> ");
        chain.push_str(source);
        return Err(format!("source_profile loop: {chain}"));
    }
    if has_static_keys(&profile) || !assumes_role(&profile) {
        return profile_sources(ctx, source, true)?.ok_or_else(|| {
            format!("source_profile {source:?} (of profile {parent:?}) has no credentials")
        });
    }
    assume(ctx, &profile, visited)
}

fn from_credential_source(ctx: &Context<'_>, name: &str, kind: &str) -> Result<Resolved, String> {
    let none = |what: &str| format!("profile {name:?}: credential_source {kind}: {what}");
    match kind {
        "Environment" => environment::load(ctx.env)?
            .ok_or_else(|| none("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set")),
        "EcsContainer" => container::load(ctx.env)?.ok_or_else(|| {
            none("neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor _FULL_URI is set")
        }),
        "Ec2InstanceMetadata" => imds::load(ctx.env).map_err(|e| none(&e)),
        other => Err(format!(
            "profile {name:?}: credential_source {} is not one of Environment, \
             Ec2InstanceMetadata, EcsContainer",
            crate::untrusted::quoted(other)
        )),
    }
}
