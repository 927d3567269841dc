//! The C result codes: the binding's own (0, -1 ..= -5, -7), then one per
//! library `Error` variant, `-Error::code()`, with `Error::message()` as
//! its text. The header `include/sigv4_bearer.h` declares the same table; a
//! test reads the header and checks it against this one.
//!
//! A caller that never links `sigv4_bearer_strerror` links no message: the
//! code of an error is `Error::code`'s `match`, not a lookup in a table of
//! texts.

use core::ffi::{c_char, CStr};

use sigv4_bearer::Error;

/// One of the binding's own codes: its name in the header, its number and
/// its message.
pub(crate) struct Code {
    // Read by the header test only: in a release archive the names would
    // be flash with no reader (the one 32 bytes long shared a constant
    // section with SHA-256's initial state, so every program kept it).
    #[cfg(test)]
    pub(crate) name: &'static str,
    pub(crate) value: i32,
    pub(crate) message: &'static CStr,
}

pub(crate) const OK: i32 = 0;
pub(crate) const NULL_POINTER: i32 = -1;
pub(crate) const INPUT_NOT_UTF8: i32 = -2;
pub(crate) const INVALID_SERVICE: i32 = -3;
pub(crate) const TOO_MANY_PAIRS: i32 = -4;
pub(crate) const UNKNOWN: i32 = -5;
pub(crate) const BUFFER_TOO_SMALL: i32 = of(Error::BufferTooSmall { needed: 0 });
pub(crate) const INVALID_PAYLOAD_KIND: i32 = -7;
pub(crate) const INVALID_TIME: i32 = of(Error::InvalidTime);
#[cfg(feature = "every-call")]
pub(crate) const INVALID_PAYLOAD_HASH: i32 = of(Error::InvalidPayloadHash);

/// The binding's own codes; the library's are [`of`] each `Error`.
pub(crate) const OWN: [Code; 7] = [
    Code {
        #[cfg(test)]
        name: "SIGV4_BEARER_OK",
        value: OK,
        message: c"success",
    },
    Code {
        #[cfg(test)]
        name: "SIGV4_BEARER_ERR_NULL_POINTER",
        value: NULL_POINTER,
        message: c"a required pointer argument is NULL",
    },
    Code {
        #[cfg(test)]
        name: "SIGV4_BEARER_ERR_INPUT_NOT_UTF8",
        value: INPUT_NOT_UTF8,
        message: c"a string argument is not valid UTF-8",
    },
    Code {
        #[cfg(test)]
        name: "SIGV4_BEARER_ERR_INVALID_SERVICE",
        value: INVALID_SERVICE,
        message: c"service is not SIGV4_BEARER_BEDROCK or SIGV4_BEARER_EXTERNAL_ANTHROPIC",
    },
    Code {
        #[cfg(test)]
        name: "SIGV4_BEARER_ERR_TOO_MANY_PAIRS",
        value: TOO_MANY_PAIRS,
        message: c"more query parameters or headers than SIGV4_BEARER_MAX_PAIRS",
    },
    Code {
        #[cfg(test)]
        name: "SIGV4_BEARER_ERR_UNKNOWN",
        value: UNKNOWN,
        message: c"an error this version of the C API does not name",
    },
    Code {
        #[cfg(test)]
        name: "SIGV4_BEARER_ERR_INVALID_PAYLOAD_KIND",
        value: INVALID_PAYLOAD_KIND,
        message: c"payload kind is not a SIGV4_BEARER_PAYLOAD_* value",
    },
];

/// The C code of a library error: its stable number, negated.
pub(crate) const fn of(error: Error) -> i32 {
    -(error.code() as i32)
}

/// [`of`] for the signing calls' results. Inlined and negated,
/// `Error::code`'s match becomes a table of 4-byte codes (168 B of flash in
/// every C program that mints a token); kept out of line it stays the
/// library's table of 2-byte codes. (Inspect and verify keep [`of`]: the
/// call out of line costs them 32-40 B of stack.)
#[inline(always)]
pub(crate) fn of_error(error: Error) -> i32 {
    -i32::from(code(error))
}

#[inline(never)]
fn code(error: Error) -> u16 {
    error.code()
}

#[cfg(test)]
#[test]
fn of_error_is_of() {
    for &error in Error::ALL {
        assert_eq!(of_error(error), of(error), "{error:?}");
    }
}

/// Every library message, NUL-terminated, one after another: made at
/// compile time from `Error::ALL`, so the texts are written once, in the
/// library, and linked here only with `sigv4_bearer_strerror`.
static MESSAGES: [u8; MESSAGES_LEN] = messages();

/// Where the message of `Error::ALL[n]` starts in [`MESSAGES`].
static STARTS: [u16; Error::ALL.len()] = starts();

const MESSAGES_LEN: usize = {
    let (mut len, mut n) = (0, 0);
    while n < Error::ALL.len() {
        len += Error::ALL[n].message().len() + 1;
        n += 1;
    }
    len
};

const fn messages() -> [u8; MESSAGES_LEN] {
    let mut out = [0u8; MESSAGES_LEN];
    let (mut at, mut n) = (0, 0);
    while n < Error::ALL.len() {
        let text = Error::ALL[n].message().as_bytes();
        let mut i = 0;
        while i < text.len() {
            out[at] = text[i];
            (at, i) = (at + 1, i + 1);
        }
        // Its NUL stays from the zeroed array.
        (at, n) = (at + 1, n + 1);
    }
    out
}

const fn starts() -> [u16; Error::ALL.len()] {
    let mut out = [0u16; Error::ALL.len()];
    let (mut at, mut n) = (0, 0);
    while n < Error::ALL.len() {
        out[n] = at as u16;
        at += Error::ALL[n].message().len() + 1;
        n += 1;
    }
    out
}

/// The message of `value`, or a fixed text for a number that is no code.
pub(crate) fn message(value: i32) -> *const c_char {
    if let Some(own) = OWN.iter().find(|code| code.value == value) {
        return own.message.as_ptr();
    }
    Error::ALL
        .iter()
        .position(|&error| of(error) == value)
        // A pointer into the rest of the table, not to one byte: the C side
        // reads on to the NUL.
        .and_then(|n| MESSAGES.get(usize::from(*STARTS.get(n)?)..))
        .map_or(UNKNOWN_CODE.as_ptr(), |rest| rest.as_ptr().cast())
}

/// What `sigv4_bearer_strerror` says of a number that is no code.
const UNKNOWN_CODE: &CStr = c"unknown sigv4_bearer result code";
