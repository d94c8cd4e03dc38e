/* memory.c - loads and stores of every width, signed and unsigned, at every alignment the ISA
 * allows; unaligned word accesses through packed structs (gcc emits lwl/lwr/swl/swr);
 * memcpy/memmove/memset of odd lengths and offsets; ll/sc. Exits 0. */
#include "rt/rt.h"

static uint8_t arena[256] __attribute__((aligned(8)));

struct __attribute__((packed)) unaligned {
    uint8_t tag;
    uint32_t word;      /* at offset 1: lwl/lwr and swl/swr */
    uint16_t half;      /* at offset 5 */
    int32_t sword;      /* at offset 7 */
};

static uint32_t fnv(const uint8_t *p, uint32_t n)
{
    uint32_t h = 0x811c9dc5u;
    for (uint32_t i = 0; i < n; i++) {
        h = (h ^ p[i]) * 0x01000193u;
    }
    return h;
}

static void fill_pattern(void)
{
    for (int i = 0; i < 256; i++) {
        arena[i] = (uint8_t)(i * 37 + 11);
    }
}

static void byte_half_word(void)
{
    printf("-- lb/lbu/lh/lhu/lw (big-endian)\n");
    volatile uint8_t *b = arena;
    volatile uint16_t *h = (volatile uint16_t *)arena;
    volatile uint32_t *w = (volatile uint32_t *)arena;
    w[0] = 0x80ff7f01u;
    w[1] = 0xfedcba98u;
    printf("bytes  lbu: %02x %02x %02x %02x\n", b[0], b[1], b[2], b[3]);
    printf("bytes  lb : %d %d %d %d\n", (int8_t)b[0], (int8_t)b[1], (int8_t)b[2], (int8_t)b[3]);
    printf("halves lhu: %04x %04x  lh: %d %d\n", h[0], h[1], (int16_t)h[0], (int16_t)h[1]);
    printf("word: %08x %08x\n", w[0], w[1]);

    printf("-- sb/sh into a word\n");
    for (int i = 0; i < 4; i++) {
        w[2] = 0x11111111u;
        b[8 + i] = (uint8_t)(0xa0 + i);
        printf("sb at %d -> %08x\n", i, w[2]);
    }
    for (int i = 0; i < 2; i++) {
        w[3] = 0x22222222u;
        h[6 + i] = (uint16_t)(0xbeef - i);
        printf("sh at %d -> %08x\n", 2 * i, w[3]);
    }
    volatile int8_t *sb = (volatile int8_t *)arena;
    volatile int16_t *sh = (volatile int16_t *)arena;
    sb[16] = -2;
    sh[9] = -300;
    int32_t s8 = sb[16], s16 = sh[9];
    uint32_t u8 = (uint8_t)sb[16], u16 = (uint16_t)sh[9];
    printf("sign-extended %d %d  zero-extended %u %u\n", s8, s16, u8, u16);
}

static void unaligned_access(void)
{
    printf("-- unaligned (lwl/lwr/swl/swr)\n");
    for (int off = 0; off < 4; off++) {
        fill_pattern();
        volatile struct unaligned *u = (volatile struct unaligned *)(arena + 32 + off);
        uint32_t before = u->word;
        int32_t sbefore = u->sword;
        u->word = 0xcafebabeu ^ (uint32_t)off;
        u->half = (uint16_t)(0x1234 + off);
        u->sword = -123456 - off;
        printf("off %d: read %08x %d, wrote back %08x %04x %d, region fnv %08x\n", off, before, sbefore,
               u->word, u->half, u->sword, fnv(arena + 28, 24));
    }
    /* An unaligned copy loop: word at odd address i from word at odd address j. */
    fill_pattern();
    struct __attribute__((packed)) w32 { uint32_t v; };
    uint32_t acc = 0;
    for (int i = 1; i < 200; i += 3) {
        const struct w32 *p = (const struct w32 *)(arena + i);
        acc = (acc << 5 | acc >> 27) ^ p->v;
    }
    for (int i = 3; i < 240; i += 5) {
        struct w32 *p = (struct w32 *)(arena + i);
        p->v = acc + (uint32_t)i;
    }
    printf("unaligned loop acc %08x fnv %08x\n", acc, fnv(arena, 256));
}

static void copies(void)
{
    printf("-- memcpy/memmove/memset\n");
    static uint8_t src[128], dst[128];
    for (int i = 0; i < 128; i++) {
        src[i] = (uint8_t)(i ^ 0x5a);
    }
    uint32_t h = 0;
    for (int so = 0; so < 4; so++) {
        for (int d0 = 0; d0 < 4; d0++) {
            for (int len = 0; len < 40; len += 3) {
                memset(dst, 0xee, sizeof dst);
                memcpy(dst + d0, src + so, (size_t)len);
                h ^= fnv(dst, 64) + (uint32_t)(so * 1000 + d0 * 100 + len);
            }
        }
    }
    printf("memcpy grid hash %08x\n", h);
    char text[32] = "abcdefghijklmnopqrstuvwxyz";
    memmove(text + 3, text, 10);
    printf("memmove forward : %s\n", text);
    memmove(text, text + 5, 11);
    printf("memmove backward: %s\n", text);
    memset(text + 1, '-', 7);
    printf("memset odd      : %s (strlen %u)\n", text, (uint32_t)strlen(text));
}

static void ll_sc(void)
{
    printf("-- ll/sc\n");
    volatile uint32_t *w = (volatile uint32_t *)(arena + 64);
    *w = 41;
    uint32_t old, ok;
    __asm__ volatile("ll   %0, 0(%2)\n\t"
                     "addiu %1, %0, 1\n\t"
                     "sc   %1, 0(%2)"
                     : "=&r"(old), "=&r"(ok)
                     : "r"(w)
                     : "memory");
    printf("ll read %u, sc flag %u, memory now %u\n", old, ok, *w);
}

static void stack_and_globals(void)
{
    printf("-- stack arrays and struct copies\n");
    struct rec {
        int32_t a;
        uint8_t b;
        int16_t c;
        uint32_t d[5];
    } r1 = { -5, 200, -7, { 1, 2, 3, 4, 5 } }, r2;
    volatile int idx = 3;
    r2 = r1;
    r2.d[idx] = 0xabcdef01u;
    printf("r2: %d %u %d %u %x\n", r2.a, r2.b, r2.c, r2.d[0], r2.d[idx]);
    volatile uint8_t local[37];
    for (int i = 0; i < 37; i++) {
        local[i] = (uint8_t)(i * i);
    }
    uint32_t sum = 0;
    for (int i = 36; i >= 0; i--) {
        sum = sum * 31 + local[i];
    }
    printf("stack sum %08x\n", sum);
}

int main(void)
{
    printf("memory: loads, stores, alignment\n");
    byte_half_word();
    unaligned_access();
    copies();
    ll_sc();
    stack_and_globals();
    return 0;
}
