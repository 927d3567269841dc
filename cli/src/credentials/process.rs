//! `credential_process`: a command, split into words as a POSIX shell
//! would and run without one, that prints credentials as JSON (Version 1).

use std::process::{Command, Stdio};

use serde::Deserialize;

use super::Resolved;
use crate::aws_files::Profile;
use crate::secret::{Keys, Secret};

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
    let output = Command::new(program)
        .args(args)
        .stdin(Stdio::inherit())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| {
            format!("credential_process of profile {name:?}: cannot run {program:?}: {e}")
        })?;
    let stdout = Secret::from(String::from_utf8(output.stdout).map_err(|_| {
        format!("credential_process of profile {name:?} printed bytes that are not UTF-8")
    })?);
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(format!(
            "credential_process of profile {name:?} failed ({}): {}",
            output.status,
            stderr.trim()
        ));
    }
    let keys = parse(stdout.expose())
        .map_err(|why| format!("credential_process of profile {name:?}: {why}"))?;
    Ok(Some(Resolved {
        keys,
        source: format!("credential_process of profile {name:?}"),
    }))
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
        Some(other) => return Err(format!("unsupported Version {other}: only 1 is")),
        None => return Err("no Version".into()),
    }
    Keys::from_reply(
        output.access_key_id,
        output.secret_access_key,
        output.session_token,
        output.expiration,
    )
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
