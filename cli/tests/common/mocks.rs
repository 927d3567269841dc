//! Local HTTP servers on 127.0.0.1 that answer as STS, the SSO portal, the
//! container endpoint and EC2 instance metadata do, in the way
//! test-vectors/generate_credential_precedence.py's mocks answer: each
//! access key id says where it came from.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

pub const FUTURE: &str = "2099-01-01T00:00:00Z";
const FUTURE_MS: i64 = 4_070_908_800_000;
/// Every secret the mocks hand out starts so; none may be printed.
pub const SECRET_PREFIX: &str = "mocksecret";

/// One request as received.
#[derive(Clone, Debug)]
pub struct Received {
    pub method: String,
    pub target: String,
    /// Lowercase names.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    pub fn query(&self, name: &str) -> Option<String> {
        form_value(self.target.split_once('?')?.1, name)
    }

    pub fn form(&self, name: &str) -> Option<String> {
        form_value(std::str::from_utf8(&self.body).ok()?, name)
    }
}

/// A value of an `a=b&c=d` string, percent-decoded.
pub fn form_value(text: &str, name: &str) -> Option<String> {
    text.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == name).then(|| decode(value))
    })
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'%' if at + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[at + 1..at + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                at += 3;
            }
            b'+' => {
                out.push(b' ');
                at += 1;
            }
            byte => {
                out.push(byte);
                at += 1;
            }
        }
    }
    String::from_utf8(out).unwrap()
}

type Handler = dyn Fn(&Received) -> (u16, String) + Send + Sync;

/// A running mock: its base URL and every request it received.
pub struct Mock {
    pub url: String,
    pub received: Arc<Mutex<Vec<Received>>>,
}

impl Mock {
    pub fn requests(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

/// Serves `handler` on a free port until the test process ends.
pub fn serve(handler: impl Fn(&Received) -> (u16, String) + Send + Sync + 'static) -> Mock {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let received = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&received);
    let handler: Arc<Handler> = Arc::new(handler);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (log, handler) = (Arc::clone(&log), Arc::clone(&handler));
            std::thread::spawn(move || answer(stream, &log, &*handler));
        }
    });
    Mock { url, received }
}

/// A server that accepts connections and never answers.
pub fn silent() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
        }
    });
    url
}

fn answer(stream: TcpStream, log: &Mutex<Vec<Received>>, handler: &Handler) {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) == 0 {
        return;
    }
    let mut words = line.split_whitespace();
    let (method, target) = (
        words.next().unwrap_or_default(),
        words.next().unwrap_or_default(),
    );
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).unwrap();
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':').unwrap();
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    let length = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .map_or(0, |(_, v)| v.parse().unwrap());
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    let request = Received {
        method: method.into(),
        target: target.into(),
        headers,
        body,
    };
    let (status, text) = handler(&request);
    log.lock().unwrap().push(request);
    let mut stream = reader.into_inner();
    let _ = write!(
        stream,
        "HTTP/1.1 {status} Mock\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
        text.len()
    );
}

fn xml_credentials(action: &str, key_id: &str) -> String {
    format!(
        "<{action}Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><{action}Result>\
         <Credentials><AccessKeyId>{key_id}</AccessKeyId><SecretAccessKey>{SECRET_PREFIX}{key_id}</SecretAccessKey>\
         <SessionToken>token{key_id}</SessionToken><Expiration>{FUTURE}</Expiration></Credentials>\
         </{action}Result></{action}Response>"
    )
}

/// STS: AssumeRole answers `ASIA_<role>_FROM_<signing key id>`, web identity
/// `ASIA_WEB_<role>_<token>`; role `DENIED` is refused with a 403.
pub fn sts(request: &Received) -> (u16, String) {
    let role_arn = request.form("RoleArn").unwrap_or_default();
    let role = role_arn.rsplit('/').next().unwrap_or_default().to_owned();
    if role == "DENIED" {
        return (
            403,
            "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>\
             <Message>User is not authorized to perform: sts:AssumeRole</Message>\
             </Error></ErrorResponse>"
                .into(),
        );
    }
    match request.form("Action").as_deref() {
        Some("AssumeRole") => {
            let authorization = request.header("authorization").unwrap_or_default();
            let source = authorization
                .split("Credential=")
                .nth(1)
                .and_then(|rest| rest.split('/').next())
                .unwrap_or("UNSIGNED");
            (
                200,
                xml_credentials("AssumeRole", &format!("ASIA_{role}_FROM_{source}")),
            )
        }
        Some("AssumeRoleWithWebIdentity") => {
            let token = request.form("WebIdentityToken").unwrap_or_default();
            (
                200,
                xml_credentials(
                    "AssumeRoleWithWebIdentity",
                    &format!("ASIA_WEB_{role}_{token}"),
                ),
            )
        }
        _ => (
            400,
            "<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>".into(),
        ),
    }
}

/// The SSO portal: `ASIA_SSO_<account>_<role>_<bearer token>`.
pub fn sso(request: &Received) -> (u16, String) {
    let Some(bearer) = request.header("x-amz-sso_bearer_token") else {
        return (
            401,
            r#"{"message":"Session token not found or invalid"}"#.into(),
        );
    };
    let (account, role) = (
        request.query("account_id").unwrap_or_default(),
        request.query("role_name").unwrap_or_default(),
    );
    let reply = serde_json::json!({"roleCredentials": {
        "accessKeyId": format!("ASIA_SSO_{account}_{role}_{bearer}"),
        "secretAccessKey": format!("{SECRET_PREFIX}sso"), "sessionToken": "ssotoken",
        "expiration": FUTURE_MS}});
    (200, reply.to_string())
}

fn metadata_credentials(key_id: &str) -> String {
    serde_json::json!({"Code": "Success", "AccessKeyId": key_id,
        "SecretAccessKey": format!("{SECRET_PREFIX}md"), "Token": "mdtoken", "Expiration": FUTURE})
    .to_string()
}

/// The container endpoint: `ASIA_ECS_<Authorization header or NOAUTH>`.
pub fn ecs(request: &Received) -> (u16, String) {
    let auth = request.header("authorization").unwrap_or("NOAUTH");
    (200, metadata_credentials(&format!("ASIA_ECS_{auth}")))
}

/// IMDSv2: a session token, role IMDSROLE, `ASIA_IMDS_IMDSROLE`.
pub fn imds(request: &Received) -> (u16, String) {
    const ROLES: &str = "/latest/meta-data/iam/security-credentials/";
    if request.method == "PUT" {
        return match request.path() {
            "/latest/api/token" => (200, "IMDSTOKEN".into()),
            _ => (404, String::new()),
        };
    }
    if request.header("x-aws-ec2-metadata-token") != Some("IMDSTOKEN") {
        return (401, String::new());
    }
    match request.path().strip_prefix(ROLES) {
        Some("") => (200, "IMDSROLE".into()),
        Some("IMDSROLE") => (200, metadata_credentials("ASIA_IMDS_IMDSROLE")),
        _ => (404, String::new()),
    }
}

/// A listener that only counts the connections made to it: `host:port`
/// and the count.
pub fn connection_counter() -> (String, Arc<std::sync::atomic::AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap().to_string();
    let count = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = Arc::clone(&count);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            drop(stream);
        }
    });
    (address, count)
}
