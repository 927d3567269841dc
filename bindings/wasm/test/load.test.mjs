// The modules' packing: the DEFLATE decoder against zlib, and a module
// that cannot be compiled reported by name.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { deflateRawSync, constants } from "node:zlib";

import { SigV4BearerError } from "../api.js";
import { inflate } from "../inflate.js";
import { instantiate } from "../load.js";

test("inflate undoes zlib's raw DEFLATE at every level and strategy", () => {
  const inputs = [
    Buffer.alloc(0),
    Buffer.from("a"),
    readFileSync(new URL("../mint.wasm", import.meta.url)),
    readFileSync(new URL("../inspect.wasm", import.meta.url)),
    randomBytes(70000), // stored blocks
    Buffer.from("abc".repeat(30000)), // long matches
  ];
  for (const input of inputs) {
    for (const level of [0, 1, 6, 9]) {
      for (const strategy of [constants.Z_DEFAULT_STRATEGY, constants.Z_FIXED, constants.Z_HUFFMAN_ONLY]) {
        const packed = deflateRawSync(input, { level, strategy });
        assert.ok(Buffer.from(inflate(packed)).equals(input), `${input.length} bytes, level ${level}, strategy ${strategy}`);
      }
    }
  }
});

test("inflate refuses corrupt data", () => {
  const packed = deflateRawSync(Buffer.from("hello, hello, hello"), { level: 9 });
  assert.throws(() => inflate(packed.subarray(0, packed.length - 2)), /ends early/);
  assert.throws(() => inflate(Uint8Array.of(0b111)), /invalid block type/);
});

test("a module that does not compile is named in a SigV4BearerError", () => {
  const notWasm = deflateRawSync(Buffer.from("<html>not found</html>")).toString("base64");
  assert.throws(
    () => instantiate(notWasm, "mint.wasm"),
    (error) => error instanceof SigV4BearerError && error.code === "WasmUnavailable" && /mint\.wasm/.test(error.message) && error.cause instanceof Error,
  );
});
