package text

import "slices"

// stopWords is the English stop list of diplotext.
//
// Provenance: written for diplotext (no upstream; licence of the project).
// It is the union, reviewed by hand, of the four lists the extractors kept
// before this one (topic, dedupe, tone and the entity tagger's headline
// words), without their corpus-specific terms ("reuters", "mln", "year",
// "week"...), which belong to the extractor that needs them. It holds
// English function words: articles, pronouns and possessives,
// prepositions, conjunctions, auxiliary and modal verbs, common adverbs of
// degree, place and time, the clitics the tokenizer splits off ("'s",
// "n't"), titles of address, and the reporting verbs of news prose ("said",
// "says", "say"), which carry no topic. "us" is left out on purpose: it
// folds alike with "US", the country. Entries are folded ([Fold]) and
// sorted; the test checks both.
var stopWords = []string{
	"'d", "'ll", "'m", "'re", "'s", "'ve",
	"a", "about", "above", "across", "after", "again", "against", "ago", "all", "almost", "along",
	"already", "also", "although", "am", "amid", "among", "an", "and", "another", "any", "are",
	"around", "as", "at",
	"be", "because", "been", "before", "being", "below", "between", "beyond", "both", "but", "by",
	"can", "cannot", "could",
	"d", "did", "do", "does", "doing", "down", "during",
	"each", "either", "else", "even", "ever", "every",
	"few", "for", "from", "further",
	"had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself",
	"his", "how", "however",
	"i", "if", "in", "into", "is", "it", "it's", "its", "itself",
	"just",
	"least", "less", "ll",
	"m", "many", "may", "me", "might", "more", "most", "mr", "mr.", "mrs", "mrs.", "ms", "ms.",
	"much", "must", "my", "myself",
	"n't", "neither", "never", "no", "nor", "not", "now",
	"of", "off", "often", "on", "once", "only", "onto", "or", "other", "others", "otherwise",
	"ought", "our", "ours", "ourselves", "out", "over", "own",
	"per",
	"quite",
	"rather", "re",
	"s", "said", "same", "say", "says", "shall", "she", "should", "since", "so", "some",
	"still", "such",
	"t", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there",
	"therefore", "these", "they", "this", "those", "though", "through", "throughout", "thus",
	"to", "too", "toward", "towards",
	"under", "unless", "until", "up", "upon",
	"ve", "very", "via", "vs", "vs.",
	"was", "we", "were", "what", "whatever", "when", "whenever", "where", "whereas", "whether",
	"which", "while", "who", "whoever", "whom", "whose", "why", "will", "with", "within",
	"without", "would",
	"yet", "you", "your", "yours", "yourself", "yourselves",
}

// stopHashes holds the hashes of stopWords, for IsStopHash.
var stopHashes = func() map[uint64]struct{} {
	m := make(map[uint64]struct{}, len(stopWords))
	for _, w := range stopWords {
		m[HashFolded(w)] = struct{}{}
	}
	return m
}()

// IsStopWord reports whether w is on the English stop list of diplotext:
// function words (articles, pronouns, prepositions, conjunctions,
// auxiliaries and modals, common adverbs), the clitics the tokenizer splits
// off ("'s", "n't"), titles of address ("mr", "mrs.") and the reporting
// verbs of news ("said", "says", "say"). w is folded first, so "The" and
// "THE" are stop words; "us" is not one, since it folds alike with "US".
// It does not allocate. The test is by 64-bit hash: a false positive
// needs a hash collision.
func IsStopWord(w string) bool {
	return IsStopHash(Hash(w))
}

// IsStopHash reports whether h is the hash of a stop word ([IsStopWord]):
// IsStopHash(d.TokenHash(i)) tests token i without touching its text.
func IsStopHash(h uint64) bool {
	_, ok := stopHashes[h]
	return ok
}

// StopWords returns a copy of the English stop list, folded and sorted.
func StopWords() []string {
	return slices.Clone(stopWords)
}
