/*
 * A small freestanding program for the Faultscope VM (built by build.sh, see there for the flags).
 * It exercises the instruction classes a C compiler emits: calls and returns, loops, a switch,
 * multiply and divide, shifts, byte/half/word loads and stores, .data, .rodata and .bss.
 * Its exit code is checksum() & 0xFF; build.sh runs it under qemu-mips to record that value.
 */
typedef unsigned int u32;

static const char message[] = "faultscope";
int counters[8] = {3, 1, 4, 1, 5, 9, 2, 6};
unsigned char scratch[64];
short halves[4];

__attribute__((noinline)) u32 sum_bytes(const char *s) {
    u32 h = 0;
    while (*s) {
        h = h * 31 + (unsigned char) *s++;
    }
    return h;
}

__attribute__((noinline)) int classify(int x) {
    switch (x & 7) {
    case 0: return 11;
    case 1: return x * 3;
    case 2: return x >> 1;
    case 3: return -x;
    case 4: return x ^ 0x5a;
    case 5: return ~x;
    default: return x / 7 + x % 5;
    }
}

__attribute__((noinline)) u32 mix(u32 a, u32 b) {
    unsigned long long p = (unsigned long long) a * b;
    u32 q = b ? a / b : 0;
    return (u32) (p >> 32) ^ (u32) p ^ q ^ (a << (b & 31)) ^ (a >> 3);
}

__attribute__((noinline)) u32 checksum(void) {
    u32 acc = sum_bytes(message);
    for (int i = 0; i < 8; i++) {
        acc += (u32) classify(counters[i] + i);
        counters[i] = (int) acc;
    }
    for (int i = 0; i < 64; i++) {
        scratch[i] = (unsigned char) (acc >> (i & 24));
    }
    halves[0] = (short) acc;
    halves[3] = (short) -5;
    acc = mix(acc, (u32) halves[3]) + scratch[17] + (u32) halves[0];
    return acc;
}

/*
 * The entry point (linked with --entry=_start). Nothing runs before it and the VM starts with every
 * register but $sp at zero, so it points $gp at the small-data area the way a C runtime's crt0 would:
 * with the default -G 8, small globals such as halves are addressed relative to $gp.
 */
void _start(void) {
    __asm__ volatile("la $gp, _gp");
    u32 code = checksum() & 0xFF;
    register u32 v0 __asm__("$2") = 4246;
    register u32 a0 __asm__("$4") = code;
    __asm__ volatile("syscall" : : "r"(v0), "r"(a0) : "memory");
    for (;;) {
    }
}
