//! What the CLI's tests share: a temporary HOME, running the binary in a
//! clean environment, and local mock endpoints.
#![allow(dead_code)]

pub mod mocks;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

pub const NOW: i64 = 1_735_787_045; // 2025-01-02T03:04:05Z
pub const KEY_ID: &str = "AKIDEXAMPLE";
pub const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The token printed on stdout, inspected.
    pub fn access_key_id(&self) -> String {
        assert_eq!(self.code, 0, "stderr: {}", self.stderr);
        sigv4_bearer::inspect(self.stdout.trim_end())
            .unwrap()
            .access_key_id()
            .to_owned()
    }
}

/// A fresh, empty temporary directory to be a HOME.
pub fn temp_home(name: &str) -> PathBuf {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let n = COUNT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!(
        "sigv4-bearer-cli-{}-{n}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join(".aws")).unwrap();
    dir
}

/// A temporary HOME with optional `~/.aws/credentials` and `~/.aws/config`.
pub fn home(name: &str, credentials: Option<&str>, config: Option<&str>) -> PathBuf {
    let dir = temp_home(name);
    if let Some(text) = credentials {
        write(&dir, ".aws/credentials", text);
    }
    if let Some(text) = config {
        write(&dir, ".aws/config", text);
    }
    dir
}

/// Writes `text` to `home/relative`, making the folders.
pub fn write(home: &Path, relative: &str, text: &str) {
    let path = home.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The binary with only HOME, the pinned clock and `env`; stdin from `stdin`.
pub fn run(home: &Path, env: &[(&str, &str)], args: &[&str], stdin: Option<&str>) -> Run {
    let mut cmd = command(home, env, args);
    cmd.stdin(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    if let Some(text) = stdin {
        use std::io::Write as _;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    finish(child.wait_with_output().unwrap())
}

/// The command `run` starts, to start several at once.
pub fn command(home: &Path, env: &[(&str, &str)], args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sigv4-bearer"));
    cmd.env_clear()
        .env("HOME", home)
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("SIGV4_BEARER_NOW", NOW.to_string())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

/// Exit code and output; no secret of these tests is ever printed.
pub fn finish(out: std::process::Output) -> Run {
    let run = Run {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    };
    for secret in [SECRET, mocks::SECRET_PREFIX] {
        assert!(
            !run.stdout.contains(secret) && !run.stderr.contains(secret),
            "secret printed: {}{}",
            run.stdout,
            run.stderr
        );
    }
    run
}
