/* keccak.h - Keccak-f[1600] and Keccak-256 as Ethereum uses it (original Keccak padding 0x01, not
 * NIST SHA3's 0x06; SHA3-256 is here too for the tests). */
#ifndef FAULTSCOPE_KECCAK_H
#define FAULTSCOPE_KECCAK_H

#include <stdint.h>

/* The Keccak-f[1600] permutation. Its own symbol, keccak_f, so that step counts per function can be
 * measured (FppProgramTest counts the FPP's steps inside it by name). */
void keccak_f(uint64_t state[25]);

/* One-shot sponge with rate 136 bytes and a 32-byte output. pad is the first padding
 * byte: 0x01 for Keccak-256 (Ethereum), 0x06 for NIST SHA3-256. */
void keccak_sponge256(const uint8_t *in, uint32_t len, uint8_t pad, uint8_t out[32]);

static inline void keccak256(const void *in, uint32_t len, uint8_t out[32])
{
    keccak_sponge256((const uint8_t *)in, len, 0x01, out);
}

static inline void sha3_256(const void *in, uint32_t len, uint8_t out[32])
{
    keccak_sponge256((const uint8_t *)in, len, 0x06, out);
}

#endif
