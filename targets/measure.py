#!/usr/bin/env python3
"""Reads QEMU's per-instruction register trace of the probe firmware
(firmware/src/bin/probe.rs) and prints, for each measured call, its peak
stack (the deepest stack pointer below the caller's) and its instruction
count, beside the instructions spent in SHA-256 compressions (from each
entry of sha2's compress256 until it returns, its memcpy included).

Each of the Rust probe's calls must enter its function (found by name in
the ELF) with the stack pointer still at the caller's: the proof that the
call was not inlined into the caller, whose frame is set up before the
first mark, so that its whole stack is counted.

Usage: measure.py ELF ARCH [--steps A,B,...] [NAME=BUDGET ...] < trace
  ARCH is arm or riscv; the trace is QEMU's `-singlestep -d nochain,cpu`,
  prefiltered to the lines holding the PC and SP (see run.sh). --steps
  names the calls between the program's probe_mark calls (default: the
  Rust probe's, each checked as above); the SHA-256 ratios need a step
  named floor. Each budget (e.g. presign_stack=1536, presign_ratio=2.2) is
  an upper bound; any figure over its bound makes the exit status 1.
"""
import re
import subprocess
import sys


def entry(path):
    """A pattern for the legacy-mangled name of the library function whose
    path ends in `path` (e.g. "bedrock::presign_into"), in any module."""
    parts = "".join(f"{len(part)}{re.escape(part)}" for part in path.split("::"))
    return rf"^_ZN12sigv4_bearer(\d+[a-z_0-9]+)*{parts}17h[0-9a-f]{{16}}E$"


# The probe's steps, between consecutive probe_mark calls, and the function
# each one calls (None: not checked).
STEPS = [
    ("presign", entry("bedrock::presign_into")),
    ("verify", entry("verify_into")),
    ("inspect", entry("inspect_into")),
    ("presign_nosession", entry("bedrock::presign_into")),
    ("presign_anthropic", entry("external_anthropic::presign_into")),
    ("presign_url", entry("presign_url_into")),
    ("sign_headers", entry("sign_headers_into")),
    ("minter_token", entry("Minter$LT$S$GT$::token")),
    ("floor", None),
]
FLOOR_BLOCKS = 64


def symbol(elf, pattern):
    """Start and end address of the one function whose name matches."""
    out = subprocess.run(["nm", "-S", elf], check=True, capture_output=True, text=True).stdout
    hits = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 4 and re.search(pattern, parts[3]):
            start = int(parts[0], 16) & ~1  # the Thumb bit is not part of the address
            hits.append((start, start + int(parts[1], 16)))
    if len(hits) != 1:
        sys.exit(f"measure.py: {len(hits)} symbols match {pattern} in {elf}")
    return hits[0]


def instructions(arch, lines):
    """Yields (pc, sp, return address register) for each traced instruction."""
    if arch == "arm":
        for line in lines:
            # R12=... R13=<sp> R14=<lr> R15=<pc>
            if line.startswith("R12="):
                fields = line.split()
                yield int(fields[3][4:], 16), int(fields[1][4:], 16), int(fields[2][4:], 16) & ~1
        return
    pc = None
    for line in lines:
        if line.startswith(" pc "):
            pc = int(line.split()[1], 16)
        elif line.startswith(" x0/zero") and pc is not None:
            # x0/zero 0 x1/ra <ra> x2/sp <sp> ...
            fields = line.split()
            yield pc, int(fields[5], 16), int(fields[3], 16)
            pc = None


def main():
    elf, arch, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
    steps = STEPS
    if rest[:1] == ["--steps"]:
        steps, rest = [(name, None) for name in rest[1].split(",")], rest[2:]
    budgets = rest
    mark, _ = symbol(elf, r"^probe_mark$")
    sha_start, _ = symbol(elf, r"sha256.*compress256")
    entries = [symbol(elf, pattern)[0] if pattern else None for _, pattern in steps]
    # per step: [caller sp, min sp, instructions, in compress256, entered from the caller]
    windows = []
    returns_to = None  # inside compress256 (and what it calls) until this address
    for pc, sp, ret in instructions(arch, sys.stdin):
        if pc == mark:
            windows.append([sp, sp, 0, 0, False])
            continue
        if windows and len(windows) <= len(entries) and pc == entries[len(windows) - 1]:
            windows[-1][4] |= sp == windows[-1][0]
        if returns_to is None and pc == sha_start:
            returns_to = ret
        elif pc == returns_to:
            returns_to = None
        if windows:
            w = windows[-1]
            w[1] = min(w[1], sp)
            w[2] += 1
            w[3] += returns_to is not None
    if len(windows) < len(steps) + 1:
        sys.exit(f"measure.py: saw {len(windows)} marks, want {len(steps) + 1}: did the probe run?")
    names = [name for name, _ in steps]
    for (name, pattern), window in zip(steps, windows):
        if pattern and not window[4]:
            sys.exit(f"measure.py: step {name} never entered {pattern} from its caller's frame")
    figures = {}
    per_block = windows[names.index("floor")][3] / FLOOR_BLOCKS if "floor" in names else None
    for name, (caller_sp, min_sp, count, in_sha, _) in zip(names, windows):
        figures[f"{name}_stack"] = caller_sp - min_sp
        figures[f"{name}_instructions"] = count
        if name != "floor" and per_block and in_sha:
            figures[f"{name}_sha256_instructions"] = in_sha
            figures[f"{name}_compressions"] = round(in_sha / per_block)
            figures[f"{name}_ratio"] = round(count / in_sha, 3)
    if per_block:
        figures["floor_per_compression"] = round(per_block, 1)
    for name, value in figures.items():
        print(f"{name} = {value}")
    over = []
    for budget in budgets:
        name, bound = budget.split("=")
        if name not in figures:
            sys.exit(f"measure.py: no figure named {name}")
        if figures[name] > float(bound):
            over.append(f"{name} = {figures[name]} is over its budget of {bound}")
    for line in over:
        print(f"OVER BUDGET: {line}", file=sys.stderr)
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
