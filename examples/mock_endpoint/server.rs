//! A tiny HTTP/1.1 endpoint that accepts `Authorization: Bearer <token>` and
//! answers 200 or 403 using `sigv4_bearer::verify`: a stand-in for Bedrock
//! when testing a client without AWS. Loopback only, one request per
//! connection, no keep-alive.

use core::time::Duration;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};

use sigv4_bearer::{verify, Timestamp};

/// What the endpoint accepts.
pub struct Config {
    /// The secret access key tokens must be signed with.
    pub secret_access_key: String,
    /// The only region whose tokens are accepted.
    pub region: String,
    /// How far in the future a token's signing time may be.
    pub skew: Duration,
}

/// Serves `listener` until `max_connections` have been answered (forever with `None`).
pub fn serve(
    listener: &TcpListener,
    config: &Config,
    max_connections: Option<usize>,
) -> io::Result<()> {
    for stream in listener
        .incoming()
        .take(max_connections.unwrap_or(usize::MAX))
    {
        answer(stream?, config)?;
    }
    Ok(())
}

/// The status and body for a request with this `Authorization` header.
pub fn decide(authorization: Option<&str>, config: &Config, now: Timestamp) -> (u16, String) {
    let Some(token) = authorization.and_then(|value| value.strip_prefix("Bearer ")) else {
        return (401, "missing Authorization: Bearer <token>".into());
    };
    match verify(token.trim(), &config.secret_access_key, now, config.skew) {
        Ok(info) if info.region() != config.region => (
            403,
            format!(
                "token is for {}, this endpoint is {}",
                info.region(),
                config.region
            ),
        ),
        Ok(info) => (
            200,
            format!(
                "ok: {} token, {} s left",
                info.signing_name(),
                info.remaining(now).as_secs()
            ),
        ),
        Err(err) => (403, format!("Authentication failed: {err}")),
    }
}

fn answer(stream: TcpStream, config: &Config) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut authorization = None;
    let mut line = String::new();
    // Request line, then headers up to the blank line; bounded in size.
    for _ in 0..100 {
        line.clear();
        if reader.by_ref().take(64 * 1024).read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("authorization") {
                authorization = Some(value.trim().to_owned());
            }
        }
    }
    let (status, body) = decide(authorization.as_deref(), config, Timestamp::now());
    let reason = match status {
        200 => "OK",
        401 => "Unauthorized",
        _ => "Forbidden",
    };
    let mut stream = stream;
    write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\ncontent-type: text/plain\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}\n",
        body.len() + 1
    )?;
    stream.flush()
}
