#!/usr/bin/env bash
# Tests the C API: the Rust boundary tests natively and under Miri, then
# the C test program (official vectors, layout, every bad input) built
# with -Wall -Wextra -Werror and AddressSanitizer + UBSan against the
# static library. Called by .ci/run; runs alone too.
set -euo pipefail
cd "$(dirname "$0")"
step() { printf '\n==> %s\n' "$*"; }

step "bindings/c: Rust tests of the boundary"
cargo test --quiet
step "bindings/c: the same under Miri"
cargo +nightly miri test --quiet

step "bindings/c: C test program with AddressSanitizer and UBSan"
cargo build --quiet --features layout-test
mkdir -p target/c
python3 tests/gen_vectors.py target/c/vectors_table.c
cc=${CC:-cc}
"$cc" -std=c11 -Wall -Wextra -Werror -g -O1 -fno-omit-frame-pointer \
    -fsanitize=address,undefined -fno-sanitize-recover=all \
    -Iinclude -Itests tests/host_test.c tests/vectors.c target/c/vectors_table.c \
    target/debug/libsigv4_bearer_c.a -lpthread -ldl -lm -o target/c/host_test
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 target/c/host_test
