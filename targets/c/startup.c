/* Bare-metal start for the C firmware on Cortex-M: a vector table, a reset
 * handler that sets up .data and .bss and calls main, and semihosting for
 * output and the exit code (QEMU -semihosting-config enable=on). */
#include <stdint.h>

extern uint32_t _data_start, _data_end, _data_load, _bss_start, _bss_end, _stack_top;
int main(void);

static int semihost(int op, const void *arg) {
    register int r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void print(const char *text) { semihost(0x04 /* SYS_WRITE0 */, text); }

static void __attribute__((noreturn)) exit_with(int code) {
    const uint32_t block[2] = {0x20026 /* ADP_Stopped_ApplicationExit */, (uint32_t)code};
    for (;;) semihost(0x20 /* SYS_EXIT_EXTENDED */, block);
}

/* The loops write through volatile pointers so that the compiler does not
 * turn them into calls to memcpy and memset (248 bytes of memset that only
 * this would use). */
void __attribute__((noreturn)) reset(void) {
    const uint32_t *src = &_data_load;
    for (volatile uint32_t *dst = &_data_start; dst < &_data_end;) *dst++ = *src++;
    for (volatile uint32_t *dst = &_bss_start; dst < &_bss_end;) *dst++ = 0;
    exit_with(main());
}

static void __attribute__((noreturn)) fault(void) { exit_with(100); }

__attribute__((section(".vectors"), used)) static const void *const VECTORS[16] = {
    &_stack_top, reset, fault, fault, fault, fault, fault, 0, 0, 0, 0, fault, fault, 0, fault, fault,
};
