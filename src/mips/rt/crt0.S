/*
 * crt0.S - process entry for Faultscope's MIPS32 programs (tests, benchmark, sample, FPP).
 *
 * The loader (Cannon's load-elf, or qemu-mips) starts us at _start with
 * $sp pointing at argc, followed by the argv pointers, a NULL, the envp
 * pointers and another NULL. We set up $gp for small-data accesses, call
 * main(argc, argv, envp) and pass its return value to exit_group.
 */
        .set    noreorder
        .text
        .globl  _start
        .type   _start, @function
        .ent    _start
_start:
        lui     $gp, %hi(_gp)
        addiu   $gp, $gp, %lo(_gp)
        lw      $a0, 0($sp)             /* argc */
        addiu   $a1, $sp, 4             /* argv */
        sll     $t0, $a0, 2
        addu    $a2, $a1, $t0
        addiu   $a2, $a2, 4             /* envp = argv + argc + 1 */
        li      $t1, -8
        and     $sp, $sp, $t1           /* 8-byte aligned stack */
        addiu   $sp, $sp, -24           /* o32: 16 bytes of argument save area */
        jal     main
        nop
        move    $a0, $v0
        li      $v0, 4246               /* exit_group(main's result) */
        syscall
1:      b       1b                      /* not reached */
        nop
        .end    _start
        .size   _start, .-_start
