package tone

// This file holds the hand-written word lists of the package (written for
// diplotext; no upstream): function words that steer polarity (negators,
// intensifiers, downtoners, contrast and hedging markers), diplomatic terms
// whose VADER valence is missing or misleading in foreign-affairs prose,
// the fixed phrases of diplomatic register, and verbs and nouns of
// cooperation and conflict with values in the spirit of the Goldstein
// (1992) cooperation-conflict scale.
//
// Patterns are written in lower case, one token per space-separated word
// (as text.Tokenize splits them: "n't" and "'s" are tokens of their own).
// A pattern lists alternatives "a b|c d"; in each, a trailing "~" expands a regular
// verb (agree~ = agree, agrees, agreed, agreeing) and a trailing "+" a
// regular noun plural (sanction+ = sanction, sanctions).

// Word classes.
const (
	fNeg         uint16 = 1 << iota // negator: flips what follows in its clause
	fBoost                          // intensifier or downtoner: scales the next sentiment word
	fHedge                          // speculation marker
	fContrast                       // "but": what precedes weighs less, what follows more
	fConcede                        // "although": the clause it opens weighs less
	fReport                         // reporting verb: "said", "told"
	fSpeculate                      // strong speculation marker (counts fully toward Hedged)
	fScare                          // "so-called": praise that follows is ironic
	fRemedy                         // "saved", "freed": overcoming the bad things of its clause
	fFulfil                         // "materialised": negated, it undoes the promise of its clause
	fUnfulfilled                    // "unfulfilled": undoes the promise of its clause
)

// funcWords maps function words to their class and, for boosters, the
// factor applied to the next sentiment word.
var funcWords = []struct {
	pattern string
	flags   uint16
	boost   float32
}{
	// Negators.
	{"not|n't|no|never|neither|nor|none|nothing|nobody|nowhere|without|cannot|lack|lacks|lacked|lacking|hardly|barely|scarcely|rarely|seldom|fail|fails|failed|failing|refused|cant|dont|didnt|doesnt|isnt|wasnt|wont|wouldnt|couldnt|shouldnt|arent|werent|havent|hasnt|hadnt|aint", fNeg, 0},
	// Intensifiers.
	{"very|extremely|deeply|highly|strongly|greatly|hugely|immensely|enormously|tremendously|utterly|totally|completely|absolutely|entirely|thoroughly|fully|truly|really|so|too|most|particularly|especially|exceptionally|remarkably|incredibly|seriously|gravely|sharply|firmly|vigorously|categorically|unequivocally|resolutely|profoundly|terribly|awfully|super|such", fBoost, 1.3},
	{"more|increasingly|further", fBoost, 1.15},
	{"undoubtedly|clearly|certainly|definitely|surely|indeed|obviously", fBoost, 1.2},
	// Downtoners.
	{"slightly|somewhat|rather|fairly|relatively|partly|partially|marginally|mildly|moderately|little|less|least|almost|nearly|merely|only|just|quite|kinda|sorta|modest|modestly", fBoost, 0.7},
	// Contrast.
	{"but|however|nevertheless|nonetheless", fContrast, 0},
	{"although|though|despite|whilst|whereas|notwithstanding", fConcede, 0},
	// Scare markers: flip the praise that follows ("so-called peace").
	{"so-called|self-styled|self-proclaimed|pseudo", fScare, 0},
	// Reported outcomes: a drug that saves lives from cancer, a hostage
	// feared dead who is freed, is good news; promises that did not
	// materialise are bad news.
	{"save|saves|saved|saving|cure~|cured|rescue~|freed|frees|freeing|avert~|eradicate~|overcome|overcomes|overcame|overcoming|survive~|recover~|reunite~", fRemedy, 0},
	{"materialize~|materialise~|materialized|materialised|fulfil|fulfill|fulfils|fulfills|fulfilled|fulfilling|delivered|kept|honoured|honored", fFulfil, 0},
	{"unfulfilled|unmet|unrealised|unrealized|unkept|empty", fUnfulfilled, 0},
	// Hedging and speculation.
	{"likely|unlikely|probably|possibly|perhaps|maybe|reportedly|allegedly|apparently|purportedly|supposedly|speculation|speculated|rumoured|rumored|unconfirmed|uncertain|unclear|conceivably|presumably", fHedge | fSpeculate, 0},
	{"may|might|could|would|seem|seems|seemed|appear|appears|appeared|suggest|suggests|suggested|possible|potential|potentially", fHedge, 0},
	// Reported speech.
	{"said|says|say|told|tell|tells|stated|declared|added|noted|according|announced|insisted|claimed|claims|argued|wrote|tweeted", fReport, 0},
}

// diploWords gives valences (on VADER's -4..+4 scale) to single words of
// diplomatic and foreign-affairs prose, overriding VADER where its reading
// is off for the genre ("frank" is a euphemism for disagreement; "united"
// and "security" are mostly names) and adding terms it lacks.
var diploWords = []struct {
	pattern string
	val     float32
}{
	{"frank|candid|blunt", -0.4},
	{"frankly|candidly|bluntly", -0.2},
	{"concern+|concerned", -1.2},
	{"worrying|worrisome|alarming", -1.6},
	{"constructive|productive|substantive", 1.5},
	{"fruitful|cordial|amicable", 1.8},
	{"businesslike|pragmatic|correct", 0.2},
	{"useful", 0.6},
	{"tension+|friction+|rift+|standoff+|spat+", -1.4},
	{"stalemate|deadlock|impasse", -1.1},
	{"frosty|icy|chilly|acrimonious|testy|heated", -1.3},
	{"sanction+|sanctioned|embargo|embargoes|blockade", -1.5},
	{"condemn|condemned|condemning|condemnation", -2.0},
	{"deplore|deplores|deplored|denounce~|rebuke~|reprimand~", -1.9},
	{"provocation+|provocative|belligerent|bellicose|warmongering", -2.0},
	{"escalation|escalate~|hostilities|incursion+|airstrike+|shelling", -1.6},
	{"de-escalation|de-escalate~|ceasefire+|truce+|armistice|reconciliation|rapprochement", 1.4},
	{"breakthrough+|accord+|agreement+|consensus", 1.4},
	{"invasion|invade~|annexation|annex~|occupation", -2.4},
	{"expel~|expulsion+|retaliate~|retaliation|reprisal+", -1.6},
	{"unacceptable|inadmissible|intolerable|regrettable", -2.0},
	{"ultimatum|threaten~", -2.2},
	{"mutually|bilateral|multilateral|cooperation|cooperate~|partnership+", 0.6},
	{"united|nations|security|council|mr.|president|minister|assembly|general|secretary-general|excellency|dear|distinguished", 0},
}

// Register and cooperation cues. val replaces the valence of the words of
// the phrase; regW is the register weight (1 for a fixed phrase, less for
// ambiguous single words); coop is a Goldstein-style value in [-10, 10].
type cueSpec struct {
	pattern string
	val     float32
	reg     Register
	regW    float32
	coop    float32
}

var cues = []cueSpec{
	// Cordial.
	{"cordial|cordially|amicable", 1.8, Cordial, 0.8, 1},
	{"warm|warmly|friendly|warmth", 1.2, Cordial, 0.3, 0.5},
	{"warm and friendly|warm and cordial|cordial and friendly|friendly and cordial", 2.2, Cordial, 1.2, 1.5},
	{"warm welcome|warmly welcomed|warm reception|warm hospitality|warm relations|warm ties", 2.0, Cordial, 1, 2.5},
	{"cordial atmosphere|friendly atmosphere|atmosphere of friendship|spirit of friendship|close friend+|dear friend+|old friend+|excellent relations|excellent ties|close ties|close relations|brotherly|fraternal", 1.8, Cordial, 1, 2},
	// Constructive.
	{"constructive|productive|fruitful", 1.5, Constructive, 0.8, 2},
	{"constructive atmosphere|constructive dialogue|constructive talks|constructive discussion+|productive talks|productive meeting+|productive discussion+|fruitful talks|fruitful discussion+|fruitful meeting+|positive talks|positive atmosphere|substantive talks|substantive discussion+", 1.8, Constructive, 1.2, 3},
	{"made progress|make progress|making progress|good progress|significant progress|real progress|important progress|step forward|steps forward|forward-looking|mutually beneficial|win-win|common ground|moved closer", 1.8, Constructive, 1, 3},
	// Frank.
	{"frank|candid|candour|candor", -0.4, Frank, 0.8, 0},
	{"frank exchange|candid exchange|open exchange|frank discussion+|candid discussion+|frank talks|candid talks|frank and candid|frank and open|candid and open|open and frank|frank conversation+|candid conversation+|honest exchange|honest discussion+|straight talk|blunt talks", -0.5, Frank, 1.2, 0.5},
	{"full and frank|full and candid|frank and full|full and frank exchange of views|full and frank exchange|frank exchange of views|candid exchange of views|frank and candid exchange of views|frank and open exchange of views|open and frank exchange of views", -0.8, Frank, 1.5, 0},
	{"agreed to disagree|agree to disagree|differences remain|differences remained|did not shy away|differences of opinion|areas of disagreement|did not see eye to eye|disagreements remain", -0.8, Frank, 1.2, -0.5},
	// Businesslike.
	{"businesslike|business-like|workmanlike|matter-of-fact", 0.1, Businesslike, 1, 1},
	{"useful", 0.6, Businesslike, 0.3, 0.5},
	{"useful exchange|useful meeting+|useful discussion+|useful talks|useful conversation+|exchange of views|exchanged views|exchange views|working meeting|working visit|correct relations|pragmatic relations|practical cooperation", 0.3, Businesslike, 1, 1},
	// Cautious.
	{"cautious|cautiously|guarded|guardedly|measured", -0.2, Cautious, 0.8, 0},
	{"cautious optimism|cautiously optimistic|guarded optimism|remains to be seen|remain to be seen|too early to say|too early to tell|step by step|step-by-step|wait and see|modest progress|limited progress|little progress|no progress|not yield breakthroughs|yield no breakthrough+|did not yield|fell short", -0.4, Cautious, 1.2, 0},
	{"did not yield breakthrough+|did not yield a breakthrough|did not yield any breakthrough+|failed to yield breakthrough+|failed to yield a breakthrough|produced no breakthrough+|yielded no breakthrough+|no breakthrough+|without a breakthrough|without breakthrough+", -0.8, Cautious, 1.2, 0},
	{"agreed to keep channels open|agreed to keep the channels open|agreed to keep lines of communication open|agreed to remain in contact|agreed to stay in contact|agreed to stay in touch|agreed to keep in touch|agreed to continue the dialogue|agreed to continue talks|agreed to meet again", 0.3, Cautious, 1.2, 2},
	{"keep channels open|keep the channels open|keep channels of communication open|keep lines of communication open|keep communication channels open|keep the door open|keep the dialogue going|channels open|lines of communication open|remain in contact|stay in contact|stay in touch|remain in touch|keep in touch|continue the dialogue|continue talks|continue consultations|meet again", 0.3, Cautious, 1.2, 2},
	// Tense.
	{"tense|strained|frosty|icy|chilly|acrimonious|testy|fraught", -1.4, Tense, 0.8, -1.5},
	{"tension+|friction+|rift+|standoff+|spat+", -1.4, Tense, 0.6, -2},
	{"deep concern|deeply concerned|serious concern+|grave concern+|profound concern|great concern|strong concern+|expressed concern|voiced concern|raised concern+", -1.8, Tense, 1.2, -2},
	{"heated exchange|sharp exchange|war of words|war of word|strained relations|strained ties|tense atmosphere|tense relations|tense talks|souring relations|soured relations|relations soured|relations deteriorated|low point|lodged a protest|lodged a formal protest|summoned the ambassador|summoned the envoy|summoned ambassador", -1.8, Tense, 1.2, -3},
	// Hostile.
	{"hostile|confrontational|belligerent|bellicose|combative|aggressive", -1.8, Hostile, 0.8, -4},
	{"strongly condemn~|condemn~ in the strongest terms|firmly condemn~|vehemently condemn~|categorically reject~|flatly reject~|firmly reject~|strongly reject~|vehemently reject~|resolutely oppose~|strongly oppose~", -2.8, Hostile, 1.5, -5},
	{"condemn~|denounce~|deplore~|condemnation", -2.0, Hostile, 0.8, -4},
	{"violate~ the ceasefire|violate~ a ceasefire|violation of the ceasefire|violations of the ceasefire|ceasefire violation+|broke the ceasefire|breach~ the ceasefire|breach of the ceasefire|violate~ the truce|broke the truce", -2.4, Hostile, 1, -7},
	{"act of aggression|act of war|declaration of war|persona non grata|hostile act+|blatant violation|flagrant violation|gross violation|will pay a heavy price|pay a price|severe consequences|serious consequences|all options are on the table|military option", -2.8, Hostile, 1.2, -6},
	// Conciliatory.
	{"conciliatory|reconciliation|rapprochement|de-escalation|de-escalate~|detente|détente", 1.4, Conciliatory, 0.8, 3},
	{"olive branch|goodwill gesture|gesture of goodwill|gestures of goodwill|goodwill gestures|mend ties|mend relations|repair ties|repair relations|ease tension+|easing tension+|eased tension+|reduce tension+|defuse tension+|turn the page|extend~ a hand|extended a hand|bridge differences|bridge the gap|normalise relations|normalize relations|normalisation of relations|normalization of relations|restore ties|restore relations|restored ties|restored relations|reset relations|open a new chapter|new chapter|good faith|spirit of compromise|willing to compromise|hand of friendship", 1.8, Conciliatory, 1.2, 4},
	{"apologise~|apologize~|apology|apologies", 0.8, Conciliatory, 0.8, 3},
	// Firm.
	{"red line+|non-negotiable|not negotiable|will not tolerate|will never accept|will not accept|not up for negotiation|firm position|firmly oppose~|uncompromising|unwavering|resolute|resolutely|steadfast|stand firm", -0.6, Firm, 1.2, -1.5},
	{"firmly|firm|unequivocally", 0, Firm, 0.4, 0},
	// Cooperation-conflict events without a register of their own.
	{"meet|meets|met|meeting+|talks|visit~|summit+|host~", 0, 0, 0, 1.5},
	{"negotiate~|negotiation+|mediate~|mediation|consultation+|dialogue", 0.6, 0, 0, 3},
	{"agree~|agreement+|accord+|deal+|treaty|treaties|memorandum|consensus", 1.2, 0, 0, 4},
	{"signed|sign|signing|sign~ an agreement|signed an agreement|signed a treaty|signed a deal", 0.6, 0, 0, 5},
	{"praise~|commend~|applaud~|welcome~|thank~|congratulate~|hail~|appreciate~|appreciation", 1.8, 0, 0, 3.4},
	{"cooperate~|cooperation|collaborate~|collaboration|partnership+|alliance|allied|ally|allies|support~|endorse~|backed", 1.0, 0, 0, 3.5},
	{"aid|assist~|assistance|humanitarian|donate~|donation+", 0.8, 0, 0, 5},
	{"ceasefire+|truce+|armistice|peace talks|peace deal|peace agreement|peace process|release~ prisoners|prisoner exchange|prisoner swap", 1.4, 0, 0, 5},
	{"criticise~|criticize~|criticism+|accuse~|blame~|chastise~|rebuke~|reprimand~|scold~|slam~|lambast~", -1.6, 0, 0, -2.5},
	{"reject~|refuse~|rebuff~|dismiss~|veto|vetoed|oppose~|deny|denied|denies", -1.2, 0, 0, -3},
	{"demand~|insist~|urge~|call~ on", -0.4, 0, 0, -2},
	{"warn~|warning+|threaten~|threat+|ultimatum", -1.8, 0, 0, -5},
	{"protest~|boycott~|suspend~|withdraw~ from|walked out|pull~ out", -1.2, 0, 0, -3.5},
	{"sanction+|sanctioned|embargo|embargoes|blockade|freeze~ assets|asset freeze", -1.5, 0, 0, -6},
	{"expel~|expulsion+|sever~ ties|severed relations|sever~ relations|cut ties|break off relations|broke off relations|recall~ its ambassador|recalled the ambassador", -1.6, 0, 0, -6},
	{"arrest~|detain~|detention", -1.2, 0, 0, -4},
	{"mobilise~|mobilize~|troops massed|military buildup|military build-up|missile test+|nuclear test+", -1.4, 0, 0, -6.5},
	{"attack~|strike~|airstrike+|shell~|shelling|bomb~|bombing+|raid~|clash~|fighting|offensive", -2.0, 0, 0, -9},
	{"invade~|invasion|annex~|annexation|occupy|occupied|war", -2.6, 0, 0, -10},
	{"kill~|massacre~|slaughter~", -3.0, 0, 0, -9},
	// Names whose words would otherwise carry sentiment.
	{"united nations|united states|united kingdom|united arab emirates|security council|general assembly|peace corps|human rights council|free trade|trust fund", 0, 0, 0, 0},
	// Courtesies: milder than their words, but raters read them as
	// friendly, not neutral.
	{"good morning|good afternoon|good evening|thank you", 1.2, 0, 0, 0},
	// Idioms whose words read the other way (after VADER's list).
	{"bad ass|to die for", 1.5, 0, 0, 0},
	{"yeah right|kiss of death", -1.5, 0, 0, 0},
	// Hedges, not kindness or sorting: "kind of", "sort of".
	{"kind of|sort of", 0, 0, 0, 0},
}
