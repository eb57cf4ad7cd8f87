package gaz

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// titles lists roles and the title words naming them (reviewed by the
// diplotext authors). An empty role is an honorific that is stripped but
// names no role.
var titles = []struct {
	role  string
	forms []string
}{
	{"", []string{"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Prof.", "Professor", "Sir", "Dame", "Lord", "Lady", "Madam", "Mme", "Herr", "H.E.", "His Excellency", "Her Excellency", "Hon.", "Honourable", "Honorable", "Rev.", "Reverend", "Comrade"}},
	{"president", []string{"President", "Pres."}},
	{"vice president", []string{"Vice President", "Vice-President", "Vice Pres."}},
	{"prime minister", []string{"Prime Minister", "PM", "Premier"}},
	{"deputy prime minister", []string{"Deputy Prime Minister", "Deputy PM", "Vice Premier"}},
	{"foreign minister", []string{"Foreign Minister", "Minister of Foreign Affairs", "Foreign Affairs Minister", "Minister for Foreign Affairs", "top diplomat", "External Affairs Minister", "Minister of External Affairs", "Minister for External Affairs"}},
	{"deputy foreign minister", []string{"Deputy Foreign Minister", "Vice Foreign Minister"}},
	{"foreign secretary", []string{"Foreign Secretary"}},
	{"secretary of state", []string{"Secretary of State"}},
	{"deputy secretary of state", []string{"Deputy Secretary of State"}},
	{"under secretary", []string{"Under Secretary", "Undersecretary", "Under-Secretary", "Under Secretary of State", "Undersecretary of State", "Under-Secretary of State"}},
	{"secretary", []string{"Secretary"}},
	{"defence minister", []string{"Defence Minister", "Defense Minister", "Minister of Defence", "Minister of Defense"}},
	{"defense secretary", []string{"Defense Secretary", "Secretary of Defense", "Defence Secretary", "Secretary of War", "War Secretary"}},
	{"finance minister", []string{"Finance Minister", "Minister of Finance"}},
	{"treasury secretary", []string{"Treasury Secretary", "Secretary of the Treasury"}},
	{"interior minister", []string{"Interior Minister", "Minister of the Interior", "Home Secretary", "Home Minister"}},
	{"trade minister", []string{"Trade Minister", "Commerce Minister", "Commerce Secretary", "Trade Representative"}},
	{"minister", []string{"Minister"}},
	{"chancellor", []string{"Chancellor"}},
	{"secretary-general", []string{"Secretary-General", "Secretary General", "UN Secretary-General", "NATO Secretary-General"}},
	{"national security adviser", []string{"National Security Adviser", "National Security Advisor"}},
	{"ambassador to the united nations", []string{"Ambassador to the United Nations", "Ambassador to the UN", "Ambassador to the U.N.", "Permanent Representative to the United Nations", "Permanent Representative to the UN"}},
	{"ambassador", []string{"Ambassador", "Amb.", "Envoy", "Special Envoy", "Special Representative"}},
	{"senator", []string{"Senator", "Sen."}},
	{"representative", []string{"Representative", "Rep.", "Congressman", "Congresswoman"}},
	{"governor", []string{"Governor", "Gov."}},
	{"mayor", []string{"Mayor"}},
	{"foreign ministry spokesperson", []string{"Foreign Ministry Spokesman", "Foreign Ministry Spokeswoman", "Foreign Ministry Spokesperson", "Foreign Ministry spokesman", "Foreign Ministry spokeswoman", "Foreign Ministry spokesperson", "foreign ministry spokesman", "foreign ministry spokeswoman", "foreign ministry spokesperson"}},
	{"defence ministry spokesperson", []string{"Defence Ministry Spokesman", "Defense Ministry Spokesman", "Defence Ministry spokesman", "Defense Ministry spokesman", "defence ministry spokesman", "defense ministry spokesman"}},
	{"commissioner", []string{"Commissioner", "European Commissioner", "EU Commissioner", "Trade Commissioner", "High Commissioner"}},
	{"spokesperson", []string{"Spokesperson", "Spokesman", "Spokeswoman", "spokesperson", "spokesman", "spokeswoman"}},
	{"speaker", []string{"Speaker"}},
	{"king", []string{"King"}},
	{"queen", []string{"Queen"}},
	{"crown prince", []string{"Crown Prince"}},
	{"prince", []string{"Prince"}},
	{"emir", []string{"Emir", "Amir"}},
	{"sultan", []string{"Sultan"}},
	{"sheikh", []string{"Sheikh", "Sheik"}},
	{"pope", []string{"Pope"}},
	{"ayatollah", []string{"Ayatollah", "Supreme Leader"}},
	{"general", []string{"General", "Gen.", "Lt. Gen.", "Maj. Gen.", "Brig. Gen.", "Lieutenant General", "Major General"}},
	{"admiral", []string{"Admiral", "Adm."}},
	{"colonel", []string{"Colonel", "Col.", "Lt. Col."}},
	{"captain", []string{"Capt."}},
	{"lieutenant", []string{"Lt.", "1st Lt.", "2nd Lt."}},
	{"major", []string{"Maj."}},
	{"sergeant", []string{"Sgt.", "Staff Sgt.", "Sgt. Maj.", "Master Sgt.", "Sgt. 1st Class"}},
	{"specialist", []string{"Spc."}},
	{"corporal", []string{"Cpl.", "Lance Cpl."}},
	{"private", []string{"Pvt.", "Pfc."}},
	{"commander", []string{"Cmdr.", "Lt. Cmdr."}},
	{"chairman", []string{"Chairman", "Chairwoman", "Chair", "Chairperson"}},
	{"director", []string{"Director", "Director-General", "Director General"}},
	{"judge", []string{"Judge", "Justice", "Chief Justice"}},
	{"leader", []string{"Leader", "leader"}},
	{"ceo", []string{"CEO", "Chief Executive"}},
}

// maxTitleWords is the longest title in words.
const maxTitleWords = 5

type titleIndex struct {
	roles map[string]string // folded, space-joined title -> role
}

var titleIdx = sync.OnceValue(func() *titleIndex {
	t := &titleIndex{roles: map[string]string{}}
	for _, e := range titles {
		for _, f := range e.forms {
			t.roles[foldJoin(strings.Fields(f))] = e.role
		}
		if e.role != "" {
			t.roles[foldJoin(strings.Fields(e.role))] = e.role
		}
	}
	return t
})

func foldJoin(words []string) string { return string(appendFoldJoin(nil, words)) }

// appendFoldJoin appends the lower-cased words joined by spaces to b.
func appendFoldJoin(b []byte, words []string) []byte {
	for i, w := range words {
		if i > 0 {
			b = append(b, ' ')
		}
		b = AppendLower(b, w)
	}
	return b
}

// AppendLower appends strings.ToLower(w) to b, without allocating for
// ASCII words.
func AppendLower(b []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return append(b, strings.ToLower(w)...)
		}
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// role returns the role of the title made of words, if any. The key is
// built in a buffer on the stack: a lookup allocates nothing.
func (t *titleIndex) role(words []string) (string, bool) {
	var buf [96]byte
	r, ok := t.roles[string(appendFoldJoin(buf[:0], words))]
	return r, ok
}

// TitleBefore finds the longest title made of the words just before index
// end and returns the role it names and the index of its first word; ok
// is false if there is none. The role is "" for honorifics (Mr., Dr.).
func TitleBefore(words []string, end int) (role string, start int, ok bool) {
	t := titleIdx()
	for l := min(maxTitleWords, end); l >= 1; l-- {
		if r, found := t.role(words[end-l : end]); found {
			return r, end - l, true
		}
	}
	return "", end, false
}

// TitleAt finds the longest title starting at word index i and returns its
// role and the index after its last word.
func TitleAt(words []string, i int) (role string, end int, ok bool) {
	t := titleIdx()
	for l := min(maxTitleWords, len(words)-i); l >= 1; l-- {
		if r, found := t.role(words[i : i+l]); found {
			return r, i + l, true
		}
	}
	return "", i, false
}
