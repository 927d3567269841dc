// A real browser: headless Chromium opens a page from a static server on
// 127.0.0.1 that imports the package and mints a token; it must equal the
// official generator's. Skipped only where no Chromium is installed and
// SIGV4_BEARER_REQUIRE_BROWSER is unset (CI sets it).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };
// The page, and the package's files as plain ES modules (no bundler).
const served = (pathname) => (pathname === "/" ? "test/browser/page.html" : /^\/[\w.]+\.js$/.test(pathname) ? pathname.slice(1) : null);
const isFile = (path) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};
const chromium = ["chromium", "chromium-browser", "google-chrome"]
  .flatMap((name) => process.env.PATH.split(":").map((dir) => join(dir, name)))
  .find(isFile);

test("headless Chromium mints the official generator's token", { skip: !chromium && !process.env.SIGV4_BEARER_REQUIRE_BROWSER && "no Chromium" }, async () => {
  assert.ok(chromium, "SIGV4_BEARER_REQUIRE_BROWSER is set but no Chromium was found");
  const vectors = JSON.parse(await readFile(join(root, "../../test-vectors/bedrock_python.json"), "utf8")).vectors;
  const vector = vectors.find((v) => v.session_token !== null && v.expires_in_micros === 0);
  const server = createServer(async (request, response) => {
    const path = served(new URL(request.url, "http://x").pathname);
    if (!path) {
      response.writeHead(404).end();
      return;
    }
    const body = await readFile(join(root, normalize(path)));
    response.writeHead(200, { "content-type": types[extname(path)] }).end(body);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const url = `http://127.0.0.1:${server.address().port}/#${encodeURIComponent(JSON.stringify(vector))}`;
    const dom = await new Promise((resolve, reject) =>
      execFile(
        chromium,
        ["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=10000", "--dump-dom", url],
        { timeout: 60000, maxBuffer: 1 << 24 },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      ),
    );
    const result = /<pre id="result">([^<]*)<\/pre>/.exec(dom)?.[1];
    assert.equal(result, `token:${vector.token}`);
  } finally {
    server.close();
  }
});
