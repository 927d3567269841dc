//! The one clock of minting and of the token cache; tests pin it with
//! `SIGV4_BEARER_NOW` (Unix seconds).

use sigv4_bearer::Timestamp;

use crate::env::Env;

pub fn now(env: &Env) -> Result<Timestamp, String> {
    match env.get("SIGV4_BEARER_NOW") {
        Some(secs) => secs
            .parse()
            .map(Timestamp::from_unix_secs)
            .map_err(|_| "SIGV4_BEARER_NOW must be Unix seconds".into()),
        None => Ok(Timestamp::now()),
    }
}
