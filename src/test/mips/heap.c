/* heap.c - heap memory from mmap(0, n) (Cannon hands out pages from 0x05000000 upwards):
 * a bump allocator over several mmap calls, 10,000 pseudo-random numbers sorted with heapsort
 * and with an in-place quicksort, checks that both agree and are ordered, and a checksum.
 * Addresses are never printed (they differ between qemu and the VM). Exits 0. */
#include "rt/rt.h"

#define COUNT 10000

static uint32_t rng_state = 0x2545f491u;

static uint32_t next_random(void)
{
    /* xorshift32 */
    uint32_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    rng_state = x;
    return x;
}

static void *alloc(uint32_t bytes)
{
    void *p = sys_mmap(0, bytes);
    if (p == NULL) {
        eprintf("heap: mmap(0, %u) failed\n", bytes);
        sys_exit_group(2);
    }
    return p;
}

/* Moves a[start] down to its place in the max-heap a[0..end): children shift up into the hole. */
static void sift_down(uint32_t *a, uint32_t start, uint32_t end)
{
    uint32_t value = a[start];
    uint32_t hole = start;
    for (;;) {
        uint32_t child = 2 * hole + 1;
        if (child >= end) {
            break;
        }
        if (child + 1 < end && a[child] < a[child + 1]) {
            child++;
        }
        if (value >= a[child]) {
            break;
        }
        a[hole] = a[child];
        hole = child;
    }
    a[hole] = value;
}

static void heapsort(uint32_t *a, uint32_t n)
{
    for (uint32_t i = n / 2; i-- > 0;) {
        sift_down(a, i, n);
    }
    for (uint32_t end = n; end-- > 1;) {
        uint32_t t = a[0];
        a[0] = a[end];
        a[end] = t;
        sift_down(a, 0, end);
    }
}

static void quicksort(uint32_t *a, int32_t lo, int32_t hi)
{
    while (lo < hi) {
        uint32_t pivot = a[lo + (hi - lo) / 2];
        int32_t i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) {
                i++;
            }
            while (a[j] > pivot) {
                j--;
            }
            if (i <= j) {
                uint32_t t = a[i];
                a[i] = a[j];
                a[j] = t;
                i++;
                j--;
            }
        }
        /* recurse into the smaller half, loop on the larger: bounded stack depth */
        if (j - lo < hi - i) {
            quicksort(a, lo, j);
            lo = i;
        } else {
            quicksort(a, i, hi);
            hi = j;
        }
    }
}

int main(void)
{
    printf("heap: mmap allocations and sorting %d numbers\n", COUNT);
    uint32_t bytes = COUNT * sizeof(uint32_t);
    uint32_t *a = alloc(bytes);
    uint32_t *b = alloc(bytes);
    uint8_t *small = alloc(100);             /* rounded up to one page */
    uint8_t *other = alloc(5000);            /* two pages */

    int fresh_zero = 1;
    for (uint32_t i = 0; i < bytes / 4; i += 61) {     /* a sample of words across both mappings */
        fresh_zero &= a[i] == 0 && b[i] == 0;
    }
    printf("fresh mappings read as zero: %s\n", fresh_zero ? "yes" : "no");
    printf("mappings are distinct: %s\n",
           ((uint8_t *)a + bytes <= (uint8_t *)b || (uint8_t *)b + bytes <= (uint8_t *)a) &&
                   small != other ? "yes" : "no");
    memset(small, 0x11, 100);
    memset(other, 0x22, 5000);

    uint32_t sum = 0;
    for (uint32_t i = 0; i < COUNT; i++) {
        a[i] = next_random() >> 12;              /* 0 .. 2^20 - 1 */
        b[i] = a[i];
        sum += a[i];
    }
    printf("generated: first %u %u %u, sum %u\n", a[0], a[1], a[2], sum);

    heapsort(a, COUNT);
    quicksort((uint32_t *)b, 0, COUNT - 1);

    uint32_t ordered = 1, same = 1, sum2 = 0, hash = 0x811c9dc5u, dups = 0;
    for (uint32_t i = 0; i < COUNT; i++) {
        if (i > 0 && a[i - 1] > a[i]) {
            ordered = 0;
        }
        if (i > 0 && a[i - 1] == a[i]) {
            dups++;
        }
        same &= a[i] == b[i];
        sum2 += a[i];
        hash = (hash ^ a[i]) * 0x01000193u;
    }
    printf("sorted: ordered %u, heapsort == quicksort %u, sum preserved %u, duplicates %u\n", ordered, same,
           sum == sum2, dups);
    printf("min %u, median %u, max %u\n", a[0], a[COUNT / 2], a[COUNT - 1]);
    printf("checksum %08x\n", hash);
    printf("small/other intact: %s\n", small[99] == 0x11 && other[4999] == 0x22 && other[0] == 0x22 ? "yes" : "no");
    return ordered && same ? 0 : 1;
}
