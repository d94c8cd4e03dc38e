package dev.faultscope.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.faultscope.crypto.Hex;
import dev.faultscope.fpp.Scenario;
import dev.faultscope.oracle.PreimageKeys;
import dev.faultscope.oracle.PreimageOracle;
import dev.faultscope.oracle.PreimageStore;
import dev.faultscope.vm.Mips32Emulator;
import dev.faultscope.vm.VmState;
import dev.faultscope.vm.elf.LoadedProgram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A damage sweep over every file format the command line and the app read: truncations, bit flips, wrong types,
 * missing and extra fields, huge, negative and negative-zero numbers, odd and non-ASCII hex, empty files,
 * directories, FIFOs, devices, huge files and gzip bombs. Every case must load or fail with a one-line
 * {@link FileFormatException} or {@link IOException} naming the file; nothing else may escape (that would be a
 * stack trace on the command line), nothing may hang, and the session, whose checksum covers every value, must
 * never load with a changed meaning. The counts per format are printed and written to
 * {@code target/damage-sweep.txt}.
 */
class DamageSweepTest {
    private static final int BIT_FLIPS = 40;
    private static final int TRUNCATIONS = 12;
    private static final int SAMPLED_FIELDS = 25;
    private static final long CASE_TIMEOUT_SECONDS = 60;

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    static Path dir;

    private static ExecutorService runner;
    private static Path bomb;
    private static Path huge;
    private static Path fifo;
    private static final List<String> summary = new ArrayList<>();

    /** How a format is read from a file, and what the loaded file means (equal meanings = same content). */
    @FunctionalInterface
    interface Reader {
        Object read(Path path) throws Exception;
    }

    /** The counts for one format. */
    static final class Tally {
        int cases;
        int clearErrors;
        int loadedSame;
        int loadedChanged;
        final List<String> changed = new ArrayList<>();
        final List<String> unclear = new ArrayList<>();
        final List<String> otherExceptions = new ArrayList<>();
        final List<String> hangs = new ArrayList<>();
    }

    @BeforeAll
    static void hostileFiles() throws Exception {
        runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "damage-sweep");
            t.setDaemon(true);
            return t;
        });
        // A gzip bomb: 64 MiB of zeros compressed once, its member repeated to inflate past every limit (≤ 1 GiB).
        byte[] member;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                gz.write(zeros);
            }
        }
        member = buf.toByteArray();
        bomb = dir.resolve("bomb.json.gz");
        try (var out = Files.newOutputStream(bomb)) {
            for (int i = 0; i < 17; i++) {
                out.write(member);
            }
        }
        // A sparse 3 GiB file: huge on paper, nothing on disk.
        huge = dir.resolve("huge.json");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        fifo = dir.resolve("fifo.json");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        if (p.waitFor() != 0) {
            fifo = null;
        }
    }

    @AfterAll
    static void report() throws IOException {
        runner.shutdownNow();
        Path out = Path.of("target", "damage-sweep.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, summary);
    }

    // ---------------------------------------------------------------------------------------------- formats

    private static VmState helloState(long steps) throws IOException {
        LoadedProgram p = ElfFiles.load(Path.of("samples/programs/hello.elf"));
        Mips32Emulator emu = new Mips32Emulator(p.state(), PreimageOracle.NONE);
        emu.setOutput(OutputStreamSink.INSTANCE, OutputStreamSink.INSTANCE);
        emu.run(steps);
        return p.state();
    }

    /** Discards the program's output. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }
    }

    private static Object stateMeaning(VmState s) {
        return Hex.encode(s.stateHash()) + Hex.encode(s.memory().merkleRoot()) + Hex.encode(s.lastHint())
            + Hex.encode(s.preimageKey());
    }

    @Test
    void state() throws Exception {
        byte[] json = CannonStateFile.toJson(helloState(20_000));
        sweepJson("state", json, p -> stateMeaning(CannonStateFile.read(p)), true, false);
    }

    @Test
    void proof() throws Exception {
        VmState s = helloState(1_000);
        byte[] json = CannonProofFile.toJson(new Mips32Emulator(s, PreimageOracle.NONE).stepWithProof());
        sweepJson("proof", json, p -> new String(CannonProofFile.toJson(CannonProofFile.read(p)), StandardCharsets.UTF_8), true, false);
    }

    @Test
    void meta() throws Exception {
        byte[] json = CannonMetaFile.toJson(ElfFiles.load(Path.of("samples/programs/hello.elf")).symbols());
        sweepJson("meta", json, p -> new String(CannonMetaFile.toJson(CannonMetaFile.read(p)), StandardCharsets.UTF_8), true, false);
    }

    private static Object preimageMeaning(Path p) throws IOException {
        PreimageStore store = new PreimageStore();
        PreimageFiles.load(p, store);
        Map<String, String> m = new TreeMap<>();
        store.entries().forEach((k, v) -> m.put(Hex.encode(k), Hex.encode(v)));
        return m;
    }

    private static Map<byte[], byte[]> samplePreimages() {
        Map<byte[], byte[]> m = new LinkedHashMap<>();
        byte[] a = "a keccak pre-image".getBytes(StandardCharsets.UTF_8);
        byte[] b = "a sha256 pre-image".getBytes(StandardCharsets.UTF_8);
        m.put(PreimageKeys.keccakKey(a), a);
        m.put(PreimageKeys.sha256Key(b), b);
        m.put(PreimageKeys.localKey(2), new byte[32]);
        return m;
    }

    @Test
    void preimagesJson() throws Exception {
        ObjectNode o = JsonFiles.newObject();
        samplePreimages().forEach((k, v) -> o.put(Hex.encode(k), Hex.encode(v)));
        sweepJson("pre-images (JSON)", JsonFiles.toBytes(o), DamageSweepTest::preimageMeaning, true, false);
    }

    @Test
    void preimagesDirectory() throws Exception {
        Tally t = new Tally();
        Random rnd = new Random(7);
        Path base = dir.resolve("preimages-base");
        Files.createDirectories(base);
        samplePreimages().forEach((k, v) -> write(base.resolve(Hex.encode(k)), v));
        Object original = preimageMeaning(base);
        List<Path> names = Files.list(base).sorted().toList();
        for (int i = 0; i < 60; i++) {
            Path d = copyDir(base, dir.resolve("preimages-" + i));
            Path victim = d.resolve(names.get(i % names.size()).getFileName());
            byte[] data = Files.readAllBytes(victim);
            switch (i % 6) {
                case 0 -> Files.write(victim, flip(data, rnd)); // data damaged
                case 1 -> Files.write(victim, Arrays.copyOf(data, rnd.nextInt(data.length + 1)));
                case 2 -> { // the key in the name damaged: one hex digit changed or made non-ASCII
                    String n = victim.getFileName().toString();
                    int at = 2 + rnd.nextInt(n.length() - 2);
                    char c = "0123456789abcdef\u0661\uFF21g".charAt(rnd.nextInt(19));
                    Files.move(victim, d.resolve(n.substring(0, at) + c + n.substring(at + 1)), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                case 3 -> Files.createDirectories(d.resolve("0x" + "ab".repeat(32)));
                case 4 -> Files.write(d.resolve("notes.txt"), new byte[] {1});
                default -> { // a key whose type byte is flipped (2 → 6, 4 → 3, …)
                    String n = victim.getFileName().toString();
                    Files.move(victim, d.resolve("0x0" + (rnd.nextInt(7)) + n.substring(4)), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            classify(t, "pre-images (directory)", "case " + i, d, DamageSweepTest::preimageMeaning, original);
        }
        hostile(t, "pre-images (directory)", DamageSweepTest::preimageMeaning, true);
        finish("pre-images (directory)", t, false);
    }

    @Test
    void scenario() throws Exception {
        byte[] json = Files.readAllBytes(Path.of("samples/scenarios/classroom.json"));
        sweepJson("scenario", json, p -> Scenario.load(p), false, false);
    }

    @Test
    void session() throws Exception {
        byte[] json;
        try (var in = new GZIPInputStream(Files.newInputStream(Path.of("samples/sessions/wrong-proposer-workshop.json.gz")))) {
            json = in.readAllBytes();
        }
        sweepJson("session", json, p -> new String(SessionFile.toJson(SessionFile.read(p).session()), StandardCharsets.UTF_8), true, true);
    }

    /** The same session carrying its scenario: damage to the embedded bytes must be refused too. */
    @Test
    void sessionWithItsScenario() throws Exception {
        Path sample = Path.of("samples/sessions/wrong-proposer-workshop.json.gz");
        byte[] json = SessionFile.toJson(SessionFile.read(sample).session()
            .withScenarioFile(Files.readAllBytes(Path.of("samples/scenarios/classroom.json"))));
        sweepJson("session (scenario in)", json,
            p -> new String(SessionFile.toJson(SessionFile.read(p).session()), StandardCharsets.UTF_8), true, true);
    }

    @Test
    void elf() throws Exception {
        byte[] elf = Files.readAllBytes(Path.of("samples/programs/hello.elf"));
        Reader reader = p -> {
            LoadedProgram lp = ElfFiles.load(p);
            return stateMeaning(lp.state()) + " " + lp.symbols().all().size();
        };
        Tally t = new Tally();
        Path original = dir.resolve("hello.elf");
        Files.write(original, elf);
        Object meaning = reader.read(original);
        Random rnd = new Random(11);
        List<byte[]> cases = new ArrayList<>();
        cases.addAll(truncations(elf, rnd));
        for (int i = 0; i < BIT_FLIPS; i++) {
            cases.add(flip(elf, rnd));
        }
        // Header and program/section header fields set to extremes: offsets, sizes, counts, addresses.
        int[] fields = {24, 28, 32, 42, 44, 46, 48, 50, 52 + 4, 52 + 8, 52 + 16, 52 + 20, 52 + 32 + 4, 52 + 32 + 16, 52 + 32 + 20};
        for (int f : fields) {
            for (int v : new int[] {0, -1, 0x7FFFFFFF, 0x05000000, 1}) {
                byte[] b = elf.clone();
                int width = f >= 42 && f <= 50 ? 2 : 4;
                for (int k = 0; k < width; k++) {
                    b[f + k] = (byte) (v >>> (8 * (width - 1 - k)));
                }
                cases.add(b);
            }
        }
        for (int i = 0; i < cases.size(); i++) {
            Path p = dir.resolve("elf-" + i + ".elf");
            Files.write(p, cases.get(i));
            classify(t, "ELF", "case " + i, p, reader, meaning);
        }
        hostile(t, "ELF", reader, false);
        finish("ELF", t, false);
    }

    // ---------------------------------------------------------------------------------------------- damage

    /**
     * Sweeps a JSON format: byte-level damage, then structural damage of sampled fields, then hostile files.
     *
     * @param gzip        whether the reader gunzips (then a gzip bomb and a gzipped copy are tried)
     * @param checksummed whether no changed meaning may load
     */
    private void sweepJson(String format, byte[] json, Reader reader, boolean gzip, boolean checksummed) throws Exception {
        Tally t = new Tally();
        String slug = format.replaceAll("[^a-z]", "");
        Path original = dir.resolve(slug + "-original.json");
        Files.write(original, json);
        Object meaning = reader.read(original);
        Random rnd = new Random(format.hashCode());

        List<byte[]> cases = new ArrayList<>();
        cases.add(new byte[0]);
        cases.add("   \n".getBytes(StandardCharsets.US_ASCII));
        cases.add("[]".getBytes(StandardCharsets.US_ASCII));
        cases.add("\"0x00\"".getBytes(StandardCharsets.US_ASCII));
        cases.add("{}".getBytes(StandardCharsets.US_ASCII));
        cases.addAll(truncations(json, rnd));
        for (int i = 0; i < BIT_FLIPS; i++) {
            cases.add(flip(json, rnd));
        }
        cases.addAll(structural(json, rnd));
        if (gzip) {
            cases.add(gzip(json));
            byte[] gz = gzip(json);
            cases.add(Arrays.copyOf(gz, gz.length / 2));
            cases.add(flip(gz, rnd));
        }
        for (int i = 0; i < cases.size(); i++) {
            Path p = dir.resolve(slug + "-" + i + ".json");
            Files.write(p, cases.get(i));
            classify(t, format, "case " + i, p, reader, meaning);
        }
        hostile(t, format, reader, gzip);
        finish(format, t, checksummed);
    }

    /** Empty file, directory, FIFO, device, huge sparse file, gzip bomb. */
    private void hostile(Tally t, String format, Reader reader, boolean gzip) throws IOException {
        Path empty = dir.resolve("empty-" + Math.abs(format.hashCode()));
        Files.write(empty, new byte[0]);
        Path folder = dir.resolve("folder-" + Math.abs(format.hashCode()));
        Files.createDirectories(folder);
        List<Path> hostile = new ArrayList<>(List.of(empty, huge, Path.of("/dev/zero"), dir.resolve("missing.json")));
        if (!format.contains("directory")) {
            hostile.add(folder);
        }
        if (fifo != null) {
            hostile.add(fifo);
        }
        if (gzip) {
            hostile.add(bomb);
        }
        for (Path p : hostile) {
            classify(t, format, "hostile " + p.getFileName(), p, reader, null);
        }
    }

    private static List<byte[]> truncations(byte[] b, Random rnd) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < TRUNCATIONS; i++) {
            int len = switch (i) {
                case 0 -> 1;
                case 1 -> b.length - 1;
                case 2 -> b.length / 2;
                default -> rnd.nextInt(b.length);
            };
            out.add(Arrays.copyOf(b, len));
        }
        return out;
    }

    private static byte[] flip(byte[] b, Random rnd) {
        byte[] c = b.clone();
        int at = rnd.nextInt(c.length);
        c[at] ^= (byte) (1 << rnd.nextInt(8));
        return c;
    }

    private static final String NEG_ZERO = "@@negative-zero@@";

    /** Per sampled field: removed, wrong types, huge/negative/negative-zero numbers, odd and non-ASCII hex; an extra field. */
    private static List<byte[]> structural(byte[] json, Random rnd) throws IOException {
        List<byte[]> out = new ArrayList<>();
        ObjectNode root = (ObjectNode) JsonFiles.MAPPER.readTree(json);
        List<String> paths = new ArrayList<>();
        collect(root, "", paths);
        java.util.Collections.shuffle(paths, rnd);
        for (String path : paths.subList(0, Math.min(SAMPLED_FIELDS, paths.size()))) {
            JsonNode value = root.at(path);
            List<JsonNode> replacements = new ArrayList<>(List.of(
                TextNode.valueOf("x"), JsonFiles.MAPPER.getNodeFactory().numberNode(7),
                JsonFiles.MAPPER.createArrayNode(), JsonFiles.MAPPER.getNodeFactory().nullNode(),
                JsonFiles.MAPPER.getNodeFactory().booleanNode(true),
                JsonFiles.MAPPER.getNodeFactory().numberNode(new java.math.BigInteger("1208925819614629174706176")), // 2^80
                JsonFiles.MAPPER.getNodeFactory().numberNode(-1), TextNode.valueOf(NEG_ZERO),
                JsonFiles.MAPPER.getNodeFactory().numberNode(new java.math.BigDecimal("1e400"))));
            if (value.isTextual() && value.textValue().startsWith("0x") && value.textValue().length() > 2) {
                String s = value.textValue();
                replacements.add(TextNode.valueOf(s.substring(0, s.length() - 1)));            // odd length
                replacements.add(TextNode.valueOf(s.substring(0, 2) + "\u0661" + s.substring(3))); // Arabic-Indic one
                replacements.add(TextNode.valueOf(s.substring(0, 2) + "\uFF21" + s.substring(3))); // fullwidth A
                replacements.add(TextNode.valueOf(s.substring(2)));                          // no prefix
            }
            if (value.isNumber()) {
                replacements.add(TextNode.valueOf(value.asText()));                          // a number as a string
            }
            for (JsonNode r : replacements) {
                out.add(withValue(root, path, r));
            }
            out.add(withValue(root, path, null)); // removed
        }
        ObjectNode extra = root.deepCopy();
        extra.put("unexpected", 1);
        out.add(JsonFiles.toBytes(extra));
        return out;
    }

    private static void collect(JsonNode node, String path, List<String> out) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(f -> collect(node.get(f), path + "/" + f.replace("~", "~0").replace("/", "~1"), out));
        } else if (node.isArray()) {
            // A few elements of each array, so a long page list does not crowd out the other fields.
            for (int i = 0; i < Math.min(3, node.size()); i++) {
                collect(node.get(i), path + "/" + i, out);
            }
        }
        if (!path.isEmpty()) {
            out.add(path);
        }
    }

    private static byte[] withValue(ObjectNode root, String path, JsonNode value) {
        ObjectNode copy = root.deepCopy();
        int slash = path.lastIndexOf('/');
        JsonNode parent = copy.at(path.substring(0, slash));
        String last = path.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent.isObject()) {
            if (value == null) {
                ((ObjectNode) parent).remove(last);
            } else {
                ((ObjectNode) parent).set(last, value);
            }
        } else {
            ArrayNode arr = (ArrayNode) parent;
            int i = Integer.parseInt(last);
            if (value == null) {
                arr.remove(i);
            } else {
                arr.set(i, value);
            }
        }
        String text = new String(JsonFiles.toBytes(copy), StandardCharsets.UTF_8);
        return text.replace("\"" + NEG_ZERO + "\"", "-0").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------------------------------------- judging

    private static void classify(Tally t, String format, String label, Path p, Reader reader, Object meaning) {
        t.cases++;
        Future<Object> f = runner.submit(() -> reader.read(p));
        try {
            Object got = f.get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (meaning != null && meaning.equals(got)) {
                t.loadedSame++;
            } else {
                t.loadedChanged++;
                t.changed.add(label + " (" + p.getFileName() + ")");
            }
        } catch (TimeoutException e) {
            f.cancel(true);
            t.hangs.add(label);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            String msg = String.valueOf(c.getMessage());
            if (c instanceof FileFormatException || c instanceof IOException) {
                boolean namesFile = msg.contains(p.toString()) || msg.contains(p.getFileName().toString());
                boolean oneLine = !msg.contains("\n");
                boolean noClassNames = !msg.matches("(?s).*\\b(java|javax|com\\.fasterxml)\\.[\\w.]+(Exception|Error).*");
                if (namesFile && oneLine && noClassNames) {
                    t.clearErrors++;
                } else {
                    t.unclear.add(label + ": " + msg);
                }
            } else {
                t.otherExceptions.add(label + ": " + c);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void finish(String format, Tally t, boolean checksummed) {
        String line = String.format("damage sweep: %-22s %4d cases: %4d clear errors, %3d loaded unchanged, %3d loaded with a changed meaning%s; "
                + "%d unclear errors, %d other exceptions (stack traces), %d hangs",
            format, t.cases, t.clearErrors, t.loadedSame, t.loadedChanged, checksummed ? " (checksummed: must be 0)" : "",
            t.unclear.size(), t.otherExceptions.size(), t.hangs.size());
        System.out.println(line);
        synchronized (summary) {
            summary.add(line);
            summary.add("  loaded with a changed meaning: " + t.changed);
        }
        assertEquals(List.of(), t.otherExceptions, format + ": exceptions other than a clear file error");
        assertEquals(List.of(), t.unclear, format + ": errors that do not name the file in one line");
        assertEquals(List.of(), t.hangs, format + ": cases that did not finish in " + CASE_TIMEOUT_SECONDS + " s");
        if (checksummed) {
            assertEquals(0, t.loadedChanged, format + ": damaged files accepted with a changed meaning");
        }
    }

    private static void write(Path p, byte[] b) {
        try {
            Files.write(p, b);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path copyDir(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
