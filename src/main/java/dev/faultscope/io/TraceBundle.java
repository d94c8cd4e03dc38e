package dev.faultscope.io;

import dev.faultscope.crypto.Hex;
import dev.faultscope.oracle.PreimageSource;
import dev.faultscope.oracle.PreimageSources;
import dev.faultscope.vm.Memory;
import dev.faultscope.vm.Mips32Emulator;
import dev.faultscope.vm.Symbols;
import dev.faultscope.vm.VmState;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A trace bundle opened for reading. Opening reads only the footer, the index and the manifest, so a bundle of any
 * length opens at once; a state is restored from the nearest checkpoint and stepped from there. Every section is
 * checked (its CRC, its size, a page's content hash, a checkpoint's state hash) when it is read, and
 * {@link #verify} checks the whole file. A damaged bundle is refused with the section and offset.
 */
public final class TraceBundle implements Closeable {
    /** A checkpoint as the index lists it: the state after {@code step} steps, stored at {@code offset}. */
    public record CheckpointRef(long step, long offset) {
    }

    private static final Set<String> KNOWN = Set.of(BundleFormat.MANIFEST, BundleFormat.META, BundleFormat.PAGE,
        BundleFormat.CHECKPOINT, BundleFormat.FINAL, BundleFormat.PREIMAGES, BundleFormat.HINTS);

    private final Path path;
    private final FileChannel channel;
    private final long size;
    private final long indexOffset;
    private final byte[] manifestJson;
    private final TraceManifest manifest;
    private final List<CheckpointRef> checkpoints = new ArrayList<>();
    private final Map<String, Long> singles = new HashMap<>();
    private final Map<Long, byte[]> pageCache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > 4096;
        }
    };
    private Map<byte[], byte[]> preimages;

    private TraceBundle(Path path, FileChannel channel) throws IOException {
        this.path = path;
        this.channel = channel;
        this.size = channel.size();
        if (size < BundleFormat.HEADER_BYTES + BundleFormat.FOOTER_BYTES) {
            throw damaged("file", 0, "only " + size + " bytes: truncated, or not a trace bundle");
        }
        ByteBuffer header = read(0, BundleFormat.HEADER_BYTES);
        byte[] magic = new byte[8];
        header.get(magic);
        if (!Arrays.equals(magic, BundleFormat.MAGIC)) {
            throw damaged("header", 0, "not a trace bundle (no FSTRACE magic)");
        }
        int version = header.getInt();
        if (version != BundleFormat.VERSION) {
            throw damaged("header", 8, "format version " + version + ", this build reads version " + BundleFormat.VERSION);
        }
        long footerAt = size - BundleFormat.FOOTER_BYTES;
        ByteBuffer footer = read(footerAt, BundleFormat.FOOTER_BYTES);
        indexOffset = footer.getLong();
        footer.position(40);
        byte[] end = new byte[8];
        footer.get(end);
        if (!Arrays.equals(end, BundleFormat.END_MAGIC)) {
            throw damaged("footer", footerAt, "no end marker: the file is truncated or was not finished");
        }
        if (indexOffset < BundleFormat.HEADER_BYTES || indexOffset >= footerAt) {
            throw damaged("footer", footerAt, "index offset " + indexOffset + " is outside the file");
        }
        ByteBuffer index = section(indexOffset, BundleFormat.INDEX);
        long count = Integer.toUnsignedLong(index.getInt());
        if (count * 20 != index.remaining()) {
            throw damaged("section INDX", indexOffset, "lists " + count + " entries in " + index.remaining() + " bytes");
        }
        long lastStep = Long.MIN_VALUE;
        for (long i = 0; i < count; i++) {
            byte[] t = new byte[4];
            index.get(t);
            String type = new String(t, StandardCharsets.US_ASCII);
            long at = index.getLong();
            long step = index.getLong();
            if (at < BundleFormat.HEADER_BYTES || at >= indexOffset) {
                throw damaged("section INDX", indexOffset, "entry " + i + " (" + type + ") points at offset " + at + ", outside the sections");
            }
            if (type.equals(BundleFormat.CHECKPOINT)) {
                if (step <= lastStep && !checkpoints.isEmpty()) {
                    throw damaged("section INDX", indexOffset, "entry " + i + ": checkpoint steps are not increasing");
                }
                lastStep = step;
                checkpoints.add(new CheckpointRef(step, at));
            } else if (Set.of(BundleFormat.FINAL, BundleFormat.PREIMAGES, BundleFormat.HINTS, BundleFormat.META, BundleFormat.MANIFEST).contains(type)) {
                singles.put(type, at);
            } else {
                throw damaged("section INDX", indexOffset, "entry " + i + " has unknown section type \"" + type + "\"");
            }
        }
        for (String required : List.of(BundleFormat.MANIFEST, BundleFormat.FINAL, BundleFormat.PREIMAGES, BundleFormat.HINTS)) {
            if (!singles.containsKey(required)) {
                throw damaged("section INDX", indexOffset, "no " + required + " section listed");
            }
        }
        if (checkpoints.isEmpty()) {
            throw damaged("section INDX", indexOffset, "no checkpoint listed (the initial state is checkpoint 0)");
        }
        long manifestAt = singles.get(BundleFormat.MANIFEST);
        manifestJson = bytes(section(manifestAt, BundleFormat.MANIFEST));
        try {
            manifest = TraceManifest.fromJson(manifestJson, path, "section MANI at offset " + manifestAt);
        } catch (FileFormatException e) {
            throw damaged("section MANI", manifestAt, e.problem() + " (" + e.where() + ")");
        }
    }

    /** Opens a bundle; reads its footer, index and manifest only. */
    public static TraceBundle open(Path path) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(path + ": no such file");
        }
        try {
            return new TraceBundle(path, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** True when the file starts with the bundle magic (so callers can tell a bundle from a state JSON). */
    public static boolean isBundle(byte[] head) {
        return head.length >= 8 && Arrays.equals(Arrays.copyOf(head, 8), BundleFormat.MAGIC);
    }

    public Path path() {
        return path;
    }

    public TraceManifest manifest() {
        return manifest;
    }

    public List<CheckpointRef> checkpoints() {
        return List.copyOf(checkpoints);
    }

    public long sizeBytes() {
        return size;
    }

    // ---- states ----

    /** The state hash a checkpoint records (read without restoring its pages). */
    public byte[] checkpointHash(int i) throws IOException {
        CheckpointRef c = checkpoints.get(i);
        ByteBuffer b = section(c.offset(), BundleFormat.CHECKPOINT);
        b.getLong();
        byte[] h = new byte[32];
        b.get(h);
        return h;
    }

    public VmState initialState() throws IOException {
        return restore(0);
    }

    public VmState restore(int checkpoint) throws IOException {
        return state(checkpoints.get(checkpoint).offset(), BundleFormat.CHECKPOINT);
    }

    public VmState finalState() throws IOException {
        return state(singles.get(BundleFormat.FINAL), BundleFormat.FINAL);
    }

    /** The index of the last checkpoint at or before {@code step}. */
    public int checkpointAtOrBefore(long step) {
        int lo = 0;
        int hi = checkpoints.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (checkpoints.get(mid).step() <= step) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * The state after {@code step} steps (or the final state if the run ends before): restored from the nearest
     * checkpoint at or before it and stepped forward with the bundle's pre-images.
     */
    public VmState stateAt(long step) throws IOException {
        if (step >= manifest.finalStep()) {
            return finalState();
        }
        VmState s = restore(checkpointAtOrBefore(step));
        Mips32Emulator emu = new Mips32Emulator(s, new PreimageSources(preimageSource()));
        while (s.step() < step && !s.exited()) {
            emu.step();
        }
        return s;
    }

    private VmState state(long at, String type) throws IOException {
        String where = "section " + type;
        ByteBuffer b = section(at, type);
        try {
            long step = b.getLong();
            byte[] hash = new byte[32];
            b.get(hash);
            byte[] w = new byte[VmState.WITNESS_BYTES];
            b.get(w);
            int hintLength = b.getInt();
            if (hintLength < 0 || hintLength > b.remaining()) {
                throw damaged(where, at, "pending hint length " + hintLength + " runs past the section");
            }
            byte[] lastHint = new byte[hintLength];
            b.get(lastHint);
            int pageCount = b.getInt();
            if (pageCount < 0 || (long) pageCount * 12 != b.remaining()) {
                throw damaged(where, at, "lists " + pageCount + " pages in " + b.remaining() + " bytes");
            }
            VmState s = new VmState();
            for (int i = 0; i < pageCount; i++) {
                int pi = b.getInt();
                long pageAt = b.getLong();
                if (pi < 0 || pi >= Memory.PAGE_COUNT) {
                    throw damaged(where, at, "page entry " + i + " has page index " + pi);
                }
                s.memory().setPage(pi, page(pageAt));
            }
            fromWitness(s, w, lastHint);
            if (s.step() != step) {
                throw damaged(where, at, "step " + step + " but the witness says " + s.step());
            }
            if (!Arrays.equals(s.stateHash(), hash)) {
                throw damaged(where, at, "the restored state hashes to " + Hex.encode(s.stateHash()) + ", the section records " + Hex.encode(hash));
            }
            return s;
        } catch (java.nio.BufferUnderflowException e) {
            throw damaged(where, at, "ends early");
        }
    }

    private static void fromWitness(VmState s, byte[] w, byte[] lastHint) {
        ByteBuffer b = ByteBuffer.wrap(w);
        b.position(32);
        byte[] key = new byte[32];
        b.get(key);
        s.setPreimageKey(key);
        s.setPreimageOffset(b.getInt());
        s.setPc(b.getInt());
        s.setNextPC(b.getInt());
        s.setLo(b.getInt());
        s.setHi(b.getInt());
        s.setHeap(b.getInt());
        int exitCode = b.get() & 0xFF;
        boolean exited = b.get() != 0;
        s.setExit(exited, exitCode);
        s.setStep(b.getLong());
        for (int i = 0; i < 32; i++) {
            s.setRegister(i, b.getInt());
        }
        s.setLastHint(lastHint);
    }

    private byte[] page(long at) throws IOException {
        byte[] cached = pageCache.get(at);
        if (cached != null) {
            return cached;
        }
        ByteBuffer b = section(at, BundleFormat.PAGE);
        if (b.remaining() != 32 + Memory.PAGE_SIZE) {
            throw damaged("section PAGE", at, b.remaining() + " bytes, a page section holds " + (32 + Memory.PAGE_SIZE));
        }
        byte[] hash = new byte[32];
        b.get(hash);
        byte[] data = new byte[Memory.PAGE_SIZE];
        b.get(data);
        if (!Arrays.equals(TraceBundleWriter.sha256().digest(data), hash)) {
            throw damaged("section PAGE", at, "the page's content does not match its hash");
        }
        pageCache.put(at, data);
        return data;
    }

    // ---- pre-images, hints, symbols ----

    public synchronized Map<byte[], byte[]> preimages() throws IOException {
        if (preimages == null) {
            long at = singles.get(BundleFormat.PREIMAGES);
            ByteBuffer b = section(at, BundleFormat.PREIMAGES);
            Map<byte[], byte[]> m = new LinkedHashMap<>();
            try {
                int n = b.getInt();
                for (int i = 0; i < n; i++) {
                    byte[] key = new byte[32];
                    b.get(key);
                    int len = b.getInt();
                    if (len < 0 || len > b.remaining()) {
                        throw damaged("section PREI", at, "pre-image " + i + " has length " + len + ", past the section");
                    }
                    byte[] data = new byte[len];
                    b.get(data);
                    m.put(key, data);
                }
            } catch (java.nio.BufferUnderflowException e) {
                throw damaged("section PREI", at, "ends early");
            }
            preimages = m;
        }
        return preimages;
    }

    /** The bundle's pre-images as a source for a run (e.g. replaying it, or running a state taken from it). */
    public PreimageSource preimageSource() throws IOException {
        Map<String, byte[]> byKey = new HashMap<>();
        preimages().forEach((k, v) -> byKey.put(Hex.encode(k), v));
        String what = "trace bundle " + path.getFileName() + " (" + byKey.size() + " pre-images)";
        return new PreimageSource() {
            @Override
            public byte[] get(byte[] key) {
                return byKey.get(Hex.encode(key));
            }

            @Override
            public String describe() {
                return what;
            }
        };
    }

    public List<PreimageSources.SentHint> hints() throws IOException {
        long at = singles.get(BundleFormat.HINTS);
        ByteBuffer b = section(at, BundleFormat.HINTS);
        List<PreimageSources.SentHint> out = new ArrayList<>();
        try {
            int n = b.getInt();
            for (int i = 0; i < n; i++) {
                long step = b.getLong();
                int len = b.getInt();
                if (len < 0 || len > b.remaining()) {
                    throw damaged("section HINT", at, "hint " + i + " has length " + len + ", past the section");
                }
                byte[] t = new byte[len];
                b.get(t);
                out.add(new PreimageSources.SentHint(step, new String(t, StandardCharsets.UTF_8)));
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw damaged("section HINT", at, "ends early");
        }
        return out;
    }

    public Symbols symbols() throws IOException {
        Long at = singles.get(BundleFormat.META);
        if (at == null) {
            return Symbols.NONE;
        }
        try {
            return CannonMetaFile.fromJson(bytes(section(at, BundleFormat.META)), path);
        } catch (FileFormatException e) {
            throw damaged("section META", at, e.problem() + " (" + e.where() + ")");
        }
    }

    // ---- whole-file checks and copies ----

    /**
     * Reads every section in file order, checking its header, CRC and content, then the file's checksum; throws
     * {@link FileFormatException} naming the first damaged section and its offset.
     */
    public void verify() throws IOException {
        long at = BundleFormat.HEADER_BYTES;
        while (at < indexOffset) {
            ByteBuffer h = read(at, BundleFormat.SECTION_HEADER_BYTES);
            String type = type(h);
            if (!KNOWN.contains(type)) {
                throw damaged("section", at, "unknown section type \"" + printable(type) + "\"");
            }
            section(at, type);
            if (type.equals(BundleFormat.PAGE)) {
                page(at);
            }
            at += BundleFormat.SECTION_HEADER_BYTES + Integer.toUnsignedLong(h.getInt(4));
        }
        if (at != indexOffset) {
            throw damaged("sections", at, "the last section ends past the index at offset " + indexOffset);
        }
        for (int i = 0; i < checkpoints.size(); i++) {
            restore(i);
        }
        finalState();
        preimages();
        hints();
        symbols();
        MessageDigest d = TraceBundleWriter.sha256();
        long footerAt = size - BundleFormat.FOOTER_BYTES;
        for (long p = 0; p < footerAt; p += 1 << 20) {
            d.update(read(p, (int) Math.min(1 << 20, footerAt - p)));
        }
        byte[] expected = new byte[32];
        read(footerAt + 8, 32).get(expected);
        if (!Arrays.equals(d.digest(), expected)) {
            throw damaged("footer", footerAt + 8, "the file's SHA-256 checksum does not match: the bundle was changed after it was written");
        }
    }

    /** Writes this bundle again through {@link TraceBundleWriter}; a bundle it wrote comes out byte for byte the same. */
    public void copyTo(OutputStream out) throws IOException {
        TraceBundleWriter w = new TraceBundleWriter(out);
        for (int i = 0; i < checkpoints.size(); i++) {
            w.checkpoint(restore(i));
        }
        w.finalState(finalState());
        w.preimages(preimages());
        w.hints(hints());
        if (singles.containsKey(BundleFormat.META)) {
            w.symbols(symbols());
        }
        w.finish(manifest);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    // ---- sections ----

    private String type(ByteBuffer header) {
        byte[] t = new byte[4];
        header.get(0, t);
        return new String(t, StandardCharsets.US_ASCII);
    }

    /** The raw (inflated) body of the section at {@code at}, which must be of type {@code expected}. */
    private ByteBuffer section(long at, String expected) throws IOException {
        String where = "section " + expected;
        if (at < BundleFormat.HEADER_BYTES || at + BundleFormat.SECTION_HEADER_BYTES > size - BundleFormat.FOOTER_BYTES) {
            throw damaged(where, at, "offset outside the file's sections");
        }
        ByteBuffer h = read(at, BundleFormat.SECTION_HEADER_BYTES);
        String type = type(h);
        if (!type.equals(expected)) {
            throw damaged(where, at, "found \"" + printable(type) + "\" where a " + expected + " section should start");
        }
        long stored = Integer.toUnsignedLong(h.getInt(4));
        long raw = Integer.toUnsignedLong(h.getInt(8));
        int crc = h.getInt(12);
        if (stored > BundleFormat.MAX_SECTION_BYTES || raw > BundleFormat.MAX_SECTION_BYTES) {
            throw damaged(where, at, "claims " + Math.max(stored, raw) + " bytes, more than a section may hold");
        }
        if (at + BundleFormat.SECTION_HEADER_BYTES + stored > size - BundleFormat.FOOTER_BYTES) {
            throw damaged(where, at, "its " + stored + " bytes run past the end of the sections (truncated?)");
        }
        byte[] body = new byte[(int) stored];
        read(at + BundleFormat.SECTION_HEADER_BYTES, (int) stored).get(body);
        CRC32 c = new CRC32();
        c.update(body);
        if ((int) c.getValue() != crc) {
            throw damaged(where, at, "CRC mismatch: the section's bytes are damaged");
        }
        Inflater inf = new Inflater(true);
        try {
            inf.setInput(body);
            byte[] out = new byte[(int) raw];
            int n = 0;
            while (n < out.length && !inf.finished()) {
                int k = inf.inflate(out, n, out.length - n);
                if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                n += k;
            }
            if (n != out.length || !inf.finished()) {
                throw damaged(where, at, "inflates to a different size than the " + raw + " bytes its header records");
            }
            return ByteBuffer.wrap(out);
        } catch (DataFormatException e) {
            throw damaged(where, at, "not valid compressed data: " + e.getMessage());
        } finally {
            inf.end();
        }
    }

    private static String printable(String s) {
        return s.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7F) ? s : "binary";
    }

    private ByteBuffer read(long at, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            int n = channel.read(b, at + b.position());
            if (n < 0) {
                throw damaged("file", at + b.position(), "ends early");
            }
        }
        return b.flip();
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private FileFormatException damaged(String section, long offset, String problem) {
        return new FileFormatException(path, section + " at offset " + offset, problem);
    }
}
