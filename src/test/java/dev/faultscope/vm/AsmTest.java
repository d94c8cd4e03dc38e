package dev.faultscope.vm;

import org.junit.jupiter.api.Test;

import static dev.faultscope.vm.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Pins the test assembler to encodings a real MIPS assembler (GNU as) produces, so the instruction tests
 * execute what their names say.
 */
class AsmTest {
    private static void same(int expected, int actual) {
        assertEquals(String.format("0x%08x", expected), String.format("0x%08x", actual));
    }

    @Test
    void encodesKnownInstructions() {
        same(0x27BDFFF8, addiu(SP, SP, -8));
        same(0x03E00008, jr(RA));
        same(0x0320F809, jalr(T9));
        same(0x0000000C, syscall());
        same(0x0000000F, sync());
        same(0x00000000, nop());
        same(0x8FA80004, lw(T0, 4, SP));
        same(0xAFBF001C, sw(RA, 28, SP));
        same(0x3C011234, lui(AT, 0x1234));
        same(0x0C100040, jal(0x00400100));
        same(0x08100040, j(0x00400100));
        same(0x00851021, addu(V0, A0, A1));
        same(0x1000FFFF, b(-1));
        same(0x70851002, mul(V0, A0, A1));
        same(0x70821020, clz(V0, A0));
        same(0x70821021, clo(V0, A0));
        same(0x04910004, bgezal(A0, 4));
        same(0x00094100, sll(T0, T1, 4));
        same(0x00001012, mflo(V0));
        same(0x00850018, mult(A0, A1));
        same(0xC0880000, ll(T0, 0, A0));
        same(0xE0880000, sc(T0, 0, A0));
        same(0x00000034, teq(ZERO, ZERO));
        same(0x0000000D, breakInsn(0));
        same(0x3508FFFF, ori(T0, T0, 0xFFFF));
    }

    @Test
    void branchOffsetCountsFromTheDelaySlot() {
        assertEquals(0, offsetTo(0x1000, 0x1004));
        assertEquals(3, offsetTo(0x1000, 0x1010));
        assertEquals(-1, offsetTo(0x1000, 0x1000));
    }

    @Test
    void rejectsFieldsThatDoNotFit() {
        assertThrows(IllegalArgumentException.class, () -> addiu(T0, T0, 0x10000));
        assertThrows(IllegalArgumentException.class, () -> addu(32, T0, T0));
        assertThrows(IllegalArgumentException.class, () -> sll(T0, T0, 32));
    }

    @Test
    void builderLaysWordsConsecutively() {
        VmState s = new VmState();
        Asm.Builder b = Asm.at(s, 0x2000).emit(0x11111111, 0x22222222);
        assertEquals(0x2008, b.here());
        b.org(0x3000).emit(0x33333333);
        assertEquals(0x11111111, s.memory().getWord(0x2000));
        assertEquals(0x22222222, s.memory().getWord(0x2004));
        assertEquals(0x33333333, s.memory().getWord(0x3000));
    }
}
