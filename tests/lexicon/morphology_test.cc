// Morphology: inflection and analysis against WordNet's irregular lists (the
// Debian wordnet-base files) and a lemma set read from WordNet's index.
#include "lexicon/morphology.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "lexicon/inventory.h"
#include "lexicon/thesaurus_reader.h"
#include "tests/test_util.h"
#include "unspin/language_model.h"

namespace unspin {
namespace {

constexpr const char* kWordNet = "/usr/share/wordnet";
constexpr const char* kSphinxLm = "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin";

Pos P(const std::string& s) {
  Pos p = Pos::kAny;
  EXPECT_TRUE(ParsePos(s, &p)) << s;
  return p;
}

Inflection I(const std::string& s) {
  for (int i = 0; i < kInflectionCount; ++i) {
    if (s == InflectionName(static_cast<Inflection>(i))) return static_cast<Inflection>(i);
  }
  ADD_FAILURE() << "unknown inflection " << s;
  return Inflection::kBase;
}

class MorphologyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    morph_ = new Morphology;
    ASSERT_TRUE(morph_->LoadWordNetExceptions(kWordNet).ok());
    ASSERT_TRUE(LanguageModel::Load(kSphinxLm, &lm_).ok());
    lemmas_ = new Inventory;
    int src = lemmas_->AddSource("wordnet", 1);
    ASSERT_TRUE(ReadWordNet(kWordNet, src, lemmas_).ok());
  }
  static void TearDownTestSuite() {
    delete morph_;
    delete lemmas_;
    lm_.reset();
  }
  static std::vector<Analysis> Analyze(const std::string& w) {
    std::vector<Analysis> out;
    morph_->Analyze(
        w, [](std::string_view l, Pos p) { return lemmas_->IsLemma(l, p); }, &out);
    return out;
  }
  // Inflects as the lexicon does: generated forms must be words of the LM.
  static std::vector<std::string> Inflect(const std::string& lemma, Pos pos, Inflection infl) {
    std::vector<std::string> out;
    morph_->Inflect(
        lemma, pos, infl, [](std::string_view w) { return lm_->Index(w) != lm_->oov_id(); }, &out);
    return out;
  }
  static Morphology* morph_;
  static Inventory* lemmas_;
  static std::unique_ptr<LanguageModel> lm_;
};
std::unique_ptr<LanguageModel> MorphologyTest::lm_;
Morphology* MorphologyTest::morph_ = nullptr;
Inventory* MorphologyTest::lemmas_ = nullptr;

// lemma pos inflection form: Inflect(lemma) yields form AND Analyze(form)
// yields (lemma, pos, inflection).
const char* const kRoundTrip[] = {
    // nouns, regular
    "cat noun plural cats",
    "box noun plural boxes",
    "church noun plural churches",
    "dish noun plural dishes",
    "city noun plural cities",
    "day noun plural days",
    "quiz noun plural quizzes",
    "key noun plural keys",
    "company noun plural companies",
    "policy noun plural policies",
    "rate noun plural rates",
    "official noun plural officials",
    "arrest noun plural arrests",
    "ministry noun plural ministries",
    "network noun plural networks",
    "system noun plural systems",
    "feature noun plural features",
    "algorithm noun plural algorithms",
    "disease noun plural diseases",
    "hero noun plural heroes",
    "photo noun plural photos",
    "tax noun plural taxes",
    "match noun plural matches",
    "minister noun possessive minister's",
    "company noun possessive company's",
    "russia noun possessive russia's",
    "child noun possessive child's",
    // nouns, irregular
    "mouse noun plural mice",
    "child noun plural children",
    "foot noun plural feet",
    "man noun plural men",
    "woman noun plural women",
    "tooth noun plural teeth",
    "datum noun plural data",
    "medium noun plural media",
    "criterion noun plural criteria",
    "analysis noun plural analyses",
    "crisis noun plural crises",
    "thesis noun plural theses",
    "phenomenon noun plural phenomena",
    "wife noun plural wives",
    "knife noun plural knives",
    "leaf noun plural leaves",
    "life noun plural lives",
    "half noun plural halves",
    "person noun plural people",
    "goose noun plural geese",
    "ox noun plural oxen",
    "cactus noun plural cacti",
    "index noun plural indices",
    // verbs, regular
    "state verb 3sg states",
    "state verb past stated",
    "state verb gerund stating",
    "walk verb 3sg walks",
    "walk verb past walked",
    "walk verb gerund walking",
    "use verb past used",
    "use verb gerund using",
    "use verb 3sg uses",
    "utilize verb past utilized",
    "utilize verb gerund utilizing",
    "commence verb past commenced",
    "commence verb 3sg commences",
    "start verb past started",
    "start verb gerund starting",
    "carry verb past carried",
    "carry verb 3sg carries",
    "carry verb gerund carrying",
    "try verb past tried",
    "try verb 3sg tries",
    "stop verb past stopped",
    "stop verb gerund stopping",
    "plan verb past planned",
    "plan verb gerund planning",
    "drop verb past dropped",
    "commit verb past committed",
    "prefer verb past preferred",
    "visit verb past visited",
    "open verb past opened",
    "happen verb past happened",
    "offer verb past offered",
    "play verb past played",
    "play verb 3sg plays",
    "obey verb past obeyed",
    "push verb 3sg pushes",
    "watch verb 3sg watches",
    "fix verb 3sg fixes",
    "go verb 3sg goes",
    "echo verb 3sg echoes",
    "agree verb past agreed",
    "agree verb gerund agreeing",
    "see verb gerund seeing",
    "die verb gerund dying",
    "lie verb gerund lying",
    "tie verb gerund tying",
    "make verb gerund making",
    "hope verb past hoped",
    "hope verb gerund hoping",
    "announce verb past announced",
    "report verb past reported",
    "arrest verb past arrested",
    "warn verb past warned",
    "allow verb past allowed",
    "fix verb past fixed",
    "show verb 3sg shows",
    "study verb past studied",
    "deny verb past denied",
    "apply verb 3sg applies",
    "rely verb gerund relying",
    "occur verb past occurred",
    "admit verb gerund admitting",
    // verbs, irregular
    "say verb past said",
    "take verb past took",
    "take verb past taken",
    "begin verb past began",
    "begin verb past begun",
    "go verb past went",
    "go verb past gone",
    "tell verb past told",
    "see verb past saw",
    "see verb past seen",
    "make verb past made",
    "give verb past gave",
    "give verb past given",
    "find verb past found",
    "think verb past thought",
    "buy verb past bought",
    "bring verb past brought",
    "write verb past wrote",
    "write verb past written",
    "speak verb past spoke",
    "speak verb past spoken",
    "lead verb past led",
    "hold verb past held",
    "know verb past knew",
    "know verb past known",
    "get verb past got",
    "get verb past gotten",
    "come verb past came",
    "run verb past ran",
    "become verb past became",
    "fall verb past fell",
    "fall verb past fallen",
    "rise verb past rose",
    "rise verb past risen",
    "win verb past won",
    "lose verb past lost",
    "pay verb past paid",
    "sell verb past sold",
    "send verb past sent",
    "build verb past built",
    "keep verb past kept",
    "leave verb past left",
    "meet verb past met",
    "fight verb past fought",
    "seek verb past sought",
    "teach verb past taught",
    "catch verb past caught",
    "choose verb past chose",
    "choose verb past chosen",
    "drive verb past drove",
    "break verb past broke",
    "break verb past broken",
    "feel verb past felt",
    "be verb past was",
    "be verb past were",
    "have verb past had",
    "do verb past did",
    "do verb past done",
    "have verb 3sg has",
    "be verb 3sg is",
    "eat verb past ate",
    "swim verb past swam",
    "sing verb past sang",
    "sing verb past sung",
    "lie verb past lay",
    "lie verb past lain",
    // adjectives, regular and irregular
    "big adj comparative bigger",
    "big adj superlative biggest",
    "large adj comparative larger",
    "large adj superlative largest",
    "happy adj comparative happier",
    "happy adj superlative happiest",
    "easy adj comparative easier",
    "hot adj comparative hotter",
    "fast adj comparative faster",
    "fast adj superlative fastest",
    "strong adj comparative stronger",
    "nice adj superlative nicest",
    "thin adj comparative thinner",
    "early adj comparative earlier",
    "high adj superlative highest",
    "low adj comparative lower",
    "new adj superlative newest",
    "good adj comparative better",
    "good adj superlative best",
    "bad adj comparative worse",
    "bad adj superlative worst",
    "far adv comparative further",
    "far adv superlative furthest",
    "chairman noun plural chairmen",
    "policeman noun plural policemen",
    "human noun plural humans",
};

TEST_F(MorphologyTest, InflectsAndAnalysesRoundTrip) {
  int cases = 0;
  for (const char* line : kRoundTrip) {
    std::istringstream in(line);
    std::string lemma, pos, infl, form;
    in >> lemma >> pos >> infl >> form;
    ++cases;
    std::vector<std::string> forms = Inflect(lemma, P(pos), I(infl));
    EXPECT_NE(std::find(forms.begin(), forms.end(), form), forms.end())
        << "Inflect(" << lemma << ", " << pos << ", " << infl << ") lacks " << form;
    std::vector<Analysis> analyses = Analyze(form);
    Analysis want{lemma, P(pos), I(infl)};
    EXPECT_NE(std::find(analyses.begin(), analyses.end(), want), analyses.end())
        << "Analyze(" << form << ") lacks " << lemma << "/" << pos << "/" << infl;
  }
  EXPECT_GE(cases, 200);
}

// Analyses that must NOT be produced (overgeneration the lemma filter stops).
TEST_F(MorphologyTest, RejectsFalseAnalyses) {
  const std::pair<const char*, const char*> kNot[] = {
      {"bus", "bu"},        {"news", "new"},    {"is", "i"},           {"this", "thi"},
      {"always", "alway"},  {"series", "sery"}, {"during", "dure"},    {"thing", "th"},
      {"red", "r"},         {"bed", "b"},       {"process", "proces"}, {"analysis", "analysi"},
      {"species", "specy"}, {"less", "les"},
  };
  for (const auto& [form, bad] : kNot) {
    for (const Analysis& a : Analyze(form)) {
      EXPECT_NE(a.lemma, bad) << form << " analysed as " << bad << " (" << PosName(a.pos) << ")";
    }
  }
}

TEST_F(MorphologyTest, SpellingVariantsBothAnalyse) {
  std::vector<std::string> plural = Inflect("bus", Pos::kNoun, Inflection::kPlural);
  ASSERT_EQ(plural.size(), 1u);
  EXPECT_TRUE(plural[0] == "buses" || plural[0] == "busses") << plural[0];
  for (const char* form : {"buses", "busses"}) {
    std::vector<Analysis> a = Analyze(form);
    EXPECT_NE(std::find(a.begin(), a.end(), Analysis{"bus", Pos::kNoun, Inflection::kPlural}),
              a.end())
        << form;
  }
}

TEST_F(MorphologyTest, BaseFormsAreAnalysedForEveryPartOfSpeech) {
  std::vector<Analysis> a = Analyze("state");
  EXPECT_NE(std::find(a.begin(), a.end(), Analysis{"state", Pos::kNoun, Inflection::kBase}),
            a.end());
  EXPECT_NE(std::find(a.begin(), a.end(), Analysis{"state", Pos::kVerb, Inflection::kBase}),
            a.end());
  a = Analyze("quickly");
  EXPECT_NE(std::find(a.begin(), a.end(), Analysis{"quickly", Pos::kAdv, Inflection::kBase}),
            a.end());
}

TEST_F(MorphologyTest, WordFilterChoosesTheSpellingThatExists) {
  // Two-syllable CVC: "visited", not "visitted"; the filter picks among rule outputs.
  std::vector<std::string> out;
  morph_->Inflect(
      "focus", Pos::kVerb, Inflection::kPast, [](std::string_view w) { return w == "focussed"; },
      &out);
  EXPECT_EQ(out, std::vector<std::string>{"focussed"});
  out.clear();
  morph_->Inflect("focus", Pos::kVerb, Inflection::kPast, nullptr, &out);
  EXPECT_EQ(out, std::vector<std::string>{"focused"});
  out.clear();
  // Irregular forms that fail the filter are dropped, not replaced by rules.
  morph_->Inflect(
      "overdrive", Pos::kVerb, Inflection::kPast,
      [](std::string_view w) { return w == "overdrived"; }, &out);
  EXPECT_TRUE(out.empty());
}

TEST_F(MorphologyTest, InvariantVerbsKeepTheirForm) {
  for (const char* v : {"put", "set", "cut", "hit", "let", "cost", "spread"}) {
    EXPECT_EQ(Inflect(v, Pos::kVerb, Inflection::kPast), std::vector<std::string>{v}) << v;
  }
  EXPECT_EQ(Inflect("put", Pos::kVerb, Inflection::kGerund), std::vector<std::string>{"putting"});
}

// WordNet lists every form of "be" as an exception; only "was", "were" and
// "been" are past forms ("became" must not offer "are"), and "am" / "are"
// are present forms used where other verbs have the base.
TEST_F(MorphologyTest, TheFormsOfBeKeepTheirTense) {
  std::vector<std::string> past = Inflect("be", Pos::kVerb, Inflection::kPast);
  std::sort(past.begin(), past.end());
  EXPECT_EQ(past, (std::vector<std::string>{"been", "was", "were"}));
  EXPECT_EQ(Inflect("be", Pos::kVerb, Inflection::kThirdPerson), std::vector<std::string>{"is"});
  for (const char* present : {"am", "are"}) {
    std::vector<Analysis> a = Analyze(present);
    const Analysis base{"be", Pos::kVerb, Inflection::kBase};
    EXPECT_NE(std::find(a.begin(), a.end(), base), a.end()) << present;
    for (const Analysis& x : a) EXPECT_NE(x.inflection, Inflection::kPast) << present;
  }
}

TEST_F(MorphologyTest, PhrasesInflectTheirHead) {
  auto phrase = [&](const char* p, Pos pos, Inflection infl) {
    std::vector<std::string> out;
    morph_->InflectPhrase(p, pos, infl, nullptr, &out);
    return out;
  };
  std::vector<std::string> took = phrase("take part in", Pos::kVerb, Inflection::kPast);
  std::sort(took.begin(), took.end());
  EXPECT_EQ(took, (std::vector<std::string>{"taken part in", "took part in"}));
  EXPECT_EQ(phrase("carry out", Pos::kVerb, Inflection::kGerund),
            std::vector<std::string>{"carrying out"});
  EXPECT_EQ(phrase("interest rate", Pos::kNoun, Inflection::kPlural),
            std::vector<std::string>{"interest rates"});
  EXPECT_EQ(phrase("rate of interest", Pos::kNoun, Inflection::kPlural),
            std::vector<std::string>{"rates of interest"});
  EXPECT_EQ(phrase("attorney general", Pos::kNoun, Inflection::kBase),
            std::vector<std::string>{"attorney general"});
  EXPECT_TRUE(phrase("good enough", Pos::kAdj, Inflection::kComparative).empty());
  EXPECT_EQ(PhraseHead("state of the art", Pos::kNoun), 0u);
  EXPECT_EQ(PhraseHead("prime minister", Pos::kNoun), 1u);
  EXPECT_EQ(PhraseHead("give up", Pos::kVerb), 0u);
}

TEST_F(MorphologyTest, SerializeParseRoundTrip) {
  Morphology copy;
  ASSERT_TRUE(copy.Parse(morph_->Serialize()).ok());
  EXPECT_EQ(copy.irregular_count(), morph_->irregular_count());
  std::vector<std::string> out;
  copy.Inflect("say", Pos::kVerb, Inflection::kPast, nullptr, &out);
  EXPECT_EQ(out, std::vector<std::string>{"said"});
  EXPECT_FALSE(copy.Parse("verb\tonly-two-fields\n").ok());
  EXPECT_FALSE(copy.Parse("noun-ish\ta\tb\n").ok());
}

TEST(MorphologyRules, RegularFormsWithoutTables) {
  EXPECT_EQ(RegularForms("stop", Pos::kVerb, Inflection::kPast),
            (std::vector<std::string>{"stopped", "stoped"}));
  EXPECT_EQ(RegularForms("visit", Pos::kVerb, Inflection::kPast),
            (std::vector<std::string>{"visited", "visitted"}));
  EXPECT_EQ(RegularForms("potato", Pos::kNoun, Inflection::kPlural),
            (std::vector<std::string>{"potatos", "potatoes"}));
  EXPECT_EQ(RegularForms("lady", Pos::kNoun, Inflection::kPossessive),
            std::vector<std::string>{"lady's"});
  EXPECT_EQ(RegularForms("wide", Pos::kAdj, Inflection::kSuperlative),
            std::vector<std::string>{"widest"});
}

TEST(MorphologyLoad, MissingFolderIsAnError) {
  Morphology m;
  Status s = m.LoadWordNetExceptions("/nonexistent/wordnet");
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("/nonexistent/wordnet"), std::string::npos);
}

}  // namespace
}  // namespace unspin
