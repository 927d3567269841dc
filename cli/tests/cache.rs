//! `token --cache`: hit, refresh at the margin (the clock moved with
//! SIGV4_BEARER_NOW), corrupt, foreign and tampered files, permissions,
//! concurrent runs; and `--json`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};

use common::{command, finish, home, mocks, run, Run, KEY_ID, NOW, SECRET};

fn env_keys() -> Vec<(&'static str, &'static str)> {
    vec![
        ("AWS_ACCESS_KEY_ID", KEY_ID),
        ("AWS_SECRET_ACCESS_KEY", SECRET),
        ("AWS_REGION", "us-east-1"),
    ]
}

/// `token --cache -v` at `now`, with `extra` arguments.
fn cached(h: &Path, env: &[(&str, &str)], now: i64, extra: &[&str]) -> Run {
    let now = now.to_string();
    let mut env = env.to_vec();
    env.push(("SIGV4_BEARER_NOW", &now));
    let mut args = vec!["token", "--cache", "-v"];
    args.extend(extra);
    let r = run(h, &env, &args, None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r
}

/// The one cache file under `h`'s ~/.cache/sigv4-bearer.
fn cache_file(h: &Path) -> PathBuf {
    let dir = h.join(".cache/sigv4-bearer");
    let files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files.into_iter().next().unwrap()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_hit_until_the_refresh_margin() {
    let h = home("cache-hit", None, None);
    let first = cached(&h, &env_keys(), NOW, &["--expires-in", "1h"]);
    assert!(
        first.stderr.contains("none stored; minting"),
        "{}",
        first.stderr
    );
    let file = cache_file(&h);
    assert_eq!(mode(&file), 0o600);
    assert_eq!(mode(file.parent().unwrap()), 0o700);
    // 3600 - 301 s later: 5m 01s left, more than the default margin.
    let hit = cached(&h, &env_keys(), NOW + 3299, &["--expires-in", "1h"]);
    assert_eq!(hit.stdout, first.stdout);
    assert!(hit.stderr.contains("5m 01s left"), "{}", hit.stderr);
    // At 5m left exactly: a new token, signed now.
    let renewed = cached(&h, &env_keys(), NOW + 3300, &["--expires-in", "1h"]);
    assert_ne!(renewed.stdout, first.stdout);
    assert!(
        renewed.stderr.contains("not more than the 5m 00s margin"),
        "{}",
        renewed.stderr
    );
    let info = sigv4_bearer::inspect(renewed.stdout.trim_end()).unwrap();
    assert_eq!(info.signed_at().as_unix_secs(), NOW + 3300);
    // A wider margin refreshes sooner.
    let wide = cached(
        &h,
        &env_keys(),
        NOW + 3400,
        &["--expires-in", "1h", "--refresh-margin", "59m"],
    );
    assert_ne!(wide.stdout, renewed.stdout);
    // Another lifetime, region or service is another entry.
    let other = cached(&h, &env_keys(), NOW + 3400, &["--expires-in", "2h"]);
    assert!(other.stderr.contains("none stored"), "{}", other.stderr);
}

#[test]
fn a_hit_needs_no_credential_source() {
    let sts = mocks::serve(mocks::sts);
    let config = "[profile app]\nrole_arn = arn:aws:iam::1:role/APP\nsource_profile = base\n";
    let h = home(
        "cache-sts",
        Some("[base]\naws_access_key_id = AKID_BASE\naws_secret_access_key = s\n"),
        Some(config),
    );
    let env = [
        ("AWS_REGION", "us-east-1"),
        ("AWS_ENDPOINT_URL_STS", sts.url.as_str()),
    ];
    let first = cached(&h, &env, NOW, &["--profile", "app"]);
    let second = cached(&h, &env, NOW + 60, &["--profile", "app"]);
    assert_eq!(first.stdout, second.stdout);
    assert_eq!(sts.requests().len(), 1, "the hit called STS");
    assert!(!second.stderr.contains("credentials:"), "{}", second.stderr);
}

#[test]
fn corrupt_foreign_and_tampered_files_are_replaced() {
    let h = home("cache-bad", None, None);
    let good = cached(&h, &env_keys(), NOW, &[]);
    let file = cache_file(&h);
    let other_region = {
        let env = [
            ("AWS_ACCESS_KEY_ID", KEY_ID),
            ("AWS_SECRET_ACCESS_KEY", SECRET),
            ("AWS_REGION", "eu-west-1"),
        ];
        let r = run(&h, &env, &["token"], None);
        r.stdout
    };
    let other_key = {
        let env = [
            ("AWS_ACCESS_KEY_ID", "AKIDOTHER"),
            ("AWS_SECRET_ACCESS_KEY", SECRET),
            ("AWS_REGION", "us-east-1"),
        ];
        run(&h, &env, &["token"], None).stdout
    };
    let truncated = good.stdout[..good.stdout.len() / 2].to_owned();
    let longer = tamper(&good.stdout, "X-Amz-Expires=43200", "X-Amz-Expires=86400");
    let resigned = {
        let url = decode(&good.stdout);
        let at = url.find("X-Amz-Signature=").unwrap() + "X-Amz-Signature=".len();
        let flipped = if &url[at..=at] == "0" { "1" } else { "0" };
        tamper(
            &good.stdout,
            &url[at..=at + 8],
            &format!("{flipped}{}", &url[at + 1..=at + 8]),
        )
    };
    for (what, text, reason) in [
        ("garbage", "not a token at all\n".to_owned(), "not a token"),
        ("empty", String::new(), "not a token"),
        ("truncated", truncated, "not a token"),
        ("lifetime raised", longer, "not a token"),
        (
            "signature changed",
            resigned,
            "refused by its own key (signature does not match",
        ),
        ("another region", other_region, "not bedrock in us-east-1"),
        ("another key", other_key, "signed with another access key"),
    ] {
        std::fs::write(&file, &text).unwrap();
        let r = cached(&h, &env_keys(), NOW + 10, &[]);
        assert!(r.stderr.contains(reason), "{what}: {}", r.stderr);
        assert_ne!(r.stdout, text, "{what}");
        let stored = std::fs::read_to_string(&file).unwrap();
        assert_eq!(stored, r.stdout, "{what}: replaced");
        assert_eq!(mode(&file), 0o600, "{what}");
    }
}

/// The presigned URL inside a Bedrock token.
fn decode(token: &str) -> String {
    use base64::Engine as _;
    let body = token.trim_end().strip_prefix("bedrock-api-key-").unwrap();
    String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(body)
            .unwrap(),
    )
    .unwrap()
}

/// `token` with `from` replaced by `to` inside its URL, encoded again.
fn tamper(token: &str, from: &str, to: &str) -> String {
    use base64::Engine as _;
    let url = decode(token);
    assert!(url.contains(from), "{url}");
    let url = url.replace(from, to);
    format!(
        "bedrock-api-key-{}\n",
        base64::engine::general_purpose::STANDARD.encode(url)
    )
}

#[test]
fn open_permissions_are_not_trusted() {
    let h = home("cache-perm", None, None);
    let first = cached(&h, &env_keys(), NOW, &[]);
    let file = cache_file(&h);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let r = cached(&h, &env_keys(), NOW + 10, &[]);
    assert!(
        r.stderr.contains("mode 0644: others may read it"),
        "{}",
        r.stderr
    );
    assert_ne!(r.stdout, first.stdout);
    assert_eq!(mode(&file), 0o600);
    // An open directory is closed again.
    let dir = file.parent().unwrap();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    cached(&h, &env_keys(), NOW + 20, &[]);
    assert_eq!(mode(dir), 0o700);
    // A symlink is not followed.
    let elsewhere = h.join("planted");
    std::fs::write(&elsewhere, &first.stdout).unwrap();
    std::fs::set_permissions(&elsewhere, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::fs::remove_file(&file).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &file).unwrap();
    let r = cached(&h, &env_keys(), NOW + 30, &[]);
    assert!(r.stderr.contains("not a regular file"), "{}", r.stderr);
}

#[test]
fn concurrent_runs_all_print_a_good_token_and_leave_one_file() {
    let h = home("cache-race", None, None);
    let now = NOW.to_string();
    let mut env = env_keys();
    env.push(("SIGV4_BEARER_NOW", &now));
    let children: Vec<_> = (0..8)
        .map(|_| command(&h, &env, &["token", "--cache"]).spawn().unwrap())
        .collect();
    let runs: Vec<Run> = children
        .into_iter()
        .map(|c| finish(c.wait_with_output().unwrap()))
        .collect();
    for r in &runs {
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(
            r.stdout, runs[0].stdout,
            "same inputs, same clock: the same token"
        );
    }
    let file = cache_file(&h);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), runs[0].stdout);
    assert_eq!(mode(&file), 0o600);
}

#[test]
fn xdg_cache_home_and_json() {
    let h = home("cache-xdg", None, None);
    let xdg = h.join("xdg");
    let mut env = env_keys();
    let xdg_str = xdg.to_str().unwrap().to_owned();
    env.push(("XDG_CACHE_HOME", &xdg_str));
    let r = cached(
        &h,
        &env,
        NOW,
        &[
            "--json",
            "--service",
            "external-anthropic",
            "--expires-in",
            "90m",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["expiresAt", "region", "service", "token"]);
    assert_eq!(json["expiresAt"], "2025-01-02T04:34:05Z");
    assert_eq!(json["region"], "us-east-1");
    assert_eq!(json["service"], "external-anthropic");
    assert!(json["token"]
        .as_str()
        .unwrap()
        .starts_with("aws-external-anthropic-api-key-"));
    assert!(xdg.join("sigv4-bearer").is_dir());
    assert!(!h.join(".cache").exists());
    // The hit prints the same object.
    let again = cached(
        &h,
        &env,
        NOW + 60,
        &[
            "--json",
            "--service",
            "external-anthropic",
            "--expires-in",
            "90m",
        ],
    );
    assert_eq!(again.stdout, r.stdout);
    // --json and --export do not mix.
    let r = run(&h, &env, &["token", "--json", "--export"], None);
    assert_eq!(r.code, 2);
}
