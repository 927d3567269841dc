//! AWS STS over its query protocol: AssumeRole, signed with this crate's
//! header signer, and AssumeRoleWithWebIdentity, which is not signed.

use sigv4_bearer::{sign_headers, Payload, Request, SigningScope, Timestamp};

use crate::endpoint;
use crate::env::Env;
use crate::http::{form_encode, host_and_path, Client};
use crate::secret::{Keys, Secret};
use crate::untrusted;

const CONTENT_TYPE: &str = "application/x-www-form-urlencoded; charset=utf-8";
const VERSION: &str = "2011-06-15";

/// Where and when STS is called.
pub struct Sts<'a> {
    pub env: &'a Env,
    pub region: &'a str,
    pub now: Timestamp,
    pub client: &'a Client,
}

impl Sts<'_> {
    fn url(&self) -> Result<String, String> {
        endpoint::service(
            self.env,
            "STS",
            &format!("sts.{}.amazonaws.com", self.region),
        )
    }

    /// AssumeRole with `params` (RoleArn, RoleSessionName, ...), signed with `source`.
    pub fn assume_role(&self, source: &Keys, params: &[(&str, &str)]) -> Result<Keys, String> {
        let url = self.url()?;
        let body = form_encode(&with_action("AssumeRole", params));
        let (host, path) = host_and_path(&url)?;
        let request = Request {
            method: "POST",
            host: &host,
            path: &path,
            headers: &[("content-type", CONTENT_TYPE)],
            ..Request::default()
        };
        let signed = sign_headers(
            &request,
            Payload::Bytes(body.expose().as_bytes()),
            SigningScope {
                region: self.region,
                signing_name: "sts",
            },
            &source.credentials(),
            self.now,
        )
        .map_err(|e| format!("cannot sign STS AssumeRole: {e}"))?;
        let mut headers = vec![("content-type", CONTENT_TYPE)];
        headers.extend(signed.headers());
        let reply = self.client.post(&url, &headers, body.expose().as_bytes())?;
        parse_reply("AssumeRole", reply.status, &reply.body)
    }

    /// AssumeRoleWithWebIdentity with `params` (RoleArn, RoleSessionName, WebIdentityToken).
    pub fn assume_role_with_web_identity(&self, params: &[(&str, &str)]) -> Result<Keys, String> {
        let url = self.url()?;
        let body = form_encode(&with_action("AssumeRoleWithWebIdentity", params));
        let reply = self.client.post(
            &url,
            &[("content-type", CONTENT_TYPE)],
            body.expose().as_bytes(),
        )?;
        parse_reply("AssumeRoleWithWebIdentity", reply.status, &reply.body)
    }
}

fn with_action<'p>(action: &'p str, params: &[(&'p str, &'p str)]) -> Vec<(&'p str, &'p str)> {
    let mut all = vec![("Action", action), ("Version", VERSION)];
    all.extend_from_slice(params);
    all
}

/// The credentials of a successful reply, or AWS's error code and message.
fn parse_reply(action: &str, status: u16, body: &Secret) -> Result<Keys, String> {
    let document = roxmltree::Document::parse(body.expose())
        .map_err(|_| format!("STS {action}: HTTP {status} with a body that is not XML"))?;
    let root = document.root();
    if !(200..300).contains(&status) {
        let error = element(root, "Error").unwrap_or(root);
        return Err(format!(
            "STS {action} failed (HTTP {status}): {}: {}",
            untrusted::excerpt(text(error, "Code").unwrap_or("no error code")),
            untrusted::excerpt(text(error, "Message").unwrap_or("no message"))
        ));
    }
    let credentials = element(root, "Credentials")
        .ok_or_else(|| format!("STS {action}: the reply has no Credentials"))?;
    let field = |name| {
        text(credentials, name)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| format!("STS {action}: the reply has no {name}"))
    };
    let expiration = field("Expiration")?;
    Ok(Keys {
        access_key_id: field("AccessKeyId")?.to_owned(),
        secret_access_key: Secret::from(field("SecretAccessKey")?.to_owned()),
        session_token: Some(Secret::from(field("SessionToken")?.to_owned())),
        expiration: Some(expiration.parse().map_err(|_| {
            format!(
                "STS {action}: Expiration is not an ISO 8601 time ({} bytes, not shown: \
                 the reply carries secrets)",
                expiration.len()
            )
        })?),
    })
}

/// The first element named `name` under `parent`.
fn element<'a, 'i>(parent: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    parent
        .descendants()
        .find(|n| n.is_element() && n.tag_name().name() == name)
}

/// The trimmed text of the first element named `name` under `parent`.
fn text<'a>(parent: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    element(parent, name).and_then(|n| n.text()).map(str::trim)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_credentials_and_errors() {
        let ok = "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>\
            <Credentials><AccessKeyId>ASIAX</AccessKeyId><SecretAccessKey>s</SecretAccessKey>\
            <SessionToken>t</SessionToken><Expiration>2025-01-02T04:04:05Z</Expiration></Credentials>\
            </AssumeRoleResult></AssumeRoleResponse>";
        let keys = parse_reply("AssumeRole", 200, &Secret::from(ok.to_owned())).unwrap();
        assert_eq!(keys.access_key_id, "ASIAX");
        assert_eq!(
            keys.expiration,
            Some(Timestamp::from_unix_secs(1_735_790_645))
        );
        let denied = "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>\
            <Message>not authorized to perform sts:AssumeRole</Message></Error></ErrorResponse>";
        let err = parse_reply("AssumeRole", 403, &Secret::from(denied.to_owned())).unwrap_err();
        assert_eq!(
            err,
            "STS AssumeRole failed (HTTP 403): AccessDenied: not authorized to perform sts:AssumeRole"
        );
        assert!(parse_reply("AssumeRole", 200, &Secret::from("{}".to_owned())).is_err());
    }
}
