package gaz

import (
	"strings"

	"github.com/diplotext/diplotext/text"
)

// Word classes: flags of single words that the recogniser uses as
// features (see [WordClass]).
const (
	WFirstName uint8 = 1 << iota // an English first name (generated list)
	WNamePart                    // a part of a person's name, of any culture (generated list)
	WOrgWord                     // a word that ends or heads organisation names: Inc, Bank, Party, University, United
	WPersonCue                   // a word that follows or precedes people's names: spokesman, said, told, Mr
	WSport                       // a word of sports reports: soccer, league, striker, innings
	WFinance                     // a word of business reports: shares, profit, dividend
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

// sportWords are words of sports reports, where place names often name
// teams.
const sportWords = `
soccer football cricket tennis rugby golf baseball basketball hockey ice-hockey cycling athletics
boxing skiing motor-racing racing formula swimming volleyball handball badminton squash snooker
league cup match matches goal goals scored striker midfielder defender goalkeeper innings wicket
wickets batsman bowler runs halftime half-time penalty penalties draw drew beat beats champions
championship tournament semifinal semi-final quarterfinal quarter-final final finals seed seeded
standings points played won lost tabulate division premier playoff play-off
`

// financeWords are words of business and market reports, where names are
// mostly companies.
const financeWords = `
shares share stock stocks profit profits loss losses dividend dividends revenue revenues sales
earnings quarter quarterly pct percent per-share net pre-tax shareholders shareholder stake
acquisition merger takeover bid offer bonds bond yield yields futures index trading traders
investors analyst analysts market markets prices price tonnes barrels crude exchange currency
dollar dollars yen marks francs sterling bank banks company companies firm group subsidiary
`

// wordClassMap returns the word-class flags of every listed word by hash;
// the generated word table stores it.
func wordClassMap() map[uint64]uint8 {
	m := make(map[uint64]uint8, 48000)
	set := func(list string, bit uint8) {
		for _, w := range strings.Fields(list) {
			h := text.Hash(w)
			m[h] |= bit
		}
	}
	set(firstNames, WFirstName)
	set(nameParts, WNamePart)
	set(orgWords, WOrgWord)
	set(personCues, WPersonCue)
	set(sportWords, WSport)
	set(financeWords, WFinance)
	return m
}

// WordClass returns the word-class flags (WFirstName, ...) of the word with
// hash h (see [text.Hash]), 0 for none. It reads the generated word table.
func WordClass(h uint64) uint8 { return defaultTables().words.flags(h) & wordClassBits }
