#!/usr/bin/env bash
# The JS package's CI job: installs Chromium, binaryen, zopfli and the npm
# devDependencies, builds the package, runs the ABI's Rust tests natively and
# under Miri, then `node --test` (vectors, bad inputs, the token provider,
# and the page in headless Chromium); packs the tarball and installs it into
# a fresh app of each kind (consumers/: Node ESM and require,
# TypeScript, Bun, Deno, esbuild, Vite, webpack and Rollup pages in
# Chromium, workerd), which also checks the size budget; and prints the size
# and timing table.
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

npm install --no-audit --no-fund --silent
npm run --silent build
SIGV4_BEARER_REQUIRE_BROWSER=1 node --test test/

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npm pack --silent --pack-destination "$work" >/dev/null
node consumers/consumers.mjs "$work"/sigv4-bearer-*.tgz "$work/apps"
node bench/measure.mjs
