package topic

import "slices"

// TopicInfo describes one topic of the built-in diplomatic taxonomy.
type TopicInfo struct {
	// ID is the stable identifier, used in [Topic].ID ("sanctions").
	ID string `json:"id"`
	// Label is the human-readable name.
	Label string `json:"label"`
	// Description says what the topic covers.
	Description string `json:"description"`
	// CAP is the Comparative Agendas Project major topic code, as the
	// CAP master codebook places the topic's subtopics (war, 1619, is
	// defence, 16; terrorism, 1927, is international affairs, 19).
	CAP int `json:"cap"`
	// IPTC is the closest IPTC Media Topic ("medtop:20000638"), or "".
	IPTC string `json:"iptc,omitempty"`
	// Seeds are the reviewed seed words and phrases that label the
	// silver training data of the topic (see docs/topic.md); the
	// classifier's weights are learned from that data, not from this list
	// alone.
	Seeds []string `json:"seeds"`
}

// taxonomy is hand-written and reviewed: ids, labels, CAP codes, IPTC
// codes and a small seed vocabulary per topic.
var taxonomy = []TopicInfo{
	{"bilateral_diplomacy", "Bilateral diplomacy and summits", "Relations between two states: visits, summits, talks between leaders and foreign ministers, ambassadors and embassies, diplomatic rows.", 19, "medtop:20000638",
		[]string{"summit", "state visit", "foreign minister", "secretary of state", "ambassador", "embassy", "diplomat", "diplomatic relations", "bilateral", "talks with", "envoy", "expel diplomats", "normalize relations"}},
	{"multilateral_organisations", "Multilateral organisations", "The United Nations and its agencies, the Security Council, EU, NATO as an organisation, ASEAN, African Union, G7/G20, OSCE and their meetings and resolutions.", 19, "medtop:20000638",
		[]string{"united nations", "security council", "general assembly", "secretary-general", "european union", "african union", "asean", "g20", "g7", "osce", "multilateral", "un resolution", "world bank", "imf"}},
	{"arms_control", "Arms control and non-proliferation", "Treaties and talks limiting weapons, inspections, non-proliferation regimes, chemical and biological weapons conventions.", 16, "medtop:16000000",
		[]string{"arms control", "non-proliferation", "nonproliferation", "disarmament", "arms treaty", "weapons inspectors", "chemical weapons", "biological weapons", "test ban", "start treaty", "missile treaty", "arms race"}},
	{"nuclear_weapons", "Nuclear weapons", "Nuclear arsenals, nuclear tests, warheads, enrichment and weapons programmes.", 16, "medtop:16000000",
		[]string{"nuclear weapons", "nuclear weapon", "nuclear bomb", "warhead", "nuclear test", "uranium enrichment", "enriched uranium", "nuclear programme", "nuclear program", "atomic bomb", "plutonium", "nuclear arsenal"}},
	{"armed_conflict", "Military conflict and ceasefires", "Wars, fighting, offensives, air strikes, insurgencies, casualties, ceasefires and truces.", 16, "medtop:20000056",
		[]string{"war", "ceasefire", "cease-fire", "truce", "offensive", "airstrike", "air strikes", "shelling", "troops", "rebels", "insurgents", "fighting", "militia", "invasion", "guerrillas"}},
	{"peace_process", "Peace processes and negotiations", "Peace talks, peace agreements, mediation, reconciliation and post-war settlements.", 19, "medtop:20000073",
		[]string{"peace talks", "peace process", "peace deal", "peace agreement", "peace accord", "peace plan", "mediator", "mediation", "reconciliation", "negotiated settlement", "peace settlement", "peace negotiations", "peace treaty", "peace conference", "peace envoy", "peacemaking", "peacekeepers", "peacekeeping"}},
	{"defence_alliances", "Defence and alliances", "Armed forces, military budgets and procurement, bases, exercises, NATO and other alliances, veterans.", 16, "medtop:16000000",
		[]string{"military", "armed forces", "defense", "defence", "pentagon", "nato", "alliance", "army", "navy", "air force", "military base", "defense budget", "soldiers", "veterans", "military exercises", "weapons system"}},
	{"sanctions", "Sanctions and export controls", "Economic and financial sanctions, embargoes, asset freezes, blacklists and export controls on sensitive goods.", 19, "medtop:20000638",
		[]string{"sanctions", "sanction", "embargo", "asset freeze", "export controls", "export control", "blacklist", "trade restrictions", "punitive measures", "arms embargo"}},
	{"terrorism", "Terrorism and counter-terrorism", "Terrorist attacks and groups, bombings, hostage-taking, and counter-terrorism policy.", 19, "medtop:20000053",
		[]string{"terrorism", "terrorist", "terrorists", "counterterrorism", "counter-terrorism", "bombing", "suicide bomber", "al qaeda", "islamic state", "hostages", "extremists", "jihadist"}},
	{"cyber_security", "Cyber security", "Hacking, cyber attacks, cyber espionage, ransomware, critical infrastructure and norms for state behaviour in cyberspace.", 16, "medtop:20000756",
		[]string{"cyber", "cyberattack", "cyber attack", "cybersecurity", "hackers", "hacking", "ransomware", "malware", "cyberspace", "computer network", "data breach"}},
	{"trade_tariffs", "Trade and tariffs", "International trade, tariffs and duties, trade agreements and negotiations, WTO disputes, imports and exports.", 18, "medtop:20000344",
		[]string{"trade", "tariff", "tariffs", "imports", "exports", "trade deficit", "trade agreement", "free trade", "wto", "world trade organization", "gatt", "dumping", "trade talks"}},
	{"energy", "Energy (oil, gas, pipelines)", "Oil and gas production and prices, OPEC, pipelines, energy supply and security, nuclear power.", 8, "medtop:20000430",
		[]string{"oil", "crude", "natural gas", "gas pipeline", "pipeline", "opec", "energy", "barrels", "refinery", "lng", "nuclear power", "electricity", "petroleum"}},
	{"climate_environment", "Climate and environment", "Climate change, emissions, climate talks and agreements, pollution, biodiversity and environmental protection.", 7, "medtop:20000418",
		[]string{"climate change", "global warming", "emissions", "greenhouse gas", "carbon", "paris agreement", "kyoto protocol", "environment", "environmental", "pollution", "biodiversity", "renewable"}},
	{"human_rights", "Human rights", "Abuses and protection of human rights, political prisoners, torture, freedom of speech and religion, rights groups.", 19, "medtop:20000587",
		[]string{"human rights", "rights groups", "torture", "political prisoners", "amnesty international", "human rights watch", "freedom of expression", "persecution", "abuses", "dissidents", "genocide", "war crimes"}},
	{"humanitarian_refugees", "Humanitarian aid and refugees", "Humanitarian crises and relief, refugees and displaced people, famine relief, aid agencies.", 19, "medtop:20000772",
		[]string{"refugees", "refugee", "humanitarian", "displaced", "disaster relief", "aid workers", "red cross", "unhcr", "asylum seekers", "humanitarian aid", "camps"}},
	{"migration_borders", "Migration and borders", "Immigration and emigration policy, border control, visas, migrants, deportation and smuggling of people.", 9, "medtop:20000771",
		[]string{"immigration", "immigrants", "migrants", "migration", "border", "borders", "visa", "visas", "deportation", "asylum", "border patrol", "illegal aliens"}},
	{"territorial_disputes", "Territorial disputes and sovereignty", "Disputed territories, borders and islands, annexation, secession, independence and sovereignty claims.", 19, "medtop:20000638",
		[]string{"sovereignty", "territorial", "disputed territory", "disputed islands", "disputed region", "annexation", "annexed", "secession", "independence referendum", "separatist", "occupied territories", "border dispute"}},
	{"international_law", "International law and courts", "International courts and tribunals, treaties and their interpretation, extradition, war crimes trials, international legal obligations.", 19, "medtop:20000121",
		[]string{"international court", "tribunal", "icc", "international criminal court", "international law", "treaty", "extradition", "war crimes tribunal", "the hague", "jurisdiction"}},
	{"elections_democracy", "Elections and democracy", "Elections, campaigns, votes and results, parties, democratic transitions, coups and constitutional crises.", 20, "medtop:20000574",
		[]string{"election", "elections", "voters", "ballot", "polling stations", "election campaign", "parliament", "democracy", "opposition party", "opposition leader", "candidate", "referendum", "polls"}},
	{"health_pandemics", "Health and pandemics", "Epidemics and pandemics, global health, disease outbreaks, vaccines, the World Health Organization.", 3, "medtop:20000446",
		[]string{"pandemic", "epidemic", "outbreak", "virus", "vaccine", "vaccines", "world health organization", "hiv", "disease", "covid", "ebola", "health"}},
	{"economy_finance", "Economy, debt and finance", "Economic growth and recession, debt and bailouts, currencies, interest rates, central banks, budgets and financial markets.", 1, "medtop:20000344",
		[]string{"economy", "economic growth", "recession", "inflation", "debt", "interest rates", "central bank", "currency", "bailout", "gdp", "budget deficit", "financial crisis", "imf loan"}},
	{"development_aid", "Development aid", "Foreign and development assistance, aid budgets, debt relief, poverty reduction, development banks.", 19, "medtop:20000638",
		[]string{"foreign aid", "development aid", "development assistance", "foreign assistance", "poverty", "debt relief", "donors", "sustainable development", "usaid", "development goals"}},
	{"maritime_security", "Maritime security", "Navies and incidents at sea, piracy, freedom of navigation, contested waters, shipping lanes and ports.", 16, "medtop:16000000",
		[]string{"maritime", "navy", "naval", "piracy", "pirates", "warship", "warships", "coast guard", "freedom of navigation", "south china sea", "shipping", "tanker", "strait"}},
	{"technology_ai", "Technology and AI governance", "Artificial intelligence, semiconductors, telecommunications, space, technology rules and standards, digital economy.", 17, "medtop:20000756",
		[]string{"artificial intelligence", "technology", "semiconductors", "internet", "telecommunications", "satellite", "digital", "software", "computer", "5g"}},
	{"food_security", "Food security", "Food supply and prices, famine and hunger, grain trade and harvests, agriculture as a matter of food security.", 4, "medtop:20000209",
		[]string{"food security", "famine", "hunger", "food prices", "food shortages", "grain", "wheat", "harvest", "crops", "food aid", "malnutrition", "agriculture"}},
	{"espionage_intelligence", "Espionage and intelligence", "Spies and spying, intelligence agencies, surveillance, leaks of secrets, defectors.", 16, "medtop:16000000",
		[]string{"spy", "spies", "espionage", "intelligence", "cia", "kgb", "surveillance", "spying", "intelligence agency", "defector", "classified information", "secret service"}},
	{"political_unrest", "Protests, unrest and political crises", "Mass protests, riots, crackdowns on demonstrators, coups and government crises abroad.", 19, "medtop:20000065",
		[]string{"protest", "protests", "protesters", "demonstrators", "riots", "unrest", "crackdown", "coup", "uprising", "martial law", "state of emergency", "clashes"}},
}

// Taxonomy returns the built-in diplomatic and foreign-affairs taxonomy, in
// a fixed order. The result is a copy; changing it has no effect.
func Taxonomy() []TopicInfo {
	out := slices.Clone(taxonomy)
	for i := range out {
		out[i].Seeds = slices.Clone(out[i].Seeds)
	}
	return out
}

// topicInfo returns the taxonomy entry with the given id.
func topicInfo(id string) (TopicInfo, bool) {
	for _, t := range taxonomy {
		if t.ID == id {
			return t, true
		}
	}
	return TopicInfo{}, false
}
