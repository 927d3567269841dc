//! The body a signature covers: its hash in the canonical request.

use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::lowercase_hex::lowercase_hex;
use crate::protocol::{EMPTY_PAYLOAD_SHA256, HEX_SHA256_LEN, UNSIGNED_PAYLOAD};

/// The body of a request signed with [`sign_headers`](crate::sign_headers_into).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Payload<'a> {
    /// No body (`GET`, or a `POST` without one).
    Empty,
    /// The body's bytes: hashed with SHA-256 here.
    Bytes(&'a [u8]),
    /// The body's SHA-256, already computed: 64 lowercase hex digits.
    Sha256Hex(&'a str),
    /// The body is not signed: `UNSIGNED-PAYLOAD`, sent as
    /// `x-amz-content-sha256` (S3 uploads, streaming bodies).
    Unsigned,
}

/// A payload's line in the canonical request: 64 lowercase hex digits, or
/// `UNSIGNED-PAYLOAD`.
#[derive(Clone, Copy)]
pub(crate) enum PayloadHash<'a> {
    Text(&'a str),
    Computed([u8; HEX_SHA256_LEN]),
}

impl PayloadHash<'_> {
    /// The hash of an empty body.
    pub(crate) const EMPTY: PayloadHash<'static> = PayloadHash::Text(EMPTY_PAYLOAD_SHA256);
    /// The stand-in for an unsigned body.
    pub(crate) const UNSIGNED: PayloadHash<'static> = PayloadHash::Text(UNSIGNED_PAYLOAD);

    pub(crate) fn as_str(&self) -> &str {
        match self {
            PayloadHash::Text(text) => text,
            // Hex digits only.
            PayloadHash::Computed(hex) => core::str::from_utf8(hex).unwrap_or_default(),
        }
    }
}

impl<'a> Payload<'a> {
    /// The hash to sign.
    ///
    /// # Errors
    /// [`Error::InvalidPayloadHash`] for a [`Payload::Sha256Hex`] that is not
    /// 64 lowercase hex digits.
    pub(crate) fn hash(self) -> Result<PayloadHash<'a>, Error> {
        match self {
            Payload::Empty => Ok(PayloadHash::EMPTY),
            Payload::Unsigned => Ok(PayloadHash::UNSIGNED),
            Payload::Bytes(body) => Ok(PayloadHash::Computed(lowercase_hex(&Sha256::digest(body)))),
            Payload::Sha256Hex(hex) => {
                let ok = hex.len() == HEX_SHA256_LEN
                    && hex
                        .bytes()
                        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
                if ok {
                    Ok(PayloadHash::Text(hex))
                } else {
                    Err(Error::InvalidPayloadHash)
                }
            }
        }
    }
}
