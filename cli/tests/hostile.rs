//! The CLI under hostile variables and files, one test per finding of the
//! security review (issue 22): smuggled hosts, stale or planted cache
//! files, unbounded readers, terminal escapes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use common::{home, mocks, run, write, Run};

/// Runs `token` for a profile that assumes a role with static source keys,
/// against the STS mock at `sts_url`, in a new HOME named `name`.
fn assume_role_against(sts_url: &str, name: &str) -> Run {
    let h = home(
        name,
        Some("[src]\naws_access_key_id = AKID_SRC\naws_secret_access_key = mocksecrets\n"),
        Some("[profile x]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = src\n"),
    );
    run(
        &h,
        &[
            ("AWS_REGION", "us-east-1"),
            ("AWS_ENDPOINT_URL_STS", sts_url),
        ],
        &["token", "--profile", "x"],
        None,
    )
}

/// A `credential_process` script that leaves `marker` behind when it runs.
fn marking_process(h: &Path, marker: &Path) -> String {
    let script = h.join("marking.sh");
    write(
        h,
        "marking.sh",
        &format!(
            "#!/bin/sh\ntouch '{}'\nprintf '{{\"Version\": 1, \"AccessKeyId\": \"AKID_PROC\", \"SecretAccessKey\": \"mocksecretp\"}}'\n",
            marker.display()
        ),
    );
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    script.display().to_string()
}

/// One line on stderr, with `needle`, exit 2, nothing on stdout.
fn assert_one_line_usage(r: &Run, needle: &str) {
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains(needle), "{}", r.stderr);
}

#[test]
fn a_region_smuggling_a_host_opens_no_connection() {
    let (address, connections) = mocks::connection_counter();
    let h = home("smuggled-region", None, None);
    write(&h, "token.jwt", "eyJWEB\n");
    let token_file = h.join("token.jwt");
    let region = format!("x@{address}/#");
    let env = [
        ("AWS_REGION", region.as_str()),
        ("AWS_WEB_IDENTITY_TOKEN_FILE", token_file.to_str().unwrap()),
        ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/CI"),
    ];
    let r = run(&h, &env, &["token"], None);
    assert_one_line_usage(&r, &format!("bad region {region:?} (from AWS_REGION)"));
    // And through the config file's region.
    let config = format!("[default]\nregion = {region}\n");
    write(&h, ".aws/config", &config);
    let r = run(&h, &env[1..], &["token"], None);
    assert_one_line_usage(&r, "(from region of profile \"default\")");
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(connections.load(Ordering::SeqCst), 0);
}

#[test]
fn a_bad_region_runs_no_credential_source() {
    let h = home("region-first", None, None);
    let marker = h.join("process-ran");
    let script = marking_process(&h, &marker);
    write(
        &h,
        ".aws/config",
        &format!("[profile p]\ncredential_process = {script}\n"),
    );
    let r = run(
        &h,
        &[],
        &["token", "--profile", "p", "--region", "US-EAST-1"],
        None,
    );
    assert_one_line_usage(&r, "bad region \"US-EAST-1\" (from --region)");
    assert!(
        !marker.exists(),
        "credential_process ran before the region was checked"
    );
    // The same profile with a good region does run it: the marker works.
    let r = run(
        &h,
        &[],
        &["token", "--profile", "p", "--region", "us-east-1"],
        None,
    );
    assert_eq!(r.access_key_id(), "AKID_PROC");
    assert!(marker.exists());
}

#[test]
fn an_sso_region_smuggling_a_host_opens_no_connection() {
    let (address, connections) = mocks::connection_counter();
    let h = home("smuggled-sso-region", None, None);
    let marker = h.join("process-ran");
    let script = marking_process(&h, &marker);
    let config = format!(
        "[profile legacy]\nsso_start_url = https://x.awsapps.com/start\nsso_region = x@{address}/#\n\
         sso_account_id = 111122223333\nsso_role_name = Dev\n\
         [profile viasession]\nsso_session = s\nsso_account_id = 1\nsso_role_name = Dev\n\
         [sso-session s]\nsso_start_url = https://x.awsapps.com/start\nsso_region = x@{address}/#\n\
         [profile chained]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = legacy\n\
         [profile proc]\ncredential_process = {script}\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = legacy\n"
    );
    write(&h, ".aws/config", &config);
    for (profile, needle) in [
        ("legacy", "(from sso_region of profile \"legacy\")"),
        ("viasession", "(from sso_region of sso-session \"s\")"),
        ("chained", "(from sso_region of profile \"legacy\")"),
        ("proc", "(from sso_region of profile \"legacy\")"),
    ] {
        let r = run(
            &h,
            &[("AWS_REGION", "us-east-1")],
            &["token", "--profile", profile],
            None,
        );
        assert_one_line_usage(&r, needle);
    }
    assert!(!marker.exists());
    // The environment's keys come first: the profile is not read, as in botocore.
    let env = [
        ("AWS_REGION", "us-east-1"),
        ("AWS_PROFILE", "legacy"),
        ("AWS_ACCESS_KEY_ID", common::KEY_ID),
        ("AWS_SECRET_ACCESS_KEY", common::SECRET),
    ];
    assert_eq!(
        run(&h, &env, &["token"], None).access_key_id(),
        common::KEY_ID
    );
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(connections.load(Ordering::SeqCst), 0);
}

#[test]
fn a_container_relative_uri_cannot_leave_the_ecs_agent() {
    let (address, connections) = mocks::connection_counter();
    let h = home("container-relative", None, None);
    for relative in [format!("@{address}/x"), format!(":{}/x", &address[10..])] {
        let env = [
            ("AWS_REGION", "us-east-1"),
            ("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", relative.as_str()),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "mocksecretauth"),
            ("AWS_EC2_METADATA_DISABLED", "true"),
        ];
        let r = run(&h, &env, &["token"], None);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(
            r.stderr.contains(&format!(
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI {relative:?} must be a path starting with /"
            )),
            "{}",
            r.stderr
        );
    }
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(connections.load(Ordering::SeqCst), 0);
    // The counter counts: the same host as a full URI is called.
    let full = format!("http://{address}/x");
    let env = [
        ("AWS_REGION", "us-east-1"),
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", full.as_str()),
        ("AWS_EC2_METADATA_DISABLED", "true"),
    ];
    assert_eq!(run(&h, &env, &["token"], None).code, 1);
    assert!(connections.load(Ordering::SeqCst) > 0);
}

#[test]
fn overrides_carrying_credentials_need_https_off_this_machine() {
    let h = home("plain-http", None, None);
    write(&h, "token.jwt", "eyJWEB\n");
    let token_file = h.join("token.jwt");
    for (var, url) in [
        ("AWS_ENDPOINT_URL_STS", "http://192.0.2.2:18007"),
        ("AWS_ENDPOINT_URL", "http://sts.example.com"),
        ("AWS_ENDPOINT_URL_STS", "https://user@sts.example.com"),
    ] {
        let env = [
            ("AWS_REGION", "us-east-1"),
            ("AWS_WEB_IDENTITY_TOKEN_FILE", token_file.to_str().unwrap()),
            ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/CI"),
            (var, url),
        ];
        let started = Instant::now();
        let r = run(&h, &env, &["token"], None);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(r.stderr.contains(&format!("{var} {url:?}")), "{}", r.stderr);
        // Refused before any connection is tried (192.0.2.2 never answers).
        assert!(started.elapsed() < Duration::from_secs(2));
    }
    // The SSO portal's override, which is sent the SSO access token.
    let config =
        "[profile sso]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\n\
                  sso_account_id = 1\nsso_role_name = Dev\n";
    write(&h, ".aws/config", config);
    let env = [
        ("AWS_REGION", "us-east-1"),
        ("AWS_ENDPOINT_URL_SSO", "http://192.0.2.2:18007"),
    ];
    let r = run(&h, &env, &["token", "--profile", "sso"], None);
    // No SSO token is cached here; the endpoint is checked before the token is read.
    assert!(
        r.stderr.contains(
            "AWS_ENDPOINT_URL_SSO \"http://192.0.2.2:18007\": plain HTTP to another machine"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn default_and_profile_default_the_later_section_wins_every_time() {
    let key =
        |id: &str| format!("aws_access_key_id = {id}\naws_secret_access_key = mocksecret{id}\n");
    // botocore 1.44.8 (load_config): the later of the two sections is the
    // profile, whole; checked with test-vectors' venv before writing this.
    for (config, want) in [
        (
            format!("[default]\n{}[profile default]\n{}", key("AKID_PLAIN"), key("AKID_PROFILE")),
            "AKID_PROFILE",
        ),
        (
            format!("[profile default]\n{}[default]\n{}", key("AKID_PROFILE"), key("AKID_PLAIN")),
            "AKID_PLAIN",
        ),
        // Whole, not merged: the later section has no secret key.
        (
            format!("[default]\n{}[profile default]\nregion = us-east-1\naws_access_key_id = AKID_HALF\n", key("AKID_PLAIN")),
            "",
        ),
    ] {
        let h = home("default-twice", None, Some(&config));
        for _ in 0..8 {
            let r = run(&h, &[("AWS_REGION", "us-east-1")], &["token"], None);
            if want.is_empty() {
                assert_eq!(r.code, 1, "{}", r.stderr);
                assert!(
                    r.stderr.contains("profile \"default\" has no aws_secret_access_key"),
                    "{}",
                    r.stderr
                );
            } else {
                assert_eq!(r.access_key_id(), want);
            }
        }
    }
}

/// A profile `p` whose `credential_process` is `script` (shell text).
fn process_home(name: &str, script: &str) -> std::path::PathBuf {
    let h = home(name, None, None);
    write(&h, "helper.sh", &format!("#!/bin/sh\n{script}\n"));
    let path = h.join("helper.sh");
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    write(
        &h,
        ".aws/config",
        &format!("[profile p]\ncredential_process = {}\n", path.display()),
    );
    h
}

#[test]
fn endless_credential_process_output_is_cut_and_the_child_killed() {
    for (script, needle) in [
        ("exec yes", "stopped: its output is more than 1 MiB"),
        // Through a grandchild that keeps the pipe: still ends.
        ("yes; true", "stopped: its output is more than 1 MiB"),
        (
            "yes >&2",
            "stopped: what it printed on stderr is more than 64 KiB",
        ),
        (
            "while :; do echo warning >&2; done",
            "stopped: what it printed on stderr",
        ),
    ] {
        let h = process_home("endless", script);
        let started = Instant::now();
        let r = run(
            &h,
            &[("AWS_REGION", "us-east-1")],
            &["token", "--profile", "p"],
            None,
        );
        let took = started.elapsed();
        assert_eq!(r.code, 1, "{script}: {}", r.stderr);
        assert!(r.stderr.contains(needle), "{script}: {}", r.stderr);
        assert!(took < Duration::from_secs(10), "{script}: {took:?}");
    }
}

#[test]
fn a_childs_terminal_escapes_are_shown_escaped() {
    let h = process_home(
        "escapes",
        "printf 'MFA \\033]0;owned\\007\\033[2J\\r\\nretry \\342\\200\\256 later' >&2; exit 3",
    );
    let r = run(
        &h,
        &[("AWS_REGION", "us-east-1")],
        &["token", "--profile", "p"],
        None,
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "failed (exit status: 3): MFA \\u{1b}]0;owned\\u{7}\\u{1b}[2J\\r\\nretry \\u{202e} later"
        ),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains(['\u{1b}', '\u{7}', '\r', '\u{202e}']),
        "{:?}",
        r.stderr
    );
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
}

#[test]
fn endless_files_named_by_variables_fail_fast() {
    let h = home("dev-zero", None, None);
    let started = Instant::now();
    for var in ["AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE"] {
        let r = run(
            &h,
            &[("AWS_REGION", "us-east-1"), (var, "/dev/zero")],
            &["token"],
            None,
        );
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(
            r.stderr
                .contains("cannot read /dev/zero: a character device, not a regular file"),
            "{}",
            r.stderr
        );
    }
    // A huge regular file (sparse) is refused from its size.
    let huge = h.join("huge");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(20 * 1024 * 1024)
        .unwrap();
    let r = run(
        &h,
        &[
            ("AWS_REGION", "us-east-1"),
            ("AWS_CONFIG_FILE", huge.to_str().unwrap()),
        ],
        &["token"],
        None,
    );
    assert!(r.stderr.contains("huge: more than 16 MiB"), "{}", r.stderr);
    let env = [
        ("AWS_REGION", "us-east-1"),
        ("AWS_WEB_IDENTITY_TOKEN_FILE", "/dev/zero"),
        ("AWS_ROLE_ARN", "arn:aws:iam::1:role/CI"),
    ];
    let r = run(&h, &env, &["token"], None);
    assert!(
        r.stderr
            .contains("cannot read web identity token file /dev/zero: a character device"),
        "{}",
        r.stderr
    );
    let env = [
        ("AWS_REGION", "us-east-1"),
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9/x"),
        ("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "/dev/zero"),
    ];
    let r = run(&h, &env, &["token"], None);
    assert!(
        r.stderr.contains(
            "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE /dev/zero: a character device"
        ),
        "{}",
        r.stderr
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}

/// `token --cache -v` at the pinned clock.
fn cached(h: &Path, env: &[(&str, &str)], args: &[&str]) -> Run {
    let mut all = vec!["token", "--cache", "-v"];
    all.extend(args);
    let r = run(h, env, &all, None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r
}

#[test]
fn the_cache_follows_what_the_files_say() {
    let keys = |id: &str| {
        format!("[dev]\naws_access_key_id = {id}\naws_secret_access_key = mocksecret{id}\n")
    };
    let h = home("cache-key", Some(&keys("AKID_OLD")), None);
    let env = [("AWS_REGION", "us-east-1")];
    assert_eq!(
        cached(&h, &env, &["--profile", "dev"]).access_key_id(),
        "AKID_OLD"
    );
    let hit = cached(&h, &env, &["--profile", "dev"]);
    assert!(hit.stderr.contains("left"), "{}", hit.stderr);
    // New keys in the credentials file: the old identity's token is not served.
    write(&h, ".aws/credentials", &keys("AKID_NEW"));
    let r = cached(&h, &env, &["--profile", "dev"]);
    assert!(r.stderr.contains("none stored; minting"), "{}", r.stderr);
    assert_eq!(r.access_key_id(), "AKID_NEW");

    // Along a source_profile chain: the source's keys, and the role.
    let sts = mocks::serve(mocks::sts);
    let env = [
        ("AWS_REGION", "us-east-1"),
        ("AWS_ENDPOINT_URL_STS", sts.url.as_str()),
    ];
    let config = |role: &str| {
        format!("[profile top]\nrole_arn = arn:aws:iam::1:role/{role}\nsource_profile = dev\n")
    };
    write(&h, ".aws/config", &config("ONE"));
    let first = cached(&h, &env, &["--profile", "top"]);
    assert_eq!(first.access_key_id(), "ASIA_ONE_FROM_AKID_NEW");
    assert!(cached(&h, &env, &["--profile", "top"])
        .stderr
        .contains("left"));
    write(&h, ".aws/credentials", &keys("AKID_THIRD"));
    let r = cached(&h, &env, &["--profile", "top"]);
    assert_eq!(r.access_key_id(), "ASIA_ONE_FROM_AKID_THIRD");
    write(&h, ".aws/config", &config("TWO"));
    let r = cached(&h, &env, &["--profile", "top"]);
    assert_eq!(r.access_key_id(), "ASIA_TWO_FROM_AKID_THIRD");
    // Unchanged files: a hit again.
    assert!(cached(&h, &env, &["--profile", "top"])
        .stderr
        .contains("left"));
}

/// This test process's effective uid, from a file it makes.
fn my_uid(h: &Path) -> u32 {
    use std::os::unix::fs::MetadataExt as _;
    write(h, "uid-probe", "");
    std::fs::metadata(h.join("uid-probe")).unwrap().uid()
}

#[test]
fn cache_files_and_directory_of_another_user_are_not_trusted() {
    let h = home("cache-owner", None, None);
    if my_uid(&h) != 0 {
        eprintln!("skipped: only root can give a file to another user");
        return;
    }
    let env = [
        ("AWS_ACCESS_KEY_ID", common::KEY_ID),
        ("AWS_SECRET_ACCESS_KEY", common::SECRET),
        ("AWS_REGION", "us-east-1"),
    ];
    cached(&h, &env, &[]);
    let dir = h.join(".cache/sigv4-bearer");
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    // A file of another user is not served, and is replaced by this user's.
    std::os::unix::fs::chown(&file, Some(4242), Some(4242)).unwrap();
    let r = cached(&h, &env, &[]);
    assert!(
        r.stderr
            .contains("it belongs to uid 4242, not to this user; minting"),
        "{}",
        r.stderr
    );
    use std::os::unix::fs::MetadataExt as _;
    assert_eq!(std::fs::metadata(&file).unwrap().uid(), 0);
    assert!(cached(&h, &env, &[]).stderr.contains("left"));
    // A directory of another user turns the cache off.
    std::os::unix::fs::chown(&dir, Some(4242), Some(4242)).unwrap();
    let r = cached(&h, &env, &[]);
    assert!(
        r.stderr.contains(&format!(
            "token cache off: {} belongs to uid 4242, not to this user (uid 0)",
            dir.display()
        )),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("left"), "{}", r.stderr);
}

#[test]
fn a_relative_home_keeps_no_cache_under_the_working_directory() {
    let h = home("cache-relative", None, None);
    let env = [
        ("AWS_ACCESS_KEY_ID", common::KEY_ID),
        ("AWS_SECRET_ACCESS_KEY", common::SECRET),
        ("AWS_REGION", "us-east-1"),
        ("HOME", "relative-home"),
    ];
    let mut cmd = common::command(&h, &env, &["token", "--cache"]);
    cmd.current_dir(&h);
    let r = common::finish(cmd.output().unwrap());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "token cache off: HOME \"relative-home\" is not an absolute path (the cache would land under the working directory)"
        ),
        "{}",
        r.stderr
    );
    assert!(!h.join("relative-home").exists());
}

/// gdb stops the binary at `exit_group` and counts `needle` in its stack
/// (given in hex, so the variable itself, at the stack's top, is no hit).
const STACK_SCAN: &str = r#"
set pagination off
catch syscall exit_group
run
python
import os
inferior = gdb.selected_inferior()
needle = bytes.fromhex(os.environ["SCAN_NEEDLE_HEX"])
for line in gdb.execute("info proc mappings", to_string=True).splitlines():
    parts = line.split()
    if len(parts) >= 6 and parts[-1] == "[stack]":
        start, end = int(parts[0], 16), int(parts[1], 16)
        memory = bytes(inferior.read_memory(start, end - start))
        print("STACK", end - start)
        print("HITS", memory.count(needle))
end
kill
quit
"#;

#[test]
fn no_sts_session_token_is_left_on_the_stack_at_exit() {
    if std::process::Command::new("gdb")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: no gdb (.ci/run installs it)");
        return;
    }
    let sts = mocks::serve(mocks::sts);
    let config =
        "[profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = mocksecretbase\n\
                  [profile top]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = base\n";
    let h = home("stack-scan", None, Some(config));
    write(&h, "scan.gdb", STACK_SCAN);
    // The mock's session token for this role: `token` + the key id it returns.
    let needle = "tokenASIA_R_FROM_AKIDBASE";
    let out = std::process::Command::new("gdb")
        .args(["-q", "-batch", "-x"])
        .arg(h.join("scan.gdb"))
        .arg("--args")
        .arg(env!("CARGO_BIN_EXE_sigv4-bearer"))
        .args(["token", "--profile", "top"])
        .env_clear()
        .env("HOME", &h)
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("AWS_REGION", "us-east-1")
        .env("AWS_ENDPOINT_URL_STS", &sts.url)
        .env("SCAN_NEEDLE_HEX", hex::encode(needle))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(sts.requests().len(), 1, "the role was assumed: {text}");
    let stack = text.lines().find_map(|l| l.strip_prefix("STACK "));
    assert!(
        stack.is_some_and(|size| size.parse::<usize>().unwrap() > 0),
        "{text}"
    );
    assert_eq!(
        text.lines().find_map(|l| l.strip_prefix("HITS ")),
        Some("0"),
        "{text}"
    );
}

#[test]
fn a_symlink_swapped_in_while_reading_is_never_followed() {
    use std::sync::atomic::AtomicBool;
    use std::sync::Arc;
    let keys = "[dev]\naws_access_key_id = AKID_OWN\naws_secret_access_key = mocksecretown\n";
    let h = home("cache-swap", Some(keys), None);
    let env = [("AWS_REGION", "us-east-1")];
    let own = cached(&h, &env, &["--profile", "dev"]).stdout;
    let dir = h.join(".cache/sigv4-bearer");
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    // Another identity's token, good in every other way, behind a link.
    let planted = h.join("planted");
    let other = [
        ("AWS_ACCESS_KEY_ID", "AKID_PLANTED"),
        ("AWS_SECRET_ACCESS_KEY", "mocksecretplanted"),
        ("AWS_REGION", "us-east-1"),
    ];
    let planted_token = run(&h, &other, &["token"], None).stdout;
    std::fs::write(&planted, &planted_token).unwrap();
    std::fs::set_permissions(
        &planted,
        std::os::unix::fs::PermissionsExt::from_mode(0o600),
    )
    .unwrap();
    // Swap a link and the real file in, over and over, while the tool reads.
    let stop = Arc::new(AtomicBool::new(false));
    let swapper = {
        let (stop, dir, file, own) = (Arc::clone(&stop), dir.clone(), file.clone(), own.clone());
        std::thread::spawn(move || {
            let (link, real) = (dir.join(".link"), dir.join(".real"));
            while !stop.load(Ordering::Relaxed) {
                let _ = std::fs::remove_file(&link);
                std::os::unix::fs::symlink(&planted, &link).unwrap();
                std::fs::rename(&link, &file).unwrap();
                std::fs::write(&real, &own).unwrap();
                std::fs::set_permissions(
                    &real,
                    std::os::unix::fs::PermissionsExt::from_mode(0o600),
                )
                .unwrap();
                std::fs::rename(&real, &file).unwrap();
            }
        })
    };
    for _ in 0..200 {
        let r = run(&h, &env, &["token", "--cache", "--profile", "dev"], None);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_ne!(
            r.stdout, planted_token,
            "a planted token behind a link was served"
        );
    }
    stop.store(true, Ordering::Relaxed);
    swapper.join().unwrap();
}

/// Nothing on stderr or stdout that drives a terminal: no ESC, BEL, CR,
/// C1 control or bidi override.
fn assert_no_raw_controls(r: &Run) {
    for text in [&r.stdout, &r.stderr] {
        assert!(
            !text.contains(['\u{1b}', '\u{7}', '\r', '\u{9b}', '\u{202e}']),
            "{text:?}"
        );
    }
}

/// An instance metadata service whose role name carries terminal escapes
/// (the review's F1), then a `role_arn` in the config file (F7).
#[test]
fn text_from_replies_and_files_reaches_the_terminal_escaped() {
    const EVIL: &str = "r\u{1b}]0;pwned\u{7}\u{1b}[31mRED\u{202e}";
    let imds = mocks::serve(|request| {
        if request.method == "PUT" {
            return (200, "IMDSTOKEN".into());
        }
        match request.path() {
            "/latest/meta-data/iam/security-credentials/" => (200, EVIL.into()),
            _ => (404, String::new()),
        }
    });
    let h = home("escape-imds", None, None);
    let r = run(
        &h,
        &[
            ("AWS_REGION", "us-east-1"),
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url.as_str()),
        ],
        &["token", "-v"],
        None,
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("\\u{1b}]0;pwned\\u{7}"), "{}", r.stderr);
    assert_no_raw_controls(&r);
    // The role name is not put into a URL either.
    assert_eq!(imds.requests().len(), 2, "{:?}", imds.requests());

    let sts = mocks::serve(mocks::sts);
    let h = home(
        "escape-role-arn",
        Some("[src]\naws_access_key_id = AKID_SRC\naws_secret_access_key = mocksecrets\n"),
        Some(&format!(
            "[profile x]\nrole_arn = arn:aws:iam::1:{EVIL}/R\nsource_profile = src\n"
        )),
    );
    let r = run(
        &h,
        &[
            ("AWS_REGION", "us-east-1"),
            ("AWS_ENDPOINT_URL_STS", sts.url.as_str()),
        ],
        &["token", "-v", "--profile", "x"],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("role arn:aws:iam::1:r\\u{1b}]0;pwned"),
        "{}",
        r.stderr
    );
    assert_no_raw_controls(&r);
}

/// A token with the `X-Amz-Security-Token` of the URL inside it, if any.
fn session_token_of(token: &str) -> Option<String> {
    use base64::Engine as _;
    let body = token.trim_end().strip_prefix("bedrock-api-key-").unwrap();
    let url = base64::engine::general_purpose::STANDARD
        .decode(body)
        .unwrap();
    mocks::form_value(
        String::from_utf8(url).unwrap().split_once('?').unwrap().1,
        "X-Amz-Security-Token",
    )
}

/// The review's F5: the same key id and secret with another session token,
/// or none, is another identity for the cache.
#[test]
fn the_cache_follows_the_session_token() {
    let h = home("cache-session", None, None);
    let with = |token: Option<&'static str>| {
        let mut env = vec![
            ("AWS_REGION", "us-east-1"),
            ("AWS_ACCESS_KEY_ID", common::KEY_ID),
            ("AWS_SECRET_ACCESS_KEY", common::SECRET),
        ];
        if let Some(token) = token {
            env.push(("AWS_SESSION_TOKEN", token));
        }
        cached(&h, &env, &[])
    };
    let first = with(Some("SESSIONOLD"));
    assert_eq!(
        session_token_of(&first.stdout).as_deref(),
        Some("SESSIONOLD")
    );
    assert!(with(Some("SESSIONOLD")).stderr.contains("left"));
    for (token, expected) in [(Some("SESSIONNEW"), Some("SESSIONNEW")), (None, None)] {
        let r = with(token);
        assert!(r.stderr.contains("minting"), "{}", r.stderr);
        assert_eq!(session_token_of(&r.stdout).as_deref(), expected);
    }
    // Nothing of the session token is in the cache's file names.
    let dir = h.join(".cache/sigv4-bearer");
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(!name.contains("SESSION"), "{name}");
    }
}

/// The review's F6: untrusted text is cut, with its length said; values of
/// a credentials document are not quoted at all.
#[test]
fn untrusted_text_is_cut_to_a_sane_length() {
    let h = home("long-text", None, None);
    let region = "a".repeat(100_000);
    let r = run(&h, &[], &["token", "--region", &region], None);
    assert_one_line_usage(&r, "…(100000 bytes)");
    assert!(r.stderr.len() < 400, "{} bytes", r.stderr.len());

    let expiration = format!("2099-{}", "9".repeat(900_000));
    let h = process_home(
        "long-expiration",
        &format!(
            "printf '{{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"mocksecretp\", \"Expiration\": \"{expiration}\"}}'"
        ),
    );
    let r = run(
        &h,
        &[("AWS_REGION", "us-east-1")],
        &["token", "--profile", "p"],
        None,
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("Expiration is not an ISO 8601 time (900005 bytes, not shown"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.len() < 400, "{} bytes", r.stderr.len());

    let message = "m".repeat(5_000);
    let sts = mocks::serve(move |_| {
        (
            403,
            format!("<ErrorResponse><Error><Code>AccessDenied</Code><Message>{message}</Message></Error></ErrorResponse>"),
        )
    });
    let r = assume_role_against(&sts.url, "long-sts-message");
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("…(5000 bytes)"), "{}", r.stderr);
    assert!(r.stderr.len() < 1000, "{} bytes", r.stderr.len());
}

/// The review's F3: authorities the HTTP client would mend (a port out of
/// range, text after an IPv6 literal's `]`) are refused, in every variable
/// that names an endpoint.
#[test]
fn malformed_authorities_are_refused_before_any_connection() {
    let (address, connections) = mocks::connection_counter();
    let port = address.rsplit(':').next().unwrap();
    let h = home("authority", None, None);
    write(&h, "token.jwt", "eyJWEB\n");
    let token_file = h.join("token.jwt");
    for (url, why) in [
        (
            "http://127.0.0.1:99999/".to_owned(),
            "has a port that is not a number from 1 to 65535",
        ),
        (
            format!("http://127.0.0.1:{port}x/"),
            "has a port that is not a number",
        ),
        (
            format!("http://[::1]:{port}x/"),
            "has a port that is not a number",
        ),
        (
            format!("http://[::1]localhost:{port}/"),
            "has text after its host's ] that is not :port",
        ),
        (
            "http://[fd00:ec2::23]x/".to_owned(),
            "has text after its host's ] that is not :port",
        ),
        (
            format!("http://127.0.0.1:0{port}0/"),
            "has a port that is not a number",
        ),
    ] {
        let r = run(
            &h,
            &[
                ("AWS_REGION", "us-east-1"),
                ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &url),
            ],
            &["token"],
            None,
        );
        assert_eq!(r.code, 1, "{url}: {}", r.stderr);
        assert!(r.stderr.contains(why), "{url}: {}", r.stderr);
        let r = run(
            &h,
            &[
                ("AWS_REGION", "us-east-1"),
                ("AWS_ENDPOINT_URL_STS", &url),
                ("AWS_WEB_IDENTITY_TOKEN_FILE", token_file.to_str().unwrap()),
                ("AWS_ROLE_ARN", "arn:aws:iam::1:role/CI"),
            ],
            &["token"],
            None,
        );
        assert_eq!(r.code, 1, "{url}: {}", r.stderr);
        assert!(r.stderr.contains(why), "{url}: {}", r.stderr);
    }
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(connections.load(Ordering::SeqCst), 0);
}

/// [`run`] with stdin closed, killed (and `None`) if it has not ended
/// within `limit`: a test of a hang must not hang.
fn run_within(h: &Path, env: &[(&str, &str)], args: &[&str], limit: Duration) -> Option<Run> {
    let mut child = common::command(h, env, args).spawn().unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    Some(common::finish(child.wait_with_output().unwrap()))
}

/// The pid a script wrote to `h/pid`.
fn pid_in(h: &Path) -> String {
    std::fs::read_to_string(h.join("pid"))
        .unwrap()
        .trim()
        .to_owned()
}

/// The review's F2: a `credential_process` that never ends is killed at
/// its deadline (cut short here by the tests' own variable) with a clear
/// error.
#[test]
fn a_credential_process_that_never_ends_is_killed_at_its_deadline() {
    let h = process_home("never-ends", "echo $$ > \"$HOME/pid\"; exec sleep 30");
    let started = Instant::now();
    let r = run_within(
        &h,
        &[
            ("AWS_REGION", "us-east-1"),
            ("SIGV4_BEARER_TEST_PROCESS_DEADLINE_MS", "500"),
        ],
        &["token", "--profile", "p"],
        Duration::from_secs(10),
    )
    .expect("the tool hung on a credential_process that never ends");
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("credential_process of profile \"p\": did not finish within 0.5 s: killed"),
        "{}",
        r.stderr
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    // Killed and reaped: gone.
    let pid = pid_in(&h);
    assert!(
        !Path::new(&format!("/proc/{pid}")).exists(),
        "{pid} still runs"
    );
}

/// The review's F2: a `credential_process` that answers and exits, leaving
/// a background process holding its stdout and stderr, is not waited on
/// past a short grace.
#[test]
fn a_background_child_holding_the_pipes_does_not_block() {
    let h = process_home(
        "grandchild",
        "sleep 30 &\necho $! > \"$HOME/pid\"\n\
         printf '{\"Version\": 1, \"AccessKeyId\": \"AKID_PROC\", \"SecretAccessKey\": \"mocksecretp\"}'",
    );
    let started = Instant::now();
    let r = run_within(
        &h,
        &[("AWS_REGION", "us-east-1")],
        &["token", "--profile", "p"],
        Duration::from_secs(10),
    );
    // By its id, with the shell's own kill (no procps needed).
    let _ = std::process::Command::new("sh")
        .args(["-c", &format!("kill {}", pid_in(&h))])
        .status();
    let r = r.expect("the tool waited for a background child's pipes");
    assert_eq!(r.access_key_id(), "AKID_PROC");
    assert!(started.elapsed() < Duration::from_secs(5));
}

/// The review's F2: a FIFO named as a shared file, a token file or the SSO
/// cache is refused at once, not waited on; `/dev/null` stays an empty file.
#[test]
fn fifos_are_refused_at_once_and_dev_null_is_empty() {
    let h = home(
        "fifo",
        None,
        Some("[profile sso]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = R\n"),
    );
    let fifo = h.join("fifo");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let fifo = fifo.to_str().unwrap();
    let cases = [
        vec![("AWS_SHARED_CREDENTIALS_FILE", fifo)],
        vec![("AWS_CONFIG_FILE", fifo)],
        vec![
            ("AWS_WEB_IDENTITY_TOKEN_FILE", fifo),
            ("AWS_ROLE_ARN", "arn:aws:iam::1:role/CI"),
        ],
    ];
    let needle = format!("{fifo}: a FIFO, not a regular file");
    for mut env in cases {
        env.push(("AWS_REGION", "us-east-1"));
        let r = run_within(&h, &env, &["token"], Duration::from_secs(10))
            .unwrap_or_else(|| panic!("hung on a FIFO: {env:?}"));
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(r.stderr.contains(&needle), "{env:?}: {}", r.stderr);
    }
    // The SSO cache file.
    use sha1::{Digest as _, Sha1};
    let cached = h.join(format!(
        ".aws/sso/cache/{}.json",
        hex::encode(Sha1::digest(b"https://x.awsapps.com/start"))
    ));
    std::fs::create_dir_all(cached.parent().unwrap()).unwrap();
    assert!(std::process::Command::new("mkfifo")
        .arg(&cached)
        .status()
        .unwrap()
        .success());
    let r = run_within(
        &h,
        &[("AWS_REGION", "us-east-1")],
        &["token", "--profile", "sso"],
        Duration::from_secs(10),
    )
    .expect("hung on a FIFO as the SSO cache");
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("a FIFO, not a regular file"),
        "{}",
        r.stderr
    );

    // /dev/null as the credentials file: no keys there, the environment's used.
    let r = run(
        &h,
        &[
            ("AWS_REGION", "us-east-1"),
            ("AWS_SHARED_CREDENTIALS_FILE", "/dev/null"),
            ("AWS_CONFIG_FILE", "/dev/null"),
            ("AWS_ACCESS_KEY_ID", common::KEY_ID),
            ("AWS_SECRET_ACCESS_KEY", common::SECRET),
        ],
        &["token"],
        None,
    );
    assert_eq!(r.access_key_id(), common::KEY_ID);
}

/// The review's F8: replies over the 1 MiB cap are said to be too large (an
/// instance metadata role list, an STS answer), not "output too small" or
/// "not XML".
#[test]
fn replies_over_the_cap_are_called_too_large() {
    let imds = mocks::serve(|request| {
        if request.method == "PUT" {
            return (200, "IMDSTOKEN".into());
        }
        (200, "r".repeat(2 * 1024 * 1024))
    });
    let h = home("huge-imds", None, None);
    let r = run(
        &h,
        &[
            ("AWS_REGION", "us-east-1"),
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url.as_str()),
        ],
        &["token"],
        None,
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("the reply is more than 1 MiB"),
        "{}",
        r.stderr
    );

    let sts = mocks::serve(|_| (200, format!("<a>{}</a>", "x".repeat(2 * 1024 * 1024))));
    let r = assume_role_against(&sts.url, "huge-sts");
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("the reply is more than 1 MiB"),
        "{}",
        r.stderr
    );
}

/// The review's F8: without HOME the files are named once each; a negative
/// duration is a duration error; a region variable that is not UTF-8 is an
/// error naming it.
#[test]
fn small_messages_say_what_is_wrong() {
    let h = home("no-home", None, None);
    let mut cmd = common::command(
        &h,
        &[
            ("AWS_REGION", "us-east-1"),
            ("AWS_EC2_METADATA_DISABLED", "true"),
        ],
        &["token"],
    );
    cmd.env_remove("HOME");
    let r = common::finish(cmd.output().unwrap());
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("in ~/.aws/credentials or ~/.aws/config (HOME is not set);"),
        "{}",
        r.stderr
    );
    assert_eq!(
        r.stderr.matches("HOME is not set").count(),
        1,
        "{}",
        r.stderr
    );

    for flag in ["--expires-in", "--refresh-margin"] {
        let r = run(
            &h,
            &[("AWS_REGION", "us-east-1")],
            &["token", flag, "-1"],
            None,
        );
        assert_one_line_usage(&r, "bad duration \"-1\"");
    }

    use std::os::unix::ffi::OsStrExt as _;
    for var in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
        let mut cmd = common::command(&h, &[], &["token"]);
        cmd.env(var, std::ffi::OsStr::from_bytes(b"us-east-1\xff"));
        let r = common::finish(cmd.output().unwrap());
        assert_one_line_usage(&r, &format!("{var} is not UTF-8 text"));
    }
}
