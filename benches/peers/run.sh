#!/usr/bin/env bash
# Times the official Python and JS generators (the pinned versions of
# test-vectors/) on the Rust benchmark's inputs. Installs under target/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
vectors="$here/../../test-vectors"
work="$here/../../target/peers"
mkdir -p "$work/node"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --requirement "$vectors/requirements.txt"
cp "$vectors/package.json" "$work/node/package.json"
(cd "$work/node" && npm install --silent --no-audit --no-fund)
"$work/venv/bin/python" "$here/python_generators.py"
NODE_PATH="$work/node/node_modules" node "$here/js_generator.js"
