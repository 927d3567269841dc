//! Any bytes as a token or a presigned URL: never a panic, and whatever is
//! accepted agrees with itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sigv4_bearer::{inspect_into, inspect_url};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut buf = vec![0u8; text.len()];
    if let Ok(info) = inspect_into(text, &mut buf) {
        let lifetime = info.lifetime().as_secs();
        assert!((1..=43_200).contains(&lifetime));
        assert_eq!(
            info.expires_at().as_unix_secs(),
            info.signed_at().as_unix_secs() + lifetime as i64
        );
        assert!(!info.region().is_empty() && !info.access_key_id().is_empty());
        assert!(text.starts_with(info.service().prefix()));
        // The decoded URL is in `buf`: the scope's day is X-Amz-Date's day.
        let url =
            std::str::from_utf8(&buf[..buf.iter().position(|&b| b == 0).unwrap_or(buf.len())])
                .unwrap_or("");
        if let (Some(date), Some(scope)) = (
            value_of(url, "X-Amz-Date"),
            value_of(url, "X-Amz-Credential"),
        ) {
            assert_eq!(scope.split("%2F").nth(1), Some(&date[..8]));
        }
        // The service alone reads it the same way.
        assert_eq!(info.service().inspect_into(text, &mut buf), Ok(info));
    }
    if let Ok(info) = inspect_url(text) {
        let lifetime = info.lifetime().as_secs();
        assert!((1..=604_800).contains(&lifetime));
        assert_eq!(
            info.expires_at().as_unix_secs(),
            info.signed_at().as_unix_secs() + lifetime as i64
        );
        assert!(text.starts_with("https://") && text.contains(info.region()));
    }
});

fn value_of<'u>(url: &'u str, key: &str) -> Option<&'u str> {
    let query = url.split_once('?')?.1;
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix(key)?.strip_prefix('='))
}
