package dev.faultscope.crypto;

import org.bouncycastle.jcajce.provider.digest.Keccak;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class Keccak256Test {
    private static byte[] reference(byte[] data) {
        return new Keccak.Digest256().digest(data);
    }

    @Test
    void emptyInputHasTheKnownEthereumHash() {
        assertEquals("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", Hex.encode(Keccak256.hash(new byte[0])));
    }

    @Test
    void matchesBouncyCastleAtEveryLengthAroundTheRateBoundaries() {
        Random rnd = new Random(7);
        for (int len = 0; len <= 3 * 136 + 5; len++) {
            byte[] data = new byte[len];
            rnd.nextBytes(data);
            assertArrayEquals(reference(data), Keccak256.hash(data), "length " + len);
        }
    }

    @Test
    void hashingTwoNodesInLaneFormEqualsHashingTheirBytes() {
        Random rnd = new Random(11);
        Keccak256 k = new Keccak256();
        for (int i = 0; i < 50; i++) {
            byte[] both = new byte[64];
            rnd.nextBytes(both);
            long[] lanes = new long[8];
            for (int j = 0; j < 8; j++) {
                lanes[j] = Keccak256.readLaneLE(both, 8 * j);
            }
            long[] out = new long[4];
            k.hashTwoNodes(lanes, 0, lanes, 4, out, 0);
            byte[] outBytes = new byte[32];
            for (int j = 0; j < 4; j++) {
                Keccak256.writeLaneLE(out[j], outBytes, 8 * j);
            }
            assertArrayEquals(reference(both), outBytes);
        }
    }
}
