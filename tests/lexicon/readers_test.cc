// Thesaurus and dictionary readers on small fixtures, plus smoke tests on the
// real Debian files.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <tuple>

#include "lexicon/dictionary_reader.h"
#include "lexicon/inventory.h"
#include "lexicon/thesaurus_reader.h"
#include "tests/test_util.h"

namespace unspin {
namespace {

using testing_util::WriteTemp;

// (original, spun, pos, weight) of every relation.
std::set<std::tuple<std::string, std::string, Pos, float>> Relations(const Inventory& inv) {
  std::set<std::tuple<std::string, std::string, Pos, float>> out;
  for (const auto& r : inv.relations()) {
    out.emplace(inv.phrase(r.original), inv.phrase(r.spun), r.pos, r.weight);
  }
  return out;
}

bool Has(const Inventory& inv, const std::string& o, const std::string& s, Pos pos) {
  for (const auto& r : inv.relations()) {
    if (inv.phrase(r.original) == o && inv.phrase(r.spun) == s && r.pos == pos) return true;
  }
  return false;
}

constexpr const char* kMythes =
    "UTF-8\n"
    "happy|2\n"
    "(adj)|glad|felicitous (similar term)|unhappy (antonym)\n"
    "(adj)|content|pleased (related term)\n"
    "state|1\n"
    "(verb)|say|tell|express (generic term)\n";

TEST(MythesReader, ReadsSensesRelationTypesAndSkipsAntonyms) {
  Inventory inv;
  int src = inv.AddSource("mythes", 1);
  ThesaurusStats st;
  ThesaurusWeights w;
  ASSERT_TRUE(ReadMythes(WriteTemp("th.dat", kMythes), src, &inv, &st, w).ok());
  EXPECT_EQ(st.headwords, 2u);
  EXPECT_EQ(st.senses, 3u);
  EXPECT_EQ(st.antonyms_skipped, 1u);
  auto rel = Relations(inv);
  EXPECT_TRUE(rel.count({"happy", "glad", Pos::kAdj, w.synonym}));
  EXPECT_TRUE(rel.count({"happy", "felicitous", Pos::kAdj, w.similar}));
  EXPECT_TRUE(rel.count({"happy", "pleased", Pos::kAdj, w.related}));
  EXPECT_TRUE(rel.count({"state", "express", Pos::kVerb, w.generic}));
  EXPECT_FALSE(Has(inv, "happy", "unhappy", Pos::kAdj));
  // Terms of one sense are co-listed synonyms of each other.
  EXPECT_TRUE(rel.count({"say", "tell", Pos::kVerb, w.co_listed * w.synonym * w.synonym}));
  EXPECT_TRUE(rel.count({"glad", "felicitous", Pos::kAdj, w.co_listed * w.synonym * w.similar}));
  EXPECT_FALSE(Has(inv, "glad", "content", Pos::kAdj));  // different senses
  EXPECT_TRUE(inv.IsLemma("happy", Pos::kAdj));
  EXPECT_TRUE(inv.IsLemma("state", Pos::kVerb));
  EXPECT_FALSE(inv.IsLemma("state", Pos::kNoun));
}

TEST(MythesReader, ConvertsLatin1) {
  Inventory inv;
  int src = inv.AddSource("mythes", 1);
  std::string latin1 = "ISO8859-1\ncaf\xe9|1\n(noun)|coffee shop\n";
  ASSERT_TRUE(ReadMythes(WriteTemp("l1.dat", latin1), src, &inv).ok());
  EXPECT_TRUE(Has(inv, "caf\xc3\xa9", "coffee shop", Pos::kNoun));
}

TEST(MythesReader, RejectsMalformedFiles) {
  Inventory inv;
  int src = inv.AddSource("mythes", 1);
  struct Case {
    const char* text;
    const char* message;
  } cases[] = {
      {"", "empty"},
      {"happy|1\n(adj)|glad\n", "encoding line"},
      {"UTF-8\nhappy|3\n(adj)|glad\n", "truncated"},
      {"UTF-8\nhappy|x\n", "headword|senses"},
      {"UTF-8\nhappy|1\n(adjective)|glad\n", "(pos)|term"},
      {"UTF-8\n", "no headwords"},
  };
  for (const Case& c : cases) {
    Status s = ReadMythes(WriteTemp("bad.dat", c.text), src, &inv);
    EXPECT_FALSE(s.ok()) << c.text;
    EXPECT_NE(s.message().find(c.message), std::string::npos) << s.message();
  }
}

// A two-synset WordNet in the database file format.
void WriteWordNet(const std::string& dir) {
  ASSERT_EQ(::mkdir(dir.c_str(), 0755), 0);
  auto put = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir + "/" + name) << text;
  };
  put("data.noun",
      "  1 This software and database is being provided\n"
      "00000100 03 n 02 car 0 auto 0 000 | a motor vehicle\n");
  put("data.verb", "00000200 29 v 03 say 0 state 0 tell 0 000 | express in words\n");
  put("data.adj",
      "00000300 00 a 01 big 0 001 & 00000400 a 0000 | above average in size\n"
      "00000400 00 s 02 large(a) 0 great 0 001 & 00000300 a 0000 | very large\n");
  put("data.adv", "00000500 02 r 02 quickly 0 rapidly 0 000 | with speed\n");
  for (const char* p : {"noun", "verb", "adj", "adv"}) put(std::string("index.") + p, "");
  put("index.noun", "car n 1 0 1 0 00000100\nauto n 1 0 1 0 00000100\n");
  put("index.verb", "say v 1 0 1 0 00000200\n");
}

TEST(WordNetReader, ReadsSynsetsAndSimilarLinks) {
  std::string dir = testing_util::TempPath("wn");
  WriteWordNet(dir);
  Inventory inv;
  int src = inv.AddSource("wordnet", 1);
  ThesaurusStats st;
  ASSERT_TRUE(ReadWordNet(dir, src, &inv, &st).ok());
  EXPECT_EQ(st.senses, 5u);
  EXPECT_TRUE(Has(inv, "car", "auto", Pos::kNoun));
  EXPECT_TRUE(Has(inv, "auto", "car", Pos::kNoun));
  EXPECT_TRUE(Has(inv, "say", "state", Pos::kVerb));
  EXPECT_TRUE(Has(inv, "state", "tell", Pos::kVerb));
  EXPECT_TRUE(Has(inv, "big", "large", Pos::kAdj));  // similar-to, marker stripped
  EXPECT_TRUE(Has(inv, "large", "great", Pos::kAdj));
  EXPECT_TRUE(Has(inv, "quickly", "rapidly", Pos::kAdv));
  EXPECT_TRUE(inv.IsLemma("car", Pos::kNoun));
  EXPECT_TRUE(inv.IsLemma("say", Pos::kVerb));
}

TEST(WordNetReader, MissingOrMalformedFilesFail) {
  Inventory inv;
  int src = inv.AddSource("wordnet", 1);
  EXPECT_FALSE(ReadWordNet("/nonexistent", src, &inv).ok());
  std::string dir = testing_util::TempPath("wnbad");
  WriteWordNet(dir);
  std::ofstream(dir + "/data.noun") << "00000100 03 n 05 car 0\n";
  Status s = ReadWordNet(dir, src, &inv);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("data.noun:1"), std::string::npos) << s.message();
}

TEST(DictionaryReader, ReadsAllThreeLayoutsAndComments) {
  Inventory inv;
  int src = inv.AddSource("dict", 1);
  DictionaryStats st;
  std::string text =
      "# a comment\n"
      "said|stated|reported\n"
      "{big|large}\n"
      "happy:glad,cheerful,glad\n"
      "because\tdue to the fact that\t3\n"
      "to\ttowards\n"
      "\n"
      "lonely-word\n";
  ASSERT_TRUE(ReadSpinnerDictionary(WriteTemp("d.txt", text), src, &inv, &st).ok());
  EXPECT_EQ(st.groups, 2u);
  EXPECT_EQ(st.lists, 1u);
  EXPECT_EQ(st.pairs, 2u);
  EXPECT_EQ(st.skipped, 1u);
  auto rel = Relations(inv);
  EXPECT_TRUE(rel.count({"said", "stated", Pos::kAny, 1.0f}));
  EXPECT_TRUE(rel.count({"reported", "said", Pos::kAny, 1.0f}));  // every member both ways
  EXPECT_TRUE(rel.count({"big", "large", Pos::kAny, 1.0f}));      // spintax braces stripped
  EXPECT_TRUE(rel.count({"because", "due to the fact that", Pos::kAny, 3.0f}));
  EXPECT_TRUE(rel.count({"to", "towards", Pos::kAny, 1.0f}));
  EXPECT_TRUE(rel.count({"happy", "cheerful", Pos::kAny, 1.0f}));
  // A repeated entry counts twice (a spinner picking at random sees it twice).
  size_t glad = 0;
  for (const auto& r : inv.relations()) glad += inv.phrase(r.spun) == "glad";
  EXPECT_EQ(glad, 2u);
}

TEST(DictionaryReader, ErrorsNameFileAndLine) {
  Inventory inv;
  int src = inv.AddSource("dict", 1);
  std::string path = WriteTemp("bad.tsv", "a\tb\n\nc\td\tzero\n");
  Status s = ReadSpinnerDictionary(path, src, &inv);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find(path + ":3"), std::string::npos) << s.message();
  s = ReadSpinnerDictionary(WriteTemp("none.txt", "just words\nno separators\n"), src, &inv);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("no substitutions"), std::string::npos);
  EXPECT_FALSE(ReadSpinnerDictionary("/nonexistent.dict", src, &inv).ok());
}

// A learned dictionary's fourth column (occurrences of the spun phrase in
// the traced copies) gives the spinner's substitution rate per phrase.
TEST(DictionaryReader, LearnedOccurrencesGiveSubstitutionRates) {
  std::string path =
      WriteTemp("learned.tsv",
                "# learned by unspin learn: original<TAB>spun<TAB>count<TAB>occurrences\n"
                "said\tstated\t6\t9\n"
                "declared\tstated\t2\t9\n"
                "in\tinside\t1\t4\n"
                "big\tlarge\t3\n");
  Inventory inv;
  int src = inv.AddSource("dict", 1);
  DictionaryStats st;
  SubstitutionRates rates;
  ASSERT_TRUE(ReadSpinnerDictionary(path, src, &inv, &st, &rates).ok());  // the column is allowed
  EXPECT_EQ(st.pairs, 4u);
  EXPECT_DOUBLE_EQ(rates.Rate("Stated", "said"), (6.0 + 2.0) / (9 + 1));  // over its originals
  EXPECT_DOUBLE_EQ(rates.Rate("stated", "declared"), 0.8);
  EXPECT_EQ(rates.Rate("stated", "announced"), 0);  // not an original it lists
  EXPECT_DOUBLE_EQ(rates.Rate("inside", "in"), 1.0 / 5);
  EXPECT_EQ(rates.Rate("large", "big"), 0);  // three columns: no rate
  // A second dictionary's rates join: substitutions add up, occurrences do not.
  SubstitutionRates more;
  more.Add("announced", "stated", 1, 9);
  rates.Merge(std::move(more));
  EXPECT_DOUBLE_EQ(rates.Rate("stated", "announced"), (6.0 + 2.0 + 1.0) / (9 + 1));
  // A fourth column that is not a count is an error naming the line.
  Status bad = ReadSpinnerDictionary(WriteTemp("bad4.tsv", "a\tb\t1\tmany\n"), src, &inv);
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(bad.message().find(":1"), std::string::npos) << bad.message();
}

TEST(DictionaryReader, ParsesWeightedPaths) {
  std::string path;
  float w = 0;
  ASSERT_TRUE(ParseWeightedPath("learned.tsv@2.5", 1, &path, &w).ok());
  EXPECT_EQ(path, "learned.tsv");
  EXPECT_FLOAT_EQ(w, 2.5f);
  ASSERT_TRUE(ParseWeightedPath("plain.txt", 1, &path, &w).ok());
  EXPECT_EQ(path, "plain.txt");
  EXPECT_FLOAT_EQ(w, 1.0f);
  EXPECT_FALSE(ParseWeightedPath("x@-1", 1, &path, &w).ok());
  EXPECT_FALSE(ParseWeightedPath("x@abc", 1, &path, &w).ok());
}

TEST(DictionaryReader, KnowsALearnedDictionaryByItsFirstLine) {
  EXPECT_TRUE(IsLearnedDictionary(WriteTemp(
      "l.tsv", "# learned by unspin learn: original<TAB>spun<TAB>count\nsaid\tstated\t3\n")));
  EXPECT_FALSE(IsLearnedDictionary(WriteTemp("u.tsv", "said\tstated\t3\n")));
  EXPECT_FALSE(IsLearnedDictionary(WriteTemp("c.tsv", "# my own list\nsaid\tstated\n")));
  EXPECT_FALSE(IsLearnedDictionary(WriteTemp("e.tsv", "")));
  EXPECT_FALSE(IsLearnedDictionary("/nonexistent/learned.tsv"));
}

TEST(Inventory, NormalisesAndRejectsUselessRelations) {
  Inventory inv;
  int src = inv.AddSource("s", 1);
  EXPECT_TRUE(inv.Add(src, "Said", "STATED", Pos::kAny, 1));
  EXPECT_TRUE(Has(inv, "said", "stated", Pos::kAny));
  EXPECT_TRUE(inv.Add(src, "don\xe2\x80\x99t", "do not", Pos::kAny, 1));  // curly apostrophe
  EXPECT_TRUE(Has(inv, "don't", "do not", Pos::kAny));
  EXPECT_FALSE(inv.Add(src, "same", "Same", Pos::kAny, 1));
  EXPECT_FALSE(inv.Add(src, "", "x", Pos::kAny, 1));
  EXPECT_FALSE(inv.Add(src, "a b c d e f g", "x", Pos::kAny, 1));  // longer than 6 tokens
  EXPECT_FALSE(inv.Add(src, "a", "b", Pos::kAny, 0));
  EXPECT_FALSE(inv.Add(7, "a", "b", Pos::kAny, 1));
  for (int i = 1; i < Inventory::kMaxSources; ++i) EXPECT_GE(inv.AddSource("x", 1), 0);
  EXPECT_EQ(inv.AddSource("one too many", 1), -1);
}

TEST(RealThesauri, DebianFilesReadCompletely) {
  Inventory inv;
  int mythes = inv.AddSource("mythes", 1);
  int wordnet = inv.AddSource("wordnet", 1);
  ThesaurusStats ms, ws;
  ASSERT_TRUE(ReadMythes("/usr/share/mythes/th_en_US_v2.dat", mythes, &inv, &ms).ok());
  ASSERT_TRUE(ReadWordNet("/usr/share/wordnet", wordnet, &inv, &ws).ok());
  EXPECT_GT(ms.headwords, 140000u);  // ~146k headwords
  EXPECT_EQ(ws.senses, 117659u);     // WordNet 3.0 synsets
  EXPECT_TRUE(Has(inv, "say", "state", Pos::kVerb));
  EXPECT_TRUE(Has(inv, "use", "utilize", Pos::kVerb));
  EXPECT_TRUE(Has(inv, "artificial", "counterfeit", Pos::kAdj));
}

}  // namespace
}  // namespace unspin
