// A C++ unit in the firmware: it links only if the toolchain file gives C++
// the same core and float ABI as C (ld refuses to mix VFP-argument objects).
#include "sigv4_bearer.h"

extern "C" const char *sigv4_bearer_firmware_cxx_version(void) { return sigv4_bearer_version(); }
