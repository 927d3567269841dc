// One run: the package's size beside the official generator bundled by
// esbuild, then time per token, ours and the official getToken with static
// credentials (1 KB session token), interleaved in rounds in this process.
// Needs `npm install` (the official package and esbuild are devDependencies)
// and `npm run build`. Usage: node bench/measure.mjs [rounds]
import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";

import { build } from "esbuild";
import { getToken } from "@aws/bedrock-token-generator";

import { createToken } from "../index.js";

const here = new URL("..", import.meta.url);
const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

const rows = [];
for (const file of ["mint.wasm", "inspect.wasm"]) {
  const bytes = await readFile(new URL(file, here));
  rows.push([`sigv4-bearer ${file} (shipped inside ${file}.js, deflated)`, bytes.length, gz(bytes)]);
}
// What a browser app ships: esbuild bundles of an app calling createToken
// only, and one calling inspectToken too.
for (const [what, names] of [["createToken", "createToken"], ["createToken + inspectToken", "createToken, inspectToken"]]) {
  const result = await build({
    stdin: { contents: `import { ${names} } from "./index.js"; globalThis.use = [${names}];`, resolveDir: here.pathname },
    bundle: true,
    minify: true,
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  const bytes = result.outputFiles[0].contents;
  rows.push([`sigv4-bearer, a page calling ${what}: its esbuild --minify bundle`, bytes.length, gz(bytes)]);
}
for (const platform of ["browser", "node"]) {
  const result = await build({
    stdin: { contents: 'export { getToken, getTokenProvider } from "@aws/bedrock-token-generator";', resolveDir: here.pathname },
    bundle: true,
    minify: true,
    format: "esm",
    platform,
    write: false,
    logLevel: "silent",
  });
  const bytes = result.outputFiles[0].contents;
  rows.push([`@aws/bedrock-token-generator, esbuild --minify, ${platform}`, bytes.length, gz(bytes)]);
}
console.log("| what | raw | gzip -9 |\n|---|---|---|");
for (const [what, r, g] of rows) console.log(`| ${what} | ${kb(r)} | ${kb(g)} |`);

const rounds = Number(process.argv[2] ?? 20);
const perRound = 500;
const credentials = {
  accessKeyId: "ASIAEXAMPLEEXAMPLE01",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  sessionToken: "IQoJb3JpZ2luX2Vj".padEnd(1024, "ABCDEFabcdef0123456789+/="),
};
const options = { credentials, region: "us-west-2", expiresInSeconds: 3600 };
// Each batch is timed twice: wall time, and the CPU time of the whole
// process (all its threads, so the official generator's garbage collection
// counts), which preemption by other processes on a busy machine does not
// inflate.
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const timed = async (batch) => {
  const [wall, cpu] = [performance.now(), cpuNow()];
  await batch();
  return [((performance.now() - wall) * 1000) / perRound, ((cpuNow() - cpu) * 1000) / perRound];
};
const ours = [];
const theirs = [];
for (let round = 0; round < rounds + 1; round++) {
  const a = await timed(() => {
    for (let i = 0; i < perRound; i++) createToken(options);
  });
  const b = await timed(async () => {
    for (let i = 0; i < perRound; i++) await getToken(options);
  });
  // The first round warms both up and is not counted.
  if (round > 0) {
    ours.push(a);
    theirs.push(b);
  }
}
const median = (list) => [...list].sort((x, y) => x - y)[Math.floor(list.length / 2)];
console.log(`\nNode ${process.version}, ${rounds} interleaved rounds of ${perRound} tokens each, 1 KB session token:`);
console.log("| per token (median of rounds) | wall µs | CPU µs |\n|---|---|---|");
const column = (list, at) => median(list.map((times) => times[at])).toFixed(1);
console.log(`| sigv4-bearer createToken | ${column(ours, 0)} | ${column(ours, 1)} |`);
console.log(`| @aws/bedrock-token-generator getToken | ${column(theirs, 0)} | ${column(theirs, 1)} |`);
const ratio = (at) => median(ours.map((times, i) => theirs[i][at] / times[at])).toFixed(1);
console.log(`| ratio (median of per-round ratios) | ${ratio(0)}x | ${ratio(1)}x |`);
