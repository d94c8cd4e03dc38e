package dev.faultscope.vm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.faultscope.vm.Asm.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The oracle's file descriptors (spec section 5) and program output: key writes on fd 6, pre-image reads
 * on fd 5 (word size 4: a read or write never crosses the word at {@code buf & ~3}), hint framing on fd 4,
 * and stdout/stderr bytes. Expected keys and words are assembled byte by byte in the test.
 */
class PreimageSyscallTest {
    static final int READ = 4003, WRITE = 4004;
    /** The word the key writes read and the pre-image reads fill, with guard words around it. */
    static final int W = TestVm.DATA + 0x20;
    static final byte[] WORD_BYTES = {0x11, 0x22, 0x33, 0x44};
    static final int WORD = 0x11223344;

    static TestVm sys(int number, int a0, int a1, int a2) {
        return TestVm.with(syscall()).reg(V0, number).reg(A0, a0).reg(A1, a1).reg(A2, a2).reg(A3, 0x77)
            .word(W - 4, 0x99999999).word(W + 4, 0x77777777);
    }

    static byte[] startKey() {
        byte[] k = new byte[32];
        for (int i = 0; i < 32; i++) {
            k[i] = (byte) (0xA0 + i);
        }
        return k;
    }

    /** {@code 0x01 ‖ 23 zero bytes ‖ uint64 index}, written out by hand. */
    static byte[] localKey(int index) {
        byte[] k = new byte[32];
        k[0] = 1;
        k[31] = (byte) index;
        return k;
    }

    static int wordOf(byte[] b) {
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    // ---- fd 6: pre-image key write ----

    static Stream<Arguments> alignmentsAndCounts() {
        return IntStream.range(0, 4).boxed().flatMap(a -> IntStream.rangeClosed(0, 5).mapToObj(c -> Arguments.of(a, c)));
    }

    @ParameterizedTest(name = "buf & 3 = {0}, count {1}")
    @MethodSource("alignmentsAndCounts")
    void keyWriteShiftsInTheBytesOfOneWord(int align, int count) {
        TestVm vm = sys(WRITE, 6, W + align, count).word(W, WORD);
        vm.state.setPreimageKey(startKey());
        vm.state.setPreimageOffset(7);

        int n = Math.min(count, 4 - align);
        byte[] key = new byte[32];
        System.arraycopy(startKey(), n, key, 0, 32 - n); // shifted left by n bytes
        for (int i = 0; i < n; i++) {
            key[32 - n + i] = WORD_BYTES[align + i]; // then the n bytes from buf on
        }
        // Memory is read, not written; the offset restarts for the new key.
        TestVm.Expect want = vm.expect().advanced().ok(n).preimageKey(key).preimageOffset(0);
        vm.step();
        want.matches(vm.state);
        assertEquals(W, vm.emu.lastDataAddress());
    }

    @ParameterizedTest(name = "key from buf & 3 = {0}")
    @ValueSource(ints = {0, 1, 2, 3})
    void programLoopWritesAWholeKey(int align) {
        // As a program does: write(6, buf, remaining) until all 32 bytes are in, advancing by each return.
        byte[] wanted = localKey(3);
        int buf = TestVm.DATA + 0x100 + align;
        TestVm vm = TestVm.with(syscall());
        vm.state.memory().writeBytes(buf, wanted, 0, 32);
        int done = 0;
        int calls = 0;
        while (done < 32) {
            vm.state.setPc(TestVm.CODE);
            vm.state.setNextPC(TestVm.CODE + 4);
            vm.reg(V0, WRITE).reg(A0, 6).reg(A1, buf + done).reg(A2, 32 - done);
            vm.step();
            done += vm.reg(V0);
            calls++;
        }
        assertEquals(32, done);
        assertArrayEquals(wanted, vm.state.preimageKey());
        assertEquals(align == 0 ? 8 : 9, calls, "one call per word touched");
    }

    // ---- fd 5: pre-image read ----

    static final byte[] DATA_10 = "0123456789".getBytes(StandardCharsets.US_ASCII);

    /** {@code uint64 length ‖ data}, written out by hand for the 10-byte pre-image. */
    static byte[] prefixed10() {
        byte[] p = new byte[18];
        p[7] = 10;
        System.arraycopy(DATA_10, 0, p, 8, 10);
        return p;
    }

    static Stream<Arguments> readCases() {
        List<Arguments> out = new ArrayList<>();
        for (int align = 0; align < 4; align++) {
            for (int count = 0; count <= 5; count++) {
                // within the prefix, straddling prefix and data, in the data, and running into the end
                for (int offset : new int[] {0, 3, 6, 7, 8, 13, 15, 16, 17}) {
                    out.add(Arguments.of(align, count, offset));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "buf & 3 = {0}, count {1}, offset {2}")
    @MethodSource("readCases")
    void readCopiesTheNextBytesIntoOneWord(int align, int count, int offset) {
        byte[] key = localKey(2);
        TestVm vm = sys(READ, 5, W + align, count).word(W, 0xCAFEBABE);
        vm.oracle.put(key, DATA_10);
        vm.state.setPreimageKey(key);
        vm.state.setPreimageOffset(offset);

        byte[] p = prefixed10();
        int n = Math.min(Math.min(count, 4 - align), p.length - offset);
        byte[] word = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE};
        System.arraycopy(p, offset, word, align, n);
        TestVm.Expect want = vm.expect().advanced().ok(n).word(W, wordOf(word)).preimageOffset(offset + n);
        vm.step();
        want.matches(vm.state);
        assertEquals(W, vm.emu.lastDataAddress());
    }

    @ParameterizedTest(name = "offset {0}")
    @ValueSource(ints = {18, 19, 1000})
    void readAtOrPastTheEndIsAnError(int offset) {
        for (int count : new int[] {0, 1, 4}) {
            byte[] key = localKey(2);
            TestVm vm = sys(READ, 5, W, count).word(W, 0xCAFEBABE);
            vm.oracle.put(key, DATA_10);
            vm.state.setPreimageKey(key);
            vm.state.setPreimageOffset(offset);
            vm.assertFault("past the end");
        }
    }

    @Test
    void emptyPreimageHasOnlyItsLengthPrefix() {
        byte[] key = localKey(5);
        TestVm vm = sys(READ, 5, W, 4).word(W, 0xCAFEBABE);
        vm.oracle.put(key, new byte[0]);
        vm.state.setPreimageKey(key);
        vm.state.setPreimageOffset(4);
        TestVm.Expect want = vm.expect().advanced().ok(4).word(W, 0).preimageOffset(8);
        vm.step();
        want.matches(vm.state);

        TestVm end = sys(READ, 5, W, 4).word(W, 0xCAFEBABE);
        end.oracle.put(key, new byte[0]);
        end.state.setPreimageKey(key);
        end.state.setPreimageOffset(8);
        end.assertFault("past the end");
    }

    @Test
    void readOfAKeyWithNoPreimageIsAnError() {
        TestVm vm = sys(READ, 5, W, 4).word(W, 0xCAFEBABE);
        vm.oracle.put(localKey(2), DATA_10);
        vm.state.setPreimageKey(localKey(3));
        vm.assertFault("missing");

        TestVm zero = sys(READ, 5, W, 4).word(W, 0xCAFEBABE); // the initial all-zero key names nothing
        zero.assertFault("missing");
    }

    @Test
    void programLoopReadsTheWholePreimageThenHitsTheEnd() {
        byte[] data = "some keccak pre-image data".getBytes(StandardCharsets.US_ASCII);
        TestVm vm = TestVm.with(syscall());
        byte[] key = vm.oracle.putKeccak(data);
        vm.state.setPreimageKey(key);
        int buf = TestVm.DATA + 0x201; // unaligned on purpose
        int total = 8 + data.length;
        int got = 0;
        while (got < total) {
            vm.state.setPc(TestVm.CODE);
            vm.state.setNextPC(TestVm.CODE + 4);
            vm.reg(V0, READ).reg(A0, 5).reg(A1, buf + got).reg(A2, 100);
            vm.step();
            int n = vm.reg(V0);
            assertEquals(Math.min(4 - ((buf + got) & 3), total - got), n);
            got += n;
        }
        byte[] expected = new byte[total];
        expected[7] = (byte) data.length;
        System.arraycopy(data, 0, expected, 8, data.length);
        assertArrayEquals(expected, vm.state.memory().readBytes(buf, total));
        assertEquals(total, vm.state.preimageOffset());

        vm.state.setPc(TestVm.CODE);
        vm.state.setNextPC(TestVm.CODE + 4);
        vm.reg(V0, READ).reg(A0, 5).reg(A1, buf).reg(A2, 4);
        vm.assertFault("past the end");
    }

    @Test
    void keyWriteThenReadRestartsAtOffsetZero() {
        // A read half-way through one pre-image, then a new key: the next read starts at the new length prefix.
        TestVm vm = TestVm.with(syscall());
        byte[] key = localKey(4);
        vm.oracle.put(key, new byte[] {0, 0, 0, 0, 0, 0, 0x12, 0x34});
        vm.state.setPreimageKey(localKey(2));
        vm.state.setPreimageOffset(9);
        vm.state.memory().writeBytes(TestVm.DATA, key, 0, 32);
        for (int i = 0; i < 8; i++) {
            vm.state.setPc(TestVm.CODE);
            vm.state.setNextPC(TestVm.CODE + 4);
            vm.reg(V0, WRITE).reg(A0, 6).reg(A1, TestVm.DATA + 4 * i).reg(A2, 4);
            vm.step();
        }
        assertArrayEquals(key, vm.state.preimageKey());
        assertEquals(0, vm.state.preimageOffset());
        int got = 0;
        for (int i = 0; i < 4; i++) {
            vm.state.setPc(TestVm.CODE);
            vm.state.setNextPC(TestVm.CODE + 4);
            vm.reg(V0, READ).reg(A0, 5).reg(A1, TestVm.DATA + 0x40 + got).reg(A2, 4);
            vm.step();
            got += vm.reg(V0);
        }
        assertEquals(16, got);
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0x12, 0x34},
            vm.state.memory().readBytes(TestVm.DATA + 0x40, 16));
    }

    // ---- fd 4: hints ----

    static byte[] frame(String hint) {
        byte[] h = hint.getBytes(StandardCharsets.UTF_8);
        byte[] f = new byte[4 + h.length];
        f[0] = (byte) (h.length >>> 24);
        f[1] = (byte) (h.length >>> 16);
        f[2] = (byte) (h.length >>> 8);
        f[3] = (byte) h.length;
        System.arraycopy(h, 0, f, 4, h.length);
        return f;
    }

    static byte[] concat(byte[]... parts) {
        int len = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] out = new byte[len];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** Writes {@code bytes[from, to)} to fd 4 in one syscall and checks its result and state effect. */
    private static void writeHintBytes(TestVm vm, int buf, int from, int to) {
        vm.state.setPc(TestVm.CODE);
        vm.state.setNextPC(TestVm.CODE + 4);
        vm.reg(V0, WRITE).reg(A0, 4).reg(A1, buf + from).reg(A2, to - from).reg(A3, 0x77);
        // Hints do not change the state: only the usual result registers and pc move.
        TestVm.Expect want = vm.expect().advanced().ok(to - from);
        vm.step();
        want.matches(vm.state);
    }

    @Test
    void hintSplitAcrossWritesArrivesOnceAndWhole() {
        String hint = "l1-block-header 0x8c1b5e6fd0a4b2e3";
        byte[] f = frame(hint);
        List<String> seen = new ArrayList<>();
        TestVm vm = TestVm.with(syscall());
        vm.oracle.onHint((h, store) -> seen.add(h));
        int buf = TestVm.DATA + 0x301;
        vm.state.memory().writeBytes(buf, f, 0, f.length);

        writeHintBytes(vm, buf, 0, 2); // half the length prefix
        assertEquals(List.of(), seen);
        writeHintBytes(vm, buf, 2, 9); // rest of the prefix and 5 bytes of the hint
        assertEquals(List.of(), seen);
        writeHintBytes(vm, buf, 9, f.length - 1);
        assertEquals(List.of(), seen);
        writeHintBytes(vm, buf, f.length - 1, f.length);
        assertEquals(List.of(hint), seen);
        assertEquals(0, vm.state.lastHint().length, "nothing left pending");
    }

    @Test
    void severalHintsInOneWriteArriveInOrderAndAPartialOneWaits() {
        byte[] third = frame("third");
        byte[] all = concat(frame("first"), frame("second hint"), third);
        List<String> seen = new ArrayList<>();
        TestVm vm = TestVm.with(syscall());
        vm.oracle.onHint((h, store) -> seen.add(h));
        int buf = TestVm.DATA + 0x400;
        vm.state.memory().writeBytes(buf, all, 0, all.length);

        int cut = all.length - 3;
        writeHintBytes(vm, buf, 0, cut);
        assertEquals(List.of("first", "second hint"), seen);
        assertArrayEquals(Arrays.copyOfRange(third, 0, third.length - 3), vm.state.lastHint());
        writeHintBytes(vm, buf, cut, all.length);
        assertEquals(List.of("first", "second hint", "third"), seen);
    }

    @Test
    void hintHandlerCanSupplyThePreimageTheProgramReadsNext() {
        // The host's way of working: a hint names data, the handler fetches it into the store just in time.
        byte[] data = {1, 2, 3};
        byte[] key = localKey(1);
        TestVm vm = TestVm.with(syscall());
        vm.oracle.onHint((h, store) -> {
            if (h.equals("fetch")) {
                store.put(key, data);
            }
        });
        byte[] f = frame("fetch");
        vm.state.memory().writeBytes(TestVm.DATA, f, 0, f.length);
        writeHintBytes(vm, TestVm.DATA, 0, f.length);

        vm.state.setPreimageKey(key);
        vm.state.setPc(TestVm.CODE);
        vm.state.setNextPC(TestVm.CODE + 4);
        vm.reg(V0, READ).reg(A0, 5).reg(A1, W).reg(A2, 4).word(W, 0xFFFFFFFF);
        vm.step();
        assertEquals(4, vm.reg(V0));
        assertEquals(0, vm.word(W));
    }

    // ---- fd 1 and 2: output ----

    @Test
    void stdoutAndStderrBytesReachTheirSinks() {
        byte[] out = "Hello, MIPS!\n".getBytes(StandardCharsets.US_ASCII);
        byte[] err = "oops\n".getBytes(StandardCharsets.US_ASCII);
        int outBuf = 0x1000_0FFE; // straddles a page boundary, unaligned
        int errBuf = TestVm.DATA + 0x503;
        TestVm vm = TestVm.with(syscall());
        vm.state.memory().writeBytes(outBuf, out, 0, out.length);
        vm.state.memory().writeBytes(errBuf, err, 0, err.length);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        vm.emu.setOutput(stdout, stderr);

        vm.reg(V0, WRITE).reg(A0, 1).reg(A1, outBuf).reg(A2, out.length);
        vm.step();
        assertEquals(out.length, vm.reg(V0));
        assertEquals(0, vm.reg(A3));

        vm.state.setPc(TestVm.CODE);
        vm.state.setNextPC(TestVm.CODE + 4);
        vm.reg(V0, WRITE).reg(A0, 2).reg(A1, errBuf).reg(A2, err.length);
        vm.step();

        vm.state.setPc(TestVm.CODE);
        vm.state.setNextPC(TestVm.CODE + 4);
        vm.reg(V0, WRITE).reg(A0, 1).reg(A1, outBuf).reg(A2, 0); // an empty write adds nothing
        vm.step();
        assertEquals(0, vm.reg(V0));

        assertArrayEquals(out, stdout.toByteArray());
        assertArrayEquals(err, stderr.toByteArray());
    }
}
