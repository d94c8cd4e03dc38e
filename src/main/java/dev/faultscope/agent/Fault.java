package dev.faultscope.agent;

import dev.faultscope.vm.VmState;

/**
 * One fault injected into a real VM run (rollup-fpp.md section 4), so that a dishonest player has an execution
 * trace that is honest up to a chosen instruction and wrong from it on.
 *
 * <p>{@link #index()} is a 0-based instruction index k, the same numbering as trace indices: the fault is applied
 * while executing the instruction that takes the state from step k to step k+1, so trace index k (which commits to
 * S(k+1)) is the first claim that differs, and the bisection narrows to exactly that step.
 */
public sealed interface Fault {
    /** Syscall number of exit_group (cannon-mips32.md section 4). */
    int SYS_EXIT_GROUP = 4246;
    /** $v0: the syscall number. */
    int REG_V0 = 2;
    /** $a0: exit_group's exit code. */
    int REG_A0 = 4;

    /** The instruction index k the fault is applied at. */
    long index();

    /** A short description for logs and the UI. */
    String describe();

    /** After instruction k executes, bit {@code bit} of register {@code register} is flipped. */
    record FlipBit(long index, int register, int bit) implements Fault {
        public FlipBit {
            requireIndex(index);
            requireRegister(register);
            if (bit < 0 || bit > 31) {
                throw new IllegalArgumentException("bit must be 0..31, got " + bit);
            }
        }

        @Override
        public String describe() {
            return "flip bit " + bit + " of r" + register + " after instruction " + index;
        }
    }

    /**
     * Instruction k is not executed: {@code pc = nextPC; nextPC += 4; step += 1} and nothing else, as if it
     * were a nop. (Skipping a branch drops the branch; skipping its delay slot keeps the branch target.)
     */
    record Skip(long index) implements Fault {
        public Skip {
            requireIndex(index);
        }

        @Override
        public String describe() {
            return "skip instruction " + index;
        }
    }

    /**
     * Instruction k must be a load (lb, lh, lwl, lw, lbu, lhu, lwr or ll); the value it puts in its target
     * register is xor-ed with {@code mask}, i.e. the program sees a different word in memory than the memory
     * proof shows.
     */
    record WrongLoad(long index, int mask) implements Fault {
        public WrongLoad {
            requireIndex(index);
            if (mask == 0) {
                throw new IllegalArgumentException("a wrong-load mask of 0 changes nothing");
            }
        }

        @Override
        public String describe() {
            return String.format("xor the word loaded by instruction %d with 0x%08x", index, mask);
        }
    }

    /** Before instruction k executes, register {@code register} is set to {@code value}. */
    record SetRegister(long index, int register, int value) implements Fault {
        public SetRegister {
            requireIndex(index);
            requireRegister(register);
        }

        @Override
        public String describe() {
            return String.format("set r%d to 0x%08x before instruction %d", register, value, index);
        }
    }

    /**
     * The fault a wrong proposer needs to claim an exit code it did not earn: at the program's exit_group syscall
     * (the last instruction of {@code honest}, index N−1), $a0 is set to {@code exitCode} before the syscall runs.
     *
     * @throws IllegalStateException when the trace's last instruction is not an exit_group syscall
     * @throws IllegalArgumentException when the honest run already exits with that code (no fault to make)
     */
    static Fault forceExitCode(ExecutionTrace honest, int exitCode) {
        long k = exitGroupIndex(honest);
        if ((exitCode & 0xFF) == honest.exitCode()) {
            throw new IllegalArgumentException("the honest run already exits with code " + (exitCode & 0xFF));
        }
        return new SetRegister(k, REG_A0, exitCode);
    }

    /**
     * The instruction index of the exit_group syscall that ends {@code trace}: N−1, checked to be a syscall
     * with $v0 = 4246 so a fault placed there really changes the exit code.
     */
    static long exitGroupIndex(ExecutionTrace trace) {
        long k = trace.length() - 1;
        VmState s = trace.stateAtStep(k);
        int insn = s.memory().getWord(s.pc());
        if ((insn >>> 26) != 0 || (insn & 0x3F) != 0x0C) {
            throw new IllegalStateException(String.format("instruction %d (pc 0x%08x, 0x%08x) is not a syscall", k, s.pc(), insn));
        }
        if (s.register(REG_V0) != SYS_EXIT_GROUP) {
            throw new IllegalStateException("instruction " + k + " is syscall " + s.register(REG_V0) + ", not exit_group");
        }
        return k;
    }

    private static void requireIndex(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("negative instruction index " + index);
        }
    }

    private static void requireRegister(int register) {
        // r0 is hard-wired to zero (the machine never writes it), so a fault there would change nothing.
        if (register < 1 || register > 31) {
            throw new IllegalArgumentException("register must be 1..31, got " + register);
        }
    }
}
