/* The vector run shared by the host test and the firmware (no libc). */
#include "vectors.h"

static size_t length(const char *text) {
    size_t n = 0;
    while (text[n] != '\0') n++;
    return n;
}

static int same(const char *a, const char *b, size_t len) {
    for (size_t i = 0; i < len; i++)
        if (a[i] != b[i]) return 0;
    return 1;
}

static void print_count(void (*print)(const char *), size_t passed, size_t run, const char *what) {
    char digits[48];
    char *at = digits + sizeof digits;
    *--at = '\0';
    size_t values[2] = {run, passed};
    for (int k = 0; k < 2; k++) {
        size_t v = values[k];
        do { *--at = (char)('0' + v % 10); v /= 10; } while (v != 0);
        if (k == 0) *--at = '/';
    }
    print(at);
    print(" passed  ");
    print(what);
    print("\n");
}

static char out[8192];
static unsigned char work[8192];

/* The token equals the vector's, NUL-terminated, and reads back. */
static int token_matches(const struct token_vector *v) {
    size_t len = 0;
    int rc = sigv4_bearer_token(v->service, &v->credentials, v->region, v->now,
                                v->expires_in_secs, out, sizeof out, &len);
    size_t want = length(v->token);
    if (rc != SIGV4_BEARER_OK || len != want || out[len] != '\0' || !same(out, v->token, len))
        return 0;
    sigv4_bearer_token_info info;
    rc = sigv4_bearer_inspect(out, work, sizeof work, &info);
    size_t region_len = length(v->region);
    return rc == SIGV4_BEARER_OK && info.service == v->service && info.signed_at == v->now &&
           info.expires_at == v->now + (int64_t)v->expires_in_secs &&
           info.has_session_token == (v->credentials.session_token != NULL) &&
           length(info.region) == region_len && same(info.region, v->region, region_len);
}

static int url_matches(const struct url_vector *v) {
    size_t len = 0;
    int rc = sigv4_bearer_presign_url(&v->request, v->signing_name, &v->credentials, v->region,
                                      v->now, v->expires_in_secs, out, sizeof out, &len);
    size_t want = length(v->url);
    return rc == SIGV4_BEARER_OK && len == want && out[len] == '\0' && same(out, v->url, len);
}

int run_vectors(void (*print)(const char *)) {
    size_t passed = 0;
    for (size_t i = 0; i < TOKEN_VECTORS_LEN; i++) {
        if (token_matches(&TOKEN_VECTORS[i])) {
            passed++;
        } else {
            print("MISMATCH ");
            print(TOKEN_VECTORS[i].name);
            print(": sigv4_bearer_token\n");
        }
    }
    print_count(print, passed, TOKEN_VECTORS_LEN,
                "sigv4_bearer_token + sigv4_bearer_inspect (Python generators, both services)");
    int failures = (int)(TOKEN_VECTORS_LEN - passed);
    passed = 0;
    for (size_t i = 0; i < URL_VECTORS_LEN; i++) {
        if (url_matches(&URL_VECTORS[i])) {
            passed++;
        } else {
            print("MISMATCH ");
            print(URL_VECTORS[i].name);
            print(": sigv4_bearer_presign_url\n");
        }
    }
    print_count(print, passed, URL_VECTORS_LEN,
                "sigv4_bearer_presign_url (botocore, boto3 RDS and DSQL)");
    return failures + (int)(URL_VECTORS_LEN - passed);
}
