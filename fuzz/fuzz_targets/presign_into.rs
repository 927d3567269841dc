//! Any buffer size: `presign_into` writes exactly `presign`'s bytes, or
//! says `BufferTooSmall` with exactly the token's length and the buffer
//! untouched; errors agree.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sigv4_bearer::{Error, Timestamp};
use sigv4_bearer_fuzz::{Fields, TokenInput};

fuzz_target!(|data: &[u8]| {
    let mut fields = Fields::new(data);
    let buf_len = fields.number().unsigned_abs() as usize % 8192;
    let Some(input) = TokenInput::read(&mut fields) else {
        return;
    };
    let (creds, now) = (input.credentials(), Timestamp::from_unix_secs(input.now));
    let owned = input
        .service
        .presign(&creds, input.region, now, input.lifetime);
    let mut buf = vec![0x5au8; buf_len];
    let into = input
        .service
        .presign_into(&creds, input.region, now, input.lifetime, &mut buf);
    match (&owned, into) {
        (Ok(token), Ok(written)) => assert_eq!(token.as_str(), written),
        (Ok(token), Err(Error::BufferTooSmall { needed })) => {
            assert_eq!(needed, token.as_str().len());
            assert!(
                buf_len < needed && buf.iter().all(|&b| b == 0x5a),
                "buffer written to"
            );
        }
        (Err(a), Err(b)) => assert_eq!(*a, b),
        (owned, into) => panic!("presign {owned:?} but presign_into {into:?}"),
    }
});
