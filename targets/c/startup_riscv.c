/* Bare-metal start for the C firmware on RISC-V 32 (QEMU virt, -bios none):
 * the entry sets the stack pointer and calls main; semihosting gives output
 * and the exit code (QEMU -semihosting-config enable=on). Everything runs
 * from RAM, so .data needs no copy. */
#include <stdint.h>

extern uint32_t _bss_start, _bss_end;
int main(void);
void reset(void);

__asm__(".section .text.start, \"ax\"\n"
        ".global _start\n"
        "_start:\n"
        "    la sp, _stack_top\n"
        "    j reset\n");

/* The semihosting call: these three 32-bit instructions around ebreak. */
static int semihost(int op, const void *arg) {
    register int a0 __asm__("a0") = op;
    register const void *a1 __asm__("a1") = arg;
    __asm__ volatile(".option push\n"
                     ".option norvc\n"
                     ".balign 4\n"
                     "slli zero, zero, 0x1f\n"
                     "ebreak\n"
                     "srai zero, zero, 7\n"
                     ".option pop\n"
                     : "+r"(a0)
                     : "r"(a1)
                     : "memory");
    return a0;
}

void print(const char *text) { semihost(0x04 /* SYS_WRITE0 */, text); }

static void __attribute__((noreturn)) exit_with(int code) {
    const uint32_t block[2] = {0x20026 /* ADP_Stopped_ApplicationExit */, (uint32_t)code};
    for (;;) semihost(0x20 /* SYS_EXIT_EXTENDED */, block);
}

void __attribute__((noreturn)) reset(void) {
    /* Volatile: not turned into a call to memset. */
    for (volatile uint32_t *dst = &_bss_start; dst < &_bss_end;) *dst++ = 0;
    exit_with(main());
}
