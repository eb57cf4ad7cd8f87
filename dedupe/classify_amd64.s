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
