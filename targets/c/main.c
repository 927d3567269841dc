/* C firmware for Cortex-M (QEMU mps2-an386, startup.c) and RISC-V 32 (QEMU
 * virt, startup_riscv.c), linked against the C API's static library: mints
 * one token with a 1 KB session token between two probe marks
 * (targets/measure.py reads the C side's stack and instructions from
 * QEMU's trace), then runs the official vectors.
 * Built with -DTOKEN_ONLY it mints the one token and stops: the size of a
 * C program that only makes tokens (it links no error message). With -DEVERY_CALL it then calls every
 * other function once between marks, for the stack figures of the header. */
#include <stdint.h>

#include "sigv4_bearer.h"
#if !defined(TOKEN_ONLY) && !defined(EVERY_CALL)
#include "vectors.h"
#endif

void print(const char *text);

/* Where measure.py cuts the trace. */
void __attribute__((noinline)) probe_mark(int step) { __asm__ volatile("" : : "r"(step) : "memory"); }

static char token[4096];
static char session[1025];

#ifdef EVERY_CALL
static const int64_t NOW = 1735787045;

/* Each call once between two marks (the token is between the first two). */
static int every_call(const sigv4_bearer_credentials *creds) {
    static char out[4096];
    static unsigned char work[4096];
    static const char body[] = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":64,\"messages\":[]}";
    const sigv4_bearer_pair query[] = {{"Action", "connect"}, {"DBUser", "app"}};
    const sigv4_bearer_request rds = {"GET", "db.example.us-east-1.rds.amazonaws.com:5432", "/", query, 2, NULL, 0};
    const sigv4_bearer_pair headers[] = {{"content-type", "application/json"}};
    const sigv4_bearer_request invoke = {"POST", "bedrock-runtime.us-west-2.amazonaws.com",
                                         "/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke", NULL, 0,
                                         headers, 1};
    const sigv4_bearer_payload payload = {SIGV4_BEARER_PAYLOAD_BYTES, body, sizeof body - 1, NULL};
    sigv4_bearer_signed_headers signed_headers;
    sigv4_bearer_token_info info;
    size_t len = 0;
    int64_t expiration = 0;
    int failures = 0;
    probe_mark(2); /* from here on, this frame is the caller */
    failures += sigv4_bearer_presign_url(&rds, "rds-db", creds, "us-east-1", NOW, 900, out, sizeof out, &len) != 0;
    probe_mark(3);
    failures += sigv4_bearer_sign_headers(&invoke, &payload, "bedrock", creds, "us-west-2", NOW, out, sizeof out,
                                          &len, &signed_headers) != 0;
    probe_mark(4);
    failures += sigv4_bearer_inspect(token, work, sizeof work, &info) != 0;
    probe_mark(5);
    failures += sigv4_bearer_verify(token, creds->secret_access_key, NOW, 0, work, sizeof work, &info) != 0;
    probe_mark(6);
    failures += sigv4_bearer_parse_time("2025-01-02T15:04:05.123+00:00", &expiration) != 0;
    probe_mark(7);
    failures += sigv4_bearer_strerror(SIGV4_BEARER_ERR_SIGNATURE_MISMATCH)[0] == '\0';
    probe_mark(8);
    failures += sigv4_bearer_version()[0] == '\0';
    probe_mark(9);
    return failures;
}
#endif

int main(void) {
    /* The 1 KB session token of benches/ and the Rust probe. */
    static const char alphabet[] = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+=";
    for (int i = 0; i < 1024; i++) session[i] = alphabet[i % 53];
    sigv4_bearer_credentials creds = {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                      session, 0};
    size_t len = 0;
    probe_mark(1);
    int rc = sigv4_bearer_token(SIGV4_BEARER_BEDROCK, &creds, "us-west-2", 1735787045, 3600,
                                token, sizeof token, &len);
    probe_mark(2);
    if (rc != SIGV4_BEARER_OK) {
#ifdef TOKEN_ONLY
        /* The exit status says which code: this program links no messages. */
        print("C firmware: no token\n");
        return -rc;
#else
        print(sigv4_bearer_strerror(rc));
        print("\n");
        return 1;
#endif
    }
#ifdef EVERY_CALL
    if (every_call(&creds) != 0) {
        print("C firmware: a call failed\n");
        return 1;
    }
    print("C firmware: every call made\n");
    return 0;
#elif defined(TOKEN_ONLY)
    print("C firmware: one token minted\n");
    return 0;
#else
    int failures = run_vectors(print);
    print(failures == 0 ? "C firmware: every vector passed\n"
                        : "C firmware: vector mismatches\n");
    return failures == 0 ? 0 : 1;
#endif
}
