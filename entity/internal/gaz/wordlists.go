package gaz

import (
	"strings"
	"sync"
)

// Word classes: flags of single words that the recogniser uses as
// features (see [WordClass]).
const (
	WFirstName uint8 = 1 << iota // an English first name (generated list)
	WNamePart                    // a part of a person's name, of any culture (generated list)
	WOrgWord                     // a word that ends or heads organisation names: Inc, Bank, Party, University, United
	WPersonCue                   // a word that follows or precedes people's names: spokesman, said, told, Mr
)

// orgWords are words that end or head names of organisations, written
// for diplotext: company forms, institutions, parties and sports clubs.
const orgWords = `
AG Agency Airlines Airways Alliance Assembly Association Athletic Athletics Authority
Bancorp Bank Board Brigade Broadcasting BV Capital Church Club Co Co. College Commission
Committee Communications Company Congress Corp Corp. Corporation Council County Court
Department Exchange FC Federation Forces Foundation Front Fund GmbH Group Holding Holdings
Hospital Inc Inc. Industries Institute International Journal League Ltd Ltd. LLC Ministry
Motors Movement Network News NV N.V. Office Oil Organisation Organization Parliament
Partners Party Petroleum Pharmaceuticals Plc PLC Police Post Press Radio Rangers Rovers
SA S.A. School Securities Senate Service Services Society SpA Systems Team Technologies
Telecom Television Times Tribune Trust Union United University Wanderers
`

// personCues are words next to people's names in news: titles and verbs
// of saying.
const personCues = `
Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Sir Lady Lord spokesman spokeswoman spokesperson said says
told added chairman president minister secretary leader coach captain striker midfielder
defender goalkeeper manager director chief executive analyst son daughter wife husband
`

var wordClasses = sync.OnceValue(func() map[uint64]uint8 {
	m := make(map[uint64]uint8, 48000)
	set := func(list string, bit uint8) {
		for _, w := range strings.Fields(list) {
			h := WordHash(w)
			m[h] |= bit
		}
	}
	set(firstNames, WFirstName)
	set(nameParts, WNamePart)
	set(orgWords, WOrgWord)
	set(personCues, WPersonCue)
	return m
})

// WordClass returns the word-class flags (WFirstName, ...) of the word with
// hash h (see [WordHash]), 0 for none. The table is built once.
func WordClass(h uint64) uint8 { return wordClasses()[h] }
