// The package for every runtime but Cloudflare Workers (workerd.js): each
// module is compiled on first use from the JS module that carries it, so
// importing is synchronous, `require` works (index.cjs is this file built
// for CommonJS), and bundlers need no plugin. An app that never calls
// inspectToken ships no reading module: bundlers drop mint/inspect.wasm.js
// with the function that uses it.
import { minter, provider, reader } from "./api.js";
import inspectModule from "./inspect.wasm.js";
import { instantiate } from "./load.js";
import mintModule from "./mint.wasm.js";

let mint;
let read;

/** See index.d.ts. */
export function createToken(options) {
  mint ??= minter(instantiate(mintModule, "mint.wasm"));
  return mint(options);
}

/** See index.d.ts. */
export function inspectToken(token) {
  read ??= reader(instantiate(inspectModule, "inspect.wasm"));
  return read(token);
}

/** See index.d.ts. */
export function getTokenProvider(options) {
  return provider(createToken, options);
}

export { SigV4BearerError } from "./api.js";
