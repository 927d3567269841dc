// What createToken's module means by each failure number it returns
// (-1 - index): [code, message], in the order of CALLS, ERRORS and UNNAMED
// in src/mint.rs. A Rust test checks every line against the library's
// error names and messages, so the module itself carries no text.
export const FAILURES = [
  ["InvalidArgument", "inputs too long"],
  ["InvalidArgument", "input not UTF-8"],
  ["InvalidArgument", "unknown service"],
  ["InvalidLifetime", "lifetime must be 1 ..= 43200 whole seconds"],
  ["CredentialsExpired", "credentials expired at or before the signing time"],
  ["TimeOutOfRange", "signing time outside years 1970 ..= 9999"],
  ["InvalidRegion", "region must be 1 ..= 64 of a-z, 0-9 and '-'"],
  ["InvalidAccessKeyId", "access key id must be 1 ..= 128 ASCII letters, digits and '_'"],
  ["EmptySecretAccessKey", "secret access key is empty"],
  ["EmptySessionToken", "session token is empty"],
  ["BufferTooSmall", "the token would not fit the module's 16 KiB output buffer"],
  ["InvalidSigningName", "signing name must be non-empty: ASCII letters, digits, '-', '_', '.'"],
  ["InvalidHost", "host is empty or malformed"],
  ["InvalidPrefix", "token prefix must be non-empty visible ASCII"],
  ["Unknown", "an error this version of the package does not name"],
];
