package dev.faultscope.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultscope.crypto.Hex;
import dev.faultscope.vm.VmState;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What {@code faultscope witness} prints, as Cannon's {@code witness} command does (spec section 9):
 * {@code {"witness":"0x…","witnessHash":"0x…","step":N,"exited":bool,"exitCode":N}}.
 *
 * @param witness     the 226-byte state witness
 * @param witnessHash the state hash (keccak of the witness with byte 0 set to the VM status)
 * @param step        unsigned 64-bit step counter
 * @param exitCode    0..255
 */
public record WitnessOutput(byte[] witness, byte[] witnessHash, long step, boolean exited, int exitCode) {

    public static WitnessOutput of(VmState state) {
        byte[] w = state.witness();
        return new WitnessOutput(w, VmState.stateHashOf(w), state.step(), state.exited(), state.exitCode());
    }

    public byte[] toJson() {
        ObjectNode root = JsonFiles.newObject();
        root.put("witness", Hex.encode(witness));
        root.put("witnessHash", Hex.encode(witnessHash));
        JsonFiles.putUint64(root, "step", step);
        root.put("exited", exited);
        root.put("exitCode", exitCode);
        return JsonFiles.toBytes(root);
    }

    public void write(Path path) throws IOException {
        JsonFiles.writeFile(path, toJson());
    }

    public static WitnessOutput read(Path path) throws IOException {
        return fromJson(JsonFiles.readFile(path, InputFiles.Limit.WITNESS), path);
    }

    /**
     * Parses a witness output, checking that the hash and the summary fields agree with the witness bytes
     * (a mismatch means the output was edited or comes from a different VM).
     *
     * @param source the file the bytes came from, named in errors (null if none)
     */
    public static WitnessOutput fromJson(byte[] json, Path source) {
        ObjectNode root = JsonFiles.parseObject(json, source);
        JsonFiles.Fields f = new JsonFiles.Fields(source, root, "");
        byte[] w = f.hex("witness", VmState.WITNESS_BYTES);
        byte[] hash = f.hex("witnessHash", 32);
        long step = f.uint64("step");
        boolean exited = f.bool("exited");
        int exitCode = f.uint8("exitCode");
        int exitedByte = w[89] & 0xFF;
        if (exitedByte > 1) {
            throw new FileFormatException(source, f.name("witness"), "exited byte (offset 89) is " + exitedByte + ", must be 0 or 1");
        }
        if (!Arrays.equals(hash, VmState.stateHashOf(w))) {
            throw new FileFormatException(source, f.name("witnessHash"), "is not the state hash of the witness "
                    + Hex.encode(VmState.stateHashOf(w)));
        }
        long wStep = 0;
        for (int i = 0; i < 8; i++) {
            wStep = wStep << 8 | (w[90 + i] & 0xFF);
        }
        if (wStep != step) {
            throw new FileFormatException(source, f.name("step"), Long.toUnsignedString(step) + " differs from the witness's step " + Long.toUnsignedString(wStep));
        }
        if (exited != (exitedByte == 1)) {
            throw new FileFormatException(source, f.name("exited"), exited + " differs from the witness's exited byte " + exitedByte);
        }
        if (exitCode != (w[88] & 0xFF)) {
            throw new FileFormatException(source, f.name("exitCode"), exitCode + " differs from the witness's exit code " + (w[88] & 0xFF));
        }
        return new WitnessOutput(w, hash, step, exited, exitCode);
    }

    // Arrays compared by content: two outputs for the same state are equal.
    @Override
    public boolean equals(Object o) {
        return o instanceof WitnessOutput other && Arrays.equals(witness, other.witness)
                && Arrays.equals(witnessHash, other.witnessHash) && step == other.step
                && exited == other.exited && exitCode == other.exitCode;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(witnessHash);
    }

    @Override
    public String toString() {
        return "WitnessOutput[hash=" + Hex.encode(witnessHash) + ", step=" + Long.toUnsignedString(step)
                + ", exited=" + exited + ", exitCode=" + exitCode + "]";
    }
}
