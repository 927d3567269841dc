//! `credential_process`: a command, split into words as a POSIX shell
//! would and run without one, that prints credentials as JSON (Version 1).

use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};

use serde::Deserialize;

use super::Resolved;
use crate::aws_files::Profile;
use crate::bounded;
use crate::secret::{Keys, Secret};
use crate::untrusted;

/// Error messages are short; more on stderr is not one.
const MAX_STDERR: u64 = 64 * 1024;

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Output {
    version: Option<serde_json::Value>,
    access_key_id: Option<String>,
    secret_access_key: Option<Secret>,
    session_token: Option<Secret>,
    expiration: Option<String>,
}

/// Runs the profile's `credential_process`; `None` if it has none.
pub fn load(profile: &Profile<'_>) -> Result<Option<Resolved>, String> {
    let Some(command) = profile.get("credential_process") else {
        return Ok(None);
    };
    let name = profile.name;
    let words = shlex::split(command)
        .filter(|w| !w.is_empty())
        .ok_or_else(|| format!("credential_process of profile {name:?} has unbalanced quotes"))?;
    let (program, args) = words
        .split_first()
        .ok_or_else(|| format!("credential_process of profile {name:?} is empty"))?;
    let who = format!("credential_process of profile {name:?}");
    let done = run(program, args).map_err(|why| format!("{who}: {why}"))?;
    let Some(stdout) = done.stdout else {
        return Err(format!("{who} printed bytes that are not UTF-8"));
    };
    if !done.status.success() {
        return Err(format!("{who} failed ({}): {}", done.status, done.stderr));
    }
    let keys = parse(stdout.expose())
        .map_err(|why| format!("credential_process of profile {name:?}: {why}"))?;
    Ok(Some(Resolved {
        keys,
        source: format!("credential_process of profile {name:?}"),
    }))
}

/// How the child ended.
struct Finished {
    status: ExitStatus,
    /// `None` if not UTF-8.
    stdout: Option<Secret>,
    /// Trimmed, escaped: safe to print.
    stderr: String,
}

/// Runs `program` and reads both its outputs, each up to its cap; past a
/// cap the child is killed.
fn run(program: &str, args: &[String]) -> Result<Finished, String> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::inherit())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", untrusted::quoted(program)))?;
    let (Some(stdout), Some(stderr)) = (child.stdout.take(), child.stderr.take()) else {
        return Err("no pipes to read".into());
    };
    let child = Arc::new(Mutex::new(child));
    let kill = |child: &Mutex<Child>| {
        if let Ok(mut child) = child.lock() {
            let _ = child.kill();
            let _ = child.wait();
        }
    };
    let stderr_reader = {
        let child = Arc::clone(&child);
        std::thread::spawn(move || {
            let read = bounded::read_bytes(stderr, 0, MAX_STDERR);
            if read.is_err() {
                kill(&child);
            }
            read
        })
    };
    let stdout = match bounded::read_text(stdout, 0, bounded::TOKEN) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::InvalidData => None,
        Err(e) => {
            // Not joined: a grandchild may hold stderr open.
            kill(&child);
            return Err(if bounded::is_too_large(&e) {
                format!("stopped: its output is {e}")
            } else {
                format!("cannot read its output: {e}")
            });
        }
    };
    let stderr = match stderr_reader.join() {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(e)) if bounded::is_too_large(&e) => {
            return Err(format!("stopped: what it printed on stderr is {e}"))
        }
        Ok(Err(e)) => return Err(format!("cannot read its stderr: {e}")),
        Err(_) => return Err("cannot read its stderr".into()),
    };
    let status = child
        .lock()
        .map_err(|_| "lost track of it".to_owned())?
        .wait()
        .map_err(|e| format!("cannot wait for it: {e}"))?;
    Ok(Finished {
        status,
        stdout,
        stderr: untrusted::excerpt(String::from_utf8_lossy(&stderr).trim()),
    })
}

/// Version 1 JSON; errors never quote the output (it holds secrets).
fn parse(stdout: &str) -> Result<Keys, String> {
    let output: Output = serde_json::from_str(stdout).map_err(|e| {
        format!(
            "malformed JSON ({:?} error at line {}, column {})",
            e.classify(),
            e.line(),
            e.column()
        )
    })?;
    match output.version {
        Some(serde_json::Value::Number(n)) if n.as_u64() == Some(1) => {}
        Some(serde_json::Value::Number(n)) => {
            return Err(format!("unsupported Version {n}: only 1 is"))
        }
        Some(other) => {
            return Err(format!(
                "Version is not the number 1 but {} (not shown: the output holds secrets)",
                json_kind(&other)
            ))
        }
        None => return Err("no Version".into()),
    }
    Keys::from_reply(
        output.access_key_id,
        output.secret_access_key,
        output.session_token,
        output.expiration,
    )
}

/// What a JSON value is, without its content.
fn json_kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sigv4_bearer::Timestamp;

    #[test]
    fn reads_version_1_and_refuses_the_rest() {
        let keys = parse(
            r#"{"Version": 1, "AccessKeyId": "AKIDP", "SecretAccessKey": "s",
                "SessionToken": "t", "Expiration": "2025-01-02T04:04:05+00:00"}"#,
        )
        .unwrap();
        assert_eq!(keys.access_key_id, "AKIDP");
        assert_eq!(
            keys.expiration,
            Some(Timestamp::from_unix_secs(1_735_790_645))
        );
        for (json, why) in [
            (
                r#"{"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "s"}"#,
                "unsupported Version 2",
            ),
            (
                r#"{"AccessKeyId": "A", "SecretAccessKey": "s"}"#,
                "no Version",
            ),
            (
                r#"{"Version": 1, "SecretAccessKey": "s"}"#,
                "no AccessKeyId",
            ),
            (
                r#"{"Version": 1, "AccessKeyId": "A"}"#,
                "no SecretAccessKey",
            ),
            (
                r#"{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "s", "Expiration": "soon"}"#,
                "Expiration",
            ),
            (
                r#"{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "hunter2""#,
                "malformed JSON",
            ),
        ] {
            let err = parse(json).unwrap_err();
            assert!(err.contains(why), "{json}: {err}");
            assert!(!err.contains("hunter2"), "{err}");
        }
    }
}
