/* rt.h - the FPP's own freestanding runtime: syscalls, memory routines, a small printf.
 * Derived from the project's MIPS test runtime (src/test/mips/rt) but kept separate, because
 * the FPP is product code whose bytes are committed and must not change when tests change. */
#ifndef FPP_RT_H
#define FPP_RT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define STDOUT_FD 1
#define STDERR_FD 2

/* Syscalls (o32 numbers). Each returns -1 on error, whichever error convention the host uses
 * (Cannon: $v0 = -1, $a3 = errno; Linux/qemu: $v0 = errno, $a3 = 1). */
int32_t sys_write(int fd, const void *buf, uint32_t n);
int32_t sys_read(int fd, void *buf, uint32_t n);
void sys_exit_group(int code) __attribute__((noreturn));

/* gcc may emit calls to these by itself (struct copies, zeroing), so they must exist. */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

/* Formatted output: %d %u %x %s %c %% with optional '0'/'-' flags and width, 'll' for 64-bit.
 * One write() loop per call, so a line never interleaves with another stream's output. */
int printf(const char *fmt, ...);
int eprintf(const char *fmt, ...);
int vdprintf(int fd, const char *fmt, va_list ap);

/* Writes all n bytes to fd, looping over short writes; returns 0, or -1 if a write failed. */
int write_all(int fd, const void *buf, uint32_t n);

uint64_t rt_udivmod64(uint64_t n, uint64_t d, uint64_t *rem);

#endif
