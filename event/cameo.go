package event

import (
	"sort"
	"strings"
)

//go:generate go run ./internal/gentable -out cameo_table.go

// Class is the quad class of an event: statements and the four cells of
// verbal or material cooperation or conflict. Its text form is one of the
// constants' values ("statement", "verbal_cooperation", ...).
type Class string

// The five classes, in the order used by the training data (0..4).
const (
	Statement           Class = "statement"            // CAMEO 01-02: public statements and appeals
	VerbalCooperation   Class = "verbal_cooperation"   // CAMEO 03-05: intent to cooperate, consult, diplomatic cooperation
	MaterialCooperation Class = "material_cooperation" // CAMEO 06-08: material cooperation, aid, yielding
	VerbalConflict      Class = "verbal_conflict"      // CAMEO 09-13 and 16: investigate, demand, disapprove, reject, threaten, reduce relations
	MaterialConflict    Class = "material_conflict"    // CAMEO 14-15 and 17-20: protest, force posture, coerce, assault, fight, mass violence
)

// Classes lists the five classes in training-label order (0..4).
var Classes = [...]Class{Statement, VerbalCooperation, MaterialCooperation, VerbalConflict, MaterialConflict}

// Rank returns the class's place on the conflict-cooperation order used for
// evaluation: material conflict 0, verbal conflict 1, statement 2, verbal
// cooperation 3, material cooperation 4; -1 for an unknown class.
func (c Class) Rank() int {
	switch c {
	case MaterialConflict:
		return 0
	case VerbalConflict:
		return 1
	case Statement:
		return 2
	case VerbalCooperation:
		return 3
	case MaterialCooperation:
		return 4
	}
	return -1
}

// index returns the class's training label (0..4) or -1.
func (c Class) index() int {
	for i, k := range Classes {
		if k == c {
			return i
		}
	}
	return -1
}

type cameoCode struct {
	code      string
	goldstein float64
	desc      string
}

// RootClass returns the quad class of a CAMEO code (a root "01".."20" or a
// longer code whose first two digits are a root), and false if it is not one.
func RootClass(code string) (Class, bool) {
	if len(code) < 2 {
		return "", false
	}
	switch code[:2] {
	case "01", "02":
		return Statement, true
	case "03", "04", "05":
		return VerbalCooperation, true
	case "06", "07", "08":
		return MaterialCooperation, true
	case "09", "10", "11", "12", "13", "16":
		return VerbalConflict, true
	case "14", "15", "17", "18", "19", "20":
		return MaterialConflict, true
	}
	return "", false
}

// Goldstein returns the Goldstein (1992) conflict-cooperation value, -10..+10,
// of a CAMEO event code ("19", "190", "1951", ...) from the embedded table,
// and false for a code not in it.
func Goldstein(code string) (float64, bool) {
	i := sort.Search(len(cameoCodes), func(i int) bool { return cameoCodes[i].code >= code })
	if i < len(cameoCodes) && cameoCodes[i].code == code {
		return cameoCodes[i].goldstein, true
	}
	return 0, false
}

// Description returns the codebook's short description of a CAMEO code
// ("FIGHT", "Express intent to meet or negotiate", ...), and false for a
// code not in the table.
func Description(code string) (string, bool) {
	i := sort.Search(len(cameoCodes), func(i int) bool { return cameoCodes[i].code >= code })
	if i < len(cameoCodes) && cameoCodes[i].code == code {
		return cameoCodes[i].desc, true
	}
	return "", false
}

// classRoots lists the twenty CAMEO roots by class.
var classRoots = func() map[Class][]string {
	m := map[Class][]string{}
	for r := 1; r <= 20; r++ {
		code := twoDigits(r)
		k, _ := RootClass(code)
		m[k] = append(m[k], code)
	}
	return m
}()

func twoDigits(r int) string { return string([]byte{byte('0' + r/10), byte('0' + r%10)}) }

// codebookStop holds codebook words that say nothing about the act.
var codebookStop = map[string]bool{
	"not": true, "specified": true, "below": true, "other": true, "with": true, "from": true,
	"for": true, "the": true, "and": true, "into": true, "such": true, "make": true, "engage": true,
	"express": true, "intent": true, "appeal": true, "target": true, "others": true, "or": true,
	"to": true, "of": true, "in": true, "on": true, "by": true, "use": true, "conventional": true,
}

// codebookRoots maps the 5-byte prefix hash of each content word of the
// codebook's descriptions to the set of roots (bit r for root r) whose codes
// use it. It is built once from the embedded table.
func buildCodebook() *smallMap {
	m := map[uint32]uint32{}
	for _, c := range cameoCodes {
		r := int(c.code[0]-'0')*10 + int(c.code[1]-'0')
		for _, w := range strings.FieldsFunc(strings.ToLower(c.desc), func(r rune) bool {
			return !(r >= 'a' && r <= 'z')
		}) {
			if len(w) < 4 || codebookStop[w] {
				continue
			}
			m[prefixHash(w)] |= 1 << r
		}
	}
	return newSmallMap(m)
}
