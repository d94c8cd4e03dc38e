/* bench.c - Faultscope's VM benchmark: a deterministic, compute-heavy MIPS32 program of about
 * 300 million instructions (bench-long.elf: the same with 500 rounds, about 10^9). Each round mixes the four kinds of work a fault proof program does:
 *   1. Keccak-f[1600] permutations absorbing slices of a 256 KiB buffer (64-bit logic on 32-bit halves),
 *   2. a streaming pass over the whole buffer: loads, stores, multiplications, data-dependent branches,
 *   3. random reads and writes across the buffer driven by a PRNG (cache/page-unfriendly), with divu,
 *   4. byte and halfword traffic over a small window.
 * It prints one checksum line and exits 0. Built by src/test/mips/build.sh. */
#include "rt/keccak.h"
#include "rt/rt.h"

#define WORDS   (64 * 1024)            /* 256 KiB */
#ifndef ROUNDS
#define ROUNDS  144                    /* build.sh also builds bench-long.elf with -DROUNDS=500 */
#endif
#define ABSORBS 16                     /* keccak permutations per round */

static uint32_t buf[WORDS];
static uint64_t sponge[25];

static uint32_t rng = 0x9e3779b9u;

static inline uint32_t xorshift(void)
{
    uint32_t x = rng;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    rng = x;
    return x;
}

static void keccak_phase(uint32_t round)
{
    for (uint32_t k = 0; k < ABSORBS; k++) {
        /* 34 words = 136 bytes, the Keccak-256 rate, from a round-dependent offset */
        uint32_t base = ((round * ABSORBS + k) * 1031u) & (WORDS - 64);
        for (int i = 0; i < 17; i++) {
            sponge[i] ^= (uint64_t)buf[base + 2 * i] << 32 | buf[base + 2 * i + 1];
        }
        keccak_f(sponge);
        /* feed the permutation's output back into the buffer */
        for (int i = 0; i < 4; i++) {
            buf[base + 40 + 2 * i] ^= (uint32_t)(sponge[i] >> 32);
            buf[base + 41 + 2 * i] ^= (uint32_t)sponge[i];
        }
    }
}

static uint32_t stream_phase(uint32_t acc)
{
    for (uint32_t i = 0; i < WORDS; i++) {
        uint32_t w = buf[i];
        w = w * 0x9e3779b1u + (w >> 7);
        switch (w & 3) {
        case 0:
            acc += w;
            break;
        case 1:
            acc ^= w << 3;
            break;
        case 2:
            acc = (acc << 5 | acc >> 27) + i;
            break;
        default:
            if ((int32_t)w < 0) {
                acc -= w >> 9;
            } else {
                acc ^= ~w;
            }
            break;
        }
        buf[i] = w ^ acc;
    }
    return acc;
}

static uint32_t random_phase(uint32_t acc)
{
    for (int n = 0; n < 16384; n++) {
        uint32_t r = xorshift();
        uint32_t i = r & (WORDS - 1);
        uint32_t j = (r >> 14) & (WORDS - 1);
        uint32_t a = buf[i], b = buf[j];
        if (a > b) {
            buf[i] = b + acc;
            buf[j] = a;
        } else {
            acc += a / ((b >> 20) | 1u);     /* divu, never by zero */
        }
        int64_t p = (int64_t)(int32_t)a * (int32_t)b;   /* mult */
        acc ^= (uint32_t)(p >> 32);
    }
    return acc;
}

static uint32_t byte_phase(uint32_t round, uint32_t acc)
{
    uint8_t *bytes = (uint8_t *)buf + ((round * 4099u) & (sizeof buf - 8192));
    uint16_t *halves = (uint16_t *)(bytes + 4096);
    for (int i = 0; i < 4096; i++) {
        int8_t s = (int8_t)bytes[i];
        acc = acc * 31 + (uint32_t)(int32_t)s;
        bytes[i] = (uint8_t)(s + (int8_t)acc);
    }
    for (int i = 0; i < 2048; i++) {
        halves[i] = (uint16_t)(halves[i] + (int16_t)acc);
        acc += halves[i];
    }
    return acc;
}

int main(void)
{
    for (uint32_t i = 0; i < WORDS; i++) {
        buf[i] = xorshift();
    }
    uint32_t acc = 0;
    for (uint32_t round = 0; round < ROUNDS; round++) {
        keccak_phase(round);
        acc = stream_phase(acc);
        acc = random_phase(acc);
        acc = byte_phase(round, acc);
    }
    uint32_t fnv = 0x811c9dc5u;
    for (uint32_t i = 0; i < WORDS; i++) {
        fnv = (fnv ^ buf[i]) * 0x01000193u;
    }
    uint8_t digest[32];
    keccak256(sponge, sizeof sponge, digest);
    printf("bench: %d rounds over %u KiB, acc %08x, fnv %08x, sponge ", ROUNDS, (uint32_t)(sizeof buf / 1024), acc, fnv);
    print_hex(digest, 32);
    printf("\n");
    return 0;
}
