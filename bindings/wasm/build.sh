#!/bin/sh
# Builds sigv4_bearer.wasm beside this file: the Rust module for
# wasm32-unknown-unknown with the compact SHA-256, then binaryen's wasm-opt.
set -eu
cd "$(dirname "$0")"
RUSTFLAGS='--cfg sha2_backend_soft="compact"' \
    cargo build --release --quiet --locked --target wasm32-unknown-unknown
wasm-opt -Oz --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int \
    --enable-mutable-globals \
    target/wasm32-unknown-unknown/release/sigv4_bearer_wasm.wasm -o sigv4_bearer.wasm
echo "sigv4_bearer.wasm: $(wc -c < sigv4_bearer.wasm) bytes"
