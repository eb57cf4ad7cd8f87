package lang

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/diplotext/diplotext/text"
)

func TestDetect(t *testing.T) {
	cases := []struct{ in, want string }{
		{"The foreign ministers met in Kuala Lumpur on Thursday and agreed to resume talks on strategic stability.", "en"},
		{"Les ministres des affaires étrangères se sont rencontrés jeudi à Kuala Lumpur et ont convenu de reprendre les discussions.", "fr"},
		{"Los ministros de Asuntos Exteriores se reunieron el jueves en Kuala Lumpur y acordaron reanudar las conversaciones.", "es"},
		{"De ministers van Buitenlandse Zaken kwamen donderdag bijeen in Kuala Lumpur en spraken af de gesprekken te hervatten.", "nl"},
		{"Министр иностранных дел России Сергей Лавров провёл переговоры с государственным секретарём США в Куала-Лумпуре.", "ru"},
		{"Die Außenminister trafen sich am Donnerstag in Kuala Lumpur und vereinbarten, die Gespräche wieder aufzunehmen.", "de"},
		{"中华人民共和国外交部发言人今天在例行记者会上回答了记者的提问。", "zh"},
		{"外務省の報道官は本日の定例記者会見で記者の質問に答えました。", "ja"},
		{"외교부 대변인은 오늘 정례 브리핑에서 기자들의 질문에 답했다.", "ko"},
		{"Ο υπουργός Εξωτερικών συναντήθηκε με τον ομόλογό του στην Αθήνα.", "el"},
	}
	for _, c := range cases {
		code, conf := Detect(c.in)
		assert.Equal(t, c.want, code, c.in)
		assert.True(t, conf > 0 && conf <= 1, "confidence %v", conf)
	}
}

func TestDetectUndecided(t *testing.T) {
	for _, s := range []string{"", "   ", "12345 67890 !!!", "\xff\xfe\x00", "U.S.", "Lavrov", strings.Repeat("?", 10000)} {
		code, conf := Detect(s)
		assert.Equal(t, "", code, "%q", s)
		assert.Zero(t, conf)
	}
	code, conf := DetectDocument(nil)
	assert.Equal(t, "", code)
	assert.Zero(t, conf)
	code, _ = DetectDocument(text.Parse("The talks between the two delegations ended without an agreement."))
	assert.Equal(t, "en", code)
}

func TestDetectHeadlinesNotForeign(t *testing.T) {
	// Written for this test: short English headlines of the kind trigram
	// profiles (learnt on the Universal Declaration of Human Rights) call
	// French or Danish.
	for _, h := range []string{
		"Rubio, Lavrov hold frank talks in Malaysia",
		"Kremlin denies role in pipeline blast",
		"Macron visits Beijing for trade talks",
		"EU extends sanctions on Moscow",
		"UN envoy resigns amid Libya impasse",
		"Pentagon confirms drone strike in Syria",
	} {
		code, _ := Detect(h)
		assert.Contains(t, []string{"en", ""}, code, h)
	}
}

func TestDetectBoundedAndDeterministic(t *testing.T) {
	long := strings.Repeat("The delegations agreed to continue the dialogue. ", 100000) // 5 MB
	a, ca := Detect(long)
	b, cb := Detect(long[:SampleBytes])
	assert.Equal(t, "en", a)
	assert.Equal(t, a, b)
	assert.Equal(t, ca, cb, "only the prefix is read")
	s := "Los ministros acordaron reanudar las conversaciones sobre estabilidad estratégica."
	first, fc := Detect(s)
	for range 20 {
		c, f := Detect(s)
		assert.Equal(t, first, c)
		assert.Equal(t, fc, f)
	}
	cut := prefix("aé", 2)
	assert.Equal(t, "a", cut, "a prefix never splits a character")
}

func TestLanguages(t *testing.T) {
	ls := Languages()
	assert.True(t, slices.IsSorted(ls))
	for _, c := range []string{"en", "fr", "es", "nl", "ru", "ar", "zh", "ja", "ko", "de", "fa", "uk"} {
		assert.Contains(t, ls, c)
	}
	for _, c := range ls {
		assert.Len(t, c, 2)
	}
	assert.NotEmpty(t, ProfilesVersion)
}

func FuzzDetect(f *testing.F) {
	for _, s := range []string{"The talks ended.", "Переговоры", "\xff\x00abc", "中文", "", "aaaaaaaaaaaaaaaaaaaaaaaa"} {
		f.Add(s)
	}
	langs := Languages()
	f.Fuzz(func(t *testing.T, s string) {
		code, conf := Detect(s)
		if code == "" {
			if conf != 0 {
				t.Fatalf("undecided with confidence %v", conf)
			}
			return
		}
		if !slices.Contains(langs, code) || conf <= 0 || conf > 1 {
			t.Fatalf("Detect(%q) = %q, %v", s, code, conf)
		}
	})
}
