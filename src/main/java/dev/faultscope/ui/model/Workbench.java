package dev.faultscope.ui.model;

import dev.faultscope.crypto.Hex;
import dev.faultscope.vm.Memory;
import dev.faultscope.vm.StepProof;
import dev.faultscope.vm.Symbols;
import dev.faultscope.vm.TraceCursor;
import dev.faultscope.oracle.PreimageSources;
import dev.faultscope.vm.VmFault;
import dev.faultscope.vm.VmState;
import dev.faultscope.vm.disasm.Disassembler;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The VM workbench's view model: one run of a program, moved to any step exactly through a {@link TraceCursor},
 * plus what the views need around it (the last step's changes, breakpoints, the memory window, output, hints).
 *
 * <p>Confined to one thread (the cursor is not thread-safe): the app gives it a thread of its own and reads
 * only the {@link Frame}s it builds. View settings that the UI changes during a run are volatile.
 */
public final class Workbench {
    public static final int DISASM_LINES = 48;
    public static final int MEMORY_ROWS = 32;
    /** The console shows at most this many characters, the newest; the cursor keeps the rest. */
    public static final int CONSOLE_CHARS = 64 * 1024;
    /** The hints panel lists at most this many, the newest. */
    public static final int HINTS_SHOWN = 200;

    private final LoadedRun run;
    private final TraceCursor cursor;
    private final Breakpoints breakpoints = new Breakpoints();

    /** The state before the step that led to the current one, when known (see {@link #hasLastStep}). */
    private final int[] before = new int[32 + 5];
    private boolean hasLastStep;
    private int dataAddress = -1;
    private boolean dataWritten;
    private String fault;
    private long endStep = -1;
    private long furthest;

    private int disasmBase;
    private volatile int memoryBase;
    private volatile boolean memoryFollowsAccess = true;

    public Workbench(LoadedRun run) {
        this.run = run;
        this.cursor = new TraceCursor(run.initial(), run.store());
        cursor.hashCheckpointsAhead(true); // the scrubber and F8 seek about one run: first restores should not hash
        run.hints().setClock(cursor::step);
        this.furthest = cursor.step();
        if (cursor.state().exited()) {
            endStep = cursor.step();
        }
        disasmBase = centredBase(cursor.state().pc());
        memoryBase = cursor.state().register(29) & ~(MemoryRow.BYTES - 1);
    }

    public LoadedRun run() {
        return run;
    }

    public Breakpoints breakpoints() {
        return breakpoints;
    }

    public VmState state() {
        return cursor.state();
    }

    public long step() {
        return cursor.step();
    }

    public long firstStep() {
        return cursor.firstStep();
    }

    /** The exit step once a run has reached it, else -1. */
    public long endStep() {
        return endStep;
    }

    public long furthestStep() {
        return furthest;
    }

    public String fault() {
        return fault;
    }

    /** A VM fault's message; a missing pre-image says which key, its hint and what to do (File > Pre-images…). */
    private String explain(VmFault e) {
        PreimageSources sources = run.store().fallback();
        if (e.reason().startsWith("missing pre-image") && sources != null && sources.lastMiss() != null) {
            return String.format("step %d, pc 0x%08x: %s (File > Pre-images… adds a source; the run stays where it was)",
                e.step() + 1, e.pc(), sources.lastMiss().message());
        }
        return e.getMessage();
    }

    // ---- moving ----

    /** Executes one instruction; false when the program has exited or the step faults (see {@link #fault}). */
    public boolean stepForward() {
        if (cursor.state().exited()) {
            return false;
        }
        rememberBefore();
        try {
            cursor.stepForward();
        } catch (VmFault e) {
            fault = explain(e);
            return false;
        } catch (RuntimeException e) {
            // The host failing to serve a hint or a pre-image: the step did not happen.
            fault = "step " + (cursor.step() + 1) + " failed: " + e.getMessage();
            return false;
        }
        dataAddress = cursor.emulator().lastDataAddress();
        dataWritten = cursor.emulator().lastDataWritten();
        hasLastStep = true;
        afterMove();
        return true;
    }

    /** Goes back one step exactly; false at the first step. */
    public boolean stepBack() {
        if (cursor.step() == cursor.firstStep()) {
            return false;
        }
        goTo(cursor.step() - 1);
        return true;
    }

    /**
     * Moves to the state after {@code target} steps (clamped to the run), arriving by one real step so the
     * last step's changes and data word are known; returns the step reached.
     */
    public long goTo(long target) {
        long t = Math.max(cursor.firstStep(), endStep >= 0 ? Math.min(target, endStep) : target);
        fault = null;
        if (t == cursor.firstStep()) {
            cursor.seek(t);
            afterMove();
            forgetLastStep();
            return t;
        }
        try {
            cursor.seek(t - 1);
        } catch (VmFault e) {
            fault = explain(e);
            forgetLastStep();
            afterMove();
            return cursor.step();
        }
        forgetLastStep();
        afterMove();
        if (cursor.state().exited() && cursor.step() < t) {
            // The program ends before the target: arrive at its exit step instead (now known, so this ends).
            return goTo(cursor.step());
        }
        stepForward();
        return cursor.step();
    }

    /** Why a run stopped. */
    public enum Stop { EXITED, BREAKPOINT, FAULT, LIMIT, TARGET, CANCELLED }

    /**
     * Runs up to {@code maxSteps} at full speed, stopping at a breakpoint (after at least one step), at
     * {@code untilStep}, at exit or a fault; {@code cancelled} is polled between slices. Changes of the last
     * step are not tracked while running (it would cost every step); call {@link #settle} at the end.
     */
    public Stop runFast(long maxSteps, long untilStep, boolean stopAtBreakpoints, BooleanSupplier cancelled) {
        forgetLastStep();
        long done = 0;
        final long slice = 1 << 14;
        while (done < maxSteps) {
            if (cursor.state().exited()) {
                afterMove();
                return Stop.EXITED;
            }
            if (cursor.step() >= untilStep) {
                return Stop.TARGET;
            }
            if (cancelled.getAsBoolean()) {
                return Stop.CANCELLED;
            }
            long n = Math.min(slice, Math.min(maxSteps - done, untilStep - cursor.step()));
            long ran;
            try {
                ran = cursor.run(n, stopAtBreakpoints && !breakpoints.isEmpty() ? s -> breakpoints.contains(s.pc()) : null);
            } catch (VmFault e) {
                fault = explain(e);
                afterMove();
                return Stop.FAULT;
            } catch (RuntimeException e) {
                fault = "step " + (cursor.step() + 1) + " failed: " + e.getMessage();
                afterMove();
                return Stop.FAULT;
            }
            done += ran;
            afterMove();
            if (ran < n && !cursor.state().exited()) {
                return Stop.BREAKPOINT;
            }
        }
        return cursor.state().exited() ? Stop.EXITED : Stop.LIMIT;
    }

    /** After a fast run: re-arrives at the current step by one real step, so its changes show. */
    public void settle() {
        if (!hasLastStep && fault == null && cursor.step() > cursor.firstStep()) {
            goTo(cursor.step());
        }
    }

    private void rememberBefore() {
        VmState s = cursor.state();
        for (int i = 0; i < 32; i++) {
            before[i] = s.register(i);
        }
        before[32] = s.pc();
        before[33] = s.nextPC();
        before[34] = s.hi();
        before[35] = s.lo();
        before[36] = s.heap();
    }

    private void forgetLastStep() {
        hasLastStep = false;
        dataAddress = -1;
        dataWritten = false;
    }

    private void afterMove() {
        long s = cursor.step();
        furthest = Math.max(furthest, s);
        if (cursor.state().exited()) {
            endStep = s;
        }
        if (memoryFollowsAccess && hasLastStep && dataAddress >= 0) {
            keepVisible(dataAddress);
        }
    }

    // ---- view settings ----

    public int memoryBase() {
        return memoryBase;
    }

    /** Shows memory from {@code address}'s 16-byte row, placed a few rows down so what precedes it shows too. */
    public void showMemoryAt(int address) {
        long row = (address & 0xFFFFFFFFL) & ~(long) (MemoryRow.BYTES - 1);
        long base = Math.max(0, row - 4L * MemoryRow.BYTES);
        base = Math.min(base, 0x1_0000_0000L - (long) MEMORY_ROWS * MemoryRow.BYTES);
        memoryBase = (int) base;
    }

    /** Scrolls the memory window by whole rows (negative: up), within the 4 GiB space. */
    public void scrollMemory(long rows) {
        long base = (memoryBase & 0xFFFFFFFFL) + rows * MemoryRow.BYTES;
        base = Math.max(0, Math.min(base, 0x1_0000_0000L - (long) MEMORY_ROWS * MemoryRow.BYTES));
        memoryBase = (int) base;
    }

    public void setMemoryFollowsAccess(boolean follow) {
        memoryFollowsAccess = follow;
    }

    private void keepVisible(int address) {
        long a = address & 0xFFFFFFFFL;
        long base = memoryBase & 0xFFFFFFFFL;
        if (a < base || a >= base + (long) MEMORY_ROWS * MemoryRow.BYTES) {
            showMemoryAt(address);
        }
    }

    // ---- frames ----

    /** What the views show now. */
    public Frame frame() {
        VmState s = cursor.state();
        int[] regs = s.registers();
        int changed = 0;
        int special = 0;
        if (hasLastStep) {
            for (int i = 0; i < 32; i++) {
                if (regs[i] != before[i]) {
                    changed |= 1 << i;
                }
            }
            special |= s.pc() != before[32] ? Frame.PC : 0;
            special |= s.nextPC() != before[33] ? Frame.NEXT_PC : 0;
            special |= s.hi() != before[34] ? Frame.HI : 0;
            special |= s.lo() != before[35] ? Frame.LO : 0;
            special |= s.heap() != before[36] ? Frame.HEAP : 0;
        }
        long step = s.step();
        return new Frame(step, cursor.firstStep(), endStep, furthest,
            s.pc(), s.nextPC(), s.hi(), s.lo(), s.heap(), regs, s.exited(), s.exitCode(),
            hasLastStep, changed, special, hasLastStep ? dataAddress : -1, hasLastStep && dataWritten,
            disassembly(), memoryRows(), console(step), cursor.output().truncated(),
            PreimageInfo.of(s.preimageKey(), s.preimageOffset(), run.quietOracle()),
            run.hints().upTo(step, HINTS_SHOWN), run.hints().countUpTo(step), fault);
    }

    /** Lines around pc; the window stays put while pc moves inside it, so the eye follows the highlight. */
    List<DisasmLine> disassembly() {
        VmState s = cursor.state();
        int pc = s.pc();
        long rel = (pc & 0xFFFFFFFFL) - (disasmBase & 0xFFFFFFFFL);
        if (rel < 4L * 4 || rel >= 4L * (DISASM_LINES - 8)) {
            disasmBase = centredBase(pc);
        }
        Memory mem = s.memory();
        Symbols symbols = run.symbols();
        boolean inSlot = s.nextPC() != pc + 4;
        List<DisasmLine> lines = new ArrayList<>(DISASM_LINES);
        int prevWord = mem.getWord(disasmBase - 4);
        for (int i = 0; i < DISASM_LINES; i++) {
            int addr = disasmBase + 4 * i;
            int word = mem.getWord(addr);
            String label = null;
            var sym = symbols.lookup(addr);
            if (sym.isPresent() && sym.get().start() == addr) {
                label = sym.get().name();
            }
            Integer target = Disassembler.branchTarget(word, addr);
            String targetLabel = target == null ? null : symbolAt(target);
            lines.add(new DisasmLine(addr, word, Disassembler.disassemble(word, addr, symbols), label, target, targetLabel,
                addr == pc, isControlTransfer(prevWord, addr - 4), inSlot && addr == s.nextPC(), breakpoints.contains(addr)));
            prevWord = word;
        }
        return lines;
    }

    private String symbolAt(int addr) {
        var sym = run.symbols().lookup(addr);
        if (sym.isEmpty() || !sym.get().contains(addr)) {
            return null;
        }
        int off = addr - sym.get().start();
        return off == 0 ? sym.get().name() : sym.get().name() + "+0x" + Integer.toHexString(off);
    }

    /** Branches and jumps, including jr/jalr: the word after one is its delay slot. */
    static boolean isControlTransfer(int word, int addr) {
        int op = word >>> 26;
        int fn = word & 0x3F;
        return Disassembler.branchTarget(word, addr) != null || (op == 0 && (fn == 0x08 || fn == 0x09));
    }

    private static int centredBase(int pc) {
        return (pc & ~3) - 4 * 12;
    }

    List<MemoryRow> memoryRows() {
        Memory mem = cursor.state().memory();
        int base = memoryBase;
        int access = hasLastStep ? dataAddress : -1;
        List<MemoryRow> rows = new ArrayList<>(MEMORY_ROWS);
        for (int r = 0; r < MEMORY_ROWS; r++) {
            int addr = base + r * MemoryRow.BYTES;
            boolean mapped = mem.hasPage(addr >>> Memory.PAGE_SHIFT);
            byte[] bytes = new byte[MemoryRow.BYTES];
            if (mapped) {
                // readBytes on a mapped page only; an unmapped page reads as zeros and is left uncreated.
                mem.readBytes(addr, bytes, 0, MemoryRow.BYTES);
            }
            int mask = 0;
            if (access != -1 && (access & ~(MemoryRow.BYTES - 1)) == addr) {
                mask = 0xF << (access & (MemoryRow.BYTES - 1));
            }
            rows.add(new MemoryRow(addr, bytes, mapped, mask));
        }
        return rows;
    }

    private List<Frame.ConsoleChunk> console(long step) {
        List<Frame.ConsoleChunk> out = new ArrayList<>();
        int chars = 0;
        List<TraceCursor.ProgramOutput.Chunk> chunks = cursor.output().chunks();
        int end = 0;
        while (end < chunks.size() && chunks.get(end).step() <= step) {
            end++;
        }
        for (int i = end - 1; i >= 0 && chars < CONSOLE_CHARS; i--) {
            var c = chunks.get(i);
            String text = new String(c.bytes(), StandardCharsets.UTF_8);
            chars += text.length();
            if (!out.isEmpty() && out.get(0).fd() == c.fd()) {
                out.set(0, new Frame.ConsoleChunk(c.fd(), text + out.get(0).text()));
            } else {
                out.add(0, new Frame.ConsoleChunk(c.fd(), text));
            }
        }
        return out;
    }

    // ---- evidence ----

    /**
     * The evidence for the next step (the instruction at pc): the proof the on-chain verifier needs, made by
     * executing that step on a copy of the state, and the verifier's own verdict on it. The run is untouched.
     */
    public StepEvidence nextStepEvidence() {
        VmState copy = cursor.state().copy();
        var emulator = new dev.faultscope.vm.Mips32Emulator(copy, run.quietOracle());
        emulator.setOutput(null, null);
        StepProof proof;
        try {
            proof = emulator.stepWithProof();
        } catch (VmFault e) {
            return StepEvidence.failed(cursor.state().witness(), e.getMessage());
        }
        return StepEvidence.of(proof, run.quietOracle());
    }

    /** The state hash of the current state, for the status bar. */
    public String stateHash() {
        return Hex.encode(cursor.state().stateHash());
    }
}
