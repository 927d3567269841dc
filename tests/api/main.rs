//! The library's tests in one binary: against the official generators'
//! vectors, every bad input, reading tokens and URLs back, and the API's
//! promises (secrets, the minter, properties, the example endpoint).
//! `tests/allocations.rs` is a binary of its own: it installs a counting
//! global allocator.

mod common;

mod aws_docs;
mod bad_input;
mod inspect_errors;
mod inspect_verify;
mod minter;
mod mock_endpoint;
mod properties;
mod secrets;
mod sign_headers_input;
mod signing_vectors;
mod vectors;
