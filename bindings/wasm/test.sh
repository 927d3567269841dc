#!/usr/bin/env bash
# The JS package's CI job: installs Chromium, binaryen, zopfli and the npm
# devDependencies, builds the package, runs the ABI's Rust tests natively and
# under Miri, then `node --test` (vectors, bad inputs, the token provider,
# and the page in headless Chromium); packs the tarball and installs it into
# a fresh app of each kind (consumers/: Node ESM and require,
# TypeScript, Bun, Deno, esbuild, Vite, webpack and Rollup pages in
# Chromium, workerd), which also checks the size budget; and prints the size
# and timing table, failing if the official generator's median CPU time per
# token is under 1.5 times createToken's (a guard against a slow build;
# README.md gives the measured ratio). It also builds the modules a second
# time in another directory and checks they are the same bytes (the build
# is reproducible).
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null || ! command -v wasm-opt >/dev/null || ! command -v zopfli >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium binaryen zopfli
fi
command -v npm >/dev/null || { echo "npm is needed" >&2; exit 1; }
rustup target add wasm32-unknown-unknown

cargo fmt -- --check
cargo clippy --all-targets -- -D warnings
cargo test --quiet
cargo +nightly miri test --quiet

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

npm install --no-audit --no-fund --silent
npm run --silent build
SIGV4_BEARER_REQUIRE_BROWSER=1 node --test test/

# The build is reproducible: the same sources built in another directory
# (another depth too) give the same modules, byte for byte.
copy="$work/another/checkout"
mkdir -p "$copy/bindings/wasm"
cp -R ../../src ../../Cargo.toml ../../Cargo.lock ../../README.md ../../LICENSE "$copy/"
tar -c --exclude=./target --exclude=./node_modules . | tar -x -C "$copy/bindings/wasm"
ln -s "$(pwd)/node_modules" "$copy/bindings/wasm/node_modules"
sh "$copy/bindings/wasm/build.sh" >/dev/null
for file in mint.wasm inspect.wasm mint.wasm.js inspect.wasm.js; do
    cmp "$file" "$copy/bindings/wasm/$file" || { echo "$file differs when built in another directory" >&2; exit 1; }
done
echo "reproducible: mint.wasm and inspect.wasm built in $copy are the same bytes"
npm pack --silent --pack-destination "$work" >/dev/null
node consumers/consumers.mjs "$work"/sigv4-bearer-*.tgz "$work/apps"
node bench/measure.mjs --min-ratio 1.5
