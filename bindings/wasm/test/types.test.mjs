// index.d.ts's SigV4BearerErrorCode names every code the package can throw,
// and nothing else: the glue's own, failures.js's, and the library's error
// names (the rows of src/error.rs's table) but those of its generic signers,
// of verify and of Timestamp's FromStr, which no export of the package reaches.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

const read = (path) => readFileSync(new URL(path, import.meta.url), "utf8");
const all = (text, pattern) => [...text.matchAll(pattern)].map((m) => m[1]);

const NOT_REACHED = [
  "InvalidMethod", "InvalidPath", "EmptyQueryKey", "ReservedQueryKey", "DuplicateQueryKey", "InvalidHeaderName",
  "ReservedHeader", "DuplicateHeader", "InvalidHeaderValue", "InvalidPayloadHash", "InvalidSessionToken",
  "SignatureMismatch", "TokenExpired", "NotYetValid", "InvalidTime",
];

test("SigV4BearerErrorCode is exactly the codes the package throws", () => {
  const types = read("../index.d.ts");
  const union = /export type SigV4BearerErrorCode =([^;]*);/.exec(types)[1];
  const typed = new Set(all(union, /\| "(\w+)"/g));
  const thrown = new Set([
    ...all(read("../api.js"), /fail\("(\w+)"/g),
    ...all(read("../load.js"), /SigV4BearerError\(\s*"(\w+)"/g),
    ...all(read("../failures.js"), /\["(\w+)", "/g),
    ...all(read("../../../src/error.rs"), /^ {4}\d+ (\w+)\b/gm).filter((name) => !NOT_REACHED.includes(name)),
  ]);
  assert.ok(thrown.has("WasmUnavailable") && thrown.has("InvalidBase64") && thrown.has("Unknown"));
  assert.deepEqual([...typed].sort(), [...thrown].sort());
  assert.match(types, /readonly code: SigV4BearerErrorCode;/);
});
