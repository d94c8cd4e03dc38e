/* int64.c - 64-bit integer arithmetic on a 32-bit machine: add/sub with carries, multiplication
 * (multu plus cross products), shifts across the word boundary by constant and variable amounts,
 * signed/unsigned comparisons, and division through the runtime's own __udivdi3/__divdi3
 * (no libgcc). Ends with a 64-bit PRNG checksum and exits with code 42. */
#include "rt/rt.h"

static volatile uint64_t vals[] = {
    0, 1, 0xffffffffULL, 0x100000000ULL, 0xffffffffffffffffULL, 0x8000000000000000ULL,
    0x7fffffffffffffffULL, 0x0123456789abcdefULL, 0xfedcba9876543210ULL, 1000000007ULL,
};
#define N (int)(sizeof vals / sizeof vals[0])

static uint64_t acc = 0xcbf29ce484222325ULL;

static void mix(uint64_t v)
{
    acc = (acc ^ v) * 0x100000001b3ULL;     /* FNV-1a 64 */
}

int main(void)
{
    printf("int64: 64-bit arithmetic on MIPS32\n");

    volatile uint64_t a = 0xffffffffULL, one = 1;
    printf("0xffffffff + 1 = %llx\n", a + one);
    printf("0x100000000 - 1 = %llx\n", (a + one) - one);
    printf("0 - 1 = %llx\n", (uint64_t)0 - one);

    volatile uint64_t m1 = 0x0123456789abcdefULL, m2 = 0xfedcba9876543210ULL;
    printf("mul low 64: %016llx\n", m1 * m2);
    volatile int64_t s1 = -123456789012LL, s2 = 98765;
    printf("signed mul: %lld\n", s1 * s2);
    volatile uint32_t x32 = 0xdeadbeefu, y32 = 0xcafebabeu;
    printf("32x32->64: %016llx\n", (uint64_t)x32 * y32);

    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            mix(vals[i] + vals[j]);
            mix(vals[i] - vals[j]);
            mix(vals[i] * vals[j]);
            mix((uint64_t)(vals[i] < vals[j]) | (uint64_t)((int64_t)vals[i] < (int64_t)vals[j]) << 1 |
                (uint64_t)(vals[i] == vals[j]) << 2);
        }
    }
    printf("add/sub/mul/compare checksum %016llx\n", acc);

    volatile uint64_t pat = 0x8000000180000001ULL;
    for (volatile int s = 0; s < 64; s++) {
        mix(pat << s);
        mix(pat >> s);
        mix((uint64_t)((int64_t)pat >> s));
    }
    printf("shift checksum %016llx\n", acc);
    printf("shifts: <<31 %016llx >>33 %016llx sar 40 %016llx\n", pat << 31, pat >> 33, (uint64_t)((int64_t)pat >> 40));

    printf("-- division (runtime __udivdi3/__divdi3)\n");
    static const uint64_t nums[] = { 0xffffffffffffffffULL, 1000000000000000000ULL, 0x0123456789abcdefULL, 12345 };
    static const uint64_t dens[] = { 10, 0xffffffffULL, 1000000007ULL, 0x100000001ULL, 3 };
    for (unsigned i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        for (unsigned j = 0; j < sizeof dens / sizeof dens[0]; j++) {
            volatile uint64_t n = nums[i], d = dens[j];
            uint64_t q = n / d, r = n % d;
            if (q * d + r != n || r >= d) {
                eprintf("int64: bad division %llu / %llu\n", n, d);
                return 1;
            }
            mix(q);
            mix(r);
        }
    }
    volatile int64_t sn = -1000000000000LL, sd = 7;
    printf("%lld / %lld = %lld rem %lld\n", sn, sd, sn / sd, sn % sd);
    printf("max u64 = %llu, min i64 = %lld\n", 0xffffffffffffffffULL, (int64_t)0x8000000000000000ULL);
    printf("division checksum %016llx\n", acc);

    /* splitmix64 */
    uint64_t z = 0x9e3779b97f4a7c15ULL, sum = 0;
    for (int i = 0; i < 1000; i++) {
        z += 0x9e3779b97f4a7c15ULL;
        uint64_t t = z;
        t = (t ^ (t >> 30)) * 0xbf58476d1ce4e5b9ULL;
        t = (t ^ (t >> 27)) * 0x94d049bb133111ebULL;
        t ^= t >> 31;
        sum += t;
    }
    printf("splitmix64 sum %016llx\n", sum);
    return 42;
}
