//go:build !purego

#include "textflag.h"

// Byte vectors for the signed compares of classify64 (bytes >= 0x80 are
// negative, so they fall in no range).
DATA classifyK<>+0x00(SB)/8, $0x2f2f2f2f2f2f2f2f // '0' - 1
DATA classifyK<>+0x08(SB)/8, $0x2f2f2f2f2f2f2f2f
DATA classifyK<>+0x10(SB)/8, $0x3a3a3a3a3a3a3a3a // '9' + 1
DATA classifyK<>+0x18(SB)/8, $0x3a3a3a3a3a3a3a3a
DATA classifyK<>+0x20(SB)/8, $0x2020202020202020 // the lower-case bit
DATA classifyK<>+0x28(SB)/8, $0x2020202020202020
DATA classifyK<>+0x30(SB)/8, $0x6060606060606060 // 'a' - 1
DATA classifyK<>+0x38(SB)/8, $0x6060606060606060
DATA classifyK<>+0x40(SB)/8, $0x7b7b7b7b7b7b7b7b // 'z' + 1
DATA classifyK<>+0x48(SB)/8, $0x7b7b7b7b7b7b7b7b
GLOBL classifyK<>(SB), RODATA|NOPTR, $80

// One 16-byte lane at offset off of SI: the word bits to R, the high bits
// to H.
#define LANE(off, R, H) \
	MOVOU    off(SI), X0 \
	PMOVMSKB X0, H       \
	MOVO     X0, X1      \
	PCMPGTB  X8, X1      \
	MOVO     X9, X2      \
	PCMPGTB  X0, X2      \
	PAND     X2, X1      \
	POR      X10, X0     \
	MOVO     X0, X3      \
	PCMPGTB  X11, X3     \
	MOVO     X12, X4     \
	PCMPGTB  X0, X4      \
	PAND     X4, X3      \
	POR      X3, X1      \
	PMOVMSKB X1, R

// func classify64(p *byte) (word, high uint64)
TEXT ·classify64(SB), NOSPLIT, $0-24
	MOVQ  p+0(FP), SI
	MOVOU classifyK<>+0x00(SB), X8
	MOVOU classifyK<>+0x10(SB), X9
	MOVOU classifyK<>+0x20(SB), X10
	MOVOU classifyK<>+0x30(SB), X11
	MOVOU classifyK<>+0x40(SB), X12
	LANE(0, AX, BX)
	LANE(16, CX, DX)
	SHLQ  $16, CX
	ORQ   CX, AX
	SHLQ  $16, DX
	ORQ   DX, BX
	LANE(32, CX, DX)
	SHLQ  $32, CX
	ORQ   CX, AX
	SHLQ  $32, DX
	ORQ   DX, BX
	LANE(48, CX, DX)
	SHLQ  $48, CX
	ORQ   CX, AX
	SHLQ  $48, DX
	ORQ   DX, BX
	MOVQ  AX, word+8(FP)
	MOVQ  BX, high+16(FP)
	RET

// byteMask as a table: the low p bytes of a word, for p = 0 to 7.
DATA maskK<>+0x00(SB)/8, $0
DATA maskK<>+0x08(SB)/8, $0xff
DATA maskK<>+0x10(SB)/8, $0xffff
DATA maskK<>+0x18(SB)/8, $0xffffff
DATA maskK<>+0x20(SB)/8, $0xffffffff
DATA maskK<>+0x28(SB)/8, $0xffffffffff
DATA maskK<>+0x30(SB)/8, $0xffffffffffff
DATA maskK<>+0x38(SB)/8, $0xffffffffffffff
GLOBL maskK<>(SB), RODATA|NOPTR, $64

// func blockValues(p *byte, starts, ends uint64, dst *uint64) (n, stop int, long bool)
TEXT ·blockValues(SB), NOSPLIT, $0-49
	MOVQ p+0(FP), SI
	MOVQ starts+8(FP), R8
	MOVQ ends+16(FP), R9
	MOVQ dst+24(FP), DI
	XORQ CX, CX                  // n
	MOVQ $0x4040404040404040, R10 // the letters' bit 6
	LEAQ maskK<>(SB), R11

loop:
	TESTQ R8, R8
	JZ    all
	BSFQ  R8, AX // st
	TESTQ R9, R9
	JZ    noend
	BSFQ  R9, DX // end
	SUBQ  AX, DX // p
	CMPQ  DX, $16
	JAE   long
	LEAQ  -1(R8), BX
	ANDQ  BX, R8
	LEAQ  -1(R9), BX
	ANDQ  BX, R9
	MOVQ  (SI)(AX*1), BX // foldAlnum of the first eight bytes
	MOVQ  BX, R12
	ANDQ  R10, R12
	SHRQ  $1, R12
	ORQ   R12, BX
	CMPQ  DX, $8
	JAE   eight
	ANDQ  (R11)(DX*8), BX
	MOVQ  BX, (DI)(CX*8)
	INCQ  CX
	JMP   loop

eight: // 8 to 15 bytes: wordValue(absorb(wordSeed, w), w2, p)
	MOVQ  8(SI)(AX*1), R12
	MOVQ  R12, R13
	ANDQ  R10, R13
	SHRQ  $1, R13
	ORQ   R13, R12
	ANDQ  -64(R11)(DX*8), R12 // byteMask[p-8]
	XORQ  $0x5d, BX           // wordSeed
	MOVQ  $0xc2b2ae3d27d4eb4f, R13 // prime2
	IMULQ R13, BX
	ROLQ  $31, BX
	MOVQ  $0x9e3779b97f4a7c15, AX // prime1
	IMULQ AX, BX
	XORQ  R12, BX
	IMULQ R13, BX
	ROLQ  $31, BX
	IMULQ AX, BX
	MOVQ  $0x165667b19e3779f9, R13 // prime3
	IMULQ DX, R13
	XORQ  R13, BX
	BTSQ  $63, BX
	MOVQ  BX, (DI)(CX*8)
	INCQ  CX
	JMP   loop

all:
	MOVQ CX, n+32(FP)
	MOVQ $-1, stop+40(FP)
	MOVB $0, long+48(FP)
	RET

noend:
	MOVQ CX, n+32(FP)
	MOVQ AX, stop+40(FP)
	MOVB $0, long+48(FP)
	RET

long:
	MOVQ CX, n+32(FP)
	MOVQ AX, stop+40(FP)
	MOVB $1, long+48(FP)
	RET
