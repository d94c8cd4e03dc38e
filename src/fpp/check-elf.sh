#!/usr/bin/env bash
# Refuses an ELF the VM could not run to the end: any instruction outside the VM's set
# (cannon-mips32.md section 3; a bad build must fail here, not mid-dispute as a VM fault) and
# any segment reaching Cannon's heap start (its loader rejects it).
#   usage: check-elf.sh FILE.elf
set -euo pipefail

elf="$1"
OBJDUMP="${OBJDUMP:-mips-linux-gnu-objdump}"
READELF="${READELF:-mips-linux-gnu-readelf}"

# Mnemonics objdump may print for supported instructions, with its aliases: nop/ssnop (sll),
# move (addu/or), b/beqz/bnez (beq/bne), bal (bgezal), li (addiu/ori), negu/neg (subu/sub), not (nor).
# The same list as src/test/mips/build.sh.
ALLOWED="sll srl sra sllv srlv srav jr jalr movz movn syscall sync mfhi mthi mflo mtlo
mult multu div divu add addu sub subu and or xor nor slt sltu
bltz bgez bgezal j jal beq bne blez bgtz addi addiu slti sltiu andi ori xori lui
mul clz clo lb lh lwl lw lbu lhu lwr sb sh swl sw swr ll sc
nop ssnop move b beqz bnez bal li negu neg not"

bad="$("$OBJDUMP" -d "$elf" | awk -F'\t' -v allowed="$ALLOWED" '
    BEGIN { n = split(allowed, a, /[ \n]+/); for (i = 1; i <= n; i++) ok[a[i]] = 1 }
    /^ *[0-9a-f]+:\t/ { split($3, m, " "); if (!(m[1] in ok)) print "  " $0 }')"
if [[ -n "$bad" ]]; then
    echo "error: $elf contains instructions the VM does not support:" >&2
    echo "$bad" | head -20 >&2
    exit 1
fi

while read -r type offset vaddr paddr filesz memsz rest; do
    if (( vaddr + memsz >= 0x05000000 )); then
        echo "error: $elf: a $type segment ends at $(printf '%#x' $((vaddr + memsz))), at or above 0x05000000" >&2
        exit 1
    fi
done < <("$READELF" -lW "$elf" | awk '$2 ~ /^0x/ && $3 ~ /^0x/')
