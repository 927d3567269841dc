// Compiles one of the package's modules from the JS module that carries it
// (base64 of its raw DEFLATE, written by build.sh): synchronously, with no
// file read and no fetch, so every runtime and bundler loads it the same
// way, `require` included. Cloudflare Workers cannot compile WebAssembly
// from bytes; workerd.js imports the .wasm files instead.
import { SigV4BearerError } from "./api.js";
import { inflate } from "./inflate.js";

/** The exports of a new instance of the module `packed` carries. */
export function instantiate(packed, name) {
  let module;
  try {
    module = new WebAssembly.Module(inflate(Uint8Array.from(atob(packed), (c) => c.charCodeAt(0))));
  } catch (error) {
    throw new SigV4BearerError(
      "WasmUnavailable",
      `sigv4-bearer could not compile its WebAssembly module ${name}: ${error}` +
        " (a page's Content-Security-Policy must allow 'wasm-unsafe-eval')",
      { cause: error },
    );
  }
  return new WebAssembly.Instance(module, {}).exports;
}
