//! Writes each fuzz target's seed corpus from ../test-vectors/, so fuzzing
//! starts from what the official generators made. Run from fuzz/:
//! `cargo run --bin seed_corpora`.

use std::fs;
use std::path::Path;

use serde_json::Value;
use sigv4_bearer_fuzz::join;

fn vectors(file: &str) -> Vec<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../test-vectors")
        .join(file);
    let doc: Value =
        serde_json::from_str(&fs::read_to_string(&path).expect("vector file")).expect("JSON");
    doc["vectors"].as_array().expect("vectors").clone()
}

fn write(target: &str, name: &str, bytes: &[u8]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(target);
    fs::create_dir_all(&dir).expect("corpus folder");
    fs::write(dir.join(name), bytes).expect("seed file");
}

fn field<'v>(v: &'v Value, key: &str) -> &'v [u8] {
    v[key].as_str().unwrap_or("-").as_bytes()
}

fn main() {
    let mut count = 0;
    for (file, selector) in [
        ("bedrock_python.json", "0"),
        ("external_anthropic_python.json", "1"),
        ("bedrock_js.json", "0"),
    ] {
        for v in vectors(file) {
            let name = format!(
                "{}-{}",
                file.trim_end_matches(".json"),
                v["name"].as_str().unwrap_or("?")
            );
            write("inspect", &name, field(&v, "token"));
            let now = v["now"].to_string();
            let millis = (v["expires_in_secs"].as_i64().unwrap_or(1) * 1000).to_string();
            let token_fields: Vec<&[u8]> = vec![
                selector.as_bytes(),
                field(&v, "access_key_id"),
                field(&v, "secret_access_key"),
                field(&v, "session_token"),
                b"-",
                field(&v, "region"),
                now.as_bytes(),
                millis.as_bytes(),
            ];
            write("presign", &name, &join(&token_fields));
            let mut sized = vec!["2048".as_bytes()];
            sized.extend(&token_fields);
            write("presign_into", &name, &join(&sized));
            write(
                "encoding_and_dates",
                &name,
                &join(&[
                    field(&v, "session_token"),
                    now.as_bytes(),
                    field(&v, "secret_access_key"),
                ]),
            );
            count += 4;
        }
    }
    for v in vectors("presign_url_botocore.json")
        .into_iter()
        .chain(vectors("db_tokens_boto3.json"))
    {
        let name = v["name"].as_str().unwrap_or("?").to_owned();
        let url = v["url"]
            .as_str()
            .map(str::to_owned)
            .unwrap_or_else(|| format!("https://{}", v["token"].as_str().unwrap_or("")));
        write("inspect", &name, url.as_bytes());
        let query: Vec<(String, String)> = v["query"]
            .as_array()
            .map(|q| {
                q.iter()
                    .map(|p| {
                        (
                            p[0].as_str().unwrap_or("").to_owned(),
                            p[1].as_str().unwrap_or("").to_owned(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let (now, lifetime, pairs) = (
            v["now"].to_string(),
            v["expires_in_secs"].to_string(),
            query.len().to_string(),
        );
        let host = v["host"].as_str().unwrap_or("h").as_bytes();
        let mut fields: Vec<&[u8]> = vec![
            field(&v, "method"),
            host,
            b"example",
            b"0",
            field(&v, "path"),
            field(&v, "service"),
            field(&v, "region"),
            field(&v, "access_key_id"),
            field(&v, "secret_access_key"),
            field(&v, "session_token"),
            now.as_bytes(),
            lifetime.as_bytes(),
            pairs.as_bytes(),
        ];
        for (key, value) in &query {
            fields.push(key.as_bytes());
            fields.push(value.as_bytes());
        }
        write("differential", &name, &join(&fields));
        count += 2;
    }
    count += seed_header_signing();
    println!("wrote {count} seed files under fuzz/corpus/");
}

/// The header-signing vectors as `sign_headers` inputs, and as `differential`
/// inputs in header mode (its last field).
fn seed_header_signing() -> usize {
    let mut count = 0;
    for v in vectors("sign_headers_botocore.json") {
        let name = v["name"].as_str().unwrap_or("?").to_owned();
        let pairs = |key: &str| -> Vec<(String, String)> {
            v[key]
                .as_array()
                .map(|list| {
                    list.iter()
                        .map(|p| {
                            let text = |i: usize| p[i].as_str().unwrap_or("").to_owned();
                            (text(0), text(1))
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        let (query, headers) = (pairs("query"), pairs("headers"));
        let body: Vec<u8> = (0..v["body_hex"].as_str().unwrap_or("").len() / 2)
            .filter_map(|at| {
                let hex = v["body_hex"].as_str()?.get(2 * at..2 * at + 2)?;
                u8::from_str_radix(hex, 16).ok()
            })
            .collect();
        let payload = match v["payload"].as_str() {
            Some("empty") => "0",
            Some("bytes") => "1",
            _ => "3",
        };
        let (now, query_count, header_count) = (
            v["now"].to_string(),
            query.len().to_string(),
            headers.len().to_string(),
        );
        let mut fields: Vec<&[u8]> = vec![
            b"4096",
            field(&v, "method"),
            field(&v, "host"),
            field(&v, "path"),
            field(&v, "service"),
            field(&v, "region"),
            field(&v, "access_key_id"),
            field(&v, "secret_access_key"),
            field(&v, "session_token"),
            now.as_bytes(),
            b"1",
            query_count.as_bytes(),
        ];
        for (key, value) in &query {
            fields.push(key.as_bytes());
            fields.push(value.as_bytes());
        }
        fields.push(header_count.as_bytes());
        for (key, value) in &headers {
            fields.push(key.as_bytes());
            fields.push(value.as_bytes());
        }
        fields.push(&body);
        fields.push(b"-");
        fields.push(payload.as_bytes());
        write("sign_headers", &name, &join(&fields));

        let mut differential: Vec<&[u8]> = vec![
            field(&v, "method"),
            field(&v, "host"),
            b"example",
            b"0",
            field(&v, "path"),
            field(&v, "service"),
            field(&v, "region"),
            field(&v, "access_key_id"),
            field(&v, "secret_access_key"),
            field(&v, "session_token"),
            now.as_bytes(),
            b"900",
            query_count.as_bytes(),
        ];
        for (key, value) in &query {
            differential.push(key.as_bytes());
            differential.push(value.as_bytes());
        }
        differential.extend([b"0".as_slice(), &body, b"1"]);
        write("differential", &name, &join(&differential));
        count += 2;
    }
    count
}
