/* The C API tested from C on the host, built with -Wall -Wextra -Werror and
 * AddressSanitizer + UBSan by test.sh: the header's layout against the
 * library's, the official vectors, and every kind of bad input. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sigv4_bearer.h"
#include "vectors.h"

/* Exported only by builds with the `layout-test` feature. */
size_t sigv4_bearer_layout_of(uint32_t item);

static int checks, failures;

#define CHECK(cond)                                                              \
    do {                                                                         \
        checks++;                                                                \
        if (!(cond)) {                                                           \
            failures++;                                                          \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                        \
    } while (0)

static void print(const char *text) { fputs(text, stdout); }

static void check_layout(void) {
    /* In the order of the library's layout table (src/layout.rs). */
    const size_t header[] = {
        sizeof(sigv4_bearer_credentials),
        offsetof(sigv4_bearer_credentials, access_key_id),
        offsetof(sigv4_bearer_credentials, secret_access_key),
        offsetof(sigv4_bearer_credentials, session_token),
        offsetof(sigv4_bearer_credentials, expiration),
        sizeof(sigv4_bearer_pair),
        offsetof(sigv4_bearer_pair, name),
        offsetof(sigv4_bearer_pair, value),
        sizeof(sigv4_bearer_request),
        offsetof(sigv4_bearer_request, method),
        offsetof(sigv4_bearer_request, host),
        offsetof(sigv4_bearer_request, path),
        offsetof(sigv4_bearer_request, query),
        offsetof(sigv4_bearer_request, query_len),
        offsetof(sigv4_bearer_request, headers),
        offsetof(sigv4_bearer_request, headers_len),
        sizeof(sigv4_bearer_token_info),
        offsetof(sigv4_bearer_token_info, service),
        offsetof(sigv4_bearer_token_info, has_session_token),
        offsetof(sigv4_bearer_token_info, signed_at),
        offsetof(sigv4_bearer_token_info, expires_at),
        offsetof(sigv4_bearer_token_info, region),
        offsetof(sigv4_bearer_token_info, access_key_id),
        SIGV4_BEARER_MAX_PAIRS,
        sizeof(((sigv4_bearer_token_info *)0)->region),
        sizeof(((sigv4_bearer_token_info *)0)->access_key_id),
        sizeof(sigv4_bearer_payload),
        offsetof(sigv4_bearer_payload, kind),
        offsetof(sigv4_bearer_payload, bytes),
        offsetof(sigv4_bearer_payload, len),
        offsetof(sigv4_bearer_payload, sha256_hex),
        sizeof(sigv4_bearer_signed_headers),
        offsetof(sigv4_bearer_signed_headers, headers),
        offsetof(sigv4_bearer_signed_headers, len),
    };
    for (uint32_t i = 0; i < sizeof header / sizeof header[0]; i++) {
        CHECK(header[i] == sigv4_bearer_layout_of(i));
    }
    CHECK(sigv4_bearer_layout_of(sizeof header / sizeof header[0]) == SIZE_MAX);
}

static const int64_t NOW = 1735787045;

static sigv4_bearer_credentials good_creds(void) {
    sigv4_bearer_credentials c = {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                  "IQoJb3JpZ2luX2VjEXAMPLE", 0};
    return c;
}

/* Every buffer size from 0 to the token's length + 1, each one malloc'd at
 * exactly that size, so AddressSanitizer catches a write past its end. */
static void check_every_buffer_size(const struct token_vector *v) {
    size_t want = strlen(v->token);
    for (size_t size = 0; size <= want + 1; size++) {
        char *buf = malloc(size ? size : 1);
        memset(buf, 'Z', size);
        size_t len = 12345;
        int rc = sigv4_bearer_token(v->service, &v->credentials, v->region, v->now,
                                    v->expires_in_secs, buf, size, &len);
        if (size >= want + 1) {
            CHECK(rc == SIGV4_BEARER_OK && len == want && buf[want] == '\0' &&
                  memcmp(buf, v->token, want) == 0);
        } else {
            int untouched = 1;
            for (size_t i = 0; i < size; i++) untouched &= buf[i] == 'Z';
            CHECK(rc == SIGV4_BEARER_ERR_BUFFER_TOO_SMALL && len == want + 1 && untouched);
        }
        free(buf);
    }
}

static void check_bad_inputs(void) {
    sigv4_bearer_credentials c = good_creds();
    char out[4096];
    size_t len = 99;
    const char *region = "us-west-2";
#define TOKEN(svc, creds, reg, now, secs, o, olen, l) \
    sigv4_bearer_token(svc, creds, reg, now, secs, o, olen, l)

    CHECK(TOKEN(SIGV4_BEARER_BEDROCK, &c, region, NOW, 3600, out, sizeof out, &len) == SIGV4_BEARER_OK);
    /* NULL for each pointer. */
    CHECK(TOKEN(SIGV4_BEARER_BEDROCK, NULL, region, NOW, 60, out, sizeof out, &len) == SIGV4_BEARER_ERR_NULL_POINTER);
    CHECK(len == 0);
    CHECK(TOKEN(SIGV4_BEARER_BEDROCK, &c, NULL, NOW, 60, out, sizeof out, &len) == SIGV4_BEARER_ERR_NULL_POINTER);
    CHECK(TOKEN(SIGV4_BEARER_BEDROCK, &c, region, NOW, 60, NULL, sizeof out, &len) == SIGV4_BEARER_ERR_NULL_POINTER);
    CHECK(TOKEN(SIGV4_BEARER_BEDROCK, &c, region, NOW, 60, out, sizeof out, NULL) == SIGV4_BEARER_ERR_NULL_POINTER);
    sigv4_bearer_credentials bad = c;
    bad.access_key_id = NULL;
    CHECK(TOKEN(SIGV4_BEARER_BEDROCK, &bad, region, NOW, 60, out, sizeof out, &len) == SIGV4_BEARER_ERR_NULL_POINTER);
    bad = c;
    bad.secret_access_key = NULL;
    CHECK(TOKEN(SIGV4_BEARER_BEDROCK, &bad, region, NOW, 60, out, sizeof out, &len) == SIGV4_BEARER_ERR_NULL_POINTER);
    bad = c;
    bad.session_token = NULL; /* allowed: long-term credentials */
    CHECK(TOKEN(SIGV4_BEARER_BEDROCK, &bad, region, NOW, 60, out, sizeof out, &len) == SIGV4_BEARER_OK);
    /* Not UTF-8, in each string. */
    CHECK(TOKEN(SIGV4_BEARER_BEDROCK, &c, "us-\xe9" "ast-1", NOW, 60, out, sizeof out, &len) == SIGV4_BEARER_ERR_INPUT_NOT_UTF8);
    bad = c;
    bad.access_key_id = "AKID\xff";
    CHECK(TOKEN(SIGV4_BEARER_BEDROCK, &bad, region, NOW, 60, out, sizeof out, &len) == SIGV4_BEARER_ERR_INPUT_NOT_UTF8);
    bad = c;
    bad.secret_access_key = "\xc3";
    CHECK(TOKEN(SIGV4_BEARER_BEDROCK, &bad, region, NOW, 60, out, sizeof out, &len) == SIGV4_BEARER_ERR_INPUT_NOT_UTF8);
    bad = c;
    bad.session_token = "tok\x80";
    CHECK(TOKEN(SIGV4_BEARER_BEDROCK, &bad, region, NOW, 60, out, sizeof out, &len) == SIGV4_BEARER_ERR_INPUT_NOT_UTF8);
    /* Expiration: in the past, at now, and later (the token is cut short). */
    bad = c;
    bad.expiration = NOW - 1;
    CHECK(TOKEN(SIGV4_BEARER_BEDROCK, &bad, region, NOW, 60, out, sizeof out, &len) == SIGV4_BEARER_ERR_CREDENTIALS_EXPIRED);
    bad.expiration = NOW;
    CHECK(TOKEN(SIGV4_BEARER_BEDROCK, &bad, region, NOW, 60, out, sizeof out, &len) == SIGV4_BEARER_ERR_CREDENTIALS_EXPIRED);
    bad.expiration = NOW + 100;
    CHECK(TOKEN(SIGV4_BEARER_BEDROCK, &bad, region, NOW, 3600, out, sizeof out, &len) == SIGV4_BEARER_OK);
    unsigned char work[4096];
    sigv4_bearer_token_info info;
    CHECK(sigv4_bearer_inspect(out, work, sizeof work, &info) == SIGV4_BEARER_OK);
    CHECK(info.expires_at == NOW + 100 && info.has_session_token == 1);
    /* Bad values, each with its own code. */
    CHECK(TOKEN(0, &c, region, NOW, 60, out, sizeof out, &len) == SIGV4_BEARER_ERR_INVALID_SERVICE);
    CHECK(TOKEN(3, &c, region, NOW, 60, out, sizeof out, &len) == SIGV4_BEARER_ERR_INVALID_SERVICE);
    CHECK(TOKEN(SIGV4_BEARER_BEDROCK, &c, "US-WEST-2", NOW, 60, out, sizeof out, &len) == SIGV4_BEARER_ERR_INVALID_REGION);
    CHECK(TOKEN(SIGV4_BEARER_BEDROCK, &c, "", NOW, 60, out, sizeof out, &len) == SIGV4_BEARER_ERR_INVALID_REGION);
    CHECK(TOKEN(SIGV4_BEARER_BEDROCK, &c, region, NOW, 0, out, sizeof out, &len) == SIGV4_BEARER_ERR_INVALID_LIFETIME);
    CHECK(TOKEN(SIGV4_BEARER_BEDROCK, &c, region, NOW, 43201, out, sizeof out, &len) == SIGV4_BEARER_ERR_INVALID_LIFETIME);
    CHECK(TOKEN(SIGV4_BEARER_EXTERNAL_ANTHROPIC, &c, region, NOW, 43200, out, sizeof out, &len) == SIGV4_BEARER_OK);
    CHECK(TOKEN(SIGV4_BEARER_BEDROCK, &c, region, -1, 60, out, sizeof out, &len) == SIGV4_BEARER_ERR_TIME_OUT_OF_RANGE);
    CHECK(TOKEN(SIGV4_BEARER_BEDROCK, &c, region, INT64_MAX, 60, out, sizeof out, &len) == SIGV4_BEARER_ERR_TIME_OUT_OF_RANGE);
    bad = c;
    bad.access_key_id = "AKID-EXAMPLE";
    CHECK(TOKEN(SIGV4_BEARER_BEDROCK, &bad, region, NOW, 60, out, sizeof out, &len) == SIGV4_BEARER_ERR_INVALID_ACCESS_KEY_ID);
    bad = c;
    bad.secret_access_key = "";
    CHECK(TOKEN(SIGV4_BEARER_BEDROCK, &bad, region, NOW, 60, out, sizeof out, &len) == SIGV4_BEARER_ERR_EMPTY_SECRET_ACCESS_KEY);
    bad = c;
    bad.session_token = "";
    CHECK(TOKEN(SIGV4_BEARER_BEDROCK, &bad, region, NOW, 60, out, sizeof out, &len) == SIGV4_BEARER_ERR_EMPTY_SESSION_TOKEN);

    /* presign_url: NULL for each pointer, bad pairs, bad request fields. */
    sigv4_bearer_pair query[] = {{"Action", "connect"}, {"DBUser", "app"}};
    sigv4_bearer_request req = {"GET", "db.example.com:5432", "/", query, 2, NULL, 0};
#define URL(r, name, creds, reg, o, l) \
    sigv4_bearer_presign_url(r, name, creds, reg, NOW, 900, o, sizeof out, l)
    CHECK(URL(&req, "rds-db", &c, "us-east-1", out, &len) == SIGV4_BEARER_OK);
    static const char url_head[] = "https://db.example.com:5432/?Action=connect&DBUser=app&X-Amz-Algorithm=";
    CHECK(strncmp(out, url_head, sizeof url_head - 1) == 0);
    CHECK(URL(NULL, "rds-db", &c, "us-east-1", out, &len) == SIGV4_BEARER_ERR_NULL_POINTER);
    CHECK(URL(&req, NULL, &c, "us-east-1", out, &len) == SIGV4_BEARER_ERR_NULL_POINTER);
    CHECK(URL(&req, "rds-db", NULL, "us-east-1", out, &len) == SIGV4_BEARER_ERR_NULL_POINTER);
    CHECK(URL(&req, "rds-db", &c, NULL, out, &len) == SIGV4_BEARER_ERR_NULL_POINTER);
    CHECK(URL(&req, "rds-db", &c, "us-east-1", NULL, &len) == SIGV4_BEARER_ERR_NULL_POINTER);
    CHECK(URL(&req, "rds-db", &c, "us-east-1", out, NULL) == SIGV4_BEARER_ERR_NULL_POINTER);
    sigv4_bearer_request r = req;
    r.method = NULL;
    CHECK(URL(&r, "rds-db", &c, "us-east-1", out, &len) == SIGV4_BEARER_ERR_NULL_POINTER);
    r = req;
    r.host = NULL;
    CHECK(URL(&r, "rds-db", &c, "us-east-1", out, &len) == SIGV4_BEARER_ERR_NULL_POINTER);
    r = req;
    r.path = NULL;
    CHECK(URL(&r, "rds-db", &c, "us-east-1", out, &len) == SIGV4_BEARER_ERR_NULL_POINTER);
    r = req;
    r.query = NULL;
    CHECK(URL(&r, "rds-db", &c, "us-east-1", out, &len) == SIGV4_BEARER_ERR_NULL_POINTER);
    r.query_len = 0; /* NULL with no pairs is fine */
    CHECK(URL(&r, "rds-db", &c, "us-east-1", out, &len) == SIGV4_BEARER_OK);
    sigv4_bearer_pair null_value[] = {{"Action", NULL}};
    r = req;
    r.query = null_value;
    r.query_len = 1;
    CHECK(URL(&r, "rds-db", &c, "us-east-1", out, &len) == SIGV4_BEARER_ERR_NULL_POINTER);
    sigv4_bearer_pair latin1[] = {{"x-h", "caf\xe9"}};
    r = req;
    r.headers = latin1;
    r.headers_len = 1;
    CHECK(URL(&r, "rds-db", &c, "us-east-1", out, &len) == SIGV4_BEARER_ERR_INPUT_NOT_UTF8);
    sigv4_bearer_pair many[SIGV4_BEARER_MAX_PAIRS + 1];
    for (size_t i = 0; i <= SIGV4_BEARER_MAX_PAIRS; i++) {
        many[i].name = "k";
        many[i].value = "v";
    }
    r = req;
    r.query = many;
    r.query_len = SIGV4_BEARER_MAX_PAIRS + 1;
    CHECK(URL(&r, "rds-db", &c, "us-east-1", out, &len) == SIGV4_BEARER_ERR_TOO_MANY_PAIRS);
    r.query_len = SIGV4_BEARER_MAX_PAIRS; /* all named "k" */
    CHECK(URL(&r, "rds-db", &c, "us-east-1", out, &len) == SIGV4_BEARER_ERR_DUPLICATE_QUERY_KEY);
    r = req;
    r.method = "get";
    CHECK(URL(&r, "rds-db", &c, "us-east-1", out, &len) == SIGV4_BEARER_ERR_INVALID_METHOD);
    r = req;
    r.host = "a b";
    CHECK(URL(&r, "rds-db", &c, "us-east-1", out, &len) == SIGV4_BEARER_ERR_INVALID_HOST);
    r = req;
    r.path = "no-slash";
    CHECK(URL(&r, "rds-db", &c, "us-east-1", out, &len) == SIGV4_BEARER_ERR_INVALID_PATH);
    CHECK(URL(&req, "rds db", &c, "us-east-1", out, &len) == SIGV4_BEARER_ERR_INVALID_SIGNING_NAME);
    sigv4_bearer_pair reserved[] = {{"User-Agent", "x"}};
    r = req;
    r.headers = reserved;
    r.headers_len = 1;
    CHECK(URL(&r, "rds-db", &c, "us-east-1", out, &len) == SIGV4_BEARER_ERR_RESERVED_HEADER);
    CHECK(sigv4_bearer_presign_url(&req, "rds-db", &c, "us-east-1", NOW, 604801, out, sizeof out, &len) ==
          SIGV4_BEARER_ERR_INVALID_LIFETIME);

    /* inspect: NULL for each pointer, a small work buffer, bad tokens. */
    CHECK(TOKEN(SIGV4_BEARER_BEDROCK, &c, region, NOW, 3600, out, sizeof out, &len) == SIGV4_BEARER_OK);
    CHECK(sigv4_bearer_inspect(NULL, work, sizeof work, &info) == SIGV4_BEARER_ERR_NULL_POINTER);
    CHECK(sigv4_bearer_inspect(out, NULL, sizeof work, &info) == SIGV4_BEARER_ERR_NULL_POINTER);
    CHECK(sigv4_bearer_inspect(out, work, sizeof work, NULL) == SIGV4_BEARER_ERR_NULL_POINTER);
    CHECK(sigv4_bearer_inspect(out, work, len * 3 / 4 - 20, &info) == SIGV4_BEARER_ERR_BUFFER_TOO_SMALL);
    CHECK(sigv4_bearer_inspect(out, work, len * 3 / 4, &info) == SIGV4_BEARER_OK);
    CHECK(strcmp(info.region, "us-west-2") == 0 && strcmp(info.access_key_id, "AKIDEXAMPLE") == 0);
    CHECK(sigv4_bearer_inspect("bedrock-api-key-@@@@", work, sizeof work, &info) == SIGV4_BEARER_ERR_INVALID_BASE64);
    CHECK(sigv4_bearer_inspect("not-a-token", work, sizeof work, &info) == SIGV4_BEARER_ERR_UNKNOWN_PREFIX);
    CHECK(sigv4_bearer_inspect("bedrock-api-key-\xff", work, sizeof work, &info) == SIGV4_BEARER_ERR_INPUT_NOT_UTF8);
    out[len - 4] = '\0'; /* cut short: the URL loses the end of &Version=1 */
    CHECK(sigv4_bearer_inspect(out, work, sizeof work, &info) == SIGV4_BEARER_ERR_MISSING_VERSION);

    /* strerror: any int, unknown ones included. */
    const char *unknown = sigv4_bearer_strerror(12345);
    CHECK(unknown != NULL && strlen(unknown) > 0);
    CHECK(sigv4_bearer_strerror(-2147483647 - 1) == unknown);
    for (int code = -50; code <= 0; code++) {
        const char *text = sigv4_bearer_strerror(code);
        int named = (code >= -8) || (code <= -10 && code >= -48);
        CHECK(text != NULL && (text != unknown) == named);
    }
}

/* Every call that writes text answers out == NULL, out_len == 0 with the
 * size needed, and that size then works exactly (one byte less does not). */
static void check_size_queries(void) {
    sigv4_bearer_credentials c = good_creds();
    size_t len = 7, len2 = 0;
    char *buf;
    CHECK(sigv4_bearer_token(SIGV4_BEARER_BEDROCK, &c, "us-west-2", NOW, 3600, NULL, 0, &len) ==
          SIGV4_BEARER_ERR_BUFFER_TOO_SMALL);
    buf = malloc(len);
    CHECK(sigv4_bearer_token(SIGV4_BEARER_BEDROCK, &c, "us-west-2", NOW, 3600, buf, len, &len2) == SIGV4_BEARER_OK);
    CHECK(len2 + 1 == len && strlen(buf) == len2);
    CHECK(sigv4_bearer_token(SIGV4_BEARER_BEDROCK, &c, "us-west-2", NOW, 3600, buf, len - 1, &len2) ==
          SIGV4_BEARER_ERR_BUFFER_TOO_SMALL);
    free(buf);
    /* A bad argument is reported before the size. */
    CHECK(sigv4_bearer_token(SIGV4_BEARER_BEDROCK, &c, "US", NOW, 3600, NULL, 0, &len) == SIGV4_BEARER_ERR_INVALID_REGION);
    CHECK(len == 0);
    /* NULL with a size is still a NULL pointer. */
    CHECK(sigv4_bearer_token(SIGV4_BEARER_BEDROCK, &c, "us-west-2", NOW, 3600, NULL, 1, &len) ==
          SIGV4_BEARER_ERR_NULL_POINTER);

    sigv4_bearer_pair query[] = {{"Action", "connect"}, {"DBUser", "app"}};
    sigv4_bearer_request req = {"GET", "db.example.com:5432", "/", query, 2, NULL, 0};
    CHECK(sigv4_bearer_presign_url(&req, "rds-db", &c, "us-east-1", NOW, 900, NULL, 0, &len) ==
          SIGV4_BEARER_ERR_BUFFER_TOO_SMALL);
    buf = malloc(len);
    CHECK(sigv4_bearer_presign_url(&req, "rds-db", &c, "us-east-1", NOW, 900, buf, len, &len2) == SIGV4_BEARER_OK);
    CHECK(len2 + 1 == len);
    free(buf);

    /* sign_headers: every size from the query's answer down to 0. */
    for (size_t i = 0; i < HEADER_VECTORS_LEN; i += 45) {
        const struct header_vector *v = &HEADER_VECTORS[i];
        sigv4_bearer_signed_headers signed_headers;
        size_t need = 0;
        CHECK(sigv4_bearer_sign_headers(&v->request, &v->payload, v->signing_name, &v->credentials, v->region,
                                        v->now, NULL, 0, &need, &signed_headers) == SIGV4_BEARER_ERR_BUFFER_TOO_SMALL);
        CHECK(signed_headers.len == 0);
        for (size_t size = need + 1; size-- > 0;) {
            buf = malloc(size ? size : 1);
            size_t got = 12345;
            int rc = sigv4_bearer_sign_headers(&v->request, &v->payload, v->signing_name, &v->credentials,
                                               v->region, v->now, buf, size, &got, &signed_headers);
            if (size == need) {
                CHECK(rc == SIGV4_BEARER_OK && got == need && signed_headers.len == v->headers_len);
                CHECK(strcmp(signed_headers.headers[signed_headers.len - 1].value,
                             v->headers[v->headers_len - 1].value) == 0);
            } else {
                CHECK(rc == SIGV4_BEARER_ERR_BUFFER_TOO_SMALL && got == need && signed_headers.len == 0);
            }
            free(buf);
        }
    }
}

static void check_sign_headers_inputs(void) {
    sigv4_bearer_credentials c = good_creds();
    sigv4_bearer_pair hdrs[] = {{"content-type", "application/json"}};
    sigv4_bearer_request req = {"POST", "bedrock-runtime.us-east-1.amazonaws.com", "/model/m/invoke", NULL, 0, hdrs, 1};
    sigv4_bearer_payload body = {SIGV4_BEARER_PAYLOAD_BYTES, "{}", 2, NULL};
    sigv4_bearer_signed_headers sh;
    char out[4096];
    size_t len;
#define SIGN(r, p, name, cr, reg, o, ol, l, s) sigv4_bearer_sign_headers(r, p, name, cr, reg, NOW, o, ol, l, s)
    CHECK(SIGN(&req, &body, "bedrock", &c, "us-east-1", out, sizeof out, &len, &sh) == SIGV4_BEARER_OK);
    CHECK(sh.len == 3 && strcmp(sh.headers[0].name, "x-amz-date") == 0 &&
          strcmp(sh.headers[1].name, "x-amz-security-token") == 0 &&
          strcmp(sh.headers[1].value, c.session_token) == 0 && strcmp(sh.headers[2].name, "authorization") == 0);
    /* NULL for each pointer. */
    CHECK(SIGN(NULL, &body, "bedrock", &c, "us-east-1", out, sizeof out, &len, &sh) == SIGV4_BEARER_ERR_NULL_POINTER);
    CHECK(len == 0 && sh.len == 0);
    CHECK(SIGN(&req, NULL, "bedrock", &c, "us-east-1", out, sizeof out, &len, &sh) == SIGV4_BEARER_ERR_NULL_POINTER);
    CHECK(SIGN(&req, &body, NULL, &c, "us-east-1", out, sizeof out, &len, &sh) == SIGV4_BEARER_ERR_NULL_POINTER);
    CHECK(SIGN(&req, &body, "bedrock", NULL, "us-east-1", out, sizeof out, &len, &sh) == SIGV4_BEARER_ERR_NULL_POINTER);
    CHECK(SIGN(&req, &body, "bedrock", &c, NULL, out, sizeof out, &len, &sh) == SIGV4_BEARER_ERR_NULL_POINTER);
    CHECK(SIGN(&req, &body, "bedrock", &c, "us-east-1", NULL, sizeof out, &len, &sh) == SIGV4_BEARER_ERR_NULL_POINTER);
    CHECK(SIGN(&req, &body, "bedrock", &c, "us-east-1", out, sizeof out, NULL, &sh) == SIGV4_BEARER_ERR_NULL_POINTER);
    CHECK(SIGN(&req, &body, "bedrock", &c, "us-east-1", out, sizeof out, &len, NULL) == SIGV4_BEARER_ERR_NULL_POINTER);
    sigv4_bearer_request r = req;
    r.path = NULL;
    CHECK(SIGN(&r, &body, "bedrock", &c, "us-east-1", out, sizeof out, &len, &sh) == SIGV4_BEARER_ERR_NULL_POINTER);
    sigv4_bearer_payload p = body;
    p.bytes = NULL;
    CHECK(SIGN(&req, &p, "bedrock", &c, "us-east-1", out, sizeof out, &len, &sh) == SIGV4_BEARER_ERR_NULL_POINTER);
    p.len = 0; /* NULL with no bytes is an empty body */
    CHECK(SIGN(&req, &p, "bedrock", &c, "us-east-1", out, sizeof out, &len, &sh) == SIGV4_BEARER_OK);
    char empty_auth[512];
    strcpy(empty_auth, sh.headers[2].value);
    sigv4_bearer_payload empty = {SIGV4_BEARER_PAYLOAD_EMPTY, NULL, 0, NULL};
    CHECK(SIGN(&req, &empty, "bedrock", &c, "us-east-1", out, sizeof out, &len, &sh) == SIGV4_BEARER_OK);
    CHECK(strcmp(empty_auth, sh.headers[2].value) == 0);
    p = body;
    p.kind = SIGV4_BEARER_PAYLOAD_SHA256_HEX; /* sha256_hex is NULL */
    CHECK(SIGN(&req, &p, "bedrock", &c, "us-east-1", out, sizeof out, &len, &sh) == SIGV4_BEARER_ERR_NULL_POINTER);
    /* Not UTF-8. */
    CHECK(SIGN(&req, &body, "bed\xffrock", &c, "us-east-1", out, sizeof out, &len, &sh) == SIGV4_BEARER_ERR_INPUT_NOT_UTF8);
    CHECK(SIGN(&req, &body, "bedrock", &c, "us-\xe9", out, sizeof out, &len, &sh) == SIGV4_BEARER_ERR_INPUT_NOT_UTF8);
    p.sha256_hex = "\xc3";
    CHECK(SIGN(&req, &p, "bedrock", &c, "us-east-1", out, sizeof out, &len, &sh) == SIGV4_BEARER_ERR_INPUT_NOT_UTF8);
    sigv4_bearer_pair latin1[] = {{"x-h", "caf\xe9"}};
    r = req;
    r.headers = latin1;
    CHECK(SIGN(&r, &body, "bedrock", &c, "us-east-1", out, sizeof out, &len, &sh) == SIGV4_BEARER_ERR_INPUT_NOT_UTF8);
    /* Bad values. */
    p = body;
    p.kind = 4;
    CHECK(SIGN(&req, &p, "bedrock", &c, "us-east-1", out, sizeof out, &len, &sh) == SIGV4_BEARER_ERR_INVALID_PAYLOAD_KIND);
    p.kind = -1;
    CHECK(SIGN(&req, &p, "bedrock", &c, "us-east-1", out, sizeof out, &len, &sh) == SIGV4_BEARER_ERR_INVALID_PAYLOAD_KIND);
    p.kind = SIGV4_BEARER_PAYLOAD_SHA256_HEX;
    p.sha256_hex = "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"; /* uppercase */
    CHECK(SIGN(&req, &p, "bedrock", &c, "us-east-1", out, sizeof out, &len, &sh) == SIGV4_BEARER_ERR_INVALID_PAYLOAD_HASH);
    p.sha256_hex = "e3b0";
    CHECK(SIGN(&req, &p, "bedrock", &c, "us-east-1", out, sizeof out, &len, &sh) == SIGV4_BEARER_ERR_INVALID_PAYLOAD_HASH);
    {
        /* Unterminated: no NUL in a heap buffer of 100 hex digits. At most
         * 65 bytes are read, so AddressSanitizer sees no read past it. */
        char *unterminated = malloc(100);
        CHECK(unterminated != NULL);
        memset(unterminated, 'a', 100);
        p.sha256_hex = unterminated;
        CHECK(SIGN(&req, &p, "bedrock", &c, "us-east-1", out, sizeof out, &len, &sh) == SIGV4_BEARER_ERR_INVALID_PAYLOAD_HASH);
        free(unterminated);
    }
    sigv4_bearer_pair written[] = {{"X-Amz-Date", "20250101T000000Z"}};
    r = req;
    r.headers = written;
    CHECK(SIGN(&r, &body, "bedrock", &c, "us-east-1", out, sizeof out, &len, &sh) == SIGV4_BEARER_ERR_RESERVED_HEADER);
    sigv4_bearer_credentials bad = c;
    bad.session_token = "tok en";
    CHECK(SIGN(&req, &body, "bedrock", &bad, "us-east-1", out, sizeof out, &len, &sh) == SIGV4_BEARER_ERR_INVALID_SESSION_TOKEN);
    /* A control character: refused in a header, percent-encoded in a token (header comment on -48). */
    bad.session_token = "tok\x01";
    CHECK(SIGN(&req, &body, "bedrock", &bad, "us-east-1", out, sizeof out, &len, &sh) == SIGV4_BEARER_ERR_INVALID_SESSION_TOKEN);
    CHECK(TOKEN(SIGV4_BEARER_BEDROCK, &bad, "us-east-1", NOW, 60, out, sizeof out, &len) == SIGV4_BEARER_OK);
    bad = c;
    bad.expiration = NOW;
    CHECK(SIGN(&req, &body, "bedrock", &bad, "us-east-1", out, sizeof out, &len, &sh) == SIGV4_BEARER_ERR_CREDENTIALS_EXPIRED);
    CHECK(SIGN(&req, &body, "bed rock", &c, "us-east-1", out, sizeof out, &len, &sh) == SIGV4_BEARER_ERR_INVALID_SIGNING_NAME);
    CHECK(SIGN(&req, &body, "bedrock", &c, "US", out, sizeof out, &len, &sh) == SIGV4_BEARER_ERR_INVALID_REGION);
    r = req;
    r.method = "post";
    CHECK(SIGN(&r, &body, "bedrock", &c, "us-east-1", out, sizeof out, &len, &sh) == SIGV4_BEARER_ERR_INVALID_METHOD);
    /* S3 names and an unsigned body add x-amz-content-sha256. */
    CHECK(SIGN(&req, &body, "s3", &c, "us-east-1", out, sizeof out, &len, &sh) == SIGV4_BEARER_OK);
    CHECK(sh.len == 4 && strcmp(sh.headers[2].name, "x-amz-content-sha256") == 0 &&
          /* printf '{}' | sha256sum */
          strcmp(sh.headers[2].value, "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a") == 0);
    sigv4_bearer_payload unsigned_body = {SIGV4_BEARER_PAYLOAD_UNSIGNED, NULL, 0, NULL};
    c.session_token = NULL;
    CHECK(SIGN(&req, &unsigned_body, "bedrock", &c, "us-east-1", out, sizeof out, &len, &sh) == SIGV4_BEARER_OK);
    CHECK(sh.len == 3 && strcmp(sh.headers[1].value, "UNSIGNED-PAYLOAD") == 0);
#undef SIGN
}

static void check_verify_inputs(void) {
    sigv4_bearer_credentials c = good_creds();
    char token[4096];
    unsigned char work[4096];
    size_t len;
    sigv4_bearer_token_info info;
    const char *secret = c.secret_access_key;
    CHECK(sigv4_bearer_token(SIGV4_BEARER_EXTERNAL_ANTHROPIC, &c, "us-west-2", NOW, 600, token, sizeof token, &len) ==
          SIGV4_BEARER_OK);
    CHECK(sigv4_bearer_verify(token, secret, NOW + 10, 0, work, sizeof work, &info) == SIGV4_BEARER_OK);
    CHECK(info.service == SIGV4_BEARER_EXTERNAL_ANTHROPIC && info.expires_at == NOW + 600);
    int zeroed = 1;
    for (size_t i = 0; i < sizeof work; i++) zeroed &= work[i] == 0;
    CHECK(zeroed);
    CHECK(sigv4_bearer_verify(NULL, secret, NOW, 0, work, sizeof work, &info) == SIGV4_BEARER_ERR_NULL_POINTER);
    CHECK(sigv4_bearer_verify(token, NULL, NOW, 0, work, sizeof work, &info) == SIGV4_BEARER_ERR_NULL_POINTER);
    CHECK(sigv4_bearer_verify(token, secret, NOW, 0, NULL, sizeof work, &info) == SIGV4_BEARER_ERR_NULL_POINTER);
    CHECK(sigv4_bearer_verify(token, secret, NOW, 0, work, sizeof work, NULL) == SIGV4_BEARER_ERR_NULL_POINTER);
    CHECK(sigv4_bearer_verify(token, "secr\xe9t", NOW, 0, work, sizeof work, &info) == SIGV4_BEARER_ERR_INPUT_NOT_UTF8);
    CHECK(sigv4_bearer_verify("bedrock-api-key-\xff", secret, NOW, 0, work, sizeof work, &info) ==
          SIGV4_BEARER_ERR_INPUT_NOT_UTF8);
    CHECK(sigv4_bearer_verify(token, secret, NOW, 0, work, 100, &info) == SIGV4_BEARER_ERR_BUFFER_TOO_SMALL);
    CHECK(sigv4_bearer_verify(token, "", NOW, 0, work, sizeof work, &info) == SIGV4_BEARER_ERR_EMPTY_SECRET_ACCESS_KEY);
    CHECK(sigv4_bearer_verify(token, "x", NOW, 0, work, sizeof work, &info) == SIGV4_BEARER_ERR_SIGNATURE_MISMATCH);
    CHECK(sigv4_bearer_verify(token, secret, NOW + 600, 0, work, sizeof work, &info) == SIGV4_BEARER_ERR_TOKEN_EXPIRED);
    CHECK(sigv4_bearer_verify(token, secret, NOW - 61, 60, work, sizeof work, &info) == SIGV4_BEARER_ERR_NOT_YET_VALID);
    CHECK(sigv4_bearer_verify(token, secret, NOW - 60, 60, work, sizeof work, &info) == SIGV4_BEARER_OK);
    CHECK(sigv4_bearer_verify("not-a-token", secret, NOW, 0, work, sizeof work, &info) == SIGV4_BEARER_ERR_UNKNOWN_PREFIX);
}

/* The Unix seconds here are GNU date's: date -u -d 2024-02-29T23:59:59Z +%s. */
static void check_parse_time(void) {
    int64_t t = 42;
    CHECK(sigv4_bearer_parse_time("2025-01-02T03:04:05Z", &t) == SIGV4_BEARER_OK && t == NOW);
    CHECK(sigv4_bearer_parse_time("2025-01-02T03:04:05.999Z", &t) == SIGV4_BEARER_OK && t == NOW);
    CHECK(sigv4_bearer_parse_time("2025-01-02T03:04:05.1+00:00", &t) == SIGV4_BEARER_OK && t == NOW);
    CHECK(sigv4_bearer_parse_time("2025-01-02T03:04:05+00:00", &t) == SIGV4_BEARER_OK && t == NOW);
    CHECK(sigv4_bearer_parse_time("1970-01-01T00:00:00Z", &t) == SIGV4_BEARER_OK && t == 0);
    CHECK(sigv4_bearer_parse_time("2024-02-29T23:59:59Z", &t) == SIGV4_BEARER_OK && t == 1709251199);
    CHECK(sigv4_bearer_parse_time("2000-02-29T12:00:00Z", &t) == SIGV4_BEARER_OK && t == 951825600);
    CHECK(sigv4_bearer_parse_time("9999-12-31T23:59:59Z", &t) == SIGV4_BEARER_OK && t == 253402300799LL);
    t = 42;
    const char *bad[] = {
        "", "2025-01-02", "2025-01-02T03:04:05", "2025-01-02T03:04Z", "2025-01-02 03:04:05Z",
        "2025-01-02t03:04:05Z", "2025-01-02T03:04:05z", "2025-01-02T03:04:05.Z", "2025-01-02T03:04:05+01:00",
        "2025-01-02T03:04:05-00:00", "2025-01-02T03:04:05+0000", "2025-01-02T03:04:05Zjunk",
        "2025-01-02T03:04:05Z ", " 2025-01-02T03:04:05Z", "2025-13-02T03:04:05Z", "2025-00-02T03:04:05Z",
        "2025-02-29T03:04:05Z", "1900-02-29T00:00:00Z", "2025-04-31T03:04:05Z", "2025-01-00T03:04:05Z",
        "2025-01-02T24:00:00Z", "2025-01-02T03:60:05Z", "2025-01-02T03:04:60Z", "1969-12-31T23:59:59Z",
        "10000-01-01T00:00:00Z", "+2025-01-02T03:04:05Z", "2025-1-02T03:04:05Z", "2O25-01-02T03:04:05Z",
        "２025-01-02T03:04:05Z",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int rc = sigv4_bearer_parse_time(bad[i], &t);
        CHECK(rc == SIGV4_BEARER_ERR_INVALID_TIME && t == 42);
        if (rc != SIGV4_BEARER_ERR_INVALID_TIME) fprintf(stderr, "  accepted: \"%s\"\n", bad[i]);
    }
    CHECK(sigv4_bearer_parse_time(NULL, &t) == SIGV4_BEARER_ERR_NULL_POINTER);
    CHECK(sigv4_bearer_parse_time("2025-01-02T03:04:05Z", NULL) == SIGV4_BEARER_ERR_NULL_POINTER);
    CHECK(sigv4_bearer_parse_time("2025-01-02T03:04:05\xff", &t) == SIGV4_BEARER_ERR_INPUT_NOT_UTF8);
}

static void check_version_and_max_len(void) {
    char want[32];
    snprintf(want, sizeof want, "%d.%d.%d", SIGV4_BEARER_VERSION_MAJOR, SIGV4_BEARER_VERSION_MINOR,
             SIGV4_BEARER_VERSION_PATCH);
    CHECK(strcmp(sigv4_bearer_version(), want) == 0);
    CHECK(sigv4_bearer_version() == sigv4_bearer_version());
    /* The longest inputs: a 128-character key id, a 64-character region,
     * 12 hours, and session tokens every byte of which is percent-encoded. */
    char akid[129], region[65], session[301];
    memset(akid, 'A', 128);
    akid[128] = '\0';
    memset(region, 'a', 64);
    region[64] = '\0';
    static char token[2048];
    size_t widest = 0;
    for (int service = SIGV4_BEARER_BEDROCK; service <= SIGV4_BEARER_EXTERNAL_ANTHROPIC; service++) {
        for (size_t s = 0; s <= 300; s++) {
            memset(session, s % 2 ? '/' : '+', s);
            session[s] = '\0';
            sigv4_bearer_credentials c = {akid, "secret", s ? session : NULL, 0};
            size_t len = 0;
            int rc = sigv4_bearer_token(service, &c, region, NOW, 43200, token, sizeof token, &len);
            CHECK(rc == SIGV4_BEARER_OK && len + 1 <= SIGV4_BEARER_TOKEN_MAX_LEN(s));
            if (SIGV4_BEARER_TOKEN_MAX_LEN(s) - (len + 1) == 0) widest++;
        }
    }
    CHECK(widest > 0); /* the bound is reached: no slack */
}

int main(void) {
    check_layout();
    int vector_failures = run_vectors(print);
    CHECK(vector_failures == 0);
    check_every_buffer_size(&TOKEN_VECTORS[0]);   /* no session token */
    check_every_buffer_size(&TOKEN_VECTORS[1]);   /* every printable ASCII character */
    check_bad_inputs();
    check_size_queries();
    check_sign_headers_inputs();
    check_verify_inputs();
    check_parse_time();
    check_version_and_max_len();
    printf("%d passed, %d failed\n", checks - failures, failures);
    return failures == 0 ? 0 : 1;
}
