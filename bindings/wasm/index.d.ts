/** AWS credentials, as the AWS SDK for JavaScript's credential providers return them. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** For temporary credentials; absent (not null, not "") otherwise. */
  sessionToken?: string;
  /** When they expire (a valid Date): tokens are cut short to end then. */
  expiration?: Date;
}

export type Service = "bedrock" | "external-anthropic";

export interface CreateTokenOptions {
  /** Default "bedrock". */
  service?: Service;
  credentials: Credentials;
  region: string;
  /** An integer number of seconds, 1 ..= 43200 (12 h); a fraction is refused, not rounded. Default 43200. Cut short to the credentials' expiration. */
  expiresInSeconds?: number;
  /** The signing time, a valid Date (not a number of seconds or milliseconds); its milliseconds are dropped. Default: the current time. */
  now?: Date;
}

/** A token's contents (never its session token). */
export interface TokenInfo {
  service: Service;
  host: string;
  region: string;
  accessKeyId: string;
  signedAt: Date;
  expiresAt: Date;
  hasSessionToken: boolean;
}

export interface TokenProviderOptions {
  /** Credentials, or an async function returning them (as @aws-sdk/credential-providers give). */
  credentials: Credentials | (() => Promise<Credentials> | Credentials);
  region: string;
  service?: Service;
  /** As CreateTokenOptions' (an integer, 1 ..= 43200). */
  expiresInSeconds?: number;
  /** Re-mint this long before the token expires; default 300. */
  refreshBeforeExpirySeconds?: number;
  /** The clock; default () => new Date(). For tests. */
  clock?: () => Date;
}

/**
 * Every `code` a SigV4BearerError has. "InvalidArgument": a wrong JS type (the message names the
 * field) or inputs longer than the module's 16 KiB buffer; "InvalidService", "InvalidExpiration"
 * (an invalid Date): the glue's checks; "WasmUnavailable": WebAssembly cannot be compiled here;
 * "Unknown": an error this version does not name; the rest are the Rust library's error names.
 */
export type SigV4BearerErrorCode =
  | "InvalidArgument"
  | "InvalidService"
  | "InvalidExpiration"
  | "WasmUnavailable"
  | "Unknown"
  // createToken, from the library:
  | "InvalidLifetime"
  | "CredentialsExpired"
  | "TimeOutOfRange"
  | "InvalidRegion"
  | "InvalidAccessKeyId"
  | "EmptySecretAccessKey"
  | "EmptySessionToken"
  | "BufferTooSmall"
  | "InvalidSigningName"
  | "InvalidHost"
  | "InvalidPrefix"
  // inspectToken, from the library:
  | "UnknownPrefix"
  | "InvalidBase64"
  | "NotUtf8"
  | "MalformedUrl"
  | "HostMismatch"
  | "MissingParameter"
  | "DuplicateParameter"
  | "UnexpectedParameter"
  | "InvalidParameter"
  | "MalformedDate"
  | "ExpiresOutOfRange"
  | "ScopeDateMismatch"
  | "ScopeServiceMismatch"
  | "SignedHeadersNotHost"
  | "MissingVersion";

/** An input refused; `code` names it, e.g. "InvalidRegion", "InvalidLifetime", "CredentialsExpired". */
export class SigV4BearerError extends Error {
  readonly code: SigV4BearerErrorCode;
}

/** Mints a token, synchronously. Throws SigV4BearerError. */
export function createToken(options: CreateTokenOptions): string;

/** Reads a Bedrock or External Anthropic token (its form, not its signature). Throws SigV4BearerError. */
export function inspectToken(token: string): TokenInfo;

/** A function returning the cached token, re-minted when due; concurrent calls share one mint. */
export function getTokenProvider(options: TokenProviderOptions): () => Promise<string>;
