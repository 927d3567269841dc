// Secrets leave the module's memory on every way out of a call: success,
// each error the module reports, inputs too long for its buffer (refused
// after the first ones are written), and a throw in the JS glue before or
// after the module's call. Each case scans all of the instance's memory for
// the secret and the session token. The instances are the package's own,
// made through its internals so that their memory can be read.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";

import { minter, reader, SigV4BearerError } from "../api.js";
import inspectModule from "../inspect.wasm.js";
import { instantiate } from "../load.js";
import mintModule from "../mint.wasm.js";

const now = new Date("2025-01-02T03:04:05Z");
// Random, so that no byte of memory matches one by chance.
const secret = `sk${randomBytes(30).toString("base64")}`;
const sessionToken = `IQoJ${randomBytes(1200).toString("base64")}`;
const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: secret, sessionToken };
const good = { credentials, region: "us-west-2", now, expiresInSeconds: 3600 };

/** Where `text` (or any 24-byte piece of its first 40 KB) is in `wasm`'s memory. */
function leaked(wasm, text) {
  const memory = Buffer.from(wasm.memory.buffer);
  const bytes = Buffer.from(text);
  const end = Math.min(bytes.length, 40000);
  for (let at = 0; at + 24 <= end; at += 12) {
    const found = memory.indexOf(bytes.subarray(at, at + 24));
    if (found >= 0) return `bytes ${at}.. of it at ${found}`;
  }
  if (bytes.length < 24 && memory.indexOf(bytes) >= 0) return "all of it";
  return null;
}

/** The module's input and output buffers are all zero. */
function buffersWiped(wasm) {
  const capacity = wasm.io_capacity();
  for (const [name, at] of [["input", wasm.input()], ["output", wasm.output()]]) {
    const buffer = new Uint8Array(wasm.memory.buffer, at, capacity);
    const dirty = buffer.findIndex((b) => b !== 0);
    assert.equal(dirty, -1, `${name} buffer byte ${dirty} not wiped`);
  }
}

function assertClean(wasm, what, secrets) {
  for (const [name, text] of Object.entries(secrets)) {
    assert.equal(leaked(wasm, text), null, `${what}: the ${name} is in memory`);
  }
  buffersWiped(wasm);
}

const refusedWith = (code) => (error) => error instanceof SigV4BearerError && error.code === code;

test("createToken leaves no secret in memory, however it ends", () => {
  const wasm = instantiate(mintModule, "mint.wasm");
  const createToken = minter(wasm);
  const cases = [
    ["success", good, null],
    ["an invalid region", { ...good, region: "US-WEST-2" }, "InvalidRegion"],
    ["expired credentials", { ...good, credentials: { ...credentials, expiration: now } }, "CredentialsExpired"],
    ["a lifetime over 12 h", { ...good, expiresInSeconds: 43201 }, "InvalidLifetime"],
    // About 14 KB of '/': the URL would not fit the output buffer.
    ["a token too long", { ...good, credentials: { ...credentials, sessionToken: `${sessionToken}${"/".repeat(5000)}` } }, "BufferTooSmall"],
    // Refused by the glue once the key id, the secret and 16 KB of the session token are written.
    ["a session token too long", { ...good, credentials: { ...credentials, sessionToken: sessionToken.repeat(800) } }, "InvalidArgument"],
    ["a secret too long", { ...good, credentials: { ...credentials, secretAccessKey: secret.repeat(1000) } }, "InvalidArgument"],
    ["a region too long", { ...good, region: "a".repeat(20000) }, "InvalidArgument"],
  ];
  for (const [what, options, code] of cases) {
    if (code) assert.throws(() => createToken(options), refusedWith(code), what);
    else assert.match(createToken(options), /^bedrock-api-key-/);
    assertClean(wasm, what, { secret, "session token": options.credentials.sessionToken });
  }
});

test("createToken wipes what it wrote when the glue throws around the module's call", () => {
  const wasm = instantiate(mintModule, "mint.wasm");
  // The call itself throws (as a trap would), so the module wipes nothing.
  const trapping = { ...wasm, create_token: () => { throw new WebAssembly.RuntimeError("unreachable"); } };
  assert.throws(() => minter(trapping)(good), WebAssembly.RuntimeError);
  assertClean(wasm, "a trap", { secret, "session token": sessionToken });
  // Reading the result throws after a good call.
  const unreadable = { ...wasm, output: () => { throw new TypeError("detached"); } };
  assert.throws(() => minter(unreadable)(good), TypeError);
  assertClean(wasm, "an unreadable result", { secret, "session token": sessionToken });
});

test("inspectToken leaves no token in memory, however it ends", () => {
  const wasm = instantiate(inspectModule, "inspect.wasm");
  const inspectToken = reader(wasm);
  const token = minter(instantiate(mintModule, "mint.wasm"))(good);
  const body = token.slice("bedrock-api-key-".length);
  const cases = [
    ["success", token, null],
    ["a bad body", `bedrock-api-key-${body.slice(0, -8)}`, "MissingVersion"],
    ["another service's prefix", `aws-external-anthropic-api-key-${body}`, "HostMismatch"],
    // 10 MB: refused once 16 KB of it are written.
    ["a token too long", `bedrock-api-key-${body.repeat(Math.ceil(1e7 / body.length))}`, "InvalidArgument"],
  ];
  for (const [what, text, code] of cases) {
    if (code) assert.throws(() => inspectToken(text), refusedWith(code), what);
    else assert.equal(inspectToken(text).hasSessionToken, true);
    assertClean(wasm, what, { token: body, "session token": sessionToken });
  }
  const trapping = { ...wasm, inspect_token: () => { throw new WebAssembly.RuntimeError("unreachable"); } };
  assert.throws(() => reader(trapping)(token), WebAssembly.RuntimeError);
  assertClean(wasm, "a trap", { token: body });
});
