package gaz

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/diplotext/diplotext/text"
)

// TestTablesCurrent fails when tables_gen.go or tables.bin are not what
// the generator writes from the sources of today (run go generate).
func TestTablesCurrent(t *testing.T) {
	src, blob, err := WriteTables()
	if err != nil {
		t.Fatal(err)
	}
	have, err := os.ReadFile("tables_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, src) {
		t.Error("tables_gen.go is stale: run go generate in entity/internal/gaz")
	}
	if !bytes.Equal(tablesBlob, blob) {
		t.Error("tables.bin is stale: run go generate in entity/internal/gaz")
	}
}

// TestStaticSameAsBuilt checks that every entry, alias, phrase, first word,
// common word and word class of the index built in maps is found the same
// through the generated tables, and that the tables hold nothing else.
func TestStaticSameAsBuilt(t *testing.T) {
	old, ix := buildDefault(), Default()
	if !slices.Equal(old.entries, ix.entries) {
		t.Fatal("entries differ")
	}
	if len(old.aliases) != len(ix.aliases) || old.maxLen != ix.maxLen {
		t.Fatalf("aliases %d/%d, maxLen %d/%d", len(old.aliases), len(ix.aliases), old.maxLen, ix.maxLen)
	}
	for i := range old.aliases {
		a, b := old.aliases[i], ix.aliases[i]
		if a.entry != b.entry || !slices.Equal(a.words, b.words) || !slices.Equal(a.exact, b.exact) || (a.exact == nil) != (b.exact == nil) {
			t.Fatalf("alias %d: %+v, now %+v", i, a, b)
		}
	}
	n := 0
	for h, v := range old.byHash {
		c := ix.tab.candidates(h)
		var got []int32
		for k := range c.Len() {
			got = append(got, c.At(k))
		}
		if !slices.Equal(got, v) {
			t.Fatalf("phrase %x: candidates %v, now %v", h, v, got)
		}
	}
	for i := range ix.tab.phrases.size() {
		if k := ix.tab.phrases.key(i); k != 0 {
			n++
			if _, ok := old.byHash[k]; !ok {
				t.Fatalf("phrase %x only in the table", k)
			}
		}
	}
	if n != len(old.byHash) {
		t.Fatalf("%d phrases, now %d", len(old.byHash), n)
	}
	common, classes := commonSet(), wordClassMap()
	words := map[uint64]bool{}
	for h, l := range old.first {
		if ix.firstLen(h) != l {
			t.Fatalf("first word %x: longest alias %d, now %d", h, l, ix.firstLen(h))
		}
	}
	n = 0
	for i := range ix.tab.first.size() {
		if k := ix.tab.first.key(i); k != 0 {
			n++
			if _, ok := old.first[k]; !ok {
				t.Fatalf("first word %x only in the table", k)
			}
		}
	}
	if n != len(old.first) {
		t.Fatalf("%d first words, now %d", len(old.first), n)
	}
	for h := range common {
		words[h] = true
		if !Common(h) {
			t.Fatalf("common word %x lost", h)
		}
	}
	for h, c := range classes {
		words[h] = true
		if WordClass(h) != c {
			t.Fatalf("word %x: class %b, now %b", h, c, WordClass(h))
		}
	}
	n = 0
	for i := range ix.tab.words.size() {
		k := ix.tab.words.key(i)
		if k == 0 {
			continue
		}
		n++
		_, c := common[k]
		if !words[k] || Common(k) != c || WordClass(k) != classes[k] {
			t.Fatalf("word %x: table and maps differ", k)
		}
	}
	if n != len(words) {
		t.Fatalf("%d words, now %d", len(words), n)
	}
	for _, w := range []string{"zzqx-not-a-word", "Lavrov", ""} {
		h := text.Hash(w)
		_, c := common[h]
		if Common(h) != c || WordClass(h) != classes[h] {
			t.Errorf("%q differs", w)
		}
	}
}

// TestScanSameAsBuilt runs both indexes, and both with a user lexicon on
// top, over the same text.
func TestScanSameAsBuilt(t *testing.T) {
	txt := "The Kremlin, Foggy Bottom and the Quai d'Orsay met in Kuala Lumpur, Malaysia; us Americans and US officials saw NATO, " +
		"not nato or who. São Paulo, Sao Paulo, New York and the Republic of Korea; Secretary of State Blinken in Paris, Texas. " +
		"ACME Widgets and the Widget Council met in Springfield and Georgia."
	user := "ORG\tACME Widgets\t-\tACME\nCITY\tSpringfield\tUSA\nORG\tWidget Council\t-\nLOC\tGeorgia\tUSA\nCOUNTRY\tMalaysia\tMYS\tMalaya"
	rank := 0
	over := func(base *Index) *Index {
		b := NewBuilder(base)
		if err := b.AddLexicon(user, rank); err != nil {
			t.Fatal(err)
		}
		return b.Build()
	}
	old, ix := buildDefault(), Default()
	for _, lower := range []bool{false, true} {
		for _, s := range []string{txt, strings.ToLower(txt)} {
			if a, b := scan(old, s, lower), scan(ix, s, lower); !slices.Equal(a, b) {
				t.Errorf("lower %v: built %q\ntables %q", lower, a, b)
			}
			for _, rank = range []int{200, 100, 40, 10} { // above, equal to and below built-in ranks
				if a, b := scan(over(old), s, lower), scan(over(ix), s, lower); !slices.Equal(a, b) {
					t.Errorf("user lexicon of rank %d, lower %v: built %q\ntables %q", rank, lower, a, b)
				}
			}
		}
	}
}

func TestParseTablesErrors(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("GAZT"), tablesBlob[:len(tablesBlob)-1], append([]byte("XAZT"), tablesBlob[4:]...)} {
		if _, err := parseTables(b, 0); err == nil {
			t.Errorf("%d bytes: no error", len(b))
		}
	}
}

func TestAppendLower(t *testing.T) {
	for _, s := range []string{"", "NATO", "Kuala Lumpur", "ÉCOLE Normale", "İstanbul", "straße", "ǅemal", "a\xffB"} {
		if got := string(AppendLower([]byte("x"), s)); got != "x"+strings.ToLower(s) {
			t.Errorf("%q: %q, want %q", s, got, "x"+strings.ToLower(s))
		}
	}
}
