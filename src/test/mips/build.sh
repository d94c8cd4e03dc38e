#!/usr/bin/env bash
# Rebuilds every MIPS32 program Faultscope runs (tests, benchmark, sample), records the output
# each one gives under qemu-mips, and refuses any instruction the VM does not implement.
#   usage: src/test/mips/build.sh          (from anywhere; needs mips-linux-gnu-gcc, objdump, qemu-mips)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$ROOT"

QEMU=qemu-mips

# mips_build OUT.elf SRC... compiles SRC with the runtime (src/mips/rt) and fails on any instruction the
# VM lacks or a segment reaching the heap. The flags, the runtime list, the scan and the segment check
# are shared with the fault proof program's build (src/fpp/Makefile); src/mips/toolchain.sh says why
# each flag is there.
# shellcheck source=../../mips/toolchain.sh
source src/mips/toolchain.sh

# record OUT.elf DIR/NAME : run under qemu and keep stdout, stderr and the exit code
record() {
    local elf="$1" base="$2" code=0
    $QEMU "$elf" </dev/null >"$base.stdout" 2>"$base.stderr" || code=$?
    echo "$code" >"$base.exit"
}

TESTS=(arith memory control keccak heap int64 exit3)
OUT=src/test/resources/mips
for t in "${TESTS[@]}"; do
    mips_build "$OUT/$t.elf" "src/test/mips/$t.c"
    record "$OUT/$t.elf" "$OUT/$t"
    printf '%-8s %7d bytes  exit %s\n' "$t" "$(stat -c %s "$OUT/$t.elf")" "$(cat "$OUT/$t.exit")"
done

# Segment layouts the loader must take as qemu and Cannon do (src/test/mips/README.md, "Segment layouts").
# reverse_phdrs IN OUT: OUT is IN with its program header table in reverse order (ELF asks for ascending
# PT_LOAD entries, but loaders do not depend on it, and neither may ours).
reverse_phdrs() {
    local in="$1" out="$2" phoff phnum i
    cp "$in" "$out"
    phoff=$((16#$(od -An -tx1 -j28 -N4 "$in" | tr -d ' \n')))
    phnum=$((16#$(od -An -tx1 -j44 -N2 "$in" | tr -d ' \n')))
    for ((i = 0; i < phnum; i++)); do
        dd if="$in" of="$out" bs=1 skip=$((phoff + 32 * i)) seek=$((phoff + 32 * (phnum - 1 - i))) count=32 conv=notrunc status=none
    done
}
mips_build "$OUT/bss.elf" src/test/mips/bss.c
record "$OUT/bss.elf" "$OUT/bss"
FAR=(-Wl,--section-start=.far1=0x01000000 -Wl,--section-start=.far2=0x02000010)
mips_build "$OUT/segments.elf" src/test/mips/segments.c "${FAR[@]}"
record "$OUT/segments.elf" "$OUT/segments"
reverse_phdrs "$OUT/segments.elf" "$OUT/segments-unsorted.elf"
record "$OUT/segments-unsorted.elf" "$OUT/segments-unsorted"
# -n: segments aligned only as their sections are (p_align 0x10 and 4), file offsets not page-congruent. qemu
# cannot mmap that, so this build has no recording of its own: it must behave as segments.elf.
mips_build "$OUT/segments-packed.elf" src/test/mips/segments.c "${FAR[@]}" -Wl,-n
for t in bss segments segments-unsorted segments-packed; do
    printf '%-18s %7d bytes  exit %s\n' "$t" "$(stat -c %s "$OUT/$t.elf")" "$(cat "$OUT/${t%-packed}.exit")"
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

mips_build resources/programs/bench.elf src/bench/mips/bench.c
run_clean resources/programs/bench.elf resources/programs/bench
# The same benchmark run longer (about 10^9 steps), for `bench seek` over a run of that length.
mips_build resources/programs/bench-long.elf src/bench/mips/bench.c -DROUNDS=500
run_clean resources/programs/bench-long.elf resources/programs/bench-long

mips_build samples/programs/hello.elf samples/programs/hello.c
run_clean samples/programs/hello.elf samples/programs/hello

echo "all MIPS programs rebuilt; instruction scan clean"
