#!/usr/bin/env bash
# Regenerates every JSON file in this folder with the official generators.
# Needs python3 and npm and the package registries; installs the pinned
# versions under target/ (ignored by git), never in this folder.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work="$here/../target/test-vectors"
mkdir -p "$work/node"

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --requirement "$here/requirements.txt"
"$work/venv/bin/python" "$here/generate_python.py"
"$work/venv/bin/python" "$here/generate_signing.py"
"$work/venv/bin/python" "$here/generate_credential_precedence.py"

cp "$here/package.json" "$work/node/package.json"
(cd "$work/node" && npm install --silent --no-audit --no-fund)
NODE_PATH="$work/node/node_modules" node "$here/generate_js.js"

git -C "$here" status --short -- . || true
