//! `sigv4-bearer token`: credentials from any source, a token out; with
//! `--cache`, the stored token while it has time left.

use core::time::Duration;

use serde::Serialize;
use sigv4_bearer::{Error, Timestamp, MAX_TOKEN_LIFETIME};

use crate::aws_files::{AwsFiles, Section};
use crate::cache::{Cache, Key};
use crate::cli::TokenArgs;
use crate::clock;
use crate::credentials::{self, Context, ProfileChoice};
use crate::duration::human;
use crate::env::Env;
use crate::failure::Failure;
use crate::region;
use crate::secret::Secret;
use crate::untrusted;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TokenJson<'a> {
    token: &'a str,
    expires_at: String,
    region: &'a str,
    service: &'a str,
}

pub fn run(args: &TokenArgs, env: &Env) -> Result<(), Failure> {
    let now = clock::now(env).map_err(Failure::usage)?;
    let lifetime = args.expires_in.unwrap_or(MAX_TOKEN_LIFETIME);
    if lifetime.is_zero() || lifetime > MAX_TOKEN_LIFETIME || lifetime.subsec_nanos() != 0 {
        let max_secs = u32::try_from(MAX_TOKEN_LIFETIME.as_secs()).unwrap_or(u32::MAX);
        return Err(Failure::usage(format!(
            "cannot mint a token: {}",
            Error::InvalidLifetime { max_secs }
        )));
    }
    let files = AwsFiles::load(env)?;
    let choice = ProfileChoice::new(args.profile.as_deref(), env);
    let (region, whence) = region(args, env, &files, &choice)?;
    // Before anything is built from them or any source runs.
    region::check(&region, &whence).map_err(Failure::usage)?;
    credentials::preflight(env, &files, &choice).map_err(Failure::usage)?;
    let say = |text: String| {
        if args.verbose {
            untrusted::say(&text);
        }
    };
    let cache = if args.cache {
        open_cache(args, env, &files, &choice, &region, lifetime)
    } else {
        None
    };
    if let Some((cache, key)) = &cache {
        let shown = cache.file.display();
        match cache.lookup(key, now, args.refresh_margin) {
            Ok(hit) => {
                say(format!("cache: {shown}: {} left", human(hit.left)));
                return print(args, hit.token.expose(), hit.expires_at, &region);
            }
            Err(why) => say(format!("cache: {shown}: {why}; minting")),
        }
    }
    let ctx = Context::new(env, &files, &region, now);
    let resolved = credentials::resolve(&ctx, &choice)?;
    say(format!("credentials: {}", resolved.source));
    let token = args
        .service
        .service()
        .presign(&resolved.keys.credentials(), &region, now, lifetime)
        .map_err(|e| format!("cannot mint a token: {e}"))?;
    if let Some((cache, _)) = &cache {
        if let Err(why) = cache.store(token.as_str()) {
            untrusted::say(&why);
        }
    }
    print(args, token.as_str(), token.expires_at(), &region)
}

/// The cache file for this call, or `None` (said on stderr) if there can be none.
fn open_cache(
    args: &TokenArgs,
    env: &Env,
    files: &AwsFiles,
    choice: &ProfileChoice,
    region: &str,
    lifetime: Duration,
) -> Option<(Cache, Key)> {
    let (identity, access_key_id) = identity(choice, env, files);
    let secret_access_key = access_key_id
        .is_some()
        .then(|| env.secret("AWS_SECRET_ACCESS_KEY"))
        .flatten();
    let has_session_token = access_key_id.is_some().then(|| {
        env.secret("AWS_SESSION_TOKEN").is_some() || env.secret("AWS_SECURITY_TOKEN").is_some()
    });
    let key = Key {
        service: args.service,
        region: region.to_owned(),
        identity,
        access_key_id,
        secret_access_key,
        has_session_token,
        lifetime,
    };
    match Cache::open(env, &key) {
        Ok(cache) => Some((cache, key)),
        Err(why) => {
            untrusted::say(&format!("token cache off: {why}"));
            None
        }
    }
}

fn print(
    args: &TokenArgs,
    token: &str,
    expires_at: Timestamp,
    region: &str,
) -> Result<(), Failure> {
    if args.json {
        let json = TokenJson {
            token,
            expires_at: expires_at.to_string(),
            region,
            service: args.service.name(),
        };
        let text = serde_json::to_string(&json).map_err(|e| format!("cannot write JSON: {e}"))?;
        println!("{}", untrusted::json_safe(&text));
    } else if args.export {
        println!("export {}={token}", args.service.variable());
    } else {
        println!("{token}");
    }
    Ok(())
}

/// --region, AWS_REGION, AWS_DEFAULT_REGION, then the profile's region;
/// and where it came from.
fn region(
    args: &TokenArgs,
    env: &Env,
    files: &AwsFiles,
    choice: &ProfileChoice,
) -> Result<(String, String), Failure> {
    if let Some(region) = args.region.clone() {
        return Ok((region, "--region".into()));
    }
    for var in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
        if let Some(region) = env.text(var).map_err(Failure::usage)? {
            return Ok((region, var.into()));
        }
    }
    let profile = &choice.name;
    files
        .profile(profile)
        .and_then(|p| p.get("region"))
        .map(|region| {
            (
                region.to_owned(),
                format!("region of profile {}", untrusted::quoted(profile)),
            )
        })
        .ok_or_else(|| {
            format!(
                "no region: give --region, or set AWS_REGION, AWS_DEFAULT_REGION, \
                 or region in profile {} of the config file",
                untrusted::quoted(profile)
            )
            .into()
        })
}

/// Who the cached token is for, without resolving credentials: the
/// environment's access key id, else the profile as the files say it, each
/// profile of its `source_profile` chain (both files' sections) and their
/// sso-sessions, and every variable that changes what the chain finds. A
/// changed key, role or SSO setting makes another identity.
fn identity(choice: &ProfileChoice, env: &Env, files: &AwsFiles) -> (Secret, Option<String>) {
    if !choice.explicit {
        if let Some(id) = env.get("AWS_ACCESS_KEY_ID") {
            // The session token too (only ever hashed): a new session with
            // the same key id, or none, is another identity.
            let session = env
                .secret("AWS_SESSION_TOKEN")
                .or_else(|| env.secret("AWS_SECURITY_TOKEN"));
            let session = session.as_ref().map_or("", Secret::expose);
            let parts = ["access key ", &id, "\nsession token ", session];
            let mut text = Secret::with_capacity(parts.iter().map(|p| p.len()).sum());
            for part in parts {
                text.as_mut_string().push_str(part);
            }
            return (text, Some(id));
        }
    }
    // Counted first, then written into room of that size: no regrowth
    // leaves a copy of a secret behind.
    let mut len = 0;
    describe_chain(choice, env, files, &mut |part| len += part.len());
    let mut text = Secret::with_capacity(len);
    describe_chain(choice, env, files, &mut |part| {
        text.as_mut_string().push_str(part);
    });
    (text, None)
}

/// The profile's chain, its sections and variables, part by part.
fn describe_chain(choice: &ProfileChoice, env: &Env, files: &AwsFiles, out: &mut dyn FnMut(&str)) {
    out("profile ");
    out(&choice.name);
    let mut section = |kind: &str, name: &str, section: Option<&Section>| {
        if let Some(section) = section {
            for part in ["\n[", kind, " ", name, "]"] {
                out(part);
            }
            for (key, value) in section.entries() {
                for part in ["\n", key, "=", value] {
                    out(part);
                }
            }
        }
    };
    for profile in files.chain(&choice.name) {
        section(
            "credentials",
            profile.name,
            files.credentials_section(profile.name),
        );
        section("config", profile.name, files.config_section(profile.name));
        if let Some(session) = profile.get("sso_session") {
            section("sso-session", session, files.sso_session(session));
        }
    }
    let mut vars = CHAIN_VARIABLES.to_vec();
    if !choice.explicit {
        vars.extend([
            "AWS_WEB_IDENTITY_TOKEN_FILE",
            "AWS_ROLE_ARN",
            "AWS_ROLE_SESSION_NAME",
        ]);
    }
    for var in vars {
        if let Some(value) = env.secret(var) {
            for part in ["\n", var, "=", value.expose()] {
                out(part);
            }
        }
    }
}

/// Variables any source of a profile's chain reads (`credential_source =
/// Environment` reads the keys even with `--profile`).
const CHAIN_VARIABLES: [&str; 17] = [
    "AWS_CONFIG_FILE",
    "AWS_SHARED_CREDENTIALS_FILE",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
    "AWS_EC2_METADATA_DISABLED",
    "AWS_EC2_METADATA_SERVICE_ENDPOINT",
    "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_STS",
    "AWS_ENDPOINT_URL_SSO",
    "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
];
