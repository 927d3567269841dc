/*
 * sigv4_bearer.h: the C API of sigv4-bearer.
 *
 * Amazon Bedrock ("bedrock-api-key-...") and AWS External Anthropic
 * ("aws-external-anthropic-api-key-...") bearer tokens, byte for byte what
 * AWS's official generators make, and SigV4 presigned URLs (RDS IAM auth,
 * Aurora DSQL, ...). No heap allocation on any path, no clock: the caller
 * passes the time. Link libsigv4_bearer_c.a (see README.md, "From C").
 * Built with cargo's --no-default-features, the archive holds only
 * sigv4_bearer_token, _parse_time, _version and _strerror (for firmware
 * that only mints tokens: about 1 KB less flash); the other calls then do
 * not link.
 *
 * Conventions, for every function:
 *  - Strings in are NUL-terminated UTF-8, borrowed for the call only.
 *  - The result is SIGV4_BEARER_OK (0) or a negative SIGV4_BEARER_ERR_* code;
 *    sigv4_bearer_strerror() describes any code.
 *  - A NULL pointer where one is required gives SIGV4_BEARER_ERR_NULL_POINTER
 *    and a string that is not UTF-8 SIGV4_BEARER_ERR_INPUT_NOT_UTF8: never
 *    undefined behaviour (other invalid pointers are, as in any C API).
 *  - Output text is written with a NUL. On success *len is its length
 *    without the NUL; bytes of out after the NUL may have been overwritten
 *    (the call's scratch space; never out's last byte). If out_len is too
 *    small the result is
 *    SIGV4_BEARER_ERR_BUFFER_TOO_SMALL, *len is the size needed *including*
 *    the NUL, and out is not written. On any other error *len is 0.
 *  - Size query, as snprintf: out == NULL with out_len == 0 checks every
 *    argument and gives SIGV4_BEARER_ERR_BUFFER_TOO_SMALL with the size
 *    needed in *len (or the error of a bad argument).
 *  - Every call is reentrant and thread-safe: no global or static state,
 *    nothing kept between calls; only the caller's buffers are written.
 *  - Stack each call needs, in bytes, measured from C through the call
 *    (QEMU's instruction trace, targets/run.sh; a 1 KB session token;
 *    release build with LTO and compact SHA-256; budgets in CI):
 *
 *      call                        Cortex-M4 (thumbv7em)  RISC-V 32 (rv32imc)
 *      sigv4_bearer_token                   1,380               1,296
 *      sigv4_bearer_presign_url             1,980               1,856
 *      sigv4_bearer_sign_headers            2,412               2,304
 *      sigv4_bearer_inspect                 1,652               1,584
 *      sigv4_bearer_verify                  2,268               2,192
 *      sigv4_bearer_parse_time                376                 384
 *      sigv4_bearer_strerror                   16                   0
 *      sigv4_bearer_version                     8                   0
 *    (sigv4_bearer_token from the archive built with --no-default-features:
 *    1,292 on the Cortex-M4.)
 *  - Secrets are never copied outside the call's own stack, which the
 *    library wipes.
 *
 * License: Apache-2.0.
 */
#ifndef SIGV4_BEARER_H
#define SIGV4_BEARER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* This header's version; sigv4_bearer_version() gives the library's. */
#define SIGV4_BEARER_VERSION_MAJOR 0
#define SIGV4_BEARER_VERSION_MINOR 1
#define SIGV4_BEARER_VERSION_PATCH 0

/* Services, for sigv4_bearer_token() and sigv4_bearer_token_info.service. */
#define SIGV4_BEARER_BEDROCK 1            /* bedrock-api-key-...                */
#define SIGV4_BEARER_EXTERNAL_ANTHROPIC 2 /* aws-external-anthropic-api-key-... */

/* The most query parameters, and the most headers, in one request. */
#define SIGV4_BEARER_MAX_PAIRS 16

/* Result codes: stable numbers. */
#define SIGV4_BEARER_OK                                  0 /* success */
#define SIGV4_BEARER_ERR_NULL_POINTER                 (-1) /* a required pointer argument is NULL */
#define SIGV4_BEARER_ERR_INPUT_NOT_UTF8               (-2) /* a string argument is not valid UTF-8 */
#define SIGV4_BEARER_ERR_INVALID_SERVICE              (-3) /* service is not SIGV4_BEARER_BEDROCK or SIGV4_BEARER_EXTERNAL_ANTHROPIC */
#define SIGV4_BEARER_ERR_TOO_MANY_PAIRS               (-4) /* more query parameters or headers than SIGV4_BEARER_MAX_PAIRS */
#define SIGV4_BEARER_ERR_UNKNOWN                      (-5) /* an error this version of the C API does not name */
#define SIGV4_BEARER_ERR_BUFFER_TOO_SMALL             (-6) /* output buffer too small */
#define SIGV4_BEARER_ERR_INVALID_PAYLOAD_KIND         (-7) /* payload kind is not a SIGV4_BEARER_PAYLOAD_* value */
#define SIGV4_BEARER_ERR_INVALID_TIME                 (-8) /* time is not ISO 8601 text such as 2025-01-02T03:04:05Z (years 1970 ..= 9999) */
/* -9 is reserved: never assigned, no call returns it (codes are never renumbered). */
#define SIGV4_BEARER_ERR_INVALID_LIFETIME            (-10) /* lifetime must be 1 second ..= 12 hours (7 days for URLs) */
#define SIGV4_BEARER_ERR_CREDENTIALS_EXPIRED         (-11) /* credentials expired at or before the signing time */
#define SIGV4_BEARER_ERR_TIME_OUT_OF_RANGE           (-12) /* signing time outside years 1970 ..= 9999 */
#define SIGV4_BEARER_ERR_INVALID_REGION              (-13) /* region must be 1 ..= 64 of a-z, 0-9 and '-' */
#define SIGV4_BEARER_ERR_INVALID_ACCESS_KEY_ID       (-14) /* access key id must be 1 ..= 128 ASCII letters, digits and '_' */
#define SIGV4_BEARER_ERR_EMPTY_SECRET_ACCESS_KEY     (-15) /* secret access key is empty */
#define SIGV4_BEARER_ERR_EMPTY_SESSION_TOKEN         (-16) /* session token is empty */
#define SIGV4_BEARER_ERR_INVALID_SIGNING_NAME        (-17) /* signing name must be non-empty: ASCII letters, digits, '-', '_', '.' */
#define SIGV4_BEARER_ERR_INVALID_PREFIX              (-18) /* token prefix must be non-empty visible ASCII */
#define SIGV4_BEARER_ERR_INVALID_METHOD              (-19) /* method must be non-empty: A-Z */
#define SIGV4_BEARER_ERR_INVALID_HOST                (-20) /* host is empty or malformed */
#define SIGV4_BEARER_ERR_INVALID_PATH                (-21) /* path must start with '/': unreserved characters, '/', %XX */
#define SIGV4_BEARER_ERR_EMPTY_QUERY_KEY             (-22) /* query parameter name is empty */
#define SIGV4_BEARER_ERR_RESERVED_QUERY_KEY          (-23) /* query parameter name starts with X-Amz- */
#define SIGV4_BEARER_ERR_DUPLICATE_QUERY_KEY         (-24) /* query parameter name given twice */
#define SIGV4_BEARER_ERR_INVALID_HEADER_NAME         (-25) /* header name is not an HTTP token */
#define SIGV4_BEARER_ERR_RESERVED_HEADER             (-26) /* header is host, never signed, or written by the signer */
#define SIGV4_BEARER_ERR_DUPLICATE_HEADER            (-27) /* header name given twice */
#define SIGV4_BEARER_ERR_INVALID_HEADER_VALUE        (-28) /* header value must be visible ASCII, space or tab */
#define SIGV4_BEARER_ERR_UNKNOWN_PREFIX              (-29) /* token prefix names no known service */
#define SIGV4_BEARER_ERR_INVALID_BASE64              (-30) /* token body is not padded standard base64 */
#define SIGV4_BEARER_ERR_TOKEN_NOT_UTF8              (-31) /* token body is not UTF-8 */
#define SIGV4_BEARER_ERR_MALFORMED_URL               (-32) /* presigned URL is malformed */
#define SIGV4_BEARER_ERR_HOST_MISMATCH               (-33) /* token host is not its service's host */
#define SIGV4_BEARER_ERR_MISSING_PARAMETER           (-34) /* token lacks a required parameter */
#define SIGV4_BEARER_ERR_DUPLICATE_PARAMETER         (-35) /* token has a parameter twice */
#define SIGV4_BEARER_ERR_UNEXPECTED_PARAMETER        (-36) /* token has a parameter no generator writes */
#define SIGV4_BEARER_ERR_INVALID_PARAMETER           (-37) /* a token parameter is malformed */
#define SIGV4_BEARER_ERR_MALFORMED_DATE              (-38) /* X-Amz-Date is not a valid YYYYMMDDTHHMMSSZ time */
#define SIGV4_BEARER_ERR_EXPIRES_OUT_OF_RANGE        (-39) /* X-Amz-Expires is malformed or out of range */
#define SIGV4_BEARER_ERR_SCOPE_DATE_MISMATCH         (-40) /* credential scope day differs from X-Amz-Date */
#define SIGV4_BEARER_ERR_SCOPE_SERVICE_MISMATCH      (-41) /* credential scope service differs from the host's */
#define SIGV4_BEARER_ERR_SIGNED_HEADERS_NOT_HOST     (-42) /* token signs headers other than host */
#define SIGV4_BEARER_ERR_MISSING_VERSION             (-43) /* token does not end with &Version=1 */
#define SIGV4_BEARER_ERR_SIGNATURE_MISMATCH          (-44) /* signature does not match the secret key */
#define SIGV4_BEARER_ERR_TOKEN_EXPIRED               (-45) /* token has expired */
#define SIGV4_BEARER_ERR_NOT_YET_VALID               (-46) /* token is signed in the future */
#define SIGV4_BEARER_ERR_INVALID_PAYLOAD_HASH        (-47) /* payload hash must be 64 lowercase hex digits */
#define SIGV4_BEARER_ERR_INVALID_SESSION_TOKEN       (-48) /* session token must be visible ASCII to be sent as a header */
/* -48 comes only from sigv4_bearer_sign_headers, which sends the session
 * token as a header value (visible ASCII only). sigv4_bearer_token and
 * sigv4_bearer_presign_url put it in the URL's query, percent-encoded, so
 * they accept any UTF-8 session token, control characters included. */

/* AWS credentials. */
typedef struct sigv4_bearer_credentials {
    const char *access_key_id;     /* e.g. "AKIA..." or "ASIA..."                  */
    const char *secret_access_key;
    const char *session_token;     /* temporary credentials' token, or NULL        */
    int64_t expiration;            /* Unix seconds they expire; 0 = unknown. A token
                                      is cut short to end then; at or before `now`
                                      is SIGV4_BEARER_ERR_CREDENTIALS_EXPIRED.      */
} sigv4_bearer_credentials;

/* One query parameter or header. */
typedef struct sigv4_bearer_pair {
    const char *name;
    const char *value;
} sigv4_bearer_pair;

/* The HTTP request a presigned URL is for (its body is taken to be empty). */
typedef struct sigv4_bearer_request {
    const char *method;                /* e.g. "GET"                                    */
    const char *host;                  /* e.g. "db.example.com:5432"                    */
    const char *path;                  /* starts with '/', already percent-encoded       */
    const sigv4_bearer_pair *query;    /* operation parameters in URL order, unencoded;
                                          NULL if query_len is 0                        */
    size_t query_len;                  /* at most SIGV4_BEARER_MAX_PAIRS                */
    const sigv4_bearer_pair *headers;  /* headers to sign besides host; NULL if none    */
    size_t headers_len;                /* at most SIGV4_BEARER_MAX_PAIRS                */
} sigv4_bearer_request;

/* The body of a request signed by sigv4_bearer_sign_headers(). */
#define SIGV4_BEARER_PAYLOAD_EMPTY      0   /* no body */
#define SIGV4_BEARER_PAYLOAD_BYTES      1   /* bytes[0..len), hashed by the call */
#define SIGV4_BEARER_PAYLOAD_SHA256_HEX 2   /* sha256_hex: 64 lowercase hex digits, NUL-terminated
                                               (at most 65 bytes are read: a longer string is
                                               SIGV4_BEARER_ERR_INVALID_PAYLOAD_HASH) */
#define SIGV4_BEARER_PAYLOAD_UNSIGNED   3   /* "UNSIGNED-PAYLOAD" */
typedef struct sigv4_bearer_payload {
    int kind;                 /* SIGV4_BEARER_PAYLOAD_* */
    const void *bytes;        /* SIGV4_BEARER_PAYLOAD_BYTES (NULL allowed when len is 0) */
    size_t len;
    const char *sha256_hex;   /* SIGV4_BEARER_PAYLOAD_SHA256_HEX */
} sigv4_bearer_payload;

/* The headers to add, in this order: x-amz-date, x-amz-security-token (with a session token),
 * x-amz-content-sha256 (S3 signing names, or an unsigned payload), authorization. Names are
 * static lowercase strings; values are NUL-terminated inside `out`. */
typedef struct sigv4_bearer_signed_headers {
    sigv4_bearer_pair headers[4];
    size_t len;
} sigv4_bearer_signed_headers;

/* What a token says about itself (never the session token's value). */
typedef struct sigv4_bearer_token_info {
    int32_t service;            /* SIGV4_BEARER_BEDROCK or SIGV4_BEARER_EXTERNAL_ANTHROPIC */
    int32_t has_session_token;  /* 1 or 0                                            */
    int64_t signed_at;          /* Unix seconds (X-Amz-Date)                         */
    int64_t expires_at;         /* Unix seconds: signed_at + X-Amz-Expires           */
    char region[65];            /* NUL-terminated                                    */
    char access_key_id[129];    /* NUL-terminated                                    */
} sigv4_bearer_token_info;

/* A buffer size, NUL included, that fits any token whose session token is
 * `session_token_len` bytes long (0 for none), whatever the service, region
 * and access key id. */
#define SIGV4_BEARER_TOKEN_MAX_LEN(session_token_len) ((size_t)764 + 4 * (size_t)(session_token_len))

/*
 * Mints a bearer token for `service` (SIGV4_BEARER_BEDROCK or
 * SIGV4_BEARER_EXTERNAL_ANTHROPIC), signed at `now` (Unix seconds) for
 * `region`, valid for `expires_in_secs` (1 ..= 43200), cut short to the
 * credentials' expiration. SIGV4_BEARER_TOKEN_MAX_LEN() bytes always fit.
 */
int sigv4_bearer_token(int service, const sigv4_bearer_credentials *credentials,
                       const char *region, int64_t now, uint32_t expires_in_secs,
                       char *out, size_t out_len, size_t *len);

/*
 * Presigns `request` for the SigV4 signing name `signing_name` (e.g.
 * "rds-db", "dsql"), as botocore's SigV4QueryAuth does, valid for
 * `expires_in_secs` (1 ..= 604800). Writes "https://host/path?...". An RDS
 * IAM auth token is this URL without "https://".
 */
int sigv4_bearer_presign_url(const sigv4_bearer_request *request, const char *signing_name,
                             const sigv4_bearer_credentials *credentials, const char *region,
                             int64_t now, uint32_t expires_in_secs,
                             char *out, size_t out_len, size_t *len);

/*
 * Reads a Bedrock or External Anthropic token's service, region, access key
 * id and times into `info`, checking its form strictly (not its signature).
 * `work` is scratch space for the decoded token: strlen(token) * 3 / 4 bytes
 * are enough (SIGV4_BEARER_ERR_BUFFER_TOO_SMALL otherwise); it is zeroed
 * before the call returns. `info` is written only on success.
 */
int sigv4_bearer_inspect(const char *token, void *work, size_t work_len,
                         sigv4_bearer_token_info *info);

/*
 * Signs `request` and its body for `signing_name` in `region` at `now` as
 * botocore's SigV4Auth does (S3SigV4Auth for "s3", "s3-object-lambda",
 * "s3-outposts"), and writes the headers to add into `out`: each value
 * NUL-terminated, pointed at by `signed_headers` (only meaningful on
 * success; its len is 0 otherwise). `*len` is the bytes of `out` used,
 * NULs included, or needed (SIGV4_BEARER_ERR_BUFFER_TOO_SMALL; out may
 * then hold zeros). The request's headers must not be ones the signer
 * writes (SIGV4_BEARER_ERR_RESERVED_HEADER).
 */
int sigv4_bearer_sign_headers(const sigv4_bearer_request *request,
                              const sigv4_bearer_payload *payload,
                              const char *signing_name,
                              const sigv4_bearer_credentials *credentials,
                              const char *region, int64_t now,
                              char *out, size_t out_len, size_t *len,
                              sigv4_bearer_signed_headers *signed_headers);

/*
 * sigv4_bearer_inspect(), then the signature with `secret_access_key` (in
 * constant time), then the time: SIGV4_BEARER_ERR_SIGNATURE_MISMATCH,
 * SIGV4_BEARER_ERR_NOT_YET_VALID if signed more than `skew_secs` after
 * `now`, SIGV4_BEARER_ERR_TOKEN_EXPIRED if expired at `now`. For mock
 * servers and tests. `work` and `info` as for sigv4_bearer_inspect().
 */
int sigv4_bearer_verify(const char *token, const char *secret_access_key, int64_t now,
                        uint32_t skew_secs, void *work, size_t work_len,
                        sigv4_bearer_token_info *info);

/*
 * Reads the `Expiration` that STS, IMDS, the container endpoint and
 * credential_process return into `*unix_secs`: "2025-01-02T03:04:05Z",
 * with fractional seconds (rounded down) or "+00:00" for "Z". Anything else,
 * or a date outside 1970 ..= 9999, is SIGV4_BEARER_ERR_INVALID_TIME and
 * leaves `*unix_secs` alone.
 */
int sigv4_bearer_parse_time(const char *iso8601, int64_t *unix_secs);

/* The library's version, e.g. "0.1.0": static, NUL-terminated. */
const char *sigv4_bearer_version(void);

/* A static, NUL-terminated description of any result code (unknown ones too). */
const char *sigv4_bearer_strerror(int code);

#ifdef __cplusplus
}
#endif

#endif /* SIGV4_BEARER_H */
