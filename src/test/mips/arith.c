/* arith.c - 32-bit integer arithmetic: wrapping add/sub, mult/multu, div/divu with every sign
 * combination (and INT_MIN / -1), shifts by constants and by registers, slt/sltu, clz/clo.
 * Operands go through volatile variables so gcc emits the real instructions instead of
 * folding them at compile time. Exits 0. */
#include "rt/rt.h"

static volatile int32_t vs[] = { 0, 1, -1, 7, -7, 3, -3, 0x7fffffff, (int32_t)0x80000000, 123456789, -987654321 };
static volatile uint32_t vu[] = { 0, 1, 0xffffffffu, 7, 0x80000000u, 0x7fffffffu, 0xdeadbeefu, 65536 };
#define N_S (int)(sizeof vs / sizeof vs[0])
#define N_U (int)(sizeof vu / sizeof vu[0])

static uint32_t checksum = 0;

static void mix(uint32_t v)
{
    checksum = (checksum ^ v) * 0x01000193u;   /* FNV-1a style */
}

static void add_sub(void)
{
    printf("-- add/sub (wrapping)\n");
    for (int i = 0; i < N_S; i++) {
        for (int j = 0; j < N_S; j++) {
            uint32_t a = (uint32_t)vs[i], b = (uint32_t)vs[j];
            mix(a + b);
            mix(a - b);
        }
    }
    volatile int32_t big = 0x7fffffff;
    volatile int32_t small = (int32_t)0x80000000;
    printf("INT_MAX+1 = %x\n", (uint32_t)big + 1u);
    printf("INT_MIN-1 = %x\n", (uint32_t)small - 1u);
    printf("0-1 = %u\n", 0u - (uint32_t)vs[1]);
    printf("checksum %08x\n", checksum);
}

static void multiply(void)
{
    printf("-- mult/multu/mul\n");
    for (int i = 0; i < N_S; i++) {
        for (int j = 0; j < N_S; j++) {
            int64_t p = (int64_t)vs[i] * (int64_t)vs[j];           /* mult */
            mix((uint32_t)(p >> 32));
            mix((uint32_t)p);
            mix((uint32_t)(vs[i] * vs[j]));                          /* mul */
        }
    }
    for (int i = 0; i < N_U; i++) {
        for (int j = 0; j < N_U; j++) {
            uint64_t p = (uint64_t)vu[i] * (uint64_t)vu[j];         /* multu */
            mix((uint32_t)(p >> 32));
            mix((uint32_t)p);
        }
    }
    int64_t p1 = (int64_t)vs[7] * (int64_t)vs[8];
    uint64_t p2 = (uint64_t)vu[2] * (uint64_t)vu[2];
    printf("INT_MAX*INT_MIN = %08x %08x\n", (uint32_t)(p1 >> 32), (uint32_t)p1);
    printf("0xffffffff^2    = %08x %08x\n", (uint32_t)(p2 >> 32), (uint32_t)p2);
    printf("-7*3 = %d, -7*-3 = %d\n", vs[4] * vs[5], vs[4] * vs[6]);
    printf("checksum %08x\n", checksum);
}

static void divide(void)
{
    printf("-- div/divu (truncating; INT_MIN/-1 wraps)\n");
    static const int32_t pairs[][2] = {
        { 7, 3 }, { -7, 3 }, { 7, -3 }, { -7, -3 }, { 3, 7 }, { -3, 7 }, { 0, -5 },
        { 0x7fffffff, 2 }, { (int32_t)0x80000000, 2 }, { (int32_t)0x80000000, 7 },
    };
    for (unsigned k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
        volatile int32_t a = pairs[k][0], b = pairs[k][1];
        printf("%d / %d = %d rem %d\n", a, b, a / b, a % b);
    }
    volatile int32_t imin = (int32_t)0x80000000, m1 = -1;
    printf("INT_MIN / -1 = %d rem %d\n", imin / m1, imin % m1);
    for (int i = 0; i < N_S; i++) {
        for (int j = 0; j < N_S; j++) {
            if (vs[j] == 0 || (vs[i] == (int32_t)0x80000000 && vs[j] == -1)) {
                continue;
            }
            mix((uint32_t)(vs[i] / vs[j]));
            mix((uint32_t)(vs[i] % vs[j]));
        }
    }
    for (int i = 0; i < N_U; i++) {
        for (int j = 0; j < N_U; j++) {
            if (vu[j] == 0) {
                continue;
            }
            mix(vu[i] / vu[j]);
            mix(vu[i] % vu[j]);
        }
    }
    volatile uint32_t ua = 0xfffffff9u, ub = 3;
    printf("0xfffffff9 /u 3 = %u rem %u\n", ua / ub, ua % ub);
    printf("checksum %08x\n", checksum);
}

static void shifts(void)
{
    printf("-- shifts\n");
    volatile int32_t neg = -0x12345678;
    volatile uint32_t pat = 0x80000001u;
    printf("sll 4: %08x  srl 4: %08x  sra 4: %08x\n", (uint32_t)neg << 4, (uint32_t)neg >> 4, (uint32_t)(neg >> 4));
    for (volatile int s = 0; s < 32; s++) {
        mix(pat << s);                    /* sllv */
        mix(pat >> s);                    /* srlv */
        mix((uint32_t)(neg >> s));        /* srav */
        mix((uint32_t)((int32_t)pat >> s));
    }
    volatile int s31 = 31, s0 = 0;
    printf("sra 31: %08x  srl 31: %08x  sllv 0: %08x\n", (uint32_t)(neg >> s31), (uint32_t)neg >> s31,
           pat << s0);
    printf("checksum %08x\n", checksum);
}

static void compares(void)
{
    printf("-- slt/sltu/slti/sltiu\n");
    uint32_t bits = 0;
    for (int i = 0; i < N_S; i++) {
        for (int j = 0; j < N_S; j++) {
            bits = (bits << 1 | (bits >> 31)) ^ (vs[i] < vs[j]);
            bits = (bits << 1 | (bits >> 31)) ^ ((uint32_t)vs[i] < (uint32_t)vs[j]);
        }
        mix(bits);
        mix(vs[i] < -5);                       /* slti with a negative immediate */
        mix((uint32_t)vs[i] < 0xfffffff0u);    /* sltiu: the immediate is sign-extended */
    }
    printf("-1 < 1 signed: %d, unsigned: %d\n", vs[2] < vs[1], (uint32_t)vs[2] < (uint32_t)vs[1]);
    printf("checksum %08x\n", checksum);
}

static void count_bits(void)
{
    printf("-- clz/clo\n");
    static const uint32_t vals[] = { 1, 0x80000000u, 0x00010000u, 0xffffffffu, 0xfff00000u, 0x0000ffffu, 0x12345678u };
    for (unsigned k = 0; k < sizeof vals / sizeof vals[0]; k++) {
        volatile uint32_t v = vals[k];
        uint32_t x = v;
        int clz = __builtin_clz(x);
        int clo = ~x == 0 ? 32 : __builtin_clz(~x);   /* gcc may turn clz(~x) into clo */
        printf("%08x clz %2d clo %2d\n", x, clz, clo);
    }
    /* the clz instruction is defined for 0 (gives 32), unlike __builtin_clz */
    volatile uint32_t zero = 0;
    uint32_t r;
    __asm__("clz %0, %1" : "=r"(r) : "r"(zero));
    printf("clz(0) = %u\n", r);
    __asm__("clo %0, %1" : "=r"(r) : "r"(~zero));
    printf("clo(~0) = %u\n", r);
}

static void logic(void)
{
    printf("-- and/or/xor/nor/lui/andi/ori/xori\n");
    volatile uint32_t a = 0xf0f0a5a5u, b = 0x0ff05a5au;
    printf("and %08x or %08x xor %08x nor %08x\n", a & b, a | b, a ^ b, ~(a | b));
    printf("andi %08x ori %08x xori %08x\n", a & 0xffffu, a | 0x8000u, a ^ 0xffffu);
    volatile int c = 5, d = 0;
    int sel1 = c ? c : 9, sel2 = d ? c : 9;          /* movn/movz candidates */
    printf("select %d %d\n", sel1, sel2);
}

int main(void)
{
    printf("arith: 32-bit integer arithmetic\n");
    add_sub();
    multiply();
    divide();
    shifts();
    compares();
    count_bits();
    logic();
    printf("final checksum %08x\n", checksum);
    return 0;
}
