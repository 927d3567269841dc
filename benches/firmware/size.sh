#!/usr/bin/env bash
# Builds the firmware program for thumbv7em-none-eabihf and prints its
# .text size; exits 1 if it is over the budget (default 16 KiB).
set -euo pipefail
cd "$(dirname "$0")"
budget=${1:-16384}
cargo build --release --quiet
elf=target/thumbv7em-none-eabihf/release/sigv4-bearer-firmware
# readelf reads any ELF, whatever the host.
text_hex=$(readelf -S -W "$elf" | sed -n 's/.* \.text  *PROGBITS  *[0-9a-f]*  *[0-9a-f]*  *\([0-9a-f]*\) .*/\1/p')
text=$((16#$text_hex))
echo ".text: $text bytes (budget $budget)"
if [ "$text" -gt "$budget" ]; then
    echo "firmware .text is over budget" >&2
    exit 1
fi
