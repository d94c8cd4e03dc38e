package dev.faultscope.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultscope.crypto.Hex;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * What the Cannon file readers and writers share: gzip by file name, JSON parsing with positions in errors,
 * and typed field access that reports the offending field.
 */
public final class JsonFiles {
    /**
     * Duplicate keys and trailing garbage are errors: Go silently keeps the last duplicate, but a file with two
     * {@code "pc"} fields has been damaged or hand-edited wrongly, and guessing which one was meant is worse.
     */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private JsonFiles() {
    }

    // ---- files ----

    /**
     * The file's bytes, gunzipped when they start with the gzip magic (Cannon's {@code .gz} files), refused when
     * the file is not a regular file or is (or inflates to) more than the limit for its kind.
     */
    static byte[] readFile(Path path, InputFiles.Limit limit) throws IOException {
        return InputFiles.readMaybeGzip(path, limit);
    }

    /** Writes {@code json}, gzipped when the name ends in {@code .gz} as Cannon does. */
    static void writeFile(Path path, byte[] json) throws IOException {
        byte[] out = json;
        if (path.getFileName() != null && path.getFileName().toString().endsWith(".gz")) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(json.length / 4 + 64);
            // Java's gzip header carries no name or time stamp, so the same state gives the same bytes.
            try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
                gz.write(json);
            }
            out = buf.toByteArray();
        }
        AtomicFiles.write(path, out);
    }

    /** Reads a document from a stream; see {@link #readStream}. */
    @FunctionalInterface
    interface StreamReader<T> {
        T read(InputStream in) throws IOException;
    }

    /** Writes a document through a streaming generator. */
    @FunctionalInterface
    interface StreamWriter {
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * Reads a file as a stream, gunzipped when it starts with the gzip magic, so a large file is never held
     * whole; broken gzip data is a {@link FileFormatException} as for {@link #readFile}.
     */
    static <T> T readStream(Path path, InputFiles.Limit limit, StreamReader<T> reader) throws IOException {
        InputFiles.requireRegularFile(path, limit);
        if (Files.size(path) > limit.bytes()) {
            // Known before reading: refuse now rather than after parsing the limit's worth of it.
            throw overLimit(path, limit, "");
        }
        try (InputStream raw = new BufferedInputStream(bounded(Files.newInputStream(path), path, limit, ""), 1 << 16)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1F && raw.read() == 0x8B;
            raw.reset();
            return reader.read(gzip ? bounded(new GZIPInputStream(raw, 1 << 16), path, limit, " once gunzipped") : raw);
        } catch (ZipException | EOFException e) {
            throw new FileFormatException(path, "gzip", "corrupt or truncated gzip data (" + e.getMessage() + ")", e);
        }
    }

    /** A stream that refuses to deliver more than the limit for its kind of file, naming the file. */
    private static InputStream bounded(InputStream in, Path path, InputFiles.Limit limit, String how) {
        return new java.io.FilterInputStream(in) {
            private long count;

            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                count(Math.max(n, 0));
                return n;
            }

            private void count(int n) throws IOException {
                count += n;
                if (count > limit.bytes()) {
                    throw overLimit(path, limit, how);
                }
            }
        };
    }

    private static InputFiles.InputFileException overLimit(Path path, InputFiles.Limit limit, String how) {
        return new InputFiles.InputFileException(path, "is over " + (limit.bytes() >> 20) + " MiB" + how
            + "; the limit for " + limit.what() + " file is " + (limit.bytes() >> 20) + " MiB");
    }

    /** A parser for a streamed document, refusing {@code -0} as {@link #parseTree} does. */
    static JsonParser createParser(InputStream in) throws IOException {
        return new NoNegativeZero(MAPPER.createParser(in));
    }

    /**
     * Streams a JSON document (and the final newline {@link #toBytes} adds) to the file through
     * {@link AtomicFiles}, gzipped when the name ends in {@code .gz}. {@code precompressed}: the document is
     * mostly base64 of compressed data, where looking for repeats finds nothing, so gzip only entropy-codes it
     * (Huffman only), which gains as much for a fraction of the time. Gzipped as {@link GzipMembers}, so a
     * writer may gzip parts of the document on other threads.
     */
    static void writeStream(Path path, boolean precompressed, StreamWriter writer) throws IOException {
        boolean gz = path.getFileName() != null && path.getFileName().toString().endsWith(".gz");
        AtomicFiles.write(path, out -> {
            OutputStream target = out;
            if (gz) {
                target = new GzipMembers(out, precompressed);
            }
            try (JsonGenerator g = MAPPER.createGenerator(target)) {
                writer.write(g);
                g.writeRaw('\n');
            }
        });
    }

    /** The bytes {@link #writeStream} would write to a plain file. */
    static byte[] toBytes(StreamWriter writer) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (JsonGenerator g = MAPPER.createGenerator(buf)) {
            writer.write(g);
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    /** Reads values out of a document being streamed (each is followed by more of the document). */
    private static final ObjectReader PART = MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The value the parser stands on, as a tree; the parser is left on its last token. */
    static JsonNode readValue(JsonParser p) throws IOException {
        return PART.readTree(p);
    }

    /** A JSON syntax error as the one-line {@link FileFormatException} every reader gives. */
    static FileFormatException malformed(Path path, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String where = loc == null ? "JSON" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        return new FileFormatException(path, where, "malformed JSON: " + e.getOriginalMessage(), e);
    }

    // ---- JSON ----

    /**
     * Parses a whole JSON document strictly (no duplicate keys, nothing after it); a broken one is a
     * {@link FileFormatException} naming the line and column. For every file format of the project.
     */
    public static JsonNode parseTree(byte[] json, Path path) {
        JsonNode root;
        try (JsonParser parser = new NoNegativeZero(MAPPER.createParser(json))) {
            root = MAPPER.readTree(parser);
        } catch (JsonProcessingException e) {
            throw malformed(path, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || root.isMissingNode()) {
            throw new FileFormatException(path, "line 1, column 1", "malformed JSON: the file is empty");
        }
        return root;
    }

    /**
     * Refuses {@code -0}: JSON allows it, but it reads as 0, so a sign that no format has would slip through
     * the unsigned checks. (Other negative numbers reach the typed readers and are refused there by name.)
     */
    private static final class NoNegativeZero extends JsonParserDelegate {
        NoNegativeZero(JsonParser p) {
            super(p);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken t = delegate.nextToken();
            if (t == JsonToken.VALUE_NUMBER_INT && delegate.getText().startsWith("-") && delegate.getBigIntegerValue().signum() == 0) {
                throw new JsonParseException(delegate, "negative zero \"" + delegate.getText() + "\": numbers in this format have no sign");
            }
            return t;
        }
    }

    /** Parses a whole document that must be one JSON object. */
    static ObjectNode parseObject(byte[] json, Path path) {
        JsonNode root = parseTree(json, path);
        if (!root.isObject()) {
            throw new FileFormatException(path, "top level", "expected a JSON object, found " + kind(root));
        }
        return (ObjectNode) root;
    }

    /** Compact JSON with a final newline, so files end like text files and stdout output ends its line. */
    static byte[] toBytes(JsonNode node) {
        try {
            byte[] body = MAPPER.writeValueAsBytes(node);
            byte[] out = new byte[body.length + 1];
            System.arraycopy(body, 0, out, 0, body.length);
            out[body.length] = '\n';
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
    }

    static ObjectNode newObject() {
        return MAPPER.createObjectNode();
    }

    /** Puts an unsigned 64-bit value as a JSON number (Java's long would print values ≥ 2^63 negative). */
    static void putUint64(ObjectNode obj, String name, long value) {
        if (value >= 0) {
            obj.put(name, value);
        } else {
            obj.put(name, new BigInteger(Long.toUnsignedString(value)));
        }
    }

    /** The streaming form of {@link #putUint64}. */
    static void writeUint64(JsonGenerator g, String name, long value) throws IOException {
        g.writeFieldName(name);
        if (value >= 0) {
            g.writeNumber(value);
        } else {
            g.writeNumber(new BigInteger(Long.toUnsignedString(value)));
        }
    }

    // ---- typed fields ----

    /** Reads fields of one JSON object, naming {@code prefix.field} in errors. */
    static class Fields {
        final Path path;
        final JsonNode obj;
        final String prefix;

        Fields(Path path, JsonNode obj, String prefix) {
            this.path = path;
            this.obj = obj;
            this.prefix = prefix;
        }

        /** How errors name a field; formats may name their fields differently. */
        String name(String field) {
            return "field \"" + (prefix.isEmpty() ? field : prefix + "." + field) + "\"";
        }

        boolean has(String field) {
            JsonNode v = obj.get(field);
            return v != null && !v.isNull();
        }

        JsonNode require(String field) {
            JsonNode v = obj.get(field);
            if (v == null) {
                throw new FileFormatException(path, name(field), "missing");
            }
            if (v.isNull()) {
                throw new FileFormatException(path, name(field), "is null, expected a value");
            }
            return v;
        }

        long uint32(String field) {
            return unsigned(path, require(field), name(field), 32);
        }

        int uint8(String field) {
            return (int) unsigned(path, require(field), name(field), 8);
        }

        long uint64(String field) {
            return JsonFiles.uint64(path, require(field), name(field));
        }

        boolean bool(String field) {
            JsonNode v = require(field);
            if (!v.isBoolean()) {
                throw new FileFormatException(path, name(field), "expected true or false, found " + shown(v));
            }
            return v.booleanValue();
        }

        String text(String field) {
            JsonNode v = require(field);
            if (!v.isTextual()) {
                throw new FileFormatException(path, name(field), "expected a string, found " + shown(v));
            }
            return v.textValue();
        }

        /** 0x-hex bytes; {@code length} &lt; 0 accepts any length. */
        byte[] hex(String field, int length) {
            return JsonFiles.hex(path, require(field), name(field), length);
        }
    }

    /** An unsigned integer of {@code bits} ≤ 32 bits, as Go's uintN JSON decoding demands: no sign, no fraction. */
    static long unsigned(Path path, JsonNode v, String where, int bits) {
        long max = (1L << bits) - 1;
        if (!v.isIntegralNumber()) {
            throw new FileFormatException(path, where, "expected an unsigned " + bits + "-bit integer, found " + shown(v));
        }
        BigInteger n = v.bigIntegerValue();
        if (n.signum() < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new FileFormatException(path, where, n + " is out of range for an unsigned " + bits + "-bit integer (0.." + max + ")");
        }
        return n.longValue();
    }

    /** An unsigned 64-bit integer, returned in a long's bits (values ≥ 2^63 come back negative). */
    static long uint64(Path path, JsonNode v, String where) {
        if (!v.isIntegralNumber()) {
            throw new FileFormatException(path, where, "expected an unsigned 64-bit integer, found " + shown(v));
        }
        BigInteger n = v.bigIntegerValue();
        if (n.signum() < 0 || n.compareTo(UINT64_MAX) > 0) {
            throw new FileFormatException(path, where, n + " is out of range for an unsigned 64-bit integer");
        }
        return n.longValue();
    }

    static byte[] hex(Path path, JsonNode v, String where, int length) {
        if (!v.isTextual()) {
            throw new FileFormatException(path, where, "expected a 0x-prefixed hex string, found " + shown(v));
        }
        String s = v.textValue();
        if (!s.startsWith("0x") && !s.startsWith("0X")) {
            // Cannon (go-ethereum's hexutil) refuses hex without the prefix, so a file we accept is one it accepts.
            throw new FileFormatException(path, where, "hex string without 0x prefix: " + abbreviate(s));
        }
        byte[] b;
        try {
            b = Hex.decode(s);
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(path, where, e.getMessage(), e);
        }
        if (length >= 0 && b.length != length) {
            throw new FileFormatException(path, where, "has " + b.length + " bytes, expected " + length);
        }
        return b;
    }

    /** A short rendering of a JSON value for error messages. */
    static String shown(JsonNode v) {
        if (v.isTextual()) {
            return "\"" + abbreviate(v.textValue()) + "\"";
        }
        if (v.isContainerNode()) {
            return kind(v);
        }
        return abbreviate(v.toString());
    }

    static String kind(JsonNode v) {
        JsonNodeType t = v.getNodeType();
        return switch (t) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> t.name().toLowerCase();
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
