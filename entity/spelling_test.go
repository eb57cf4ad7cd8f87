package entity

import "testing"

func TestSpellingKey(t *testing.T) {
	same := [][]string{
		{"Sergey", "Sergei", "Serguei", "SERGEI"},
		{"Aleksandr", "Alexander", "Alexandr"},
		{"Alexei", "Alexey", "Aleksei", "Aleksey"},
		{"Natalya", "Natalia"},
		{"Nikolai", "Nikolay"},
		{"Vyacheslav", "Viacheslav"},
		{"Zelenskyy", "Zelensky", "Zelenskiy"},
		{"Mohammed", "Muhammad", "Mohamed"},
	}
	for _, g := range same {
		for _, v := range g[1:] {
			if spellingKey(v) != spellingKey(g[0]) {
				t.Errorf("spellingKey(%q)=%q != spellingKey(%q)=%q", v, spellingKey(v), g[0], spellingKey(g[0]))
			}
		}
	}
	for _, p := range [][2]string{{"Putin", "Patin"}, {"Maria", "Mario"}, {"Ivan", "Ivana"}} {
		if spellingKey(p[0]) == spellingKey(p[1]) {
			t.Errorf("%q and %q share a key", p[0], p[1])
		}
	}
	for in, want := range map[string]string{
		"Sergei Lavrov":        "Sergey Lavrov",
		"Aleksandr Lukashenko": "Alexander Lukashenko",
		"Muhammad bin Salman":  "Mohammed bin Salman",
		"Lavrov":               "Lavrov",
		"Marco Rubio":          "Marco Rubio",
	} {
		if got := preferredSpelling(in); got != want {
			t.Errorf("preferredSpelling(%q) = %q, want %q", in, got, want)
		}
	}
}
