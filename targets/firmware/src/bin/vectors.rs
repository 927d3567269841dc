//! Runs every official vector through the no-heap API on the target and
//! prints a tally per check; exits 1 on any mismatch.
#![no_std]
#![no_main]

use semihosting::println;
use sigv4_bearer_target_firmware::{entry, exit};

#[entry]
fn main() -> ! {
    let tallies = sigv4_bearer_target_vectors::run_all(&mut |check, vector| {
        println!("MISMATCH {vector}: {check}");
    });
    let (mut run, mut passed) = (0, 0);
    for tally in tallies {
        println!(
            "{:>4}/{:<4} passed  {}",
            tally.passed, tally.run, tally.check
        );
        run += tally.run;
        passed += tally.passed;
    }
    println!(
        "{passed}/{run} vector checks passed on {}",
        core::env!("TARGET_TRIPLE")
    );
    exit(if passed == run && run > 0 { 0 } else { 1 })
}
