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
        // The Python generators drop a sub-second part of a timedelta;
        // expiresInSeconds takes whole seconds only (checked below).
        expiresInSeconds: v.expires_in_secs,
        now: new Date(v.now * 1000),
      });
      assert.equal(token, v.token, v.name);
      if (v.expires_in_micros !== 0) {
        const fractional = { service, credentials: credentialsOf(v), region: v.region, now: new Date(v.now * 1000) };
        fractional.expiresInSeconds = v.expires_in_secs + v.expires_in_micros / 1e6;
        assert.throws(() => createToken(fractional), { code: "InvalidLifetime" }, v.name);
      }
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

// What README.md says of the JS generator: the same parameters with the
// same values (so the same signature), in another order (it sorts them by
// name), so the strings differ, with a session token or without.
test("the JS generator's tokens: the same parameters and signature, in its sorted order", () => {
  const query = (token) => atob(token.slice("bedrock-api-key-".length)).split("?")[1].split("&");
  for (const v of load("bedrock_js.json")) {
    const token = createToken({
      credentials: credentialsOf(v),
      region: v.region,
      expiresInSeconds: v.expires_in_secs,
      now: new Date(v.now * 1000),
    });
    const [ours, theirs] = [query(token), query(v.token)];
    assert.deepEqual([...ours].sort(), [...theirs].sort(), v.name);
    assert.notEqual(token, v.token, v.name);
    const names = (q) => q.slice(1, -1).map((p) => p.split("=")[0]); // between Action and Version
    assert.deepEqual(names(theirs), [...names(theirs)].sort(), v.name);
    assert.ok(names(ours).indexOf("X-Amz-SignedHeaders") < names(ours).indexOf("X-Amz-Signature"), v.name);
  }
});
