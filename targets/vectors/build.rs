//! Turns the committed vector files in `test-vectors/` into a Rust table
//! (`$OUT_DIR/table.rs`) that firmware links as read-only data: the targets
//! have no file system, and parsing JSON on them would test the parser.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

const FILES: [&str; 5] = [
    "bedrock_python.json",
    "external_anthropic_python.json",
    "bedrock_js.json",
    "presign_url_botocore.json",
    "db_tokens_boto3.json",
];

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-vectors");
    let mut out = String::new();
    for file in FILES {
        println!("cargo:rerun-if-changed={}", dir.join(file).display());
    }
    let tokens = |file: &str, service: &str| -> String {
        let mut rows = String::new();
        for v in vectors(&dir, file) {
            writeln!(
                rows,
                "    TokenVector {{ name: {:?}, service: Svc::{service}, creds: {}, region: {:?}, \
                 expires_in_secs: {}, expires_in_micros: {}, token: {:?} }},",
                text(&v, "name"),
                creds(&v),
                text(&v, "region"),
                int(&v, "expires_in_secs"),
                v["expires_in_micros"].as_i64().unwrap_or(0),
                text(&v, "token"),
            )
            .unwrap();
        }
        rows
    };
    let table = |name: &str, kind: &str, rows: String| {
        format!("pub static {name}: &[{kind}] = &[\n{rows}];\n")
    };
    out += &table(
        "BEDROCK_PYTHON",
        "TokenVector",
        tokens("bedrock_python.json", "Bedrock"),
    );
    out += &table(
        "EXTERNAL_ANTHROPIC_PYTHON",
        "TokenVector",
        tokens("external_anthropic_python.json", "ExternalAnthropic"),
    );
    out += &table(
        "BEDROCK_JS",
        "TokenVector",
        tokens("bedrock_js.json", "Bedrock"),
    );
    out += &table("URLS_BOTOCORE", "UrlVector", botocore_urls(&dir));
    out += &table("DB_TOKENS_BOTO3", "UrlVector", db_tokens(&dir));
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("table.rs");
    std::fs::write(dest, out).unwrap();
}

fn vectors(dir: &Path, file: &str) -> Vec<Value> {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
    doc["vectors"].as_array().cloned().unwrap_or_default()
}

fn text<'v>(v: &'v Value, key: &str) -> &'v str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("{}: {key} is not a string", v["name"]))
}

fn int(v: &Value, key: &str) -> i64 {
    v[key]
        .as_i64()
        .unwrap_or_else(|| panic!("{}: {key} is not an integer", v["name"]))
}

fn creds(v: &Value) -> String {
    format!(
        "Creds {{ access_key_id: {:?}, secret_access_key: {:?}, session_token: {:?}, now: {} }}",
        text(v, "access_key_id"),
        text(v, "secret_access_key"),
        v["session_token"].as_str(),
        int(v, "now"),
    )
}

fn pairs(v: &Value, key: &str) -> String {
    let items: Vec<String> = v[key]
        .as_array()
        .unwrap_or_else(|| panic!("{}: {key} is not a list", v["name"]))
        .iter()
        .map(|pair| {
            format!(
                "({:?}, {:?})",
                pair[0].as_str().unwrap(),
                pair[1].as_str().unwrap()
            )
        })
        .collect();
    format!("&[{}]", items.join(", "))
}

#[allow(clippy::too_many_arguments)]
fn url_row(
    v: &Value,
    method: &str,
    host: &str,
    path: &str,
    query: &str,
    headers: &str,
    service: &str,
    url: &str,
) -> String {
    format!(
        "    UrlVector {{ name: {:?}, method: {method:?}, host: {host:?}, path: {path:?}, \
         query: {query}, headers: {headers}, service: {service:?}, creds: {}, region: {:?}, \
         expires_in_secs: {}, url: {url:?} }},\n",
        text(v, "name"),
        creds(v),
        text(v, "region"),
        int(v, "expires_in_secs"),
    )
}

fn botocore_urls(dir: &Path) -> String {
    vectors(dir, "presign_url_botocore.json")
        .iter()
        .map(|v| {
            url_row(
                v,
                text(v, "method"),
                text(v, "host"),
                text(v, "path"),
                &pairs(v, "query"),
                &pairs(v, "headers"),
                text(v, "service"),
                text(v, "url"),
            )
        })
        .collect()
}

/// boto3's RDS and DSQL tokens are presigned URLs without `https://`; the
/// request they sign is rebuilt here, as `tests/api/vectors.rs` does.
fn db_tokens(dir: &Path) -> String {
    vectors(dir, "db_tokens_boto3.json")
        .iter()
        .map(|v| {
            let (host, query, service) = match text(v, "kind") {
                "rds" => (
                    format!("{}:{}", text(v, "host"), int(v, "port")),
                    format!(
                        "&[(\"Action\", \"connect\"), (\"DBUser\", {:?})]",
                        text(v, "user")
                    ),
                    "rds-db",
                ),
                "dsql" => (
                    text(v, "host").to_owned(),
                    "&[(\"Action\", \"DbConnect\")]".to_owned(),
                    "dsql",
                ),
                "dsql-admin" => (
                    text(v, "host").to_owned(),
                    "&[(\"Action\", \"DbConnectAdmin\")]".to_owned(),
                    "dsql",
                ),
                other => panic!("{}: unknown kind {other}", v["name"]),
            };
            let url = format!("https://{}", text(v, "token"));
            url_row(v, "GET", &host, "/", &query, "&[]", service, &url)
        })
        .collect()
}
