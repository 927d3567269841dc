// Every bad input: a SigV4BearerError whose code names it, never a token.
import assert from "node:assert/strict";
import { test } from "node:test";

import { createToken, inspectToken, SigV4BearerError } from "../index.js";

const now = new Date("2025-01-02T03:04:05Z");
const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const good = { credentials, region: "us-west-2", now, expiresInSeconds: 3600 };

const refused = (options, code) =>
  assert.throws(
    () => createToken(options),
    (error) => error instanceof SigV4BearerError && error.code === code && error.message.length > 0,
    `${JSON.stringify(options)} -> ${code}`,
  );

test("a good call mints, defaulting to Bedrock and 12 hours", () => {
  const token = createToken({ credentials, region: "us-west-2", now });
  assert.match(token, /^bedrock-api-key-/);
  assert.equal(inspectToken(token).expiresAt.getTime() - now.getTime(), 43200 * 1000);
  assert.match(createToken({ ...good, service: "external-anthropic" }), /^aws-external-anthropic-api-key-/);
});

// A wrong JS type is InvalidArgument, and its message names the field.
const wrongType = (options, field) =>
  assert.throws(
    () => createToken(options),
    (error) => error instanceof SigV4BearerError && error.code === "InvalidArgument" && error.message.startsWith(`${field} must be`),
    `${field} -> InvalidArgument`,
  );

test("missing fields and wrong types", () => {
  for (const options of [undefined, null, 42, "x"]) wrongType(options, "options");
  refused({ ...good, service: "s3" }, "InvalidService");
  wrongType({ ...good, service: 0 }, "service");
  wrongType({ ...good, credentials: undefined }, "credentials");
  wrongType({ ...good, credentials: "AKID:secret" }, "credentials");
  wrongType({ ...good, credentials: { secretAccessKey: "s" } }, "credentials.accessKeyId");
  wrongType({ ...good, credentials: { accessKeyId: 7, secretAccessKey: "s" } }, "credentials.accessKeyId");
  wrongType({ ...good, credentials: { accessKeyId: "AKID" } }, "credentials.secretAccessKey");
  wrongType({ ...good, credentials: { accessKeyId: "AKID", secretAccessKey: undefined } }, "credentials.secretAccessKey");
  wrongType({ ...good, credentials: { ...credentials, sessionToken: 5 } }, "credentials.sessionToken");
  wrongType({ ...good, credentials: { ...credentials, sessionToken: null } }, "credentials.sessionToken");
  wrongType({ ...good, credentials: { ...credentials, expiration: "tomorrow" } }, "credentials.expiration");
  wrongType({ ...good, credentials: { ...credentials, expiration: 1735787045000 } }, "credentials.expiration");
  refused({ ...good, credentials: { ...credentials, expiration: new Date(NaN) } }, "InvalidExpiration");
  wrongType({ ...good, region: undefined }, "region");
  wrongType({ ...good, region: 1 }, "region");
  wrongType({ ...good, expiresInSeconds: "3600" }, "expiresInSeconds");
  wrongType({ ...good, expiresInSeconds: 3600n }, "expiresInSeconds");
  wrongType({ ...good, expiresInSeconds: null }, "expiresInSeconds");
  refused({ ...good, expiresInSeconds: NaN }, "InvalidLifetime");
  wrongType({ ...good, now: 1735787045 }, "now");
  wrongType({ ...good, now: 1735787045n }, "now");
  wrongType({ ...good, now: "2025-01-02T03:04:05Z" }, "now");
  wrongType({ ...good, now: null }, "now");
  refused({ ...good, now: new Date(NaN) }, "TimeOutOfRange");
});

test("bad values, as the library names them", () => {
  refused({ ...good, region: "US-WEST-2" }, "InvalidRegion");
  refused({ ...good, region: "" }, "InvalidRegion");
  refused({ ...good, credentials: { ...credentials, accessKeyId: "AK ID" } }, "InvalidAccessKeyId");
  refused({ ...good, credentials: { ...credentials, secretAccessKey: "" } }, "EmptySecretAccessKey");
  refused({ ...good, credentials: { ...credentials, sessionToken: "" } }, "EmptySessionToken");
  refused({ ...good, expiresInSeconds: 0 }, "InvalidLifetime");
  // Whole seconds only: a fraction is refused, not rounded.
  for (const fraction of [0.5, 1.5, 3600.9, 43200.5]) refused({ ...good, expiresInSeconds: fraction }, "InvalidLifetime");
  refused({ ...good, expiresInSeconds: -1 }, "InvalidLifetime");
  refused({ ...good, expiresInSeconds: 43201 }, "InvalidLifetime");
  refused({ ...good, expiresInSeconds: Infinity }, "InvalidLifetime");
  refused({ ...good, now: new Date("1969-12-31T23:59:59Z") }, "TimeOutOfRange");
  refused({ ...good, credentials: { ...credentials, expiration: now } }, "CredentialsExpired");
  refused({ ...good, credentials: { ...credentials, expiration: new Date(now.getTime() - 1000) } }, "CredentialsExpired");
  // 43200 s is the limit itself.
  assert.ok(createToken({ ...good, expiresInSeconds: 43200 }));
});

test("the lifetime is cut short to the credentials' expiration", () => {
  const expiration = new Date(now.getTime() + 600 * 1000);
  const token = createToken({ ...good, credentials: { ...credentials, expiration } });
  assert.equal(inspectToken(token).expiresAt.getTime(), expiration.getTime());
});

test("inspectToken refuses what is not a token", () => {
  const bad = (token, code) =>
    assert.throws(() => inspectToken(token), (e) => e instanceof SigV4BearerError && e.code === code, String(token));
  bad(42, "InvalidArgument");
  bad("", "UnknownPrefix");
  bad("bedrock-api-key-!!!!", "InvalidBase64");
  bad(`bedrock-api-key-${btoa("bedrock.amazonaws.com/?Action=CallWithBearerToken")}`, "MissingVersion");
  const token = createToken(good);
  bad(token.replace("bedrock-api-key-", "aws-external-anthropic-api-key-"), "HostMismatch");
  bad("x".repeat(40000), "InvalidArgument");
});

test("a session token and non-ASCII secrets pass through intact", () => {
  const token = createToken({
    ...good,
    credentials: { ...credentials, secretAccessKey: "caf\u00e9 \u{1F680}", sessionToken: "IQoJ\u00fcber+/=" },
  });
  assert.equal(inspectToken(token).hasSessionToken, true);
});
