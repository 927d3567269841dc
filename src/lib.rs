#![cfg_attr(feature = "std", doc = include_str!("../README.md"))]
#![cfg_attr(
    not(feature = "std"),
    doc = "Bedrock and External Anthropic bearer tokens from a no_std SigV4 query presigner (see README.md)."
)]
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(any(feature = "std", test))]
extern crate std;

// Leaves: literals, errors, time, and the encoders.
mod amz_date;
mod base64_tail;
mod civil;
mod error;
mod lowercase_hex;
mod mac;
mod percent;
mod protocol;
mod secret;
mod sink;
mod split;
mod timestamp;

// The inputs, each checked once.
mod credentials;
mod inputs;
mod payload;
mod request;
mod scope;

// SigV4's steps, in the order the spec gives them.
mod canonical;
mod signature;
mod signing_key;
mod string_to_sign;

// The two outputs, and what is built on the first.
mod presign;
mod presigned_url;
mod sign_headers;
mod token;

pub use credentials::Credentials;
pub use error::Error;
pub use payload::Payload;
#[cfg(feature = "alloc")]
pub use presign::presign_url;
pub use presign::{presign_url_into, MAX_URL_LIFETIME};
pub use presigned_url::{inspect_url, UrlInfo};
pub use request::Request;
pub use scope::SigningScope;
#[cfg(feature = "alloc")]
pub use sign_headers::sign_headers;
pub use sign_headers::{sign_headers_into, AuthHeaders};
pub use timestamp::Timestamp;
#[cfg(feature = "alloc")]
pub use token::{inspect, verify, Token};
pub use token::{
    inspect_into, verify_into, Minter, Service, TokenInfo, TokenStorage, DEFAULT_REFRESH_MARGIN,
    MAX_TOKEN_LIFETIME,
};

token::service_module!(
    /// Amazon Bedrock tokens (`bedrock-api-key-...`), as the official
    /// `aws-bedrock-token-generator` makes them.
    bedrock,
    crate::Service::BEDROCK
);

token::service_module!(
    /// AWS External Anthropic tokens (`aws-external-anthropic-api-key-...`), as
    /// the official `token-generator-for-aws-external-anthropic` makes them.
    external_anthropic,
    crate::Service::EXTERNAL_ANTHROPIC
);
