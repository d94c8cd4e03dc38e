#!/bin/sh
# Rebuilds the ELF test fixtures and their objdump listings. The tests only read the committed outputs, so
# running them needs no cross compiler; run this (with mips-linux-gnu-gcc, binutils, qemu-mips, python3) only
# after changing a source here.
set -eu
cd "$(dirname "$0")"

# The compiler flags of cannon-mips32.md section 10, plus the entry symbol (the linker's default is __start).
CFLAGS="-march=mips32 -mno-check-zero-division -mno-imadd -static -nostdlib -ffreestanding -fno-pic -mno-abicalls -O1"

mips-linux-gnu-gcc $CFLAGS -Wl,--entry=_start -Wl,--build-id=none -o hello.elf hello.c
mips-linux-gnu-objdump -d -z hello.elf > hello.objdump.txt
# The program's exit code on a real (emulated) Linux MIPS machine, which the VM must reproduce.
set +e
qemu-mips ./hello.elf
echo $? > hello.exitcode
set -e

# The same program built the default way for MIPS32r2: teq (zero-division check) and seh appear.
mips-linux-gnu-gcc -march=mips32r2 -static -nostdlib -ffreestanding -fno-pic -mno-abicalls -O1 \
    -Wl,--entry=_start -Wl,--build-id=none -o hello-r2.elf hello.c

mips-linux-gnu-gcc -march=mips32 -fno-pic -mno-abicalls -static -nostdlib -Wl,--entry=catalogue \
    -Wl,--build-id=none -o catalogue.elf catalogue.S
mips-linux-gnu-objdump -d -z catalogue.elf > catalogue.objdump.txt

# Pseudo-random words (fixed seed), biased towards the opcodes the VM executes and towards zero reserved
# fields, disassembled by objdump as raw MIPS32 code.
python3 - <<'PY'
import random, struct
rnd = random.Random(20240601)
ops = [0] * 12 + [1] * 4 + list(range(2, 16)) * 2 + [0x1C] * 3 + list(range(0x20, 0x27)) + list(range(0x28, 0x2C)) + [0x2E, 0x30, 0x38] + list(range(64))
words = []
for _ in range(4000):
    w = (rnd.choice(ops) << 26) | rnd.getrandbits(26)
    op = w >> 26
    if op in (0, 0x1C) and rnd.random() < 0.7:
        w &= ~(31 << 6)          # shift amount / reserved field
    if op == 0 and rnd.random() < 0.3:
        w &= ~(31 << 21)         # rs (shifts by a constant, mfhi, ...)
    if rnd.random() < 0.15:
        w &= ~(31 << 16)         # rt = $zero: beqz, bnez, li, move, ...
    words.append(w)
with open("random-words.bin", "wb") as f:
    f.write(b"".join(struct.pack(">I", w) for w in words))
PY
mips-linux-gnu-objdump -D -z -b binary -m mips:isa32 -EB random-words.bin | sed -n '/^ *0:/,$p' > random-words.objdump.txt
rm random-words.bin
