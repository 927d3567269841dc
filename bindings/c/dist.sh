#!/usr/bin/env bash
# Builds the C library's prebuilt archives, one per target, into
# target/dist/sigv4-bearer-c-VERSION-TARGET.tar.gz: include/sigv4_bearer.h,
# lib/libsigv4_bearer_c.a (release, LTO; compact SHA-256 on bare metal; no
# LLVM bitcode sections but on RISC-V),
# LICENSE and a short README (the host one also lib/pkgconfig/sigv4_bearer.pc).
# Each archive is checked (check_archive.sh). With --test it then unpacks
# each one in a fresh directory and links a C program against it:
#   x86_64 Linux: an app built by the archive README's commands (plain and
#   pkg-config), and with -Wall -Wextra -Werror through pkg-config, run;
#   thumbv7em-none-eabihf (-mfloat-abi=hard), thumbv7em-none-eabi
#   (-mfloat-abi=soft) and thumbv6m-none-eabi (-mcpu=cortex-m0): targets/c's
#   firmware with every vector, run on QEMU's mps2-an386 (a Cortex-M4,
#   which runs v6-M code too); riscv32imc: the same on QEMU virt.
# Usage: dist.sh [--test]. Called by .ci/run with --test.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
step() { printf '\n==> %s\n' "$*"; }

# shellcheck source=tests/need.sh
. tests/need.sh
need pkg-config gcc-arm-none-eabi binutils-arm-none-eabi libnewlib-arm-none-eabi gcc-riscv64-unknown-elf \
    qemu-system-arm qemu-system-misc
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
host=x86_64-unknown-linux-gnu
targets=("$host" thumbv6m-none-eabi thumbv7em-none-eabi thumbv7em-none-eabihf riscv32imc-unknown-none-elf)
dist=target/dist
mkdir -p "$dist"

# The compiler builtins carry LLVM bitcode (.llvmbc, .llvmcmd) that no C
# link reads; an older LLVM's linker plugin (clang's LLVMgold in
# bfd-plugins) warns on every member when nm or ar reads it. Removed where
# the target's objcopy can rewrite the archive: riscv64-unknown-elf-objcopy
# 2.40 refuses relocation types the Rust objects use, so RISC-V keeps them.
strip_bitcode() {
    local objcopy
    case "$1" in
        thumb*) objcopy=arm-none-eabi-objcopy ;;
        riscv32*) return 0 ;;
        *) objcopy=objcopy ;;
    esac
    "$objcopy" --remove-section=.llvmbc --remove-section=.llvmcmd "$2"
    if readelf -SW "$2" | grep -qE '\] \.llvm(bc|cmd) '; then
        echo "dist: $2 still holds LLVM bitcode" >&2
        exit 1
    fi
}

linker_of() {
    case "$1" in
        thumb*) echo arm-none-eabi-ld ;;
        riscv32*) echo "riscv64-unknown-elf-ld -m elf32lriscv" ;;
        *) echo ld ;;
    esac
}

rustup target add "${targets[@]}" >/dev/null 2>&1
for target in "${targets[@]}"; do
    step "dist: $target"
    triple=$(echo "$target" | tr 'a-z-' 'A-Z_')
    flags=()
    # Flash-bound firmware takes the compact SHA-256 (see benches/firmware).
    [[ $target == *-none* ]] && flags=("CARGO_TARGET_${triple}_RUSTFLAGS=--cfg sha2_backend_soft=\"compact\"")
    env "${flags[@]}" cargo build --release --quiet --target "$target"
    name=sigv4-bearer-c-$version-$target
    stage=$(mktemp -d)
    mkdir -p "$stage/$name/include" "$stage/$name/lib"
    cp include/sigv4_bearer.h "$stage/$name/include/"
    lib=$stage/$name/lib/libsigv4_bearer_c.a
    cp "target/$target/release/libsigv4_bearer_c.a" "$lib"
    strip_bitcode "$target" "$lib"
    ./check_archive.sh "$lib" "$(linker_of "$target")"
    cp ../../LICENSE "$stage/$name/"
    {
        echo "sigv4-bearer $version: the C API, prebuilt for $target."
        echo
        echo "Bedrock and External Anthropic bearer tokens, SigV4 presigned URLs and"
        echo "signed headers, no heap, no clock. Include include/sigv4_bearer.h and link"
        echo "lib/libsigv4_bearer_c.a; nothing else is needed (the library is no_std)."
        if [ "$target" = "$host" ]; then
            # dist.sh --test runs these indented lines as they are written here.
            echo
            echo "Build app.c from this directory:"
            echo
            echo "    cc -Iinclude app.c lib/libsigv4_bearer_c.a"
            echo
            echo "or through pkg-config (the .pc file finds its directory itself):"
            echo
            echo "    export PKG_CONFIG_PATH=\$PWD/lib/pkgconfig"
            echo "    cc app.c \$(pkg-config --cflags --libs sigv4_bearer)"
        else
            echo "Built with LTO and sha2's compact SHA-256. Link with your C compiler for the"
            echo "same core and float ABI, -ffunction-sections -fdata-sections -Wl,--gc-sections."
        fi
        echo
        echo "The header documents every call, result code, and the stack each call needs."
        echo "Source and documentation: the sigv4-bearer repository (bindings/c, README \"From C\")."
    } >"$stage/$name/README"
    if [ "$target" = "$host" ]; then
        mkdir -p "$stage/$name/lib/pkgconfig"
        cat >"$stage/$name/lib/pkgconfig/sigv4_bearer.pc" <<PC
prefix=\${pcfiledir}/../..
includedir=\${prefix}/include
libdir=\${prefix}/lib

Name: sigv4_bearer
Description: SigV4 bearer tokens, presigned URLs and signed headers (C API of sigv4-bearer)
Version: $version
Cflags: -I\${includedir}
Libs: \${libdir}/libsigv4_bearer_c.a
PC
    fi
    tar -C "$stage" -czf "$dist/$name.tar.gz" "$name"
    rm -rf "$stage"
    ls -l "$dist/$name.tar.gz"
done

[ "${1:-}" = --test ] || exit 0

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 tests/gen_vectors.py "$work/vectors_table.c"
firmware=../../targets/c
unpack() {
    tar -C "$work" -xzf "$dist/sigv4-bearer-c-$version-$1.tar.gz"
    echo "$work/sigv4-bearer-c-$version-$1"
}
qemu_arm() {
    timeout 300 qemu-system-arm -M mps2-an386 -nographic -semihosting-config enable=on,target=native -kernel "$1"
}

step "dist --test: $host, the archive README's commands as written (plain, then pkg-config)"
root=$(unpack "$host")
cp tests/cmake/host/app.c "$root/"
# Each indented line of the README, in order; each cc is followed by a run.
readme_script=$(awk '/^    / { line = substr($0, 5); print line; if (line ~ /^cc /) print "./a.out && rm a.out" }' "$root/README")
[ "$(grep -c '^cc ' <<<"$readme_script")" = 2 ] || { echo "README: expected 2 cc commands" >&2; exit 1; }
printf '%s\n' "$readme_script"
(cd "$root" && env -u PKG_CONFIG_PATH bash -euo pipefail -c "$readme_script")
# shellcheck disable=SC2046 # pkg-config's flags are words
cc -std=c11 -Wall -Wextra -Werror tests/cmake/host/app.c \
    $(PKG_CONFIG_PATH="$root/lib/pkgconfig" pkg-config --cflags --libs sigv4_bearer) -o "$work/app"
"$work/app"

arm_firmware() {
    local target=$1 elf=$2
    shift 2
    local root
    root=$(unpack "$target")
    arm-none-eabi-gcc -mthumb "$@" -Os -std=c11 -Wall -Wextra -Werror -ffunction-sections -fdata-sections \
        -nostdlib -nostartfiles -T "$firmware/link.ld" -I "$root/include" -I tests \
        "$firmware/startup.c" "$firmware/main.c" tests/vectors.c "$work/vectors_table.c" \
        "$root/lib/libsigv4_bearer_c.a" -lgcc -Wl,--gc-sections -Wl,-z,noexecstack -o "$elf"
}
step "dist --test: thumbv7em-none-eabihf, a hard-float Cortex-M4F firmware on QEMU"
arm_firmware thumbv7em-none-eabihf "$work/m4f.elf" -mcpu=cortex-m4 -mfloat-abi=hard -mfpu=fpv4-sp-d16
qemu_arm "$work/m4f.elf"
step "dist --test: thumbv7em-none-eabi, a soft-float (-mfloat-abi=soft) Cortex-M4 firmware on QEMU"
arm_firmware thumbv7em-none-eabi "$work/m4.elf" -mcpu=cortex-m4 -mfloat-abi=soft
qemu_arm "$work/m4.elf"
step "dist --test: thumbv6m-none-eabi, a Cortex-M0 firmware on QEMU"
arm_firmware thumbv6m-none-eabi "$work/m0.elf" -mcpu=cortex-m0
qemu_arm "$work/m0.elf"

step "dist --test: riscv32imc-unknown-none-elf, a rv32imc firmware on QEMU virt"
root=$(unpack riscv32imc-unknown-none-elf)
riscv64-unknown-elf-gcc -march=rv32imc -mabi=ilp32 -ffreestanding -Os -std=c11 -Wall -Wextra -Werror \
    -ffunction-sections -fdata-sections -nostdlib -nostartfiles -T "$firmware/link_riscv.ld" \
    -I "$root/include" -I tests "$firmware/startup_riscv.c" "$firmware/main.c" tests/vectors.c \
    "$work/vectors_table.c" "$root/lib/libsigv4_bearer_c.a" -lgcc -Wl,--gc-sections \
    -Wl,--no-warn-rwx-segments -o "$work/rv32.elf"
timeout 300 qemu-system-riscv32 -M virt -bios none -nographic -semihosting-config enable=on,target=native \
    -kernel "$work/rv32.elf"
step "dist: every archive built, linked and run"
