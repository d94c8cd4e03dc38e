package dev.faultscope.ui.model.diff;

import dev.faultscope.crypto.Hex;
import dev.faultscope.diff.BundleSide;
import dev.faultscope.diff.CursorSide;
import dev.faultscope.diff.DiffSide;
import dev.faultscope.diff.Divergence;
import dev.faultscope.diff.StateDifference;
import dev.faultscope.diff.TraceDiff;
import dev.faultscope.io.CannonStateFile;
import dev.faultscope.io.TraceBundle;
import dev.faultscope.oracle.PreimageSource;
import dev.faultscope.oracle.PreimageSources;
import dev.faultscope.ui.model.RegisterNames;
import dev.faultscope.vm.Symbols;
import dev.faultscope.vm.VmState;
import dev.faultscope.vm.disasm.Disassembler;
import dev.faultscope.vm.elf.ElfLoader;
import dev.faultscope.vm.elf.LoadedProgram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The side-by-side diff document's view model: two runs at their first divergence. Both panes show the shared
 * instruction (with a few around it), every register with the differing ones marked, the differing memory words,
 * and each side's post-state hash. Plain Java; the view only draws it.
 */
public final class DiffModel {
    /** One cell of a pane: a label, its value, and whether the other side has a different value there. */
    public record Cell(String label, String value, boolean differs) {
    }

    /** A disassembly line; {@code current} marks the instruction that made the runs differ. */
    public record Line(String text, boolean current) {
    }

    /** What one side shows. */
    public record Pane(String name, String postHash, List<Cell> registers, List<Cell> memory) {
    }

    private final Divergence divergence;
    private final Pane a;
    private final Pane b;
    private final List<Line> code;

    public DiffModel(Divergence d, Symbols symbols) {
        this.divergence = d;
        StateDifference diff = d.difference();
        this.a = pane(d.nameA(), d.postA(), d.postB(), diff, true);
        this.b = pane(d.nameB(), d.postB(), d.postA(), diff, false);
        this.code = new ArrayList<>();
        VmState pre = d.preState();
        if (pre != null && !d.identical()) {
            int pc = pre.pc();
            for (int addr = pc - 16; addr <= pc + 16; addr += 4) {
                int insn = pre.memory().getWord(addr);
                code.add(new Line(String.format("0x%08x  %08x  %s", addr, insn, Disassembler.disassemble(insn, addr, symbols)), addr == pc));
            }
        }
    }

    /** Compares two files (trace bundles, Cannon states or ELFs); {@code sources} serve runs that are not bundles. */
    public static DiffModel compare(Path fileA, Path fileB, List<PreimageSource> sources) throws IOException {
        List<TraceBundle> open = new ArrayList<>();
        try {
            DiffSide sa = side(fileA, sources, open);
            DiffSide sb = side(fileB, sources, open);
            return new DiffModel(TraceDiff.compare(sa, sb), sa.symbols());
        } finally {
            for (TraceBundle t : open) {
                t.close();
            }
        }
    }

    private static DiffSide side(Path p, List<PreimageSource> sources, List<TraceBundle> open) throws IOException {
        byte[] head;
        try (var in = Files.newInputStream(p)) {
            head = in.readNBytes(8);
        }
        if (TraceBundle.isBundle(head)) {
            TraceBundle t = TraceBundle.open(p);
            open.add(t);
            return new BundleSide(t);
        }
        String name = p.getFileName().toString();
        if (head.length >= 4 && head[0] == 0x7F && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
            LoadedProgram prog = ElfLoader.load(Files.readAllBytes(p));
            return new CursorSide(name, prog.state(), new PreimageSources(sources), prog.symbols());
        }
        return new CursorSide(name, CannonStateFile.read(p), new PreimageSources(sources), Symbols.NONE);
    }

    private static Pane pane(String name, VmState own, VmState other, StateDifference diff, boolean isA) {
        List<Cell> regs = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            regs.add(new Cell(RegisterNames.abi(i), hex(own.register(i)), own.register(i) != other.register(i)));
        }
        regs.add(new Cell("pc", hex(own.pc()), own.pc() != other.pc()));
        regs.add(new Cell("nextPC", hex(own.nextPC()), own.nextPC() != other.nextPC()));
        regs.add(new Cell("hi", hex(own.hi()), own.hi() != other.hi()));
        regs.add(new Cell("lo", hex(own.lo()), own.lo() != other.lo()));
        regs.add(new Cell("heap", hex(own.heap()), own.heap() != other.heap()));
        regs.add(new Cell("exit", own.exited() ? "exited " + own.exitCode() : "running", own.exited() != other.exited() || own.exitCode() != other.exitCode()));
        List<Cell> mem = new ArrayList<>();
        for (StateDifference.Word w : diff.words()) {
            mem.add(new Cell(hex(w.address()), hex(isA ? w.a() : w.b()), true));
        }
        if (diff.moreWords() > 0) {
            mem.add(new Cell("…", diff.moreWords() + " more differing words", true));
        }
        return new Pane(name, Hex.encode(own.stateHash()), List.copyOf(regs), List.copyOf(mem));
    }

    private static String hex(int v) {
        return String.format("0x%08x", v);
    }

    public Divergence divergence() {
        return divergence;
    }

    public Pane a() {
        return a;
    }

    public Pane b() {
        return b;
    }

    public List<Line> code() {
        return List.copyOf(code);
    }

    /** The document's headline: where, which instruction, and how it was found. */
    public String summary() {
        Divergence d = divergence;
        String how = String.format("found with %d state-hash comparisons and %,d VM steps", d.comparisons(), d.executed());
        if (d.identical()) {
            return String.format("Identical: both runs end at step %,d with the same state hash (%s).", d.postA().step(), how);
        }
        if (d.atStart()) {
            return "The runs differ from their first state (step " + d.preStep() + ").";
        }
        return String.format("First divergence at instruction %,d (step %,d → %,d), pc 0x%08x: %s — %s.",
            d.preStep(), d.preStep(), d.preStep() + 1, d.pc(), d.instructionText(), how);
    }

    public String title() {
        return "Diff · " + divergence.nameA() + " ↔ " + divergence.nameB();
    }
}
