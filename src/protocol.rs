//! The literals of SigV4 and of the bearer-token format, each written once.

/// The signing algorithm: the string to sign's first line, the
/// `X-Amz-Algorithm` value and the `Authorization` header's first word.
pub(crate) const ALGORITHM: &str = "AWS4-HMAC-SHA256";
/// The credential scope's last part, and the signing key's last step.
pub(crate) const SCOPE_TERMINATOR: &str = "aws4_request";
/// What the secret is prefixed with to key the first HMAC of the key chain.
pub(crate) const SECRET_PREFIX: &[u8] = b"AWS4";

/// The length of a SHA-256 digest in lowercase hex: a payload hash, the
/// canonical request's hash, a signature.
pub(crate) const HEX_SHA256_LEN: usize = 64;
/// What a presigned URL starts with; a token holds its URL without it.
pub(crate) const HTTPS_SCHEME: &str = "https://";

/// The payload hash of a request without a body: SHA-256 of nothing.
pub(crate) const EMPTY_PAYLOAD_SHA256: &str =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
/// The payload "hash" of a request whose body is not signed.
pub(crate) const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// Query parameters of a presigned URL; `SORTED` and `IN_URL` below give
/// their order, in the canonical query and in the URL.
pub(crate) mod query {
    pub(crate) const ALGORITHM: &str = "X-Amz-Algorithm";
    pub(crate) const CREDENTIAL: &str = "X-Amz-Credential";
    pub(crate) const DATE: &str = "X-Amz-Date";
    pub(crate) const EXPIRES: &str = "X-Amz-Expires";
    pub(crate) const SECURITY_TOKEN: &str = "X-Amz-Security-Token";
    pub(crate) const SIGNED_HEADERS: &str = "X-Amz-SignedHeaders";
    pub(crate) const SIGNATURE: &str = "X-Amz-Signature";
    /// What every auth parameter's name starts with; callers may not use it.
    pub(crate) const RESERVED_PREFIX: &str = "X-Amz-";

    /// A presigned URL's auth parameters.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub(crate) enum AuthParam {
        Algorithm,
        Credential,
        Date,
        Expires,
        SecurityToken,
        SignedHeaders,
        Signature,
    }

    impl AuthParam {
        /// `&name=`: the parameter's key as a query holds it after another
        /// (a writer drops the `&` when it comes first), so that it is one
        /// write (checked against `name` by the tests).
        pub(crate) const fn key_after_another(self) -> &'static str {
            match self {
                AuthParam::Algorithm => "&X-Amz-Algorithm=",
                AuthParam::Credential => "&X-Amz-Credential=",
                AuthParam::Date => "&X-Amz-Date=",
                AuthParam::Expires => "&X-Amz-Expires=",
                AuthParam::SecurityToken => "&X-Amz-Security-Token=",
                AuthParam::SignedHeaders => "&X-Amz-SignedHeaders=",
                AuthParam::Signature => "&X-Amz-Signature=",
            }
        }

        /// The parameter's name, as the URL holds it.
        #[cfg(test)]
        pub(crate) const fn name(self) -> &'static str {
            match self {
                AuthParam::Algorithm => ALGORITHM,
                AuthParam::Credential => CREDENTIAL,
                AuthParam::Date => DATE,
                AuthParam::Expires => EXPIRES,
                AuthParam::SecurityToken => SECURITY_TOKEN,
                AuthParam::SignedHeaders => SIGNED_HEADERS,
                AuthParam::Signature => SIGNATURE,
            }
        }
    }

    // The auth parameters' two orders, each followed by its writer.

    /// The canonical query's order: by name (the signature is made from
    /// these, so it is not among them).
    pub(crate) const SORTED: [AuthParam; 6] = [
        AuthParam::Algorithm,
        AuthParam::Credential,
        AuthParam::Date,
        AuthParam::Expires,
        AuthParam::SecurityToken,
        AuthParam::SignedHeaders,
    ];
    /// The URL's first two auth parameters up to the credential's value:
    /// `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=`, in one write
    /// (checked against `IN_URL`, the keys and the value by the tests).
    pub(crate) const ALGORITHM_AND_CREDENTIAL_KEY: &str =
        "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=";
    /// The presigned URL's order, after the caller's parameters (botocore's):
    /// by name, but the session token, the one long value, after the others,
    /// and the signature last.
    pub(crate) const IN_URL: [AuthParam; 7] = [
        AuthParam::Algorithm,
        AuthParam::Credential,
        AuthParam::Date,
        AuthParam::Expires,
        AuthParam::SignedHeaders,
        AuthParam::SecurityToken,
        AuthParam::Signature,
    ];
}

/// Header names, lowercase, as they are signed and sent.
pub(crate) mod header {
    pub(crate) const HOST: &str = "host";
    /// `HOST` and `:`, as its canonical header's line starts (checked by the tests).
    pub(crate) const HOST_KEY: &str = "host:";
    pub(crate) const DATE: &str = "x-amz-date";
    pub(crate) const SECURITY_TOKEN: &str = "x-amz-security-token";
    pub(crate) const CONTENT_SHA256: &str = "x-amz-content-sha256";
    pub(crate) const AUTHORIZATION: &str = "authorization";

    /// Headers the signer writes itself; a caller may not pass them (botocore
    /// also replaces a `date` header with its own).
    pub(crate) const WRITTEN_BY_SIGNER: [&str; 5] =
        [AUTHORIZATION, "date", DATE, SECURITY_TOKEN, CONTENT_SHA256];

    /// Headers the AWS SDKs never sign (botocore's and aws-sigv4's lists): a
    /// signature over them would not match what AWS computes.
    pub(crate) const NEVER_SIGNED: [&str; 14] = [
        "baggage",
        "connection",
        "expect",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "traceparent",
        "tracestate",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "user-agent",
        "x-amzn-trace-id",
    ];
}

/// The signing names botocore signs with its S3 rules: the path as given
/// (no normalization, no second encoding) and `x-amz-content-sha256`.
pub(crate) const S3_SIGNING_NAMES: [&str; 3] = ["s3", "s3-object-lambda", "s3-outposts"];

/// The bearer-token format: `prefix + base64(host/?Action=...&X-Amz-...&Version=1)`.
pub(crate) mod token {
    /// The request every token presigns.
    #[cfg(test)]
    pub(crate) const METHOD: &str = "POST";
    /// The canonical request's first two lines for it: `METHOD`, and `/`
    /// (its own canonical path under both rule sets), each with its `\n`.
    pub(crate) const METHOD_AND_PATH: &str = "POST\n/\n";
    pub(crate) const ACTION_KEY: &str = "Action";
    pub(crate) const ACTION: &str = "CallWithBearerToken";
    /// `ACTION_KEY=ACTION`: both are their own percent-encoding.
    pub(crate) const ACTION_PARAM: &str = "Action=CallWithBearerToken";
    /// Appended to the presigned URL (unsigned) before base64.
    pub(crate) const VERSION_SUFFIX: &str = "&Version=1";
    /// Between a token's host and its query.
    pub(crate) const PATH_AND_QUERY_START: &str = "/?";
}

#[cfg(test)]
mod tests {
    use super::query::{AuthParam, IN_URL, SORTED};

    /// The names are their own percent-encoding, so byte order is the
    /// canonical query's order.
    #[test]
    fn sorted_is_sorted_by_name() {
        assert!(SORTED.windows(2).all(|w| w[0].name() < w[1].name()));
    }

    /// Each key written in one piece is `&`, the name and `=`.
    #[test]
    fn keys_are_the_names_between_separators() {
        for param in IN_URL {
            let key = param.key_after_another();
            assert_eq!(
                key.strip_prefix('&').and_then(|k| k.strip_suffix('=')),
                Some(param.name())
            );
        }
    }

    /// The URL's first two auth parameters are the algorithm, with its
    /// value, and the credential's key.
    #[test]
    fn the_algorithm_and_the_credential_key_are_the_first_in_the_url() {
        use super::query::ALGORITHM_AND_CREDENTIAL_KEY;
        assert_eq!(IN_URL[..2], [AuthParam::Algorithm, AuthParam::Credential]);
        let rest = ALGORITHM_AND_CREDENTIAL_KEY
            .strip_prefix(AuthParam::Algorithm.name())
            .and_then(|rest| rest.strip_prefix('='))
            .and_then(|rest| rest.strip_prefix(super::ALGORITHM));
        assert_eq!(rest, Some(AuthParam::Credential.key_after_another()));
    }

    #[test]
    fn the_host_key_is_the_name_and_a_colon() {
        use super::header::{HOST, HOST_KEY};
        assert_eq!(HOST_KEY.strip_suffix(':'), Some(HOST));
    }

    #[test]
    fn the_action_parameter_is_its_key_and_value() {
        use super::token::{ACTION, ACTION_KEY, ACTION_PARAM};
        assert_eq!(ACTION_PARAM.split_once('='), Some((ACTION_KEY, ACTION)));
    }

    #[test]
    fn the_url_holds_the_signed_parameters_and_the_signature_once_each() {
        let signed = |p: &AuthParam| *p != AuthParam::Signature;
        assert_eq!(IN_URL.iter().filter(|p| !signed(p)).count(), 1);
        assert_eq!(IN_URL.iter().filter(|p| signed(p)).count(), SORTED.len());
        assert!(SORTED.iter().all(|p| IN_URL.contains(p)));
    }
}
