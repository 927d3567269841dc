//! `credential_process`: a command, split into words as a POSIX shell
//! would and run without one, that prints credentials as JSON (Version 1).

use core::time::Duration;
use std::io::Read;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Instant;

use serde::Deserialize;

use super::Resolved;
use crate::aws_files::Profile;
use zeroize::Zeroizing;

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

/// How long a `credential_process` may run: generous, for helpers that ask
/// for an MFA code or wait for a sign-in in a browser, yet an unattended key
/// helper that hangs is reported (and killed) within minutes.
pub const DEADLINE: Duration = Duration::from_secs(300);
/// After it exits, how long output pipes that a process it left behind
/// still holds open are read before what came is used.
const GRACE: Duration = Duration::from_secs(1);
/// For this tool's tests only (so a test need not wait five minutes): the
/// deadline in milliseconds. Not for users.
const TEST_DEADLINE_VAR: &str = "SIGV4_BEARER_TEST_PROCESS_DEADLINE_MS";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Pipe {
    Stdout,
    Stderr,
}

/// What a reader thread saw on one pipe.
enum Event {
    Bytes(Pipe, Zeroizing<Vec<u8>>),
    End(Pipe, std::io::Result<()>),
}

/// Sends what `pipe` gives, chunk by chunk, then its end, to `to`.
fn pump(mut pipe: impl Read + Send + 'static, which: Pipe, to: Sender<Event>) {
    std::thread::spawn(move || {
        let mut chunk = Zeroizing::new([0u8; 8192]);
        loop {
            let event = match pipe.read(&mut chunk[..]) {
                Ok(0) => Event::End(which, Ok(())),
                Ok(n) => Event::Bytes(which, Zeroizing::new(chunk[..n].to_vec())),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => Event::End(which, Err(e)),
            };
            let last = matches!(event, Event::End(..));
            if to.send(event).is_err() || last {
                return;
            }
        }
    });
}

/// The deadline: [`DEADLINE`], or the tests' own.
fn deadline() -> Duration {
    std::env::var(TEST_DEADLINE_VAR)
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(DEADLINE, Duration::from_millis)
}

/// Runs `program` and reads both its outputs, each up to its cap, until it
/// exits and both pipes close (or [`GRACE`] after it exits, when something
/// it left running holds them); past a cap or the deadline it is killed.
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
    let (to, events) = mpsc::channel();
    pump(stdout, Pipe::Stdout, to.clone());
    pump(stderr, Pipe::Stderr, to);
    let limit = deadline();
    let started = Instant::now();
    let mut out = Zeroizing::new(Vec::new());
    let mut err = Zeroizing::new(Vec::new());
    let mut open = [true, true];
    let mut exited: Option<(ExitStatus, Instant)> = None;
    let mut nap = Duration::from_millis(1);
    let stop = |child: &mut Child, why: String| {
        let _ = child.kill();
        let _ = child.wait();
        Err(why)
    };
    loop {
        if exited.is_none() {
            match child.try_wait() {
                Ok(Some(status)) => exited = Some((status, Instant::now())),
                Ok(None) => {}
                Err(e) => return stop(&mut child, format!("cannot wait for it: {e}")),
            }
        }
        match exited {
            Some(_) if open == [false, false] => break,
            Some((_, at)) if at.elapsed() >= GRACE => break,
            None if started.elapsed() >= limit => {
                return stop(
                    &mut child,
                    format!("did not finish within {} s: killed", limit.as_secs_f32()),
                )
            }
            _ => {}
        }
        match events.recv_timeout(Duration::from_millis(20)) {
            Ok(Event::Bytes(Pipe::Stdout, bytes)) => {
                if let Err(e) = bounded::append(&mut out, &bytes, bounded::TOKEN) {
                    return stop(&mut child, format!("stopped: its output is {e}"));
                }
            }
            Ok(Event::Bytes(Pipe::Stderr, bytes)) => {
                if let Err(e) = bounded::append(&mut err, &bytes, MAX_STDERR) {
                    return stop(
                        &mut child,
                        format!("stopped: what it printed on stderr is {e}"),
                    );
                }
            }
            Ok(Event::End(pipe, ended)) => {
                open[pipe as usize] = false;
                if let Err(e) = ended {
                    let what = if pipe == Pipe::Stdout {
                        "output"
                    } else {
                        "stderr"
                    };
                    return stop(&mut child, format!("cannot read its {what}: {e}"));
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            // Both pipes closed: it is exiting; look again soon.
            Err(RecvTimeoutError::Disconnected) => {
                std::thread::sleep(nap);
                nap = (nap * 2).min(Duration::from_millis(20));
            }
        }
    }
    let Some((status, _)) = exited else {
        return Err("lost track of it".into());
    };
    let stdout = String::from_utf8(core::mem::take(&mut *out))
        .map_err(|e| drop(Zeroizing::new(e.into_bytes())))
        .ok()
        .map(Secret::from);
    Ok(Finished {
        status,
        stdout,
        stderr: untrusted::excerpt(String::from_utf8_lossy(&err).trim()),
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
