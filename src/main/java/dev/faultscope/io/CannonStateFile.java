package dev.faultscope.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultscope.crypto.Hex;
import dev.faultscope.vm.Memory;
import dev.faultscope.vm.VmState;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.BitSet;

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
        return JsonFiles.readStream(path, InputFiles.Limit.STATE, in -> parse(in, path));
    }

    /** Streams the state to the file: no copy of the whole JSON is ever held (see {@link JsonFiles#writeStream}). */
    public static void write(VmState state, Path path) throws IOException {
        JsonFiles.writeStream(path, true, g -> write(state, g));
    }

    /** The state as JSON bytes; the same state always gives the same bytes. */
    public static byte[] toJson(VmState state) {
        return JsonFiles.toBytes(g -> write(state, g));
    }

    private static void write(VmState state, JsonGenerator g) throws IOException {
        g.writeStartObject();
        // The pages are most of the file and of the time: they are compressed on every core and written as bytes
        // straight to the generator's stream, between the '[' and ']' written through it.
        g.writeFieldName("memory");
        g.writeRawValue("[");
        g.flush();
        StatePageWriter.write(state.memory(), (OutputStream) g.getOutputTarget());
        g.writeRaw(']');
        g.writeStringField("preimageKey", Hex.encode(state.preimageKey()));
        g.writeNumberField("preimageOffset", u32(state.preimageOffset()));
        g.writeNumberField("pc", u32(state.pc()));
        g.writeNumberField("nextPC", u32(state.nextPC()));
        g.writeNumberField("lo", u32(state.lo()));
        g.writeNumberField("hi", u32(state.hi()));
        g.writeNumberField("heap", u32(state.heap()));
        g.writeNumberField("exit", state.exitCode());
        g.writeBooleanField("exited", state.exited());
        JsonFiles.writeUint64(g, "step", state.step());
        g.writeArrayFieldStart("registers");
        for (int r : state.registers()) {
            g.writeNumber(u32(r));
        }
        g.writeEndArray();
        byte[] hint = state.lastHint();
        // Cannon declares lastHint omitempty: no pending hint bytes means no field.
        if (hint.length > 0) {
            g.writeStringField("lastHint", Hex.encode(hint));
        }
        g.writeEndObject();
    }

    /**
     * Parses a state from JSON bytes.
     *
     * @param source the file they came from, named in errors (null if none)
     */
    public static VmState fromJson(byte[] json, Path source) {
        try {
            return parse(new ByteArrayInputStream(json), source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the state as a stream: each page is inflated into memory as soon as it is read, so the peak is the
     * state itself plus one page's JSON. Every field but the pages is small and checked, as before, from a tree.
     */
    private static VmState parse(InputStream in, Path source) throws IOException {
        VmState s = new VmState();
        ObjectNode rest = JsonFiles.newObject();
        boolean memorySeen = false;
        try (JsonParser p = JsonFiles.createParser(in)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new FileFormatException(source, "line 1, column 1", "malformed JSON: the file is empty");
            }
            if (t != JsonToken.START_OBJECT) {
                JsonNode top = JsonFiles.readValue(p);
                throw new FileFormatException(source, "top level", "expected a JSON object, found " + JsonFiles.kind(top));
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("memory") && value == JsonToken.START_ARRAY) {
                    memorySeen = true;
                    readMemory(source, p, s.memory());
                } else {
                    rest.set(name, JsonFiles.readValue(p));
                }
            }
            if (p.nextToken() != null) {
                throw new FileFormatException(source, "line " + p.currentLocation().getLineNr() + ", column "
                        + p.currentLocation().getColumnNr(), "malformed JSON: trailing token after the top-level object");
            }
        } catch (JsonProcessingException e) {
            throw JsonFiles.malformed(source, e);
        }
        JsonFiles.Fields f = new JsonFiles.Fields(source, rest, "");
        if (!memorySeen) {
            readMemory(source, f.require("memory"));
        }
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

    /** "memory" is there but not an array of pages: the error a tree reader gives for it. */
    private static void readMemory(Path path, JsonNode memory) {
        throw new FileFormatException(path, "field \"memory\"", "expected an array of pages, found " + JsonFiles.shown(memory));
    }

    /**
     * Reads the entries of the "memory" array, the parser standing on the array's start. Each entry is checked
     * here as it is read; its page is decoded, inflated and hashed by a {@link StatePageReader} on every core.
     */
    private static void readMemory(Path path, JsonParser p, Memory mem) throws IOException {
        BitSet seen = new BitSet(Memory.PAGE_COUNT);
        try (StatePageReader pages = new StatePageReader(path, mem)) {
            try {
                for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
                    readPage(path, p, i, seen, pages);
                }
            } catch (IOException | RuntimeException e) {
                pages.throwEarlierProblem();
                throw e;
            }
            pages.finish();
        }
    }

    /** Reads entry {@code i}, {"index":n,"data":"…"}, and hands its page to {@code pages}. */
    private static void readPage(Path path, JsonParser p, int i, BitSet seen, StatePageReader pages) throws IOException {
        String at = "memory[" + i + "]";
        if (p.currentToken() != JsonToken.START_OBJECT) {
            JsonNode entry = JsonFiles.readValue(p);
            throw new FileFormatException(path, at, "expected an object {\"index\":n,\"data\":\"…\"}, found " + JsonFiles.shown(entry));
        }
        // The fields are checked from a small tree, as every other field is; only the data's text, most of the
        // file, is taken straight from the parser, and stands in the tree as "".
        ObjectNode entry = JsonFiles.newObject();
        byte[] data = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_STRING && name.equals("data")) {
                data = latin1(p);
                entry.put(name, "");
            } else {
                entry.set(name, JsonFiles.readValue(p));
            }
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
        f.text("data");
        if (data.length % 4 != 0) {
            // Java's decoder takes unpadded base64; Go's StdEncoding (Cannon) refuses it, so do we.
            throw new FileFormatException(path, StatePageReader.pageAt(i, pi), "bad base64 in data: " + data.length
                + " characters, not a multiple of 4 (the '=' padding is missing)");
        }
        pages.add(i, pi, data);
    }

    /** The current string's characters as bytes, a character beyond Latin-1 as '?' (as the base64 decoder sees it). */
    private static byte[] latin1(JsonParser p) throws IOException {
        char[] chars = p.getTextCharacters();
        int off = p.getTextOffset();
        byte[] out = new byte[p.getTextLength()];
        for (int k = 0; k < out.length; k++) {
            char c = chars[off + k];
            out[k] = c <= 0xFF ? (byte) c : (byte) '?';
        }
        return out;
    }

    private static long u32(int v) {
        return v & 0xFFFFFFFFL;
    }
}
