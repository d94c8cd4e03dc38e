package dev.faultscope.ui.model;

import java.util.List;

/**
 * Everything the workbench draws for one position of the run, computed on the thread that owns the VM and
 * handed to the views as an immutable value, so drawing never races the next step.
 *
 * @param hasLastStep       whether a step led here (false at the first step and right after a fast run)
 * @param changedRegisters  bit i set when r<i> differs from the state before the last step
 * @param changedSpecial    {@link #PC}, {@link #NEXT_PC}, … bits for the other fields that changed
 * @param dataAddress       aligned address of the data word the last step read or wrote, or -1
 * @param endStep           the step the program exits at once known, else -1
 * @param furthestStep      the furthest step run so far
 * @param fault             why the machine cannot go on (a VM fault), or null
 */
public record Frame(long step, long firstStep, long endStep, long furthestStep,
                    int pc, int nextPC, int hi, int lo, int heap, int[] registers,
                    boolean exited, int exitCode,
                    boolean hasLastStep, int changedRegisters, int changedSpecial,
                    int dataAddress, boolean dataWritten,
                    List<DisasmLine> disassembly, List<MemoryRow> memory,
                    List<ConsoleChunk> console, boolean consoleTruncated,
                    PreimageInfo preimage, List<HintLog.Entry> hints, int hintCount,
                    String fault) {
    public static final int PC = 1;
    public static final int NEXT_PC = 2;
    public static final int HI = 4;
    public static final int LO = 8;
    public static final int HEAP = 16;

    public boolean registerChanged(int i) {
        return (changedRegisters & (1 << i)) != 0;
    }

    public boolean specialChanged(int bit) {
        return (changedSpecial & bit) != 0;
    }

    /**
     * Text for the exit status: running, or the exit code, with its verdict when the program is the fault proof
     * program (another program's exit code is just a number).
     */
    public String exitStatus(boolean faultProof) {
        if (!exited) {
            return fault != null ? "faulted" : "running";
        }
        if (!faultProof) {
            return "exited " + exitCode;
        }
        return "exited " + exitCode + switch (exitCode) {
            case 0 -> " (VALID)";
            case 1 -> " (INVALID)";
            default -> " (PANIC)";
        };
    }

    /** Some of the program's output, from stdout (fd 1) or stderr (fd 2). */
    public record ConsoleChunk(int fd, String text) {
    }
}
