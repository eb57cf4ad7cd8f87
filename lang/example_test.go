package lang_test

import (
	"fmt"

	"github.com/diplotext/diplotext/lang"
)

func ExampleDetect() {
	for _, s := range []string{
		"The ministers agreed to resume talks on strategic stability next month.",
		"Les ministres des affaires étrangères se sont rencontrés jeudi et ont convenu de reprendre les discussions le mois prochain.",
		"Министр иностранных дел России Сергей Лавров провёл переговоры с государственным секретарём США.",
		"Lavrov",
	} {
		code, _ := lang.Detect(s)
		fmt.Printf("%q\n", code)
	}
	// Output:
	// "en"
	// "fr"
	// "ru"
	// ""
}
