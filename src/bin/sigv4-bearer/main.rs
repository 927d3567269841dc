//! `sigv4-bearer`: mint, inspect and check Bedrock / External Anthropic
//! bearer tokens from the shell. Built with `--features cli`.

mod args;
mod aws_files;

use core::time::Duration;
use std::io::Read as _;
use std::process::ExitCode;

use args::{parse_duration, Args};
use aws_files::{config_section, file_path, IniFile};
use sigv4_bearer::{inspect, Credentials, Service, Timestamp, TokenInfo, MAX_TOKEN_LIFETIME};

const USAGE: &str = "\
sigv4-bearer: short-lived bearer tokens for Amazon Bedrock and AWS External Anthropic

Usage:
  sigv4-bearer token   [--service bedrock|external-anthropic] [--region R] [--expires-in 1h]
                       [--profile NAME] [--export]
  sigv4-bearer inspect [TOKEN|-] [--json]
  sigv4-bearer check   --region R [TOKEN|-]

Run `sigv4-bearer COMMAND --help` for each command.";

const TOKEN_HELP: &str = "\
sigv4-bearer token: mint a token and print it alone on stdout

Options:
  --service S      bedrock (default) or external-anthropic
  --region R       else AWS_REGION, AWS_DEFAULT_REGION, then the profile's region
                   in the config file (AWS_CONFIG_FILE or ~/.aws/config)
  --expires-in D   lifetime: 3600, 90s, 90m, 12h, 1h30m (default 12h, at most 12h);
                   cut short when the credentials expire sooner
  --profile NAME   static keys of this profile in the shared credentials file
                   (AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials); also AWS_PROFILE
  --export         print `export AWS_BEARER_TOKEN_BEDROCK=...`
                   (ANTHROPIC_AWS_API_KEY for external-anthropic)

Credentials: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and
AWS_CREDENTIAL_EXPIRATION (ISO 8601), unless --profile is given; else the profile.";

const INSPECT_HELP: &str = "\
sigv4-bearer inspect: show what a token says about itself

  sigv4-bearer inspect [TOKEN|-] [--json]

The token comes from the argument, stdin (-), or AWS_BEARER_TOKEN_BEDROCK,
then ANTHROPIC_AWS_API_KEY. Shows the service, region, access key id, signing
time, expiry and time left; never a secret.";

const CHECK_HELP: &str = "\
sigv4-bearer check: is this token usable in this region now?

  sigv4-bearer check --region R [TOKEN|-]

Exit 0 when the token is well formed, for region R and not expired; otherwise
exit 1 with one line saying what is wrong. The token comes as for inspect.";

/// A failure: the message for stderr and the exit code.
struct Failure(String, u8);

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure(message, 1)
    }
}

fn usage(message: String) -> Failure {
    Failure(message, 2)
}

fn main() -> ExitCode {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    match run(&raw, &env) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message, code)) => {
            eprintln!("sigv4-bearer: {message}");
            ExitCode::from(code)
        }
    }
}

fn run(raw: &[String], env: &dyn Fn(&str) -> Option<String>) -> Result<(), Failure> {
    let (command, rest) = raw.split_first().ok_or_else(|| usage(USAGE.into()))?;
    let help = rest.iter().any(|a| a == "--help" || a == "-h");
    match command.as_str() {
        "--help" | "-h" | "help" => print_help(USAGE),
        "token" if help => print_help(TOKEN_HELP),
        "inspect" if help => print_help(INSPECT_HELP),
        "check" if help => print_help(CHECK_HELP),
        "token" => token(
            &Args::parse(
                rest,
                &["--service", "--region", "--expires-in", "--profile"],
                &["--export"],
            )
            .map_err(usage)?,
            env,
        ),
        "inspect" => show(&Args::parse(rest, &[], &["--json"]).map_err(usage)?, env),
        "check" => check(&Args::parse(rest, &["--region"], &[]).map_err(usage)?, env),
        other => Err(usage(format!("unknown command {other:?}\n\n{USAGE}"))),
    }
}

fn print_help(text: &str) -> Result<(), Failure> {
    println!("{text}");
    Ok(())
}

/// The clock; tests pin it with SIGV4_BEARER_NOW (Unix seconds).
fn now(env: &dyn Fn(&str) -> Option<String>) -> Result<Timestamp, Failure> {
    match env("SIGV4_BEARER_NOW") {
        Some(secs) => secs
            .parse()
            .map(Timestamp::from_unix_secs)
            .map_err(|_| usage("SIGV4_BEARER_NOW must be Unix seconds".into())),
        None => Ok(Timestamp::now()),
    }
}

/// Owned credential strings, from the environment or a profile.
struct Keys {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    expiration: Option<Timestamp>,
}

fn token(args: &Args, env: &dyn Fn(&str) -> Option<String>) -> Result<(), Failure> {
    let (service, export_var) = match args.value("--service").unwrap_or("bedrock") {
        "bedrock" => (Service::BEDROCK, "AWS_BEARER_TOKEN_BEDROCK"),
        "external-anthropic" => (Service::EXTERNAL_ANTHROPIC, "ANTHROPIC_AWS_API_KEY"),
        other => {
            return Err(usage(format!(
                "unknown service {other:?}: use bedrock or external-anthropic"
            )))
        }
    };
    let lifetime = match args.value("--expires-in") {
        None => MAX_TOKEN_LIFETIME,
        Some(text) => Duration::from_secs(parse_duration(text).ok_or_else(|| {
            usage(format!(
                "bad duration {text:?}: use 3600, 90s, 90m, 12h or 1h30m"
            ))
        })?),
    };
    let profile = args.value("--profile").map(str::to_owned);
    let keys = match (
        &profile,
        env("AWS_ACCESS_KEY_ID"),
        env("AWS_SECRET_ACCESS_KEY"),
    ) {
        (None, Some(id), Some(secret)) => Keys {
            access_key_id: id,
            secret_access_key: secret,
            session_token: env("AWS_SESSION_TOKEN"),
            expiration: match env("AWS_CREDENTIAL_EXPIRATION") {
                Some(text) => Some(text.parse().map_err(|_| {
                    format!("AWS_CREDENTIAL_EXPIRATION is not an ISO 8601 time: {text:?}")
                })?),
                None => None,
            },
        },
        (None, Some(_), None) => {
            return Err("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"
                .to_owned()
                .into())
        }
        (None, None, Some(_)) => {
            return Err("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not"
                .to_owned()
                .into())
        }
        _ => profile_keys(profile.or_else(|| env("AWS_PROFILE")), env)?,
    };
    let region = region(args, env)?;
    let mut credentials = Credentials::new(&keys.access_key_id, &keys.secret_access_key);
    if let Some(token) = &keys.session_token {
        credentials = credentials.with_session_token(token);
    }
    if let Some(expiration) = keys.expiration {
        credentials = credentials.with_expiration(expiration);
    }
    let token = service
        .presign(&credentials, &region, now(env)?, lifetime)
        .map_err(|e| format!("cannot mint a token: {e}"))?;
    if args.switch("--export") {
        println!("export {export_var}={}", token.as_str());
    } else {
        println!("{}", token.as_str());
    }
    Ok(())
}

/// Static keys of `profile` (or `default`): the credentials file, then the config file.
fn profile_keys(
    profile: Option<String>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Keys, Failure> {
    let explicit = profile.is_some();
    let name = profile.unwrap_or_else(|| "default".into());
    let credentials_path = file_path("AWS_SHARED_CREDENTIALS_FILE", "credentials", env);
    let credentials = credentials_path
        .clone()
        .map(IniFile::read)
        .transpose()?
        .flatten();
    let config = file_path("AWS_CONFIG_FILE", "config", env)
        .map(IniFile::read)
        .transpose()?
        .flatten();
    let sections = [
        credentials.as_ref().and_then(|f| f.section(&name)),
        config
            .as_ref()
            .and_then(|f| f.section(&config_section(&name))),
    ];
    let Some(section) = sections
        .into_iter()
        .flatten()
        .find(|s| s.contains_key("aws_access_key_id"))
    else {
        let file = match (&credentials_path, &credentials) {
            (Some(path), Some(_)) => path.display().to_string(),
            (Some(path), None) => format!("{} (not found)", path.display()),
            (None, _) => "the shared credentials file (HOME is not set)".to_owned(),
        };
        return Err(if explicit || sections.iter().any(Option::is_some) {
            format!("profile {name:?} has no aws_access_key_id in {file} or the config file")
        } else {
            format!(
                "no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), \
                 or give --profile / AWS_PROFILE with static keys in {file}"
            )
        }
        .into());
    };
    let get = |key: &str| section.get(key).filter(|v| !v.is_empty()).cloned();
    Ok(Keys {
        access_key_id: get("aws_access_key_id").unwrap_or_default(),
        secret_access_key: get("aws_secret_access_key")
            .ok_or_else(|| format!("profile {name:?} has no aws_secret_access_key"))?,
        session_token: get("aws_session_token"),
        expiration: None,
    })
}

/// --region, AWS_REGION, AWS_DEFAULT_REGION, then the profile's region.
fn region(args: &Args, env: &dyn Fn(&str) -> Option<String>) -> Result<String, Failure> {
    if let Some(region) = args
        .value("--region")
        .map(str::to_owned)
        .or_else(|| env("AWS_REGION"))
        .or_else(|| env("AWS_DEFAULT_REGION"))
    {
        return Ok(region);
    }
    let profile = args
        .value("--profile")
        .map(str::to_owned)
        .or_else(|| env("AWS_PROFILE"))
        .unwrap_or_else(|| "default".into());
    let config = file_path("AWS_CONFIG_FILE", "config", env)
        .map(IniFile::read)
        .transpose()?
        .flatten();
    config
        .as_ref()
        .and_then(|f| f.section(&config_section(&profile)))
        .and_then(|s| s.get("region").cloned())
        .ok_or_else(|| format!("no region: give --region, or set AWS_REGION, AWS_DEFAULT_REGION, or region in profile {profile:?} of the config file").into())
}

/// The token from an argument, stdin (`-`), or the environment.
fn token_input(args: &Args, env: &dyn Fn(&str) -> Option<String>) -> Result<String, Failure> {
    match args.positionals.as_slice() {
        [] => env("AWS_BEARER_TOKEN_BEDROCK")
            .or_else(|| env("ANTHROPIC_AWS_API_KEY"))
            .ok_or_else(|| usage("no token: give it as an argument, - for stdin, or set AWS_BEARER_TOKEN_BEDROCK".into())),
        [dash] if dash == "-" => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).map_err(|e| format!("cannot read stdin: {e}"))?;
            Ok(text.trim().to_owned())
        }
        [token] => Ok(token.trim().to_owned()),
        _ => Err(usage("give one token".into())),
    }
}

fn show(args: &Args, env: &dyn Fn(&str) -> Option<String>) -> Result<(), Failure> {
    let token = token_input(args, env)?;
    let info = inspect(&token).map_err(|e| format!("not a valid token: {e}"))?;
    let now = now(env)?;
    if args.switch("--json") {
        println!("{}", json(&info, now));
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
        println!("{name:<14} {value}");
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

/// `1h 02m 03s`.
fn human(d: Duration) -> String {
    let s = d.as_secs();
    match (s / 3600, s % 3600 / 60, s % 60) {
        (0, 0, sec) => format!("{sec}s"),
        (0, min, sec) => format!("{min}m {sec:02}s"),
        (h, min, sec) => format!("{h}h {min:02}m {sec:02}s"),
    }
}

fn json(info: &TokenInfo<'_>, now: Timestamp) -> String {
    // Every value is ASCII without quotes or backslashes (checked by inspect).
    format!(
        "{{\"service\":\"{}\",\"prefix\":\"{}\",\"host\":\"{}\",\"region\":\"{}\",\"access_key_id\":\"{}\",\
         \"signed_at\":\"{}\",\"expires_at\":\"{}\",\"lifetime_secs\":{},\"remaining_secs\":{},\"expired\":{},\
         \"has_session_token\":{},\"signature\":\"{}\",\"version\":{}}}",
        info.signing_name(),
        info.service().prefix(),
        info.host(),
        info.region(),
        info.access_key_id(),
        info.signed_at(),
        info.expires_at(),
        info.lifetime().as_secs(),
        info.remaining(now).as_secs(),
        info.is_expired(now),
        info.has_session_token(),
        info.signature(),
        info.version()
    )
}

fn check(args: &Args, env: &dyn Fn(&str) -> Option<String>) -> Result<(), Failure> {
    let region = args
        .value("--region")
        .ok_or_else(|| usage("check needs --region R".into()))?;
    let token = token_input(args, env)?;
    let info = inspect(&token).map_err(|e| format!("malformed token: {e}"))?;
    let now = now(env)?;
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
        "ok: {} token for {region}, {} left",
        info.signing_name(),
        human(info.remaining(now))
    );
    Ok(())
}
