"""Records which credentials botocore resolves, case by case, for the CLI's replay.

Each case is a set of AWS files under a temporary HOME, environment variables
and, optionally, an explicit profile (what `--profile` gives the CLI; botocore's
`Session(profile=...)`). Local mock servers stand in for STS, the SSO portal,
the container endpoint and EC2 instance metadata; each answers with an access
key id that says where it came from (an assumed role also names the key that
signed the request), so the recorded key id tells which source botocore used.
cli/tests/precedence.rs starts the same mocks and checks that the CLI resolves
the same key id, or fails where botocore raises.

Placeholders in files and variables: {HOME}, {STS}, {SSO}, {IMDS}, {ECS}.
A rerun writes the same file byte for byte.
"""

import hashlib
import json
import os
import re
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.metadata import version
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import botocore.credentials
import botocore.session
import botocore.tokens

HERE = Path(__file__).resolve().parent
FUTURE = "2099-01-01T00:00:00Z"
FUTURE_MS = 4070908800000
PAST = "2020-01-01T00:00:00Z"


# ---- mock endpoints (cli/tests/common/mocks.rs answers the same way) ----

def xml_credentials(action, key_id):
    return (
        f"<{action}Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><{action}Result>"
        f"<Credentials><AccessKeyId>{key_id}</AccessKeyId><SecretAccessKey>secret{key_id}</SecretAccessKey>"
        f"<SessionToken>token{key_id}</SessionToken><Expiration>{FUTURE}</Expiration></Credentials>"
        f"</{action}Result></{action}Response>"
    )


def sts_reply(form, authorization):
    """(status, body) for an STS query call."""
    role = form["RoleArn"].rsplit("/", 1)[-1]
    if role == "DENIED":
        return 403, ("<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>"
                     "<Message>User is not authorized to perform: sts:AssumeRole</Message>"
                     "</Error></ErrorResponse>")
    if form["Action"] == "AssumeRole":
        signer = re.search(r"Credential=([A-Za-z0-9_]+)/", authorization or "")
        source = signer.group(1) if signer else "UNSIGNED"
        return 200, xml_credentials("AssumeRole", f"ASIA_{role}_FROM_{source}")
    if form["Action"] == "AssumeRoleWithWebIdentity":
        return 200, xml_credentials("AssumeRoleWithWebIdentity",
                                    f"ASIA_WEB_{role}_{form['WebIdentityToken']}")
    return 400, "<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>"


def sso_reply(query, bearer):
    if not bearer:
        return 401, json.dumps({"message": "Session token not found or invalid"})
    account, role = query["account_id"][0], query["role_name"][0]
    return 200, json.dumps({"roleCredentials": {
        "accessKeyId": f"ASIA_SSO_{account}_{role}_{bearer}",
        "secretAccessKey": "ssosecret", "sessionToken": "ssotoken", "expiration": FUTURE_MS}})


def metadata_credentials(key_id):
    return json.dumps({"Code": "Success", "AccessKeyId": key_id, "SecretAccessKey": "mdsecret",
                       "Token": "mdtoken", "Expiration": FUTURE})


class Mock(BaseHTTPRequestHandler):
    kind = None

    def log_message(self, *args):
        pass

    def reply(self, status, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        self.reply(*sts_reply(form, self.headers.get("Authorization")))

    def do_PUT(self):
        if self.path == "/latest/api/token":
            self.reply(200, "IMDSTOKEN")
        else:
            self.reply(404, "")

    def do_GET(self):
        url = urlparse(self.path)
        if self.kind == "sso":
            self.reply(*sso_reply(parse_qs(url.query), self.headers.get("x-amz-sso_bearer_token")))
        elif self.kind == "ecs":
            auth = self.headers.get("Authorization") or "NOAUTH"
            self.reply(200, metadata_credentials(f"ASIA_ECS_{auth}"))
        elif self.headers.get("x-aws-ec2-metadata-token") != "IMDSTOKEN":
            self.reply(401, "")
        elif url.path == "/latest/meta-data/iam/security-credentials/":
            self.reply(200, "IMDSROLE")
        elif url.path == "/latest/meta-data/iam/security-credentials/IMDSROLE":
            self.reply(200, metadata_credentials("ASIA_IMDS_IMDSROLE"))
        else:
            self.reply(404, "")


def serve(kind):
    handler = type(f"Mock_{kind}", (Mock,), {"kind": kind})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


# ---- the cases ----

def sso_cache(key, token, expires=FUTURE):
    """The file `aws sso login` leaves: named by the SHA-1 of the session name or start URL."""
    name = hashlib.sha1(key.encode()).hexdigest()
    return {f".aws/sso/cache/{name}.json": json.dumps(
        {"startUrl": "https://example.awsapps.com/start", "region": "us-east-1",
         "accessToken": token, "expiresAt": expires})}


ENV_KEYS = {"AWS_ACCESS_KEY_ID": "AKID_ENV", "AWS_SECRET_ACCESS_KEY": "envsecret"}
WEB_ENV = {"AWS_WEB_IDENTITY_TOKEN_FILE": "{HOME}/web.jwt", "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/WEBENV"}
CRED_DEFAULT = "[default]\naws_access_key_id = AKID_CRED_DEFAULT\naws_secret_access_key = s\n"
CRED_DEV = "[dev]\naws_access_key_id = AKID_CRED_DEV\naws_secret_access_key = s\n"
CONF_DEFAULT = "[default]\naws_access_key_id = AKID_CONF_DEFAULT\naws_secret_access_key = s\n"
PROCESS = ("credential_process = /bin/echo '{\"Version\": 1, \"AccessKeyId\": \"AKID_PROCESS\", "
           "\"SecretAccessKey\": \"s\", \"SessionToken\": \"t\", \"Expiration\": \"" + FUTURE + "\"}'\n")
ROLE = "role_arn = arn:aws:iam::123456789012:role/{}\n"
SSO_SESSION = ("[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\n"
               "sso_region = us-east-1\n")
SSO_PROFILE = "[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\n"
LEGACY_SSO = ("[profile legacy]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = us-east-1\n"
              "sso_account_id = 444455556666\nsso_role_name = Ops\n")
ECS = {"AWS_CONTAINER_CREDENTIALS_FULL_URI": "{ECS}/v2/credentials"}

CASES = [
    # The environment's keys, and when they lose.
    ("env keys alone", {}, ENV_KEYS, None),
    ("env keys win over the default profile", {"credentials": CRED_DEFAULT}, ENV_KEYS, None),
    ("env keys win over AWS_PROFILE", {"credentials": CRED_DEV}, dict(ENV_KEYS, AWS_PROFILE="dev"), None),
    ("--profile ignores env keys", {"credentials": CRED_DEV}, ENV_KEYS, "dev"),
    ("env session token is optional, AWS_SECURITY_TOKEN read too", {},
     dict(ENV_KEYS, AWS_SECURITY_TOKEN="legacy"), None),
    ("env access key without secret", {}, {"AWS_ACCESS_KEY_ID": "AKID_ENV"}, None),
    # Profiles and the two files.
    ("AWS_PROFILE picks a profile", {"credentials": CRED_DEFAULT + CRED_DEV}, {"AWS_PROFILE": "dev"}, None),
    ("AWS_DEFAULT_PROFILE picks a profile", {"credentials": CRED_DEFAULT + CRED_DEV},
     {"AWS_DEFAULT_PROFILE": "dev"}, None),
    ("AWS_DEFAULT_PROFILE wins over AWS_PROFILE", {"credentials": CRED_DEFAULT + CRED_DEV},
     {"AWS_DEFAULT_PROFILE": "dev", "AWS_PROFILE": "default"}, None),
    ("--profile wins over AWS_PROFILE", {"credentials": CRED_DEFAULT + CRED_DEV}, {"AWS_PROFILE": "default"}, "dev"),
    ("AWS_PROFILE=default with no files", {}, {"AWS_PROFILE": "default"}, None),
    ("AWS_PROFILE that does not exist", {"credentials": CRED_DEFAULT}, {"AWS_PROFILE": "nosuch"}, None),
    ("--profile that does not exist", {"credentials": CRED_DEFAULT}, {}, "nosuch"),
    ("credentials file wins over config file", {"credentials": CRED_DEFAULT, "config": CONF_DEFAULT}, {}, None),
    ("config file static keys", {"config": CONF_DEFAULT}, {}, None),
    ("credentials file missing its secret",
     {"credentials": "[default]\naws_access_key_id = AKID_HALF\n", "config": CONF_DEFAULT}, {}, None),
    ("files moved by AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE",
     {"elsewhere/creds": CRED_DEV, "elsewhere/conf": "[profile dev]\nregion = eu-west-1\n",
      "credentials": CRED_DEV.replace("AKID_CRED_DEV", "AKID_IGNORED")},
     {"AWS_SHARED_CREDENTIALS_FILE": "{HOME}/elsewhere/creds", "AWS_CONFIG_FILE": "{HOME}/elsewhere/conf"}, "dev"),
    # credential_process.
    ("credential_process", {"config": "[default]\n" + PROCESS}, {}, None),
    ("credentials file static keys win over credential_process",
     {"credentials": CRED_DEFAULT, "config": "[default]\n" + PROCESS}, {}, None),
    ("credential_process wins over config file static keys",
     {"config": CONF_DEFAULT + PROCESS}, {}, None),
    ("credential_process in the credentials file", {"credentials": "[default]\n" + PROCESS}, {}, None),
    ("credential_process exits 1",
     {"config": "[default]\ncredential_process = /bin/sh -c 'echo denied >&2; exit 1'\n"}, {}, None),
    ("credential_process Version 2",
     {"config": "[default]\ncredential_process = /bin/echo '{\"Version\": 2, \"AccessKeyId\": \"A\", "
                "\"SecretAccessKey\": \"s\"}'\n"}, {}, None),
    # Assume role.
    ("role with a static source profile",
     {"credentials": "[base]\naws_access_key_id = AKID_BASE\naws_secret_access_key = s\n",
      "config": "[profile app]\n" + ROLE.format("APP") + "source_profile = base\n"}, {}, "app"),
    ("role chain of two",
     {"credentials": "[base]\naws_access_key_id = AKID_BASE\naws_secret_access_key = s\n",
      "config": "[profile mid]\n" + ROLE.format("MID") + "source_profile = base\n"
                "[profile top]\n" + ROLE.format("TOP") + "source_profile = mid\n"}, {}, "top"),
    ("role whose source profile is itself, with static keys",
     {"config": "[profile self]\n" + ROLE.format("SELF") + "source_profile = self\n"
                "aws_access_key_id = AKID_SELF\naws_secret_access_key = s\n"}, {}, "self"),
    ("source profile with keys and a role: its keys are used",
     {"config": "[profile src]\n" + ROLE.format("IGNORED") + "aws_access_key_id = AKID_SRC\n"
                "aws_secret_access_key = s\n[profile app]\n" + ROLE.format("APP") + "source_profile = src\n"},
     {}, "app"),
    ("source_profile loop",
     {"config": "[profile a]\n" + ROLE.format("A") + "source_profile = b\n"
                "[profile b]\n" + ROLE.format("B") + "source_profile = a\n"}, {}, "a"),
    ("source profile that does not exist",
     {"config": "[profile app]\n" + ROLE.format("APP") + "source_profile = ghost\n"}, {}, "app"),
    ("source profile with SSO",
     {"config": SSO_SESSION + SSO_PROFILE + "[profile app]\n" + ROLE.format("APP") + "source_profile = sso\n",
      **sso_cache("corp", "GOODTOKEN")}, {}, "app"),
    ("source profile with credential_process",
     {"config": "[profile proc]\n" + PROCESS + "[profile app]\n" + ROLE.format("APP") + "source_profile = proc\n"},
     {}, "app"),
    ("role wins over static keys of the same profile's chain",
     {"credentials": "[base]\naws_access_key_id = AKID_BASE\naws_secret_access_key = s\n",
      "config": "[default]\n" + ROLE.format("APP") + "source_profile = base\n" + PROCESS}, {}, None),
    ("credential_source Environment", {"config": "[default]\n" + ROLE.format("APP") +
                                       "credential_source = Environment\n"}, ENV_KEYS, None),
    ("credential_source Environment under --profile still reads the env keys",
     {"config": "[profile app]\n" + ROLE.format("APP") + "credential_source = Environment\n"}, ENV_KEYS, "app"),
    ("credential_source Environment with no env keys",
     {"config": "[profile app]\n" + ROLE.format("APP") + "credential_source = Environment\n"}, {}, "app"),
    ("credential_source EcsContainer",
     {"config": "[profile app]\n" + ROLE.format("APP") + "credential_source = EcsContainer\n"}, ECS, "app"),
    ("credential_source Ec2InstanceMetadata",
     {"config": "[profile app]\n" + ROLE.format("APP") + "credential_source = Ec2InstanceMetadata\n"},
     {"imds": True}, "app"),
    ("credential_source that does not exist",
     {"config": "[profile app]\n" + ROLE.format("APP") + "credential_source = Moon\n"}, ENV_KEYS, "app"),
    ("both source_profile and credential_source",
     {"config": "[profile app]\n" + ROLE.format("APP") + "source_profile = app\ncredential_source = Environment\n"},
     ENV_KEYS, "app"),
    ("role_arn with no source", {"config": "[profile app]\n" + ROLE.format("APP")}, {}, "app"),
    ("STS refuses the role (403)",
     {"credentials": "[base]\naws_access_key_id = AKID_BASE\naws_secret_access_key = s\n",
      "config": "[profile app]\n" + ROLE.format("DENIED") + "source_profile = base\n"}, {}, "app"),
    # Web identity.
    ("web identity from the environment", {"web.jwt": "JWT1"}, WEB_ENV, None),
    ("web identity from the environment wins over the default profile's keys",
     {"web.jwt": "JWT1", "credentials": CRED_DEFAULT}, WEB_ENV, None),
    ("env keys win over env web identity", {"web.jwt": "JWT1"}, dict(WEB_ENV, **ENV_KEYS), None),
    ("--profile ignores env web identity", {"web.jwt": "JWT1", "credentials": CRED_DEV}, WEB_ENV, "dev"),
    ("web identity in the profile",
     {"web.jwt": "JWT2", "config": "[profile wi]\n" + ROLE.format("WEBPROF") +
                                   "web_identity_token_file = {HOME}/web.jwt\n"}, {}, "wi"),
    ("AWS_ROLE_ARN overrides the profile's role for web identity",
     {"web.jwt": "JWT3", "config": "[default]\n" + ROLE.format("WEBPROF") +
                                   "web_identity_token_file = {HOME}/web.jwt\n"},
     {"AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/WEBOVERRIDE"}, None),
    ("web identity token file without a role", {"web.jwt": "JWT1"},
     {"AWS_WEB_IDENTITY_TOKEN_FILE": "{HOME}/web.jwt"}, None),
    # SSO.
    ("SSO with an sso-session", {"config": SSO_SESSION + SSO_PROFILE, **sso_cache("corp", "GOODTOKEN")}, {}, "sso"),
    ("legacy SSO profile", {"config": LEGACY_SSO, **sso_cache("https://legacy.awsapps.com/start", "OLDTOKEN")},
     {}, "legacy"),
    ("SSO wins over static keys in the credentials file",
     {"config": SSO_SESSION + SSO_PROFILE, "credentials": "[sso]\naws_access_key_id = AKID_NOTSSO\n"
                                                          "aws_secret_access_key = s\n",
      **sso_cache("corp", "GOODTOKEN")}, {}, "sso"),
    ("expired SSO token, legacy profile",
     {"config": LEGACY_SSO, **sso_cache("https://legacy.awsapps.com/start", "OLDTOKEN", PAST)}, {}, "legacy"),
    ("SSO profile missing sso_role_name",
     {"config": SSO_SESSION + "[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\n"}, {}, "sso"),
    ("SSO profile naming an sso-session that does not exist",
     {"config": "[profile sso]\nsso_session = ghost\nsso_account_id = 1\nsso_role_name = Dev\n"}, {}, "sso"),
    # Containers and instances.
    ("container credentials", {}, ECS, None),
    ("container authorization token", {}, dict(ECS, AWS_CONTAINER_AUTHORIZATION_TOKEN="TOKENVALUE"), None),
    ("container authorization token file wins",
     {"ecs-token": "FILETOKEN"},
     dict(ECS, AWS_CONTAINER_AUTHORIZATION_TOKEN="TOKENVALUE",
          AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE="{HOME}/ecs-token"), None),
    ("config file keys win over container credentials", {"config": CONF_DEFAULT}, ECS, None),
    ("container credentials win over instance metadata", {}, dict(ECS, imds=True), None),
    ("instance metadata", {}, {"imds": True}, None),
    ("instance metadata under --profile with only a region",
     {"config": "[profile bare]\nregion = us-east-1\n"}, {"imds": True}, "bare"),
    ("nothing anywhere", {}, {}, None),
]


def expand(text, places):
    for name, value in places.items():
        text = text.replace("{" + name + "}", value)
    return text


def resolve(files, env, profile, endpoints):
    """The key id botocore resolves, or the exception it raises."""
    with tempfile.TemporaryDirectory() as home:
        places = dict(endpoints, HOME=home)
        for name, text in files.items():
            path = Path(home) / (".aws/" + name if name in ("config", "credentials") else name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(expand(text, places))
        # botocore fixes the SSO cache directory from HOME when imported.
        sso_cache_dir = str(Path(home) / ".aws" / "sso" / "cache")
        botocore.credentials.SSOProvider._SSO_TOKEN_CACHE_DIR = sso_cache_dir
        botocore.tokens.SSOTokenProvider._SSO_TOKEN_CACHE_DIR = sso_cache_dir
        environ = full_env(env)
        os.environ.clear()
        os.environ.update({k: expand(v, places) for k, v in environ.items()})
        try:
            credentials = botocore.session.Session(profile=profile).get_credentials()
            if credentials is None:
                return {"error": "NoCredentialsError"}
            return {"access_key_id": credentials.get_frozen_credentials().access_key}
        except Exception as err:  # the class is what is recorded
            return {"error": type(err).__name__}


def full_env(env):
    """The variables every case has, then the case's; `imds` turns on the mock."""
    environ = {"HOME": "{HOME}", "AWS_DEFAULT_REGION": "us-east-1",
               "AWS_ENDPOINT_URL_STS": "{STS}", "AWS_ENDPOINT_URL_SSO": "{SSO}",
               "AWS_EC2_METADATA_DISABLED": "true"}
    case = dict(env)
    if case.pop("imds", False):
        del environ["AWS_EC2_METADATA_DISABLED"]
        environ["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = "{IMDS}"
    environ.update(case)
    return environ


def main():
    servers = {kind: serve(kind) for kind in ("sts", "sso", "imds", "ecs")}
    endpoints = {kind.upper(): url for kind, (_, url) in servers.items()}
    saved = dict(os.environ)
    cases = []
    try:
        for name, files, env, profile in CASES:
            result = resolve(files, env, profile, endpoints)
            cases.append({"name": name, "profile": profile, "files": files, "env": full_env(env),
                          "botocore": result})
    finally:
        os.environ.clear()
        os.environ.update(saved)
        for server, _ in servers.values():
            server.shutdown()
    doc = {"generator": f"botocore {version('botocore')}", "cases": cases}
    path = HERE / "credential_precedence_botocore.json"
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=True) + "\n")
    errors = sum(1 for c in cases if "error" in c["botocore"])
    print(f"{path.name}: {len(cases)} cases ({errors} where botocore raises)")


if __name__ == "__main__":
    main()
