#!/usr/bin/env bash
# Counts the MIPS instructions a program executes under qemu-mips (the VM's step count, give or
# take the few instructions qemu runs differently: none of our programs take signals or faults).
# qemu logs every translated block (in_asm) and every block it executes (exec, with chaining
# off); the count is the sum, over executed blocks, of the block's instruction count.
#   usage: src/test/mips/count-insns.sh PROGRAM.elf...
set -euo pipefail
for elf in "$@"; do
    fifo="$(mktemp -u)"
    mkfifo "$fifo"
    qemu-mips -d in_asm,exec,nochain -D "$fifo" "$elf" >/dev/null 2>&1 &
    qpid=$!
    awk -v elf="$elf" '
        /^IN:/           { n = 0; pending = 1; next }
        /^0x[0-9a-f]+:/  { if (pending) n++; next }
        /^Trace /        { if (pending) { size[$3] = n; pending = 0 }
                           total += size[$3]; next }
        END              { printf "%s: %d instructions\n", elf, total }' <"$fifo"
    wait "$qpid" || true
    rm -f "$fifo"
done
