//! HTTP for the credential sources: one blocking client (ureq with rustls),
//! built only when a source needs the network, every call bounded by its
//! source's timeout.

use core::time::Duration;
use std::io::Read as _;

use ureq::http::Uri;

use crate::secret::Secret;

/// Credential replies are a few KB; more is not read.
const MAX_BODY: usize = 1024 * 1024;

/// A reply of any status; its body may hold credentials.
pub struct Reply {
    pub status: u16,
    pub body: Secret,
}

impl Reply {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// A client whose every call (connect, send, read) ends within `timeout`.
pub struct Client {
    agent: ureq::Agent,
    timeout: Duration,
}

impl Client {
    pub fn new(timeout: Duration) -> Self {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(concat!("sigv4-bearer/", env!("CARGO_PKG_VERSION")))
            .build()
            .new_agent();
        Client { agent, timeout }
    }

    pub fn get(&self, url: &str, headers: &[(&str, &str)]) -> Result<Reply, String> {
        let mut request = self.agent.get(url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.finish(url, request.call())
    }

    pub fn put(&self, url: &str, headers: &[(&str, &str)]) -> Result<Reply, String> {
        let mut request = self.agent.put(url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.finish(url, request.send_empty())
    }

    pub fn post(&self, url: &str, headers: &[(&str, &str)], body: &[u8]) -> Result<Reply, String> {
        let mut request = self.agent.post(url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.finish(url, request.send(body))
    }

    fn finish(
        &self,
        url: &str,
        sent: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<Reply, String> {
        let url = crate::untrusted::excerpt(url);
        let failed = |err: ureq::Error| match err {
            ureq::Error::Timeout(_) => format!(
                "{url} did not answer within {} s",
                self.timeout.as_secs_f32()
            ),
            other => format!("{url}: {other}"),
        };
        let mut response = sent.map_err(failed)?;
        let status = response.status().as_u16();
        // Sized from Content-Length up front: a body that regrows leaves
        // copies of the credentials it carries behind.
        let length = response
            .headers()
            .get("content-length")
            .and_then(|v| v.to_str().ok()?.parse::<usize>().ok())
            .unwrap_or(16 * 1024);
        let mut body = Secret::with_capacity(length.min(MAX_BODY) + 2);
        // One byte more than the cap tells a reply cut short from one that fits.
        response
            .body_mut()
            .as_reader()
            .take(MAX_BODY as u64 + 1)
            .read_to_string(body.as_mut_string())
            .map_err(|e| format!("{url}: {e}"))?;
        if body.expose().len() > MAX_BODY {
            return Err(format!(
                "{url}: the reply is more than {} MiB, far more than credentials take",
                MAX_BODY / (1024 * 1024)
            ));
        }
        Ok(Reply { status, body })
    }
}

/// The host (with a port if the URL has one) and path of `url`, as signed.
pub fn host_and_path(url: &str) -> Result<(String, String), String> {
    let uri: Uri = url.parse().map_err(|_| format!("not a URL: {url:?}"))?;
    let host = uri
        .authority()
        .map(|a| a.as_str().to_owned())
        .ok_or_else(|| format!("URL has no host: {url:?}"))?;
    let path = match uri.path() {
        "" => "/".to_owned(),
        path => path.to_owned(),
    };
    Ok((host, path))
}

/// `application/x-www-form-urlencoded` with RFC 3986 escapes, as SigV4 clients send.
pub fn form_encode(pairs: &[(&str, &str)]) -> Secret {
    // Room for every byte escaped: the secret is never copied by a regrowth.
    let room = pairs.iter().map(|(k, v)| 3 * (k.len() + v.len()) + 2).sum();
    let mut body = String::with_capacity(room);
    for (at, (key, value)) in pairs.iter().enumerate() {
        if at > 0 {
            body.push('&');
        }
        escape_into(&mut body, key);
        body.push('=');
        escape_into(&mut body, value);
    }
    Secret::from(body)
}

/// `text` with every byte but RFC 3986's unreserved ones as `%XX`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(3 * text.len());
    escape_into(&mut out, text);
    out
}

fn escape_into(out: &mut String, text: &str) {
    use core::fmt::Write as _;
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_encoding_escapes_all_but_unreserved() {
        let body = form_encode(&[("RoleArn", "arn:aws:iam::1:role/a b"), ("X", "~_.-")]);
        assert_eq!(
            body.expose(),
            "RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fa%20b&X=~_.-"
        );
    }

    #[test]
    fn host_keeps_the_port_and_path_defaults_to_slash() {
        assert_eq!(
            host_and_path("http://127.0.0.1:8080").unwrap(),
            ("127.0.0.1:8080".to_owned(), "/".to_owned())
        );
        assert_eq!(
            host_and_path("https://sts.us-east-1.amazonaws.com/x").unwrap(),
            ("sts.us-east-1.amazonaws.com".to_owned(), "/x".to_owned())
        );
    }
}
