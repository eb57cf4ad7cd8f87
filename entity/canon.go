package entity

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/diplotext/diplotext/entity/internal/gaz"
	"golang.org/x/text/unicode/norm"
)

// canonicalise fills in the canonical names of the entities, strips titles
// off people's names into roles, and links the mentions of one person.
func (w *work) canonicalise() {
	type person struct {
		canonical, role, country string
		last, firstSkel          string
		keys                     []string // name keys of the full name's words
	}
	var people []*person
	byLast := map[string][]*person{} // by the key of the last name, in order
	byFirst := map[string]*person{}  // full names by the key of their first word, the latest
	group := make([]*person, len(w.ents))
	for k := range w.ents {
		e := &w.ents[k]
		if e.Type != PERSON {
			if e.Canonical == "" {
				e.Canonical = cleanName(e.Text)
			}
			continue
		}
		first := w.d.TokenAt(e.Start)
		last := w.d.TokenAt(e.End - 1)
		if first >= len(w.words) || last >= len(w.words) {
			e.Canonical = cleanName(e.Text)
			continue
		}
		last++
		// a part of a token ("Lavrov" of "Rubio-Lavrov") is its own name
		part := w.d.Tokens[first].Start != e.Start || w.d.Tokens[last-1].End != e.End
		// a title inside the span: "President Putin"
		if role, end, ok := gaz.TitleAt(w.words, first); !part && ok && end < last && w.d.Tokens[first].Start == e.Start {
			// the title may start before the span ("Saudi Crown" +
			// "Prince Mohammed bin Salman"), with the country before it
			start := first
			if r, s, ok := gaz.TitleBefore(w.words, end); ok && s < first && r != "" {
				role, start = r, s
			}
			if role != "" {
				e.Role = role
				if e.Country == "" {
					e.Country = w.countryBefore(start)
				}
			}
			first = end
			e.Start = w.d.Tokens[first].Start
			e.Text = w.d.Text[e.Start:e.End]
		}
		// a possessive inside the span
		if !part && last-first > 1 && isPossessive(w.words[last-1]) {
			last--
			e.End = w.d.Tokens[last-1].End
			e.Text = w.d.Text[e.Start:e.End]
		}
		if e.Role == "" && !part {
			e.Role, e.Country = w.roleAround(first, last)
		}
		names := w.words[first:last]
		if part {
			names = []string{e.Text}
		}
		var p *person
		lastKey := nameKey(names[len(names)-1])
		if len(names) >= 2 {
			skel := skeleton(nameKey(names[0]))
			for _, q := range byLast[lastKey] {
				if q.firstSkel == skel || q.firstSkel == "" {
					p = q
					break
				}
			}
			keys := make([]string, len(names))
			for i, n := range names {
				keys[i] = nameKey(n)
			}
			if p == nil {
				// the last words of a longer full name ("Suu Kyi" after
				// "Aung San Suu Kyi", "Van Moer" after "Wilfried Van Moer")
				for _, q := range byLast[lastKey] {
					if len(q.keys) > len(keys) && slices.Equal(q.keys[len(q.keys)-len(keys):], keys) {
						p = q
						break
					}
				}
			}
			if p == nil {
				p = &person{canonical: cleanName(e.Text), last: lastKey, firstSkel: skel, keys: keys}
				people = append(people, p)
				byLast[lastKey] = append(byLast[lastKey], p)
			} else if p.firstSkel == "" {
				p.canonical, p.firstSkel, p.keys = cleanName(e.Text), skel, keys
			}
			if len(names[0]) >= 2 && !strings.HasSuffix(names[0], ".") {
				byFirst[nameKey(names[0])] = p
			}
		} else {
			// a surname alone: the latest full name ending with it, or a
			// first name alone
			if ps := byLast[lastKey]; len(ps) > 0 {
				p = ps[len(ps)-1]
			} else if q := byFirst[lastKey]; q != nil {
				// the first word of a full name: a given name ("Alan"
				// after "Alan Shearer") or a surname written first
				// ("Wang" after "Wang Yi", "Xi" after "Xi Jinping")
				p = q
			}
			if p == nil {
				p = &person{canonical: cleanName(e.Text), last: lastKey}
				people = append(people, p)
				byLast[lastKey] = append(byLast[lastKey], p)
			}
		}
		if p.role == "" && e.Role != "" {
			p.role = e.Role
		}
		if p.country == "" && e.Country != "" {
			p.country = e.Country
		}
		group[k] = p
	}
	for k := range w.ents {
		if p := group[k]; p != nil {
			e := &w.ents[k]
			e.Canonical = p.canonical
			if e.Role == "" {
				e.Role = p.role
			}
			if e.Country == "" {
				e.Country = p.country
			}
		}
	}
	w.caseCanonicals()
	w.linkNames()
	for k := range w.ents {
		e := &w.ents[k]
		if e.Type == PERSON {
			e.Canonical = preferredSpelling(e.Canonical)
		}
		e.Key = entityKey(e)
		e.ID = entityID(e)
	}
}

// entityID returns the ID of entity e: see [Entity.ID]. A country is
// known by its code, once the gazetteer or the canonicaliser has tied
// the name to it and the canonical name is the country's own (not
// "England", whose Country is GBR); other areas and the two
// organisations of the area table by their exact canonical name.
func entityID(e *Entity) string {
	switch e.Type {
	case COUNTRY, LOCATION, CITY:
		if e.Country != "" && gaz.CountryName(e.Country) == e.Canonical {
			if id := gaz.CountryWikidata(e.Country); id != "" {
				return id
			}
			return "iso3166:" + e.Country
		}
		if a, id, ok := gaz.AreaByName(e.Canonical); ok && !a.Org && (e.Country == "" || a.Country == e.Country) {
			return id
		}
	case ORG:
		if a, id, ok := gaz.AreaByName(e.Canonical); ok && a.Org {
			return id
		}
	}
	return ""
}

// spellingVariants lists groups of transliteration variants of given
// names; the first of each group is the spelling canonical names take
// (in every document, whichever spelling it uses). The spelling chosen is
// that of the person's own government in English where there is one
// ("Sergey", as the Russian foreign ministry writes it), else the most
// common in English-language news.
var spellingVariants = [][]string{
	{"Sergey", "Sergei", "Serguei", "Sergej"},
	{"Alexander", "Aleksandr", "Alexandr", "Aleksander"},
	{"Alexei", "Alexey", "Aleksei", "Aleksey", "Alexej"},
	{"Yevgeny", "Evgeny", "Yevgeniy", "Evgeniy", "Evgenii", "Yevgeni", "Evgeni"},
	{"Dmitry", "Dmitri", "Dmitriy", "Dmitrii"},
	{"Yuri", "Yury", "Yuriy", "Iurii"},
	{"Andrei", "Andrey", "Andrej"},
	{"Nikolai", "Nikolay"},
	{"Mikhail", "Michail"},
	{"Vyacheslav", "Viacheslav"},
	{"Maria", "Mariya"},
	{"Natalia", "Natalya", "Nataliya"},
	{"Tatiana", "Tatyana", "Tatjana"},
	{"Yulia", "Yuliya", "Iuliia"},
	{"Anatoly", "Anatoliy", "Anatolii"},
	{"Valery", "Valeriy", "Valerii"},
	{"Vasily", "Vasiliy", "Vassily"},
	{"Volodymyr", "Volodimir"},
	{"Oleksandr", "Oleksander"},
	{"Mohammed", "Muhammad", "Mohammad", "Mohamed", "Muhammed", "Mohamad"},
}

// preferred maps the spelling key of each variant to its group's spelling.
var preferred = func() map[string]string {
	m := map[string]string{}
	for _, g := range spellingVariants {
		for _, v := range g {
			m[spellingKey(v)] = g[0]
		}
	}
	return m
}()

// preferredSpelling writes the words of a person's name that are
// transliteration variants of a given name in the group's spelling:
// "Sergei Lavrov" → "Sergey Lavrov".
func preferredSpelling(name string) string {
	if !strings.Contains(name, " ") {
		return name
	}
	words := strings.Split(name, " ")
	changed := false
	for i, w := range words[:len(words)-1] { // given names, not the surname
		if p, ok := preferred[spellingKey(w)]; ok && p != w {
			words[i], changed = p, true
		}
	}
	if !changed {
		return name
	}
	return strings.Join(words, " ")
}

// SpellingKey folds a word of a name to a key that its transliteration
// variants share: lower case, without diacritics, "Ye-" as "E-", "-iy",
// "-ii", "-yy" endings as "-y", "-ey" as "-ei", "ks" as "x", "-ander" as
// "-andr", a final "-ay" as "-ai", "ya" after a consonant as "ia"; names
// with the consonants of Muhammad (Mohammed, Mohamed) are "muhammad".
// Sergey and Sergei, Aleksandr and Alexander, Natalya and Natalia,
// Dmitriy and Dmitry, Zelenskyy and Zelensky share a key.
func SpellingKey(word string) string { return spellingKey(word) }

func spellingKey(w string) string {
	k := nameKey(w)
	if skeleton(k) == "mhmd" {
		return "muhammad"
	}
	k = strings.ReplaceAll(k, "ks", "x")
	if strings.HasSuffix(k, "ander") {
		k = k[:len(k)-5] + "andr"
	}
	if strings.HasSuffix(k, "ay") && len(k) > 4 {
		k = k[:len(k)-2] + "ai"
	}
	if strings.Contains(k, "ya") {
		var b strings.Builder
		for i := 0; i < len(k); i++ {
			if k[i] == 'y' && i > 0 && i+1 < len(k) && k[i+1] == 'a' && !strings.ContainsRune("aeiouy", rune(k[i-1])) {
				b.WriteByte('i')
				continue
			}
			b.WriteByte(k[i])
		}
		k = b.String()
	}
	if strings.HasSuffix(k, "yi") && len(k) > 4 { // "Serguei"
		k = k[:len(k)-2] + "i"
	}
	k = strings.ReplaceAll(k, "guei", "gei")
	return k
}

// entityKey returns the Key of entity e: see [Entity.Key].
func entityKey(e *Entity) string {
	switch {
	case e.Type == COUNTRY && e.Country != "",
		e.Type == NORP && e.Country != "" && gaz.CountryName(e.Country) == e.Canonical:
		return "country:" + e.Country
	case e.Type == PERSON:
		words := strings.Fields(e.Canonical)
		for i, w := range words {
			words[i] = spellingKey(w)
		}
		return "person:" + strings.Join(words, " ")
	}
	return keyOf(e.Type, e.Canonical)
}

// keyOf returns the type in lower case, a colon and name folded: lower
// case, white space as one space, diacritics removed.
func keyOf(t Type, name string) string {
	var b strings.Builder
	tn := t.String()
	b.Grow(len(tn) + 1 + len(name))
	for i := 0; i < len(tn); i++ {
		b.WriteByte(tn[i] | 0x20)
	}
	b.WriteByte(':')
	ascii := true
	space := false
	for _, r := range name {
		if r >= utf8.RuneSelf {
			ascii = false
		}
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > len(tn)+1 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	if ascii {
		return b.String()
	}
	return gaz.Plain(b.String())
}

// groupName reports whether NORP entity e is a group of its country
// rather than its nationality: a lexicon entry ("Republican",
// "Democratic", "Houthi", "Soviet") whose name is not the demonym of
// the country's name (unlike "Palestinian", "Taiwanese").
func (w *work) groupName(e *Entity) bool {
	i := w.d.TokenAt(e.Start)
	if i >= len(w.words) {
		return false
	}
	g := w.matchAtToken(i)
	if g == nil || g.entry.Kind != gaz.KNORP {
		return false
	}
	return groupEntry(g.entry) && !demonymOf(e.Canonical, gaz.CountryName(e.Country))
}

// groupEntry reports whether gazetteer entry g is a group of a country
// in the built-in lexicon ("Republican", "Democratic", "Houthi") rather
// than its demonym.
func groupEntry(g *gaz.Entry) bool {
	return g.Kind == gaz.KNORP && g.Rank >= 100 && g.Rank < userRank && !demonymOf(g.Canonical, gaz.CountryName(g.Country))
}

// demonymSuffixes are the endings a nationality adds to the stem it
// shares with its place: Scot-tish, Zaire-an, Chech-en, Leban-ese.
var demonymSuffixes = []string{"", "an", "ian", "ean", "n", "ish", "tish", "ese", "i", "is", "en", "ic", "on"}

// demonymOf reports whether nationality n (singular or plural) is formed
// from place name p: they share a stem of four letters or more, n adds
// a nationality ending to it and p at most six letters ("Scottish",
// "Scotland"; "Tajik", "Tajikistan"; "Lebanese", "Lebanon").
func demonymOf(n, p string) bool {
	n, p = strings.ToLower(n), strings.ToLower(p)
	if n == "" || p == "" || strings.ContainsAny(p, " -") || strings.ContainsAny(n, " -") {
		return false
	}
	try := func(n string) bool {
		k := 0
		for k < len(n) && k < len(p) && n[k] == p[k] {
			k++
		}
		if k < 4 || len(p)-k > 6 {
			return false
		}
		return slices.Contains(demonymSuffixes, n[k:])
	}
	if try(n) {
		return true
	}
	if c, ok := strings.CutSuffix(n, "s"); ok && try(c) {
		return true
	}
	return false
}

// maxBucket bounds the candidates a name is compared with in the
// document-level rules, so that they stay linear in the document: a
// bucket keeps the first maxBucket distinct names with its key.
const maxBucket = 8

// buckets groups distinct names by a key, at most maxBucket a key.
type buckets map[string][]string

func (b buckets) add(key, name string) {
	if key == "" || len(b[key]) >= maxBucket || slices.Contains(b[key], name) {
		return
	}
	b[key] = append(b[key], name)
}

// stemKey is the key of the buckets of nationalities and places: the
// first four letters in lower case ("" for shorter names), which
// [demonymOf] requires the two to share.
func stemKey(s string) string {
	s = strings.ToLower(s)
	if len(s) < 4 {
		return ""
	}
	return s[:4]
}

// candidates returns the full names of a document's buckets that a name
// of the given words may be a short form of: those with its first word,
// its last word, or its first three letters (a clipping).
func (w *work) candidates(full map[string][]*Entity, words []string) []*Entity {
	key := func(p, s string) []*Entity {
		if len(full) == 0 {
			return nil
		}
		w.keyBuf = append(append(w.keyBuf[:0], p...), s...)
		return full[string(w.keyBuf)] // no allocation for the look-up
	}
	c := key("f:", words[0])
	l := key("l:", words[len(words)-1])
	var k []*Entity
	if len(words[0]) >= 3 {
		k = key("c:", words[0][:3])
	}
	if len(l) == 0 && len(k) == 0 {
		return c
	}
	return slices.Concat(c, l, k)
}

// isPlace reports whether t is a place type.
func isPlace(t Type) bool { return t == COUNTRY || t == CITY || t == LOCATION }

// linkNames joins the mentions of one entity written in different ways
// within the document: a nationality and the place it is formed from
// ("Scottish" and "Scotland", "Chechen" and "Chechnya": the place's
// canonical name, or the nationality's country if only it has one), and
// a shorter form of an organisation or other name the document also
// writes in full, its first word ("Pirelli" for "Pirelli Cables"), a
// clipping of it ("Fed" for "Federal Reserve") or its last words
// ("Eagles" for "Philadelphia Eagles", "Agriculture Department" for
// "U.S. Agriculture Department").
func (w *work) linkNames() {
	if len(w.ents) < 2 {
		return
	}
	// places by the stem of their name, organisations and other names of
	// two words or more by their first and last words and a clipping
	if w.places == nil {
		w.places, w.full = map[string][]*Entity{}, map[string][]*Entity{}
	}
	places, full := w.places, w.full
	clear(places)
	clear(full)
	defer func() { // the maps are reused: hold no entities of this document
		clear(places)
		clear(full)
	}()
	addTo := func(m map[string][]*Entity, key string, e *Entity) {
		if key == "" || len(m[key]) >= maxBucket {
			return
		}
		for _, o := range m[key] {
			if o.Canonical == e.Canonical && o.Type == e.Type {
				return
			}
		}
		m[key] = append(m[key], e)
	}
	for k := range w.ents {
		e := &w.ents[k]
		switch {
		case isPlace(e.Type):
			addTo(places, stemKey(e.Canonical), e)
			if e.Text != e.Canonical {
				addTo(places, stemKey(e.Text), e)
			}
		case (e.Type == ORG || e.Type == MISC) && strings.Contains(e.Canonical, " ") && hasLowerLetter(e.Canonical):
			w.fieldsA = appendFields(w.fieldsA[:0], e.Canonical)
			fw := w.fieldsA
			addTo(full, "f:"+fw[0], e)
			addTo(full, "l:"+fw[len(fw)-1], e)
			if len(fw[0]) >= 3 {
				addTo(full, "c:"+fw[0][:3], e)
			}
		}
	}
	var renamed map[string][2]string // place canonical -> country name, code
	for k := range w.ents {
		e := &w.ents[k]
		switch e.Type {
		case NORP:
			for _, p := range places[stemKey(e.Text)] {
				if p.Country != "" && e.Country != "" && p.Country != e.Country {
					continue
				}
				if !demonymOf(e.Text, p.Canonical) && !demonymOf(e.Text, p.Text) {
					continue
				}
				if e.Country != "" && p.Country == "" {
					if name := gaz.CountryName(e.Country); name != "" && name == e.Canonical {
						// "Bosnian" is Bosnia and Herzegovina: so is "Bosnia"
						if renamed == nil {
							renamed = map[string][2]string{}
						}
						renamed[p.Canonical] = [2]string{name, e.Country}
						break
					}
				}
				e.Canonical = p.Canonical
				if e.Country == "" {
					e.Country = p.Country
				}
				break
			}
		case ORG, MISC:
			if strings.Contains(e.Canonical, " ") && !hasLowerLetter(e.Canonical) {
				continue
			}
			var one [1]string
			words := one[:]
			if strings.Contains(e.Canonical, " ") {
				w.fieldsA = appendFields(w.fieldsA[:0], e.Canonical)
				words = w.fieldsA
			} else {
				one[0] = e.Canonical
			}
			if words[0] == "" {
				continue
			}
			var best *Entity
			for _, f := range w.candidates(full, words) {
				if f == e || f.Type != e.Type || f.Canonical == e.Canonical {
					continue
				}
				w.fieldsB = appendFields(w.fieldsB[:0], f.Canonical)
				fw := w.fieldsB
				if len(fw) <= len(words) {
					continue
				}
				ok := false
				switch {
				case len(words) == 1 && fw[0] == words[0] && len(words[0]) >= 3:
					ok = true // "Pirelli" of "Pirelli Cables"
				case len(words) == 1 && len(words[0]) >= 3 && strings.HasPrefix(fw[0], words[0]) && hasLowerLetter(words[0]) && !strings.HasSuffix(words[0], "."):
					ok = true // "Fed" of "Federal Reserve"
				case slices.Equal(fw[len(fw)-len(words):], words):
					ok = true // "Eagles" of "Philadelphia Eagles"
				}
				if ok && (best == nil || len(f.Canonical) < len(best.Canonical)) {
					best = f
				}
			}
			if best != nil {
				e.Canonical = best.Canonical
				if e.Country == "" {
					e.Country = best.Country
				}
			}
		}
	}
	if renamed != nil {
		for j := range w.ents {
			if r, ok := renamed[w.ents[j].Canonical]; ok && isPlace(w.ents[j].Type) {
				w.ents[j].Canonical, w.ents[j].Country = r[0], r[1]
			}
		}
	}
}

// caseCanonicals makes the canonical names of a document one per entity
// whatever the case of its mentions: a nationality with a known country
// takes the country's name ("Israeli" is canonical "Israel"), and a
// canonical name written in capitals only ("LEICESTERSHIRE", "KEVIN
// BROWN") takes the document's own form in mixed case if it has one,
// otherwise its words capitalised; a one-word name of up to five capitals
// stays an acronym ("NATO", "ASEAN") unless the document writes it
// otherwise.
func (w *work) caseCanonicals() {
	var mixed map[string]string // folded canonical -> mixed-case form
	for k := range w.ents {
		e := &w.ents[k]
		if e.Type == NORP && e.Country != "" && !w.groupName(e) {
			if name := gaz.CountryName(e.Country); name != "" {
				e.Canonical = name
			}
		}
		if hasLowerLetter(e.Canonical) {
			if mixed == nil {
				mixed = map[string]string{}
			}
			w.keyBuf = gaz.AppendLower(w.keyBuf[:0], e.Canonical)
			if mixed[string(w.keyBuf)] == "" { // no allocation for the look-up
				mixed[string(w.keyBuf)] = e.Canonical
			}
		}
	}
	// a plural of another canonical name of the document ("Moslems",
	// "All Blacks") and an acronym of one ("KDP" after "Kurdistan
	// Democratic Party") name the same entity
	var initials map[string]string
	for k := range w.ents {
		e := &w.ents[k]
		if e.Type == PERSON {
			continue
		}
		if a := acronymOf(e.Canonical); a != "" {
			if initials == nil {
				initials = map[string]string{}
			}
			if initials[a] == "" {
				initials[a] = e.Canonical
			}
		}
	}
	for k := range w.ents {
		e := &w.ents[k]
		if e.Type == PERSON {
			continue
		}
		if c, ok := strings.CutSuffix(e.Canonical, "s"); ok && len(c) > 2 && mixed[string(w.lower(c))] == c {
			e.Canonical = c
		}
		if x := initials[e.Canonical]; x != "" && e.Type != NORP {
			e.Canonical = x
		}
	}
	for k := range w.ents {
		e := &w.ents[k]
		if hasLowerLetter(e.Canonical) || !hasUpper(e.Canonical) {
			continue
		}
		if m := mixed[string(w.lower(e.Canonical))]; m != "" {
			e.Canonical = m
			continue
		}
		if e.Type != PERSON && !strings.ContainsAny(e.Canonical, " -") && utf8.RuneCountInString(e.Canonical) <= 5 || weaponNames[e.Canonical] {
			continue // an acronym
		}
		e.Canonical = titleWords(e.Canonical)
	}
}

// lower returns strings.ToLower(s) in w's key buffer, valid until its next
// use: a map look-up with string(w.lower(s)) allocates nothing.
func (w *work) lower(s string) []byte {
	w.keyBuf = gaz.AppendLower(w.keyBuf[:0], s)
	return w.keyBuf
}

// acronymOf returns the initials of a name of three or more capitalised
// words ("Kurdistan Democratic Party" → "KDP"; "of", "for", "and" and
// "the" are skipped), or "" for other names.
func acronymOf(name string) string {
	if strings.Count(name, " ") < 2 {
		return ""
	}
	words := strings.Fields(name)
	if len(words) < 3 {
		return ""
	}
	var b strings.Builder
	for _, w := range words {
		switch w {
		case "of", "for", "and", "the", "on", "in", "&":
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) || !hasLowerLetter(w) {
			return ""
		}
		b.WriteRune(r)
	}
	if b.Len() < 3 {
		return ""
	}
	return b.String()
}

// titleWords writes every word of s (letters after a space, hyphen or
// slash start a word) with a capital first letter and small letters
// after; words of one letter with a period ("U.") keep their capital.
func titleWords(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	start := true
	for _, r := range s {
		if start {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		start = r == ' ' || r == '-' || r == '/' || r == '.' || r == '(' || r == '"'
	}
	return b.String()
}

func isPossessive(w string) bool {
	switch w {
	case "'s", "’s", "'S", "’S", "'", "’":
		return true
	}
	return false
}

// roleAround finds a title next to a person's name at tokens [first,
// last): before it ("Russian Foreign Minister Sergei Lavrov", "the foreign
// minister, Sergei Lavrov") or in apposition after it ("Sergei Lavrov,
// Russia's foreign minister"), with the country named before the title.
func (w *work) roleAround(first, last int) (role, country string) {
	end := first
	if end > 0 && w.words[end-1] == "," {
		end--
	}
	if r, start, ok := gaz.TitleBefore(w.words, end); ok && r != "" {
		return r, w.countryBefore(start)
	}
	// "Spc." cut by the tokeniser into "Spc" and "."
	if end >= 2 && w.words[end-1] == "." {
		if r, _, ok := gaz.TitleAt([]string{w.words[end-2] + "."}, 0); ok && r != "" {
			return r, w.countryBefore(end - 2)
		}
	}
	// apposition: ", [the|a|an] [former] [Russia's|Russian] [former]
	// foreign minister [of Russia]"; without a title, a nationality
	// alone (", an Afghan defence spokesperson", ", a Sudanese militia
	// leader") still gives the person's country
	j := last
	if j < len(w.words) && w.words[j] == "," {
		j++
		article := false
		if j < len(w.words) {
			switch w.words[j] {
			case "the", "The", "a", "an":
				j++
				article = true
			}
		}
		j = w.skipModifiers(j)
		c := ""
		if g := w.matchStarting(j); g != nil && (g.entry.Kind == gaz.KCountry || g.entry.Kind == gaz.KNORP) && g.entry.Country != "" {
			c = g.entry.Country
			j = g.last
			if j < len(w.words) && isPossessive(w.words[j]) {
				j++
			}
			j = w.skipModifiers(j)
		}
		if r, end, ok := gaz.TitleAt(w.words, j); ok && r != "" {
			if c == "" && end+1 < len(w.words) && w.words[end] == "of" {
				// "the former Prime Minister of Sri Lanka"
				if g := w.matchStarting(end + 1); g != nil && g.entry.Kind == gaz.KCountry {
					c = g.entry.Country
				}
			}
			return r, c
		}
		if article && c != "" && j < len(w.words) && lowerWord(w.words[j]) {
			return "", c
		}
	}
	// a nationality and a common noun just before the name: "Russian
	// oligarch Oleg Deripaska", "the American journalist James Foley"
	if end >= 2 && lowerWord(w.words[end-1]) {
		if c := w.countryBefore(end - 1); c != "" {
			return "", c
		}
	}
	return "", ""
}

// skipModifiers returns the index of the first word from i that is not a
// modifier of a title ("former", "acting").
func (w *work) skipModifiers(i int) int {
	for i < len(w.words) {
		switch w.words[i] {
		case "former", "then", "acting", "interim", "outgoing", "incoming", "current", "late":
			i++
			continue
		}
		break
	}
	return i
}

// lowerWord reports whether s is a word of lower-case ASCII letters.
func lowerWord(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// countryBefore returns the country of a country name or demonym ending
// just before token i, possibly followed by 's ("Russia's").
func (w *work) countryBefore(i int) string {
	if i > 0 && isPossessive(w.words[i-1]) {
		i--
	}
	if i <= 0 {
		return ""
	}
	g := w.matchAtToken(i - 1)
	if g != nil && g.last == i && (g.entry.Kind == gaz.KCountry || g.entry.Kind == gaz.KNORP) {
		return g.entry.Country
	}
	return ""
}

// matchStarting returns the match whose first token is i, or nil.
func (w *work) matchStarting(i int) *gazMatch {
	g := w.matchAtToken(i)
	if g != nil && g.first == i {
		return g
	}
	return nil
}

// appendFields appends the fields of s, as strings.Fields splits them, to
// dst (no allocation once dst has grown).
func appendFields(dst []string, s string) []string {
	for f := range strings.FieldsSeq(s) {
		dst = append(dst, f)
	}
	return dst
}

// cleanName collapses white space in a name.
func cleanName(s string) string {
	if !strings.ContainsAny(s, "\n\t\r  ") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// nameKey folds a name word for comparing transliteration variants:
// lower case, without diacritics, with "Ye-" as "E-" (Yevgeny, Evgeny),
// "-iy", "-ii", "-yy" endings as "-y" (Dmitriy, Dmitry) and "-ey" as "-ei"
// (Sergey, Sergei).
func nameKey(w string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if r == '’' {
			r = '\''
		}
		b.WriteRune(unicode.ToLower(r))
	}
	k := b.String()
	if strings.HasPrefix(k, "ye") && len(k) > 4 {
		k = k[1:]
	}
	for _, suf := range []string{"iy", "ii", "yy", "ij"} {
		if strings.HasSuffix(k, suf) && len(k) > 4 {
			k = k[:len(k)-2] + "y"
			break
		}
	}
	if strings.HasSuffix(k, "ey") && len(k) > 4 {
		k = k[:len(k)-2] + "ei"
	}
	return k
}

// skeleton reduces a folded first name to its consonants after the first
// letter, without doubles: Mohammed, Muhammad and Mohamad are all "mhmd".
func skeleton(k string) string {
	var b strings.Builder
	var last rune = -1
	for i, r := range k {
		if i > 0 && strings.ContainsRune("aeiouy'", r) {
			continue
		}
		if r == last {
			continue
		}
		if i == 0 && strings.ContainsRune("aeiouy", r) {
			r = 'a' // Evgeny/Yevgeny already agree; Ali/Aly keep a
		}
		last = r
		b.WriteRune(r)
	}
	return b.String()
}
