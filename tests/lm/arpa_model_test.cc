// Hand-written ARPA models whose scores were computed by hand from the ARPA
// backoff definition; each is checked through every path a model can take
// (ARPA loaded directly, compact file, gzip/zstd input).
#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <cmath>
#include <cstring>

#include "lm/sentence_scorer.h"
#include "tests/test_util.h"
#include "unspin/language_model.h"

namespace unspin {
namespace {

using testing_util::WriteTemp;

constexpr const char* kTrigram = R"(\data\
ngram 1=5
ngram 2=4
ngram 3=2

\1-grams:
-1.0	<s>	-0.5
-0.7	</s>
-0.6	a	-0.3
-0.8	b	-0.2
-1.2	c	-0.1

\2-grams:
-0.4	<s> a	-0.25
-0.3	a b	-0.15
-0.5	b c	-0.05
-0.9	b </s>

\3-grams:
-0.2	<s> a b
-0.1	a b c

\end\
)";

std::unique_ptr<LanguageModel> LoadText(const std::string& text,
                                        const std::string& name = "m.arpa") {
  std::unique_ptr<LanguageModel> lm;
  Status s = LanguageModel::Load(WriteTemp(name, text), &lm);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return lm;
}

double Total(const LanguageModel& lm, std::string_view sentence, size_t* oov = nullptr) {
  auto words = testing_util::Words(sentence);
  SentenceScore s = ScoreSentence(lm, words);
  if (oov) *oov = s.oov;
  return s.log10;
}

void ExpectHandScores(const LanguageModel& lm) {
  // P(a|<s>) + P(b|<s> a) + P(c|a b) + [bo(b c) + bo(c) + p(</s>)]
  EXPECT_NEAR(Total(lm, "a b c"), -0.4 - 0.2 - 0.1 - (0.05 + 0.1 + 0.7), 1e-6);
  // [bo(<s>) + p(b)] + P(c|b) (history "<s> b" absent: no weight) + [bo(b c)+bo(c)+p(</s>)]
  EXPECT_NEAR(Total(lm, "b c"), -(0.5 + 0.8) - 0.5 - 0.85, 1e-6);
  // P(a|<s>) + [bo(<s> a) + bo(a) + p(c)] + [bo(c) + p(</s>)]
  EXPECT_NEAR(Total(lm, "a c"), -0.4 - (0.25 + 0.3 + 1.2) - 0.8, 1e-6);
  // [bo(<s>) + p(b)] + P(</s>|b) with absent history "<s> b"
  EXPECT_NEAR(Total(lm, "b"), -1.3 - 0.9, 1e-6);
  // The OOV adds nothing and clears the history: b gets its unigram alone.
  size_t oov = 0;
  EXPECT_NEAR(Total(lm, "a x b", &oov), -0.4 - 0.8 - 0.9, 1e-6);
  EXPECT_EQ(oov, 1u);
}

TEST(ArpaModelTest, HandComputedBackoffCasesFromArpa) {
  auto lm = LoadText(kTrigram);
  ASSERT_TRUE(lm);
  EXPECT_EQ(lm->info().format, "arpa");
  EXPECT_EQ(lm->order(), 3);
  EXPECT_EQ(lm->vocab_size(), 5u);
  ExpectHandScores(*lm);
}

TEST(ArpaModelTest, CompactFileScoresLikeArpa) {
  std::string arpa = WriteTemp("m.arpa", kTrigram);
  std::string compact = testing_util::TempPath("m.ulm");
  ASSERT_TRUE(LanguageModel::Convert(arpa, compact).ok());
  std::unique_ptr<LanguageModel> lm;
  ASSERT_TRUE(LanguageModel::Load(compact, &lm).ok());
  EXPECT_EQ(lm->info().format, "compact");
  ExpectHandScores(*lm);
  EXPECT_TRUE(lm->Verify().ok());
}

TEST(ArpaModelTest, GzipAndZstdInputAreRead) {
  std::string gz = testing_util::TempPath("m.arpa.gz");
  gzFile f = gzopen(gz.c_str(), "wb");
  gzwrite(f, kTrigram, static_cast<unsigned>(std::strlen(kTrigram)));
  gzclose(f);
  std::unique_ptr<LanguageModel> lm;
  ASSERT_TRUE(LanguageModel::Load(gz, &lm).ok());
  ExpectHandScores(*lm);
  std::string plain = WriteTemp("z.arpa", kTrigram);
  ASSERT_EQ(std::system(("zstd -q -f " + plain + " -o " + plain + ".zst").c_str()), 0);
  ASSERT_TRUE(LanguageModel::Load(plain + ".zst", &lm).ok());
  ExpectHandScores(*lm);
}

TEST(ArpaModelTest, StateCarriesHistoryAndMinimises) {
  auto lm = LoadText(kTrigram);
  LmState s = lm->BeginSentenceState(), t;
  EXPECT_EQ(s.length, 1);
  LmScore r = lm->Score(s, lm->Index("b"), &t);
  EXPECT_EQ(r.ngram_length, 1);  // backed off to the unigram
  EXPECT_EQ(t.length, 1);        // "<s> b" does not exist: history is just "b"
  r = lm->Score(s, lm->Index("a"), &t);
  EXPECT_EQ(r.ngram_length, 2);
  EXPECT_EQ(t.length, 2);
  LmState u;
  r = lm->Score(t, lm->Index("b"), &u);
  EXPECT_EQ(r.ngram_length, 3);
  EXPECT_NEAR(r.log10_prob, -0.2, 1e-6);
  // Equal states predict identically and compare equal.
  LmState again;
  lm->Score(s, lm->Index("a"), &again);
  EXPECT_TRUE(again == t);
  EXPECT_EQ(again.Hash(), t.Hash());
}

TEST(ArpaModelTest, OutOfVocabularyWordsMapToOneIdWithPenalty) {
  auto lm = LoadText(kTrigram);
  EXPECT_EQ(lm->Index("zebra"), lm->oov_id());
  EXPECT_EQ(lm->Index("A"), lm->oov_id());  // lookup is case-sensitive
  LmState out;
  LmScore r = lm->Score(lm->BeginSentenceState(), lm->Index("zebra"), &out);
  EXPECT_TRUE(r.oov);
  EXPECT_EQ(r.log10_prob, kOovLog10);
  EXPECT_EQ(out.length, 0);
  EXPECT_EQ(lm->Word(lm->Index("c")), "c");
}

TEST(ArpaModelTest, UnkEntryGivesTheOovProbability) {
  std::string text = kTrigram;
  text.replace(text.find("ngram 1=5"), 9, "ngram 1=6");
  text.insert(text.find("-1.2\tc"), "-3.5\t<unk>\n");
  auto lm = LoadText(text);
  LmState out;
  LmScore r = lm->Score(lm->BeginSentenceState(), lm->Index("zebra"), &out);
  EXPECT_TRUE(r.oov);
  EXPECT_NEAR(r.log10_prob, -3.5, 1e-6);
  EXPECT_TRUE(lm->info().has_unk);
}

// A batched result (`got`, `got_state`) equals Score(in, word) in full; the
// state is compared when the word is known (an unknown one empties it).
void ExpectAsScore(const LanguageModel& lm, const LmState& in, WordId word, const LmScore& got,
                   const LmState& got_state, size_t i) {
  LmState want;
  LmScore r = lm.Score(in, word, &want);
  EXPECT_EQ(got.log10_prob, r.log10_prob) << i;
  EXPECT_EQ(got.ngram_length, r.ngram_length) << i;
  EXPECT_EQ(got.oov, r.oov) << i;
  EXPECT_EQ(got_state.length, want.length) << i;
  if (!r.oov) {
    EXPECT_TRUE(got_state == want) << i;
  }
}

TEST(ArpaModelTest, ScoreCandidatesMatchesScore) {
  auto lm = LoadText(kTrigram);
  LmState s;
  lm->Score(lm->BeginSentenceState(), lm->Index("a"), &s);
  std::vector<WordId> cands = {lm->Index("a"), lm->Index("b"), lm->Index("c"), lm->eos_id(),
                               lm->oov_id()};
  std::vector<float> out(cands.size());
  lm->ScoreCandidates(s, cands, out.data());
  for (size_t i = 0; i < cands.size(); ++i) {
    LmState tmp;
    EXPECT_FLOAT_EQ(out[i], lm->Score(s, cands[i], &tmp).log10_prob) << i;
  }
  // ScoreEach gives Score's full result, states included, for more words
  // than one chunk holds.
  std::vector<WordId> many;
  for (int k = 0; k < 7; ++k) many.insert(many.end(), cands.begin(), cands.end());
  std::vector<LmScore> scores(many.size());
  std::vector<LmState> states(many.size());
  lm->ScoreEach(s, many, scores.data(), states.data());
  for (size_t i = 0; i < many.size(); ++i) {
    ExpectAsScore(*lm, s, many[i], scores[i], states[i], i);
  }
}

// ScoreAfterEach advances many histories by one word as Score would, more
// histories than one chunk holds, an unknown word included, and ScorePairs
// each by its own word; UnigramLog10 is Score after the empty history.
TEST(ArpaModelTest, ScoreAfterEachMatchesScore) {
  auto lm = LoadText(kTrigram);
  std::vector<WordId> firsts = {lm->Index("a"), lm->Index("b"), lm->Index("c"), lm->oov_id()};
  std::vector<LmState> histories;
  for (int k = 0; k < 5; ++k) {
    for (WordId w : firsts) {
      LmState s;
      lm->Score(k % 2 ? lm->BeginSentenceState() : lm->NullState(), w, &s);
      histories.push_back(s);
    }
  }
  for (WordId next : {lm->Index("b"), lm->Index("a"), lm->eos_id(), lm->oov_id()}) {
    std::vector<LmState> states = histories;
    std::vector<LmScore> scores(states.size());
    lm->ScoreAfterEach(states, next, scores.data());
    for (size_t i = 0; i < histories.size(); ++i) {
      ExpectAsScore(*lm, histories[i], next, scores[i], states[i], i);
    }
  }
  for (WordId w : firsts) {
    LmState tmp;
    EXPECT_EQ(lm->UnigramLog10(w), lm->Score(lm->NullState(), w, &tmp).log10_prob) << w;
  }
  // ScorePairs: each history its own next word (known, end of sentence, unknown).
  const std::vector<WordId> nexts = {lm->Index("b"), lm->Index("a"), lm->eos_id(), lm->oov_id(),
                                     lm->Index("c")};
  std::vector<WordId> words;
  for (size_t i = 0; i < histories.size(); ++i) words.push_back(nexts[i % nexts.size()]);
  std::vector<LmState> states = histories;
  std::vector<LmScore> scores(states.size());
  lm->ScorePairs(states, words, scores.data());
  for (size_t i = 0; i < histories.size(); ++i) {
    ExpectAsScore(*lm, histories[i], words[i], scores[i], states[i], i);
  }
}

// Trigram "c a b" without its prefix bigram "c a": a blank "c a" is added
// (prob = bo(c) + p(a), backoff 0), so the trigram is still reachable.
TEST(ArpaModelTest, MissingPrefixGetsBlankEntry) {
  std::string text = kTrigram;
  text.replace(text.find("ngram 3=2"), 9, "ngram 3=3");
  text.insert(text.find("\n\\end\\"), "-0.05\tc a b\n");
  auto lm = LoadText(text);
  LmState s, t, u;
  lm->Score(lm->NullState(), lm->Index("c"), &s);
  LmScore r = lm->Score(s, lm->Index("a"), &t);
  EXPECT_NEAR(r.log10_prob, -0.1 - 0.6, 1e-6);
  r = lm->Score(t, lm->Index("b"), &u);
  EXPECT_NEAR(r.log10_prob, -0.05, 1e-6);
  EXPECT_EQ(r.ngram_length, 3);
}

constexpr const char* kFivegram = R"(\data\
ngram 1=4
ngram 2=2
ngram 3=1
ngram 4=1
ngram 5=1

\1-grams:
-1.0 <s> -0.5
-0.5 </s>
-0.4 x -0.2
-0.6 y -0.3

\2-grams:
-0.3 <s> x -0.1
-0.2 x x -0.1

\3-grams:
-0.15 <s> x x -0.05

\4-grams:
-0.12 <s> x x x -0.02

\5-grams:
-0.01 <s> x x x x

\end\
)";

TEST(ArpaModelTest, FiveGramModelWithSpaceSeparatedFields) {
  auto lm = LoadText(kFivegram);
  ASSERT_TRUE(lm);
  EXPECT_EQ(lm->order(), 5);
  // 5-gram chain, then </s> backs off through blank 4- and 3-grams (bo 0),
  // bo(x x), bo(x) down to p(</s>).
  EXPECT_NEAR(Total(*lm, "x x x x"), -0.3 - 0.15 - 0.12 - 0.01 - (0.1 + 0.2 + 0.5), 1e-6);
  EXPECT_NEAR(Total(*lm, "y x"), -(0.5 + 0.6) - (0.3 + 0.4) - (0.2 + 0.5), 1e-6);
}

TEST(ArpaModelTest, PaddedHeaderAndCrLfLinesReadAlike) {
  // IRSTLM writes "ngram  1=     5"; files edited on Windows end lines in
  // CR LF. Both give the hand-computed scores.
  std::string padded = kTrigram;
  for (const char* n : {"1", "2", "3"}) {
    const std::string from = std::string("ngram ") + n + "=";
    padded.replace(padded.find(from), from.size(), std::string("ngram  ") + n + "=     ");
  }
  auto lm = LoadText(padded, "padded.arpa");
  ASSERT_TRUE(lm);
  ExpectHandScores(*lm);
  std::string crlf;
  for (char c : std::string(kTrigram)) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  lm = LoadText(crlf, "crlf.arpa");
  ASSERT_TRUE(lm);
  ExpectHandScores(*lm);
}

TEST(ArpaModelTest, UnigramOnlyModel) {
  auto lm = LoadText("\\data\\\nngram 1=3\n\n\\1-grams:\n-1 <s>\n-0.5 </s>\n-0.25 a\n\n\\end\\\n");
  ASSERT_TRUE(lm);
  EXPECT_EQ(lm->order(), 1);
  EXPECT_NEAR(Total(*lm, "a a"), -0.25 - 0.25 - 0.5, 1e-6);
}

TEST(ArpaModelTest, ManyDistinctValuesStayExact) {
  // 70,000 distinct bigram values, more than a 16-bit codebook holds: they
  // are still stored exactly (to float precision).
  std::string text = "\\data\\\nngram 1=300\nngram 2=70000\n\n\\1-grams:\n";
  for (int i = 0; i < 300; ++i)
    text += "-" + std::to_string(2 + i * 0.001) + " w" + std::to_string(i) + " -0.1\n";
  text += "\n\\2-grams:\n";
  std::vector<double> vals;
  for (int i = 0; i < 70000; ++i) {
    double v = -0.5 - i * 0.0000713;
    vals.push_back(v);
    char buf[64];
    std::snprintf(buf, sizeof(buf), "%.7f", v);
    text +=
        std::string(buf) + " w" + std::to_string(i / 300) + " w" + std::to_string(i % 300) + "\n";
  }
  text += "\n\\end\\\n";
  auto lm = LoadText(text);
  ASSERT_TRUE(lm);
  double worst = 0;
  for (int i = 0; i < 70000; i += 97) {
    LmState s, t;
    lm->Score(lm->NullState(), lm->Index("w" + std::to_string(i / 300)), &s);
    float p = lm->Score(s, lm->Index("w" + std::to_string(i % 300)), &t).log10_prob;
    worst = std::max(worst, std::fabs(p - vals[i]));
  }
  EXPECT_LT(worst, 1e-6);
}

}  // namespace
}  // namespace unspin
