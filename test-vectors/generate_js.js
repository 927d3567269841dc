// Makes the JS reference vectors with the official npm package
// @aws/bedrock-token-generator, under a frozen clock (@sinonjs/fake-timers),
// over the same inputs as bedrock_python.json. Its URLs list the query
// parameters sorted by name, so tests compare the parameter set and the
// signature. See README.md for the pinned versions and how to run it.
"use strict";

const fs = require("fs");
const path = require("path");
const FakeTimers = require("@sinonjs/fake-timers");
const { getToken } = require("@aws/bedrock-token-generator");

const here = __dirname;
const packageVersion = (name) =>
  JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`), "utf8")).version;

async function tokenFor(input) {
  const clock = FakeTimers.install({ now: input.now * 1000, toFake: ["Date"] });
  try {
    const credentials = {
      accessKeyId: input.access_key_id,
      secretAccessKey: input.secret_access_key,
    };
    if (input.session_token !== null) credentials.sessionToken = input.session_token;
    return await getToken({ credentials, region: input.region, expiresInSeconds: input.expires_in_secs });
  } finally {
    clock.uninstall();
  }
}

async function main() {
  const inputs = JSON.parse(fs.readFileSync(path.join(here, "bedrock_python.json"), "utf8")).vectors;
  const vectors = [];
  for (const input of inputs) {
    const { token: _pythonToken, expires_in_micros: _micros, ...rest } = input;
    vectors.push({ ...rest, token: await tokenFor(input) });
  }
  const doc = {
    generator: `@aws/bedrock-token-generator ${packageVersion("@aws/bedrock-token-generator")} ` +
      `(@smithy/signature-v4 ${packageVersion("@smithy/signature-v4")})`,
    vectors,
  };
  // Same layout as the Python files: one-space indent, ASCII only.
  const text = JSON.stringify(doc, null, 1).replace(/[\u0080-\uffff]/g,
    (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
  fs.writeFileSync(path.join(here, "bedrock_js.json"), text + "\n");
  console.log(`bedrock_js.json: ${vectors.length} vectors`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
