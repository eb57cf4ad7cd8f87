package diplotext_test

import (
	"context"
	"fmt"

	"github.com/diplotext/diplotext"
)

func ExampleAnalyze() {
	rep, err := diplotext.Analyze(context.Background(),
		"Secretary of State Marco Rubio met Russian Foreign Minister Sergey Lavrov in Kuala Lumpur. "+
			"Lavrov called the talks useful.")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range rep.Entities {
		fmt.Printf("%s %q canonical=%q country=%q role=%q\n", e.Type, e.Text, e.Canonical, e.Country, e.Role)
	}
	// Output:
	// PERSON "Marco Rubio" canonical="Marco Rubio" country="" role="secretary of state"
	// NORP "Russian" canonical="Russia" country="RUS" role=""
	// PERSON "Sergey Lavrov" canonical="Sergey Lavrov" country="RUS" role="foreign minister"
	// CITY "Kuala Lumpur" canonical="Kuala Lumpur" country="MYS" role=""
	// PERSON "Lavrov" canonical="Sergey Lavrov" country="RUS" role="foreign minister"
}
