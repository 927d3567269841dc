// The official generators' vectors, byte for byte, and tokens read back.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { createToken, inspectToken } from "../index.js";

const load = (name) =>
  JSON.parse(readFileSync(new URL(`../../../test-vectors/${name}`, import.meta.url), "utf8")).vectors;

const credentialsOf = (v) => ({
  accessKeyId: v.access_key_id,
  secretAccessKey: v.secret_access_key,
  ...(v.session_token === null ? {} : { sessionToken: v.session_token }),
});

for (const [file, service, host] of [
  ["bedrock_python.json", "bedrock", "bedrock.amazonaws.com"],
  ["external_anthropic_python.json", "external-anthropic", "aws-external-anthropic.amazonaws.com"],
]) {
  test(`${file}: every token byte for byte, and read back`, () => {
    const vectors = load(file);
    assert.equal(vectors.length, 120);
    for (const v of vectors) {
      const token = createToken({
        service,
        credentials: credentialsOf(v),
        region: v.region,
        // The Python generators drop a sub-second part, as this does.
        expiresInSeconds: v.expires_in_secs + v.expires_in_micros / 1e6,
        now: new Date(v.now * 1000),
      });
      assert.equal(token, v.token, v.name);
      const info = inspectToken(token);
      assert.deepEqual(
        info,
        {
          service,
          host,
          region: v.region,
          accessKeyId: v.access_key_id,
          signedAt: new Date(v.now * 1000),
          expiresAt: new Date((v.now + v.expires_in_secs) * 1000),
          hasSessionToken: v.session_token !== null,
        },
        v.name,
      );
    }
  });
}

test("the JS generator's tokens read back", () => {
  for (const v of load("bedrock_js.json")) {
    const info = inspectToken(v.token);
    assert.equal(info.region, v.region, v.name);
    assert.equal(info.signedAt.getTime(), v.now * 1000, v.name);
  }
});
