//! Static keys of a profile: `aws_access_key_id`, `aws_secret_access_key`
//! and `aws_session_token` (or `aws_security_token`), read from one file.

use super::Resolved;
use crate::aws_files::Section;
use crate::secret::{Keys, Secret};

/// The keys of `section` (profile `profile` in `file`); `None` without an access key id.
pub fn load(
    section: Option<&Section>,
    profile: &str,
    file: &str,
) -> Result<Option<Resolved>, String> {
    let Some(section) = section else {
        return Ok(None);
    };
    let Some(access_key_id) = section.get("aws_access_key_id") else {
        return Ok(None);
    };
    let secret_access_key = section
        .get("aws_secret_access_key")
        .ok_or_else(|| format!("profile {profile:?} has no aws_secret_access_key in {file}"))?;
    let session_token = section
        .get("aws_session_token")
        .or_else(|| section.get("aws_security_token"));
    Ok(Some(Resolved {
        keys: Keys {
            access_key_id: access_key_id.to_owned(),
            secret_access_key: Secret::from(secret_access_key.to_owned()),
            session_token: session_token.map(|t| Secret::from(t.to_owned())),
            expiration: None,
        },
        source: format!("static keys of profile {profile:?} in {file}"),
    }))
}
