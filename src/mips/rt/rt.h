/* rt.h - a tiny freestanding runtime for MIPS32 programs run by Faultscope's VM: the test programs,
 * the benchmark, the sample and the fault proof program (src/fpp). Functions a program does not call
 * are dropped at link time (-ffunction-sections, --gc-sections; see src/mips/toolchain.sh). */
#ifndef FAULTSCOPE_RT_H
#define FAULTSCOPE_RT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define STDIN_FD  0
#define STDOUT_FD 1
#define STDERR_FD 2

/* Syscalls (o32 numbers). Each returns -1 on error, whichever error convention
 * the host uses (Cannon: $v0 = -1, $a3 = errno; Linux/qemu: $v0 = errno, $a3 = 1). */
int32_t sys_write(int fd, const void *buf, uint32_t n);
int32_t sys_read(int fd, void *buf, uint32_t n);
void *sys_mmap(void *addr, uint32_t len);       /* anonymous, read/write; NULL on error */
void sys_exit_group(int code) __attribute__((noreturn));

/* Writes all n bytes to fd, looping over short writes; returns 0, or -1 if a write failed. */
int write_all(int fd, const void *buf, uint32_t n);

/* Memory and strings. gcc may emit calls to memcpy/memset/memmove by itself (struct copies,
 * zeroing), so they must exist. */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

/* Formatted output: %d %i %u %x %X %s %c %% with optional '0' flag, '-' flag and width,
 * plus the 'll' modifier for %d %u %x (64-bit values). Output is written in one
 * write() loop per call (or per 512 bytes), so a line never interleaves with another stream's
 * output. Returns the number of bytes formatted. */
int printf(const char *fmt, ...);
int eprintf(const char *fmt, ...);              /* to stderr */
int dprintf(int fd, const char *fmt, ...);
int vdprintf(int fd, const char *fmt, va_list ap);
int puts(const char *s);                         /* s and a newline, to stdout */

/* Hex helpers. */
void print_hex(const uint8_t *p, uint32_t n);    /* lowercase hex to stdout, no newline */

/* 64-bit unsigned division by a 32-bit divisor built from 32-bit operations only. */
uint64_t rt_udivmod64(uint64_t n, uint64_t d, uint64_t *rem);

#endif
