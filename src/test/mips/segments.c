/* segments.c - data in three PT_LOAD segments of its own besides the code: the usual .data/.bss and two
 * sections the linker places far apart (build.sh gives them addresses with --section-start), each read
 * and written. Built three ways by build.sh: as linked, with byte-aligned segments (-n: p_align is the
 * sections' own alignment, not a page), and with its program headers in reverse order. */
#include "rt/rt.h"

static uint32_t near_table[8] = {1, 2, 3, 5, 8, 13, 21, 34};
static uint32_t near_zero[1024];
__attribute__((section(".far1"))) uint32_t far_one[4] = {0xdeadbeef, 0x01234567, 0x89abcdef, 0xfeedface};
__attribute__((section(".far2"))) char far_two[32] = "text in the second far segment";

int main(void)
{
    uint32_t sum = 0;
    for (int i = 0; i < 4; i++) {
        far_one[i] ^= near_table[i];
        near_table[i + 4] += far_one[i] & 0xff;
    }
    for (int i = 0; i < 1024; i++) {
        near_zero[i] = near_table[i & 7] * (uint32_t) i;
    }
    for (int i = 0; i < 1024; i++) {
        sum += near_zero[i] ^ far_one[i & 3];
    }
    far_two[0] = 'T';
    printf("segments: sum %u, far_one[3] %x, far_two \"%s\"\n", sum, far_one[3], far_two);
    return 0;
}
