/* control.c - control flow: recursion (fib, Ackermann, mutual recursion), function pointers
 * (jalr), a dense switch gcc compiles to a jump table (jr through a table), nested loops with
 * break/continue, and a small bytecode interpreter. Writes a summary line to stderr too. Exits 0. */
#include "rt/rt.h"

static uint32_t fib(uint32_t n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static uint32_t ackermann(uint32_t m, uint32_t n)
{
    if (m == 0) {
        return n + 1;
    }
    if (n == 0) {
        return ackermann(m - 1, 1);
    }
    return ackermann(m - 1, ackermann(m, n - 1));
}

static int is_odd(uint32_t n);
static int is_even(uint32_t n)
{
    return n == 0 ? 1 : is_odd(n - 1);
}
static int is_odd(uint32_t n)
{
    return n == 0 ? 0 : is_even(n - 1);
}

typedef int32_t (*binop)(int32_t, int32_t);
static int32_t op_add(int32_t a, int32_t b) { return a + b; }
static int32_t op_sub(int32_t a, int32_t b) { return a - b; }
static int32_t op_mul(int32_t a, int32_t b) { return a * b; }
static int32_t op_xor(int32_t a, int32_t b) { return a ^ b; }
static int32_t op_max(int32_t a, int32_t b) { return a > b ? a : b; }
static volatile binop ops[] = { op_add, op_sub, op_mul, op_xor, op_max };
static const char *const op_names[] = { "add", "sub", "mul", "xor", "max" };

static __attribute__((noinline)) int32_t apply_all(int32_t seed)
{
    int32_t acc = seed;
    for (int round = 0; round < 50; round++) {
        for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++) {
            acc = ops[i](acc, round * 7 - 100);
        }
    }
    return acc;
}

/* Dense cases 0..15: gcc emits a bounds check and a jump table in .rodata. */
static __attribute__((noinline)) uint32_t dispatch(uint32_t op, uint32_t x)
{
    switch (op) {
    case 0: return x + 1;
    case 1: return x * 3;
    case 2: return x ^ 0x5555u;
    case 3: return x >> 1;
    case 4: return x << 2;
    case 5: return ~x;
    case 6: return x - 17;
    case 7: return x | 0x100u;
    case 8: return x & 0xfff0u;
    case 9: return x * x;
    case 10: return x + (x >> 3);
    case 11: return (x << 7) | (x >> 25);
    case 12: return x ^ (x >> 11);
    case 13: return x + 0x9e3779b9u;
    case 14: return x / 7u;
    case 15: return x % 1000u;
    default: return 0xffffffffu;
    }
}

/* A tiny stack-machine interpreter: another jump table, plus data-dependent branches. */
enum { PUSH, ADD, MUL, DUP, SWAP, OVER, ROT, JNZ, DEC, PRINT, HALT };
static int32_t interpret(const int32_t *code)
{
    int32_t stack[16];
    int sp = 0;
    for (int pc = 0;;) {
        switch (code[pc++]) {
        case PUSH: stack[sp++] = code[pc++]; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case SWAP: { int32_t t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; break; }
        case OVER: stack[sp] = stack[sp - 2]; sp++; break;
        case ROT: { int32_t a = stack[sp - 3]; stack[sp - 3] = stack[sp - 2]; stack[sp - 2] = stack[sp - 1]; stack[sp - 1] = a; break; }
        case JNZ: { int32_t target = code[pc++]; if (stack[sp - 1] != 0) pc = target; break; }
        case DEC: stack[sp - 1]--; break;
        case PRINT: printf("  vm: %d\n", stack[sp - 1]); break;
        case HALT: return stack[sp - 2];
        default: return -1;
        }
    }
}

int main(void)
{
    printf("control: branches, calls, jump tables\n");
    for (uint32_t n = 0; n <= 20; n += 5) {
        printf("fib(%u) = %u\n", n, fib(n));
    }
    printf("ackermann(2, 3) = %u, ackermann(3, 3) = %u\n", ackermann(2, 3), ackermann(3, 3));
    printf("is_even(1001) = %d, is_odd(777) = %d\n", is_even(1001), is_odd(777));

    for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        printf("%s(1000, -3) = %d\n", op_names[i], ops[i](1000, -3));
    }
    printf("apply_all(1) = %d\n", apply_all(1));

    uint32_t x = 12345;
    for (uint32_t i = 0; i < 1000; i++) {
        x = dispatch((x ^ i) & 15, x) + i;
    }
    printf("dispatch chain = %08x, dispatch(99, 0) = %08x\n", x, dispatch(99, 0));

    /* nested loops with continue/break: count coprime pairs below 60 via Euclid */
    uint32_t coprime = 0, pairs = 0;
    for (uint32_t a = 1; a < 60; a++) {
        for (uint32_t b = 1; b < 60; b++) {
            if (b > a) {
                break;
            }
            pairs++;
            uint32_t p = a, q = b;
            while (q != 0) {
                uint32_t t = p % q;
                p = q;
                q = t;
            }
            if (p != 1) {
                continue;
            }
            coprime++;
        }
    }
    printf("coprime pairs %u of %u\n", coprime, pairs);

    /* 10! : [acc n] -> swap over mul swap -> [acc*n n] -> dec, loop while n != 0 */
    static const int32_t factorial[] = { PUSH, 1, PUSH, 10, SWAP, OVER, MUL, SWAP, PRINT, DEC, JNZ, 4, HALT };
    printf("interpreted 10! = %d\n", interpret(factorial));
    /* sum of squares 1..20: [s n] -> dup dup mul rot add swap -> [s+n*n n] */
    static const int32_t squares[] = { PUSH, 0, PUSH, 20, DUP, DUP, MUL, ROT, ADD, SWAP, DEC, JNZ, 4, HALT };
    printf("interpreted sum of squares 1..20 = %d\n", interpret(squares));

    eprintf("control: %u coprime pairs, fib(20) %u\n", coprime, fib(20));
    return 0;
}
