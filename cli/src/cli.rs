//! The command line: clap's parser and generated help, with the error texts
//! this tool has always printed.

use core::time::Duration;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, Parser, Subcommand};
use sigv4_bearer::Service;

use crate::duration;

/// sigv4-bearer: short-lived bearer tokens for Amazon Bedrock and AWS External Anthropic
#[derive(Parser)]
#[command(name = "sigv4-bearer", version, arg_required_else_help = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Mint a token and print it alone on stdout
    Token(TokenArgs),
    /// Show what a token says about itself (never a secret)
    Inspect(InspectArgs),
    /// Exit 0 if a token is well formed, for a region, and not expired
    Check(CheckArgs),
}

/// The services a token can be for, by their names on the command line.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ServiceName {
    Bedrock,
    ExternalAnthropic,
}

impl ServiceName {
    pub fn service(self) -> Service<'static> {
        match self {
            ServiceName::Bedrock => Service::BEDROCK,
            ServiceName::ExternalAnthropic => Service::EXTERNAL_ANTHROPIC,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ServiceName::Bedrock => "bedrock",
            ServiceName::ExternalAnthropic => "external-anthropic",
        }
    }

    /// The variable its token goes in.
    pub fn variable(self) -> &'static str {
        match self {
            ServiceName::Bedrock => "AWS_BEARER_TOKEN_BEDROCK",
            ServiceName::ExternalAnthropic => "ANTHROPIC_AWS_API_KEY",
        }
    }
}

fn service_name(text: &str) -> Result<ServiceName, String> {
    match text {
        "bedrock" => Ok(ServiceName::Bedrock),
        "external-anthropic" => Ok(ServiceName::ExternalAnthropic),
        other => Err(format!(
            "unknown service {}: use bedrock or external-anthropic",
            crate::untrusted::quoted(other)
        )),
    }
}

fn duration_arg(text: &str) -> Result<Duration, String> {
    duration::parse(text).ok_or_else(|| {
        format!(
            "bad duration {}: use 3600, 90s, 90m, 12h or 1h30m",
            crate::untrusted::quoted(text)
        )
    })
}

#[derive(Args)]
#[command(after_help = "\
Credentials, in botocore's order: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN /
AWS_CREDENTIAL_EXPIRATION (not with --profile); the profile's role_arn (source_profile or
credential_source); web identity (AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN, or the profile's);
SSO (sso_session or sso_start_url, after `aws sso login`); static keys in the credentials file;
credential_process; static keys in the config file; container credentials
(AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI); EC2 instance metadata (IMDSv2).
Files: AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials, AWS_CONFIG_FILE or ~/.aws/config.
Endpoints: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL_SSO, AWS_ENDPOINT_URL,
AWS_EC2_METADATA_SERVICE_ENDPOINT.

Cache: --cache keeps tokens in $XDG_CACHE_HOME/sigv4-bearer (else ~/.cache/sigv4-bearer), one per
service, region, identity and lifetime, and prints the stored one while it has more than
--refresh-margin left.")]
pub struct TokenArgs {
    /// bedrock or external-anthropic
    #[arg(long, value_name = "S", default_value = "bedrock", value_parser = service_name)]
    pub service: ServiceName,
    /// Else AWS_REGION, AWS_DEFAULT_REGION, then the profile's region in the config file
    #[arg(long, value_name = "R")]
    pub region: Option<String>,
    /// Lifetime: 3600, 90s, 90m, 12h, 1h30m (default and most 12h); cut short when the credentials expire sooner
    #[arg(long, value_name = "D", value_parser = duration_arg, allow_negative_numbers = true)]
    pub expires_in: Option<Duration>,
    /// A profile of the shared files (else AWS_PROFILE, else default); ignores the environment's keys
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// Print `export AWS_BEARER_TOKEN_BEDROCK=...` (ANTHROPIC_AWS_API_KEY for external-anthropic)
    #[arg(long, conflicts_with = "json")]
    pub export: bool,
    /// Print {"token", "expiresAt", "region", "service"}
    #[arg(long)]
    pub json: bool,
    /// Reuse a stored token while it has more than --refresh-margin left
    #[arg(long)]
    pub cache: bool,
    /// With --cache: mint a new token when less than this is left
    #[arg(
        long,
        value_name = "D",
        default_value = "5m",
        value_parser = duration_arg,
        allow_negative_numbers = true
    )]
    pub refresh_margin: Duration,
    /// Name the credential source (and the cache's decision) on stderr
    #[arg(short, long)]
    pub verbose: bool,
}

#[derive(Args)]
#[command(
    after_help = "The token comes from the argument, stdin (-), or AWS_BEARER_TOKEN_BEDROCK, \
then ANTHROPIC_AWS_API_KEY. Shows the service, region, access key id, signing time, expiry and time \
left; never a secret."
)]
pub struct InspectArgs {
    /// The token, or - for stdin (else AWS_BEARER_TOKEN_BEDROCK, ANTHROPIC_AWS_API_KEY)
    pub token: Option<String>,
    /// One JSON object
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
#[command(
    after_help = "Exit 0 when the token is well formed, for region R and not expired; \
otherwise exit 1 with one line saying what is wrong. The token comes as for inspect."
)]
pub struct CheckArgs {
    /// The region the token must be for (required)
    #[arg(long, value_name = "R")]
    pub region: Option<String>,
    /// The token, or - for stdin (else AWS_BEARER_TOKEN_BEDROCK, ANTHROPIC_AWS_API_KEY)
    pub token: Option<String>,
}

/// What to do with a parse that did not give a command.
pub enum Refusal {
    /// Help or version asked for: print on stdout, exit 0.
    Info(String),
    /// A usage error: print on stderr, exit 2.
    Usage(String),
}

/// clap's error as this tool words it.
pub fn refusal(err: &clap::Error) -> Refusal {
    let context = |kind| match err.get(kind) {
        Some(ContextValue::String(value)) => value.clone(),
        _ => String::new(),
    };
    let arg = || context(ContextKind::InvalidArg);
    let flag = || {
        arg()
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    let rendered = err.render().to_string();
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => Refusal::Info(rendered),
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => Refusal::Usage(rendered),
        ErrorKind::UnknownArgument => Refusal::Usage(format!(
            "unknown option {}",
            crate::untrusted::excerpt(&arg())
        )),
        ErrorKind::InvalidSubcommand => Refusal::Usage(format!(
            "unknown command {}: use token, inspect or check (see --help)",
            crate::untrusted::quoted(&context(ContextKind::InvalidSubcommand))
        )),
        ErrorKind::InvalidValue
            if err
                .get(ContextKind::InvalidValue)
                .is_some_and(|v| v.to_string().is_empty()) =>
        {
            Refusal::Usage(format!("{} needs a value", flag()))
        }
        ErrorKind::ValueValidation => Refusal::Usage(match std::error::Error::source(err) {
            Some(why) => why.to_string(),
            None => rendered,
        }),
        _ => Refusal::Usage(rendered.trim_start_matches("error: ").trim_end().to_owned()),
    }
}
