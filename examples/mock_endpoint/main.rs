//! A mock Bedrock-style endpoint on 127.0.0.1 that checks bearer tokens.
//!
//! ```text
//! MOCK_SECRET_ACCESS_KEY=... cargo run --example mock_endpoint -- [PORT] [REGION]
//! curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8080/
//! ```
//!
//! The secret comes from `MOCK_SECRET_ACCESS_KEY` (or `AWS_SECRET_ACCESS_KEY`);
//! the region defaults to `AWS_REGION`, then `us-east-1`.

mod server;

use core::time::Duration;
use std::net::TcpListener;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let port: u16 = match args.next().map(|p| p.parse()) {
        None => 8080,
        Some(Ok(port)) => port,
        Some(Err(_)) => {
            eprintln!("the port must be a number 0 ..= 65535");
            return ExitCode::from(1);
        }
    };
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let region = args
        .next()
        .or_else(|| env("AWS_REGION"))
        .unwrap_or_else(|| "us-east-1".into());
    let Some(secret_access_key) =
        env("MOCK_SECRET_ACCESS_KEY").or_else(|| env("AWS_SECRET_ACCESS_KEY"))
    else {
        eprintln!(
            "set MOCK_SECRET_ACCESS_KEY (or AWS_SECRET_ACCESS_KEY): tokens are verified with it"
        );
        return ExitCode::from(2);
    };
    let listener = match TcpListener::bind(("127.0.0.1", port)) {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!("cannot listen on 127.0.0.1:{port}: {err}");
            return ExitCode::from(1);
        }
    };
    if let Ok(addr) = listener.local_addr() {
        eprintln!("mock endpoint for {region} on http://{addr}/");
    }
    let config = server::Config {
        secret_access_key,
        region,
        skew: Duration::from_secs(60),
    };
    match server::serve(&listener, &config, None) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("mock endpoint stopped: {err}");
            ExitCode::from(1)
        }
    }
}
