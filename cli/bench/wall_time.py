"""Times whole calls (process start to exit) of each command, interleaved
round by round so that a noisy machine slows them all alike; prints the
median per call and the ratios, and the release binary's size."""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROUNDS = int(sys.argv[1])
BINARY, PYTHON = os.environ["BINARY"], os.environ["PYTHON"]
CACHE = tempfile.mkdtemp(prefix="sigv4-bearer-bench-")
ENV = {
    "PATH": os.environ["PATH"],
    "HOME": CACHE,
    "NODE_PATH": os.environ["NODE_PATH"],
    "XDG_CACHE_HOME": CACHE,
    "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    "AWS_REGION": "us-east-1",
    "AWS_EC2_METADATA_DISABLED": "true",
}


def clear_cache():
    shutil.rmtree(os.path.join(CACHE, "sigv4-bearer"), ignore_errors=True)


COMMANDS = [
    ("sigv4-bearer token", [BINARY, "token"], None),
    ("sigv4-bearer token --cache (miss)", [BINARY, "token", "--cache", "-v"], clear_cache),
    ("sigv4-bearer token --cache (hit)", [BINARY, "token", "--cache", "-v"], None),
    ("Python: provide_token()", [PYTHON, "-c",
     "from aws_bedrock_token_generator import provide_token; print(provide_token())"], None),
    ("Node: getTokenProvider()()", ["node", "-e",
     "require('@aws/bedrock-token-generator').getTokenProvider()().then(t => console.log(t))"], None),
]


def timed(name, argv):
    start = time.perf_counter()
    done = subprocess.run(argv, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    took = time.perf_counter() - start
    if done.returncode != 0 or not done.stdout.startswith(b"bedrock-api-key-"):
        sys.exit(f"{name} failed: {done.stderr.decode()[-500:]}")
    # -v says whether the cache was used: a miss must mint, a hit must not.
    minted = b"minting" in done.stderr
    if ("(miss)" in name and not minted) or ("(hit)" in name and minted):
        sys.exit(f"{name} was not what it says: {done.stderr.decode()}")
    return took


def main():
    subprocess.run([BINARY, "token", "--cache"], env=ENV, check=True, stdout=subprocess.DEVNULL)
    times = {name: [] for name, _, _ in COMMANDS}
    for _ in range(ROUNDS):
        for name, argv, before in COMMANDS:
            if before:
                before()
            times[name].append(timed(name, argv))
        subprocess.run([BINARY, "token", "--cache"], env=ENV, check=True, stdout=subprocess.DEVNULL)
    python = statistics.median(times["Python: provide_token()"])
    print(f"median wall time per call, {ROUNDS} interleaved rounds:")
    print(f"| command | ms per call | Python generator / this |")
    print(f"|---|---|---|")
    for name, _, _ in COMMANDS:
        median = statistics.median(times[name])
        print(f"| {name} | {median * 1000:.1f} | {python / median:.0f}x |")

    shutil.rmtree(CACHE, ignore_errors=True)


if __name__ == "__main__":
    main()
