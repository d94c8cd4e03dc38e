package dev.faultscope.vm;

import dev.faultscope.crypto.Hex;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The spec's independently computed values (cannon-mips32.md section 1). */
class CrossCheckValuesTest {
    @Test
    void emptyMemoryRoot() {
        assertEquals("0x838c5655cb21c6cb83313b5a631175dff4963772cce9108188b34ac87c81c41e", Hex.encode(new Memory().merkleRoot()));
    }

    @Test
    void emptyStateHash() {
        VmState s = new VmState();
        s.setPc(0);
        s.setNextPC(4);
        assertEquals("0x035bfc06cffac3c3e48ae14e308edd2c39314896a680ed3241eb35238e1843a0", Hex.encode(s.stateHash()));
    }
}
