package entity

import "testing"

func TestNameKey(t *testing.T) {
	same := [][2]string{{"Sergey", "Sergei"}, {"Yevgeny", "Evgeny"}, {"Dmitriy", "Dmitry"}, {"Dmitrii", "Dmitry"}, {"Zelenskiy", "Zelensky"}, {"José", "Jose"}}
	for _, p := range same {
		if nameKey(p[0]) != nameKey(p[1]) {
			t.Errorf("nameKey(%q)=%q != nameKey(%q)=%q", p[0], nameKey(p[0]), p[1], nameKey(p[1]))
		}
	}
	for _, p := range [][2]string{{"Mohammed", "Muhammad"}, {"Mohamed", "Muhammed"}} {
		if skeleton(nameKey(p[0])) != skeleton(nameKey(p[1])) {
			t.Errorf("skeleton(%q) != skeleton(%q)", p[0], p[1])
		}
	}
	if nameKey("Putin") == nameKey("Patin") {
		t.Error("different names folded alike")
	}
}
