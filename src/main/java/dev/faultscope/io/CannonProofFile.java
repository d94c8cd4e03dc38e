package dev.faultscope.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultscope.crypto.Hex;
import dev.faultscope.vm.StepProof;
import dev.faultscope.vm.VmState;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Cannon's step proof JSON (spec section 9):
 * <pre>{"step":N,"pre":"0x…","post":"0x…","state-data":"0x…","proof-data":"0x…",
 * "oracle-key":"0x…","oracle-value":"0x…","oracle-offset":N}</pre>
 * with the three oracle fields only when the step reads a pre-image.
 */
public final class CannonProofFile {
    private CannonProofFile() {
    }

    public static StepProof read(Path path) throws IOException {
        return fromJson(JsonFiles.readFile(path, InputFiles.Limit.PROOF), path);
    }

    public static void write(StepProof proof, Path path) throws IOException {
        JsonFiles.writeFile(path, toJson(proof));
    }

    /** The proof as JSON bytes; throws IllegalArgumentException if its parts have the wrong lengths. */
    public static byte[] toJson(StepProof proof) {
        requireLength("pre", proof.pre(), 32);
        requireLength("post", proof.post(), 32);
        requireLength("state-data", proof.stateData(), VmState.WITNESS_BYTES);
        requireLength("proof-data", proof.proofData(), StepProof.PROOF_BYTES);
        ObjectNode root = JsonFiles.newObject();
        JsonFiles.putUint64(root, "step", proof.step());
        root.put("pre", Hex.encode(proof.pre()));
        root.put("post", Hex.encode(proof.post()));
        root.put("state-data", Hex.encode(proof.stateData()));
        root.put("proof-data", Hex.encode(proof.proofData()));
        if (proof.readsPreimage()) {
            requireLength("oracle-key", proof.oracleKey(), 32);
            if (proof.oracleValue() == null) {
                throw new IllegalArgumentException("step proof has an oracle key but no oracle value");
            }
            root.put("oracle-key", Hex.encode(proof.oracleKey()));
            root.put("oracle-value", Hex.encode(proof.oracleValue()));
            // Cannon omits a zero offset (omitempty); writing it always is unambiguous and Cannon reads both.
            root.put("oracle-offset", proof.oracleOffset() & 0xFFFFFFFFL);
        }
        return JsonFiles.toBytes(root);
    }

    /**
     * Parses a proof, checking the part lengths and that {@code pre} and {@code step} agree with
     * {@code state-data}, which they always do in a proof Cannon or Faultscope wrote.
     *
     * @param source the file the bytes came from, named in errors (null if none)
     */
    public static StepProof fromJson(byte[] json, Path source) {
        ObjectNode root = JsonFiles.parseObject(json, source);
        JsonFiles.Fields f = new JsonFiles.Fields(source, root, "");
        long step = f.uint64("step");
        byte[] pre = f.hex("pre", 32);
        byte[] post = f.hex("post", 32);
        byte[] stateData = f.hex("state-data", VmState.WITNESS_BYTES);
        byte[] proofData = f.hex("proof-data", StepProof.PROOF_BYTES);

        byte[] key = null;
        byte[] value = null;
        int offset = 0;
        if (f.has("oracle-key")) {
            key = f.hex("oracle-key", 32);
            value = f.hex("oracle-value", -1);
            if (value.length < 8) {
                throw new FileFormatException(source, f.name("oracle-value"), "has " + value.length
                        + " bytes, but it starts with the 8-byte length prefix");
            }
            // Cannon leaves out a zero offset.
            offset = f.has("oracle-offset") ? (int) f.uint32("oracle-offset") : 0;
        } else if (f.has("oracle-value") || f.has("oracle-offset")) {
            throw new FileFormatException(source, f.name("oracle-key"), "missing, but oracle-value or oracle-offset is present");
        }

        int exitedByte = stateData[89] & 0xFF;
        if (exitedByte > 1) {
            throw new FileFormatException(source, f.name("state-data"), "exited byte (offset 89) is " + exitedByte + ", must be 0 or 1");
        }
        if (!Arrays.equals(pre, VmState.stateHashOf(stateData))) {
            throw new FileFormatException(source, f.name("pre"), "is not the state hash of state-data "
                    + Hex.encode(VmState.stateHashOf(stateData)));
        }
        long witnessStep = readLong(stateData, 90);
        if (witnessStep != step) {
            throw new FileFormatException(source, f.name("step"), Long.toUnsignedString(step)
                    + " differs from the step " + Long.toUnsignedString(witnessStep) + " in state-data");
        }
        return new StepProof(step, pre, post, stateData, proofData, key, value, offset);
    }

    private static long readLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (b[off + i] & 0xFF);
        }
        return v;
    }

    private static void requireLength(String field, byte[] b, int length) {
        if (b == null || b.length != length) {
            throw new IllegalArgumentException("step proof " + field + " has " + (b == null ? "no" : b.length)
                    + " bytes, expected " + length);
        }
    }
}
