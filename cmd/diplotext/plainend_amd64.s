//go:build !purego

#include "textflag.h"

DATA plainK<>+0x00(SB)/8, $0x2222222222222222 // '"'
DATA plainK<>+0x08(SB)/8, $0x2222222222222222
DATA plainK<>+0x10(SB)/8, $0x5c5c5c5c5c5c5c5c // '\\'
DATA plainK<>+0x18(SB)/8, $0x5c5c5c5c5c5c5c5c
DATA plainK<>+0x20(SB)/8, $0x1f1f1f1f1f1f1f1f // the last control byte
DATA plainK<>+0x28(SB)/8, $0x1f1f1f1f1f1f1f1f
GLOBL plainK<>(SB), RODATA|NOPTR, $48

// func plainRun16(p *byte, n int) (k int, high, found bool)
TEXT ·plainRun16(SB), NOSPLIT, $0-26
	MOVQ  p+0(FP), SI
	MOVQ  n+8(FP), CX
	MOVOU plainK<>+0x00(SB), X8
	MOVOU plainK<>+0x10(SB), X9
	MOVOU plainK<>+0x20(SB), X10
	XORQ  BX, BX // offset
	XORL  R9, R9 // high bits seen
	CMPQ  CX, $16
	JB    none

loop:
	MOVOU    (SI)(BX*1), X0
	MOVO     X0, X1
	PCMPEQB  X8, X1
	MOVO     X0, X2
	PCMPEQB  X9, X2
	POR      X2, X1
	MOVO     X0, X3
	PMINUB   X10, X3
	PCMPEQB  X0, X3 // x <= 0x1f
	POR      X3, X1
	PMOVMSKB X1, AX
	PMOVMSKB X0, DX
	TESTL    AX, AX
	JNZ      found
	ORL      DX, R9
	ADDQ     $16, BX
	SUBQ     $16, CX
	CMPQ     CX, $16
	JAE      loop

none:
	MOVQ  BX, k+16(FP)
	TESTL R9, R9
	SETNE high+24(FP)
	MOVB  $0, found+25(FP)
	RET

found:
	BSFL  AX, AX
	ADDQ  AX, BX
	MOVL  AX, CX
	MOVL  $1, AX
	SHLL  CX, AX
	DECL  AX
	ANDL  AX, DX // the high bits before the byte found
	ORL   DX, R9
	MOVQ  BX, k+16(FP)
	TESTL R9, R9
	SETNE high+24(FP)
	MOVB  $1, found+25(FP)
	RET
