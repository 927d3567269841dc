//! What a panic does. No call panics (every path returns a code); this is
//! only the handler `no_std` requires. It ignores the panic's message and
//! location, so LTO drops them: no source path reaches the archive.

/// Bare metal: stop here (a debugger or watchdog sees it).
#[cfg(all(not(test), target_os = "none"))]
#[panic_handler]
fn halt(_: &core::panic::PanicInfo) -> ! {
    loop {}
}

/// Hosts: end the process as C's `abort` does.
#[cfg(all(not(test), not(target_os = "none")))]
#[panic_handler]
fn halt(_: &core::panic::PanicInfo) -> ! {
    extern "C" {
        fn abort() -> !;
    }
    // SAFETY: `abort` is the C library's, which every hosted C program links;
    // it takes nothing and never returns.
    unsafe { abort() }
}
