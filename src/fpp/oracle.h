/* oracle.h - the program side of the pre-image oracle (cannon-mips32.md section 5) and hints. */
#ifndef FPP_ORACLE_H
#define FPP_ORACLE_H

#include <stdint.h>

/* Exit codes (docs/fpp.md section 2): Cannon reads 0 as VALID, 1 INVALID, anything else PANIC. */
#define EXIT_MATCH     0
#define EXIT_MISMATCH  1
#define EXIT_MALFORMED 2

/* Prints "fpp: " and the message to stderr, then exits 2. */
void fail(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* Formats a 32-byte hash as "0x" and 64 lowercase hex digits into out (67 bytes with the NUL). */
char *hex32(const uint8_t h[32], char out[67]);

/* Fetches local input `index` into buf, which must receive exactly `want` bytes (else exit 2). */
void local_get(uint64_t index, void *buf, uint32_t want, const char *what);

/* Sends the hint "<kind> 0x<hash>", then fetches the keccak pre-image of `hash` into buf (at most cap
 * bytes, else exit 2) and checks that it really hashes to `hash`. Returns the pre-image's length. */
uint32_t keccak_get(const uint8_t hash[32], const char *kind, void *buf, uint32_t cap, const char *what);

uint32_t be32(const uint8_t *p);
uint64_t be64(const uint8_t *p);
void put_be64(uint8_t *p, uint64_t v);

#endif
