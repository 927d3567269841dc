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
#ifndef TOKENS_ONLY_ARCHIVE
static unsigned char work[8192];
#endif

/* The token equals the vector's, NUL-terminated, and reads back. */
static int token_matches(const struct token_vector *v) {
    size_t len = 0;
    int rc = sigv4_bearer_token(v->service, &v->credentials, v->region, v->now,
                                v->expires_in_secs, out, sizeof out, &len);
    size_t want = length(v->token);
    if (rc != SIGV4_BEARER_OK || len != want || out[len] != '\0' || !same(out, v->token, len))
        return 0;
#ifdef TOKENS_ONLY_ARCHIVE
    return 1;
#else
    sigv4_bearer_token_info info;
    rc = sigv4_bearer_inspect(out, work, sizeof work, &info);
    size_t region_len = length(v->region);
    return rc == SIGV4_BEARER_OK && info.service == v->service && info.signed_at == v->now &&
           info.expires_at == v->now + (int64_t)v->expires_in_secs &&
           info.has_session_token == (v->credentials.session_token != NULL) &&
           length(info.region) == region_len && same(info.region, v->region, region_len);
#endif
}

#ifndef TOKENS_ONLY_ARCHIVE
/* The token just minted (in `out`) verifies with its secret from its
 * signing time to just before it expires, and is refused with another
 * secret, once expired, and before it was signed. */
static int token_verifies(const struct token_vector *v) {
    sigv4_bearer_token_info info;
    int64_t end = v->now + (int64_t)v->expires_in_secs;
    const char *secret = v->credentials.secret_access_key;
    return sigv4_bearer_verify(out, secret, v->now, 0, work, sizeof work, &info) == SIGV4_BEARER_OK &&
           info.expires_at == end &&
           sigv4_bearer_verify(out, secret, end - 1, 0, work, sizeof work, &info) == SIGV4_BEARER_OK &&
           sigv4_bearer_verify(out, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEX", v->now, 0, work, sizeof work,
                               &info) == SIGV4_BEARER_ERR_SIGNATURE_MISMATCH &&
           sigv4_bearer_verify(out, secret, end, 0, work, sizeof work, &info) == SIGV4_BEARER_ERR_TOKEN_EXPIRED &&
           sigv4_bearer_verify(out, secret, v->now - 1, 0, work, sizeof work, &info) ==
               SIGV4_BEARER_ERR_NOT_YET_VALID &&
           sigv4_bearer_verify(out, secret, v->now - 1, 1, work, sizeof work, &info) == SIGV4_BEARER_OK;
}

/* botocore's headers, in order, each value NUL-terminated inside `out`,
 * and *len the bytes used. */
static int headers_match(const struct header_vector *v) {
    size_t len = 0;
    sigv4_bearer_signed_headers signed_headers;
    int rc = sigv4_bearer_sign_headers(&v->request, &v->payload, v->signing_name, &v->credentials,
                                       v->region, v->now, out, sizeof out, &len, &signed_headers);
    if (rc != SIGV4_BEARER_OK || signed_headers.len != v->headers_len) return 0;
    size_t used = 0;
    for (size_t i = 0; i < v->headers_len; i++) {
        const sigv4_bearer_pair *got = &signed_headers.headers[i], *want = &v->headers[i];
        size_t name_len = length(want->name), value_len = length(want->value);
        if (length(got->name) != name_len || !same(got->name, want->name, name_len)) return 0;
        if (got->value != out + used || length(got->value) != value_len ||
            !same(got->value, want->value, value_len))
            return 0;
        used += value_len + 1;
    }
    return len == used;
}

static int url_matches(const struct url_vector *v) {
    size_t len = 0;
    int rc = sigv4_bearer_presign_url(&v->request, v->signing_name, &v->credentials, v->region,
                                      v->now, v->expires_in_secs, out, sizeof out, &len);
    size_t want = length(v->url);
    return rc == SIGV4_BEARER_OK && len == want && out[len] == '\0' && same(out, v->url, len);
}
#endif

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
#ifdef TOKENS_ONLY_ARCHIVE
    print_count(print, passed, TOKEN_VECTORS_LEN, "sigv4_bearer_token (Python generators, both services)");
    return (int)(TOKEN_VECTORS_LEN - passed);
#else
    print_count(print, passed, TOKEN_VECTORS_LEN,
                "sigv4_bearer_token + sigv4_bearer_inspect (Python generators, both services)");
    int failures = (int)(TOKEN_VECTORS_LEN - passed);
    passed = 0;
    for (size_t i = 0; i < TOKEN_VECTORS_LEN; i++) {
        if (token_matches(&TOKEN_VECTORS[i]) && token_verifies(&TOKEN_VECTORS[i])) {
            passed++;
        } else {
            print("MISMATCH ");
            print(TOKEN_VECTORS[i].name);
            print(": sigv4_bearer_verify\n");
        }
    }
    print_count(print, passed, TOKEN_VECTORS_LEN,
                "sigv4_bearer_verify (each token: good, wrong secret, late, early)");
    failures += (int)(TOKEN_VECTORS_LEN - passed);
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
    failures += (int)(URL_VECTORS_LEN - passed);
    passed = 0;
    for (size_t i = 0; i < HEADER_VECTORS_LEN; i++) {
        if (headers_match(&HEADER_VECTORS[i])) {
            passed++;
        } else {
            print("MISMATCH ");
            print(HEADER_VECTORS[i].name);
            print(": sigv4_bearer_sign_headers\n");
        }
    }
    print_count(print, passed, HEADER_VECTORS_LEN,
                "sigv4_bearer_sign_headers (botocore SigV4Auth and S3SigV4Auth; signed bodies again as SHA-256 hex)");
    return failures + (int)(HEADER_VECTORS_LEN - passed);
#endif
}
