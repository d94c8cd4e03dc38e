/*
 * hello.c - a first program for Faultscope's MIPS32 VM.
 *
 * Open samples/programs/hello.elf in Faultscope and step through it: every line below becomes a
 * few MIPS instructions you can watch change registers and memory. The program
 *   - prints a greeting (a write syscall: $v0 = 4004, $a0 = 1 for stdout, $a1 = buffer, $a2 = length),
 *   - hashes the string "faultscope" with Keccak-256, the hash Cannon uses for its memory merkle tree,
 *   - finds the first 20 primes, and counts those below 5000, by trial division (watch divu,
 *     mfhi and the branches),
 *   - prints a small multiplication table with padded columns,
 * and exits with code 0 (exit_group, $v0 = 4246).
 *
 * There is no C library inside the VM: the tiny runtime in src/mips/rt/ provides _start,
 * printf, the syscall wrappers and Keccak. Rebuild with src/test/mips/build.sh; the expected
 * output is next to this file in hello.stdout.
 */
#include "rt/keccak.h"
#include "rt/rt.h"

static int is_prime(uint32_t n)
{
    if (n < 2) {
        return 0;
    }
    for (uint32_t d = 2; d * d <= n; d++) {
        if (n % d == 0) {
            return 0;
        }
    }
    return 1;
}

int main(void)
{
    printf("Hello from MIPS32! This program runs inside Faultscope's fault-proof VM.\n\n");

    const char *word = "faultscope";
    uint8_t digest[32];
    keccak256(word, (uint32_t)strlen(word), digest);
    printf("keccak256(\"%s\") = 0x", word);
    print_hex(digest, 32);
    printf("\n\n");

    printf("The first 20 primes:");
    int found = 0;
    for (uint32_t n = 2; found < 20; n++) {
        if (is_prime(n)) {
            printf(" %u", n);
            found++;
        }
    }
    printf("\n");
    uint32_t count = 0, sum = 0;
    for (uint32_t n = 2; n < 5000; n++) {
        if (is_prime(n)) {
            count++;
            sum += n;
        }
    }
    printf("There are %u primes below 5000; together they add up to %u.\n\n", count, sum);

    printf("A multiplication table:\n    |");
    for (int col = 1; col <= 9; col++) {
        printf("%4d", col);
    }
    printf("\n----+------------------------------------\n");
    for (int row = 1; row <= 9; row++) {
        printf("%3d |", row);
        for (int col = 1; col <= 9; col++) {
            printf("%4d", row * col);
        }
        printf("\n");
    }
    printf("\nGoodbye! (exit code 0)\n");
    return 0;
}
