#!/usr/bin/env bash
# Runs the crate where its users run it, and measures it there:
#   - the official vectors on Cortex-M4F (thumbv7em) and Cortex-M0 code
#     (thumbv6m) on QEMU's mps2-an386 board, on RISC-V 32 (riscv32imc) on
#     QEMU virt, and in a wasm32 module under Node;
#   - the library's whole `cargo test` for big-endian s390x under qemu-user;
#   - peak stack through each call and instructions per token on Cortex-M4,
#     v6-M code and RISC-V, read from QEMU's instruction trace (measure.py),
#     each against a budget;
#   - C firmware linked against bindings/c's static library, running the
#     vectors from C on the Cortex-M4 and RISC-V 32, with the token
#     program's size and instructions and every call's stack, each against
#     a budget.
# Installs what it needs itself. Called by .ci/run; runs alone too.
set -euo pipefail
cd "$(dirname "$0")"
step() { printf '\n==> %s\n' "$*"; }

# Budgets: what the last measurement reached, so nothing grows back
# unnoticed (figures and goals in README.md, "Embedded"). Each stack is the
# whole call's, from the caller's stack pointer down: the probe calls
# through pointers the optimizer cannot see through (measure.py checks it).
M4_BUDGETS=(presign_stack=1332 verify_stack=1732 inspect_stack=1004 presign_anthropic_stack=1332
    presign_url_stack=1308 sign_headers_stack=1644 minter_token_stack=1396
    presign_ratio=1.273 presign_nosession_ratio=1.287)
V6M_BUDGETS=(presign_stack=1400 verify_stack=1816 inspect_stack=1080 presign_anthropic_stack=1400
    presign_url_stack=1360 sign_headers_stack=1864 minter_token_stack=1472
    presign_ratio=1.219 presign_nosession_ratio=1.201)
C_BUDGETS=(c_token_stack=1380)
# Every C call's stack from C: the budgets are the table the header
# publishes (bindings/c/include/sigv4_bearer.h), so the header cannot
# promise less than a call takes. Column 1: Cortex-M4, column 2: RISC-V 32.
c_stack_budgets() {
    sed -n 's/^ \*      \(sigv4_bearer_[a-z_]*\) *\([0-9,]*\) *\([0-9,]*\)$/\1 \2 \3/p' \
        ../bindings/c/include/sigv4_bearer.h | tr -d , |
        awk -v col="$1" '{ sub(/^sigv4_bearer_/, "c_", $1); print $1 "_stack=" $(col + 1) }'
}
mapfile -t C_M4_STACK_BUDGETS < <(c_stack_budgets 1)
mapfile -t C_RV_STACK_BUDGETS < <(c_stack_budgets 2)
[ ${#C_M4_STACK_BUDGETS[@]} -eq 8 ] && [ ${#C_RV_STACK_BUDGETS[@]} -eq 8 ] ||
    { echo "run.sh: the header's stack table should name 8 calls" >&2; exit 1; }
# The C program that mints one token (targets/c, -DTOKEN_ONLY): flash in
# bytes, and its instructions per token over the Rust probe's presign. One
# tree measured 18,898 B in one checkout and 18,902 B in another (the
# library is a path dependency of bindings/c, so its symbol hashes, and with
# them the functions' order and padding, follow the checkout's path): the
# budget is the README's upper bound and the goal, 16 KiB: 4,388 B above the
# figure measured (12,072 B), room an instruction saving may spend.
C_FLASH_BUDGET=16384
# The same program linked against the archive a firmware that only mints
# tokens may build (README, "From C": --no-default-features), and that
# call's stack.
C_TOKENS_FLASH_BUDGET=11154
C_TOKENS_BUDGETS=(c_token_stack=1292)
C_INSTRUCTIONS_RATIO=1.05
RV_BUDGETS=(presign_stack=1168 verify_stack=1632 inspect_stack=928 presign_anthropic_stack=1168
    presign_url_stack=1184 sign_headers_stack=1536 minter_token_stack=1264
    presign_ratio=1.232 presign_nosession_ratio=1.204)

bare=(thumbv7em-none-eabihf thumbv6m-none-eabi riscv32imc-unknown-none-elf)
packages=(qemu-system-arm qemu-system-misc qemu-user gcc-s390x-linux-gnu libc6-dev-s390x-cross gcc-arm-none-eabi binutils-arm-none-eabi libnewlib-arm-none-eabi gcc-riscv64-unknown-elf)
step "install: QEMU, the s390x and Arm cross compilers, rustup targets"
missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq
    # The two qemu-system packages' recommends conflict.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
rustup target add "${bare[@]}" wasm32-unknown-unknown s390x-unknown-linux-gnu

for target in "${bare[@]}"; do
    cargo build --release --quiet -p sigv4-bearer-target-firmware --target "$target"
done
cargo build --release --quiet -p sigv4-bearer-target-wasm --target wasm32-unknown-unknown

# Runs ELF on QEMU's board for TARGET, with semihosting, and any further
# QEMU options.
run_on() {
    local target=$1 elf=$2
    shift 2
    local machine
    case "$target" in
        thumb*) machine=(qemu-system-arm -M mps2-an386) ;;
        riscv32*) machine=(qemu-system-riscv32 -M virt -bios none) ;;
    esac
    timeout 300 "${machine[@]}" -nographic -semihosting-config enable=on,target=native \
        "$@" -kernel "$elf"
}

for target in "${bare[@]}"; do
    step "vectors on $target"
    run_on "$target" "target/$target/release/vectors"
done

step "vectors on wasm32-unknown-unknown (Node $(node --version))"
node wasm/run.mjs target/wasm32-unknown-unknown/release/sigv4_bearer_target_wasm.wasm

step "big-endian: the library's cargo test for s390x-unknown-linux-gnu under qemu-user"
(
    cd ..
    export CARGO_TARGET_S390X_UNKNOWN_LINUX_GNU_LINKER=s390x-linux-gnu-gcc
    export CARGO_TARGET_S390X_UNKNOWN_LINUX_GNU_RUNNER="qemu-s390x -L /usr/s390x-linux-gnu"
    cargo test --target s390x-unknown-linux-gnu 2>&1 | grep -E '^(test result|     Running|   Doc-tests)|FAILED|panicked'
    test "${PIPESTATUS[0]}" -eq 0
)

# One traced run of a probe program (ELF, built for TARGET): QEMU logs the
# registers before every instruction into a FIFO; only the lines with the
# PC and SP reach measure.py, which gets the remaining arguments.
probe() {
    local target=$1 elf=$2
    shift 2
    local arch filter
    case "$target" in
        thumb*) arch=arm filter='^R12=' ;;
        riscv32*) arch=riscv filter='^ (pc |x0/zero)' ;;
    esac
    local dir
    dir=$(mktemp -d)
    mkfifo "$dir/trace"
    run_on "$target" "$elf" -singlestep -d nochain,cpu -D "$dir/trace" >"$dir/out" &
    local qemu=$! status=0
    grep -E "$filter" "$dir/trace" | python3 measure.py "$elf" "$arch" "$@" || status=$?
    wait "$qemu" || { cat "$dir/out"; echo "probe $elf failed" >&2; exit 1; }
    cat "$dir/out"
    rm -rf "$dir"
    return "$status"
}

step "stack and instructions on Cortex-M4 (thumbv7em, mps2-an386), 1 KB session token"
probe thumbv7em-none-eabihf target/thumbv7em-none-eabihf/release/probe "${M4_BUDGETS[@]}" | tee target/m4_probe.txt
step "stack and instructions of v6-M code (thumbv6m, on mps2-an386's M4), 1 KB session token"
probe thumbv6m-none-eabi target/thumbv6m-none-eabi/release/probe "${V6M_BUDGETS[@]}"
step "stack and instructions on RISC-V 32 (riscv32imc, virt), 1 KB session token"
probe riscv32imc-unknown-none-elf target/riscv32imc-unknown-none-elf/release/probe "${RV_BUDGETS[@]}"

step "C firmware: the C API's static library from C on Cortex-M4 and RISC-V 32"
c_targets=(thumbv7em-none-eabihf riscv32imc-unknown-none-elf)
for target in "${c_targets[@]}"; do
    # As the README builds it: compact SHA-256 (see benches/firmware).
    triple=$(echo "$target" | tr 'a-z-' 'A-Z_')
    env "CARGO_TARGET_${triple}_RUSTFLAGS=--cfg sha2_backend_soft=\"compact\"" \
        cargo build --release --quiet --target "$target" --manifest-path ../bindings/c/Cargo.toml
done
c_lib() { echo "../bindings/c/target/$1/release/libsigv4_bearer_c.a"; }
../bindings/c/check_archive.sh "$(c_lib thumbv7em-none-eabihf)" arm-none-eabi-ld
../bindings/c/check_archive.sh "$(c_lib riscv32imc-unknown-none-elf)" "riscv64-unknown-elf-ld -m elf32lriscv"
# The archive without every call (README, "From C"): the token, parse_time,
# version and strerror only. Its own target directory, as the features
# change the archive.
tokens_dir=../bindings/c/target/tokens-only
env "CARGO_TARGET_THUMBV7EM_NONE_EABIHF_RUSTFLAGS=--cfg sha2_backend_soft=\"compact\"" \
    cargo build --release --quiet --target thumbv7em-none-eabihf --no-default-features \
    --target-dir "$tokens_dir" --manifest-path ../bindings/c/Cargo.toml
tokens_lib=$tokens_dir/thumbv7em-none-eabihf/release/libsigv4_bearer_c.a
../bindings/c/check_archive.sh "$tokens_lib" arm-none-eabi-ld \
    sigv4_bearer_token sigv4_bearer_parse_time sigv4_bearer_version sigv4_bearer_strerror
mkdir -p target/c
python3 ../bindings/c/tests/gen_vectors.py target/c/vectors_table.c
# Linked as the README says: -Os, sections collected. C_LIBC=1 lets newlib
# provide memcpy/memset/memcmp/strlen (README, "From C"): the names are made
# undefined first so libc's copies are taken before the archive's.
# C_ARCHIVE: another archive than the one with every call.
c_firmware() {
    local libc=()
    if [ "${C_LIBC:-0}" = 1 ]; then
        libc=(-Wl,--undefined=__aeabi_memcpy,--undefined=__aeabi_memcpy4,--undefined=__aeabi_memcpy8
            -Wl,--undefined=__aeabi_memclr,--undefined=__aeabi_memclr4,--undefined=memcmp,--undefined=strlen -lc -lgcc)
    fi
    arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 -Os -g -std=c11 \
        -Wall -Wextra -Werror -ffunction-sections -fdata-sections -nostdlib -nostartfiles \
        -T c/link.ld -I ../bindings/c/include -I ../bindings/c/tests "$@" "${libc[@]}" \
        "${C_ARCHIVE:-$(c_lib thumbv7em-none-eabihf)}" -lgcc -Wl,--gc-sections -Wl,-z,noexecstack
}
c_firmware_riscv() {
    riscv64-unknown-elf-gcc -march=rv32imc -mabi=ilp32 -ffreestanding -Os -g -std=c11 \
        -Wall -Wextra -Werror -ffunction-sections -fdata-sections -nostdlib -nostartfiles \
        -T c/link_riscv.ld -I ../bindings/c/include -I ../bindings/c/tests "$@" \
        "$(c_lib riscv32imc-unknown-none-elf)" -lgcc -Wl,--gc-sections -Wl,--no-warn-rwx-segments
}
# .text + .rodata of ELF.
flash() {
    size -A "$1" | awk '$1 == ".text" || $1 == ".rodata" { sum += $2 } END { print sum }'
}
vectors=(../bindings/c/tests/vectors.c target/c/vectors_table.c)
c_firmware c/startup.c c/main.c "${vectors[@]}" -o target/c/firmware.elf
c_firmware -DTOKEN_ONLY c/startup.c c/main.c -o target/c/token_only.elf
C_LIBC=1 c_firmware -DTOKEN_ONLY c/startup.c c/main.c -o target/c/token_only_libc.elf
c_firmware -DEVERY_CALL c/startup.c c/main.c -o target/c/every_call.elf
C_ARCHIVE=$tokens_lib c_firmware -DTOKEN_ONLY c/startup.c c/main.c -o target/c/token_only_tokens.elf
C_ARCHIVE=$tokens_lib c_firmware -DTOKENS_ONLY_ARCHIVE c/startup.c c/main.c "${vectors[@]}" \
    -o target/c/firmware_tokens.elf
c_firmware_riscv c/startup_riscv.c c/main.c "${vectors[@]}" -o target/c/firmware_riscv.elf
c_firmware_riscv -DEVERY_CALL c/startup_riscv.c c/main.c -o target/c/every_call_riscv.elf
for elf in token_only token_only_libc firmware token_only_tokens; do
    printf '%s: .text %s bytes, .rodata %s bytes\n' "$elf" \
        "$(size -A "target/c/$elf.elf" | awk '$1 == ".text" {print $2}')" \
        "$(size -A "target/c/$elf.elf" | awk '$1 == ".rodata" {print $2}')"
done
c_flash=$(flash target/c/token_only.elf)
echo "C program that mints one token: .text + .rodata = $c_flash bytes (budget $C_FLASH_BUDGET)"
if [ "$c_flash" -gt "$C_FLASH_BUDGET" ]; then
    echo "OVER BUDGET: the C token program's flash" >&2
    exit 1
fi
c_tokens_flash=$(flash target/c/token_only_tokens.elf)
echo "The same against the archive built with --no-default-features: $c_tokens_flash bytes (budget $C_TOKENS_FLASH_BUDGET)"
if [ "$c_tokens_flash" -gt "$C_TOKENS_FLASH_BUDGET" ]; then
    echo "OVER BUDGET: the C token program's flash (archive without every call)" >&2
    exit 1
fi
step "the vectors from C on Cortex-M4 (thumbv7em-none-eabihf, mps2-an386)"
run_on thumbv7em-none-eabihf target/c/firmware.elf
step "the token vectors from C on Cortex-M4, archive built with --no-default-features"
run_on thumbv7em-none-eabihf target/c/firmware_tokens.elf
step "the vectors from C on RISC-V 32 (riscv32imc, virt)"
run_on riscv32imc-unknown-none-elf target/c/firmware_riscv.elf

# Instructions per token of the C call (C) over the Rust probe's (RUST),
# against C_INSTRUCTIONS_RATIO.
instructions_ratio() {
    python3 - "$1" "$2" "$C_INSTRUCTIONS_RATIO" <<'PY'
import sys
c, rust, bound = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
ratio = c / rust
print(f"instructions per token: C {c}, Rust probe {rust}: {ratio:.3f}x (budget {bound}x)")
sys.exit(0 if ratio <= bound else "OVER BUDGET: the C call's instructions against the Rust probe's")
PY
}
step "stack and instructions of sigv4_bearer_token called from C (1 KB session token)"
probe thumbv7em-none-eabihf target/c/token_only.elf --steps c_token "${C_BUDGETS[@]}" | tee target/c/probe.txt
c_instructions=$(sed -n 's/^c_token_instructions = //p' target/c/probe.txt)
rust_instructions=$(sed -n 's/^presign_instructions = //p' target/m4_probe.txt)
instructions_ratio "$c_instructions" "$rust_instructions"
step "the same against the archive built with --no-default-features"
probe thumbv7em-none-eabihf target/c/token_only_tokens.elf --steps c_token "${C_TOKENS_BUDGETS[@]}" |
    tee target/c/probe_tokens.txt
c_instructions=$(sed -n 's/^c_token_instructions = //p' target/c/probe_tokens.txt)
instructions_ratio "$c_instructions" "$rust_instructions"
step "the same with newlib's memcpy/memset (C_LIBC)"
probe thumbv7em-none-eabihf target/c/token_only_libc.elf --steps c_token
printf 'token_only_libc: .text + .rodata = %s bytes\n' "$(flash target/c/token_only_libc.elf)"

# Every call from C once (the header's stack table): main.c -DEVERY_CALL.
c_steps=c_token,c_enter,c_presign_url,c_sign_headers,c_inspect,c_verify,c_parse_time,c_strerror,c_version
step "stack of every C call on Cortex-M4 (the header's table)"
probe thumbv7em-none-eabihf target/c/every_call.elf --steps "$c_steps" "${C_M4_STACK_BUDGETS[@]}" | grep -v c_enter
step "stack of every C call on RISC-V 32 (the header's table)"
probe riscv32imc-unknown-none-elf target/c/every_call_riscv.elf --steps "$c_steps" "${C_RV_STACK_BUDGETS[@]}" | grep -v c_enter

step "all targets passed"
