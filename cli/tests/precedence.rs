//! botocore's credential precedence, replayed: every case of
//! test-vectors/credential_precedence_botocore.json (recorded by
//! generate_credential_precedence.py against the same mock endpoints) run
//! through the CLI, which must resolve the access key id botocore resolved,
//! or fail where botocore raised.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{mocks, run, temp_home, write};
use serde_json::Value;

/// What the CLI's message must mention (one of) where botocore raised `class`.
fn expected_words(class: &str) -> &'static [&'static str] {
    match class {
        "ProfileNotFound" => &["not found"],
        "PartialCredentialsError" => &[
            "is set but",
            "has no aws_secret_access_key",
            "neither source_profile",
        ],
        "InfiniteLoopConfigError" => &["source_profile loop"],
        "InvalidConfigError" => &[
            "does not exist",
            "does not define",
            "not one of",
            "both source_profile and credential_source",
            "but no role",
            "configured for SSO but has no",
        ],
        "CredentialRetrievalError" => &["credential_process of profile", "credential_source"],
        "UnauthorizedSSOTokenError" | "SSOTokenLoadError" => &["aws sso login --profile"],
        "ClientError" => &["AccessDenied: User is not authorized"],
        "NoCredentialsError" => &["no credentials"],
        other => panic!("no words for {other}"),
    }
}

#[test]
fn the_cli_resolves_what_botocore_resolves() {
    let doc: Value = serde_json::from_str(include_str!(
        "../../test-vectors/credential_precedence_botocore.json"
    ))
    .unwrap();
    let places = [
        ("STS", mocks::serve(mocks::sts).url),
        ("SSO", mocks::serve(mocks::sso).url),
        ("IMDS", mocks::serve(mocks::imds).url),
        ("ECS", mocks::serve(mocks::ecs).url),
    ];
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 30, "{} cases", cases.len());
    let (mut resolved, mut refused) = (0, 0);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let home = temp_home("precedence");
        let expand = |text: &str| {
            let mut text = text.replace("{HOME}", home.to_str().unwrap());
            for (place, url) in &places {
                text = text.replace(&format!("{{{place}}}"), url);
            }
            text
        };
        for (file, text) in case["files"].as_object().unwrap() {
            let relative = match file.as_str() {
                "config" | "credentials" => format!(".aws/{file}"),
                other => other.to_owned(),
            };
            write(&home, &relative, &expand(text.as_str().unwrap()));
        }
        let env: Vec<(String, String)> = case["env"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), expand(v.as_str().unwrap())))
            .collect();
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let mut args = vec!["token", "-v"];
        if let Some(profile) = case["profile"].as_str() {
            args.extend(["--profile", profile]);
        }
        let r = run(&home, &env, &args, None);
        match (
            case["botocore"]["access_key_id"].as_str(),
            case["botocore"]["error"].as_str(),
        ) {
            (Some(want), None) => {
                assert_eq!(r.access_key_id(), want, "{name}: {}", r.stderr);
                resolved += 1;
            }
            (None, Some(class)) => {
                assert_eq!(
                    r.code, 1,
                    "{name}: botocore raised {class}; the CLI printed {}",
                    r.stdout
                );
                assert!(r.stdout.is_empty(), "{name}");
                let words = expected_words(class);
                assert!(
                    words.iter().any(|w| r.stderr.contains(w)),
                    "{name}: {class}: {}",
                    r.stderr
                );
                refused += 1;
            }
            other => panic!("{name}: bad record {other:?}"),
        }
    }
    eprintln!(
        "{resolved} cases resolved as botocore does, {refused} refused where botocore raises"
    );
}
