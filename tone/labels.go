package tone

import "fmt"

// Polarity is the overall direction of a tone: negative, neutral or
// positive. Its text form is "negative", "neutral" or "positive".
type Polarity int

// Polarities.
const (
	Negative Polarity = iota - 1 // unfavourable
	Neutral                      // neither clearly favourable nor unfavourable
	Positive                     // favourable
)

// String returns "negative", "neutral" or "positive" (or "Polarity(n)"
// for an undefined value).
func (p Polarity) String() string {
	switch p {
	case Negative:
		return "negative"
	case Neutral:
		return "neutral"
	case Positive:
		return "positive"
	}
	return fmt.Sprintf("Polarity(%d)", int(p))
}

// MarshalText encodes p as its name.
func (p Polarity) MarshalText() ([]byte, error) {
	if p < Negative || p > Positive {
		return nil, fmt.Errorf("tone: invalid polarity %d", int(p))
	}
	return []byte(p.String()), nil
}

// UnmarshalText decodes a name written by MarshalText.
func (p *Polarity) UnmarshalText(b []byte) error {
	switch string(b) {
	case "negative":
		*p = Negative
	case "neutral":
		*p = Neutral
	case "positive":
		*p = Positive
	default:
		return fmt.Errorf("tone: unknown polarity %q", b)
	}
	return nil
}

// Register is a label of diplomatic register: the manner in which
// diplomats describe a meeting or a relationship, such as "cordial",
// "frank" or "tense". A text may carry several registers. The text form is
// the lower-case name; [Register.Meaning] explains it for a reader.
type Register int

// Registers. The zero value is not a register.
const (
	Cordial      Register = iota + 1 // warm, friendly
	Constructive                     // productive, progress made
	Frank                            // candid; open disagreement
	Businesslike                     // correct, "useful"; little agreement
	Cautious                         // guarded; no breakthrough, channels kept open
	Tense                            // strained; concern, friction
	Hostile                          // confrontational; condemnation, threats
	Conciliatory                     // reaching out; easing tension
	Hedged                           // speculative; likely, reportedly, may
	Firm                             // resolute; red lines, non-negotiable positions
	numRegisters = iota
)

var registerNames = [numRegisters + 1]string{"", "cordial", "constructive", "frank", "businesslike", "cautious", "tense", "hostile", "conciliatory", "hedged", "firm"}

var registerMeanings = [numRegisters + 1]string{
	"",
	"Warm and friendly: the parties are on good terms and want it known.",
	"Productive: the talks made some progress or both sides are working towards it.",
	"Candid: the parties disagreed openly; diplomats' code for real differences.",
	"Correct but cool: a working contact with little agreement (\"useful\", \"businesslike\").",
	"Guarded: no breakthrough, expectations kept low, channels kept open.",
	"Strained: concern, friction or a worsening relationship.",
	"Confrontational: condemnation, rejection, threats or hostile acts.",
	"Reaching out: gestures to ease tension, compromise or reconcile.",
	"Speculative: the text hedges (likely, reportedly, may) rather than asserts.",
	"Resolute: firm positions, red lines and demands that will not be conceded.",
}

// Registers returns every register, in order.
func Registers() []Register {
	r := make([]Register, 0, numRegisters)
	for i := Register(1); i <= numRegisters; i++ {
		r = append(r, i)
	}
	return r
}

func (r Register) valid() bool { return r >= 1 && r <= numRegisters }

// String returns the lower-case name of r, such as "frank" (or
// "Register(n)" for an undefined value).
func (r Register) String() string {
	if r.valid() {
		return registerNames[r]
	}
	return fmt.Sprintf("Register(%d)", int(r))
}

// Meaning returns a one-line explanation of r that can be shown to a user.
func (r Register) Meaning() string {
	if r.valid() {
		return registerMeanings[r]
	}
	return ""
}

// MarshalText encodes r as its name.
func (r Register) MarshalText() ([]byte, error) {
	if !r.valid() {
		return nil, fmt.Errorf("tone: invalid register %d", int(r))
	}
	return []byte(registerNames[r]), nil
}

// UnmarshalText decodes a name written by MarshalText.
func (r *Register) UnmarshalText(b []byte) error {
	for i := Register(1); i <= numRegisters; i++ {
		if registerNames[i] == string(b) {
			*r = i
			return nil
		}
	}
	return fmt.Errorf("tone: unknown register %q", b)
}
