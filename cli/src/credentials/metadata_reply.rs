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
        return Err(format!(
            "{what}: the reply's Code is {}",
            crate::untrusted::quoted(&code)
        ));
    }
    Keys::from_reply(
        reply.access_key_id,
        reply.secret_access_key,
        reply.token,
        reply.expiration,
    )
    .map_err(|why| format!("{what}: {why}"))
}
