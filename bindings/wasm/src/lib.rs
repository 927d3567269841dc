//! The npm package's WASM module: mint and read tokens through a small
//! hand-written ABI, so the JS glue stays a few hundred lines and the
//! module imports nothing.
//!
//! The JS side writes inputs into [`input`] (UTF-8, one after another),
//! calls one export with their lengths, and reads the result from
//! [`output`]. The inputs are wiped before each export returns; the JS side
//! wipes the output once it has read it ([`wipe_output`]).
#![cfg_attr(target_arch = "wasm32", no_std)]

mod abi;
mod io;

pub use abi::{create_token, inspect_token, wipe_output};
pub use io::{input, io_capacity, output};

#[cfg(target_arch = "wasm32")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    // Unreachable: the library never panics. Trap rather than return garbage.
    core::arch::wasm32::unreachable()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::{INPUT, OUTPUT};

    fn put(texts: &[&str]) {
        INPUT.with(|input| {
            let mut at = 0;
            for text in texts {
                input[at..at + text.len()].copy_from_slice(text.as_bytes());
                at += text.len();
            }
        });
    }

    fn take(result: i32) -> Result<String, String> {
        let len = if result < 0 { -result - 1 } else { result } as usize;
        let text = OUTPUT.with(|out| String::from_utf8(out[..len].to_vec()).unwrap());
        wipe_output(len);
        OUTPUT.with(|out| assert!(out[..len].iter().all(|&b| b == 0), "output wiped"));
        if result < 0 {
            Err(text)
        } else {
            Ok(text)
        }
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
        let minted = take(result).unwrap();
        assert!(minted.starts_with("bedrock-api-key-"));
        let total = id.len() + secret.len() + token.len() + region.len();
        INPUT.with(|input| assert!(input[..total].iter().all(|&b| b == 0), "inputs wiped"));

        put(&[&minted]);
        let info = take(inspect_token(minted.len())).unwrap();
        assert_eq!(
            info,
            "bedrock\tbedrock.amazonaws.com\tus-west-2\tAKIDEXAMPLE\t1735787045\t3600\t1"
        );
    }

    fn reports_errors_by_name() {
        put(&["AKID", "secret", "US"]);
        let result = create_token(1, 4, 6, 0, 0, 2, 1_735_787_045.0, 3600.0, f64::NAN);
        assert_eq!(
            take(result),
            Err("InvalidRegion\tregion must be 1 ..= 64 of a-z, 0-9 and '-'".into())
        );
        put(&["AKID", "secret", "us-east-1"]);
        let result = create_token(0, 4, 6, 0, 0, 9, 1_735_787_045.0, 43_201.0, f64::NAN);
        assert_eq!(
            take(result),
            Err("InvalidLifetime\tlifetime must be 1 ..= 43200 whole seconds".into())
        );
        let result = create_token(7, 4, 6, 0, 0, 9, 0.0, 1.0, f64::NAN);
        assert_eq!(take(result), Err("InvalidArgument\tunknown service".into()));
        // Lengths past the buffer are refused, not read.
        let result = create_token(0, usize::MAX, 6, 0, 0, 9, 0.0, 1.0, f64::NAN);
        assert_eq!(take(result), Err("InvalidArgument\tinputs too long".into()));
        put(&["\u{ff}"]);
        INPUT.with(|input| input[0] = 0xff);
        assert_eq!(
            take(inspect_token(1)),
            Err("InvalidArgument\tinput not UTF-8".into())
        );
    }
}
