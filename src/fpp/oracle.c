/* oracle.c - pre-image requests and hints over the VM's special file descriptors. */
#include "oracle.h"
#include "rt/keccak.h"
#include "rt/rt.h"

#define FD_HINT_ACK   3     /* read: the host's 1-byte acknowledgement of a hint */
#define FD_HINT       4     /* write: uint32 length || hint text */
#define FD_PREIMAGE   5     /* read: uint64 length || data of the current key */
#define FD_KEY        6     /* write: the 32-byte key */

#define KEY_LOCAL  1
#define KEY_KECCAK 2

void fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    eprintf("fpp: ");
    vdprintf(STDERR_FD, fmt, ap);
    eprintf("\n");
    va_end(ap);
    sys_exit_group(EXIT_MALFORMED);
}

uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

uint64_t be64(const uint8_t *p)
{
    return (uint64_t)be32(p) << 32 | be32(p + 4);
}

void put_be64(uint8_t *p, uint64_t v)
{
    for (int i = 7; i >= 0; i--) {
        p[i] = (uint8_t)v;
        v >>= 8;
    }
}

char *hex32(const uint8_t h[32], char out[67])
{
    static const char digits[] = "0123456789abcdef";
    out[0] = '0';
    out[1] = 'x';
    for (int i = 0; i < 32; i++) {
        out[2 + 2 * i] = digits[h[i] >> 4];
        out[3 + 2 * i] = digits[h[i] & 15];
    }
    out[66] = '\0';
    return out;
}

/* Reads exactly n bytes of the current pre-image. The VM hands out at most up to the next word
 * boundary per read, and reading past the end of the pre-image is a VM error, so callers never ask
 * for more than the length prefix announced. */
static void read_exact(uint8_t *buf, uint32_t n, const char *what)
{
    while (n > 0) {
        int32_t r = sys_read(FD_PREIMAGE, buf, n);
        if (r <= 0) {
            fail("%s: pre-image read failed (is the pre-image oracle there?)", what);
        }
        buf += r;
        n -= (uint32_t)r;
    }
}

/* Sets the oracle's key; the VM takes at most 4 bytes (up to a word boundary) per write. */
static void set_key(const uint8_t key[32], const char *what)
{
    if (write_all(FD_KEY, key, 32) != 0) {
        fail("%s: pre-image key write failed (is the pre-image oracle there?)", what);
    }
}

/* Fetches the current key's pre-image into buf: the uint64 length first, so that an oversized
 * pre-image is refused before a single data byte lands in (and past) the buffer. */
static uint32_t fetch(const uint8_t key[32], uint8_t *buf, uint32_t cap, const char *what)
{
    uint32_t prefix[2];     /* word-aligned: each read then moves a whole word */
    set_key(key, what);
    read_exact((uint8_t *)prefix, 8, what);
    uint64_t len = be64((const uint8_t *)prefix);
    if (len > cap) {
        fail("%s: pre-image is %llu bytes, at most %u allowed", what, (unsigned long long)len, cap);
    }
    read_exact(buf, (uint32_t)len, what);
    return (uint32_t)len;
}

void local_get(uint64_t index, void *buf, uint32_t want, const char *what)
{
    uint8_t key[32] __attribute__((aligned(4)));
    memset(key, 0, sizeof key);
    key[0] = KEY_LOCAL;
    put_be64(key + 24, index);
    /* Local inputs are at most 32 bytes; an aligned bounce buffer lets callers pass any buffer. */
    uint8_t tmp[32] __attribute__((aligned(4)));
    uint32_t got = fetch(key, tmp, want, what);
    if (got != want) {
        fail("%s (local input %llu): %u bytes, expected %u", what, (unsigned long long)index, got, want);
    }
    memcpy(buf, tmp, want);
}

static void hint(const char *kind, const uint8_t hash[32])
{
    uint8_t msg[4 + 16 + 67] __attribute__((aligned(4)));
    char hex[67];
    uint32_t k = (uint32_t)strlen(kind);
    uint32_t n = k + 1 + 66;
    msg[0] = (uint8_t)(n >> 24);
    msg[1] = (uint8_t)(n >> 16);
    msg[2] = (uint8_t)(n >> 8);
    msg[3] = (uint8_t)n;
    memcpy(msg + 4, kind, k);
    msg[4 + k] = ' ';
    memcpy(msg + 5 + k, hex32(hash, hex), 66);
    if (write_all(FD_HINT, msg, 4 + n) != 0) {
        fail("hint %s: write failed (is the pre-image oracle there?)", kind);
    }
    /* The ack says the host has acted on the hint (e.g. fetched the data) before we ask for it. */
    uint8_t ack;
    if (sys_read(FD_HINT_ACK, &ack, 1) != 1) {
        fail("hint %s: no acknowledgement from the host", kind);
    }
}

uint32_t keccak_get(const uint8_t hash[32], const char *kind, void *buf, uint32_t cap, const char *what)
{
    uint8_t key[32] __attribute__((aligned(4)));
    uint8_t check[32];
    char hex[67];
    hint(kind, hash);
    memcpy(key, hash, 32);
    key[0] = KEY_KECCAK;
    uint32_t len = fetch(key, buf, cap, what);
    /* The key loses the hash's first byte, and a host may hand out anything: check all 32 bytes. */
    keccak256(buf, len, check);
    if (memcmp(check, hash, 32) != 0) {
        fail("%s: pre-image of %s hashes to something else", what, hex32(hash, hex));
    }
    return len;
}
