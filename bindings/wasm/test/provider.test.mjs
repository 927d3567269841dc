// getTokenProvider with a fake clock: cached, re-minted at the margin,
// credential expiry first, one mint for concurrent calls, retries after a failure.
import assert from "node:assert/strict";
import { test } from "node:test";

import { getTokenProvider, inspectToken } from "../index.js";

const start = Date.parse("2025-01-02T03:04:05Z");
const fakeClock = () => {
  let ms = start;
  return { clock: () => new Date(ms), advance: (secs) => (ms += secs * 1000) };
};
const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };

test("the token is cached until the margin, then re-minted", async () => {
  const { clock, advance } = fakeClock();
  const provide = getTokenProvider({ credentials, region: "us-east-1", expiresInSeconds: 3600, clock });
  const first = await provide();
  advance(3600 - 301);
  assert.equal(await provide(), first, "still more than 300 s left");
  advance(1);
  const second = await provide();
  assert.notEqual(second, first, "300 s left: re-minted");
  assert.equal(inspectToken(second).signedAt.getTime(), start + (3600 - 300) * 1000);
});

test("a custom margin", async () => {
  const { clock, advance } = fakeClock();
  const provide = getTokenProvider({ credentials, region: "us-east-1", expiresInSeconds: 3600, refreshBeforeExpirySeconds: 0, clock });
  const first = await provide();
  advance(3599);
  assert.equal(await provide(), first);
  advance(1);
  assert.notEqual(await provide(), first);
});

test("credentials that expire first end the token, and are asked for again", async () => {
  const { clock, advance } = fakeClock();
  let calls = 0;
  const source = async () => {
    calls += 1;
    return { ...credentials, sessionToken: `token-${calls}`, expiration: new Date(clock().getTime() + 900 * 1000) };
  };
  const provide = getTokenProvider({ credentials: source, region: "us-east-1", clock });
  const first = await provide();
  assert.equal(inspectToken(first).expiresAt.getTime(), start + 900 * 1000);
  advance(599);
  assert.equal(await provide(), first);
  advance(1);
  assert.notEqual(await provide(), first);
  assert.equal(calls, 2);
});

test("concurrent calls share one mint", async () => {
  const { clock } = fakeClock();
  let calls = 0;
  const source = async () => {
    calls += 1;
    await new Promise((resolve) => setTimeout(resolve, 20));
    return credentials;
  };
  const provide = getTokenProvider({ credentials: source, region: "us-east-1", clock });
  const tokens = await Promise.all([provide(), provide(), provide()]);
  assert.equal(calls, 1);
  assert.equal(new Set(tokens).size, 1);
});

test("a failing credentials function rejects, and the next call retries", async () => {
  const { clock } = fakeClock();
  let fail = true;
  const source = async () => {
    if (fail) throw new Error("no credentials yet");
    return credentials;
  };
  const provide = getTokenProvider({ credentials: source, region: "us-east-1", clock });
  await assert.rejects(provide(), /no credentials yet/);
  fail = false;
  assert.match(await provide(), /^bedrock-api-key-/);
});

test("bad input rejects with the library's code", async () => {
  const provide = getTokenProvider({ credentials, region: "US", clock: fakeClock().clock });
  await assert.rejects(provide(), (e) => e.code === "InvalidRegion");
});
