package dev.faultscope.io;

import dev.faultscope.oracle.PreimageSources;
import dev.faultscope.vm.Memory;
import dev.faultscope.vm.Symbols;
import dev.faultscope.vm.VmState;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a trace bundle as a run goes: checkpoints (their pages stored once each, by content), then at the end the
 * final state, the pre-images read, the hints sent, the symbols, the manifest, the index and the footer. Sections
 * are streamed, so memory use does not grow with the run; the caller writes through {@link AtomicFiles}.
 */
public final class TraceBundleWriter {
    private final DigestOutputStream out;
    private long offset;
    private final Map<ByteBuffer, Long> pages = new HashMap<>();
    private final List<IndexEntry> index = new ArrayList<>();
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final MessageDigest pageDigest = sha256();
    private long uniquePages;
    private long pageReferences;

    record IndexEntry(String type, long offset, long step) {
    }

    public TraceBundleWriter(OutputStream target) throws IOException {
        this.out = new DigestOutputStream(target, sha256());
        ByteBuffer h = ByteBuffer.allocate(BundleFormat.HEADER_BYTES);
        h.put(BundleFormat.MAGIC).putInt(BundleFormat.VERSION);
        write(h.array());
    }

    /** A checkpoint of {@code state}: its registers, its hash and its pages (new pages are written here). */
    public void checkpoint(VmState state) throws IOException {
        writeState(BundleFormat.CHECKPOINT, state);
    }

    /** The run's last state (exited or where it stopped). */
    public void finalState(VmState state) throws IOException {
        writeState(BundleFormat.FINAL, state);
    }

    private void writeState(String type, VmState state) throws IOException {
        Memory mem = state.memory();
        List<long[]> refs = new ArrayList<>();
        IOException[] failure = new IOException[1];
        mem.forEachPage(pi -> {
            if (failure[0] == null) {
                try {
                    refs.add(new long[] {pi, page(mem.pageBytes(pi))});
                } catch (IOException e) {
                    failure[0] = e;
                }
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream(300 + 12 * refs.size());
        DataOutputStream d = new DataOutputStream(b);
        d.writeLong(state.step());
        d.write(state.stateHash());
        d.write(state.witness());
        byte[] lastHint = state.lastHint();
        d.writeInt(lastHint.length);
        d.write(lastHint);
        d.writeInt(refs.size());
        for (long[] r : refs) {
            d.writeInt((int) r[0]);
            d.writeLong(r[1]);
        }
        section(type, b.toByteArray(), state.step());
    }

    /** The offset of the page section holding {@code bytes}, writing it if no earlier checkpoint had it. */
    private long page(byte[] bytes) throws IOException {
        byte[] hash = pageDigest.digest(bytes);
        pageReferences++;
        Long at = pages.get(ByteBuffer.wrap(hash));
        if (at != null) {
            return at;
        }
        byte[] body = new byte[32 + Memory.PAGE_SIZE];
        System.arraycopy(hash, 0, body, 0, 32);
        System.arraycopy(bytes, 0, body, 32, Memory.PAGE_SIZE);
        long o = offset;
        writeSection(BundleFormat.PAGE, body);
        pages.put(ByteBuffer.wrap(hash), o);
        uniquePages++;
        return o;
    }

    /** Every pre-image the run read, in the order first read. */
    public void preimages(Map<byte[], byte[]> read) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(read.size());
        for (Map.Entry<byte[], byte[]> e : read.entrySet()) {
            d.write(e.getKey());
            d.writeInt(e.getValue().length);
            d.write(e.getValue());
        }
        section(BundleFormat.PREIMAGES, b.toByteArray(), -1);
    }

    /** The hints the program sent, with the step each was sent after. */
    public void hints(List<PreimageSources.SentHint> hints) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(hints.size());
        for (PreimageSources.SentHint h : hints) {
            byte[] text = h.text().getBytes(StandardCharsets.UTF_8);
            d.writeLong(h.step());
            d.writeInt(text.length);
            d.write(text);
        }
        section(BundleFormat.HINTS, b.toByteArray(), -1);
    }

    public void symbols(Symbols symbols) throws IOException {
        section(BundleFormat.META, CannonMetaFile.toJson(symbols), -1);
    }

    /** Writes the manifest, the index and the footer; nothing may be written after. */
    public void finish(TraceManifest manifest) throws IOException {
        section(BundleFormat.MANIFEST, manifest.toJson(), -1);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(index.size());
        for (IndexEntry e : index) {
            d.write(e.type().getBytes(StandardCharsets.US_ASCII));
            d.writeLong(e.offset());
            d.writeLong(e.step());
        }
        long indexOffset = offset;
        writeSection(BundleFormat.INDEX, b.toByteArray());
        byte[] checksum = out.getMessageDigest().digest();
        ByteBuffer f = ByteBuffer.allocate(BundleFormat.FOOTER_BYTES);
        f.putLong(indexOffset).put(checksum).put(BundleFormat.END_MAGIC);
        out.on(false);
        write(f.array());
        out.flush();
        deflater.end();
    }

    /** Distinct pages stored and page references made by all checkpoints, for reports of the deduplication. */
    public long uniquePages() {
        return uniquePages;
    }

    public long pageReferences() {
        return pageReferences;
    }

    private void section(String type, byte[] raw, long step) throws IOException {
        index.add(new IndexEntry(type, offset, step));
        writeSection(type, raw);
    }

    private void writeSection(String type, byte[] raw) throws IOException {
        byte[] stored = deflate(raw);
        CRC32 crc = new CRC32();
        crc.update(stored);
        ByteBuffer h = ByteBuffer.allocate(BundleFormat.SECTION_HEADER_BYTES);
        h.put(type.getBytes(StandardCharsets.US_ASCII)).putInt(stored.length).putInt(raw.length).putInt((int) crc.getValue());
        write(h.array());
        write(stored);
    }

    private byte[] deflate(byte[] raw) {
        deflater.reset();
        deflater.setInput(raw);
        deflater.finish();
        ByteArrayOutputStream b = new ByteArrayOutputStream(Math.max(64, raw.length / 2));
        byte[] buf = new byte[8192];
        while (!deflater.finished()) {
            int n = deflater.deflate(buf);
            b.write(buf, 0, n);
        }
        return b.toByteArray();
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        offset += bytes.length;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
