// The package's API over its two instantiated modules (see index.js and
// workerd.js for how each runtime loads them). Inputs are checked here for
// type; every rule about their values is the Rust library's, whose error
// names reach JS as SigV4BearerError codes.
import { FAILURES } from "./failures.js";

const SERVICES = ["bedrock", "external-anthropic"];
const SIGNING_NAMES = { bedrock: "bedrock", "aws-external-anthropic": "external-anthropic" };
const MAX_LIFETIME_SECS = 43200;

/** An input the library refused: `code` names it, e.g. "InvalidRegion". */
export class SigV4BearerError extends Error {
  constructor(code, message, options) {
    super(message, options);
    this.name = "SigV4BearerError";
    this.code = code;
  }
}

const fail = (code, message) => {
  throw new SigV4BearerError(code, message);
};

const isDate = (value) => value instanceof Date && !Number.isNaN(value.getTime());
const secondsOf = (date) => Math.floor(date.getTime() / 1000);

// The module's input buffer as bytes: made once per instance, and again
// only if the memory has grown (which detaches the old view).
const inputs = new WeakMap();
function inputOf(wasm) {
  let input = inputs.get(wasm);
  if (!input || input.buffer !== wasm.memory.buffer) {
    input = new Uint8Array(wasm.memory.buffer, wasm.input(), wasm.io_capacity());
    inputs.set(wasm, input);
  }
  return input;
}

// Writes `texts` into the module's input buffer, one after another, runs
// `call` with their lengths in bytes, and zeroes every byte written on
// every way out: the result, a throw from `call`, or texts too long for the
// buffer (refused after the first ones are written).
function withInputs(wasm, texts, call) {
  let used = 0;
  try {
    const input = inputOf(wasm);
    const lens = [];
    for (const text of texts) {
      const { read, written } = encoder.encodeInto(text, input.subarray(used));
      used += written;
      if (read !== text.length) fail("InvalidArgument", "inputs too long");
      lens.push(written);
    }
    return call(lens);
  } finally {
    inputOf(wasm).fill(0, 0, used);
  }
}

// The `len` bytes of the call's result text; the output is wiped even if
// reading it throws.
function take(wasm, len) {
  try {
    return decoder.decode(new Uint8Array(wasm.memory.buffer, wasm.output(), len));
  } finally {
    wasm.wipe_output(len);
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** createToken over the minting module's exports. */
export function minter(wasm) {
  return function createToken(options) {
    if (options === null || typeof options !== "object") fail("InvalidArgument", "options must be an object");
    const { service = "bedrock", credentials, region, expiresInSeconds = MAX_LIFETIME_SECS, now = new Date() } = options;
    if (typeof service !== "string") fail("InvalidArgument", "service must be a string");
    const serviceIndex = SERVICES.indexOf(service);
    if (serviceIndex < 0) fail("InvalidService", `service must be one of ${SERVICES.join(", ")}`);
    // A wrong JS type is InvalidArgument naming the field; the library's
    // codes are for values it refuses.
    if (credentials === null || typeof credentials !== "object") fail("InvalidArgument", "credentials must be an object");
    const { accessKeyId, secretAccessKey, sessionToken, expiration } = credentials;
    if (typeof accessKeyId !== "string") fail("InvalidArgument", "credentials.accessKeyId must be a string");
    if (typeof secretAccessKey !== "string") fail("InvalidArgument", "credentials.secretAccessKey must be a string");
    if (sessionToken !== undefined && typeof sessionToken !== "string") {
      fail("InvalidArgument", "credentials.sessionToken must be a string or absent");
    }
    if (expiration !== undefined && !(expiration instanceof Date)) {
      fail("InvalidArgument", "credentials.expiration must be a Date or absent");
    }
    if (expiration !== undefined && !isDate(expiration)) fail("InvalidExpiration", "credentials.expiration is an invalid Date");
    if (typeof region !== "string") fail("InvalidArgument", "region must be a string");
    if (typeof expiresInSeconds !== "number") fail("InvalidArgument", "expiresInSeconds must be a number");
    if (!Number.isInteger(expiresInSeconds)) {
      fail("InvalidLifetime", `expiresInSeconds must be whole seconds, 1 ..= ${MAX_LIFETIME_SECS}`);
    }
    if (!(now instanceof Date)) fail("InvalidArgument", "now must be a Date");
    if (!isDate(now)) fail("TimeOutOfRange", "now is an invalid Date");
    const hasToken = sessionToken !== undefined;
    const inputs = [accessKeyId, secretAccessKey, sessionToken ?? "", region];
    return withInputs(wasm, inputs, ([idLen, secretLen, tokenLen, regionLen]) => {
      const result = wasm.create_token(
        serviceIndex,
        idLen,
        secretLen,
        tokenLen,
        hasToken ? 1 : 0,
        regionLen,
        secondsOf(now),
        expiresInSeconds,
        expiration === undefined ? NaN : secondsOf(expiration),
      );
      if (result < 0) fail(...(FAILURES[-1 - result] ?? FAILURES[FAILURES.length - 1]));
      return take(wasm, result);
    });
  };
}

/** inspectToken over the reading module's exports. */
export function reader(wasm) {
  return function inspectToken(token) {
    if (typeof token !== "string") fail("InvalidArgument", "token must be a string");
    const text = withInputs(wasm, [token], ([len]) => {
      const result = wasm.inspect_token(len);
      if (result >= 0) return take(wasm, result);
      const error = take(wasm, -result - 1); // "Name\tmessage"
      const tab = error.indexOf("\t");
      return fail(error.slice(0, tab), error.slice(tab + 1));
    });
    const [signingName, host, region, accessKeyId, signedAt, lifetime, hasSessionToken] = text.split("\t");
    const signedAtMs = Number(signedAt) * 1000;
    return {
      service: SIGNING_NAMES[signingName],
      host,
      region,
      accessKeyId,
      signedAt: new Date(signedAtMs),
      expiresAt: new Date(signedAtMs + Number(lifetime) * 1000),
      hasSessionToken: hasSessionToken === "1",
    };
  };
}

// When a token just minted at `signedAt` expires: its X-Amz-Expires, read
// here rather than through inspectToken so that the provider does not load
// the reading module.
function expiresAtOf(token, signedAt) {
  const url = atob(token.slice(token.indexOf("-api-key-") + "-api-key-".length));
  const lifetime = /[?&]X-Amz-Expires=(\d+)&/.exec(url)[1];
  return signedAt.getTime() + Number(lifetime) * 1000;
}

/** getTokenProvider over createToken. */
export function provider(createToken, options = {}) {
  const { credentials, refreshBeforeExpirySeconds = 300, clock = () => new Date(), ...rest } = options;
  if (typeof refreshBeforeExpirySeconds !== "number" || !(refreshBeforeExpirySeconds >= 0)) {
    fail("InvalidArgument", "refreshBeforeExpirySeconds must be a number >= 0");
  }
  let current = null; // { token, expiresAt } (ms)
  let minting = null;
  const mint = async () => {
    const resolved = typeof credentials === "function" ? await credentials() : credentials;
    const now = clock();
    const token = createToken({ ...rest, credentials: resolved, now });
    current = { token, expiresAt: expiresAtOf(token, now) };
    return token;
  };
  return function provideToken() {
    const margin = refreshBeforeExpirySeconds * 1000;
    if (current && current.expiresAt - clock().getTime() > margin) {
      return Promise.resolve(current.token);
    }
    // Concurrent calls share one mint; a failed mint is not kept.
    minting ??= mint().finally(() => {
      minting = null;
    });
    return minting;
  };
}
