#!/usr/bin/env bash
# The one definition of how Faultscope's MIPS32 programs are built and checked: the compiler and linker
# flags (cannon-mips32.md section 10), the shared runtime (src/mips/rt), the scan for instructions the VM
# lacks and the segment limit. Used by src/test/mips/build.sh (tests, benchmark, sample) and by
# src/fpp/Makefile (the fault proof program).
#
#   src/mips/toolchain.sh build OUT.elf SRC...   compile SRC... with the runtime into OUT.elf, then check it
#   src/mips/toolchain.sh check FILE.elf         only the instruction scan and the segment check
#   source src/mips/toolchain.sh                 (bash) for mips_build / mips_check_elf and the variables
#
# SRC paths are taken relative to the caller's directory; only their base names end up in the ELF
# (STT_FILE symbols), so the bytes do not depend on where the repository is checked out.

MIPS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MIPS_CC="${MIPS_CC:-mips-linux-gnu-gcc}"
MIPS_OBJDUMP="${MIPS_OBJDUMP:-mips-linux-gnu-objdump}"
MIPS_READELF="${MIPS_READELF:-mips-linux-gnu-readelf}"

# The runtime every program is linked with: _start, syscalls, mem*, printf, 64-bit division, Keccak.
MIPS_RT=("$MIPS_ROOT/src/mips/rt/crt0.S" "$MIPS_ROOT/src/mips/rt/rt.c" "$MIPS_ROOT/src/mips/rt/keccak.c")

MIPS_CFLAGS=(
    # MIPS32 release 1: release 2 adds seb/seh/wsbh/ext/ins/rotr, which the VM lacks.
    -march=mips32
    # Otherwise gcc puts a `teq` trap after every div/divu; the VM has no traps.
    -mno-check-zero-division
    # No madd/msub/maddu/msubu (multiply-accumulate is not implemented).
    -mno-imadd
    # No beql/bnel (already gcc's default for mips32; stated to be sure).
    -mno-branch-likely
    # No FPU instructions at all (the programs use no floating point anyway).
    -msoft-float
    # No C library: the runtime provides everything, and gcc must not assume libc.
    -static -nostdlib -ffreestanding -fno-builtin
    # Plain absolute code: no GOT, no $t9-relative calls, no dynamic linking.
    -fno-pic -mno-abicalls
    -O2 -std=c11 -Wall -Wextra -Werror
    # No .eh_frame and no .comment: smaller, and nothing that varies between builds.
    -fno-asynchronous-unwind-tables -fno-unwind-tables -fno-ident
    # One section per function and per object, so that --gc-sections (below) drops the runtime's
    # functions a program never calls (the FPP needs no mmap, puts or print_hex).
    -ffunction-sections -fdata-sections
    # No absolute paths from the build machine.
    "-ffile-prefix-map=$MIPS_ROOT=."
    # Programs include "rt/rt.h" and "rt/keccak.h".
    "-I$MIPS_ROOT/src/mips"
)

MIPS_LDFLAGS=(
    # gcc puts main in .text.startup before _start; the entry must be _start.
    -Wl,-e,_start
    # Deterministic output at a fixed address well below the heap (0x05000000).
    -Wl,--build-id=none -Wl,-Ttext-segment=0x400000 -Wl,-z,norelro
    # Drop unreferenced sections (see -ffunction-sections).
    -Wl,--gc-sections
)

# Mnemonics objdump may print for the instructions the VM supports (spec section 3), including its
# aliases: nop/ssnop (sll), move (addu/or), b/beqz/bnez (beq/bne), bal (bgezal), li (addiu/ori),
# negu/neg (subu/sub), not (nor).
MIPS_ALLOWED="sll srl sra sllv srlv srav jr jalr movz movn syscall sync mfhi mthi mflo mtlo
mult multu div divu add addu sub subu and or xor nor slt sltu
bltz bgez bgezal j jal beq bne blez bgtz addi addiu slti sltiu andi ori xori lui
mul clz clo lb lh lwl lw lbu lhu lwr sb sh swl sw swr ll sc
nop ssnop move b beqz bnez bal li negu neg not"

# mips_check_elf FILE.elf: refuses an ELF the VM could not run to the end. Any instruction outside the
# VM's set (a bad build must fail here, not mid-run or mid-dispute as a VM fault), and any segment
# reaching Cannon's heap start 0x05000000 (its loader rejects it). Returns 1 with a message on stderr.
mips_check_elf() {
    local elf="$1" bad type offset vaddr paddr filesz memsz rest
    bad="$("$MIPS_OBJDUMP" -d "$elf" | awk -F'\t' -v allowed="$MIPS_ALLOWED" '
        BEGIN { n = split(allowed, a, /[ \n]+/); for (i = 1; i <= n; i++) ok[a[i]] = 1 }
        /^ *[0-9a-f]+:\t/ { split($3, m, " "); if (!(m[1] in ok)) print "  " $0 }')" || return 1
    if [[ -n "$bad" ]]; then
        echo "error: $elf contains instructions the VM does not support:" >&2
        echo "$bad" | head -20 >&2
        return 1
    fi
    while read -r type offset vaddr paddr filesz memsz rest; do
        if (( vaddr + memsz >= 0x05000000 )); then
            echo "error: $elf: a $type segment ends at $(printf '%#x' $((vaddr + memsz))), at or above 0x05000000" >&2
            return 1
        fi
    done < <("$MIPS_READELF" -lW "$elf" | awk '$2 ~ /^0x/ && $3 ~ /^0x/')
}

# mips_build OUT.elf SRC...: compiles the runtime with SRC... into one static ELF and checks it.
mips_build() {
    local out="$1"
    shift
    mkdir -p "$(dirname "$out")"
    "$MIPS_CC" "${MIPS_CFLAGS[@]}" "${MIPS_LDFLAGS[@]}" -o "$out" "${MIPS_RT[@]}" "$@" || return 1
    mips_check_elf "$out"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    set -euo pipefail
    case "${1:-}" in
    build)
        [[ $# -ge 3 ]] || { echo "usage: $0 build OUT.elf SRC..." >&2; exit 2; }
        shift
        mips_build "$@"
        ;;
    check)
        [[ $# -eq 2 ]] || { echo "usage: $0 check FILE.elf" >&2; exit 2; }
        mips_check_elf "$2"
        ;;
    *)
        echo "usage: $0 build OUT.elf SRC... | check FILE.elf" >&2
        exit 2
        ;;
    esac
fi
