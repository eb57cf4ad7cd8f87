package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Words that usually start a sentence: after an abbreviation that can also
// end one ("U.S.", "Inc.") a break is taken only before one of these.
var sentenceStarters = map[string]bool{
	"The": true, "A": true, "An": true, "He": true, "She": true, "It": true, "They": true,
	"We": true, "I": true, "You": true, "This": true, "That": true, "These": true, "Those": true,
	"But": true, "And": true, "In": true, "On": true, "At": true, "How": true, "What": true,
	"Why": true, "When": true, "Where": true, "Who": true, "There": true, "His": true,
	"Her": true, "Their": true, "Its": true, "Our": true, "My": true, "If": true, "As": true,
	"So": true, "Yet": true, "After": true, "Before": true, "Meanwhile": true, "However": true,
	"Is": true, "Are": true, "Was": true, "Were": true, "Do": true, "Does": true, "Did": true,
	"Can": true, "Will": true, "Would": true, "Should": true, "Let": true, "Some": true,
	"Many": true, "Most": true, "All": true, "No": true, "Not": true, "Both": true, "Each": true,
	"For": true, "From": true, "With": true, "While": true, "Although": true, "Since": true,
	"Officials": true, "Today": true, "Yesterday": true, "Now": true, "Then": true, "Still": true,
}

// SplitSentences appends the sentences of s, whose tokens are toks (as
// returned by [Tokenize]), to dst and returns the extended slice. Every
// token belongs to exactly one sentence.
func SplitSentences(s string, toks []Token, dst []Sentence) []Sentence {
	if len(toks) == 0 {
		return dst
	}
	first := 0     // first token of the current sentence
	lineFirst := 0 // first token of the current line
	emit := func(last int, terminal bool) {
		if last <= first {
			return
		}
		st := Sentence{Start: toks[first].Start, End: toks[last-1].End, First: first, Last: last}
		if !terminal {
			st.Heading = isLineStart(s, st.Start) && strings.IndexByte(s[st.Start:st.End], '\n') < 0 &&
				isLineEnd(s, st.End)
		}
		dst = append(dst, st)
		first = last
	}
	for k := 0; k < len(toks); k++ {
		if k > 0 {
			if nl := newlines(s, toks[k-1].End, toks[k].Start); nl > 0 {
				if k > first && (nl >= 2 || lineBreakEnds(s, toks, lineFirst, first, k)) {
					emit(k, false)
				}
				lineFirst = k
			}
			if k > first && isBulletGlyph(s[toks[k].Start:toks[k].End]) {
				emit(k, true)
			}
		}
		// only punctuation and words ending in a period can end a sentence
		// (terminalAt's own first test; checked here, the call is skipped
		// for nine tokens in ten)
		if t := toks[k]; t.Kind != Punct && (t.Kind != Word || t.End <= t.Start || s[t.End-1] != '.') {
			continue
		}
		end, ok := terminalAt(s, toks, k, lineFirst, first)
		if ok {
			emit(end, true)
			k = end - 1
		}
	}
	emit(len(toks), false)
	return dst
}

// newlines counts the line breaks in the white space s[a:b] (at most 2).
func newlines(s string, a, b int) int {
	n := 0
	for i := a; i < b; i++ {
		if s[i] == '\n' {
			n++
			if n == 2 {
				break
			}
		}
	}
	return n
}

func isLineStart(s string, off int) bool {
	for i := off - 1; i >= 0; i-- {
		switch s[i] {
		case '\n':
			return true
		case ' ', '\t', '\r':
			continue
		}
		return false
	}
	return true
}

func isLineEnd(s string, off int) bool {
	for i := off; i < len(s); i++ {
		switch s[i] {
		case '\n':
			return true
		case ' ', '\t', '\r':
			continue
		}
		return false
	}
	return true
}

// isBullet reports whether token k starts a list item or a Markdown heading.
func isBullet(s string, toks []Token, k int) bool {
	t := toks[k]
	w := s[t.Start:t.End]
	if isBulletGlyph(w) {
		return true
	}
	switch w {
	case "·", "-", "*", "–", "—", ">", "+":
		return true
	}
	if t.Kind == Punct && w[0] == '#' {
		return true
	}
	// "1." or "2)" or "a)" list numbers
	if (t.Kind == Number && len(w) <= 2) || (t.Kind == Word && len(w) == 1) {
		if k+1 < len(toks) && toks[k+1].Start == t.End {
			p := s[toks[k+1].Start:toks[k+1].End]
			return p == "." || p == ")"
		}
	}
	return false
}

// isBulletGlyph reports whether w is a character used only as a list
// bullet; such a bullet starts a sentence even in the middle of a line.
func isBulletGlyph(w string) bool {
	switch w {
	case "•", "‣", "▪", "◦", "⁃", "●", "■", "►", "▸":
		return true
	}
	return false
}

// isListNumber reports whether token k is the number or letter of a list
// item ("1." "9." "a.") at the start of the sentence beginning at first,
// possibly after a bullet.
func isListNumber(s string, toks []Token, k, first int) bool {
	if k != first && !(k == first+1 && isBulletGlyph(s[toks[first].Start:toks[first].End])) {
		return false
	}
	t := toks[k]
	return (t.Kind == Number && t.End-t.Start <= 2) || (t.Kind == Word && t.End-t.Start == 1)
}

// spacedEllipsis returns the index one past the last "." of a spaced
// ellipsis (". . ." or ". . . .") starting at token k, or k if there is none.
func spacedEllipsis(s string, toks []Token, k int) int {
	j := k
	for j+1 < len(toks) && s[toks[j+1].Start:toks[j+1].End] == "." && toks[j+1].Start == toks[j].End+1 && s[toks[j].End] == ' ' {
		j++
	}
	if j-k < 2 {
		return k
	}
	return j + 1
}

// lineBreakEnds decides whether the single line break before token k ends the
// sentence: the line that ends there, starting at token lineFirst, has no
// final punctuation and is a heading or a list item, or the next line is a
// list item. A line that continues a sentence begun on an earlier line
// (first < lineFirst) is hard-wrapped text, never a heading: "the
// International Monetary\nFund" stays one sentence.
func lineBreakEnds(s string, toks []Token, lineFirst, first, k int) bool {
	if isBullet(s, toks, k) {
		return true
	}
	last := s[toks[k-1].Start:toks[k-1].End]
	switch last {
	case ",", ";", ":", "-", "–", "—", "(", "“", "\"", "'", "&":
		return false
	}
	if isBullet(s, toks, lineFirst) {
		return true
	}
	if first < lineFirst {
		return false
	}
	// a short line followed by a capitalised line is a heading
	if k-lineFirst > 12 || toks[k-1].End-toks[lineFirst].Start > 80 {
		return false
	}
	if toks[k-1].Kind == Word {
		r, _ := utf8.DecodeRuneInString(last)
		if unicode.IsLower(r) {
			return false // "... met with\nSergey Lavrov" keeps going
		}
	}
	r, _ := utf8.DecodeRuneInString(s[toks[k].Start:])
	return unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '“' || r == '*'
}

func isCloser(w string) bool {
	switch w {
	case "\"", "'", ")", "]", "}", "”", "’", "»", "›", "»\u00a0":
		return true
	}
	return w[0] == '*' || w[0] == '_'
}

func isOpener(w string) bool {
	switch w {
	case "\"", "'", "(", "[", "“", "‘", "«", "‹", "¿", "¡":
		return true
	}
	return false
}

// terminalAt reports whether token k ends a sentence and, if so, the index
// one past the sentence's last token (closing quotes and brackets belong to
// the sentence they close).
func terminalAt(s string, toks []Token, k, lineFirst, first int) (int, bool) {
	t := toks[k]
	w := s[t.Start:t.End]
	var abbrev, starterOnly, ellipsis bool
	switch {
	case t.Kind == Punct && (w[0] == '.' || w[0] == '!' || w[0] == '?' || strings.HasPrefix(w, "…") ||
		w == "。" || w == "！" || w == "？"):
		if w[0] == '.' && len(w) == 1 && k > first && toks[k-1].End == t.Start && isListNumber(s, toks, k-1, first) {
			return 0, false // "1. The first item", "• 9. The first item"
		}
		starterOnly = len(w) > 1 && (w[0] == '.' || strings.HasPrefix(w, "…"))
		if w == "." {
			if k > 0 && s[toks[k-1].Start:toks[k-1].End] == "." && t.Start == toks[k-1].End+1 && s[toks[k-1].End] == ' ' {
				return 0, false // inside a spaced ellipsis judged at its first dot
			}
			if e := spacedEllipsis(s, toks, k); e > k {
				k, starterOnly = e-1, true
			}
		}
		ellipsis = starterOnly
	case t.Kind == Word && w[len(w)-1] == '.':
		abbrev = true
		base := w[:len(w)-1]
		if strings.IndexByte(base, '.') < 0 && !endAbbrevs[base] {
			// title or initial: ends a sentence only at the end of the
			// text, or as the pronoun "I" before a sentence starter
			if k+1 == len(toks) {
				return k + 1, true
			}
			if base == "I" && k > 0 && toks[k-1].Kind == Word && !startsUpper(s[toks[k-1].Start:toks[k-1].End]) &&
				sentenceStarters[s[toks[k+1].Start:toks[k+1].End]] {
				return k + 1, true
			}
			return 0, false
		}
		starterOnly = true
	default:
		return 0, false
	}
	j := k + 1
	// absorb further terminals and closers glued to this one: ?!, .", .)
	for j < len(toks) && toks[j].Start == toks[j-1].End {
		nw := s[toks[j].Start:toks[j].End]
		if isCloser(nw) || nw[0] == '!' || nw[0] == '?' || (nw[0] == '.' && !abbrev) {
			j++
			continue
		}
		break
	}
	if j == len(toks) {
		return j, true
	}
	next := toks[j]
	nw := s[next.Start:next.End]
	if newlines(s, toks[j-1].End, next.Start) > 0 {
		return j, true
	}
	if starterOnly {
		if ellipsis && nw == "I" {
			return 0, false // "the thing is . . . I didn't mean it"
		}
		if sentenceStarters[nw] || (isOpener(nw) && !abbrev && !(ellipsis && nw == "(")) {
			return j, true
		}
		if abbrev || !startsUpper(nw) || nw == "I" {
			return 0, false
		}
		return j, true
	}
	if isOpener(nw) || next.Kind == Number || isBullet(s, toks, j) {
		return j, true
	}
	r, _ := utf8.DecodeRuneInString(nw)
	if unicode.IsLower(r) || unicode.IsPunct(r) && !isOpener(nw) {
		return 0, false
	}
	return j, true
}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}
