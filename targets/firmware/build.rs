//! Picks the memory map of the QEMU board the firmware runs on and links
//! with the runtime's `link.x`.

use std::path::PathBuf;

/// mps2-an386 (and mps2-an385): 4 MiB of code SRAM at 0, 4 MiB of data SRAM at 0x2000_0000.
const MPS2: &str = "MEMORY
{
  FLASH : ORIGIN = 0x00000000, LENGTH = 4M
  RAM : ORIGIN = 0x20000000, LENGTH = 4M
}
";

/// QEMU `virt`: RAM from 0x8000_0000, where `-bios none` starts executing.
const VIRT: &str = "MEMORY
{
  RAM : ORIGIN = 0x80000000, LENGTH = 16M
}
REGION_ALIAS(\"REGION_TEXT\", RAM);
REGION_ALIAS(\"REGION_RODATA\", RAM);
REGION_ALIAS(\"REGION_DATA\", RAM);
REGION_ALIAS(\"REGION_BSS\", RAM);
REGION_ALIAS(\"REGION_HEAP\", RAM);
REGION_ALIAS(\"REGION_STACK\", RAM);
";

fn main() {
    let target = std::env::var("TARGET").unwrap_or_default();
    println!("cargo:rustc-env=TARGET_TRIPLE={target}");
    let arch = std::env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    let memory = match arch.as_str() {
        "arm" => MPS2,
        "riscv32" => VIRT,
        // Host builds (cargo check of the workspace) link nothing of ours.
        _ => return,
    };
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    std::fs::write(out.join("memory.x"), memory).unwrap();
    println!("cargo:rustc-link-search={}", out.display());
    if arch == "riscv32" {
        // riscv-rt's link.x does not include the memory map itself.
        println!("cargo:rustc-link-arg-bins=-Tmemory.x");
    }
    println!("cargo:rustc-link-arg-bins=-Tlink.x");
    println!("cargo:rerun-if-changed=build.rs");
}
