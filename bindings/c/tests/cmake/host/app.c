/* Mints a token, asks its size first, and verifies it: the CMake consumer's
 * smoke test (exit status 0 when all is well). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sigv4_bearer.h"

int main(void) {
    sigv4_bearer_credentials creds = {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", NULL, 0};
    const int64_t now = 1735787045;
    size_t need = 0, len = 0;
    int rc = sigv4_bearer_token(SIGV4_BEARER_BEDROCK, &creds, "us-west-2", now, 3600, NULL, 0, &need);
    if (rc != SIGV4_BEARER_ERR_BUFFER_TOO_SMALL) return 1;
    char *token = malloc(need);
    rc = sigv4_bearer_token(SIGV4_BEARER_BEDROCK, &creds, "us-west-2", now, 3600, token, need, &len);
    if (rc != SIGV4_BEARER_OK || len + 1 != need) return 2;
    unsigned char work[1024];
    sigv4_bearer_token_info info;
    rc = sigv4_bearer_verify(token, creds.secret_access_key, now, 0, work, sizeof work, &info);
    printf("sigv4-bearer %s from C: token of %zu bytes, verify: %s\n", sigv4_bearer_version(), len,
           sigv4_bearer_strerror(rc));
    free(token);
    return rc == SIGV4_BEARER_OK && strcmp(info.region, "us-west-2") == 0 ? 0 : 3;
}
