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

mod base64_tail;
mod credentials;
mod encode;
mod error;
mod inspect;
mod minter;
mod presign;
mod request;
mod service;
mod signing;
mod sink;
mod timestamp;
#[cfg(feature = "alloc")]
mod token;

pub use credentials::Credentials;
pub use error::Error;
#[cfg(feature = "alloc")]
pub use inspect::{inspect, verify};
pub use inspect::{inspect_into, inspect_url, verify_into, TokenInfo, UrlInfo};
pub use minter::{Minter, TokenStorage, DEFAULT_REFRESH_MARGIN};
#[cfg(feature = "alloc")]
pub use presign::presign_url;
pub use presign::{presign_url_into, MAX_URL_LIFETIME};
pub use request::Request;
pub use service::{Service, MAX_TOKEN_LIFETIME};
pub use timestamp::Timestamp;
#[cfg(feature = "alloc")]
pub use token::Token;

service::service_module!(
    /// Amazon Bedrock tokens (`bedrock-api-key-...`), as the official
    /// `aws-bedrock-token-generator` makes them.
    bedrock,
    crate::Service::BEDROCK
);

service::service_module!(
    /// AWS External Anthropic tokens (`aws-external-anthropic-api-key-...`), as
    /// the official `token-generator-for-aws-external-anthropic` makes them.
    external_anthropic,
    crate::Service::EXTERNAL_ANTHROPIC
);
