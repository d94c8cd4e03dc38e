# One of each instruction form the VM executes, in its canonical MIPS32 encoding, to check the project's
# disassembler against objdump (build.sh). Not meant to be run: branches all point back at labels here.
	.set noreorder
	.set noat
	.text
	.globl catalogue
	.ent catalogue
catalogue:
	sll $t0,$t1,5
	srl $t0,$t1,31
	sra $t0,$t1,0
	sllv $t0,$t1,$t2
	srlv $t0,$t1,$t2
	srav $t0,$t1,$t2
	jr $ra
	jr $t9
	jalr $t9
	jalr $s0,$t9
	movz $v0,$v1,$a0
	movn $v0,$v1,$a0
	syscall
	syscall 5
	sync
	.word 0x0000010f	# sync 4
	mfhi $a0
	mthi $a0
	mflo $a1
	mtlo $a1
	mult $a0,$a1
	multu $a0,$a1
	div $zero,$a0,$a1
	divu $zero,$a0,$a1
	add $t0,$t1,$t2
	addu $t0,$t1,$t2
	addu $t0,$t1,$zero
	addu $t0,$zero,$t1
	or $t0,$t1,$zero
	or $t0,$zero,$t1
	sub $t0,$t1,$t2
	sub $t0,$zero,$t2
	subu $t0,$zero,$t2
	subu $t0,$t1,$t2
	and $t0,$t1,$t2
	or $t0,$t1,$t2
	xor $t0,$t1,$t2
	nor $t0,$t1,$t2
	nor $t0,$t1,$zero
	slt $t0,$t1,$t2
	sltu $t0,$t1,$t2
second:
	bltz $a0, catalogue
	bgez $a0, second
	bgez $zero, second
	bgezal $a0, third
	bgezal $zero, third
	j catalogue
	jal third
	beq $a0,$a1,catalogue
	beq $a0,$zero,second
	beq $zero,$a0,third
	beq $zero,$zero,catalogue
	bne $a0,$a1,second
	bne $a0,$zero,third
	bne $zero,$zero,third
	blez $a0,catalogue
	bgtz $a0,second
	.end catalogue
	.globl third
	.ent third
third:
	addi $t0,$t1,-1
	addiu $t0,$t1,-32768
	addiu $t0,$zero,100
	addiu $t0,$zero,-100
	slti $t0,$t1,-3
	sltiu $t0,$t1,-3
	andi $t0,$t1,0xffff
	ori $t0,$t1,0x8000
	ori $t0,$zero,0x8000
	xori $t0,$t1,1
	lui $t0,0xffff
	lui $t0,0
	mul $t0,$t1,$t2
	clz $t0,$t1
	clo $t0,$t1
	lb $t0,-4($sp)
	lh $t0,2($sp)
	lwl $t0,3($a0)
	lw $t0,0($a0)
	lbu $t0,32767($a0)
	lhu $t0,-32768($a0)
	lwr $t0,0($a0)
	sb $t0,1($a0)
	sh $t0,2($a0)
	swl $t0,0($a0)
	sw $t0,4($gp)
	swr $t0,3($a0)
	ll $t0,0($a0)
	sc $t0,0($a0)
	nop
	.word 0x00000040	# ssnop
	.word 0x000000c0	# ehb
	.word 0x03e00408	# jr.hb $ra
	.word 0x0320fc09	# jalr.hb $t9
	.end third
