#!/bin/sh
# Builds the package's generated files beside this one: the two WASM
# modules (mint.wasm with the `mint` feature, inspect.wasm with `inspect`),
# each for wasm32-unknown-unknown with the compact SHA-256 then binaryen's
# wasm-opt; then build.mjs packs each into a JS module and builds index.cjs.
set -eu
cd "$(dirname "$0")"
for module in mint inspect; do
    RUSTFLAGS='--cfg sha2_backend_soft="compact"' \
        cargo build --release --quiet --locked --target wasm32-unknown-unknown \
        --no-default-features --features "$module"
    wasm-opt -Oz --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int \
        --enable-mutable-globals \
        target/wasm32-unknown-unknown/release/sigv4_bearer_wasm.wasm -o "$module.wasm"
    echo "$module.wasm: $(wc -c < "$module.wasm") bytes"
done
node build.mjs
