// One run: the package's size beside the official generator bundled by
// esbuild, then time per token, ours and the official getToken with static
// credentials (1 KB session token), interleaved in rounds in this process.
// Needs `npm install` (the official package and esbuild are devDependencies)
// and `npm run build`.
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

// Time per token: many short rounds, the two generators interleaved and
// taking turns to go first (so neither always runs just after the other's
// garbage), each batch timed in the process's CPU time (all its threads, so
// the official generator's garbage collection counts, and preemption by
// other processes on a busy machine does not) and in wall time. The figures
// are the medians over all rounds, none dropped.
//
// Usage: node bench/measure.mjs [--rounds N] [--min-ratio R]
// With --min-ratio, exits 1 when the median of the rounds' CPU-time ratios
// (official / ours) is below R.
const flag = (name, fallback) => {
  const at = process.argv.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!(value > 0)) throw new Error(`${name} needs a number > 0`);
  return value;
};
const rounds = flag("--rounds", 60);
const minRatio = flag("--min-ratio", 0);
const perRound = 400;
const credentials = {
  accessKeyId: "ASIAEXAMPLEEXAMPLE01",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  sessionToken: "IQoJb3JpZ2luX2Vj".padEnd(1024, "ABCDEFabcdef0123456789+/="),
};
const options = { credentials, region: "us-west-2", expiresInSeconds: 3600 };
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return user + system; // µs
};
// [wall µs, CPU µs] per token of one batch.
const timed = async (batch) => {
  const [wall, cpu] = [performance.now(), cpuNow()];
  await batch();
  return [((performance.now() - wall) * 1000) / perRound, (cpuNow() - cpu) / perRound];
};
const oursBatch = async () => {
  for (let i = 0; i < perRound; i++) createToken(options);
};
const theirsBatch = async () => {
  for (let i = 0; i < perRound; i++) await getToken(options);
};
// Warm-up (both JITs and the module's tier-up), not counted.
for (let i = 0; i < 5; i++) {
  await oursBatch();
  await theirsBatch();
}
const ours = [];
const theirs = [];
for (let round = 0; round < rounds; round++) {
  if (round % 2 === 0) {
    ours.push(await timed(oursBatch));
    theirs.push(await timed(theirsBatch));
  } else {
    theirs.push(await timed(theirsBatch));
    ours.push(await timed(oursBatch));
  }
}
// The value at quantile q of the sorted list (q = 0.5: the median).
const quantile = (list, q) => [...list].sort((x, y) => x - y)[Math.floor((list.length - 1) * q)];
const at = (list, i) => list.map((times) => times[i]);
const ratios = (i) => ours.map((times, r) => theirs[r][i] / times[i]);
const cell = (list, digits = 1) =>
  `${quantile(list, 0.5).toFixed(digits)} (${quantile(list, 0.25).toFixed(digits)}-${quantile(list, 0.75).toFixed(digits)})`;
console.log(`\nNode ${process.version}, ${rounds} interleaved rounds of ${perRound} tokens each, 1 KB session token:`);
console.log("| per token: median of the rounds (quartiles) | wall µs | CPU µs |\n|---|---|---|");
console.log(`| sigv4-bearer createToken | ${cell(at(ours, 0))} | ${cell(at(ours, 1))} |`);
console.log(`| @aws/bedrock-token-generator getToken | ${cell(at(theirs, 0))} | ${cell(at(theirs, 1))} |`);
console.log(`| ratio, official / ours (each round's) | ${cell(ratios(0), 2)}x | ${cell(ratios(1), 2)}x |`);
const cpuRatio = quantile(ratios(1), 0.5);
if (cpuRatio < minRatio) {
  console.error(`createToken is ${cpuRatio.toFixed(2)}x the official getToken in CPU time (median), below ${minRatio}x`);
  process.exit(1);
}
