package dev.faultscope.vm;

import dev.faultscope.oracle.PreimageOracle;
import dev.faultscope.vm.elf.ElfLoader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The MIPS test programs of src/test/mips (under /mips/ in the test resources) and what qemu-mips recorded for them. */
public final class RecordedPrograms {
    private RecordedPrograms() {
    }

    public static byte[] resource(String name) throws IOException {
        try (InputStream in = RecordedPrograms.class.getResourceAsStream("/mips/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource /mips/" + name);
            }
            return in.readAllBytes();
        }
    }

    /** Runs {@code program}.elf in the VM: its stdout, stderr and exit code must be {@code recording}'s. */
    public static void assertRunsAsRecorded(String program, String recording) throws IOException {
        VmState state = ElfLoader.load(resource(program + ".elf")).state();
        Mips32Emulator emu = new Mips32Emulator(state, PreimageOracle.NONE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        emu.setOutput(out, err);
        emu.run(50_000_000);
        assertTrue(state.exited(), program + " did not exit within 50M steps");
        assertEquals(new String(resource(recording + ".stdout"), StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8));
        assertEquals(new String(resource(recording + ".stderr"), StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertEquals(Integer.parseInt(new String(resource(recording + ".exit"), StandardCharsets.US_ASCII).trim()), state.exitCode());
    }
}
