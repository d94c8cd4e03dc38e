package dev.faultscope.vm;

import dev.faultscope.crypto.Hex;
import dev.faultscope.oracle.PreimageOracle;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The syscalls of cannon-mips32.md section 4 and the pre-image oracle's file descriptors (section 5).
 * Number in $v0, arguments in $a0..$a3, results in $v0 and $a3.
 */
final class Syscalls {
    static final int SYS_MMAP = 4090;
    static final int SYS_BRK = 4045;
    static final int SYS_CLONE = 4120;
    static final int SYS_EXIT_GROUP = 4246;
    static final int SYS_READ = 4003;
    static final int SYS_WRITE = 4004;
    static final int SYS_FCNTL = 4055;

    static final int FD_STDIN = 0;
    static final int FD_STDOUT = 1;
    static final int FD_STDERR = 2;
    static final int FD_HINT_READ = 3;
    static final int FD_HINT_WRITE = 4;
    static final int FD_PREIMAGE_READ = 5;
    static final int FD_PREIMAGE_WRITE = 6;

    static final int EBADF = 9;
    static final int EINVAL = 0x16;
    static final int HEAP_END = 0x60000000;
    static final int BRK_START = 0x40000000;
    /** A host limit, not Cannon's: real hints are short, and this keeps a runaway write from exhausting memory. */
    static final int MAX_HINT_WRITE = 16 << 20;

    private final Mips32Emulator emu;
    private final VmState s;
    private final PreimageOracle oracle;
    private OutputStream stdout;
    private OutputStream stderr;
    private final byte[] copyBuffer = new byte[4096];

    /** The pre-image of the current key as {@code uint64 length ‖ data}, fetched once per key. */
    private final byte[] cachedKey = new byte[32];
    private byte[] cachedValue;

    Syscalls(Mips32Emulator emu, VmState s, PreimageOracle oracle) {
        this.emu = emu;
        this.s = s;
        this.oracle = oracle == null ? PreimageOracle.NONE : oracle;
    }

    void setOutput(OutputStream stdout, OutputStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    void handle(int insn) {
        int[] r = s.registers;
        int a0 = r[4];
        int a1 = r[5];
        int a2 = r[6];
        int v0 = 0;
        int v1 = 0;
        switch (r[2]) {
            case SYS_MMAP -> {
                long len = a1 & 0xFFFFFFFFL;
                long size = (len + 0xFFF) & ~0xFFFL;
                if (a0 != 0) {
                    v0 = a0;
                } else {
                    long newHeap = (s.heap & 0xFFFFFFFFL) + size;
                    if (size > 0xFFFFFFFFL || newHeap > HEAP_END) {
                        v0 = -1;
                        v1 = EINVAL;
                    } else {
                        v0 = s.heap;
                        s.heap = (int) newHeap;
                    }
                }
            }
            case SYS_BRK -> v0 = BRK_START;
            case SYS_CLONE -> v0 = 1;
            case SYS_EXIT_GROUP -> {
                s.exited = true;
                s.exitCode = a0 & 0xFF;
                return;
            }
            case SYS_READ -> {
                switch (a0) {
                    case FD_STDIN -> v0 = 0;
                    case FD_HINT_READ -> v0 = a2;
                    case FD_PREIMAGE_READ -> v0 = readPreimage(insn, a1, a2);
                    default -> {
                        v0 = -1;
                        v1 = EBADF;
                    }
                }
            }
            case SYS_WRITE -> {
                switch (a0) {
                    case FD_STDOUT -> {
                        copyOut(stdout, a1, a2);
                        v0 = a2;
                    }
                    case FD_STDERR -> {
                        copyOut(stderr, a1, a2);
                        v0 = a2;
                    }
                    case FD_HINT_WRITE -> {
                        addHintBytes(insn, a1, a2);
                        v0 = a2;
                    }
                    case FD_PREIMAGE_WRITE -> v0 = writePreimageKey(a1, a2);
                    default -> {
                        v0 = -1;
                        v1 = EBADF;
                    }
                }
            }
            case SYS_FCNTL -> {
                if (a1 == 3) { // F_GETFL
                    switch (a0) {
                        case FD_STDIN, FD_HINT_READ, FD_PREIMAGE_READ -> v0 = 0;
                        case FD_STDOUT, FD_STDERR, FD_HINT_WRITE, FD_PREIMAGE_WRITE -> v0 = 1;
                        default -> {
                            v0 = -1;
                            v1 = EBADF;
                        }
                    }
                } else if (a1 == 1) { // F_GETFD
                    if (a0 >= 0 && a0 <= 6) {
                        v0 = 0;
                    } else {
                        v0 = -1;
                        v1 = EBADF;
                    }
                } else {
                    v0 = -1;
                    v1 = EINVAL;
                }
            }
            default -> {
                // Every other syscall is a no-op returning 0.
            }
        }
        r[2] = v0;
        r[7] = v1;
        emu.advance();
    }

    /** fd 5: copies the next bytes of {@code uint64 length ‖ data} into the word at buf. */
    private int readPreimage(int insn, int buf, int count) {
        int addr = buf & ~3;
        int word = emu.readData(addr);
        byte[] value = currentPreimage(insn);
        long offset = s.preimageOffset & 0xFFFFFFFFL;
        if (offset >= value.length) {
            throw emu.fault(insn, "pre-image read at offset " + offset + " is past the end (" + value.length
                + " bytes with the length prefix) of key " + Hex.encode(s.preimageKey));
        }
        int align = buf & 3;
        long n = Math.min(Math.min(count & 0xFFFFFFFFL, 4 - align), value.length - offset);
        emu.notePreimageRead(s.preimageKey, value, (int) offset);
        for (int i = 0; i < n; i++) {
            int shift = (3 - (align + i)) * 8;
            word = (word & ~(0xFF << shift)) | ((value[(int) offset + i] & 0xFF) << shift);
        }
        emu.writeData(addr, word);
        s.preimageOffset += (int) n;
        return (int) n;
    }

    private byte[] currentPreimage(int insn) {
        if (cachedValue != null && Arrays.equals(cachedKey, s.preimageKey)) {
            return cachedValue;
        }
        byte[] data = oracle.preimage(s.preimageKey.clone());
        if (data == null) {
            throw emu.fault(insn, "missing pre-image for key " + Hex.encode(s.preimageKey));
        }
        byte[] value = new byte[8 + data.length];
        long len = data.length;
        for (int i = 0; i < 8; i++) {
            value[i] = (byte) (len >>> (56 - 8 * i));
        }
        System.arraycopy(data, 0, value, 8, data.length);
        System.arraycopy(s.preimageKey, 0, cachedKey, 0, 32);
        cachedValue = value;
        return value;
    }

    /** fd 6: shifts up to the rest of the word at buf into the key. */
    private int writePreimageKey(int buf, int count) {
        int addr = buf & ~3;
        int word = emu.readData(addr);
        int align = buf & 3;
        int n = (int) Math.min(count & 0xFFFFFFFFL, 4 - align);
        byte[] key = s.preimageKey;
        System.arraycopy(key, n, key, 0, 32 - n);
        for (int i = 0; i < n; i++) {
            key[32 - n + i] = (byte) (word >>> ((3 - (align + i)) * 8));
        }
        s.preimageOffset = 0;
        return n;
    }

    private void copyOut(OutputStream out, int addr, int count) {
        if (out == null) {
            return;
        }
        long remaining = count & 0xFFFFFFFFL;
        int at = addr;
        try {
            while (remaining > 0) {
                int n = (int) Math.min(remaining, copyBuffer.length);
                s.memory.readBytes(at, copyBuffer, 0, n);
                out.write(copyBuffer, 0, n);
                at += n;
                remaining -= n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** fd 4: hint bytes are framed {@code uint32 length ‖ hint}; whole hints go to the oracle. */
    private void addHintBytes(int insn, int addr, int count) {
        if (Integer.compareUnsigned(count, MAX_HINT_WRITE) > 0) {
            throw emu.fault(insn, "hint write of " + Integer.toUnsignedString(count) + " bytes exceeds the "
                + MAX_HINT_WRITE + " bytes this host accepts at once");
        }
        byte[] added = s.memory.readBytes(addr, count);
        byte[] buf = Arrays.copyOf(s.lastHint, s.lastHint.length + added.length);
        System.arraycopy(added, 0, buf, s.lastHint.length, added.length);
        int pos = 0;
        while (buf.length - pos >= 4) {
            long len = ((buf[pos] & 0xFFL) << 24) | ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
            if (len > buf.length - pos - 4) {
                break;
            }
            oracle.hint(Arrays.copyOfRange(buf, pos + 4, pos + 4 + (int) len));
            pos += 4 + (int) len;
        }
        s.lastHint = Arrays.copyOfRange(buf, pos, buf.length);
    }
}
