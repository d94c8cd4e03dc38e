package dev.faultscope.fpp;

import dev.faultscope.crypto.Hex;
import dev.faultscope.crypto.Keccak256;
import dev.faultscope.oracle.PreimageKeys;
import dev.faultscope.oracle.PreimageOracle;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fault proof program's run, re-written in Java from docs/fpp.md (not from the model's code), reading only
 * through a pre-image oracle and hinting before each keccak read as the page says. A fast stand-in for
 * resources/fpp/fpp.elf, whose VM runs {@link FppHostVmTest} checks on the classroom: it drives the lazy host with
 * the program's hint sequence on many transitions and checks that the served pre-images reach the model's roots.
 */
final class FppProgramSim {
    /** @param exit 0 equal, 1 different, 2 malformed or missing; @param computed null unless derivation finished */
    record Run(int exit, byte[] computed, long computedBlock, List<String> hints, List<byte[]> keysRead, String why) {
    }

    private static final class Malformed extends Exception {
        Malformed(String why) {
            super(why);
        }
    }

    private final PreimageOracle oracle;
    private final List<String> hints = new ArrayList<>();
    private final List<byte[]> keysRead = new ArrayList<>();

    private FppProgramSim(PreimageOracle oracle) {
        this.oracle = oracle;
    }

    static Run run(PreimageOracle oracle) {
        return new FppProgramSim(oracle).run();
    }

    private Run run() {
        try {
            byte[] l1Head = read(PreimageKeys.localKey(1), 32);
            byte[] agreed = read(PreimageKeys.localKey(2), 32);
            byte[] disputed = read(PreimageKeys.localKey(3), 32);
            long disputedNumber = ByteBuffer.wrap(read(PreimageKeys.localKey(4), 8)).getLong();
            read(PreimageKeys.localKey(5), 8);

            byte[] output = hintAndRead("l2-output", agreed);
            if (output.length != 128) {
                throw new Malformed("output length " + output.length);
            }
            if (!allZero(output, 0, 32) || !allZero(output, 64, 96)) {
                throw new Malformed("output version words not zero");
            }
            byte[] stateRoot = Arrays.copyOfRange(output, 32, 64);
            byte[] l2Hash = Arrays.copyOfRange(output, 96, 128);
            byte[] header = hintAndRead("l2-header", l2Hash);
            if (header.length != 112 || !Arrays.equals(Arrays.copyOfRange(header, 80, 112), stateRoot)) {
                throw new Malformed("agreed L2 header");
            }
            byte[] stateBytes = hintAndRead("l2-state", stateRoot);
            ByteBuffer sb = ByteBuffer.wrap(stateBytes);
            if (stateBytes.length < 4) {
                throw new Malformed("state too short");
            }
            long n = Integer.toUnsignedLong(sb.getInt());
            if (n > 1024 || stateBytes.length != 4 + 8 * n || !Arrays.equals(Keccak256.hash(stateBytes), stateRoot)) {
                throw new Malformed("agreed state");
            }
            long[] balances = new long[(int) n];
            for (int i = 0; i < n; i++) {
                balances[i] = sb.getLong();
            }
            ByteBuffer hb = ByteBuffer.wrap(header);
            long agreedNumber = hb.getLong(32);
            byte[] originHash = Arrays.copyOfRange(header, 40, 72);
            long originNumber = hb.getLong(72);

            if (Long.compareUnsigned(disputedNumber, agreedNumber) < 0) {
                throw new Malformed("disputed block below agreed block");
            }
            List<byte[]> walk = new ArrayList<>(); // oldest first, without the origin
            byte[] h = l1Head;
            Long child = null;
            while (true) {
                byte[] l1 = hintAndRead("l1-header", h);
                if (l1.length != 80) {
                    throw new Malformed("L1 header length");
                }
                long number = ByteBuffer.wrap(l1).getLong(32);
                if (child != null && number + 1 != child) {
                    throw new Malformed("misnumbered L1 header");
                }
                if (Arrays.equals(h, originHash)) {
                    if (number != originNumber) {
                        throw new Malformed("origin number");
                    }
                    break;
                }
                if (Long.compareUnsigned(number, originNumber) <= 0) {
                    throw new Malformed("the L1 head does not descend from the agreed origin");
                }
                if (walk.size() == 4096) {
                    throw new Malformed("too many L1 blocks");
                }
                walk.add(0, l1);
                child = number;
                h = Arrays.copyOfRange(l1, 0, 32);
            }

            byte[] parentHash = l2Hash;
            long number = agreedNumber;
            byte[] root = stateRoot;
            for (int k = 0; k < walk.size() && number != disputedNumber; k++) {
                byte[] l1 = walk.get(k);
                byte[] batchHash = Arrays.copyOfRange(l1, 48, 80);
                if (!allZero(batchHash, 0, 32)) {
                    applyBatch(hintAndRead("l1-batch", batchHash), balances);
                }
                ByteBuffer st = ByteBuffer.allocate(4 + 8 * balances.length).putInt(balances.length);
                for (long b : balances) {
                    st.putLong(b);
                }
                root = Keccak256.hash(st.array());
                number++;
                byte[] l2Header = ByteBuffer.allocate(112).put(parentHash).putLong(number).put(Keccak256.hash(l1))
                        .putLong(ByteBuffer.wrap(l1).getLong(32)).put(root).array();
                parentHash = Keccak256.hash(l2Header);
            }
            byte[] out = ByteBuffer.allocate(128).put(new byte[32]).put(root).put(new byte[32]).put(parentHash).array();
            byte[] computed = Keccak256.hash(out);
            return new Run(Arrays.equals(computed, disputed) ? 0 : 1, computed, number, hints, keysRead, null);
        } catch (Malformed e) {
            return new Run(2, null, -1, hints, keysRead, e.getMessage());
        }
    }

    private static void applyBatch(byte[] batch, long[] b) throws Malformed {
        ByteBuffer bb = ByteBuffer.wrap(batch);
        if (batch.length < 4) {
            throw new Malformed("batch too short");
        }
        long count = Integer.toUnsignedLong(bb.getInt());
        if (batch.length > 65536 || batch.length != 4 + 17 * count) {
            throw new Malformed("batch length");
        }
        long n = b.length;
        List<long[]> kinds = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            int kind = bb.get() & 0xFF;
            long from = Integer.toUnsignedLong(bb.getInt());
            long to = Integer.toUnsignedLong(bb.getInt());
            long amount = bb.getLong();
            if (kind != 0 && kind != 1) {
                throw new Malformed("transaction kind " + kind);
            }
            kinds.add(new long[]{kind, from, to, amount});
        }
        // Kinds are all checked before any balance changes: a malformed batch is refused whole.
        for (long[] t : kinds) {
            long from = t[1];
            long to = t[2];
            long amount = t[3];
            if (t[0] == 1) {
                if (to < n && Long.compareUnsigned(b[(int) to] + amount, b[(int) to]) >= 0) {
                    b[(int) to] += amount;
                }
            } else if (from < n && to < n && Long.compareUnsigned(b[(int) from], amount) >= 0) {
                long after = b[(int) from] - amount;
                long base = from == to ? after : b[(int) to];
                if (Long.compareUnsigned(base + amount, base) >= 0) {
                    b[(int) from] = after;
                    b[(int) to] = base + amount;
                }
            }
        }
    }

    private byte[] hintAndRead(String type, byte[] hash) throws Malformed {
        String hint = type + " " + Hex.encode(hash);
        hints.add(hint);
        oracle.hint(hint.getBytes(StandardCharsets.UTF_8));
        return read(PreimageKeys.keccakKeyOfHash(hash), -1);
    }

    private byte[] read(byte[] key, int length) throws Malformed {
        keysRead.add(key);
        byte[] data = oracle.preimage(key);
        if (data == null) {
            throw new Malformed("missing pre-image " + Hex.encode(key));
        }
        if (length >= 0 && data.length != length) {
            throw new Malformed("pre-image " + Hex.encode(key) + " has " + data.length + " bytes, expected " + length);
        }
        return data;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
