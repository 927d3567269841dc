// Cloudflare Workers (workerd) cannot compile WASM from bytes at run time;
// they import the module precompiled, and instantiate it synchronously.
import module from "./sigv4_bearer.wasm";
import { bind } from "./api.js";

export const { createToken, inspectToken, getTokenProvider } = bind(new WebAssembly.Instance(module, {}).exports);
export { SigV4BearerError } from "./api.js";
