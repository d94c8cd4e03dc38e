/* keccak.h - Keccak-256 as Ethereum uses it (original Keccak padding 0x01, not NIST SHA3's 0x06). */
#ifndef FPP_KECCAK_H
#define FPP_KECCAK_H

#include <stdint.h>

/* The Keccak-f[1600] permutation; its own symbol so step counts per function can be measured. */
void keccak_f(uint64_t state[25]);

void keccak256(const void *in, uint32_t len, uint8_t out[32]);

#endif
