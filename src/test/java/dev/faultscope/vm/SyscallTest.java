package dev.faultscope.vm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.faultscope.vm.Asm.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The syscalls of spec section 4, except the pre-image and hint file descriptors (PreimageSyscallTest).
 * Results go to $v0 and $a3 only; $a3 starts non-zero here so a success that forgets to clear it shows.
 */
class SyscallTest {
    static final int MMAP = 4090, BRK = 4045, CLONE = 4120, EXIT_GROUP = 4246;
    static final int READ = 4003, WRITE = 4004, FCNTL = 4055;
    static final int EBADF = 9, EINVAL = 0x16;

    static int h(String hex) {
        return Integer.parseUnsignedInt(hex, 16);
    }

    static TestVm sys(int number, int a0, int a1, int a2) {
        return TestVm.with(syscall()).reg(V0, number).reg(A0, a0).reg(A1, a1).reg(A2, a2).reg(A3, 0x77)
            .reg(V1, 0x3333).reg(T0, 0x4444).reg(RA, 0x5555);
    }

    private static void assertSyscall(TestVm vm, TestVm.Expect want) {
        vm.step();
        want.matches(vm.state);
    }

    // ---- mmap ----

    @ParameterizedTest(name = "heap {0}, mmap({1}, {2}) -> v0 {3}, a3 {4}, heap {5}")
    @CsvSource({
        // addr != 0: returns addr, never fails, heap unchanged
        "05000000, 12345000, 00000010, 12345000, 0,  05000000",
        "05000000, 12345000, FFFFFFFF, 12345000, 0,  05000000",
        "60000000, 00001000, 00001000, 00001000, 0,  60000000",
        "05000000, 00000001, 7FFFFFFF, 00000001, 0,  05000000",
        // addr == 0: allocate from the heap, size rounded up to 4 KiB
        "05000000, 00000000, 00000001, 05000000, 0,  05001000",
        "05000000, 00000000, 00000FFF, 05000000, 0,  05001000",
        "05000000, 00000000, 00001000, 05000000, 0,  05001000",
        "05000000, 00000000, 00001001, 05000000, 0,  05002000",
        "05000000, 00000000, 00000000, 05000000, 0,  05000000",
        "05123000, 00000000, 00123456, 05123000, 0,  05247000",
        // a heap ending exactly at 0x60000000 is fine
        "5FFFF000, 00000000, 00001000, 5FFFF000, 0,  60000000",
        "5FFFF000, 00000000, 00000001, 5FFFF000, 0,  60000000",
        "05000000, 00000000, 5B000000, 05000000, 0,  60000000",
        "60000000, 00000000, 00000000, 60000000, 0,  60000000",
        // beyond 0x60000000: EINVAL, heap unchanged
        "5FFFF000, 00000000, 00001001, FFFFFFFF, 22, 5FFFF000",
        "05000000, 00000000, 5B000001, FFFFFFFF, 22, 05000000",
        "60000000, 00000000, 00000001, FFFFFFFF, 22, 60000000",
        "00000000, 00000000, FFFFF000, FFFFFFFF, 22, 00000000",
        // heap + size wraps past 2^32 (to a value that would pass the limit check on its own)
        "A0000000, 00000000, 60000000, FFFFFFFF, 22, A0000000",
        "FFFFF000, 00000000, 00002000, FFFFFFFF, 22, FFFFF000",
        // the rounding itself overflows (len >= 0xFFFFF001 rounds to 0 in uint32)
        "00000000, 00000000, FFFFF001, FFFFFFFF, 22, 00000000",
        "00000000, 00000000, FFFFFFFF, FFFFFFFF, 22, 00000000",
        "05000000, 00000000, FFFFF001, FFFFFFFF, 22, 05000000",
    })
    void mmap(String heap, String addr, String len, String v0, int a3, String heapAfter) {
        TestVm vm = sys(MMAP, h(addr), h(len), 0);
        vm.state.setHeap(h(heap));
        TestVm.Expect want = vm.expect().advanced().reg(V0, h(v0)).reg(A3, a3).heap(h(heapAfter));
        assertSyscall(vm, want);
    }

    @Test
    void mmapDoesNotTouchMemory() {
        TestVm vm = sys(MMAP, 0, 0x3000, 0);
        int pagesBefore = vm.state.memory().pageCount();
        byte[] rootBefore = vm.state.memory().merkleRoot();
        vm.step();
        assertEquals(pagesBefore, vm.state.memory().pageCount());
        assertArrayEquals(rootBefore, vm.state.memory().merkleRoot());
    }

    // ---- brk, clone ----

    @ParameterizedTest(name = "brk({0})")
    @ValueSource(strings = {"00000000", "40001000", "FFFFFFFF"})
    void brkAlwaysReturnsItsFixedBreak(String a0) {
        TestVm vm = sys(BRK, h(a0), 0, 0);
        assertSyscall(vm, vm.expect().advanced().ok(0x40000000));
    }

    @Test
    void cloneReturnsOne() {
        TestVm vm = sys(CLONE, 0x50f00, 0x7FFF0000, 0);
        assertSyscall(vm, vm.expect().advanced().ok(1));
    }

    // ---- exit_group ----

    @ParameterizedTest(name = "exit_group({0}) -> exit code {1}, status {2}")
    @CsvSource({
        "00000000, 0,   0",
        "00000001, 1,   1",
        "00000002, 2,   2",
        "00001234, 52,  2", // 0x34
        "00000100, 0,   0", // only the low byte counts
        "FFFFFFFF, 255, 2",
    })
    void exitGroup(String code, int exitCode, int status) {
        TestVm vm = sys(EXIT_GROUP, h(code), 0, 0);
        // pc and nextPC stay on the syscall; v0 and a3 keep their values; only the step is counted.
        TestVm.Expect want = vm.expect().stepped().exit(exitCode);
        assertSyscall(vm, want);
        assertTrue(vm.state.exited());
        assertEquals(exitCode, vm.state.exitCode());
        assertEquals(status, vm.state.status());
        assertEquals(status, vm.state.stateHash()[0]);
    }

    @Test
    void stepsAfterExitChangeNothing() {
        TestVm vm = sys(EXIT_GROUP, 3, 0, 0);
        vm.step();
        byte[] witness = vm.state.witness();
        long step = vm.state.step();

        vm.step();
        vm.step();
        assertArrayEquals(witness, vm.state.witness(), "a step on an exited state changes nothing");
        assertEquals(step, vm.state.step(), "not even the step counter");
        assertEquals(0, vm.emu.run(100), "run executes nothing once exited");
        assertArrayEquals(witness, vm.state.witness());
    }

    // ---- read / write on the plain file descriptors ----

    @Test
    void readStdinIsEndOfFile() {
        TestVm vm = sys(READ, 0, TestVm.DATA, 64).word(TestVm.DATA, 0x12345678);
        assertSyscall(vm, vm.expect().advanced().ok(0));
    }

    @Test
    void readHintAckReturnsCountAndLeavesMemory() {
        TestVm vm = sys(READ, 3, TestVm.DATA + 1, 17).word(TestVm.DATA, 0x12345678);
        assertSyscall(vm, vm.expect().advanced().ok(17));
    }

    @ParameterizedTest(name = "read fd {0}")
    @ValueSource(ints = {1, 2, 4, 6, 7, 100, -1})
    void readOtherFdIsEbadf(int fd) {
        TestVm vm = sys(READ, fd, TestVm.DATA, 4).word(TestVm.DATA, 0x12345678);
        assertSyscall(vm, vm.expect().advanced().error(EBADF));
    }

    @ParameterizedTest(name = "write fd {0}")
    @ValueSource(ints = {1, 2, 4})
    void writeOutputFdsReturnCount(int fd) {
        TestVm vm = sys(WRITE, fd, TestVm.DATA, 0).word(TestVm.DATA, 0x41424344);
        assertSyscall(vm, vm.expect().advanced().ok(0));
        vm = sys(WRITE, fd, TestVm.DATA, 3).word(TestVm.DATA, 0x41424344);
        assertSyscall(vm, vm.expect().advanced().ok(3));
    }

    @ParameterizedTest(name = "write fd {0}")
    @ValueSource(ints = {0, 3, 5, 7, 100, -1})
    void writeOtherFdIsEbadf(int fd) {
        TestVm vm = sys(WRITE, fd, TestVm.DATA, 4).word(TestVm.DATA, 0x12345678);
        assertSyscall(vm, vm.expect().advanced().error(EBADF));
    }

    // ---- fcntl ----

    @ParameterizedTest(name = "fcntl({0}, {1}) -> v0 {2}, a3 {3}")
    @CsvSource({
        // F_GETFL (3): read-only fds 0, 3, 5 -> O_RDONLY 0; write fds 1, 2, 4, 6 -> O_WRONLY 1
        "0,  3, 00000000, 0",
        "3,  3, 00000000, 0",
        "5,  3, 00000000, 0",
        "1,  3, 00000001, 0",
        "2,  3, 00000001, 0",
        "4,  3, 00000001, 0",
        "6,  3, 00000001, 0",
        "7,  3, FFFFFFFF, 9",
        "-1, 3, FFFFFFFF, 9",
        // F_GETFD (1): fds 0..6 -> 0
        "0,  1, 00000000, 0",
        "3,  1, 00000000, 0",
        "6,  1, 00000000, 0",
        "7,  1, FFFFFFFF, 9",
        "-1, 1, FFFFFFFF, 9",
        // any other command is EINVAL, whatever the fd
        "0,  2, FFFFFFFF, 22",
        "1,  0, FFFFFFFF, 22",
        "5,  4, FFFFFFFF, 22",
        "99, 2, FFFFFFFF, 22",
        "1, -1, FFFFFFFF, 22",
    })
    void fcntl(int fd, int cmd, String v0, int a3) {
        TestVm vm = sys(FCNTL, fd, cmd, 0);
        assertSyscall(vm, vm.expect().advanced().reg(V0, h(v0)).reg(A3, a3));
    }

    // ---- everything else ----

    @ParameterizedTest(name = "syscall {0}")
    @ValueSource(ints = {0, 1, 4000, 4001, 4005, 4006, 4091, 4162, 4166, 4194, 4218, 4222, 4238, 4283, 5000, -1})
    void unknownSyscallIsANoOpReturningZero(int number) {
        TestVm vm = sys(number, 1, 2, 3).word(TestVm.DATA, 0x12345678);
        assertSyscall(vm, vm.expect().advanced().ok(0));
    }
}
