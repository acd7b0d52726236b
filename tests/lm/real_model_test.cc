// The real CMU model, three ways: Debian's sphinx binary, the shared ARPA
// dump of it, and the project's compact format. Needs pocketsphinx-en-us
// (installed by scripts/setup.sh) and ../shared/data.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "base/file_util.h"
#include "lm/arpa_reader.h"
#include "lm/ngram_sorter.h"
#include "lm/sentence_scorer.h"
#include "lm/sphinx_reader.h"
#include "tests/test_util.h"
#include "unspin/language_model.h"

namespace unspin {
namespace {

using testing_util::SharedData;

const char* kSphinxPath = "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin";

struct Reference {
  std::vector<std::string> sentences;
  std::vector<size_t> tokens, oov;
  std::vector<double> totals;
  double perplexity = 0;
};

const Reference& Ref() {
  static Reference ref = [] {
    Reference r;
    std::ifstream sent(SharedData("lm/reference/sentences.txt"));
    std::string line;
    while (std::getline(sent, line)) r.sentences.push_back(line);
    std::ifstream scores(SharedData("lm/reference/scores.tsv"));
    std::getline(scores, line);  // header
    while (std::getline(scores, line)) {
      std::istringstream f(line);
      std::string first;
      f >> first;
      if (first == "TOTAL") continue;
      if (first == "PPL_EXCL_OOV") {
        f >> r.perplexity;
        continue;
      }
      size_t tok, oov;
      double total;
      f >> tok >> oov >> total;
      r.tokens.push_back(tok);
      r.oov.push_back(oov);
      r.totals.push_back(total);
    }
    return r;
  }();
  return ref;
}

void ExpectReferenceScores(const LanguageModel& lm) {
  const Reference& ref = Ref();
  ASSERT_EQ(ref.sentences.size(), 300u);
  ASSERT_EQ(ref.totals.size(), 300u);
  PerplexityMeter meter;
  double worst = 0;
  for (size_t i = 0; i < ref.sentences.size(); ++i) {
    SentenceScore s = ScoreSentence(lm, testing_util::Words(ref.sentences[i]));
    meter.Add(s);
    EXPECT_EQ(s.tokens, ref.tokens[i]) << "line " << i + 1;
    EXPECT_EQ(s.oov, ref.oov[i]) << "line " << i + 1;
    EXPECT_NEAR(s.log10, ref.totals[i], 1e-4) << "line " << i + 1;
    worst = std::max(worst, std::fabs(s.log10 - ref.totals[i]));
  }
  EXPECT_EQ(meter.scored(), 6177u);
  EXPECT_NEAR(meter.Perplexity(), ref.perplexity, 1e-3);
  std::printf("[ info ] %s model: worst sentence deviation %.2g\n", lm.info().format.c_str(),
              worst);
}

TEST(RealModelTest, SphinxReproducesReferenceScores) {
  std::unique_ptr<LanguageModel> lm;
  Status s = LanguageModel::Load(kSphinxPath, &lm);
  ASSERT_TRUE(s.ok()) << s.ToString() << " (install pocketsphinx-en-us: ./scripts/setup.sh)";
  EXPECT_EQ(lm->info().format, "sphinx");
  EXPECT_EQ(lm->info().counts[1], 2051541u);  // real count, not the header's 2,051,547
  ExpectReferenceScores(*lm);
}

TEST(RealModelTest, ArpaReproducesReferenceScores) {
  std::unique_ptr<LanguageModel> lm;
  Status s = LanguageModel::Load(SharedData("lm/en-us.arpa.zst"), &lm);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(lm->info().format, "arpa");
  ExpectReferenceScores(*lm);
}

TEST(RealModelTest, CompactFileReproducesReferenceScoresAndNgramLengths) {
  std::string out = testing_util::TempPath("en-us.ulm");
  ASSERT_TRUE(LanguageModel::Convert(kSphinxPath, out).ok());
  std::unique_ptr<LanguageModel> lm;
  ASSERT_TRUE(LanguageModel::Load(out, &lm).ok());
  EXPECT_EQ(lm->info().format, "compact");
  EXPECT_LE(lm->info().bytes, 30000000u);
  EXPECT_TRUE(lm->Verify().ok());
  ExpectReferenceScores(*lm);
  // Per-token check against tokens.tsv: longest n-gram and probability.
  std::ifstream tok(SharedData("lm/reference/tokens.tsv"));
  std::string line;
  std::getline(tok, line);
  const Reference& ref = Ref();
  size_t cur_line = 0, checked = 0;
  LmState state;
  std::vector<std::string_view> words;
  while (std::getline(tok, line)) {
    std::istringstream f(line);
    size_t ln, pos;
    int len;
    std::string word, prob;
    f >> ln >> pos >> word >> len >> prob;
    if (ln != cur_line) {
      cur_line = ln;
      state = lm->BeginSentenceState();
      words = testing_util::Words(ref.sentences[ln - 1]);
    }
    WordId id = pos <= words.size() ? lm->Index(words[pos - 1]) : lm->eos_id();
    LmScore s = lm->Score(state, id, &state);
    if (prob == "NA") {
      EXPECT_TRUE(s.oov) << line;
      continue;
    }
    EXPECT_EQ(s.ngram_length, len) << line;
    EXPECT_NEAR(s.log10_prob, std::stod(prob), 1e-5) << line;
    ++checked;
  }
  EXPECT_EQ(checked, 6177u);
}

// Sorts both tables the same way and compares them entry by entry.
TEST(RealModelTest, SphinxAndArpaReadersAgreeOnEveryNgram) {
  NgramTable sphinx, arpa;
  ASSERT_TRUE(ReadSphinx(kSphinxPath, &sphinx).ok());
  ASSERT_TRUE(ReadArpa(SharedData("lm/en-us.arpa.zst"), &arpa).ok());
  ASSERT_EQ(sphinx.words, arpa.words);
  ASSERT_EQ(sphinx.order(), 3);
  ASSERT_EQ(arpa.order(), 3);
  for (int k = 0; k < 3; ++k) {
    NgramOrder& a = sphinx.orders[k];
    NgramOrder& b = arpa.orders[k];
    ASSERT_EQ(a.size(), b.size()) << "order " << k + 1;
    if (k > 0) {
      ASSERT_TRUE(SortReversed(&a, sphinx).ok());
      ASSERT_TRUE(SortReversed(&b, arpa).ok());
    }
    size_t mismatches = 0;
    for (size_t i = 0; i < a.size(); ++i) {
      bool same_key = std::equal(a.key(i), a.key(i) + a.n, b.key(i));
      bool same_prob = std::fabs(a.prob[i] - b.prob[i]) <= 1e-6;
      bool same_bo = k == 2 || std::fabs(a.backoff[i] - b.backoff[i]) <= 1e-6;
      if (!(same_key && same_prob && same_bo)) ++mismatches;
    }
    EXPECT_EQ(mismatches, 0u) << "order " << k + 1;
  }
}

// The two misfiled trigrams of the Debian file (format note, section 12)
// are found by look-up, with the values the reference ARPA gives them.
TEST(RealModelTest, MisfiledTrigramsAreReachable) {
  std::unique_ptr<LanguageModel> lm;
  ASSERT_TRUE(LanguageModel::Load(kSphinxPath, &lm).ok());
  struct Case {
    const char* u;
    const char* v;
    const char* w;
    double p;
  };
  for (const Case& c :
       {Case{"whips", "and", "bullhorns", -1.883673}, Case{"teased", "and", "bullhorns", -1.045109},
        Case{"coach", "and", "jerri", -2.736418}, Case{"<s>", "and", "jerri", -5.498698}}) {
    LmState s = lm->NullState(), t, u;
    lm->Score(s, lm->Index(c.u), &t);
    if (std::string(c.u) == "<s>") t = lm->BeginSentenceState();
    lm->Score(t, lm->Index(c.v), &u);
    LmScore r = lm->Score(u, lm->Index(c.w), &s);
    EXPECT_EQ(r.ngram_length, 3) << c.u << " " << c.v << " " << c.w;
    EXPECT_NEAR(r.log10_prob, c.p, 1e-5) << c.u << " " << c.v << " " << c.w;
  }
}

}  // namespace
}  // namespace unspin
