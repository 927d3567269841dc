#!/bin/sh
# Builds the package's generated files beside this one: the two WASM
# modules (mint.wasm with the `mint` feature, inspect.wasm with `inspect`),
# each for wasm32-unknown-unknown then binaryen's wasm-opt, each packed as
# raw DEFLATE by zopfli (target/*.deflate); then build.mjs writes each into
# a JS module and builds index.cjs.
#
# The flags: sha2's unrolled SHA-256 (not its compact one: 60% of a token's
# time at 2.4 KB gzipped more), LLVM's inline threshold raised from opt-level
# "s"'s so that small helpers inline (faster and smaller), and no build
# paths in the modules.
set -eu
cd "$(dirname "$0")"
here=$(pwd)
root=$(cd ../.. && pwd)
for module in mint inspect; do
    RUSTFLAGS="-Cllvm-args=-inline-threshold=100 --remap-path-prefix=$root/= --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}/registry/src/=" \
        cargo build --release --quiet --locked --target wasm32-unknown-unknown \
        --no-default-features --features "$module"
    wasm-opt -Oz --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int \
        --enable-mutable-globals \
        target/wasm32-unknown-unknown/release/sigv4_bearer_wasm.wasm -o "$module.wasm"
    zopfli --deflate -c "$module.wasm" > "target/$module.deflate"
    echo "$module.wasm: $(wc -c < "$module.wasm") bytes, $(wc -c < "target/$module.deflate") deflated"
done
cd "$here"
node build.mjs
