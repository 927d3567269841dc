// Loads the module once, at import: in Node from the file beside this one,
// elsewhere (browsers, Deno, Bun, bundlers) by fetching its URL. Cloudflare
// Workers take workerd.js instead (the "workerd" export condition).
import { bind } from "./api.js";

const url = new URL("./sigv4_bearer.wasm", import.meta.url);

async function instantiate() {
  if (url.protocol === "file:" && typeof process === "object" && process.versions?.node) {
    const { readFile } = await import("node:fs/promises");
    return (await WebAssembly.instantiate(await readFile(url), {})).instance;
  }
  const response = await fetch(url);
  if (WebAssembly.instantiateStreaming && response.headers.get("content-type") === "application/wasm") {
    return (await WebAssembly.instantiateStreaming(response, {})).instance;
  }
  return (await WebAssembly.instantiate(await response.arrayBuffer(), {})).instance;
}

export const { createToken, inspectToken, getTokenProvider } = bind((await instantiate()).exports);
export { SigV4BearerError } from "./api.js";
