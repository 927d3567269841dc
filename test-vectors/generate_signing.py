"""Makes the header-signing and S3 presigning vectors with botocore.

Runs botocore's SigV4Auth and S3SigV4Auth (the Authorization header and the
headers added with it) and S3SigV4QueryAuth (S3 presigned URLs), each under a
frozen clock, over inputs drawn from a fixed seed. It also reproduces with
botocore the cases of AWS's SigV4 test suite, as published in the aws-sigv4
crate, that this crate's inputs can express, and keeps those where botocore
signs as the suite says. A rerun writes the same files byte for byte.
"""

import hashlib
import io
import json
import random
import tarfile
import urllib.request
from importlib.metadata import version
from pathlib import Path
from urllib.parse import parse_qsl

from botocore.auth import S3SigV4Auth, S3SigV4QueryAuth, SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config

from generate_python import (
    EDGE_TIMES, MAX_TIME, NON_ASCII, PRINTABLE_ASCII, REGIONS, S3_NAMES, access_key,
    botocore_credentials, frozen, iso, secret, session_token, utc, write,
)

SEED = 20250103
SUITE_CRATE = "aws-sigv4-1.6.4"
SUITE_SHA256 = "f385da9b7757ed4c8214797ad663ff534fb622006143530aa80e21f8e06ff85c"
SIGNER_HEADERS = ["X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Content-SHA256", "Authorization"]


def header_token(rng, n):
    """Session tokens sent as headers: visible ASCII only."""
    kind = n % 4
    if kind == 0:
        return None
    if kind == 1:
        return PRINTABLE_ASCII[1:]  # without the space
    if kind == 2:
        return "".join(rng.choice("ABCDEFabcdef0123456789+/=") for _ in range(1024))
    return "IQoJb3JpZ2luX2VjE" + "".join(rng.choice("ABCxyz019+/") for _ in range(rng.randint(1, 300)))


def body(rng, n):
    kind = n % 5
    if kind == 0:
        return b""
    if kind == 1:
        return b'{"anthropic_version":"bedrock-2023-05-31","max_tokens":64,"messages":[]}'
    if kind == 2:
        return bytes(rng.randrange(256) for _ in range(rng.randint(1, 300)))
    if kind == 3:
        return NON_ASCII.encode()
    return b"Action=GetCallerIdentity&Version=2011-06-15"


def header_cases():
    rng = random.Random(SEED)
    hosts = [
        "bedrock-runtime.us-east-1.amazonaws.com", "sts.amazonaws.com", "h:8443",
        "MiXeD.Example.COM", "api.example.com:443", "10.1.2.3:9000", "[::1]:8443", "[fe80::1]",
        "bucket.s3.us-west-2.amazonaws.com", "a.b.c.d.e.f.example",
    ]
    paths = [
        "/", "/a/b", "/a/b/", "/a//b", "/a/./b/../c", "/%20spaced%2Fslash", "/../up",
        "/~user/file.tar.gz", "/a-b_c.d~e/%E2%9C%93", "/x/y/../../", "/1/2/3/4/5/6/7/8/9",
        "/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke", "/key%20with%20spaces/./x",
        "/a/b/..", "/a/b/.",
    ]
    methods = ["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH"]
    services = ["bedrock", "sts", "execute-api", "es", "my_svc.v2", "lambda"] + S3_NAMES
    keys = ["Action", "Version", "a", "Z", "X-Amz", "key with space", "caf\u00e9", "k=v&x",
            "~tilde", "-dash", "Aa", "aA", "0", "versionId", "\u65e5\u672c"]
    values = ["", "value", "a b+c", "a/b?c#d", PRINTABLE_ASCII, NON_ASCII, "=&", "123", "~-._"]
    header_names = ["Content-Type", "X-Custom", "a-first", "zzz-last", "x!#$%&'*+.^_`|~",
                    "X-Amz-Date-Like", "accept", "Content-MD5", "x-amz-meta-Name", "Range"]
    header_values = ["application/json", "  padded   inner   runs  ", "tab\there", "\t\tlead",
                     "", PRINTABLE_ASCII, "a  \t  b", "bytes=0-99"]
    payloads = ["empty", "bytes", "bytes", "unsigned"]
    cases = []
    for n in range(240):
        query = [(k, rng.choice(values)) for k in rng.sample(keys, rng.randint(0, 5))]
        headers = [(h, rng.choice(header_values))
                   for h in rng.sample(header_names, rng.randint(0, 4))]
        now = utc(EDGE_TIMES[n]) if n < len(EDGE_TIMES) else rng.randint(0, MAX_TIME)
        payload = payloads[n % len(payloads)]
        data = body(rng, n) if payload == "bytes" else b""
        cases.append({
            "name": f"headers-{n:03d}",
            "method": methods[n % len(methods)],
            "host": hosts[n % len(hosts)],
            "path": paths[n % len(paths)],
            "query": query,
            "headers": headers,
            "payload": payload,
            "body_hex": data.hex(),
            "service": services[n % len(services)],
            "region": REGIONS[(n * 5) % len(REGIONS)],
            "access_key_id": access_key(rng),
            "secret_access_key": secret(rng, n),
            "session_token": header_token(rng, n),
            "now": now,
            "now_iso": iso(now),
        })
    return cases


def signed_headers(case):
    """What botocore adds to the request: the signer's headers, lowercase names."""
    data = bytes.fromhex(case["body_hex"])
    request = AWSRequest(
        method=case["method"],
        url=f"https://{case['host']}{case['path']}",
        params=dict(case["query"]),
        headers=dict(case["headers"]),
        data=data or None,
    )
    unsigned = case["payload"] == "unsigned"
    if case["service"] in S3_NAMES:
        auth = S3SigV4Auth(botocore_credentials(case), case["service"], case["region"])
        if unsigned:
            request.context["client_config"] = Config(s3={"payload_signing_enabled": False})
    else:
        auth = SigV4Auth(botocore_credentials(case), case["service"], case["region"])
        if unsigned:
            request.context["payload_signing_enabled"] = False
    with frozen(case["now"]):
        auth.add_auth(request)
    return {name.lower(): request.headers[name] for name in SIGNER_HEADERS if name in request.headers}


def s3_url_cases():
    rng = random.Random(SEED + 1)
    hosts = ["examplebucket.s3.amazonaws.com", "my.bucket.s3.eu-west-1.amazonaws.com",
             "s3.us-west-2.amazonaws.com", "localhost:9000", "[::1]:9000",
             "ap-1234567890.s3-object-lambda.us-east-1.amazonaws.com",
             "op-01234567890123456.s3-outposts.us-east-1.amazonaws.com"]
    paths = ["/", "/test.txt", "/dir/sub/file.bin", "/a/./b/../c", "//double//slash",
             "/key%20with%20spaces", "/caf%C3%A9.png", "/examplebucket/photos/2006/x.jpg",
             "/%2F%2F", "/~tilde-_.", "/a/b/.."]
    methods = ["GET", "PUT", "HEAD", "DELETE", "POST"]
    keys = ["versionId", "response-content-disposition", "x-id", "partNumber", "uploadId",
            "response-content-type", "prefix", "key with space", "caf\u00e9"]
    values = ["", "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY", "attachment; filename=\"a b.txt\"",
              "GetObject", "1", "text/plain", NON_ASCII, PRINTABLE_ASCII]
    header_names = ["x-amz-acl", "Content-Type", "x-amz-meta-owner", "Range"]
    header_values = ["public-read", "image/png", "  spaced   out  ", "bytes=0-9"]
    cases = []
    for n in range(60):
        query = [(k, rng.choice(values)) for k in rng.sample(keys, rng.randint(0, 3))]
        headers = [(h, rng.choice(header_values)) for h in rng.sample(header_names, rng.randint(0, 2))]
        now = utc(EDGE_TIMES[n]) if n < len(EDGE_TIMES) else rng.randint(0, MAX_TIME)
        cases.append({
            "name": f"s3-url-{n:03d}",
            "method": methods[n % len(methods)],
            "host": hosts[n % len(hosts)],
            "path": paths[n % len(paths)],
            "query": query,
            "headers": headers,
            "service": S3_NAMES[n % len(S3_NAMES)],
            "region": REGIONS[(n * 3) % len(REGIONS)],
            "access_key_id": access_key(rng),
            "secret_access_key": secret(rng, n),
            "session_token": session_token(rng, n),
            "now": now,
            "now_iso": iso(now),
            "expires_in_secs": [1, 604800, 3600, rng.randint(1, 604800)][n % 4],
        })
    return cases


def s3_presigned_url(case):
    request = AWSRequest(
        method=case["method"],
        url=f"https://{case['host']}{case['path']}",
        params=dict(case["query"]),
        headers=dict(case["headers"]),
    )
    auth = S3SigV4QueryAuth(botocore_credentials(case), case["service"], case["region"],
                            expires=case["expires_in_secs"])
    with frozen(case["now"]):
        auth.add_auth(request)
    return request.url


def suite_files():
    """The v4 cases of AWS's SigV4 test suite, from the aws-sigv4 crate."""
    url = f"https://static.crates.io/crates/aws-sigv4/{SUITE_CRATE}.crate"
    blob = urllib.request.urlopen(url, timeout=60).read()
    if hashlib.sha256(blob).hexdigest() != SUITE_SHA256:
        raise SystemExit(f"{SUITE_CRATE}.crate does not have the pinned SHA-256")
    cases = {}
    with tarfile.open(fileobj=io.BytesIO(blob)) as tar:
        prefix = f"{SUITE_CRATE}/aws-signing-test-suite/v4/"
        for member in tar.getmembers():
            if member.isfile() and member.name.startswith(prefix):
                case, _, file = member.name[len(prefix):].partition("/")
                cases.setdefault(case, {})[file] = tar.extractfile(member).read().decode()
    return cases


def suite_case(name, files):
    """The suite case as this crate's inputs, or the reason it does not apply."""
    if "context.json" not in files:
        return None, "no context.json"
    context = json.loads(files["context.json"])
    if not context["normalize"]:
        return None, "unnormalized paths are S3's rule, which this crate keys on the signing name"
    if context.get("omit_session_token"):
        return None, "the session token is added after signing"
    head, _, data = files["request.txt"].partition("\n\n")
    lines = head.split("\n")
    method, target, _ = lines[0].split(" ")
    # Not urlsplit: it reads a path starting with "//" as a host.
    path, _, query = target.partition("?")
    headers, host = [], None
    for line in filter(None, lines[1:]):
        if line.startswith((" ", "\t")):
            return None, "a header value spans lines"
        key, _, value = line.partition(":")
        if key.lower() == "host":
            host = value
        elif key.lower() == "x-amz-date":
            continue  # the signer writes it, with the same time
        else:
            headers.append((key, value))
    names = [k.lower() for k, _ in headers]
    if len(set(names)) != len(names):
        return None, "a header name is given twice"
    if any(not (0x21 <= ord(c) <= 0x7E) or c in "?#" for c in path):
        return None, "the path is not percent-encoded (this crate takes it encoded)"
    if context.get("sign_body"):
        return None, "aws-sigv4 signs x-amz-content-sha256 here; botocore does not"
    creds = context["credentials"]
    now = utc(context["timestamp"].rstrip("Z"))
    return {
        "name": f"suite-{name}",
        "method": method,
        "host": host,
        "path": path,
        "query": parse_qsl(query, keep_blank_values=True),
        "headers": headers,
        "payload": "bytes" if data else "empty",
        "body_hex": data.encode().hex(),
        "service": context["service"],
        "region": context["region"],
        "access_key_id": creds["access_key_id"],
        "secret_access_key": creds["secret_access_key"],
        "session_token": creds.get("token"),
        "now": now,
        "now_iso": iso(now),
    }, None


def suite_cases():
    kept = []
    for name, files in sorted(suite_files().items()):
        case, skipped = suite_case(name, files)
        if case is not None:
            case = dict(case, headers_out=signed_headers(case))
            suite_signature = files["header-signature.txt"].strip()
            if not case["headers_out"]["authorization"].endswith(f"Signature={suite_signature}"):
                skipped = "botocore signs it otherwise than the suite"
            else:
                kept.append(dict(case, suite_signature=suite_signature))
                continue
        print(f"  suite case {name} left out: {skipped}")
    return kept


def main():
    write("sign_headers_botocore.json",
          f"botocore {version('botocore')} SigV4Auth / S3SigV4Auth",
          [dict(c, headers_out=signed_headers(c)) for c in header_cases()])
    write("presign_s3_botocore.json", f"botocore {version('botocore')} S3SigV4QueryAuth",
          [dict(c, url=s3_presigned_url(c)) for c in s3_url_cases()])
    write("sigv4_suite_botocore.json",
          f"AWS SigV4 test suite from {SUITE_CRATE}.crate, reproduced by botocore "
          f"{version('botocore')} SigV4Auth",
          suite_cases())


if __name__ == "__main__":
    main()
