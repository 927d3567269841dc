//! The npm package's WASM modules: mint and read tokens through a small
//! hand-written ABI, so the JS glue stays a few hundred lines and the
//! modules import nothing.
//!
//! The package ships two builds of this crate: with the `mint` feature
//! (`create_token`, what every app loads) and with `inspect`
//! (`inspect_token`, loaded only by apps that read tokens back).
//!
//! The JS side writes inputs into [`input`] (UTF-8, one after another),
//! calls one export with their lengths, and reads the result from
//! [`output`]. The inputs are wiped before each export returns; the JS side
//! wipes the output once it has read it ([`wipe_output`]).
#![cfg_attr(target_arch = "wasm32", no_std)]

#[cfg(feature = "inspect")]
mod inspect;
mod io;
#[cfg(feature = "mint")]
mod mint;

#[cfg(feature = "inspect")]
pub use inspect::inspect_token;
pub use io::{input, io_capacity, output, wipe_output};
#[cfg(feature = "mint")]
pub use mint::create_token;

#[cfg(target_arch = "wasm32")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    // Unreachable: the library never panics. Trap rather than return garbage.
    core::arch::wasm32::unreachable()
}

#[cfg(all(test, feature = "mint", feature = "inspect"))]
mod tests {
    use super::*;
    use crate::io::{BadCall, INPUT, OUTPUT};
    use crate::mint::{CALLS, ERRORS, UNNAMED};

    fn put(texts: &[&str]) {
        INPUT.with(|input| {
            let mut at = 0;
            for text in texts {
                input[at..at + text.len()].copy_from_slice(text.as_bytes());
                at += text.len();
            }
        });
    }

    fn take(len: usize) -> String {
        let text = OUTPUT.with(|out| String::from_utf8(out[..len].to_vec()).unwrap());
        wipe_output(len);
        OUTPUT.with(|out| assert!(out[..len].iter().all(|&b| b == 0), "output wiped"));
        text
    }

    /// A mint: the token, or the failure's `[code, message]` from `failures.js`.
    fn minted(result: i32) -> Result<String, [String; 2]> {
        if result >= 0 {
            return Ok(take(result as usize));
        }
        let failures = failures_js();
        Err(failures[(-1 - result) as usize].clone())
    }

    /// A read: the text, or the error's text.
    fn read(result: i32) -> Result<String, String> {
        if result >= 0 {
            Ok(take(result as usize))
        } else {
            Err(take((-result - 1) as usize))
        }
    }

    /// The `[code, message]` lines of `failures.js`, in order.
    fn failures_js() -> Vec<[String; 2]> {
        include_str!("../failures.js")
            .lines()
            .filter_map(|line| line.trim().strip_prefix("[\"")?.strip_suffix("\"],"))
            .map(|pair| {
                let (code, message) = pair.split_once("\", \"").unwrap();
                [code.to_owned(), message.to_owned()]
            })
            .collect()
    }

    #[test]
    fn failures_js_names_every_failure_as_the_library_does() {
        let table = failures_js();
        assert_eq!(table.len(), UNNAMED as usize + 1);
        for (at, call) in CALLS.iter().enumerate() {
            let message = match call {
                BadCall::InputsTooLong => "inputs too long",
                BadCall::InputNotUtf8 => "input not UTF-8",
                BadCall::UnknownService => "unknown service",
            };
            assert_eq!(table[at], ["InvalidArgument", message]);
        }
        for (at, error) in ERRORS.iter().enumerate() {
            let [code, message] = &table[CALLS.len() + at];
            assert_eq!(code, error.name());
            if !matches!(error, sigv4_bearer::Error::BufferTooSmall { .. }) {
                // BufferTooSmall's own message gives a byte count the JS
                // caller cannot act on; the table says which buffer.
                assert_eq!(*message, error.to_string(), "{code}");
            }
        }
        assert_eq!(table[UNNAMED as usize][0], "Unknown");
    }

    /// One test: the buffers are shared statics, and test threads run at once.
    #[test]
    fn the_exports() {
        mints_reads_back_and_wipes_its_inputs();
        reports_errors_by_name();
    }

    fn mints_reads_back_and_wipes_its_inputs() {
        let (id, secret, token, region) = (
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "IQoJ",
            "us-west-2",
        );
        put(&[id, secret, token, region]);
        let result = create_token(
            0,
            id.len(),
            secret.len(),
            token.len(),
            1,
            region.len(),
            1_735_787_045.0,
            3600.0,
            f64::NAN,
        );
        let minted = minted(result).unwrap();
        assert!(minted.starts_with("bedrock-api-key-"));
        let total = id.len() + secret.len() + token.len() + region.len();
        INPUT.with(|input| assert!(input[..total].iter().all(|&b| b == 0), "inputs wiped"));

        put(&[&minted]);
        let info = read(inspect_token(minted.len())).unwrap();
        assert_eq!(
            info,
            "bedrock\tbedrock.amazonaws.com\tus-west-2\tAKIDEXAMPLE\t1735787045\t3600\t1"
        );
        INPUT.with(|input| assert!(input[..minted.len()].iter().all(|&b| b == 0)));
    }

    fn reports_errors_by_name() {
        let code = |result: i32| minted(result).unwrap_err()[0].clone();
        put(&["AKID", "secret", "US"]);
        let result = create_token(1, 4, 6, 0, 0, 2, 1_735_787_045.0, 3600.0, f64::NAN);
        assert_eq!(code(result), "InvalidRegion");
        put(&["AKID", "secret", "us-east-1"]);
        let result = create_token(0, 4, 6, 0, 0, 9, 1_735_787_045.0, 43_201.0, f64::NAN);
        assert_eq!(code(result), "InvalidLifetime");
        // Each call wipes its inputs: they are written again for the next.
        put(&["AKID", "secret", "us-east-1"]);
        let result = create_token(0, 4, 6, 0, 0, 9, 1_735_787_045.0, 60.0, 1_735_787_045.0);
        assert_eq!(code(result), "CredentialsExpired");
        put(&["AKID", "secret", "us-east-1"]);
        let result = create_token(7, 4, 6, 0, 0, 9, 0.0, 1.0, f64::NAN);
        assert_eq!(
            minted(result).unwrap_err(),
            ["InvalidArgument", "unknown service"]
        );
        // Lengths past the buffer are refused, not read.
        let result = create_token(0, usize::MAX, 6, 0, 0, 9, 0.0, 1.0, f64::NAN);
        assert_eq!(
            minted(result).unwrap_err(),
            ["InvalidArgument", "inputs too long"]
        );
        // A token longer than the output buffer.
        let long = "A".repeat(io::CAPACITY - 20);
        put(&["AKID", "secret", &long, "us-east-1"]);
        let result = create_token(0, 4, 6, long.len(), 1, 9, 1_735_787_045.0, 60.0, f64::NAN);
        assert_eq!(code(result), "BufferTooSmall");

        put(&["\u{ff}"]);
        INPUT.with(|input| input[0] = 0xff);
        assert_eq!(
            read(inspect_token(1)),
            Err("InvalidArgument\tinput not UTF-8".into())
        );
        put(&["bedrock-api-key-!!!!"]);
        assert_eq!(
            read(inspect_token(20)),
            Err("InvalidBase64\ttoken body is not padded standard base64".into())
        );
    }
}
