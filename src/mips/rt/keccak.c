/* keccak.c - a straightforward Keccak-f[1600] on 64-bit lanes (gcc splits them into 32-bit halves). */
#include "keccak.h"
#include "rt.h"

static const uint64_t round_constants[24] = {
    0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808aULL, 0x8000000080008000ULL,
    0x000000000000808bULL, 0x0000000080000001ULL, 0x8000000080008081ULL, 0x8000000000008009ULL,
    0x000000000000008aULL, 0x0000000000000088ULL, 0x0000000080008009ULL, 0x000000008000000aULL,
    0x000000008000808bULL, 0x800000000000008bULL, 0x8000000000008089ULL, 0x8000000000008003ULL,
    0x8000000000008002ULL, 0x8000000000000080ULL, 0x000000000000800aULL, 0x800000008000000aULL,
    0x8000000080008081ULL, 0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL,
};

/* Rotations are by constants so that gcc can do each 64-bit rotate with a few 32-bit shifts. */
#define ROTL(v, n) ((n) == 0 ? (v) : ((v) << ((n) & 63)) | ((v) >> ((64 - (n)) & 63)))

/* One row of chi: a[y+x] = b[y+x] ^ (~b[y+x+1] & b[y+x+2]), indices mod 5 within the row. */
#define CHI_ROW(y)                                                  \
    do {                                                            \
        a[(y) + 0] = b[(y) + 0] ^ (~b[(y) + 1] & b[(y) + 2]);       \
        a[(y) + 1] = b[(y) + 1] ^ (~b[(y) + 2] & b[(y) + 3]);       \
        a[(y) + 2] = b[(y) + 2] ^ (~b[(y) + 3] & b[(y) + 4]);       \
        a[(y) + 3] = b[(y) + 3] ^ (~b[(y) + 4] & b[(y) + 0]);       \
        a[(y) + 4] = b[(y) + 4] ^ (~b[(y) + 0] & b[(y) + 1]);       \
    } while (0)

void keccak_f(uint64_t a[25])
{
    uint64_t b[25];
    for (int round = 0; round < 24; round++) {
        /* theta: column parities c, then d[x] = c[x-1] ^ rot(c[x+1], 1) is folded into rho/pi */
        uint64_t c0 = a[0] ^ a[5] ^ a[10] ^ a[15] ^ a[20];
        uint64_t c1 = a[1] ^ a[6] ^ a[11] ^ a[16] ^ a[21];
        uint64_t c2 = a[2] ^ a[7] ^ a[12] ^ a[17] ^ a[22];
        uint64_t c3 = a[3] ^ a[8] ^ a[13] ^ a[18] ^ a[23];
        uint64_t c4 = a[4] ^ a[9] ^ a[14] ^ a[19] ^ a[24];
        uint64_t d0 = c4 ^ ROTL(c1, 1);
        uint64_t d1 = c0 ^ ROTL(c2, 1);
        uint64_t d2 = c1 ^ ROTL(c3, 1);
        uint64_t d3 = c2 ^ ROTL(c4, 1);
        uint64_t d4 = c3 ^ ROTL(c0, 1);
        /* rho and pi: lane (x, y) = a[x + 5y], rotated by its offset, moves to (y, 2x + 3y mod 5) */
        b[ 0] = ROTL(a[ 0] ^ d0, 0);
        b[ 1] = ROTL(a[ 6] ^ d1, 44);
        b[ 2] = ROTL(a[12] ^ d2, 43);
        b[ 3] = ROTL(a[18] ^ d3, 21);
        b[ 4] = ROTL(a[24] ^ d4, 14);
        b[ 5] = ROTL(a[ 3] ^ d3, 28);
        b[ 6] = ROTL(a[ 9] ^ d4, 20);
        b[ 7] = ROTL(a[10] ^ d0, 3);
        b[ 8] = ROTL(a[16] ^ d1, 45);
        b[ 9] = ROTL(a[22] ^ d2, 61);
        b[10] = ROTL(a[ 1] ^ d1, 1);
        b[11] = ROTL(a[ 7] ^ d2, 6);
        b[12] = ROTL(a[13] ^ d3, 25);
        b[13] = ROTL(a[19] ^ d4, 8);
        b[14] = ROTL(a[20] ^ d0, 18);
        b[15] = ROTL(a[ 4] ^ d4, 27);
        b[16] = ROTL(a[ 5] ^ d0, 36);
        b[17] = ROTL(a[11] ^ d1, 10);
        b[18] = ROTL(a[17] ^ d2, 15);
        b[19] = ROTL(a[23] ^ d3, 56);
        b[20] = ROTL(a[ 2] ^ d2, 62);
        b[21] = ROTL(a[ 8] ^ d3, 55);
        b[22] = ROTL(a[14] ^ d4, 39);
        b[23] = ROTL(a[15] ^ d0, 41);
        b[24] = ROTL(a[21] ^ d1, 2);
        CHI_ROW(0);
        CHI_ROW(5);
        CHI_ROW(10);
        CHI_ROW(15);
        CHI_ROW(20);
        a[0] ^= round_constants[round];   /* iota */
    }
}

/* Lanes are little-endian: byte i of the block goes to bits 8*(i%8) of lane i/8. */
static void xor_bytes(uint64_t *state, const uint8_t *in, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        state[i >> 3] ^= (uint64_t)in[i] << (8 * (i & 7));
    }
}

void keccak_sponge256(const uint8_t *in, uint32_t len, uint8_t pad, uint8_t out[32])
{
    enum { RATE = 136 };        /* 1600 - 2*256 bits of capacity */
    uint64_t state[25];
    memset(state, 0, sizeof state);
    while (len >= RATE) {
        xor_bytes(state, in, RATE);
        keccak_f(state);
        in += RATE;
        len -= RATE;
    }
    uint8_t last[RATE];
    memset(last, 0, sizeof last);
    memcpy(last, in, len);
    last[len] ^= pad;           /* pad10*1: the domain byte here, the final 0x80 below */
    last[RATE - 1] ^= 0x80;
    xor_bytes(state, last, RATE);
    keccak_f(state);
    for (int i = 0; i < 32; i++) {
        out[i] = (uint8_t)(state[i >> 3] >> (8 * (i & 7)));
    }
}
