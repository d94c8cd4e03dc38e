package dev.faultscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.faultscope.cli.CliTest.HELLO;
import static dev.faultscope.cli.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cannon's command-line conventions, honest exit codes, options checked before running, outputs never clobbered. */
class CliConventionsTest {
    private static final String SCENARIO = "samples/scenarios/classroom.json";

    @TempDir
    Path dir;

    @Test
    void everySubcommandsHelpPrintsItsUsageAndExitsZero() {
        for (String command : new String[] {"load-elf", "run", "witness", "verify-proof", "chain", "fpp", "play", "bench",
            "replay", "list-claims"}) {
            CliTest.Result r = cli(command, "--help");
            assertEquals(0, r.code(), command + ": " + r.err());
            assertTrue(r.out().contains("Usage: faultscope " + command), command + ": " + r.out());
        }
        CliTest.Result help = cli("help", "run");
        assertEquals(0, help.code());
        assertEquals("", help.err(), "no picocli warning (a % in a description)");
        assertTrue(help.out().contains("%N (every N steps)"), help.out());
    }

    @Test
    void anEmptyMetaMeansNone() {
        CliTest.Result r = cli("run", "--input", HELLO.toString(), "--meta", "", "--stop-at", "=10");
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void badOptionValuesAreUsageErrorsBeforeAnyWork() throws IOException {
        String[][] bad = {
            {"run", "--input", HELLO.toString(), "--proof-fmt", "%q.json", "--proof-at", "=1"},
            {"run", "--input", HELLO.toString(), "--proof-fmt", "%n", "--proof-at", "=1"},
            {"run", "--input", HELLO.toString(), "--snapshot-fmt", dir.resolve("nofolder/s-%d.json").toString()},
            {"run", "--input", HELLO.toString(), "--output", dir + "/sub/"},
            {"run", "--input", HELLO.toString(), "--output", dir.toString()},
            {"run", "--input", HELLO.toString(), "--output", dir.resolve("missing/out.json").toString()},
            {"run", "--input", HELLO.toString(), "--stop-at", "=+5"},
            {"run", "--input", HELLO.toString(), "--stop-at", "=\u0661"},
            {"load-elf", "--path", HELLO.toString(), "--out", dir.resolve("a\nb.json").toString()},
            {"play", "--scenario", SCENARIO, "--root-block", "-5"},
            {"bench", "vm", "--repeat", "0"},
            {"bench", "vm", "--proof-steps", "-1"},
        };
        for (String[] args : bad) {
            CliTest.Result r = cli(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.errLine().lines().count(), r.err());
            assertFalse(r.err().contains("java."), r.err());
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "nothing written");
        }
    }

    @Test
    void fppKeepsZeroOneTwoForVerdictsAndGivesMistakesTheirOwnCodes() throws IOException {
        // usage errors: 64
        assertEquals(64, cli("fpp", "--scenario", SCENARIO, "--agreed-block", "1").code());
        assertEquals(64, cli("fpp", "--scenario", SCENARIO, "--agreed-block", "-1", "--claim-block", "2").code());
        CliTest.Result claim = cli("fpp", "--scenario", SCENARIO, "--agreed-block", "1", "--claim-block", "2", "--claim", "0x\uFF21" + "0".repeat(63));
        assertEquals(64, claim.code(), claim.err());
        // file errors: 66
        assertEquals(66, cli("fpp", "--scenario", dir.resolve("missing.json").toString(), "--agreed-block", "1", "--claim-block", "2").code());
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{");
        CliTest.Result r = cli("fpp", "--scenario", broken.toString(), "--agreed-block", "1", "--claim-block", "2");
        assertEquals(66, r.code());
        assertTrue(r.err().contains(broken.toString()), r.err());
    }

    @Test
    void failedRunsDoNotClobberOutputs() throws IOException {
        byte[] old = "previous output".getBytes(StandardCharsets.UTF_8);
        List<String> clobbered = new ArrayList<>();
        int cases = 0;
        // A program whose first instruction faults.
        Path state = dir.resolve("state.json");
        assertEquals(0, cli("load-elf", "--path", HELLO.toString(), "--out", state.toString()).code());
        String json = Files.readString(state).replaceFirst("\"pc\":(\\d+)", "\"pc\":0"); // pc 0 is in unmapped memory…
        Path unmapped = dir.resolve("unmapped.json");
        Files.writeString(unmapped, json);
        Path notElf = dir.resolve("notes.txt");
        Files.writeString(notElf, "not an ELF");
        String[][] failing = {
            {"run", "--input", unmapped.toString(), "--output", "OUT"},
            {"run", "--input", HELLO.toString(), "--stop-at", "=100", "--proof-at", "=5", "--proof-fmt", dir.resolve("gone/p-%d.json").toString(), "--output", "OUT"},
            {"load-elf", "--path", notElf.toString(), "--out", "OUT", "--meta", "OUT2"},
            {"play", "--scenario", notElf.toString(), "--out", "OUT"},
            {"fpp", "--scenario", notElf.toString(), "--agreed-block", "1", "--claim-block", "2", "--output", "OUT"},
        };
        for (String[] args : failing) {
            Path out = dir.resolve("out-" + cases + ".json");
            Path out2 = dir.resolve("out2-" + cases + ".json");
            cases++;
            Files.write(out, old);
            Files.write(out2, old);
            String[] a = args.clone();
            for (int i = 0; i < a.length; i++) {
                a[i] = a[i].equals("OUT") ? out.toString() : a[i].equals("OUT2") ? out2.toString() : a[i];
            }
            CliTest.Result r = cli(a);
            assertTrue(r.code() != 0, String.join(" ", a));
            assertEquals(1, r.errLine().lines().count(), r.err());
            if (!java.util.Arrays.equals(old, Files.readAllBytes(out)) || !java.util.Arrays.equals(old, Files.readAllBytes(out2))) {
                clobbered.add(String.join(" ", a));
            }
        }
        System.out.println("failed runs: " + cases + " commands with existing outputs, outputs clobbered: " + clobbered.size());
        assertEquals(List.of(), clobbered);
    }

    @Test
    void aStateWhosePcIsUnmappedIsExplainedUnlessAStepLimitIsGiven() throws IOException {
        Path state = dir.resolve("state.json");
        cli("load-elf", "--path", HELLO.toString(), "--out", state.toString());
        Path empty = dir.resolve("empty-memory.json");
        Files.writeString(empty, Files.readString(state).replaceFirst("\"memory\":\\[.*?\\],\"preimageKey\"", "\"memory\":[],\"preimageKey\""));
        CliTest.Result r = cli("run", "--input", empty.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("program counter") && r.err().contains("unmapped memory") && r.err().contains("--stop-at"), r.err());
        CliTest.Result bounded = cli("run", "--input", empty.toString(), "--stop-at", "=1000");
        assertEquals(0, bounded.code(), bounded.err());
        // With --output-on-fault the last state is written even though the run failed.
        Path out = dir.resolve("kept.json");
        CliTest.Result kept = cli("run", "--input", empty.toString(), "--output", out.toString(), "--output-on-fault");
        assertEquals(1, kept.code());
        assertTrue(Files.exists(out) && kept.err().contains("last valid state is in"), kept.err());
    }

    @Test
    void hostileInputsGiveOneLineNamingTheFile() throws Exception {
        Path fifo = dir.resolve("fifo");
        boolean haveFifo = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
        List<Path> inputs = new ArrayList<>(List.of(Path.of("/dev/zero"), dir, dir.resolve("missing.json")));
        if (haveFifo) {
            inputs.add(fifo);
        }
        for (Path p : inputs) {
            for (String[] args : new String[][] {{"run", "--input"}, {"witness", "--input"}, {"verify-proof", "--proof"},
                {"replay", "--session"}, {"chain", "--scenario"}, {"load-elf", "--out", dir.resolve("o.json").toString(), "--path"}}) {
                String[] a = java.util.Arrays.copyOf(args, args.length + 1);
                a[args.length] = p.toString();
                CliTest.Result r = cli(a);
                assertTrue(r.code() != 0, String.join(" ", a));
                assertEquals(1, r.errLine().lines().count(), r.err());
                assertTrue(r.err().contains(p.toString()), r.err());
                assertFalse(r.err().contains("Exception"), r.err());
            }
        }
        assertArrayEquals(new byte[0], new byte[0]);
    }
}
