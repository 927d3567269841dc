// Loads the vector-run module built for wasm32-unknown-unknown, runs it,
// prints a tally per check and exits 1 on any mismatch.
// Usage: node run.mjs path/to/sigv4_bearer_target_wasm.wasm
import { readFile } from "node:fs/promises";

const path = process.argv[2];
const { instance } = await WebAssembly.instantiate(await readFile(path), {});
const wasm = instance.exports;
const text = (ptr, len) =>
  new TextDecoder().decode(new Uint8Array(wasm.memory.buffer, ptr, len));

const failed = wasm.run();
process.stdout.write(text(wasm.log_ptr(), wasm.log_len()).replace(/^(?=.)/gm, "MISMATCH "));
let run = 0;
let passed = 0;
for (let at = 0; at < wasm.checks(); at++) {
  const [r, p] = [wasm.check_run(at), wasm.check_passed(at)];
  const name = text(wasm.check_name_ptr(at), wasm.check_name_len(at));
  console.log(`${String(p).padStart(4)}/${String(r).padEnd(4)} passed  ${name}`);
  run += r;
  passed += p;
}
console.log(`${passed}/${run} vector checks passed on wasm32-unknown-unknown (Node ${process.version})`);
process.exit(failed === 0 && run > 0 && passed === run ? 0 : 1);
