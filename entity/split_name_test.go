package entity_test

import (
	"testing"

	"github.com/diplotext/diplotext/entity"
	"github.com/diplotext/diplotext/entity/statistical"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A later sentence-initial surname must not split the full name it refers
// to: "Sergey Lavrov ... Lavrov criticised" is one person, twice.
func TestLaterSurnameDoesNotSplitTheFullName(t *testing.T) {
	rec, err := statistical.New()
	if err != nil {
		t.Fatal(err)
	}
	tg, err := entity.NewTagger(rec)
	require.NoError(t, err)
	s := "Secretary of State Marco Rubio met Russian Foreign Minister Sergey Lavrov in Kuala Lumpur on Thursday. " +
		"Lavrov criticised new sanctions on Russian banks."
	ents, err := tg.Tag(s)
	require.NoError(t, err)
	var people []string
	canon := map[string]string{}
	for _, e := range ents {
		if e.Type == entity.PERSON {
			people = append(people, e.Text)
			canon[e.Text] = e.Canonical
		}
	}
	assert.Equal(t, []string{"Marco Rubio", "Sergey Lavrov", "Lavrov"}, people)
	assert.Equal(t, "Sergey Lavrov", canon["Lavrov"])
}

func TestTwoPeopleAcrossPunctuationStayApart(t *testing.T) {
	rec, err := statistical.New()
	if err != nil {
		t.Fatal(err)
	}
	tg, err := entity.NewTagger(rec)
	require.NoError(t, err)
	ents, err := tg.Tag("Present were Marco Rubio, Sergey Lavrov and Anwar Ibrahim.")
	require.NoError(t, err)
	var people []string
	for _, e := range ents {
		if e.Type == entity.PERSON {
			people = append(people, e.Text)
		}
	}
	assert.Equal(t, []string{"Marco Rubio", "Sergey Lavrov", "Anwar Ibrahim"}, people)
}
