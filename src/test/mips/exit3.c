/* exit3.c - the smallest program: reads stdin (the VM always answers EOF on fd 0), writes one
 * line to stdout and one to stderr, and exits with code 3. */
#include "rt/rt.h"

int main(void)
{
    char buf[16];
    int32_t n = sys_read(STDIN_FD, buf, sizeof buf);
    printf("exit3: stdin gave %d bytes; about to fail\n", n);
    eprintf("exit3: error: something went wrong (on purpose)\n");
    return 3;
}
