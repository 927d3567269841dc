//! Every URL this tool calls is built from configuration (a region, an
//! override variable, a relative path), then parsed again and its host
//! checked, so text smuggled into a setting cannot move a request (and the
//! secret it carries) to another host.

use std::net::{IpAddr, Ipv6Addr};

use ureq::http::Uri;

use crate::env::Env;

/// A URL that passed its checks.
pub struct CheckedUrl {
    pub url: String,
    /// The host, without brackets or port.
    pub host: String,
    pub https: bool,
}

/// `url` parsed: http or https, a host, no user info, no fragment, no
/// whitespace or control character, an authority [`host_of`] accepts.
pub fn parse(what: &str, url: &str) -> Result<CheckedUrl, String> {
    let bad = |why: &str| format!("{what} {} {why}", crate::untrusted::quoted(url));
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad("holds whitespace or a control character"));
    }
    if url.contains('#') {
        return Err(bad("has a fragment (#)"));
    }
    let uri: Uri = url.parse().map_err(|_| bad("is not a URL"))?;
    let https = match uri.scheme_str() {
        Some("https") => true,
        Some("http") => false,
        _ => return Err(bad("is not an http or https URL")),
    };
    let authority = uri.authority().ok_or_else(|| bad("has no host"))?;
    if authority.as_str().contains('@') {
        return Err(bad("has user info (@) before its host"));
    }
    let host = host_of(authority.as_str()).map_err(bad)?;
    if host
        != authority
            .host()
            .trim_start_matches('[')
            .trim_end_matches(']')
    {
        return Err(bad("has a host the HTTP client reads otherwise"));
    }
    Ok(CheckedUrl {
        url: url.to_owned(),
        host: host.to_owned(),
        https,
    })
}

/// The host of `authority`, read strictly so that the HTTP client (which
/// mends what it can) cannot connect elsewhere: a host name (letters,
/// digits, `-`, `.`, `_`), an IPv4 address, or an IPv6 address in brackets;
/// then nothing, or `:` and a port from 1 to 65535.
fn host_of(authority: &str) -> Result<&str, &'static str> {
    let (host, rest) = match authority.strip_prefix('[') {
        Some(inner) => {
            let (address, rest) = inner
                .split_once(']')
                .ok_or("has a [ without its ] in its host")?;
            address
                .parse::<Ipv6Addr>()
                .map_err(|_| "has brackets around something that is not an IPv6 address")?;
            (address, rest)
        }
        None => {
            let at = authority.find(':').unwrap_or(authority.len());
            let host = &authority[..at];
            if !host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b))
            {
                return Err("has a host that is neither a host name nor an IP address");
            }
            (host, &authority[at..])
        }
    };
    if host.is_empty() {
        return Err("has no host");
    }
    if rest.is_empty() {
        return Ok(host);
    }
    let port = rest
        .strip_prefix(':')
        .ok_or("has text after its host's ] that is not :port")?;
    let valid = (1..=5).contains(&port.len())
        && port.bytes().all(|b| b.is_ascii_digit())
        && port.parse::<u32>().is_ok_and(|p| (1..=65_535).contains(&p));
    if valid {
        Ok(host)
    } else {
        Err("has a port that is not a number from 1 to 65535")
    }
}

/// Whether `host` is this machine: `localhost` or a loopback address.
pub fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The base URL of AWS `service` (`STS`, `SSO`), whose requests and
/// replies carry credentials: `AWS_ENDPOINT_URL_<SERVICE>`, then
/// `AWS_ENDPOINT_URL` (both off with `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`),
/// else `https://<default_host>`. An override must be https unless it is
/// this machine; the default must still have `default_host` as its host
/// once parsed.
pub fn service(env: &Env, service: &str, default_host: &str) -> Result<String, String> {
    let overridden = if env.is_true("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") {
        None
    } else {
        let var = format!("AWS_ENDPOINT_URL_{service}");
        env.get(&var).map(|url| (var, url)).or_else(|| {
            env.get("AWS_ENDPOINT_URL")
                .map(|url| ("AWS_ENDPOINT_URL".to_owned(), url))
        })
    };
    if let Some((var, url)) = overridden {
        let url = url.trim_end_matches('/');
        let checked = parse(&var, url)?;
        if url.contains('?') {
            return Err(format!(
                "{var} {} has a query: give a base URL",
                crate::untrusted::quoted(url)
            ));
        }
        if !checked.https && !is_loopback(&checked.host) {
            return Err(format!(
                "{var} {}: plain HTTP to another machine would carry credentials in clear; \
                 use https (plain HTTP only to localhost or a loopback address)",
                crate::untrusted::quoted(url)
            ));
        }
        return Ok(checked.url);
    }
    let checked = parse(
        &format!("the {service} endpoint"),
        &format!("https://{default_host}"),
    )?;
    if checked.host != default_host {
        return Err(format!(
            "the {service} endpoint for {default_host:?} is not a host name"
        ));
    }
    Ok(checked.url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_what_they_seem() {
        for (url, host) in [
            (
                "https://sts.us-east-1.amazonaws.com",
                "sts.us-east-1.amazonaws.com",
            ),
            ("http://127.0.0.1:8080/x", "127.0.0.1"),
            ("http://[::1]:1", "::1"),
            ("http://[fd00:ec2::23]/x", "fd00:ec2::23"),
            ("http://localhost:65535/x", "localhost"),
            ("http://metadata_host:80/x", "metadata_host"),
        ] {
            assert_eq!(parse("u", url).unwrap().host, host);
        }
        for bad in [
            "https://sts.x@127.0.0.1:9/#.amazonaws.com",
            "http://169.254.170.2@192.0.2.2:18007/x",
            "https://a b",
            "ftp://x",
            "https://",
            "nonsense",
            "https://x/\n",
            // The review's F3: out of range, junk after ], not a port.
            "http://127.0.0.1:99999/",
            "http://127.0.0.1:0/",
            "http://127.0.0.1:/",
            "http://[::1]:18008x/",
            "http://[::1]localhost:18008/",
            "http://[fd00:ec2::23]x/",
            "http://[not-v6]/",
            "http://[::1/",
            "http://a:1:2/",
            "http://a%2fb/",
        ] {
            assert!(parse("u", bad).is_err(), "{bad}");
        }
        assert!(is_loopback("localhost") && is_loopback("127.9.9.9") && is_loopback("::1"));
        assert!(!is_loopback("192.0.2.2") && !is_loopback("localhost.example.com"));
    }
}
