#!/bin/sh
# Builds the package's generated files beside this one: the two WASM
# modules (mint.wasm with the `mint` feature, inspect.wasm with `inspect`),
# each for wasm32-unknown-unknown then binaryen's wasm-opt, each packed as
# raw DEFLATE by zopfli (target/*.deflate); then build.mjs writes each into
# a JS module and builds index.cjs.
#
# The flags: sha2's unrolled SHA-256 (not its compact one: 60% of a token's
# time at 2.4 KB gzipped more), LLVM's inline threshold lowered from
# opt-level 2's 225 to 50 so that the speed of opt-level 2 (Cargo.toml)
# comes without most of its growth, and no build paths in the modules.
#
# Reproducible: the same sources give the same bytes in any checkout. Cargo
# hashes the absolute path of a path dependency outside the workspace's
# root into its symbol names, which order the module's functions and data,
# so the modules are built from target/repro/Cargo.toml (this Cargo.toml
# with the library reached through target/repro/library, a link to the
# repository: a path inside that workspace's root, hashed relative to it).
set -eu
cd "$(dirname "$0")"
here=$(pwd)
root=$(cd ../.. && pwd)
repro=target/repro
mkdir -p "$repro"
ln -sfn ../../../.. "$repro/library"
sed -e 's#^sigv4-bearer = { path = "../.."#sigv4-bearer = { path = "library"#' \
    -e 's#^crate-type = #path = "../../src/lib.rs"\ncrate-type = #' \
    -e 's#^\[workspace\]#[workspace]\nexclude = ["library"]#' Cargo.toml > "$repro/Cargo.toml"
cp Cargo.lock "$repro/Cargo.lock"
for module in mint inspect; do
    RUSTFLAGS="-Cllvm-args=-inline-threshold=50 --remap-path-prefix=$root/= --remap-path-prefix=library/= --remap-path-prefix=../../src/=src/ --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}/registry/src/=" \
        cargo build --release --quiet --locked --target wasm32-unknown-unknown \
        --manifest-path "$repro/Cargo.toml" --target-dir target \
        --no-default-features --features "$module"
    wasm-opt -Oz --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int \
        --enable-mutable-globals \
        target/wasm32-unknown-unknown/release/sigv4_bearer_wasm.wasm -o "$module.wasm"
    zopfli --deflate -c "$module.wasm" > "target/$module.deflate"
    echo "$module.wasm: $(wc -c < "$module.wasm") bytes, $(wc -c < "target/$module.deflate") deflated"
done
cd "$here"
node build.mjs
