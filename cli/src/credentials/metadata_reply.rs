//! The credentials JSON that the container endpoint and EC2 instance
//! metadata both answer with.

use serde::Deserialize;

use crate::secret::{Keys, Secret};

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Reply {
    code: Option<String>,
    access_key_id: Option<String>,
    secret_access_key: Option<Secret>,
    token: Option<Secret>,
    expiration: Option<String>,
}

/// The keys in `body`, from `what` (for messages, which never quote the body).
pub fn parse(body: &Secret, what: &str) -> Result<Keys, String> {
    let reply: Reply = serde_json::from_str(body.expose()).map_err(|e| {
        format!(
            "{what}: the reply is not credentials JSON ({:?} error)",
            e.classify()
        )
    })?;
    if let Some(code) = reply.code.filter(|c| c != "Success") {
        return Err(format!("{what}: the reply's Code is {code:?}"));
    }
    let missing = |key| format!("{what}: the reply has no {key}");
    let expiration = match reply.expiration {
        Some(text) => Some(
            text.parse()
                .map_err(|_| format!("{what}: Expiration is not an ISO 8601 time: {text:?}"))?,
        ),
        None => None,
    };
    Ok(Keys {
        access_key_id: reply
            .access_key_id
            .filter(|v| !v.is_empty())
            .ok_or_else(|| missing("AccessKeyId"))?,
        secret_access_key: reply
            .secret_access_key
            .filter(|v| !v.expose().is_empty())
            .ok_or_else(|| missing("SecretAccessKey"))?,
        session_token: reply.token.filter(|v| !v.expose().is_empty()),
        expiration,
    })
}
