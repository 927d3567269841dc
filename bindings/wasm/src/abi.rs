//! The exports the JS glue calls. Each reads its inputs from the input
//! buffer, wipes them, and leaves its result in the output buffer: the text
//! and its length (>= 0), or on failure `Name\tmessage` of the error and
//! `-(length + 1)`.

use core::fmt::{self, Write as _};
use core::time::Duration;

use sigv4_bearer::{Credentials, Error, Service, Timestamp};

use crate::io::{CAPACITY, INPUT, OUTPUT};

/// `service` values: the order of `SERVICES`.
const SERVICES: [Service<'static>; 2] = [Service::BEDROCK, Service::EXTERNAL_ANTHROPIC];

/// Mints a token. The input buffer holds the access key id, the secret, the
/// session token (if `has_session_token`) and the region, in that order,
/// with the given lengths. Times are whole seconds since the epoch;
/// `expiration` is NaN when the credentials do not expire.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn create_token(
    service: u32,
    id_len: usize,
    secret_len: usize,
    session_token_len: usize,
    has_session_token: u32,
    region_len: usize,
    now: f64,
    expires_in: f64,
    expiration: f64,
) -> i32 {
    let lens = [id_len, secret_len, session_token_len, region_len];
    INPUT.with(|input| {
        let result = OUTPUT.with(|out| {
            let [id, secret, session_token, region] = split(input, lens)?;
            let service = usize::try_from(service)
                .ok()
                .and_then(|at| SERVICES.get(at))
                .ok_or(Failure::Argument("unknown service"))?;
            let mut creds = Credentials::new(id, secret);
            if has_session_token != 0 {
                creds = creds.with_session_token(session_token);
            }
            if !expiration.is_nan() {
                creds = creds.with_expiration(timestamp(expiration));
            }
            let lifetime = Duration::from_secs(whole_seconds(expires_in));
            let token = service.presign_into(&creds, region, timestamp(now), lifetime, out)?;
            Ok(token.len())
        });
        wipe(
            input,
            lens.iter()
                .fold(0, |sum: usize, len| sum.saturating_add(*len)),
        );
        report(result)
    })
}

/// Reads a token: the input buffer holds it, `token_len` bytes. The result
/// is `signing name\thost\tregion\taccess key id\tsigned at\tlifetime\t0|1`
/// (times in seconds; 1 with a session token).
#[no_mangle]
pub extern "C" fn inspect_token(token_len: usize) -> i32 {
    INPUT.with(|input| {
        let result = OUTPUT.with(|out| {
            let [token] = split(input, [token_len])?;
            // The decoded URL goes in the output buffer, which is wiped
            // before the result is written over it.
            let info = sigv4_bearer::inspect_into(token, out);
            wipe(out, CAPACITY);
            let info = info?;
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

/// Wipes the first `len` bytes of the output buffer: the JS side calls it
/// once it has read a token.
#[no_mangle]
pub extern "C" fn wipe_output(len: usize) {
    OUTPUT.with(|out| wipe(out, len));
}

/// Why a call failed: the library's error, or a malformed call.
enum Failure {
    Library(Error),
    Argument(&'static str),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::Library(error)
    }
}

/// The `N` strings at the front of `input`, `lens` bytes each.
fn split<const N: usize>(input: &[u8], lens: [usize; N]) -> Result<[&str; N], Failure> {
    let mut texts = [""; N];
    let mut at = 0usize;
    for (text, len) in texts.iter_mut().zip(lens) {
        let end = at
            .checked_add(len)
            .ok_or(Failure::Argument("inputs too long"))?;
        let bytes = input
            .get(at..end)
            .ok_or(Failure::Argument("inputs too long"))?;
        *text = core::str::from_utf8(bytes).map_err(|_| Failure::Argument("input not UTF-8"))?;
        at = end;
    }
    Ok(texts)
}

/// Whole seconds of a JS number; anything not a number of seconds >= 0
/// becomes 0, which every lifetime check refuses.
fn whole_seconds(secs: f64) -> u64 {
    if secs >= 0.0 {
        // Saturates at u64::MAX; the lifetime check refuses it.
        secs as u64
    } else {
        0
    }
}

fn timestamp(secs: f64) -> Timestamp {
    // Saturating; times outside the years 1970 ..= 9999 are refused.
    Timestamp::from_unix_secs(secs as i64)
}

fn wipe(buf: &mut [u8], len: usize) {
    for byte in buf.iter_mut().take(len) {
        *byte = 0;
    }
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
                    // Display: the one use of `core::fmt` in the module.
                    let _ = write!(text, "{error}");
                }
                Failure::Argument(message) => {
                    text.put("InvalidArgument\t");
                    text.put(message);
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
