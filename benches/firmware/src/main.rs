//! The smallest useful firmware: mint one Bedrock token into a stack
//! buffer with `presign_into`. Built only to measure `.text`; inputs go
//! through `black_box` so nothing is folded away at compile time.
#![no_std]
#![no_main]

use core::hint::black_box;
use core::time::Duration;

use sigv4_bearer::{bedrock, Credentials, Timestamp};

#[panic_handler]
fn halt(_: &core::panic::PanicInfo) -> ! {
    loop {}
}

/// The reset entry point the linker starts from.
#[no_mangle]
pub extern "C" fn _start() -> ! {
    let creds = Credentials::new(
        black_box("AKIDEXAMPLE"),
        black_box("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
    )
    .with_session_token(black_box("IQoJb3JpZ2luX2VjEXAMPLE"));
    let now = Timestamp::from_unix_secs(black_box(1_735_787_045));
    let mut buf = [0u8; 1024];
    let token = bedrock::presign_into(
        &creds,
        black_box("us-west-2"),
        now,
        Duration::from_secs(black_box(3600)),
        &mut buf,
    );
    black_box(token.map(str::len)).ok();
    loop {}
}
