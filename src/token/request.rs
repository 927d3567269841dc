//! The request a token presigns, `POST https://<host>/?Action=CallWithBearerToken`:
//! the library's own, so its canonical path, query and headers are known.
//! Signed through the same canonical request as a caller's [`Request`], with
//! only these parts written as constants (the tests compare both ways byte
//! for byte), so a token-only program links none of the general writers.

use crate::canonical::{put_separator, Header, RequestParts};
use crate::error::Error;
use crate::inputs::Rules;
#[cfg(test)]
use crate::protocol::token::{ACTION, ACTION_KEY, METHOD};
use crate::protocol::token::{ACTION_PARAM, METHOD_AND_PATH};
use crate::request::validate_host;
#[cfg(test)]
use crate::request::Request;
use crate::sink::Sink;

/// A token's request, for one host.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TokenRequest<'a> {
    host: &'a str,
}

/// The path: `/` is its own canonical form under both rule sets.
const PATH: &str = "/";

impl<'a> TokenRequest<'a> {
    pub(crate) const fn new(host: &'a str) -> Self {
        TokenRequest { host }
    }

    /// The same request as a caller would write it.
    #[cfg(test)]
    pub(crate) const fn as_request(&self) -> Request<'a> {
        Request {
            method: METHOD,
            host: self.host,
            path: PATH,
            query: &[(ACTION_KEY, ACTION)],
            headers: &[],
        }
    }
}

impl RequestParts for TokenRequest<'_> {
    /// None: the others are the header signer's, with nothing to trim.
    const OWN_HEADERS: bool = false;

    /// `Action=CallWithBearerToken&`.
    const CONSTANT_URL_PARAMS_LEN: Option<usize> = Some(ACTION_PARAM.len() + 1);

    /// The method, path and query are constants (checked by the tests):
    /// only the host is the caller's.
    fn validate(&self) -> Result<(), Error> {
        validate_host(self.host)
    }

    fn host(&self) -> &str {
        self.host
    }

    fn path(&self) -> &str {
        PATH
    }

    fn put_url_params(&self, out: &mut (impl Sink + ?Sized), first: &mut bool) {
        put_action(out, first);
    }

    /// `POST\n/\n` in one write (the tests check it is `METHOD` and
    /// `PATH`, each with its `\n`).
    fn put_method_and_path(&self, out: &mut (impl Sink + ?Sized), _: Rules) {
        out.put_str(METHOD_AND_PATH);
    }

    /// `Action` sorts before `X-Amz-`; nothing sorts after.
    fn put_canonical_params(
        &self,
        out: &mut (impl Sink + ?Sized),
        first: &mut bool,
        before_auth: bool,
    ) {
        if before_auth {
            put_action(out, first);
        }
    }

    /// `host`, then the signer's (already sorted, each after `host`).
    fn for_each_header<'s>(
        &'s self,
        signer: &'s [(&'s str, &'s str)],
        mut visit: impl FnMut(Header<'s>),
    ) {
        // One call of `visit`, so it is inlined here.
        for at in 0..signer.len() + 1 {
            visit(match at.checked_sub(1).and_then(|at| signer.get(at)) {
                None => Header::Host,
                Some(&(name, value)) => Header::Extra(name, value),
            });
        }
    }
}

/// `Action=CallWithBearerToken`: its own percent-encoding (see the tests).
fn put_action(out: &mut (impl Sink + ?Sized), first: &mut bool) {
    put_separator(out, first);
    out.put_str(ACTION_PARAM);
}

#[cfg(test)]
#[allow(clippy::std_instead_of_alloc)]
mod tests {
    use core::time::Duration;
    use std::vec::Vec;

    use super::*;
    use crate::canonical::{AuthPlacement, CanonicalRequest, EncodedSessionToken};
    use crate::credentials::Credentials;
    use crate::inputs::Inputs;
    use crate::presign::{Presign, UrlForm};
    use crate::protocol::{header, EMPTY_PAYLOAD_SHA256, UNSIGNED_PAYLOAD};
    use crate::scope::SigningScope;
    use crate::signing_key::SigningKey;
    use crate::sink::SliceWriter;
    use crate::timestamp::Timestamp;
    use crate::token::{Service, MAX_TOKEN_LIFETIME};

    const NOW: Timestamp = Timestamp::from_unix_secs(1_735_787_045);

    /// Known services, and another whose host takes the general writers'
    /// lowercasing and port rules (`:443` dropped from the `host` header).
    fn services() -> [Service<'static>; 4] {
        [
            Service::BEDROCK,
            Service::EXTERNAL_ANTHROPIC,
            Service::new("example", "Tokens.Example.COM:8443", "example-key-"),
            Service::new("example", "tokens.example.com:443", "example-key-"),
        ]
    }

    /// With and without a session token (one the encoder changes).
    fn all_credentials() -> [Credentials<'static>; 2] {
        let creds = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        [
            creds,
            creds.with_session_token("IQoJb3/+Jpz2luX2V=jEXA MPLE"),
        ]
    }

    fn inputs<'a, R: RequestParts>(
        request: R,
        service: &Service<'a>,
        credentials: &Credentials<'a>,
        rules: Rules,
    ) -> Inputs<'a, R> {
        let scope = SigningScope {
            region: "us-west-2",
            signing_name: service.signing_name(),
        };
        Inputs::new(request, scope, credentials, NOW, rules).unwrap()
    }

    fn canonical_bytes<R: RequestParts>(
        inputs: &Inputs<'_, R>,
        auth: AuthPlacement<'_>,
        payload_hash: &str,
    ) -> Vec<u8> {
        let mut buf = [0u8; 1024];
        let mut out = SliceWriter::new(&mut buf);
        CanonicalRequest {
            inputs,
            auth,
            payload_hash,
        }
        .put(&mut out);
        let len = out.finish_len().unwrap();
        buf[..len].to_vec()
    }

    /// The canonical request written from the token's request is the one
    /// the general writers make of the same request, byte for byte, in
    /// every placement and under both rule sets.
    #[test]
    fn canonical_request_is_the_general_writers() {
        // The header signer's own, as `AuthPlacement::Headers` takes them
        // (sorted, lowercase names, values with nothing to trim: a session
        // token with blanks is refused before it gets here).
        let signer_sets: [&[(&str, &str)]; 4] = [
            &[],
            &[(header::DATE, "20250102T030405Z")],
            &[
                (header::DATE, "20250102T030405Z"),
                (header::SECURITY_TOKEN, "IQoJb3/+Jpz2luX2V=jEXAMPLE"),
            ],
            &[
                (header::CONTENT_SHA256, UNSIGNED_PAYLOAD),
                (header::DATE, "20250102T030405Z"),
                (header::SECURITY_TOKEN, "IQoJb3/+Jpz2luX2V=jEXAMPLE"),
            ],
        ];
        let mut checked = 0;
        for service in services() {
            let token = service.request();
            let general = token.as_request();
            for credentials in all_credentials() {
                for rules in [Rules::Standard, Rules::S3] {
                    let specific = inputs(token, &service, &credentials, rules);
                    let general = inputs(general, &service, &credentials, rules);
                    let mut placements = Vec::new();
                    for session_token in [None, Some(EncodedSessionToken(b"IQoJb3%2F%2BJpz"))] {
                        for expires_secs in [1, 3_600, 43_200] {
                            placements.push(AuthPlacement::Query {
                                expires_secs,
                                session_token,
                            });
                        }
                    }
                    for signer_headers in signer_sets {
                        placements.push(AuthPlacement::Headers { signer_headers });
                    }
                    for auth in placements {
                        for payload_hash in [EMPTY_PAYLOAD_SHA256, UNSIGNED_PAYLOAD] {
                            let want = canonical_bytes(&general, auth, payload_hash);
                            assert!(want.starts_with(b"POST\n/\nAction=CallWithBearerToken"));
                            assert_eq!(canonical_bytes(&specific, auth, payload_hash), want);
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(checked, 4 * 2 * 2 * 10 * 2);
    }

    /// The URL, and so the token, is the general writers' too: same length,
    /// same bytes, same signature, in both forms.
    #[test]
    fn url_is_the_general_writers() {
        for service in services() {
            let token = service.request();
            for credentials in all_credentials() {
                let specific = inputs(token, &service, &credentials, Rules::Standard);
                let general = inputs(token.as_request(), &service, &credentials, Rules::Standard);
                let key = SigningKey::for_inputs(&specific);
                let lifetime = Duration::from_secs(900);
                let specific = Presign::new(specific, NOW, lifetime, MAX_TOKEN_LIFETIME).unwrap();
                let general = Presign::new(general, NOW, lifetime, MAX_TOKEN_LIFETIME).unwrap();
                for form in [UrlForm::Https, UrlForm::Bare] {
                    let len = general.url_len(form);
                    assert_eq!(specific.url_len(form), len);
                    let mut want = [0u8; 1024];
                    let mut got = [0u8; 1024];
                    assert_eq!(general.write_url(&mut want, &key, form), Ok(len));
                    assert_eq!(specific.write_url(&mut got, &key, form), Ok(len));
                    assert_eq!(got[..len], want[..len]);
                    assert!(core::str::from_utf8(&got[..len])
                        .unwrap()
                        .contains("/?Action=CallWithBearerToken&X-Amz-Algorithm="));
                }
            }
        }
    }

    /// The checks are the general request's: only the host can fail.
    #[test]
    fn checks_as_the_general_request() {
        for host in [
            "bedrock.amazonaws.com",
            "h:443",
            "",
            "a/b",
            "h:0",
            "[::1]:8443",
        ] {
            let token = TokenRequest::new(host);
            assert_eq!(
                RequestParts::validate(&token),
                token.as_request().validate(),
                "{host:?}"
            );
        }
    }
}
