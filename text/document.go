package text

import "unicode/utf8"

// Kind is the lexical class of a [Token].
type Kind uint8

// Token kinds.
const (
	// Word is a run of letters and digits with internal hyphens,
	// apostrophes or periods: "Lavrov", "US-Russia", "U.S.", "Dr.", "1990s",
	// "O'Brien", and clitics split off a word: "'s", "n't".
	Word Kind = iota + 1
	// Number is a run of digits with internal separators: "1,000",
	// "3.5", "2026-11-21", "12:30", "21/11/2026".
	Number
	// Punct is punctuation: ".", ",", quotes, dashes, brackets, bullets,
	// and runs of one repeated mark ("...", "**", "--", "###").
	Punct
	// Symbol is any other single character: currency and math signs,
	// emoji, and single bytes that are not valid UTF-8.
	Symbol
	// URL is a web address starting with a scheme or "www.".
	URL
	// Email is an e-mail address.
	Email
)

var kindNames = [...]string{"Invalid", "Word", "Number", "Punct", "Symbol", "URL", "Email"}

// String returns the name of the kind ("Word", "Number", ...).
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Invalid"
}

// Token is one token of a [Document]: the bytes Text[Start:End] of the
// document's text.
type Token struct {
	Start int  `json:"start"`
	End   int  `json:"end"`
	Kind  Kind `json:"kind"`
}

// Sentence is one sentence of a [Document]: the bytes Text[Start:End] and the
// tokens Tokens[First:Last] of the document.
type Sentence struct {
	Start int `json:"start"`
	End   int `json:"end"`
	First int `json:"first"` // index of the first token
	Last  int `json:"last"`  // index one past the last token
	// Heading is true for a line of its own without final punctuation,
	// such as a title, a section heading or a bullet fragment.
	Heading bool `json:"heading,omitempty"`
}

// Document is a parsed text: the original text, its tokens in order and its
// sentences in order. Every token belongs to exactly one sentence.
//
// Next to the tokens, [Parse] stores what every extractor reads of a word,
// computed once per document: its folded form, the hash of that form and
// its case shape (Folded[i], Hashes[i] and Shapes[i] describe Tokens[i]).
// Read them with [Document.TokenFold], [Document.TokenHash] and
// [Document.TokenShape], which also work on a Document built by hand
// without them.
//
// The fields are exported so that a Document can be built by hand (from
// another tokenizer, or from stored tokens). The methods never panic on
// such a Document: a token or sentence whose offsets do not fit the text
// or the tokens reads as "" or nil, and so does an index out of range. A
// nil *Document is the empty document.
//
// A Document is read-only after [Parse] returns and safe to share between
// goroutines.
type Document struct {
	Text      string
	Tokens    []Token
	Sentences []Sentence

	// Folded[i] is Fold of the text of token i.
	Folded []string `json:"-"`
	// Hashes[i] is HashFolded(Folded[i]), which equals Hash of the text
	// of token i.
	Hashes []uint64 `json:"-"`
	// Shapes[i] is the case shape of the text of token i.
	Shapes []Shape `json:"-"`
}

// Parse tokenises s, splits it into sentences and computes the folded
// form, hash and shape of every token ([Document.FillWords]). It accepts
// any bytes and never fails; invalid UTF-8 bytes become one-byte [Symbol]
// tokens.
func Parse(s string) *Document {
	d := &Document{Text: s}
	d.Tokens = Tokenize(s, make([]Token, 0, len(s)/5+1))
	d.Sentences = SplitSentences(s, d.Tokens, make([]Sentence, 0, len(d.Tokens)/20+1))
	d.FillWords()
	return d
}

// TokenText returns the text of token i, or "" if i is out of range or the
// token's offsets do not fit the text.
func (d *Document) TokenText(i int) string {
	if d == nil || i < 0 || i >= len(d.Tokens) {
		return ""
	}
	t := d.Tokens[i]
	if t.Start < 0 || t.Start > t.End || t.End > len(d.Text) {
		return ""
	}
	return d.Text[t.Start:t.End]
}

// SentenceText returns the text of sentence i, or "" if i is out of range
// or the sentence's offsets do not fit the text.
func (d *Document) SentenceText(i int) string {
	if d == nil || i < 0 || i >= len(d.Sentences) {
		return ""
	}
	s := d.Sentences[i]
	if s.Start < 0 || s.Start > s.End || s.End > len(d.Text) {
		return ""
	}
	return d.Text[s.Start:s.End]
}

// SentenceTokens returns the tokens of sentence i (a sub-slice of d.Tokens;
// do not modify it), or nil if i is out of range or the sentence's token
// indexes do not fit d.Tokens.
func (d *Document) SentenceTokens(i int) []Token {
	if d == nil || i < 0 || i >= len(d.Sentences) {
		return nil
	}
	s := d.Sentences[i]
	if s.First < 0 || s.First > s.Last || s.Last > len(d.Tokens) {
		return nil
	}
	return d.Tokens[s.First:s.Last:s.Last]
}

// SentenceAt returns the index of the sentence that contains byte offset
// off, or -1 if off lies in no sentence (for example in white space between
// sentences). A nil Document has no sentence.
func (d *Document) SentenceAt(off int) int {
	if d == nil {
		return -1
	}
	lo, hi := 0, len(d.Sentences)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if d.Sentences[m].End <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(d.Sentences) && d.Sentences[lo].Start <= off {
		return lo
	}
	return -1
}

// TokenAt returns the index of the first token that ends after byte offset
// off: the token containing off, or the next one if off is in white space.
// It returns len(d.Tokens) if there is none (0 for a nil Document).
func (d *Document) TokenAt(off int) int {
	if d == nil {
		return 0
	}
	lo, hi := 0, len(d.Tokens)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if d.Tokens[m].End <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// SplitsRune reports whether byte offset off of s falls strictly inside a
// valid multi-byte UTF-8 character, so that a span starting or ending there
// would cut the character in two. An offset next to an invalid byte splits
// nothing: such a byte stands alone.
func SplitsRune(s string, off int) bool {
	if off <= 0 || off >= len(s) || utf8.RuneStart(s[off]) {
		return false
	}
	for q := off - 1; q >= 0 && q >= off-(utf8.UTFMax-1); q-- {
		if utf8.RuneStart(s[q]) {
			r, size := utf8.DecodeRuneInString(s[q:])
			return !(r == utf8.RuneError && size <= 1) && q+size > off
		}
	}
	return false
}
