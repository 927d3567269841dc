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
    for (int code = -46; code <= 0; code++) {
        const char *text = sigv4_bearer_strerror(code);
        int named = (code >= -6) || (code <= -10);
        CHECK(text != NULL && (text != unknown) == named);
    }
}

int main(void) {
    check_layout();
    int vector_failures = run_vectors(print);
    CHECK(vector_failures == 0);
    check_every_buffer_size(&TOKEN_VECTORS[0]);   /* no session token */
    check_every_buffer_size(&TOKEN_VECTORS[1]);   /* every printable ASCII character */
    check_bad_inputs();
    printf("%d passed, %d failed\n", checks - failures, failures);
    return failures == 0 ? 0 : 1;
}
