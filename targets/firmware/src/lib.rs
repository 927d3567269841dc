//! What the bare-metal programs share: the runtime's entry attribute for
//! the target's architecture, and leaving QEMU with an exit code.
#![no_std]

// The runtimes are linked for their startup code and vector tables.
#[cfg(target_arch = "arm")]
pub use cortex_m_rt::entry;
#[cfg(target_arch = "riscv32")]
pub use riscv_rt::entry;

/// Ends the QEMU run with `code` as its exit status (semihosting).
pub fn exit(code: i32) -> ! {
    semihosting::process::exit(code)
}
