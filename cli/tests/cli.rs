//! The `sigv4-bearer` binary end to end: a controlled environment (a
//! temporary HOME and credential files), stdout, stderr and exit codes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use core::time::Duration;

use sigv4_bearer::{bedrock, external_anthropic, Credentials, Timestamp};

mod common;

use common::{home, run, KEY_ID, NOW, SECRET};

fn env_creds() -> Vec<(&'static str, &'static str)> {
    vec![
        ("AWS_ACCESS_KEY_ID", KEY_ID),
        ("AWS_SECRET_ACCESS_KEY", SECRET),
        ("AWS_REGION", "us-west-2"),
    ]
}

fn library_token(creds: &Credentials<'_>, region: &str, lifetime: u64) -> String {
    let now = Timestamp::from_unix_secs(NOW);
    bedrock::presign(creds, region, now, Duration::from_secs(lifetime))
        .unwrap()
        .as_str()
        .to_owned()
}

#[test]
fn token_from_environment_matches_the_library() {
    let h = home("env", None, None);
    let r = run(&h, &env_creds(), &["token"], None);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    assert_eq!(
        r.stdout.trim_end(),
        library_token(&Credentials::new(KEY_ID, SECRET), "us-west-2", 43_200)
    );
    // Session token, expiration, duration forms, region flag.
    let mut env = env_creds();
    env.extend([
        ("AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2VjEXAMPLE"),
        ("AWS_CREDENTIAL_EXPIRATION", "2025-01-02T03:34:05Z"),
    ]);
    let creds = Credentials::new(KEY_ID, SECRET)
        .with_session_token("IQoJb3JpZ2luX2VjEXAMPLE")
        .with_expiration(Timestamp::from_unix_secs(NOW + 1800));
    for (flag, want_secs) in [
        ("90m", 1800),
        ("600", 600),
        ("10m", 600),
        ("1h30m", 1800),
        ("12h", 1800),
    ] {
        let r = run(
            &h,
            &env,
            &["token", "--expires-in", flag, "--region", "eu-central-1"],
            None,
        );
        assert_eq!(r.code, 0, "{flag}: {}", r.stderr);
        assert_eq!(
            r.stdout.trim_end(),
            library_token(&creds, "eu-central-1", want_secs),
            "{flag}"
        );
    }
}

#[test]
fn export_and_external_anthropic() {
    let h = home("export", None, None);
    let r = run(
        &h,
        &env_creds(),
        &["token", "--export", "--expires-in=1h"],
        None,
    );
    assert_eq!(
        r.stdout.trim_end(),
        format!(
            "export AWS_BEARER_TOKEN_BEDROCK={}",
            library_token(&Credentials::new(KEY_ID, SECRET), "us-west-2", 3600)
        )
    );
    let r = run(
        &h,
        &env_creds(),
        &["token", "--service", "external-anthropic", "--export"],
        None,
    );
    let want = external_anthropic::presign(
        &Credentials::new(KEY_ID, SECRET),
        "us-west-2",
        Timestamp::from_unix_secs(NOW),
        Duration::from_secs(43_200),
    )
    .unwrap();
    assert_eq!(
        r.stdout.trim_end(),
        format!("export ANTHROPIC_AWS_API_KEY={}", want.as_str())
    );
}

#[test]
fn token_from_profiles_and_region_from_config() {
    let credentials = "# comment\n[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n\n[dev]\naws_access_key_id=AKIDDEV\naws_secret_access_key=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\naws_session_token = SESSIONDEV\n";
    let config = "[default]\nregion = ap-southeast-2\n[profile dev]\nregion = eu-west-3\n";
    let h = home("profiles", Some(credentials), Some(config));
    let r = run(&h, &[], &["token"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout.trim_end(),
        library_token(
            &Credentials::new("AKIDDEFAULT", SECRET),
            "ap-southeast-2",
            43_200
        )
    );
    let dev = Credentials::new("AKIDDEV", SECRET).with_session_token("SESSIONDEV");
    for (env, args) in [
        (vec![], vec!["token", "--profile", "dev"]),
        (vec![("AWS_PROFILE", "dev")], vec!["token"]),
    ] {
        let r = run(&h, &env, &args, None);
        assert_eq!(
            r.stdout.trim_end(),
            library_token(&dev, "eu-west-3", 43_200),
            "{args:?}"
        );
    }
    // --profile wins over environment keys; AWS_REGION over the config file.
    let mut env = env_creds();
    env.push(("AWS_DEFAULT_REGION", "us-east-1"));
    let r = run(&h, &env, &["token", "--profile", "dev"], None);
    assert_eq!(
        r.stdout.trim_end(),
        library_token(&dev, "us-west-2", 43_200)
    );
    let r = run(&h, &[("AWS_DEFAULT_REGION", "us-east-1")], &["token"], None);
    assert_eq!(
        r.stdout.trim_end(),
        library_token(
            &Credentials::new("AKIDDEFAULT", SECRET),
            "us-east-1",
            43_200
        )
    );
    // AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE move the files.
    let elsewhere = home("elsewhere", None, None);
    let (cred_path, conf_path) = (h.join(".aws/credentials"), h.join(".aws/config"));
    let env = [
        ("AWS_SHARED_CREDENTIALS_FILE", cred_path.to_str().unwrap()),
        ("AWS_CONFIG_FILE", conf_path.to_str().unwrap()),
    ];
    let r = run(&elsewhere, &env, &["token", "--profile", "dev"], None);
    assert_eq!(
        r.stdout.trim_end(),
        library_token(&dev, "eu-west-3", 43_200)
    );
}

#[test]
fn token_errors_name_the_problem() {
    let empty = home("empty", None, None);
    let r = run(&empty, &[("AWS_REGION", "us-east-1")], &["token"], None);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("AWS_ACCESS_KEY_ID")
            && r.stderr.contains("AWS_SECRET_ACCESS_KEY")
            && r.stderr.contains("--profile"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());
    let r = run(
        &empty,
        &[("AWS_ACCESS_KEY_ID", KEY_ID), ("AWS_REGION", "us-east-1")],
        &["token"],
        None,
    );
    assert_eq!(
        (r.code, r.stderr.trim_end()),
        (
            1,
            "sigv4-bearer: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"
        )
    );
    let r = run(
        &empty,
        &[
            ("AWS_ACCESS_KEY_ID", KEY_ID),
            ("AWS_SECRET_ACCESS_KEY", SECRET),
        ],
        &["token"],
        None,
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("no region") && r.stderr.contains("AWS_REGION"),
        "{}",
        r.stderr
    );

    let with_default = home(
        "nosuch",
        Some("[default]\naws_access_key_id = A\naws_secret_access_key = s\n"),
        None,
    );
    let r = run(
        &with_default,
        &[("AWS_REGION", "us-east-1")],
        &["token", "--profile", "nosuch"],
        None,
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("profile \"nosuch\" not found in"),
        "{}",
        r.stderr
    );

    let broken = home(
        "broken",
        Some("[default]\naws_access_key_id = A\nthis line is wrong wJalrXUtnFEMI\n"),
        None,
    );
    let r = run(&broken, &[("AWS_REGION", "us-east-1")], &["token"], None);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("credentials:3: malformed line"),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains("wJalrXUtnFEMI"),
        "a line's text may hold a secret"
    );

    let h = home("errs", None, None);
    for (args, needle) in [
        (
            vec!["token", "--expires-in", "soon"],
            "bad duration \"soon\"",
        ),
        (
            vec!["token", "--expires-in", "13h"],
            "lifetime must be 1 ..= 43200 whole seconds",
        ),
        (vec!["token", "--service", "s3"], "unknown service \"s3\""),
        (vec!["token", "--bogus"], "unknown option --bogus"),
        (vec!["token", "--region"], "--region needs a value"),
        (vec!["token", "--region", "US-EAST-1"], "region must be"),
        (vec!["frobnicate"], "unknown command \"frobnicate\""),
    ] {
        let r = run(&h, &env_creds(), &args, None);
        assert_ne!(r.code, 0, "{args:?}");
        assert!(r.stderr.contains(needle), "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{args:?}");
    }
    let r = run(
        &h,
        &[
            ("AWS_ACCESS_KEY_ID", KEY_ID),
            ("AWS_SECRET_ACCESS_KEY", SECRET),
            ("AWS_REGION", "us-east-1"),
            ("AWS_CREDENTIAL_EXPIRATION", "tomorrow"),
        ],
        &["token"],
        None,
    );
    assert!(
        r.stderr
            .contains("AWS_CREDENTIAL_EXPIRATION is not an ISO 8601 time"),
        "{}",
        r.stderr
    );
    let r = run(
        &h,
        &[
            ("AWS_ACCESS_KEY_ID", KEY_ID),
            ("AWS_SECRET_ACCESS_KEY", SECRET),
            ("AWS_REGION", "us-east-1"),
            ("AWS_CREDENTIAL_EXPIRATION", "2025-01-02T03:04:05Z"),
        ],
        &["token"],
        None,
    );
    assert!(r.stderr.contains("credentials expired"), "{}", r.stderr);
}

#[test]
fn inspect_from_argument_stdin_and_environment() {
    let h = home("inspect", None, None);
    let token = library_token(
        &Credentials::new(KEY_ID, SECRET).with_session_token("S"),
        "us-west-2",
        3600,
    );
    let text = run(&h, &[], &["inspect", &token], None);
    assert_eq!(text.code, 0, "{}", text.stderr);
    for line in [
        "service        bedrock (bedrock-api-key-)",
        "region         us-west-2",
        "access key id  AKIDEXAMPLE",
        "signed at      2025-01-02T03:04:05Z",
        "expires at     2025-01-02T04:04:05Z",
        "time left      1h 00m 00s",
        "session token  yes",
    ] {
        assert!(
            text.stdout.lines().any(|l| l == line),
            "missing {line:?} in\n{}",
            text.stdout
        );
    }
    assert!(
        !text.stdout.contains(&token),
        "the token itself is not echoed"
    );
    assert_eq!(
        run(&h, &[], &["inspect", "-"], Some(&format!("{token}\n"))).stdout,
        text.stdout
    );
    assert_eq!(
        run(
            &h,
            &[("AWS_BEARER_TOKEN_BEDROCK", &token)],
            &["inspect"],
            None
        )
        .stdout,
        text.stdout
    );

    let json = run(
        &h,
        &[("SIGV4_BEARER_NOW", "1735790645")],
        &["inspect", "--json", &token],
        None,
    );
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value["region"], "us-west-2");
    assert_eq!(value["remaining_secs"], 0);
    assert_eq!(value["expired"], true);
    assert_eq!(value["lifetime_secs"], 3600);
    assert_eq!(value["has_session_token"], true);

    let expired = run(
        &h,
        &[("SIGV4_BEARER_NOW", "1735790705")],
        &["inspect", &token],
        None,
    );
    assert!(
        expired.stdout.contains("time left      expired 1m 00s ago"),
        "{}",
        expired.stdout
    );
    let r = run(
        &h,
        &[],
        &["inspect", "bedrock-api-key-bm90IGEgdG9rZW4="],
        None,
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.starts_with("sigv4-bearer: not a valid token: "),
        "{}",
        r.stderr
    );
    let r = run(&h, &[], &["inspect"], None);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("AWS_BEARER_TOKEN_BEDROCK"),
        "{}",
        r.stderr
    );
}

#[test]
fn check_says_exactly_what_is_wrong() {
    let h = home("check", None, None);
    let token = library_token(&Credentials::new(KEY_ID, SECRET), "us-west-2", 3600);
    let ok = run(&h, &[], &["check", "--region", "us-west-2", &token], None);
    assert_eq!(
        (ok.code, ok.stdout.trim_end()),
        (0, "ok: bedrock token for us-west-2, 1h 00m 00s left")
    );
    let wrong = run(&h, &[], &["check", "--region", "us-east-1", &token], None);
    assert_eq!(
        (wrong.code, wrong.stderr.trim_end()),
        (
            1,
            "sigv4-bearer: wrong region: the token is for us-west-2, not us-east-1"
        )
    );
    let late = run(
        &h,
        &[("SIGV4_BEARER_NOW", "1735790646")],
        &["check", "--region", "us-west-2", &token],
        None,
    );
    assert_eq!(
        (late.code, late.stderr.trim_end()),
        (1, "sigv4-bearer: expired: at 2025-01-02T04:04:05Z (1s ago)")
    );
    let early = run(
        &h,
        &[("SIGV4_BEARER_NOW", "1735787000")],
        &["check", "--region", "us-west-2", &token],
        None,
    );
    assert_eq!(
        (early.code, early.stderr.trim_end()),
        (
            1,
            "sigv4-bearer: not valid yet: signed at 2025-01-02T03:04:05Z, in the future"
        )
    );
    let mut tampered = token.clone().into_bytes();
    tampered[40] = if tampered[40] == b'A' { b'B' } else { b'A' };
    let bad = run(
        &h,
        &[],
        &[
            "check",
            "--region",
            "us-west-2",
            &String::from_utf8(tampered).unwrap(),
        ],
        None,
    );
    assert_eq!(bad.code, 1);
    assert!(
        bad.stderr.starts_with("sigv4-bearer: malformed token: ")
            && bad.stderr.lines().count() == 1,
        "{}",
        bad.stderr
    );
    let stdin = run(
        &h,
        &[],
        &["check", "--region", "us-west-2", "-"],
        Some(&token),
    );
    assert_eq!(stdin.code, 0);
    let missing = run(&h, &[], &["check", &token], None);
    assert_eq!(
        (missing.code, missing.stderr.trim_end()),
        (2, "sigv4-bearer: check needs --region R")
    );
}

#[test]
fn help_for_each_command() {
    let h = home("help", None, None);
    for (args, needle) in [
        (vec!["--help"], "Usage:"),
        (vec!["token", "--help"], "--expires-in"),
        (vec!["inspect", "-h"], "AWS_BEARER_TOKEN_BEDROCK"),
        (vec!["check", "--help"], "--region <R>"),
    ] {
        let r = run(&h, &[], &args, None);
        assert_eq!(r.code, 0, "{args:?}");
        assert!(r.stdout.contains(needle), "{args:?}: {}", r.stdout);
    }
    let r = run(&h, &[], &[], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("Usage:"));
}

/// The token rebuilt from what `inspect --json` shows, with `signature`.
fn rebuilt(json: &serde_json::Value, signature: &str) -> String {
    use base64::Engine as _;
    let field = |name: &str| match &json[name] {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let signed_at: Timestamp = field("signed_at").parse().unwrap();
    let amz_date = signed_at.to_string().replace(['-', ':'], "");
    let url = format!(
        "{}/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256\
         &X-Amz-Credential={}%2F{}%2F{}%2F{}%2Faws4_request&X-Amz-Date={amz_date}\
         &X-Amz-Expires={}&X-Amz-SignedHeaders=host&X-Amz-Signature={signature}&Version=1",
        field("host"),
        field("access_key_id"),
        &amz_date[..8],
        field("region"),
        field("service"),
        field("lifetime_secs"),
    );
    format!(
        "{}{}",
        field("prefix"),
        base64::engine::general_purpose::STANDARD.encode(url)
    )
}

#[test]
fn inspect_shows_nothing_that_rebuilds_the_token() {
    let h = home("inspect-rebuild", None, None);
    // No session token: the signature is the one piece missing.
    let token = library_token(&Credentials::new(KEY_ID, SECRET), "us-west-2", 3600);
    let signature = sigv4_bearer::inspect(&token)
        .unwrap()
        .signature()
        .to_owned();
    let json = run(&h, &[], &["inspect", "--json", &token], None);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    // The recipe is right: with the real signature it gives the token back.
    assert_eq!(rebuilt(&value, &signature), token);
    let plain = run(&h, &[], &["inspect", &token], None);
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    let mut shown: Vec<String> = value
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
        .collect();
    shown.extend(plain.stdout.split_whitespace().map(str::to_owned));
    for candidate in &shown {
        assert_ne!(
            rebuilt(&value, candidate),
            token,
            "{candidate:?} is the signature"
        );
    }
    for output in [&json.stdout, &plain.stdout] {
        assert!(!output.contains(&signature), "{output}");
        assert!(!output.contains(&signature[..16]), "{output}");
    }
}
