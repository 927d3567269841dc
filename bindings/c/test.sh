#!/usr/bin/env bash
# Tests the C API: the Rust boundary tests natively and under Miri, the
# release archive's symbols and bytes (check_archive.sh), then the C test
# program (official vectors, layout, every bad input) built
# with -Wall -Wextra -Werror and AddressSanitizer + UBSan against the
# static library. Called by .ci/run; runs alone too.
set -euo pipefail
cd "$(dirname "$0")"
step() { printf '\n==> %s\n' "$*"; }

step "bindings/c: Rust tests of the boundary (every call; the token calls only)"
cargo test --quiet
cargo test --quiet --no-default-features
step "bindings/c: the same under Miri"
cargo +nightly miri test --quiet

step "bindings/c: the static library as the README builds it (LTO), checked"
cargo build --release --quiet
./check_archive.sh target/release/libsigv4_bearer_c.a ld

step "bindings/c: C test program with AddressSanitizer and UBSan"
cargo build --release --quiet --features layout-test
mkdir -p target/c
python3 tests/gen_vectors.py target/c/vectors_table.c
cc=${CC:-cc}
"$cc" -std=c11 -Wall -Wextra -Werror -g -O1 -fno-omit-frame-pointer \
    -fsanitize=address,undefined -fno-sanitize-recover=all \
    -Iinclude -Itests tests/host_test.c tests/vectors.c target/c/vectors_table.c \
    target/release/libsigv4_bearer_c.a -o target/c/host_test
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 target/c/host_test
