// Cloudflare Workers (the "workerd" export condition): workerd cannot
// compile WebAssembly from bytes at run time, so the modules are imported
// precompiled (wrangler bundles .wasm imports as such) and instantiated
// synchronously.
import { minter, provider, reader } from "./api.js";
import inspectModule from "./inspect.wasm";
import mintModule from "./mint.wasm";

const instantiate = (module) => new WebAssembly.Instance(module, {}).exports;
let mint;
let read;

/** See index.d.ts. */
export function createToken(options) {
  mint ??= minter(instantiate(mintModule));
  return mint(options);
}

/** See index.d.ts. */
export function inspectToken(token) {
  read ??= reader(instantiate(inspectModule));
  return read(token);
}

/** See index.d.ts. */
export function getTokenProvider(options) {
  return provider(createToken, options);
}

export { SigV4BearerError } from "./api.js";
