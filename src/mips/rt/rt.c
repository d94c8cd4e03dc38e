/* rt.c - syscall wrappers, memory/string routines, 64-bit division and a small printf. */
#include "rt.h"

/* Registers the Linux o32 syscall path may clobber; Cannon clobbers only $v0/$a3,
 * but declaring the wider set keeps the same code correct under qemu-mips. */
#define SYSCALL_CLOBBERS "$1", "$3", "$8", "$9", "$10", "$11", "$12", "$13", "$14", "$15", \
                         "$24", "$25", "hi", "lo", "memory"

static int32_t syscall3(int32_t nr, int32_t a, int32_t b, int32_t c)
{
    register int32_t v0 __asm__("$2") = nr;
    register int32_t a0 __asm__("$4") = a;
    register int32_t a1 __asm__("$5") = b;
    register int32_t a2 __asm__("$6") = c;
    register int32_t a3 __asm__("$7");
    __asm__ volatile("syscall"
                     : "+r"(v0), "=r"(a3)
                     : "r"(a0), "r"(a1), "r"(a2)
                     : SYSCALL_CLOBBERS);
    return a3 != 0 ? -1 : v0;
}

int32_t sys_write(int fd, const void *buf, uint32_t n)
{
    return syscall3(4004, fd, (int32_t)(uintptr_t)buf, (int32_t)n);
}

int32_t sys_read(int fd, void *buf, uint32_t n)
{
    return syscall3(4003, fd, (int32_t)(uintptr_t)buf, (int32_t)n);
}

void *sys_mmap(void *addr, uint32_t len)
{
    /* mmap(addr, len, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0).
     * Cannon reads only addr and len; Linux needs all six (the last two on the stack). */
    register int32_t v0 __asm__("$2") = 4090;
    register int32_t a0 __asm__("$4") = (int32_t)(uintptr_t)addr;
    register int32_t a1 __asm__("$5") = (int32_t)len;
    register int32_t a2 __asm__("$6") = 3;
    register int32_t a3 __asm__("$7") = 0x802;
    __asm__ volatile("addiu $sp, $sp, -32\n\t"
                     "li    $8, -1\n\t"
                     "sw    $8, 16($sp)\n\t"
                     "sw    $0, 20($sp)\n\t"
                     "syscall\n\t"
                     "addiu $sp, $sp, 32"
                     : "+r"(v0), "+r"(a3)
                     : "r"(a0), "r"(a1), "r"(a2)
                     : SYSCALL_CLOBBERS);
    return a3 != 0 ? NULL : (void *)(uintptr_t)v0;
}

void sys_exit_group(int code)
{
    syscall3(4246, code, 0, 0);
    for (;;) {
    }
}

int write_all(int fd, const void *buf, uint32_t n)
{
    const uint8_t *p = buf;
    while (n > 0) {
        int32_t w = sys_write(fd, p, n);
        if (w <= 0) {
            return -1;
        }
        p += w;
        n -= (uint32_t)w;
    }
    return 0;
}

/* ---- memory and strings ---- */

void *memcpy(void *dst, const void *src, size_t n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;
    /* Word copies when both are aligned: a quarter of the VM steps for the common case. */
    if ((((uintptr_t)d | (uintptr_t)s) & 3) == 0) {
        while (n >= 4) {
            *(uint32_t *)d = *(const uint32_t *)s;
            d += 4;
            s += 4;
            n -= 4;
        }
    }
    while (n--) {
        *d++ = *s++;
    }
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;
    if (d <= s || d >= s + n) {
        return memcpy(dst, src, n);
    }
    while (n--) {
        d[n] = s[n];
    }
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    uint8_t *d = dst;
    uint32_t w = (uint8_t)c * 0x01010101u;
    while (n > 0 && ((uintptr_t)d & 3) != 0) {
        *d++ = (uint8_t)c;
        n--;
    }
    while (n >= 4) {
        *(uint32_t *)d = w;
        d += 4;
        n -= 4;
    }
    while (n--) {
        *d++ = (uint8_t)c;
    }
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const uint8_t *x = a, *y = b;
    for (size_t i = 0; i < n; i++) {
        if (x[i] != y[i]) {
            return x[i] < y[i] ? -1 : 1;
        }
    }
    return 0;
}

size_t strlen(const char *s)
{
    const char *p = s;
    while (*p) {
        p++;
    }
    return (size_t)(p - s);
}

int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return (uint8_t)*a - (uint8_t)*b;
}

/* ---- 64-bit division: gcc emits calls to __udivdi3 & co. for 64-bit / and %, and printing a
 * uint64 in decimal needs them. Our own code, so nothing from libgcc is linked. ---- */

uint64_t rt_udivmod64(uint64_t n, uint64_t d, uint64_t *rem)
{
    /* Restoring binary long division; d == 0 yields quotient all-ones like a hardware divider
     * would be free to, and never traps (the VM has no trap instructions). */
    uint64_t q = 0, r = 0;
    if (d == 0) {
        if (rem) {
            *rem = n;
        }
        return ~(uint64_t)0;
    }
    if ((d >> 32) == 0 && (n >> 32) == 0) {
        uint32_t nn = (uint32_t)n, dd = (uint32_t)d;
        if (rem) {
            *rem = nn % dd;
        }
        return nn / dd;
    }
    int bits = 64;
    uint32_t hi = (uint32_t)(n >> 32);
    int skip = hi ? __builtin_clz(hi) : 32 + __builtin_clz((uint32_t)n | 1);
    n <<= skip;
    bits -= skip;
    while (bits-- > 0) {
        r = (r << 1) | (n >> 63);
        n <<= 1;
        q <<= 1;
        if (r >= d) {
            r -= d;
            q |= 1;
        }
    }
    if (rem) {
        *rem = r;
    }
    return q;
}

uint64_t __udivdi3(uint64_t n, uint64_t d);
uint64_t __umoddi3(uint64_t n, uint64_t d);
int64_t __divdi3(int64_t n, int64_t d);
int64_t __moddi3(int64_t n, int64_t d);

uint64_t __udivdi3(uint64_t n, uint64_t d)
{
    return rt_udivmod64(n, d, NULL);
}

uint64_t __umoddi3(uint64_t n, uint64_t d)
{
    uint64_t r;
    rt_udivmod64(n, d, &r);
    return r;
}

int64_t __divdi3(int64_t n, int64_t d)
{
    int neg = (n < 0) != (d < 0);
    uint64_t un = n < 0 ? -(uint64_t)n : (uint64_t)n;
    uint64_t ud = d < 0 ? -(uint64_t)d : (uint64_t)d;
    uint64_t q = rt_udivmod64(un, ud, NULL);
    return (int64_t)(neg ? -q : q);
}

int64_t __moddi3(int64_t n, int64_t d)
{
    uint64_t un = n < 0 ? -(uint64_t)n : (uint64_t)n;
    uint64_t ud = d < 0 ? -(uint64_t)d : (uint64_t)d;
    uint64_t r;
    rt_udivmod64(un, ud, &r);
    return (int64_t)(n < 0 ? -r : r);
}

/* ---- formatted output ---- */

struct outbuf {
    int fd;
    uint32_t len;
    int total;
    char data[512];
};

static void out_flush(struct outbuf *o)
{
    write_all(o->fd, o->data, o->len);
    o->len = 0;
}

static void out_char(struct outbuf *o, char c)
{
    if (o->len == sizeof o->data) {
        out_flush(o);
    }
    o->data[o->len++] = c;
    o->total++;
}

static void out_padded(struct outbuf *o, const char *s, uint32_t n, int width, int left, char pad)
{
    int fill = width > (int)n ? width - (int)n : 0;
    if (!left && pad == '0' && n > 0 && s[0] == '-') {
        out_char(o, '-');   /* zero padding goes between the sign and the digits */
        s++;
        n--;
    }
    if (!left) {
        while (fill-- > 0) {
            out_char(o, pad);
        }
    }
    while (n--) {
        out_char(o, *s++);
    }
    if (left) {
        while (fill-- > 0) {
            out_char(o, ' ');
        }
    }
}

/* Writes the digits of v in base 10 or 16 backwards into the end of buf; returns the start. */
static char *fmt_u64(char *end, uint64_t v, int base, int upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char *p = end;
    do {
        if (base == 16) {
            *--p = digits[(uint32_t)v & 15];
            v >>= 4;
        } else if ((v >> 32) == 0) {
            uint32_t x = (uint32_t)v;    /* 32-bit divu: far fewer steps than the 64-bit loop */
            *--p = digits[x % 10];
            v = x / 10;
        } else {
            uint64_t r;
            v = rt_udivmod64(v, 10, &r);
            *--p = digits[(uint32_t)r];
        }
    } while (v != 0);
    return p;
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
    struct outbuf o;
    o.fd = fd;
    o.len = 0;
    o.total = 0;
    char num[24];
    char *end = num + sizeof num;

    for (const char *f = fmt; *f; f++) {
        if (*f != '%') {
            out_char(&o, *f);
            continue;
        }
        f++;
        int left = 0;
        char pad = ' ';
        for (;; f++) {
            if (*f == '-') {
                left = 1;
            } else if (*f == '0') {
                pad = '0';
            } else {
                break;
            }
        }
        int width = 0;
        while (*f >= '0' && *f <= '9') {
            width = width * 10 + (*f++ - '0');
        }
        int longlong = 0;
        while (*f == 'l') {
            longlong++;
            f++;
        }
        longlong = longlong >= 2;
        char *s;
        switch (*f) {
        case 'd':
        case 'i': {
            int64_t v = longlong ? va_arg(ap, int64_t) : va_arg(ap, int32_t);
            uint64_t mag = v < 0 ? -(uint64_t)v : (uint64_t)v;
            s = fmt_u64(end, mag, 10, 0);
            if (v < 0) {
                *--s = '-';
            }
            out_padded(&o, s, (uint32_t)(end - s), width, left, pad);
            break;
        }
        case 'u':
        case 'x':
        case 'X': {
            uint64_t v = longlong ? va_arg(ap, uint64_t) : va_arg(ap, uint32_t);
            s = fmt_u64(end, v, *f == 'u' ? 10 : 16, *f == 'X');
            out_padded(&o, s, (uint32_t)(end - s), width, left, pad);
            break;
        }
        case 's': {
            const char *str = va_arg(ap, const char *);
            if (!str) {
                str = "(null)";
            }
            out_padded(&o, str, (uint32_t)strlen(str), width, left, ' ');
            break;
        }
        case 'c': {
            char c = (char)va_arg(ap, int);
            out_padded(&o, &c, 1, width, left, ' ');
            break;
        }
        case '%':
            out_char(&o, '%');
            break;
        case '\0':
            f--;    /* a lone '%' at the end: stop at the terminator */
            break;
        default:
            out_char(&o, '%');
            out_char(&o, *f);
            break;
        }
    }
    out_flush(&o);
    return o.total;
}

int dprintf(int fd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vdprintf(fd, fmt, ap);
    va_end(ap);
    return n;
}

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vdprintf(STDOUT_FD, fmt, ap);
    va_end(ap);
    return n;
}

int eprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vdprintf(STDERR_FD, fmt, ap);
    va_end(ap);
    return n;
}

int puts(const char *s)
{
    return dprintf(STDOUT_FD, "%s\n", s);
}

void print_hex(const uint8_t *p, uint32_t n)
{
    static const char digits[] = "0123456789abcdef";
    char buf[2 * 64];
    while (n > 0) {
        uint32_t chunk = n > 64 ? 64 : n;
        for (uint32_t i = 0; i < chunk; i++) {
            buf[2 * i] = digits[p[i] >> 4];
            buf[2 * i + 1] = digits[p[i] & 15];
        }
        sys_write(STDOUT_FD, buf, 2 * chunk);
        p += chunk;
        n -= chunk;
    }
}
