package dev.faultscope.vm.elf;

import dev.faultscope.vm.Memory;
import dev.faultscope.vm.VmState;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Builds a program's initial VM state exactly as Cannon's {@code load-elf} does (cannon-mips32.md section 7),
 * so that the state hash of a freshly loaded program matches Cannon's.
 */
public final class ElfLoader {
    public static final int HEAP_START = 0x05000000;
    public static final int STACK_POINTER = 0x7FFFD000;
    /** MIPS ABI flags: describes the FPU ABI only, and Cannon leaves it out of memory. */
    public static final long PT_MIPS_ABIFLAGS = 0x70000003L;

    static final byte[] RANDOM = "4;byfairdiceroll".getBytes(StandardCharsets.US_ASCII);
    static final String ENV0 = "GODEBUG=memprofilerate=0";
    static final String ARGV0 = "op-program";

    /**
     * Go runtime functions Cannon replaces by {@code jr $ra; nop}: they start background work (GC, sweeping,
     * metrics) that needs threads or timers the single-threaded VM does not have.
     */
    public static final Set<String> GO_PATCHED_FUNCTIONS = Set.of(
        "runtime.gcenable",
        "runtime.init.5",
        "runtime.main.func1",
        "runtime.deductSweepCredit",
        "runtime.(*gcControllerState).commit",
        "github.com/prometheus/client_golang/prometheus.init",
        "github.com/prometheus/client_golang/prometheus.init.0",
        "github.com/prometheus/procfs.init",
        "github.com/prometheus/common/model.init",
        "github.com/prometheus/client_model/go.init",
        "github.com/prometheus/client_model/go.init.0",
        "github.com/prometheus/client_model/go.init.1",
        "flag.init",
        "runtime.check");

    private static final byte[] RETURN_STUB = {0x03, (byte) 0xE0, 0x00, 0x08, 0, 0, 0, 0};

    private ElfLoader() {
    }

    public static LoadedProgram load(byte[] elf) {
        ElfFile file = ElfFile.parse(elf);
        VmState state = new VmState();
        state.setPc((int) file.entry());
        state.setNextPC((int) file.entry() + 4);
        state.setHeap(HEAP_START);
        loadSegments(file, state.memory());
        patchGo(file, state.memory());
        buildStack(state);
        return new LoadedProgram(state, file.symbols());
    }

    private static void loadSegments(ElfFile file, Memory mem) {
        for (ElfFile.ProgramHeader ph : file.programHeaders()) {
            if (ph.type() == PT_MIPS_ABIFLAGS) {
                continue;
            }
            int n = ph.index();
            if (ph.filesz() != ph.memsz()) {
                if (ph.type() != ElfFile.PT_LOAD) {
                    throw new ElfFormatException("segment " + n + " (type 0x" + Long.toHexString(ph.type())
                        + ") has file size " + ph.filesz() + " but memory size " + ph.memsz() + ": only PT_LOAD segments may differ");
                }
                if (ph.filesz() > ph.memsz()) {
                    throw new ElfFormatException("segment " + n + " (PT_LOAD) has file size " + ph.filesz()
                        + " larger than its memory size " + ph.memsz());
                }
            }
            // The heap starts right above the program; Cannon refuses a segment that reaches it.
            if (ph.vaddr() + ph.memsz() >= HEAP_START) {
                throw new ElfFormatException("segment " + n + " out of range: [0x" + Long.toHexString(ph.vaddr()) + ", 0x"
                    + Long.toHexString(ph.vaddr() + ph.memsz()) + ") reaches the heap at 0x" + Integer.toHexString(HEAP_START));
            }
            int vaddr = (int) ph.vaddr();
            mem.writeBytes(vaddr, file.bytes(), (int) ph.offset(), (int) ph.filesz());
            zero(mem, vaddr + (int) ph.filesz(), ph.memsz() - ph.filesz());
        }
    }

    /** Writes zeros (which allocates the pages, as Cannon's loader does). */
    private static void zero(Memory mem, int addr, long len) {
        byte[] zeros = new byte[Memory.PAGE_SIZE];
        long done = 0;
        while (done < len) {
            int chunk = (int) Math.min(zeros.length, len - done);
            mem.writeBytes(addr + (int) done, zeros, 0, chunk);
            done += chunk;
        }
    }

    private static void patchGo(ElfFile file, Memory mem) {
        for (ElfFile.SymbolEntry s : file.symbolEntries()) {
            if (GO_PATCHED_FUNCTIONS.contains(s.name())) {
                mem.writeBytes((int) s.value(), RETURN_STUB, 0, RETURN_STUB.length);
            }
        }
    }

    /** The initial stack of a Linux process with one argument, one environment variable and two aux entries. */
    private static void buildStack(VmState state) {
        Memory mem = state.memory();
        int sp = STACK_POINTER;
        zero(mem, sp - 4 * Memory.PAGE_SIZE, 5L * Memory.PAGE_SIZE);
        state.setRegister(29, sp);

        int rand = sp + 40;
        int env0 = rand + RANDOM.length;
        byte[] env = padded(ENV0);
        int argv0 = env0 + env.length;
        byte[] arg = padded(ARGV0);
        int[] words = {
            1, argv0, 0,        // argc, argv[0], end of argv
            env0, 0,            // envp[0], end of envp
            6, Memory.PAGE_SIZE, // AT_PAGESZ
            25, rand,           // AT_RANDOM
            0,                  // end of auxv
        };
        for (int i = 0; i < words.length; i++) {
            mem.setWord(sp + 4 * i, words[i]);
        }
        mem.writeBytes(rand, RANDOM, 0, RANDOM.length);
        mem.writeBytes(env0, env, 0, env.length);
        mem.writeBytes(argv0, arg, 0, arg.length);
    }

    /** The string, NUL-terminated, then zero-padded to a multiple of 4 bytes. */
    static byte[] padded(String s) {
        byte[] raw = s.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[(raw.length + 1 + 3) & ~3];
        System.arraycopy(raw, 0, out, 0, raw.length);
        return out;
    }
}
