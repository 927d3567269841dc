//! Each credential source against its local mock: what the CLI sends, what
//! it makes of the answer, how it fails. (Which source wins is
//! tests/precedence.rs, against botocore.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::time::Instant;

use common::mocks::{self, Received};
use common::{home, run, write, NOW, SECRET};
use sigv4_bearer::{sign_headers, Credentials, Payload, Request, SigningScope, Timestamp};

const BASE: &str = "[base]\naws_access_key_id = AKID_BASE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n";

fn region() -> (&'static str, &'static str) {
    ("AWS_REGION", "us-east-1")
}

/// Signs `request` again with `secret` and the session token it carries;
/// the Authorization header must be the same, byte for byte.
fn assert_signed_by(request: &Received, key_id: &str, secret: &str) {
    let amz_date = request.header("x-amz-date").unwrap();
    let iso = format!(
        "{}-{}-{}T{}:{}:{}Z",
        &amz_date[..4],
        &amz_date[4..6],
        &amz_date[6..8],
        &amz_date[9..11],
        &amz_date[11..13],
        &amz_date[13..15]
    );
    let now: Timestamp = iso.parse().unwrap();
    let mut creds = Credentials::new(key_id, secret);
    if let Some(token) = request.header("x-amz-security-token") {
        creds = creds.with_session_token(token);
    }
    let content_type = request.header("content-type").unwrap();
    let req = Request {
        method: "POST",
        host: request.header("host").unwrap(),
        path: request.path(),
        headers: &[("content-type", content_type)],
        ..Request::default()
    };
    let want = sign_headers(
        &req,
        Payload::Bytes(&request.body),
        SigningScope {
            region: "us-east-1",
            signing_name: "sts",
        },
        &creds,
        now,
    )
    .unwrap();
    assert_eq!(request.header("authorization"), Some(want.authorization()));
}

#[test]
fn assume_role_is_sigv4_signed_with_the_source_credentials() {
    let sts = mocks::serve(mocks::sts);
    let config = "[profile mid]\nrole_arn = arn:aws:iam::123456789012:role/MID\nsource_profile = base\n\
                  role_session_name = build-42\nexternal_id = ext-7\nduration_seconds = 1800\n\
                  [profile top]\nrole_arn = arn:aws:iam::123456789012:role/TOP\nsource_profile = mid\n";
    let h = home("assume", Some(BASE), Some(config));
    let env = [region(), ("AWS_ENDPOINT_URL_STS", sts.url.as_str())];
    let r = run(&h, &env, &["token", "--profile", "top", "-v"], None);
    assert_eq!(r.access_key_id(), "ASIA_TOP_FROM_ASIA_MID_FROM_AKID_BASE");
    assert!(
        r.stderr.contains("role arn:aws:iam::123456789012:role/TOP (profile \"top\") assumed with role arn:aws:iam::123456789012:role/MID"),
        "{}",
        r.stderr
    );
    let [first, second] = <[Received; 2]>::try_from(sts.requests()).unwrap();
    // The first hop: static keys; the second: the first hop's temporary credentials.
    assert_signed_by(&first, "AKID_BASE", SECRET);
    assert_eq!(first.header("x-amz-security-token"), None);
    assert_signed_by(
        &second,
        "ASIA_MID_FROM_AKID_BASE",
        "mocksecretASIA_MID_FROM_AKID_BASE",
    );
    assert_eq!(
        second.header("x-amz-security-token"),
        Some("tokenASIA_MID_FROM_AKID_BASE")
    );
    for (name, want) in [
        ("Action", "AssumeRole"),
        ("Version", "2011-06-15"),
        ("RoleSessionName", "build-42"),
        ("ExternalId", "ext-7"),
        ("DurationSeconds", "1800"),
    ] {
        assert_eq!(first.form(name).as_deref(), Some(want), "{name}");
    }
    // Absent, the session name is botocore's: botocore-session-<Unix seconds>.
    assert_eq!(
        second.form("RoleSessionName"),
        Some(format!("botocore-session-{NOW}"))
    );
    assert_eq!(second.form("ExternalId"), None);

    // A wrong secret is caught by the check itself.
    let tampered =
        std::panic::catch_unwind(|| assert_signed_by(&first, "AKID_BASE", "not the secret"));
    assert!(tampered.is_err());
}

#[test]
fn sts_errors_show_aws_code_and_message() {
    let sts = mocks::serve(mocks::sts);
    let config =
        "[profile app]\nrole_arn = arn:aws:iam::123456789012:role/DENIED\nsource_profile = base\n";
    let h = home("denied", Some(BASE), Some(config));
    let r = run(
        &h,
        &[region(), ("AWS_ENDPOINT_URL_STS", &sts.url)],
        &["token", "--profile", "app"],
        None,
    );
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr.trim_end(),
        "sigv4-bearer: profile \"app\": STS AssumeRole failed (HTTP 403): AccessDenied: \
         User is not authorized to perform: sts:AssumeRole"
    );
    // AWS_ENDPOINT_URL is the fallback of every service.
    let r = run(
        &h,
        &[region(), ("AWS_ENDPOINT_URL", &sts.url)],
        &["token", "--profile", "app"],
        None,
    );
    assert!(r.stderr.contains("AccessDenied"), "{}", r.stderr);
}

#[test]
fn web_identity_sends_the_token_file_unsigned() {
    let sts = mocks::serve(mocks::sts);
    let h = home("web", None, None);
    write(&h, "token.jwt", "eyJWEB\n");
    let token_file = h.join("token.jwt");
    let env = [
        region(),
        ("AWS_ENDPOINT_URL_STS", sts.url.as_str()),
        ("AWS_WEB_IDENTITY_TOKEN_FILE", token_file.to_str().unwrap()),
        ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/CI"),
        ("AWS_ROLE_SESSION_NAME", "gh-run-9"),
    ];
    let r = run(&h, &env, &["token", "-v"], None);
    assert_eq!(r.access_key_id(), "ASIA_WEB_CI_eyJWEB");
    assert!(r.stderr.contains("web identity"), "{}", r.stderr);
    let [request] = <[Received; 1]>::try_from(sts.requests()).unwrap();
    assert_eq!(
        request.form("Action").as_deref(),
        Some("AssumeRoleWithWebIdentity")
    );
    assert_eq!(request.form("RoleSessionName").as_deref(), Some("gh-run-9"));
    assert_eq!(request.header("authorization"), None);
    // A token file that cannot be read is named.
    let env = [
        region(),
        ("AWS_WEB_IDENTITY_TOKEN_FILE", "/nonexistent/jwt"),
        ("AWS_ROLE_ARN", "arn:aws:iam::1:role/CI"),
    ];
    let r = run(&h, &env, &["token"], None);
    assert!(
        r.stderr
            .contains("cannot read web identity token file /nonexistent/jwt"),
        "{}",
        r.stderr
    );
}

fn sso_files(h: &std::path::Path, key: &str, token: &str, expires_at: &str) {
    use sha1::{Digest as _, Sha1};
    let name = hex::encode(Sha1::digest(key.as_bytes()));
    let body =
        serde_json::json!({"accessToken": token, "expiresAt": expires_at, "region": "us-east-1"});
    write(h, &format!(".aws/sso/cache/{name}.json"), &body.to_string());
}

#[test]
fn sso_uses_the_cached_token_of_its_session_or_start_url() {
    let sso = mocks::serve(mocks::sso);
    let config = "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n\
                  [profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\n\
                  [profile old]\nsso_start_url = https://old.awsapps.com/start\nsso_region = us-east-1\n\
                  sso_account_id = 444455556666\nsso_role_name = Ops\n";
    let h = home("sso", None, Some(config));
    sso_files(&h, "corp", "SESSIONTOKEN", "2099-01-01T00:00:00Z");
    sso_files(
        &h,
        "https://old.awsapps.com/start",
        "LEGACYTOKEN",
        "2099-01-01T00:00:00UTC",
    );
    let env = [region(), ("AWS_ENDPOINT_URL_SSO", sso.url.as_str())];
    let r = run(&h, &env, &["token", "--profile", "dev", "-v"], None);
    assert_eq!(r.access_key_id(), "ASIA_SSO_111122223333_Dev_SESSIONTOKEN");
    assert!(
        r.stderr
            .contains("SSO (profile \"dev\", account 111122223333, role Dev)"),
        "{}",
        r.stderr
    );
    let r = run(&h, &env, &["token", "--profile", "old"], None);
    assert_eq!(r.access_key_id(), "ASIA_SSO_444455556666_Ops_LEGACYTOKEN");
    let requests = sso.requests();
    assert_eq!(requests[0].path(), "/federation/credentials");
    assert_eq!(
        requests[0].header("x-amz-sso_bearer_token"),
        Some("SESSIONTOKEN")
    );
    assert_eq!(
        requests[0].query("account_id").as_deref(),
        Some("111122223333")
    );
    assert_eq!(requests[0].query("role_name").as_deref(), Some("Dev"));

    // Expired or never logged in: the exact command to run, and no call made.
    sso_files(&h, "corp", "SESSIONTOKEN", "2025-01-02T03:04:05Z");
    let r = run(&h, &env, &["token", "--profile", "dev"], None);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("expired at 2025-01-02T03:04:05Z: run `aws sso login --profile dev`"),
        "{}",
        r.stderr
    );
    let fresh = home("sso-none", None, Some(config));
    let r = run(&fresh, &env, &["token", "--profile", "old"], None);
    assert!(
        r.stderr
            .contains("no SSO token for https://old.awsapps.com/start"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("run `aws sso login --profile old`"),
        "{}",
        r.stderr
    );
    assert_eq!(sso.requests().len(), 2);
}

#[test]
fn sso_refusal_names_the_login_command() {
    let refusing = mocks::serve(|_| {
        (
            401,
            r#"{"message":"Session token not found or invalid"}"#.into(),
        )
    });
    let config =
        "[profile dev]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n\
                  sso_account_id = 1\nsso_role_name = Dev\n";
    let h = home("sso-401", None, Some(config));
    sso_files(
        &h,
        "https://corp.awsapps.com/start",
        "REVOKED",
        "2099-01-01T00:00:00Z",
    );
    let r = run(
        &h,
        &[region(), ("AWS_ENDPOINT_URL_SSO", &refusing.url)],
        &["token", "--profile", "dev"],
        None,
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("refused the cached token (HTTP 401): run `aws sso login --profile dev`"),
        "{}",
        r.stderr
    );
}

#[test]
fn credential_process_runs_parses_and_fails_clearly() {
    let h = home("process", None, None);
    let script = h.join("creds.sh");
    write(
        &h,
        "creds.sh",
        "#!/bin/sh\nif [ \"$1\" = 'with space' ]; then\n\
         printf '{\"Version\": 1, \"AccessKeyId\": \"AKID_PROC\", \"SecretAccessKey\": \"mocksecretp\", \"SessionToken\": \"t\"}'\n\
         elif [ \"$1\" = fail ]; then echo 'MFA device not present' >&2; exit 3\n\
         else printf '{\"Version\": 1, \"AccessKeyId\": '; fi\n",
    );
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    let config = format!(
        "[profile ok]\ncredential_process = {0} 'with space'\n[profile fail]\ncredential_process = {0} fail\n\
         [profile broken]\ncredential_process = {0} broken\n[profile missing]\ncredential_process = /nonexistent/helper\n",
        script.display()
    );
    write(&h, ".aws/config", &config);
    let r = run(&h, &[region()], &["token", "--profile", "ok", "-v"], None);
    assert_eq!(r.access_key_id(), "AKID_PROC");
    assert!(
        r.stderr.contains("credential_process of profile \"ok\""),
        "{}",
        r.stderr
    );
    let r = run(&h, &[region()], &["token", "--profile", "fail"], None);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("credential_process of profile \"fail\" failed (exit status: 3): MFA device not present"),
        "{}",
        r.stderr
    );
    let r = run(&h, &[region()], &["token", "--profile", "broken"], None);
    assert!(
        r.stderr
            .contains("credential_process of profile \"broken\": malformed JSON"),
        "{}",
        r.stderr
    );
    let r = run(&h, &[region()], &["token", "--profile", "missing"], None);
    assert!(
        r.stderr.contains("cannot run \"/nonexistent/helper\""),
        "{}",
        r.stderr
    );
}

#[test]
fn container_credentials_with_their_authorization() {
    let ecs = mocks::serve(mocks::ecs);
    let h = home("ecs", None, None);
    write(&h, "pod-token", "EKSPODTOKEN\n");
    let url = format!("{}/v1/credentials", ecs.url);
    let token_file = h.join("pod-token");
    let env = [
        region(),
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", url.as_str()),
        (
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
            token_file.to_str().unwrap(),
        ),
    ];
    let r = run(&h, &env, &["token", "-v"], None);
    assert_eq!(r.access_key_id(), "ASIA_ECS_EKSPODTOKEN");
    assert!(r.stderr.contains("container credentials"), "{}", r.stderr);
    assert_eq!(ecs.requests()[0].path(), "/v1/credentials");
    // Plain HTTP to anything but loopback or the ECS / EKS agents is refused.
    let env = [
        region(),
        (
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "http://10.1.2.3/creds",
        ),
    ];
    let r = run(&h, &env, &["token"], None);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("plain HTTP goes only to a loopback address"),
        "{}",
        r.stderr
    );
}

#[test]
fn instance_metadata_v2_token_then_role_then_credentials() {
    let imds = mocks::serve(mocks::imds);
    let h = home("imds", None, None);
    let r = run(
        &h,
        &[region(), ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &imds.url)],
        &["token", "-v"],
        None,
    );
    assert_eq!(r.access_key_id(), "ASIA_IMDS_IMDSROLE");
    assert!(r.stderr.contains("instance role IMDSROLE"), "{}", r.stderr);
    let requests = imds.requests();
    let steps: Vec<(&str, &str)> = requests
        .iter()
        .map(|r| (r.method.as_str(), r.path()))
        .collect();
    assert_eq!(
        steps,
        [
            ("PUT", "/latest/api/token"),
            ("GET", "/latest/meta-data/iam/security-credentials/"),
            ("GET", "/latest/meta-data/iam/security-credentials/IMDSROLE"),
        ]
    );
    assert_eq!(
        requests[0].header("x-aws-ec2-metadata-token-ttl-seconds"),
        Some("21600")
    );
    // Off: never called.
    let r = run(
        &h,
        &[
            region(),
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &imds.url),
            ("AWS_EC2_METADATA_DISABLED", "TRUE"),
        ],
        &["token"],
        None,
    );
    assert!(
        r.stderr.contains("off (AWS_EC2_METADATA_DISABLED=true)"),
        "{}",
        r.stderr
    );
    assert_eq!(imds.requests().len(), 3);
}

#[test]
fn unreachable_instance_metadata_gives_up_within_its_timeout() {
    let silent = mocks::silent();
    let h = home("imds-silent", None, None);
    let started = Instant::now();
    let r = run(
        &h,
        &[region(), ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &silent)],
        &["token"],
        None,
    );
    let took = started.elapsed();
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no credentials"), "{}", r.stderr);
    assert!(
        r.stderr.contains("did not answer within 1 s"),
        "{}",
        r.stderr
    );
    assert!(took.as_secs_f64() < 3.0, "took {took:?}");
}

/// A source's name, its variables and its extra arguments.
type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, Vec<&'a str>);

#[test]
fn every_source_expiry_cuts_the_token_short() {
    let soon = Timestamp::from_unix_secs(NOW + 1200).to_string();
    let soon_ms = (NOW + 1200) * 1000;
    let expiring = |body: String| move |_: &Received| (200, body.clone());
    let md = serde_json::json!({"AccessKeyId": "ASIAMD", "SecretAccessKey": "mocksecretx", "Token": "t", "Expiration": soon}).to_string();
    let imds_body = md.clone();
    let imds = mocks::serve(move |r: &Received| match (r.method.as_str(), r.path()) {
        ("PUT", _) => (200, "T".into()),
        (_, "/latest/meta-data/iam/security-credentials/") => (200, "R".into()),
        _ => (200, imds_body.clone()),
    });
    let ecs = mocks::serve(expiring(md));
    let sso = mocks::serve(expiring(
        serde_json::json!({"roleCredentials": {"accessKeyId": "ASIASSO", "secretAccessKey": "mocksecrets", "sessionToken": "t", "expiration": soon_ms}}).to_string(),
    ));
    let sts = mocks::serve(expiring(format!(
        "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIASTS</AccessKeyId>\
         <SecretAccessKey>mocksecretz</SecretAccessKey><SessionToken>t</SessionToken>\
         <Expiration>{soon}</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>"
    )));
    let config = format!(
        "[profile role]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = base\n\
         [profile sso]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = R\n\
         [profile proc]\ncredential_process = /bin/echo '{{\"Version\": 1, \"AccessKeyId\": \"ASIAP\", \"SecretAccessKey\": \"mocksecretq\", \"Expiration\": \"{soon}\"}}'\n"
    );
    let h = home("expiry", Some(BASE), Some(&config));
    sso_files(
        &h,
        "https://x.awsapps.com/start",
        "TOKEN",
        "2099-01-01T00:00:00Z",
    );
    let ecs_url = format!("{}/creds", ecs.url);
    let cases: [Case<'_>; 6] = [
        (
            "environment",
            vec![
                ("AWS_ACCESS_KEY_ID", "AKID"),
                ("AWS_SECRET_ACCESS_KEY", "mocksecretw"),
                ("AWS_CREDENTIAL_EXPIRATION", &soon),
            ],
            vec![],
        ),
        (
            "assume role",
            vec![("AWS_ENDPOINT_URL_STS", &sts.url)],
            vec!["--profile", "role"],
        ),
        (
            "sso",
            vec![("AWS_ENDPOINT_URL_SSO", &sso.url)],
            vec!["--profile", "sso"],
        ),
        ("credential_process", vec![], vec!["--profile", "proc"]),
        (
            "container",
            vec![("AWS_CONTAINER_CREDENTIALS_FULL_URI", &ecs_url)],
            vec![],
        ),
        (
            "instance metadata",
            vec![("AWS_EC2_METADATA_SERVICE_ENDPOINT", &imds.url)],
            vec![],
        ),
    ];
    for (source, mut env, extra) in cases {
        env.push(region());
        let mut args = vec!["token", "--json"];
        args.extend(extra);
        let r = run(&h, &env, &args, None);
        assert_eq!(r.code, 0, "{source}: {}", r.stderr);
        let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        assert_eq!(json["expiresAt"], soon.as_str(), "{source}");
        let info = sigv4_bearer::inspect(json["token"].as_str().unwrap()).unwrap();
        assert_eq!(info.lifetime().as_secs(), 1200, "{source}");
    }
}
