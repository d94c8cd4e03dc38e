/* bss.c - a program whose only writable data is .bss: a sieve over a 64 KiB static array and a Keccak
 * loop over a static buffer. The linker gives the data a PT_LOAD segment with no file bytes at all
 * (p_filesz = 0), whose offset may point past the end of the file: the loader must accept it. */
#include "rt/rt.h"
#include "rt/keccak.h"

#define N 65536

static uint8_t composite[N] __attribute__((aligned(4096)));
static uint8_t chain[32];

int main(void)
{
    uint32_t primes = 0, sum = 0;
    for (uint32_t i = 2; i < N; i++) {
        if (composite[i]) {
            continue;
        }
        primes++;
        sum += i;
        for (uint32_t j = i * 2; j < N; j += i) {
            composite[j] = 1;
        }
    }
    printf("bss: %u primes below %u, sum %u\n", primes, N, sum);
    for (int i = 0; i < 50; i++) {
        keccak256(chain, sizeof chain, chain);
    }
    printf("bss: keccak chain of 50 over zeros: ");
    print_hex(chain, sizeof chain);
    printf("\n");
    return 0;
}
