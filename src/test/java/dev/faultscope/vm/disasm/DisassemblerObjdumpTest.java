package dev.faultscope.vm.disasm;

import dev.faultscope.vm.Symbols;
import dev.faultscope.vm.elf.ElfLoader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The disassembler against GNU objdump's listings (src/test/resources/elf/build.sh) of a compiled program,
 * an instruction catalogue and 4000 pseudo-random words.
 *
 * <p>Normalisation, applied to both sides: register names lose their {@code $}; operands are separated by a
 * bare comma; a branch or jump target is compared as a number (objdump writes {@code 4001b8} in an executable,
 * {@code 0x18} in raw code; we write {@code 0x004001b8}), followed by the same {@code <symbol+0xoff>} label.
 * Mnemonics, pseudo-instructions ({@code move}, {@code li}, {@code b}, {@code beqz}, {@code negu}...),
 * operand order and the radix of every immediate are compared as they are.
 */
class DisassemblerObjdumpTest {
    static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f]{8}) \\t(\\S+)(?:\\t(.*))?$");
    private static final Set<String> BRANCHES = Set.of("b", "bal", "beq", "beqz", "bne", "bnez", "blez", "bgtz",
        "bltz", "bgez", "bgezal", "j", "jal");
    private static final Pattern TARGET = Pattern.compile("^(?:0x)?([0-9a-f]+)( <[^>]+>)?$");

    record Line(int address, int word, String text) {
    }

    static List<Line> listing(String resource) throws IOException {
        List<Line> out = new ArrayList<>();
        try (InputStream in = DisassemblerObjdumpTest.class.getResourceAsStream(resource)) {
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                Matcher m = LINE.matcher(l);
                if (m.matches()) {
                    String ops = m.group(4);
                    out.add(new Line(Integer.parseUnsignedInt(m.group(1), 16), Integer.parseUnsignedInt(m.group(2), 16),
                        m.group(3) + (ops == null ? "" : " " + ops)));
                }
            }
        }
        return out;
    }

    static String normalise(String text) {
        String s = text.replace("$", "").replace(", ", ",").replaceAll("\\bs8\\b", "fp").trim();
        int sp = s.indexOf(' ');
        if (sp < 0) {
            return s;
        }
        String mnemonic = s.substring(0, sp);
        String ops = s.substring(sp + 1);
        if (BRANCHES.contains(mnemonic)) {
            int comma = ops.lastIndexOf(',', ops.indexOf(' ') < 0 ? ops.length() : ops.indexOf(' '));
            String target = ops.substring(comma + 1);
            Matcher m = TARGET.matcher(target);
            if (m.matches()) {
                String label = m.group(2) == null ? "" : m.group(2);
                ops = ops.substring(0, comma + 1) + Long.toHexString(Long.parseLong(m.group(1), 16)) + label;
            }
        }
        return mnemonic + " " + ops;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DisassemblerObjdumpTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    /** Every instruction of an executable: all must be ones the VM runs, and read exactly as objdump reads them. */
    private static void agreesOnEveryInstruction(String elf, String objdump, int atLeast) throws IOException {
        Symbols symbols = ElfLoader.load(resource(elf)).symbols();
        List<Line> lines = listing(objdump);
        assertTrue(lines.size() >= atLeast, "listing has " + lines.size() + " instructions");
        for (Line l : lines) {
            String ours = Disassembler.disassemble(l.word, l.address, symbols);
            assertEquals(normalise(l.text), normalise(ours),
                String.format("word %08x at %08x: objdump '%s', ours '%s'", l.word, l.address, l.text, ours));
        }
    }

    @Test
    void compiledProgram() throws IOException {
        agreesOnEveryInstruction("/elf/hello.elf", "/elf/hello.objdump.txt", 100);
    }

    @Test
    void instructionCatalogue() throws IOException {
        agreesOnEveryInstruction("/elf/catalogue.elf", "/elf/catalogue.objdump.txt", 90);
    }

    /**
     * Random words: compared wherever both sides claim a standard instruction. Where they differ in that claim,
     * it must be for a known reason: objdump's {@code .word} for a word the VM rejects, or our note on a word whose
     * reserved fields are set (objdump may print those as {@code .word} or as a MIPS32r2 instruction).
     */
    @Test
    void randomWords() throws IOException {
        List<Line> lines = listing("/elf/random-words.objdump.txt");
        assertEquals(4000, lines.size());
        int compared = 0;
        int vmRejects = 0;
        for (Line l : lines) {
            String ours = Disassembler.disassemble(l.word, l.address, null);
            String context = String.format("word %08x: objdump '%s', ours '%s'", l.word, l.text, ours);
            boolean objdumpWord = l.text.startsWith(".word");
            if (!Disassembler.isSupported(l.word)) {
                vmRejects++;
                assertTrue(ours.startsWith(String.format(".word 0x%08x  # ", l.word)), context);
            } else if (ours.contains("#")) {
                assertTrue(ours.contains("non-standard") || ours.contains("MIPS32r2") || ours.contains("never taken"), context);
            } else {
                assertTrue(!objdumpWord, "objdump rejects a word we read as standard: " + context);
                assertEquals(normalise(l.text), normalise(ours), context);
                compared++;
            }
        }
        assertTrue(compared > 1500, "compared " + compared);
        assertTrue(vmRejects > 300, "rejected " + vmRejects);
    }
}
