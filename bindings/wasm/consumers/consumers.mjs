// Installs the packed tarball into a fresh app of each kind a user writes
// and runs it: Node ESM and CommonJS, TypeScript (module commonjs and
// node16), Bun, Deno (no permission flags), browser pages built by esbuild,
// Vite, webpack and Rollup and run in headless Chromium, and a Cloudflare
// worker run by workerd. Every app mints the official Python generator's
// token for one vector, byte for byte; the createToken-only esbuild page is
// also held to the size budget. Prints a table; exits 1 if any app failed.
//
// Usage: node consumers/consumers.mjs <sigv4-bearer-x.y.z.tgz> <empty work dir>
// The tools (pinned in tools.json) are installed into <work dir>/tools.
import { execFile as execFileCb } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, extname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";

const execFile = promisify(execFileCb);
const [tarball, work] = process.argv.slice(2).map((path) => resolve(path));
if (!tarball || !work) throw new Error("usage: consumers.mjs <tarball> <work dir>");
const here = dirname(new URL(import.meta.url).pathname);
const tools = join(work, "tools");
const bin = (name) => join(tools, "node_modules/.bin", name);

/** The size budget of a createToken-only browser app: all its files, gzip -9. */
export const BUDGET_GZIP_BYTES = 20 * 1024;

const vectors = JSON.parse(readFileSync(join(here, "../../../test-vectors/bedrock_python.json"), "utf8")).vectors;
const vector = vectors.find((v) => v.session_token !== null && v.expires_in_micros === 0);
const options = {
  credentials: { accessKeyId: vector.access_key_id, secretAccessKey: vector.secret_access_key, sessionToken: vector.session_token },
  region: vector.region,
  expiresInSeconds: vector.expires_in_secs,
  nowSecs: vector.now,
};
const expected = `token:${vector.token} region:${vector.region}`;

// What every app runs: mint the vector's token, read its region back
// (unless `mintOnly`), and report "token:... region:..." or "error:...".
const mintSource = (mintOnly) => `
const o = ${JSON.stringify(options)};
let result;
try {
  const token = createToken({ credentials: o.credentials, region: o.region, expiresInSeconds: o.expiresInSeconds, now: new Date(o.nowSecs * 1000) });
  result = "token:" + token + " region:" + ${mintOnly ? "o.region" : "inspectToken(token).region"};
} catch (error) {
  result = "error:" + error;
}
`;
const esmApp = (mintOnly = false) =>
  `import { createToken${mintOnly ? "" : ", inspectToken"} } from "sigv4-bearer";\n${mintSource(mintOnly)}`;
const pageApp = (mintOnly = false) => `${esmApp(mintOnly)}document.getElementById("result").textContent = result;\n`;
const html = (script) =>
  `<!doctype html>\n<meta charset="utf-8">\n<title>sigv4-bearer</title>\n<pre id="result">pending</pre>\n<script ${script}></script>\n`;

const run = async (file, args, cwd, env = {}) => {
  const { stdout } = await execFile(file, args, { cwd, env: { ...process.env, ...env }, timeout: 120000, maxBuffer: 1 << 24 });
  return stdout;
};

/** A fresh app folder with the tarball installed (as `npm install <tgz>`). */
async function app(name, files, type = "module") {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, type }, null, 2));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", tarball], dir);
  return dir;
}

const chromium = ["chromium", "chromium-browser", "google-chrome"]
  .flatMap((name) => process.env.PATH.split(":").map((dir) => join(dir, name)))
  .find((path) => statSync(path, { throwIfNoEntry: false })?.isFile());

/** Serves `root` on 127.0.0.1 and returns what headless Chromium shows in #result. */
async function inChromium(root, page = "index.html") {
  const types = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm" };
  const server = createServer((request, response) => {
    const path = join(root, decodeURIComponent(new URL(request.url, "http://x").pathname));
    if (!path.startsWith(root) || !statSync(path, { throwIfNoEntry: false })?.isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" }).end(readFileSync(path));
  });
  await new Promise((ready) => server.listen(0, "127.0.0.1", ready));
  try {
    const url = `http://127.0.0.1:${server.address().port}/${page}`;
    const dom = await run(
      chromium,
      ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--virtual-time-budget=10000", "--dump-dom", url],
      root,
    );
    return /<pre id="result">([^<]*)<\/pre>/.exec(dom)?.[1] ?? `no result in the page: ${dom.slice(0, 300)}`;
  } finally {
    server.close();
  }
}

/** Every file under `dir`, with its raw and gzip -9 sizes. */
function sizes(dir) {
  const files = [];
  const walk = (at) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (!entry.name.endsWith(".html")) {
        const bytes = readFileSync(path);
        files.push({ file: path.slice(dir.length + 1), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
      }
    }
  };
  walk(dir);
  return files;
}

const consumers = {
  "Node ESM import": async () => {
    const dir = await app("node-esm", { "app.mjs": `${esmApp()}console.log(result);\n` });
    return run(process.execPath, ["app.mjs"], dir);
  },
  "Node CommonJS require": async () => {
    const source = `const { createToken, inspectToken } = require("sigv4-bearer");\n${mintSource(false)}console.log(result);\n`;
    const dir = await app("node-cjs", { "app.js": source }, "commonjs");
    return run(process.execPath, ["app.js"], dir);
  },
  "TypeScript module commonjs (tsc, then node)": () => typescriptApp("ts-commonjs", "commonjs", "node10"),
  "TypeScript module node16, CommonJS app (tsc, then node)": () => typescriptApp("ts-node16", "node16", "node16"),
  "Bun import": async () => {
    const dir = await app("bun-esm", { "app.mjs": `${esmApp()}console.log(result);\n` });
    return run(bin("bun"), ["app.mjs"], dir);
  },
  "Bun require": async () => {
    const source = `const { createToken, inspectToken } = require("sigv4-bearer");\n${mintSource(false)}console.log(result);\n`;
    const dir = await app("bun-cjs", { "app.cjs": source });
    return run(bin("bun"), ["app.cjs"], dir);
  },
  "Deno import, no permission flags": async () => {
    const dir = await app("deno", { "app.mjs": `${esmApp()}console.log(result);\n` });
    return run(bin("deno"), ["run", "--no-prompt", "app.mjs"], dir, { DENO_DIR: join(work, "deno-cache"), DENO_NO_UPDATE_CHECK: "1" });
  },
  "esbuild --bundle --platform=browser --minify, createToken only, Chromium": async () => {
    const dir = await app("esbuild", { "main.js": pageApp(true), "dist/index.html": html('src="app.js"') });
    await run(bin("esbuild"), ["main.js", "--bundle", "--platform=browser", "--minify", "--outfile=dist/app.js", "--log-level=warning"], dir);
    const files = sizes(join(dir, "dist"));
    const total = files.reduce((sum, f) => sum + f.gzip, 0);
    budget = { files, total };
    const shown = await inChromium(join(dir, "dist"));
    if (total > BUDGET_GZIP_BYTES) return `${shown}\nover budget: ${total} > ${BUDGET_GZIP_BYTES} bytes gzip -9`;
    return shown;
  },
  "esbuild --bundle --platform=browser --format=esm, both functions, Chromium": async () => {
    const dir = await app("esbuild-esm", { "main.js": pageApp(), "dist/index.html": html('type="module" src="app.js"') });
    await run(bin("esbuild"), ["main.js", "--bundle", "--platform=browser", "--format=esm", "--outfile=dist/app.js", "--log-level=warning"], dir);
    return inChromium(join(dir, "dist"));
  },
  "Vite build, Chromium": async () => {
    const dir = await app("vite", { "index.html": html('type="module" src="/main.js"'), "main.js": pageApp() });
    await run(bin("vite"), ["build", "--logLevel", "warn"], dir);
    return inChromium(join(dir, "dist"));
  },
  "webpack 5 (production), Chromium": async () => {
    const dir = await app("webpack", { "src/index.js": pageApp(), "dist/index.html": html('src="main.js"') });
    const script = `const webpack = require(${JSON.stringify(join(tools, "node_modules/webpack"))});
webpack({ mode: "production", context: ${JSON.stringify(dir)}, entry: "./src/index.js" }, (error, stats) => {
  if (error || stats.hasErrors()) { console.error(error ?? stats.toString("errors-only")); process.exit(1); }
});`;
    writeFileSync(join(dir, "build.cjs"), script);
    await run(process.execPath, ["build.cjs"], dir);
    return inChromium(join(dir, "dist"));
  },
  "Rollup with @rollup/plugin-node-resolve, Chromium": async () => {
    const dir = await app("rollup", { "main.js": pageApp(), "dist/index.html": html('type="module" src="app.js"') });
    const script = `import { rollup } from ${JSON.stringify(join(tools, "node_modules/rollup/dist/es/rollup.js"))};
import { nodeResolve } from ${JSON.stringify(join(tools, "node_modules/@rollup/plugin-node-resolve/dist/es/index.js"))};
const bundle = await rollup({ input: "main.js", plugins: [nodeResolve({ browser: true })] });
await bundle.write({ file: "dist/app.js", format: "es" });`;
    writeFileSync(join(dir, "build.mjs"), script);
    await run(process.execPath, ["build.mjs"], dir);
    return inChromium(join(dir, "dist"));
  },
  "Cloudflare worker: esbuild --conditions=workerd,worker,browser (as wrangler), run by workerd": () => workerApp(),
};

let budget = null;

async function typescriptApp(name, module, moduleResolution) {
  const source = `import { createToken, inspectToken, type CreateTokenOptions } from "sigv4-bearer";
${mintSource(false).replace("const o =", "const o: any =").replace("let result;", "let result: string;")}
console.log(result);
// The types must be checked, not any: this must be an error (never run).
const misuse = () =>
  // @ts-expect-error region must be a string
  createToken({ credentials: o.credentials, region: 1 });
void misuse;
`;
  const tsconfig = { compilerOptions: { module, moduleResolution, target: "es2022", strict: true, outDir: "out", types: [] }, files: ["app.ts"] };
  const dir = await app(name, { "app.ts": source, "tsconfig.json": JSON.stringify(tsconfig) }, "commonjs");
  await run(bin("tsc"), ["-p", "."], dir);
  const out = readFileSync(join(dir, "out/app.js"), "utf8");
  if (!out.includes('require("sigv4-bearer")')) return `error: tsc did not emit require(): ${out.slice(0, 200)}`;
  // The package has no default export (index.cjs's would be undefined at
  // run time), so TypeScript must refuse one, esModuleInterop or not.
  writeFileSync(join(dir, "default-import.ts"), 'import sb from "sigv4-bearer";\nsb.createToken;\n');
  for (const interop of ["--esModuleInterop", "--allowSyntheticDefaultImports"]) {
    const args = ["--noEmit", "--strict", "--module", module, "--moduleResolution", moduleResolution, interop, "default-import.ts"];
    const accepted = await run(bin("tsc"), args, dir).then(
      () => true,
      (error) => (/TS1192/.test(error.stdout) ? false : `tsc failed otherwise: ${error.stdout}`),
    );
    if (accepted !== false) return `error: a default import under ${interop}: ${accepted === true ? "accepted by tsc" : accepted}`;
  }
  return run(process.execPath, ["out/app.js"], dir);
}

async function workerApp() {
  const worker = `import { createToken, inspectToken } from "sigv4-bearer";
export default {
  fetch() {
${mintSource(false)}
    return new Response(result);
  },
};
`;
  const dir = await app("workerd", { "worker.js": worker });
  await run(
    bin("esbuild"),
    ["worker.js", "--bundle", "--format=esm", "--conditions=workerd,worker,browser", "--external:*.wasm", "--outfile=dist/worker.js", "--log-level=warning"],
    dir,
  );
  // The bundle imports "./mint.wasm" and "./inspect.wasm": workerd's
  // wasm modules of those names, from the installed package.
  for (const module of ["mint.wasm", "inspect.wasm"]) copyFileSync(join(dir, "node_modules/sigv4-bearer", module), join(dir, "dist", module));
  const port = 20000 + Math.floor(Math.random() * 20000);
  writeFileSync(
    join(dir, "dist/config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    (name = "mint.wasm", wasm = embed "mint.wasm"),
    (name = "inspect.wasm", wasm = embed "inspect.wasm"),
  ],
  compatibilityDate = "2025-01-01",
);
`,
  );
  const server = execFileCb(bin("workerd"), ["serve", "config.capnp"], { cwd: join(dir, "dist") });
  let stderr = "";
  server.stderr.on("data", (chunk) => (stderr += chunk));
  try {
    for (let attempt = 0; attempt < 100; attempt++) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/`);
        return `${await response.text()}`;
      } catch {
        if (server.exitCode !== null) return `error: workerd exited: ${stderr}`;
        await new Promise((wait) => setTimeout(wait, 200));
      }
    }
    return `error: workerd did not answer: ${stderr}`;
  } finally {
    server.kill();
  }
}

mkdirSync(tools, { recursive: true });
copyFileSync(join(here, "tools.json"), join(tools, "package.json"));
await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], tools);

let failed = 0;
console.log("| consumer | result | seconds |\n|---|---|---|");
for (const [name, test] of Object.entries(consumers)) {
  const start = performance.now();
  let shown;
  try {
    shown = (await test()).trim();
  } catch (error) {
    shown = `error: ${error.message}\n${error.stderr ?? ""}`;
  }
  const ok = shown === expected;
  if (!ok) failed++;
  const seconds = ((performance.now() - start) / 1000).toFixed(1);
  console.log(`| ${name} | ${ok ? "mints the official token, reads it back" : `FAILED: ${shown.slice(0, 2000)}`} | ${seconds} |`);
}
if (budget) {
  console.log(`\nThe createToken-only esbuild page (--minify), every file, budget ${BUDGET_GZIP_BYTES} bytes gzip -9:`);
  console.log("| file | raw | gzip -9 |\n|---|---|---|");
  for (const f of budget.files) console.log(`| ${f.file} | ${f.raw} | ${f.gzip} |`);
  console.log(`| all | ${budget.files.reduce((s, f) => s + f.raw, 0)} | ${budget.total} |`);
}
process.exit(failed ? 1 : 0);
