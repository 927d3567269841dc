//! Keys in the environment: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
//! `AWS_SESSION_TOKEN` (or the older `AWS_SECURITY_TOKEN`) and
//! `AWS_CREDENTIAL_EXPIRATION`.

use super::Resolved;
use crate::env::Env;
use crate::secret::Keys;

/// `None` when neither key is set; a half-set pair is an error.
pub fn load(env: &Env) -> Result<Option<Resolved>, String> {
    let (access_key_id, secret_access_key) = match (
        env.get("AWS_ACCESS_KEY_ID"),
        env.secret("AWS_SECRET_ACCESS_KEY"),
    ) {
        (Some(id), Some(secret)) => (id, secret),
        (None, None) => return Ok(None),
        (Some(_), None) => {
            return Err("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not".into())
        }
        (None, Some(_)) => {
            return Err("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not".into())
        }
    };
    let expiration = match env.get("AWS_CREDENTIAL_EXPIRATION") {
        Some(text) => Some(text.parse().map_err(|_| {
            format!(
                "AWS_CREDENTIAL_EXPIRATION is not an ISO 8601 time: {}",
                crate::untrusted::quoted(&text)
            )
        })?),
        None => None,
    };
    Ok(Some(Resolved {
        keys: Keys {
            access_key_id,
            secret_access_key,
            session_token: env
                .secret("AWS_SESSION_TOKEN")
                .or_else(|| env.secret("AWS_SECURITY_TOKEN")),
            expiration,
        },
        source: "environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)".into(),
    }))
}
