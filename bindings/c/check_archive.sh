#!/usr/bin/env bash
# Checks a built libsigv4_bearer_c.a the way a C link sees it:
#   - the library's own object (LTO makes it one) defines no global symbol
#     but the API's sigv4_bearer_*: no Rust-internal `_ZN...`, `rust_*`,
#     `__rust*` that could clash with another Rust library in the firmware;
#   - what linking the API pulls in (ld -r with the API names undefined):
#     the API and the compiler builtins it calls, nothing else;
#   - no path of this build machine (the checkout, $HOME, CARGO_HOME) in
#     any byte of the archive.
# Prints the counts. Usage: check_archive.sh ARCHIVE LD [NAME...]   (LD:
# the target's linker, e.g. ld, arm-none-eabi-ld, "riscv64-unknown-elf-ld -m
# elf32lriscv"; NAMEs: the functions the archive must export, no more, for
# an archive built without every call (default: every function the header
# declares))
set -euo pipefail
archive=$1
read -r -a ld <<<"$2"
shift 2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
status=0
fail() { echo "check_archive: $archive: $*" >&2; status=1; }

# The API: every function the header declares, or the NAMEs given.
mapfile -t declared < <(sed -n 's/^[a-z].*[ *]\(sigv4_bearer_[a-z0-9_]*\)(.*/\1/p' "$here/include/sigv4_bearer.h" | sort -u)
[ ${#declared[@]} -gt 0 ] || fail "no function found in the header"
if [ $# -gt 0 ]; then
    api=("$@")
    for name in "${api[@]}"; do
        printf '%s\n' "${declared[@]}" | grep -qx "$name" || fail "$name is not in the header"
    done
else
    api=("${declared[@]}")
fi

# Defined global symbols, as "member symbol" lines (readelf reads any ELF).
globals() {
    readelf -sW "$1" 2>/dev/null | awk -v member=- '
        /^File: /{ member = $2 }
        ($5 == "GLOBAL" || $5 == "WEAK") && $7 != "UND" && $8 != "" { print member, $8 }'
}
own=$(globals "$archive" | grep -E '\(sigv4_bearer_c[.-]' | awk '{print $2}' | sort -u)
exported=$(echo "$own" | grep -c . || true)
bad=$(echo "$own" | grep -v -e '^sigv4_bearer_' -e '^$' || true)
[ -z "$bad" ] || fail "the library object exports more than the API: $(echo "$bad" | head -5 | tr '\n' ' ')"
for name in "${api[@]}"; do
    echo "$own" | grep -qx "$name" || fail "$name is declared but not exported"
done
extra=$(echo "$own" | grep -vxF -f <(printf '%s\n' "${api[@]}") -e '' || true)
[ -z "$extra" ] || fail "exports more than asked: $(echo "$extra" | tr '\n' ' ')"
internal=$(globals "$archive" | awk '{print $2}' | grep -c -e '^_ZN' -e '^rust_' || true)
if [ "$internal" -gt 0 ]; then
    fail "a member exports a Rust-internal symbol (_ZN*, rust_*): is LTO off?"
fi

# What a program that calls every API function links from the archive.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
undefined=()
for name in "${api[@]}"; do undefined+=(-u "$name"); done
"${ld[@]}" -r "${undefined[@]}" "$archive" -o "$work/linked.o"
pulled=$(globals "$work/linked.o" | awk '{print $2}' | sort -u)
rust=$(echo "$pulled" | grep -e '^_ZN' -e '^rust_' -e '^__rust' || true)
[ -z "$rust" ] || fail "a link pulls Rust-internal symbols: $(echo "$rust" | head -5 | tr '\n' ' ')"
builtins=$(echo "$pulled" | grep -v -e '^sigv4_bearer_' -e '^$' || true)

for path in "$root" "$HOME" "${CARGO_HOME:-$HOME/.cargo}"; do
    if [ "$(strings -a "$archive" | grep -cF "$path" || true)" -gt 0 ]; then
        fail "contains the build machine's path $path"
    fi
done

printf '%s: the library object exports %d symbols; a link of the API pulls %d compiler builtins: %s\n' \
    "$archive" "$exported" \
    "$(echo "$builtins" | grep -c . || true)" "$(echo "$builtins" | tr '\n' ' ')"
exit "$status"
