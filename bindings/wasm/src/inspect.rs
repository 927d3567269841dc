//! The reading module's export: only apps that call `inspectToken` load
//! it, so the token parser, base64 decoding and the error messages (with
//! `core::fmt`) stay out of the module every app ships.

use core::fmt::{self, Write as _};

use crate::io::{split, wipe, BadCall, CAPACITY, INPUT, OUTPUT};

/// Reads a token: the input buffer holds it, `token_len` bytes, wiped
/// before the call returns. The result is `signing name\thost\tregion\t
/// access key id\tsigned at\tlifetime\t0|1` (times in seconds; 1 with a
/// session token) and its length, or on failure `Name\tmessage` of the
/// error and `-(length + 1)`.
#[no_mangle]
pub extern "C" fn inspect_token(token_len: usize) -> i32 {
    INPUT.with(|input| {
        let result = OUTPUT.with(|out| {
            let [token] = split(input, [token_len]).map_err(Failure::Call)?;
            // The decoded URL goes in the output buffer, which is wiped
            // before the result is written over it.
            let info = sigv4_bearer::inspect_into(token, out);
            wipe(out, CAPACITY);
            let info = info.map_err(Failure::Library)?;
            let mut text = Cursor { buf: out, len: 0 };
            for field in [
                info.signing_name(),
                info.host(),
                info.region(),
                info.access_key_id(),
            ] {
                text.put(field);
                text.put("\t");
            }
            text.put_number(info.signed_at().as_unix_secs().unsigned_abs());
            text.put("\t");
            text.put_number(info.lifetime().as_secs());
            text.put(if info.has_session_token() {
                "\t1"
            } else {
                "\t0"
            });
            Ok(text.len)
        });
        wipe(input, token_len);
        report(result)
    })
}

/// Why a call failed: a malformed call, or the library's error.
enum Failure {
    Call(BadCall),
    Library(sigv4_bearer::Error),
}

/// The export's return value; on failure, the error in the output buffer.
fn report(result: Result<usize, Failure>) -> i32 {
    match result {
        Ok(len) => i32::try_from(len).unwrap_or(i32::MAX),
        Err(failure) => OUTPUT.with(|out| {
            let mut text = Cursor { buf: out, len: 0 };
            match failure {
                Failure::Library(error) => {
                    text.put(error.name());
                    text.put("\t");
                    let _ = write!(text, "{error}");
                }
                Failure::Call(bad) => {
                    text.put("InvalidArgument\t");
                    text.put(match bad {
                        BadCall::InputsTooLong => "inputs too long",
                        BadCall::InputNotUtf8 => "input not UTF-8",
                        BadCall::UnknownService => "unknown service",
                    });
                }
            }
            -i32::try_from(text.len).unwrap_or(i32::MAX - 1) - 1
        }),
    }
}

/// Writes formatted text into a buffer, stopping at its end.
struct Cursor<'b> {
    buf: &'b mut [u8],
    len: usize,
}

impl Cursor<'_> {
    /// Writes what fits of `text` (the buffers are far larger than any result).
    fn put(&mut self, text: &str) {
        let _ = fmt::Write::write_str(self, text);
    }

    /// Writes `n` in decimal, without `core::fmt`'s integer machinery.
    fn put_number(&mut self, mut n: u64) {
        let mut digits = [0u8; 20];
        let mut start = digits.len();
        loop {
            start -= 1;
            if let Some(slot) = digits.get_mut(start) {
                *slot = b'0' + (n % 10) as u8;
            }
            n /= 10;
            if n == 0 || start == 0 {
                break;
            }
        }
        let text = core::str::from_utf8(digits.get(start..).unwrap_or_default());
        self.put(text.unwrap_or_default());
    }
}

impl fmt::Write for Cursor<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let end = self.len + text.len();
        let slot = self.buf.get_mut(self.len..end).ok_or(fmt::Error)?;
        slot.copy_from_slice(text.as_bytes());
        self.len = end;
        Ok(())
    }
}
