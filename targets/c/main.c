/* C firmware for Cortex-M4 (QEMU mps2-an386), linked against the C API's
 * thumbv7em static library: mints one token with a 1 KB session token
 * between two probe marks (targets/measure.py reads the C side's stack and
 * instructions from QEMU's trace), then runs the official vectors.
 * Built with -DTOKEN_ONLY it mints the one token and stops: the size of a
 * C program that only makes tokens. */
#include <stdint.h>

#include "sigv4_bearer.h"
#ifndef TOKEN_ONLY
#include "vectors.h"
#endif

void print(const char *text);

/* Where measure.py cuts the trace. */
void __attribute__((noinline)) probe_mark(int step) { __asm__ volatile("" : : "r"(step) : "memory"); }

static char token[4096];
static char session[1025];

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
        print(sigv4_bearer_strerror(rc));
        print("\n");
        return 1;
    }
#ifdef TOKEN_ONLY
    print("C firmware: one token minted\n");
    return 0;
#else
    int failures = run_vectors(print);
    print(failures == 0 ? "C firmware: every vector passed on thumbv7em-none-eabihf\n"
                        : "C firmware: vector mismatches\n");
    return failures == 0 ? 0 : 1;
#endif
}
