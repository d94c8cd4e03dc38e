package dev.faultscope.vm;

/** The instructions translated blocks call rather than spell out in bytecode; tiny, so the JIT inlines them. */
final class BlockOps {
    private BlockOps() {
    }

    static int slt(int a, int b) {
        return a < b ? 1 : 0;
    }

    static int sltu(int a, int b) {
        return Integer.compareUnsigned(a, b) < 0 ? 1 : 0;
    }

    static int movz(int old, int rs, int rt) {
        return rt == 0 ? rs : old;
    }

    static int movn(int old, int rs, int rt) {
        return rt != 0 ? rs : old;
    }

    static int lb(Memory m, int a) {
        return (byte) (m.getWord(a) >>> ((3 - (a & 3)) << 3));
    }

    static int lbu(Memory m, int a) {
        return (m.getWord(a) >>> ((3 - (a & 3)) << 3)) & 0xFF;
    }

    static int lh(Memory m, int a) {
        return (short) (m.getWord(a) >>> ((2 - (a & 2)) << 3));
    }

    static int lhu(Memory m, int a) {
        return (m.getWord(a) >>> ((2 - (a & 2)) << 3)) & 0xFFFF;
    }

    static int lwl(Memory m, int a, int rt) {
        int sh = (a & 3) << 3;
        return (rt & ~(0xFFFFFFFF << sh)) | (m.getWord(a) << sh);
    }

    static int lwr(Memory m, int a, int rt) {
        int sh = 24 - ((a & 3) << 3);
        return (rt & ~(0xFFFFFFFF >>> sh)) | (m.getWord(a) >>> sh);
    }

    static void sb(Memory m, int a, int rt) {
        int sh = (3 - (a & 3)) << 3;
        m.setWord(a, (m.getWord(a) & ~(0xFF << sh)) | ((rt & 0xFF) << sh));
    }

    static void sh(Memory m, int a, int rt) {
        int sh = (2 - (a & 2)) << 3;
        m.setWord(a, (m.getWord(a) & ~(0xFFFF << sh)) | ((rt & 0xFFFF) << sh));
    }

    static void swl(Memory m, int a, int rt) {
        int sh = (a & 3) << 3;
        m.setWord(a, (m.getWord(a) & ~(0xFFFFFFFF >>> sh)) | (rt >>> sh));
    }

    static void swr(Memory m, int a, int rt) {
        int sh = 24 - ((a & 3) << 3);
        m.setWord(a, (m.getWord(a) & ~(0xFFFFFFFF << sh)) | (rt << sh));
    }

    static int beq(int a, int b, int taken, int notTaken) {
        return a == b ? taken : notTaken;
    }

    static int bne(int a, int b, int taken, int notTaken) {
        return a != b ? taken : notTaken;
    }

    static int bltz(int a, int taken, int notTaken) {
        return a < 0 ? taken : notTaken;
    }

    static int bgez(int a, int taken, int notTaken) {
        return a >= 0 ? taken : notTaken;
    }

    static int blez(int a, int taken, int notTaken) {
        return a <= 0 ? taken : notTaken;
    }

    static int bgtz(int a, int taken, int notTaken) {
        return a > 0 ? taken : notTaken;
    }

    /** mfhi, mthi, mflo, mtlo, mult, multu, div, divu (the caller has ruled out division by zero): the rd value. */
    static int hiLo(VmState s, int fun, int a, int b) {
        switch (fun) {
            case 0x10 -> {
                return s.hi;
            }
            case 0x11 -> s.hi = a;
            case 0x12 -> {
                return s.lo;
            }
            case 0x13 -> s.lo = a;
            case 0x18 -> {
                long product = (long) a * b;
                s.hi = (int) (product >>> 32);
                s.lo = (int) product;
            }
            case 0x19 -> {
                long product = (a & 0xFFFFFFFFL) * (b & 0xFFFFFFFFL);
                s.hi = (int) (product >>> 32);
                s.lo = (int) product;
            }
            case 0x1A -> {
                s.lo = a / b;
                s.hi = a % b;
            }
            default -> {
                s.lo = Integer.divideUnsigned(a, b);
                s.hi = Integer.remainderUnsigned(a, b);
            }
        }
        return 0;
    }
}
