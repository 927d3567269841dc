#!/usr/bin/env bash
# Wall time per call, side by side in one run: the release binary (no cache,
# cache miss, cache hit) and the official Python and JS generators, all with
# the same static keys from the environment. Installs the pinned generators
# under target/ (test-vectors/requirements.txt, test-vectors/package.json).
# Fails if the binary is over its size budget (4,000,000 bytes).
# Usage: cli/bench/wall_time.sh [ROUNDS]   (default 20)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work="$root/target/wall-time"
mkdir -p "$work/node"

cargo build --release --quiet -p sigv4-bearer-cli --manifest-path "$root/Cargo.toml"
if [ ! -x "$work/venv/bin/python" ]; then
    python3 -m venv "$work/venv"
fi
"$work/venv/bin/pip" install --quiet --requirement "$root/test-vectors/requirements.txt"
cp "$root/test-vectors/package.json" "$work/node/package.json"
(cd "$work/node" && npm install --silent --no-audit --no-fund)

binary="$root/target/release/sigv4-bearer"
size=$(stat -c %s "$binary")
budget=4000000
echo "release binary: $size bytes (budget $budget)"
if [ "$size" -gt "$budget" ]; then
    echo "the release binary is over its budget" >&2
    exit 1
fi

BINARY="$binary" PYTHON="$work/venv/bin/python" \
    NODE_PATH="$work/node/node_modules" python3 "$here/wall_time.py" "${1:-20}"
