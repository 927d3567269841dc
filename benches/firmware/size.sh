#!/usr/bin/env bash
# Builds the firmware program for thumbv7em-none-eabihf (one Bedrock token
# with presign_into) and prints its .text and .rodata sizes and the largest
# functions; exits 1 if either section is over its budget.
# Usage: size.sh [TEXT_BUDGET [RODATA_BUDGET]]   (bytes; defaults: CI's)
set -euo pipefail
cd "$(dirname "$0")"
text_budget=${1:-7902}
rodata_budget=${2:-2232}
cargo build --release --quiet
elf=target/thumbv7em-none-eabihf/release/sigv4-bearer-firmware
# readelf reads any ELF, whatever the host.
section() {
    local hex
    hex=$(readelf -S -W "$elf" | sed -n "s/.* \\$1  *PROGBITS  *[0-9a-f]*  *[0-9a-f]*  *\\([0-9a-f]*\\) .*/\\1/p")
    echo $((16#$hex))
}
text=$(section .text)
rodata=$(section .rodata)
echo ".text: $text bytes (budget $text_budget), .rodata: $rodata bytes (budget $rodata_budget)"
echo "largest functions (bytes):"
if command -v nm >/dev/null; then
    nm -C --size-sort -S "$elf" | grep ' [tT] ' | tail -n 8 | while read -r _ size _ name; do
        printf '  %6d  %s\n' "$((16#$size))" "$name"
    done | sort -rn
fi
status=0
if [ "$text" -gt "$text_budget" ]; then
    echo "firmware .text is over budget" >&2
    status=1
fi
if [ "$rodata" -gt "$rodata_budget" ]; then
    echo "firmware .rodata is over budget" >&2
    status=1
fi
exit "$status"
