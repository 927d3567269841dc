"""Makes the Python reference vectors with the official generators.

Runs the PyPI packages aws-bedrock-token-generator and
token-generator-for-aws-external-anthropic (tokens), botocore's SigV4QueryAuth
(presigned URLs) and boto3's RDS / DSQL token functions, each under a frozen
clock, over inputs drawn from a fixed seed. A rerun writes the same files byte
for byte. See README.md for the pinned versions and how to run it.
"""

import json
import random
from datetime import datetime, timedelta, timezone
from importlib.metadata import version
from pathlib import Path

import boto3
import freezegun
from botocore.auth import S3SigV4QueryAuth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

import aws_bedrock_token_generator as bedrock_gen
import token_generator_for_aws_external_anthropic as anthropic_gen

HERE = Path(__file__).resolve().parent
S3_NAMES = ["s3", "s3-object-lambda", "s3-outposts"]
SEED = 20250102

REGIONS = [
    "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "ca-west-1",
    "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-3", "eu-north-1", "eu-south-2",
    "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "ap-south-2", "ap-east-1",
    "me-central-1", "il-central-1", "af-south-1", "sa-east-1", "mx-central-1",
    "us-gov-west-1", "us-gov-east-1", "cn-north-1", "cn-northwest-1",
    "us-iso-east-1", "us-iso-west-1", "us-isob-east-1", "us-isof-south-1",
    "eu-isoe-west-1", "eusc-de-east-1",
]

# Edge times, as ISO strings: the epoch, leap days, year ends, the last
# second of year 9999.
EDGE_TIMES = [
    "1970-01-01T00:00:00", "1970-01-01T00:00:01", "1999-12-31T23:59:59",
    "2000-02-29T00:00:00", "2000-02-29T23:59:59", "2000-03-01T00:00:00",
    "2004-02-29T12:00:00", "2024-02-29T00:00:00", "2024-12-31T23:59:59",
    "2025-01-01T00:00:00", "2025-01-02T03:04:05", "2038-01-19T03:14:08",
    "2100-02-28T23:59:59", "2100-03-01T00:00:00", "2400-02-29T06:30:00",
    "9999-12-31T23:59:59",
]
MAX_TIME = int(datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone.utc).timestamp())
PRINTABLE_ASCII = "".join(chr(c) for c in range(0x20, 0x7F))
NON_ASCII = "caf\u00e9 \u00fcber \u65e5\u672c\u8a9e \U0001F680 \u0394\u03b8 \u00a0end"
EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"


def utc(iso):
    return int(datetime.fromisoformat(iso).replace(tzinfo=timezone.utc).timestamp())


def iso(secs):
    return datetime.fromtimestamp(secs, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def frozen(secs):
    return freezegun.freeze_time(datetime.fromtimestamp(secs, tz=timezone.utc))


def access_key(rng):
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    head = rng.choice(["AKIA", "ASIA", "AKID", "A_b1"])
    return head + "".join(rng.choice(alphabet) for _ in range(rng.choice([12, 16, 20])))


def secret(rng, n):
    kind = n % 6
    if kind == 0:
        return EXAMPLE_SECRET
    if kind == 1:  # "AWS4" + secret is over SHA-256's 64-byte block: HMAC hashes the key
        return "".join(rng.choice("abcdefXYZ0123+/") for _ in range(rng.randint(61, 200)))
    if kind == 2:
        return PRINTABLE_ASCII
    if kind == 3:
        return NON_ASCII
    if kind == 4:  # exactly 60 bytes: "AWS4" + secret fills the block exactly
        return "".join(rng.choice("ABCdef789/+") for _ in range(60))
    return "".join(rng.choice("ABCDEFGHIJabcdefghij0123456789/+") for _ in range(40))


def session_token(rng, n):
    kind = n % 5
    if kind == 0:
        return None
    if kind == 1:
        return PRINTABLE_ASCII
    if kind == 2:
        return NON_ASCII
    if kind == 3:  # about 1 KB, like STS tokens
        return "".join(rng.choice("ABCDEFabcdef0123456789+/=") for _ in range(1024))
    return "IQoJb3JpZ2luX2VjE" + "".join(rng.choice("ABCxyz019+/") for _ in range(rng.randint(1, 300)))


def token_cases(count):
    """Inputs shared by every token generator (the JS script reads them too)."""
    rng = random.Random(SEED)
    cases = []
    for n in range(count):
        if n < len(EDGE_TIMES):
            now = utc(EDGE_TIMES[n])
        else:
            now = rng.randint(0, MAX_TIME)
        lifetime = [1, 43200][n % 2] if n % 7 < 2 else rng.randint(1, 43200)
        # Python takes int(total_seconds()): a sub-second part is dropped.
        micros = rng.randint(1, 999999) if n % 11 == 3 and lifetime < 43200 else 0
        cases.append({
            "name": f"case-{n:03d}",
            "access_key_id": access_key(rng),
            "secret_access_key": secret(rng, n),
            "session_token": session_token(rng, n),
            "region": REGIONS[n % len(REGIONS)],
            "now": now,
            "now_iso": iso(now),
            "expires_in_secs": lifetime,
            "expires_in_micros": micros,
        })
    return cases


def botocore_credentials(case):
    return Credentials(case["access_key_id"], case["secret_access_key"], case["session_token"])


def bedrock_token(case):
    class Provider:  # what provide_token expects: an object with load()
        def load(self):
            return botocore_credentials(case)

    expiry = timedelta(seconds=case["expires_in_secs"], microseconds=case["expires_in_micros"])
    with frozen(case["now"]):
        return bedrock_gen.provide_token(
            region=case["region"], aws_credentials_provider=Provider(), expiry=expiry)


def anthropic_token(case):
    expiry = timedelta(seconds=case["expires_in_secs"], microseconds=case["expires_in_micros"])
    with frozen(case["now"]):
        return anthropic_gen.get_token(
            credentials=botocore_credentials(case), region=case["region"], expiry=expiry)


def url_cases():
    """Generic presign inputs: methods, hosts with ports, paths, params, headers, services."""
    rng = random.Random(SEED + 1)
    hosts = [
        "iam.amazonaws.com", "db.example.us-east-1.rds.amazonaws.com:5432", "h:8443",
        "MiXeD.Example.COM", "api.example.com:443", "10.1.2.3:9000", "[::1]:8443",
        "[fe80::1]", "sts.us-gov-west-1.amazonaws.com", "a.b.c.d.e.f.example",
    ]
    paths = [
        "/", "/a/b", "/a/b/", "/a//b", "/a/./b/../c", "/%20spaced%2Fslash", "/../up",
        "/~user/file.tar.gz", "/a-b_c.d~e/%E2%9C%93", "/x/y/../../", "/1/2/3/4/5/6/7/8/9",
    ]
    methods = ["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS", "CONNECT"]
    services = ["rds-db", "dsql", "sts", "execute-api", "iam", "es", "s3-object-lambda", "my_svc.v2"]
    keys = ["Action", "Version", "DBUser", "a", "Z", "X-Amz", "X-Amzz", "x_amz", "key with space",
            "caf\u00e9", "k=v&x", "~tilde", "-dash", "Aa", "aA", "0", "Y", "\u65e5\u672c"]
    values = ["", "value", "a b+c", "a/b?c#d", PRINTABLE_ASCII, NON_ASCII, "=&", "123", "~-._"]
    header_names = ["x-k8s-aws-id", "Content-Type", "X-Custom", "a-first", "zzz-last",
                    "x!#$%&'*+.^_`|~", "X-Amz-Date-Like", "accept"]
    # Not "application/x-www-form-urlencoded; charset=utf-8": SigV4QueryAuth
    # deletes a content-type of exactly that value (its own default) before
    # signing, where this crate signs what it is given (see README.md).
    header_values = ["my-cluster", "application/x-www-form-urlencoded",
                     "  padded   inner   runs  ", "tab\there", "", PRINTABLE_ASCII]
    cases = []
    for n in range(60):
        query = [(k, rng.choice(values)) for k in rng.sample(keys, rng.randint(0, 6))]
        headers = [(h, rng.choice(header_values)) for h in rng.sample(header_names, rng.randint(0, 3))]
        now = utc(EDGE_TIMES[n]) if n < len(EDGE_TIMES) else rng.randint(0, MAX_TIME)
        cases.append({
            "name": f"url-{n:03d}",
            "method": methods[n % len(methods)],
            "host": hosts[n % len(hosts)],
            "path": paths[n % len(paths)],
            "query": query,
            "headers": headers,
            "service": services[n % len(services)],
            "region": REGIONS[(n * 7) % len(REGIONS)],
            "access_key_id": access_key(rng),
            "secret_access_key": secret(rng, n),
            "session_token": session_token(rng, n),
            "now": now,
            "now_iso": iso(now),
            "expires_in_secs": [1, 604800, 900, rng.randint(1, 604800)][n % 4],
        })
    return cases


def presigned_url(case):
    request = AWSRequest(
        method=case["method"],
        url=f"https://{case['host']}{case['path']}",
        params=dict(case["query"]),
        headers=dict(case["headers"]),
    )
    # botocore presigns the S3 signing names with S3SigV4QueryAuth.
    signer = S3SigV4QueryAuth if case["service"] in S3_NAMES else SigV4QueryAuth
    auth = signer(botocore_credentials(case), case["service"], case["region"],
                  expires=case["expires_in_secs"])
    with frozen(case["now"]):
        auth.add_auth(request)
    return request.url


def db_token_cases():
    rng = random.Random(SEED + 2)
    users = ["app", "admin user", "user@example.com", "caf\u00e9", "a+b/c=d"]
    cases = []
    for n in range(30):
        kind = ["rds", "dsql", "dsql-admin"][n % 3]
        host = {
            "rds": f"db{n}.cluster-abc.{REGIONS[n % 8]}.rds.amazonaws.com",
            "dsql": f"abcdefghij{n}.dsql.{REGIONS[n % 8]}.on.aws",
            "dsql-admin": f"klmnopqrst{n}.dsql.{REGIONS[n % 8]}.on.aws",
        }[kind]
        now = utc(EDGE_TIMES[n]) if n < len(EDGE_TIMES) else rng.randint(0, MAX_TIME)
        cases.append({
            "name": f"{kind}-{n:03d}",
            "kind": kind,
            "host": host,
            "port": [5432, 3306, 1][n % 3] if kind == "rds" else None,
            "user": users[n % len(users)] if kind == "rds" else None,
            "region": REGIONS[n % 8],
            "access_key_id": access_key(rng),
            "secret_access_key": secret(rng, n),
            "session_token": session_token(rng, n),
            "now": now,
            "now_iso": iso(now),
            "expires_in_secs": 900 if kind == "rds" else [900, 1, 604800, rng.randint(1, 604800)][n % 4],
        })
    return cases


def db_token(case):
    kwargs = {
        "region_name": case["region"],
        "aws_access_key_id": case["access_key_id"],
        "aws_secret_access_key": case["secret_access_key"],
        "aws_session_token": case["session_token"],
    }
    with frozen(case["now"]):
        if case["kind"] == "rds":
            client = boto3.client("rds", **kwargs)
            return client.generate_db_auth_token(
                DBHostname=case["host"], Port=case["port"], DBUsername=case["user"],
                Region=case["region"])
        client = boto3.client("dsql", **kwargs)
        make = (client.generate_db_connect_admin_auth_token if case["kind"] == "dsql-admin"
                else client.generate_db_connect_auth_token)
        return make(Hostname=case["host"], Region=case["region"], ExpiresIn=case["expires_in_secs"])


def write(name, generator, cases):
    path = HERE / name
    doc = {"generator": generator, "vectors": cases}
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=True) + "\n")
    print(f"{name}: {len(cases)} vectors")


def main():
    cases = token_cases(120)
    write("bedrock_python.json",
          f"aws-bedrock-token-generator {version('aws-bedrock-token-generator')} "
          f"(botocore {version('botocore')})",
          [dict(c, token=bedrock_token(c)) for c in cases])
    write("external_anthropic_python.json",
          f"token-generator-for-aws-external-anthropic "
          f"{version('token-generator-for-aws-external-anthropic')} (botocore {version('botocore')})",
          [dict(c, token=anthropic_token(c)) for c in cases])
    write("presign_url_botocore.json",
          f"botocore {version('botocore')} SigV4QueryAuth (S3SigV4QueryAuth for S3 names)",
          [dict(c, url=presigned_url(c)) for c in url_cases()])
    write("db_tokens_boto3.json",
          f"boto3 {version('boto3')} generate_db_auth_token / generate_db_connect_[admin_]auth_token",
          [dict(c, token=db_token(c)) for c in db_token_cases()])


if __name__ == "__main__":
    main()
