package dev.faultscope.vm.elf;

import dev.faultscope.oracle.PreimageOracle;
import dev.faultscope.vm.Memory;
import dev.faultscope.vm.Mips32Emulator;
import dev.faultscope.vm.Symbols;
import dev.faultscope.vm.VmState;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * src/test/resources/elf/hello.elf, a C program compiled with the flags of cannon-mips32.md section 10, loaded
 * and checked against what objdump and qemu-mips say about it (recorded by build.sh).
 */
class CompiledProgramTest {
    private static final Pattern INSN = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f]{8}) ");
    private static final Pattern FUNC = Pattern.compile("^([0-9a-f]{8}) <([^>]+)>:$");

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = CompiledProgramTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static List<String> objdump() throws IOException {
        return List.of(new String(resource("/elf/hello.objdump.txt"), StandardCharsets.UTF_8).split("\n"));
    }

    @Test
    void entryIsStart() throws IOException {
        LoadedProgram p = ElfLoader.load(resource("/elf/hello.elf"));
        int start = p.symbols().byName("_start").orElseThrow().start();
        assertEquals(start, p.state().pc());
        assertEquals(start + 4, p.state().nextPC());
    }

    @Test
    void everyCodeWordIsInMemoryWhereObjdumpShowsIt() throws IOException {
        Memory m = ElfLoader.load(resource("/elf/hello.elf")).state().memory();
        int n = 0;
        for (String line : objdump()) {
            Matcher x = INSN.matcher(line);
            if (x.find()) {
                int addr = Integer.parseUnsignedInt(x.group(1), 16);
                assertEquals(Integer.parseUnsignedInt(x.group(2), 16), m.getWord(addr), line);
                n++;
            }
        }
        assertTrue(n > 100, "instructions checked: " + n);
    }

    @Test
    void functionSymbolsMatchObjdumpLabels() throws IOException {
        Symbols syms = ElfLoader.load(resource("/elf/hello.elf")).symbols();
        List<String> labels = new ArrayList<>();
        for (String line : objdump()) {
            Matcher f = FUNC.matcher(line);
            if (f.matches()) {
                labels.add(f.group(2));
                assertEquals(Integer.parseUnsignedInt(f.group(1), 16), syms.byName(f.group(2)).orElseThrow().start(), line);
            }
        }
        assertEquals(List.of("sum_bytes", "classify", "mix", "checksum", "_start"), labels);
        // Sorted by address, and data objects are there too.
        List<Symbols.Symbol> all = syms.all();
        for (int i = 1; i < all.size(); i++) {
            assertTrue(Integer.compareUnsigned(all.get(i - 1).start(), all.get(i).start()) <= 0);
        }
        assertEquals(32, syms.byName("counters").orElseThrow().size());
        assertEquals(64, syms.byName("scratch").orElseThrow().size());
        assertTrue(syms.byName(".text").isEmpty(), "section symbols are dropped");
        assertTrue(syms.byName("hello.c").isEmpty(), "file symbols are dropped");
    }

    @Test
    void initialisedDataAndBss() throws IOException {
        LoadedProgram p = ElfLoader.load(resource("/elf/hello.elf"));
        Memory m = p.state().memory();
        int counters = p.symbols().byName("counters").orElseThrow().start();
        int[] expected = {3, 1, 4, 1, 5, 9, 2, 6};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], m.getWord(counters + 4 * i));
        }
        int message = p.symbols().byName("message").orElseThrow().start();
        assertEquals("faultscope", new String(m.readBytes(message, 10), StandardCharsets.US_ASCII));
        int scratch = p.symbols().byName("scratch").orElseThrow().start();
        assertTrue(m.hasPage(scratch >>> 12));
        assertEquals(0, m.getWord(scratch));
    }

    @Test
    void initialStack() throws IOException {
        VmState s = ElfLoader.load(resource("/elf/hello.elf")).state();
        int sp = s.register(29);
        assertEquals(0x7FFFD000, sp);
        assertEquals(1, s.memory().getWord(sp));
        int argv0 = s.memory().getWord(sp + 4);
        assertEquals("op-program", new String(s.memory().readBytes(argv0, 10), StandardCharsets.US_ASCII));
        int env0 = s.memory().getWord(sp + 12);
        assertEquals("GODEBUG=memprofilerate=0", new String(s.memory().readBytes(env0, 24), StandardCharsets.US_ASCII));
    }

    /** The VM runs the loaded program to the exit code qemu-mips gave when build.sh ran it. */
    @Test
    void runsToTheSameExitCodeAsQemu() throws IOException {
        int qemu = Integer.parseInt(new String(resource("/elf/hello.exitcode"), StandardCharsets.US_ASCII).trim());
        VmState s = ElfLoader.load(resource("/elf/hello.elf")).state();
        long steps = new Mips32Emulator(s, PreimageOracle.NONE).run(1_000_000);
        assertTrue(s.exited(), "exited after " + steps + " steps");
        assertEquals(qemu, s.exitCode());
    }
}
