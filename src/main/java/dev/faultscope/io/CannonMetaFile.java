package dev.faultscope.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultscope.vm.Symbols;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Cannon's meta file (spec sections 7 and 9): {@code {"symbols":[{"name":…,"start":n,"size":n},…]}}. */
public final class CannonMetaFile {
    private CannonMetaFile() {
    }

    public static Symbols read(Path path) throws IOException {
        return fromJson(JsonFiles.readFile(path, InputFiles.Limit.META), path);
    }

    public static void write(Symbols symbols, Path path) throws IOException {
        JsonFiles.writeFile(path, toJson(symbols));
    }

    /** The symbols in address order, start and size as unsigned numbers. */
    public static byte[] toJson(Symbols symbols) {
        ObjectNode root = JsonFiles.newObject();
        ArrayNode arr = root.putArray("symbols");
        for (Symbols.Symbol s : symbols.all()) {
            ObjectNode o = arr.addObject();
            o.put("name", s.name());
            o.put("start", s.start() & 0xFFFFFFFFL);
            o.put("size", s.size() & 0xFFFFFFFFL);
        }
        return JsonFiles.toBytes(root);
    }

    /** @param source the file the bytes came from, named in errors (null if none) */
    public static Symbols fromJson(byte[] json, Path source) {
        ObjectNode root = JsonFiles.parseObject(json, source);
        JsonFiles.Fields f = new JsonFiles.Fields(source, root, "");
        JsonNode arr = root.get("symbols");
        if (arr != null && arr.isNull()) {
            // A Go nil slice marshals as null: a program without symbols.
            return Symbols.NONE;
        }
        arr = f.require("symbols");
        if (!arr.isArray()) {
            throw new FileFormatException(source, f.name("symbols"), "expected an array, found " + JsonFiles.shown(arr));
        }
        List<Symbols.Symbol> list = new ArrayList<>(arr.size());
        for (int i = 0; i < arr.size(); i++) {
            JsonNode o = arr.get(i);
            String at = "symbols[" + i + "]";
            if (!o.isObject()) {
                throw new FileFormatException(source, at, "expected an object {\"name\":…,\"start\":n,\"size\":n}, found " + JsonFiles.shown(o));
            }
            JsonFiles.Fields sf = new JsonFiles.Fields(source, o, at);
            list.add(new Symbols.Symbol(sf.text("name"), (int) sf.uint32("start"), (int) sf.uint32("size")));
        }
        return new Symbols(list);
    }
}
