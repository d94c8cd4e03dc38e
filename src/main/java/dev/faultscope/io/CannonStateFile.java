package dev.faultscope.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultscope.crypto.Hex;
import dev.faultscope.vm.Memory;
import dev.faultscope.vm.VmState;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Cannon's single-threaded state JSON (spec section 9), optionally gzipped ({@code .gz}):
 * <pre>{"memory":[{"index":pageIndex,"data":"base64(zlib(4096 bytes))"},…],"preimageKey":"0x…",
 * "preimageOffset":n,"pc":n,"nextPC":n,"lo":n,"hi":n,"heap":n,"exit":n,"exited":bool,"step":n,
 * "registers":[32 numbers],"lastHint":"0x…"}</pre>
 * Fields are written in Cannon's order; pages ascending by index. Reading checks every field and page and
 * throws {@link FileFormatException} naming the first problem.
 */
public final class CannonStateFile {
    private CannonStateFile() {
    }

    public static VmState read(Path path) throws IOException {
        return fromJson(JsonFiles.readFile(path, InputFiles.Limit.STATE), path);
    }

    public static void write(VmState state, Path path) throws IOException {
        JsonFiles.writeFile(path, toJson(state));
    }

    /** The state as JSON bytes; the same state always gives the same bytes. */
    public static byte[] toJson(VmState state) {
        ObjectNode root = JsonFiles.newObject();
        ArrayNode memory = root.putArray("memory");
        Memory mem = state.memory();
        Deflater deflater = new Deflater();
        try {
            mem.forEachPage(pi -> {
                ObjectNode entry = memory.addObject();
                entry.put("index", pi);
                entry.put("data", Base64.getEncoder().encodeToString(deflate(deflater, mem.pageBytes(pi))));
            });
        } finally {
            deflater.end();
        }
        root.put("preimageKey", Hex.encode(state.preimageKey()));
        root.put("preimageOffset", u32(state.preimageOffset()));
        root.put("pc", u32(state.pc()));
        root.put("nextPC", u32(state.nextPC()));
        root.put("lo", u32(state.lo()));
        root.put("hi", u32(state.hi()));
        root.put("heap", u32(state.heap()));
        root.put("exit", state.exitCode());
        root.put("exited", state.exited());
        JsonFiles.putUint64(root, "step", state.step());
        ArrayNode regs = root.putArray("registers");
        for (int r : state.registers()) {
            regs.add(u32(r));
        }
        byte[] hint = state.lastHint();
        // Cannon declares lastHint omitempty: no pending hint bytes means no field.
        if (hint.length > 0) {
            root.put("lastHint", Hex.encode(hint));
        }
        return JsonFiles.toBytes(root);
    }

    /**
     * Parses a state from JSON bytes.
     *
     * @param source the file they came from, named in errors (null if none)
     */
    public static VmState fromJson(byte[] json, Path source) {
        ObjectNode root = JsonFiles.parseObject(json, source);
        JsonFiles.Fields f = new JsonFiles.Fields(source, root, "");
        VmState s = new VmState();
        readMemory(source, f.require("memory"), s.memory());
        s.setPreimageKey(f.hex("preimageKey", 32));
        s.setPreimageOffset((int) f.uint32("preimageOffset"));
        s.setPc((int) f.uint32("pc"));
        s.setNextPC((int) f.uint32("nextPC"));
        s.setLo((int) f.uint32("lo"));
        s.setHi((int) f.uint32("hi"));
        s.setHeap((int) f.uint32("heap"));
        int exit = f.uint8("exit");
        s.setExit(f.bool("exited"), exit);
        s.setStep(f.uint64("step"));
        readRegisters(source, f.require("registers"), s);
        // Cannon omits an empty hint; "0x" and null mean the same.
        s.setLastHint(f.has("lastHint") ? f.hex("lastHint", -1) : new byte[0]);
        return s;
    }

    private static void readRegisters(Path path, JsonNode regs, VmState s) {
        if (!regs.isArray()) {
            throw new FileFormatException(path, "field \"registers\"", "expected an array of 32 numbers, found " + JsonFiles.shown(regs));
        }
        if (regs.size() != 32) {
            throw new FileFormatException(path, "field \"registers\"", "has " + regs.size() + " entries, expected 32");
        }
        for (int i = 0; i < 32; i++) {
            int v = (int) JsonFiles.unsigned(path, regs.get(i), "field \"registers[" + i + "]\"", 32);
            if (i == 0 && v != 0) {
                // r0 is hard-wired to zero and VmState cannot hold anything else; loading it as 0 would
                // silently change the witness, so refuse the file instead.
                throw new FileFormatException(path, "field \"registers[0]\"", "is " + Integer.toUnsignedString(v) + ", but r0 is always 0");
            }
            s.setRegister(i, v);
        }
    }

    private static void readMemory(Path path, JsonNode memory, Memory mem) {
        if (!memory.isArray()) {
            throw new FileFormatException(path, "field \"memory\"", "expected an array of pages, found " + JsonFiles.shown(memory));
        }
        BitSet seen = new BitSet(Memory.PAGE_COUNT);
        Inflater inflater = new Inflater();
        try {
            for (int i = 0; i < memory.size(); i++) {
                JsonNode entry = memory.get(i);
                String at = "memory[" + i + "]";
                if (!entry.isObject()) {
                    throw new FileFormatException(path, at, "expected an object {\"index\":n,\"data\":\"…\"}, found " + JsonFiles.shown(entry));
                }
                JsonFiles.Fields f = new JsonFiles.Fields(path, entry, at);
                long index = f.uint32("index");
                if (index >= Memory.PAGE_COUNT) {
                    throw new FileFormatException(path, f.name("index"), "page index " + index + " is beyond the last page "
                            + (Memory.PAGE_COUNT - 1) + " of the 4 GiB address space");
                }
                int pi = (int) index;
                if (seen.get(pi)) {
                    throw new FileFormatException(path, f.name("index"), "duplicate page index " + pi);
                }
                seen.set(pi);
                String pageAt = at + " (page " + pi + ", address " + Hex.word(pi << Memory.PAGE_SHIFT) + ")";
                String data = f.text("data");
                if (data.length() % 4 != 0) {
                    // Java's decoder takes unpadded base64; Go's StdEncoding (Cannon) refuses it, so do we.
                    throw new FileFormatException(path, pageAt, "bad base64 in data: " + data.length()
                        + " characters, not a multiple of 4 (the '=' padding is missing)");
                }
                byte[] compressed;
                try {
                    compressed = Base64.getDecoder().decode(data);
                } catch (IllegalArgumentException e) {
                    throw new FileFormatException(path, pageAt, "bad base64 in data: " + e.getMessage(), e);
                }
                mem.setPage(pi, inflatePage(path, pageAt, inflater, compressed));
            }
        } finally {
            inflater.end();
        }
    }

    /** Inflates one page, insisting on exactly 4096 bytes and a complete, checksummed zlib stream. */
    private static byte[] inflatePage(Path path, String pageAt, Inflater inflater, byte[] compressed) {
        inflater.reset();
        inflater.setInput(compressed);
        // One spare byte tells "exactly 4096" apart from "more than 4096".
        byte[] buf = new byte[Memory.PAGE_SIZE + 1];
        int n = 0;
        try {
            while (n < buf.length) {
                int r = inflater.inflate(buf, n, buf.length - n);
                if (r == 0) {
                    break; // finished, or out of input, or wants a dictionary: all judged below
                }
                n += r;
            }
        } catch (DataFormatException e) {
            throw new FileFormatException(path, pageAt, "bad zlib data: " + e.getMessage(), e);
        }
        if (n > Memory.PAGE_SIZE) {
            throw new FileFormatException(path, pageAt, "data inflates to more than " + Memory.PAGE_SIZE + " bytes");
        }
        if (!inflater.finished()) {
            throw new FileFormatException(path, pageAt, inflater.needsDictionary()
                    ? "bad zlib data: needs a preset dictionary"
                    : "truncated zlib data (stream ends after " + n + " bytes)");
        }
        if (n != Memory.PAGE_SIZE) {
            throw new FileFormatException(path, pageAt, "data inflates to " + n + " bytes, expected " + Memory.PAGE_SIZE);
        }
        byte[] page = new byte[Memory.PAGE_SIZE];
        System.arraycopy(buf, 0, page, 0, Memory.PAGE_SIZE);
        return page;
    }

    private static byte[] deflate(Deflater deflater, byte[] page) {
        deflater.reset();
        deflater.setInput(page);
        deflater.finish();
        // Incompressible data grows by a few bytes per 16 KiB block plus the zlib header and checksum.
        byte[] buf = new byte[page.length + 64];
        int n = 0;
        while (!deflater.finished()) {
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            n += deflater.deflate(buf, n, buf.length - n);
        }
        return Arrays.copyOf(buf, n);
    }

    private static long u32(int v) {
        return v & 0xFFFFFFFFL;
    }
}
