/** AWS credentials, as the AWS SDK for JavaScript's credential providers return them. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** For temporary credentials. */
  sessionToken?: string;
  /** When they expire: tokens are cut short to end then. */
  expiration?: Date;
}

export type Service = "bedrock" | "external-anthropic";

export interface CreateTokenOptions {
  /** Default "bedrock". */
  service?: Service;
  credentials: Credentials;
  region: string;
  /** Whole seconds, 1 ..= 43200 (12 h); default 43200. Cut short to the credentials' expiration. */
  expiresInSeconds?: number;
  /** Default: the current time. */
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
  expiresInSeconds?: number;
  /** Re-mint this long before the token expires; default 300. */
  refreshBeforeExpirySeconds?: number;
  /** The clock; default () => new Date(). For tests. */
  clock?: () => Date;
}

/** An input refused; `code` names it, e.g. "InvalidRegion", "InvalidLifetime", "CredentialsExpired"; "WasmUnavailable" where WebAssembly cannot be compiled. */
export class SigV4BearerError extends Error {
  readonly code: string;
}

/** Mints a token, synchronously. Throws SigV4BearerError. */
export function createToken(options: CreateTokenOptions): string;

/** Reads a Bedrock or External Anthropic token (its form, not its signature). Throws SigV4BearerError. */
export function inspectToken(token: string): TokenInfo;

/** A function returning the cached token, re-minted when due; concurrent calls share one mint. */
export function getTokenProvider(options: TokenProviderOptions): () => Promise<string>;
