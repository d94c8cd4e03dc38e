#!/usr/bin/env bash
# Rebuilds every MIPS32 program Faultscope runs (tests, benchmark, sample), records the output
# each one gives under qemu-mips, and refuses any instruction the VM does not implement.
#   usage: src/test/mips/build.sh          (from anywhere; needs mips-linux-gnu-gcc, objdump, qemu-mips)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$ROOT"

CC=mips-linux-gnu-gcc
OBJDUMP=mips-linux-gnu-objdump
QEMU=qemu-mips

# See src/test/mips/README.md for why each flag is here.
CFLAGS=(
    -march=mips32 -mno-check-zero-division -mno-imadd -mno-branch-likely -msoft-float
    -static -nostdlib -ffreestanding -fno-builtin -fno-pic -mno-abicalls
    -O2 -std=c11 -Wall -Wextra -Werror
    -fno-asynchronous-unwind-tables -fno-unwind-tables -fno-ident
    -ffile-prefix-map="$ROOT"=.
    -Isrc/test/mips
    -Wl,-e,_start -Wl,--build-id=none -Wl,-Ttext-segment=0x400000 -Wl,-z,norelro
)

RT=(src/test/mips/rt/crt0.S src/test/mips/rt/rt.c src/test/mips/rt/keccak.c)

# Mnemonics objdump may print for the instructions the VM supports (spec section 3),
# including its aliases: nop/ssnop (sll), move (addu/or), b/beqz/bnez (beq/bne), bal (bgezal),
# li (addiu/ori), negu/neg (subu/sub), not (nor).
ALLOWED="sll srl sra sllv srlv srav jr jalr movz movn syscall sync mfhi mthi mflo mtlo
mult multu div divu add addu sub subu and or xor nor slt sltu
bltz bgez bgezal j jal beq bne blez bgtz addi addiu slti sltiu andi ori xori lui
mul clz clo lb lh lwl lw lbu lhu lwr sb sh swl sw swr ll sc
nop ssnop move b beqz bnez bal li negu neg not"

scan() {
    local elf="$1"
    local bad
    bad="$($OBJDUMP -d "$elf" | awk -F'\t' -v allowed="$ALLOWED" '
        BEGIN { n = split(allowed, a, /[ \n]+/); for (i = 1; i <= n; i++) ok[a[i]] = 1 }
        /^ *[0-9a-f]+:\t/ { split($3, m, " "); if (!(m[1] in ok)) print "  " $0 }')"
    if [[ -n "$bad" ]]; then
        echo "error: $elf contains instructions the VM does not support:" >&2
        echo "$bad" | head -20 >&2
        exit 1
    fi
}

check_segments() {
    local elf="$1" type offset vaddr paddr filesz memsz rest
    # Cannon's loader rejects any segment ending at or above 0x05000000 (the heap start).
    while read -r type offset vaddr paddr filesz memsz rest; do
        if (( vaddr + memsz >= 0x05000000 )); then
            echo "error: $elf: a $type segment ends at $(printf '%#x' $((vaddr + memsz)))" >&2
            exit 1
        fi
    done < <(mips-linux-gnu-readelf -lW "$elf" | awk '$2 ~ /^0x/ && $3 ~ /^0x/')
}

# build OUT.elf main.c : compile the runtime and one program into a static ELF
build() {
    local out="$1" src="$2"
    mkdir -p "$(dirname "$out")"
    $CC "${CFLAGS[@]}" -o "$out" "${RT[@]}" "$src"
    scan "$out"
    check_segments "$out"
}

# record OUT.elf DIR/NAME : run under qemu and keep stdout, stderr and the exit code
record() {
    local elf="$1" base="$2" code=0
    $QEMU "$elf" </dev/null >"$base.stdout" 2>"$base.stderr" || code=$?
    echo "$code" >"$base.exit"
}

TESTS=(arith memory control keccak heap int64 exit3)
OUT=src/test/resources/mips
for t in "${TESTS[@]}"; do
    build "$OUT/$t.elf" "src/test/mips/$t.c"
    record "$OUT/$t.elf" "$OUT/$t"
    printf '%-8s %7d bytes  exit %s\n' "$t" "$(stat -c %s "$OUT/$t.elf")" "$(cat "$OUT/$t.exit")"
done

# The benchmark and the sample keep only their stdout; they must exit 0 without writing to stderr.
run_clean() {
    local elf="$1" base="$2"
    record "$elf" "$base"
    if [[ "$(cat "$base.exit")" != 0 || -s "$base.stderr" ]]; then
        echo "error: $elf exited $(cat "$base.exit") or wrote to stderr" >&2
        exit 1
    fi
    rm -f "$base.stderr" "$base.exit"
    printf '%-8s %7d bytes  exit 0\n' "$(basename "$elf" .elf)" "$(stat -c %s "$elf")"
}

build resources/programs/bench.elf src/bench/mips/bench.c
run_clean resources/programs/bench.elf resources/programs/bench

build samples/programs/hello.elf samples/programs/hello.c
run_clean samples/programs/hello.elf samples/programs/hello

echo "all MIPS programs rebuilt; instruction scan clean"
