//! AWS credentials, resolved in botocore's order:
//!
//! 1. the environment's keys (not with an explicit `--profile`);
//! 2. the profile's assumed role (`role_arn` with `source_profile` or `credential_source`);
//! 3. web identity (the environment's, unless `--profile`, then the profile's);
//! 4. SSO;
//! 5. static keys in the credentials file;
//! 6. `credential_process`;
//! 7. static keys in the config file;
//! 8. container credentials;
//! 9. EC2 instance metadata.
//!
//! Steps 3 to 7 are also the chain of a `source_profile`.

mod assume_role;
mod container;
mod environment;
mod imds;
mod metadata_reply;
mod process;
mod sso;
mod static_keys;
mod web_identity;

use core::time::Duration;
use std::cell::OnceCell;

use sigv4_bearer::Timestamp;

use crate::aws_files::AwsFiles;
use crate::env::Env;
use crate::http::Client;
use crate::region;
use crate::secret::Keys;
use crate::sts::Sts;

/// STS and the SSO portal: a slow network, not a missing host.
const SERVICE_TIMEOUT: Duration = Duration::from_secs(10);

/// Credentials and where they came from (for `-v` and messages).
#[derive(Debug)]
pub struct Resolved {
    pub keys: Keys,
    pub source: String,
}

/// Which profile, and how it was chosen.
pub struct ProfileChoice {
    pub name: String,
    /// `--profile`: the environment's keys and web identity are not read.
    pub explicit: bool,
    /// `--profile`, `AWS_DEFAULT_PROFILE` or `AWS_PROFILE`: the profile must exist.
    pub named: bool,
}

impl ProfileChoice {
    pub fn new(flag: Option<&str>, env: &Env) -> Self {
        // botocore reads AWS_DEFAULT_PROFILE first.
        let from_env = env
            .get("AWS_DEFAULT_PROFILE")
            .or_else(|| env.get("AWS_PROFILE"));
        match (flag, from_env) {
            (Some(name), _) => ProfileChoice {
                name: name.to_owned(),
                explicit: true,
                named: true,
            },
            (None, Some(name)) => ProfileChoice {
                name,
                explicit: false,
                named: true,
            },
            (None, None) => ProfileChoice {
                name: "default".into(),
                explicit: false,
                named: false,
            },
        }
    }
}

/// What every source may need.
pub struct Context<'a> {
    pub env: &'a Env,
    pub files: &'a AwsFiles,
    /// The region STS is called in: the token's.
    pub region: &'a str,
    pub now: Timestamp,
    client: OnceCell<Client>,
}

impl<'a> Context<'a> {
    pub fn new(env: &'a Env, files: &'a AwsFiles, region: &'a str, now: Timestamp) -> Self {
        Context {
            env,
            files,
            region,
            now,
            client: OnceCell::new(),
        }
    }

    fn sts(&self) -> Sts<'_> {
        Sts {
            env: self.env,
            region: self.region,
            now: self.now,
            client: self.client.get_or_init(|| Client::new(SERVICE_TIMEOUT)),
        }
    }

    /// botocore's `botocore-session-<Unix seconds>`.
    fn default_session_name(&self) -> String {
        format!("botocore-session-{}", self.now.as_unix_secs())
    }
}

/// What goes into a URL from the profile's chain (each `sso_region`),
/// checked before any source runs; not when the environment's keys come
/// first (the profile is then never read, as in botocore).
pub fn preflight(env: &Env, files: &AwsFiles, choice: &ProfileChoice) -> Result<(), String> {
    let env_keys_first = !choice.explicit
        && (env.get("AWS_ACCESS_KEY_ID").is_some() || env.get("AWS_SECRET_ACCESS_KEY").is_some());
    if env_keys_first {
        return Ok(());
    }
    for profile in files.chain(&choice.name) {
        let session = profile
            .get("sso_session")
            .and_then(|name| files.sso_session(name).map(|s| (name, s)));
        if let Some(region) = profile.get("sso_region") {
            region::check(region, &format!("sso_region of profile {:?}", profile.name))?;
        }
        if let Some((name, region)) =
            session.and_then(|(name, s)| s.get("sso_region").map(|r| (name, r)))
        {
            region::check(region, &format!("sso_region of sso-session {name:?}"))?;
        }
    }
    Ok(())
}

/// The first source that has credentials, or why none did.
pub fn resolve(ctx: &Context<'_>, choice: &ProfileChoice) -> Result<Resolved, String> {
    if choice.named && ctx.files.profile(&choice.name).is_none() {
        return Err(format!(
            "profile {} not found in {}",
            crate::untrusted::quoted(&choice.name),
            ctx.files.both_files()
        ));
    }
    if !choice.explicit {
        if let Some(found) = environment::load(ctx.env)? {
            return Ok(found);
        }
    }
    if let Some(found) = assume_role::load(ctx, &choice.name)? {
        return Ok(found);
    }
    if let Some(found) = profile_sources(ctx, &choice.name, choice.explicit)? {
        return Ok(found);
    }
    if let Some(found) = container::load(ctx.env)? {
        return Ok(found);
    }
    imds::load(ctx.env).map_err(|imds| nothing_found(ctx, choice, &imds))
}

/// Steps 3 to 7 for one profile.
fn profile_sources(
    ctx: &Context<'_>,
    name: &str,
    env_disabled: bool,
) -> Result<Option<Resolved>, String> {
    if let Some(found) = web_identity::load(ctx, name, env_disabled)? {
        return Ok(Some(found));
    }
    if let Some(found) = sso::load(ctx, name)? {
        return Ok(Some(found));
    }
    let files = ctx.files;
    if let Some(found) = static_keys::load(
        files.credentials_section(name),
        name,
        &files.credentials_file(),
    )? {
        return Ok(Some(found));
    }
    if let Some(found) = files
        .profile(name)
        .map(|p| process::load(&p))
        .transpose()?
        .flatten()
    {
        return Ok(Some(found));
    }
    static_keys::load(files.config_section(name), name, &files.config_file())
}

fn nothing_found(ctx: &Context<'_>, choice: &ProfileChoice, imds: &str) -> String {
    let (name, files) = (&choice.name, ctx.files.both_files());
    let profile = if choice.named {
        format!(
            "profile {name:?} has no aws_access_key_id, role_arn, web_identity_token_file, \
             sso_account_id or credential_process in {files}"
        )
    } else {
        format!(
            "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), \
             or give --profile / AWS_PROFILE with credentials in {files}"
        )
    };
    format!("no credentials: {profile}; no container credentials; {imds}")
}
