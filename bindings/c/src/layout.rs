//! For the C test only (feature `layout-test`): the size and field offsets
//! of each struct as Rust lays it out, so the header's copy is checked
//! against them with `sizeof` and `offsetof`.

use core::mem::{offset_of, size_of};

use crate::types::*;

/// Item `item` of the table the C test walks in the same order.
#[no_mangle]
pub extern "C" fn sigv4_bearer_layout_of(item: u32) -> usize {
    let table = [
        size_of::<sigv4_bearer_credentials>(),
        offset_of!(sigv4_bearer_credentials, access_key_id),
        offset_of!(sigv4_bearer_credentials, secret_access_key),
        offset_of!(sigv4_bearer_credentials, session_token),
        offset_of!(sigv4_bearer_credentials, expiration),
        size_of::<sigv4_bearer_pair>(),
        offset_of!(sigv4_bearer_pair, name),
        offset_of!(sigv4_bearer_pair, value),
        size_of::<sigv4_bearer_request>(),
        offset_of!(sigv4_bearer_request, method),
        offset_of!(sigv4_bearer_request, host),
        offset_of!(sigv4_bearer_request, path),
        offset_of!(sigv4_bearer_request, query),
        offset_of!(sigv4_bearer_request, query_len),
        offset_of!(sigv4_bearer_request, headers),
        offset_of!(sigv4_bearer_request, headers_len),
        size_of::<sigv4_bearer_token_info>(),
        offset_of!(sigv4_bearer_token_info, service),
        offset_of!(sigv4_bearer_token_info, has_session_token),
        offset_of!(sigv4_bearer_token_info, signed_at),
        offset_of!(sigv4_bearer_token_info, expires_at),
        offset_of!(sigv4_bearer_token_info, region),
        offset_of!(sigv4_bearer_token_info, access_key_id),
        SIGV4_BEARER_MAX_PAIRS,
        REGION_CAPACITY,
        ACCESS_KEY_ID_CAPACITY,
        size_of::<sigv4_bearer_payload>(),
        offset_of!(sigv4_bearer_payload, kind),
        offset_of!(sigv4_bearer_payload, bytes),
        offset_of!(sigv4_bearer_payload, len),
        offset_of!(sigv4_bearer_payload, sha256_hex),
        size_of::<sigv4_bearer_signed_headers>(),
        offset_of!(sigv4_bearer_signed_headers, headers),
        offset_of!(sigv4_bearer_signed_headers, len),
    ];
    usize::try_from(item)
        .ok()
        .and_then(|at| table.get(at).copied())
        .unwrap_or(usize::MAX)
}
