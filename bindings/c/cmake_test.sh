#!/usr/bin/env bash
# Builds two consumers of CMakeLists.txt from fresh build directories
# outside the checkout, as a project that vendors the repository would:
#   - a host C program (add_subdirectory + target_link_libraries), run;
#   - a Cortex-M4F firmware cross-built with cmake/arm-none-eabi-cortex-m4f.cmake
#     (SIGV4_BEARER_RUST_TARGET=thumbv7em-none-eabihf), run on QEMU's
#     mps2-an386 with every vector (and a C++ unit, which links only if
#     the toolchain file gives C++ the same float ABI as C);
#   - the same firmware with SIGV4_BEARER_TOKENS_ONLY=ON (the archive of a
#     firmware that only mints tokens), with the token vectors.
# Installs what it needs. Called by .ci/run; runs alone too.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
step() { printf '\n==> %s\n' "$*"; }
# shellcheck source=tests/need.sh
. "$here/tests/need.sh"
need cmake make gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm
rustup target add thumbv7em-none-eabihf >/dev/null 2>&1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# cargo's own target directory: what test.sh and targets/run.sh built
# (same flags) is reused, so CI builds each target once.
cargo_dir="$here/target"

step "CMake consumer on the host"
cmake -S "$here/tests/cmake/host" -B "$work/host" -DSIGV4_BEARER_DIR="$here" \
    -DSIGV4_BEARER_CARGO_TARGET_DIR="$cargo_dir" >/dev/null
cmake --build "$work/host"
"$work/host/app"

step "CMake consumer: Cortex-M4F firmware (arm-none-eabi toolchain file) on QEMU"
python3 "$here/tests/gen_vectors.py" "$work/vectors_table.c"
cmake -S "$here/tests/cmake/firmware" -B "$work/firmware" -DSIGV4_BEARER_DIR="$here" \
    -DCMAKE_TOOLCHAIN_FILE="$here/cmake/arm-none-eabi-cortex-m4f.cmake" \
    -DSIGV4_BEARER_VECTORS="$work/vectors_table.c" -DSIGV4_BEARER_CARGO_TARGET_DIR="$cargo_dir" >/dev/null
cmake --build "$work/firmware"
timeout 300 qemu-system-arm -M mps2-an386 -nographic -semihosting-config enable=on,target=native \
    -kernel "$work/firmware/firmware.elf"

step "CMake consumer: the same firmware with SIGV4_BEARER_TOKENS_ONLY=ON (token vectors)"
# targets/run.sh builds this archive in the same directory.
cmake -S "$here/tests/cmake/firmware" -B "$work/tokens" -DSIGV4_BEARER_DIR="$here" \
    -DCMAKE_TOOLCHAIN_FILE="$here/cmake/arm-none-eabi-cortex-m4f.cmake" -DSIGV4_BEARER_TOKENS_ONLY=ON \
    -DSIGV4_BEARER_VECTORS="$work/vectors_table.c" -DSIGV4_BEARER_CARGO_TARGET_DIR="$cargo_dir/tokens-only" >/dev/null
cmake --build "$work/tokens"
timeout 300 qemu-system-arm -M mps2-an386 -nographic -semihosting-config enable=on,target=native \
    -kernel "$work/tokens/firmware.elf"
