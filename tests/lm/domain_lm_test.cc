// lm build's parts: Kneser-Ney estimation (hand-computed values, every
// context normalised), the static mixture of two models, and the corpus
// reader that spells words as the decoder does for the base model.
#include "lm/domain_lm.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "lm/kneser_ney.h"
#include "lm/lm_mixer.h"
#include "tests/test_util.h"
#include "unspin/language_model.h"

namespace unspin {
namespace {

using testing_util::WriteTemp;

std::unique_ptr<LanguageModel> Estimate(int order,
                                        const std::vector<std::vector<std::string_view>>& text) {
  KneserNeyCounter counter(order);
  for (const auto& s : text) counter.AddSentence(s);
  NgramTable table;
  Status s = counter.Estimate(&table);
  EXPECT_TRUE(s.ok()) << s.ToString();
  std::unique_ptr<LanguageModel> lm;
  s = ModelFromTable(std::move(table), "test", &lm);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return lm;
}

// P(word | history), history given as words ("<s>" first for a sentence start).
double Prob(const LanguageModel& lm, const std::vector<std::string>& history,
            const std::string& word) {
  LmState state = lm.NullState();
  size_t k = 0;
  if (!history.empty() && history[0] == "<s>") {
    state = lm.BeginSentenceState();
    k = 1;
  }
  for (; k < history.size(); ++k) lm.Score(state, lm.Index(history[k]), &state);
  return std::pow(10.0, lm.Score(state, lm.Index(word), &state).log10_prob);
}

// A table read with the ARPA backoff rule directly (the model gives <unk> its
// unigram probability whatever the history, as KenLM does, so sums are
// checked on the table).
class TableReader {
 public:
  explicit TableReader(const NgramTable& t) : words_(t.words) {
    for (const NgramOrder& o : t.orders) {
      for (size_t i = 0; i < o.size(); ++i) {
        std::vector<std::string> key;
        for (int k = 0; k < o.n; ++k) key.push_back(t.words[o.key(i)[k]]);
        entries_[key] = {o.prob[i], o.backoff[i]};
      }
    }
  }
  double Prob(std::vector<std::string> history, const std::string& word) const {
    double backoff = 0;
    for (;;) {
      std::vector<std::string> key = history;
      key.push_back(word);
      auto it = entries_.find(key);
      if (it != entries_.end()) return std::pow(10.0, backoff + it->second.first);
      auto h = entries_.find(history);
      if (h != entries_.end()) backoff += h->second.second;
      history.erase(history.begin());
    }
  }
  // Sum over the vocabulary (<s> aside) of P(w | history).
  double Mass(const std::vector<std::string>& history) const {
    double sum = 0;
    for (const std::string& w : words_) {
      if (w != "<s>") sum += Prob(history, w);
    }
    return sum;
  }

 private:
  std::vector<std::string> words_;
  std::map<std::vector<std::string>, std::pair<double, double>> entries_;
};

NgramTable TableOf(int order, const std::vector<std::vector<std::string_view>>& text) {
  KneserNeyCounter counter(order);
  for (const auto& s : text) counter.AddSentence(s);
  NgramTable table;
  EXPECT_TRUE(counter.Estimate(&table).ok());
  return table;
}

TEST(KneserNeyTest, BigramValuesComputedByHand) {
  // <s> a b </s>, <s> a c </s>. Too few counts for estimated discounts: 0.5,
  // 1, 1.5. Unigram continuation counts a 1, b 1, c 1, </s> 2 (total 5,
  // discounted 2.5, spread over 5 words): P(a) = 0.5/5 + 0.1 = 0.2, P(</s>) =
  // 1/5 + 0.1 = 0.3. After "a": (1 - 0.5)/2 + 0.5 x 0.2 = 0.35 for b and c;
  // after <s>: (2 - 1)/2 + 0.5 x 0.2 = 0.6 for a.
  auto lm = Estimate(2, {{"a", "b"}, {"a", "c"}});
  ASSERT_TRUE(lm);
  EXPECT_NEAR(Prob(*lm, {}, "a"), 0.2, 1e-6);
  EXPECT_NEAR(Prob(*lm, {}, "</s>"), 0.3, 1e-6);
  EXPECT_NEAR(Prob(*lm, {}, "<unk>"), 0.1, 1e-6);
  EXPECT_NEAR(Prob(*lm, {"a"}, "b"), 0.35, 1e-6);
  EXPECT_NEAR(Prob(*lm, {"a"}, "c"), 0.35, 1e-6);
  EXPECT_NEAR(Prob(*lm, {"a"}, "</s>"), 0.5 * 0.3, 1e-6);  // backed off
  EXPECT_NEAR(Prob(*lm, {"<s>"}, "a"), 0.6, 1e-6);
}

// `sentences` pseudo-random sentences over `vocabulary` words of a fixed
// list, of 2 to 10 words.
std::vector<std::vector<std::string_view>> RandomText(size_t vocabulary, int sentences,
                                                      uint32_t seed) {
  static const std::vector<std::string_view> kWords = {
      "the", "market", "rose", "fell", "and", "oil", "prices", "said", "it", "a", "week", "bank"};
  std::vector<std::vector<std::string_view>> text;
  for (int s = 0; s < sentences; ++s) {
    std::vector<std::string_view> sentence;
    for (int k = 0; k < 2 + s % 9; ++k) {
      seed = seed * 1103515245u + 12345u;
      sentence.push_back(kWords[(seed >> 16) % std::min(vocabulary, kWords.size())]);
    }
    text.push_back(sentence);
  }
  return text;
}

TEST(KneserNeyTest, EveryContextSumsToOne) {
  const auto text = RandomText(10, 300, 7);
  for (int order = 1; order <= 3; ++order) {
    const TableReader lm(TableOf(order, text));
    EXPECT_NEAR(lm.Mass({}), 1.0, 1e-4) << order;
    if (order == 1) continue;
    for (const char* h : {"<s>", "the", "oil", "said"}) EXPECT_NEAR(lm.Mass({h}), 1.0, 1e-4) << h;
    if (order < 3) continue;
    EXPECT_NEAR(lm.Mass({"<s>", "the"}), 1.0, 1e-4);
    EXPECT_NEAR(lm.Mass({"oil", "prices"}), 1.0, 1e-4);
    EXPECT_NEAR(lm.Mass({"market", "rose"}), 1.0, 1e-4);
  }
}

TEST(KneserNeyTest, PrunedModelsStayNormalised) {
  const auto text = RandomText(12, 200, 11);
  for (int order = 2; order <= 3; ++order) {
    KneserNeyCounter all(order), pruned(order, 2);
    for (const auto& s : text) {
      all.AddSentence(s);
      pruned.AddSentence(s);
    }
    NgramTable full, small;
    ASSERT_TRUE(all.Estimate(&full).ok());
    ASSERT_TRUE(pruned.Estimate(&small).ok());
    // Only the highest order loses entries, and some of them.
    for (int k = 0; k + 1 < order; ++k) EXPECT_EQ(small.orders[k].size(), full.orders[k].size());
    EXPECT_LT(small.orders[order - 1].size(), full.orders[order - 1].size());
    EXPECT_GT(small.orders[order - 1].size(), 0u);
    const TableReader lm(small);
    EXPECT_NEAR(lm.Mass({}), 1.0, 1e-4);
    for (const char* h : {"<s>", "the", "oil", "bank"}) EXPECT_NEAR(lm.Mass({h}), 1.0, 1e-4) << h;
    if (order == 3) {
      EXPECT_NEAR(lm.Mass({"<s>", "the"}), 1.0, 1e-4);
      EXPECT_NEAR(lm.Mass({"oil", "prices"}), 1.0, 1e-4);
    }
  }
}

TEST(KneserNeyTest, NothingCountedIsAnError) {
  KneserNeyCounter counter(3);
  counter.AddSentence({});
  NgramTable table;
  EXPECT_FALSE(counter.Estimate(&table).ok());
}

TEST(LmMixerTest, ListedNgramsGetTheMixtureAndContextsStayNormalised) {
  NgramTable base = TableOf(3, {{"the", "company", "said"},
                                {"the", "company", "reported", "a", "loss"},
                                {"he", "said", "the", "loss", "was", "small"}});
  NgramTable domain = TableOf(3, {{"the", "company", "said", "pct"},
                                  {"profit", "rose", "five", "pct"},
                                  {"the", "profit", "rose"}});
  std::unique_ptr<LanguageModel> b, d, mixed;
  ASSERT_TRUE(ModelFromTable(base, "base", &b).ok());
  ASSERT_TRUE(ModelFromTable(domain, "domain", &d).ok());
  NgramTable mix;
  Status s = MixModels(base, *b, domain, 0.3, &mix);
  ASSERT_TRUE(s.ok()) << s.ToString();
  const TableReader table(mix);
  ASSERT_TRUE(ModelFromTable(std::move(mix), "mixed", &mixed).ok());
  // Both vocabularies, once each.
  for (const char* w : {"company", "reported", "pct", "profit"}) {
    EXPECT_NE(mixed->Index(w), mixed->oov_id()) << w;
  }
  const double floor = std::pow(10.0, kMixOovLog10);
  // Listed n-grams: the weighted sum of both sides' backoff probabilities
  // (a side that lacks the word gives the floor).
  struct Case {
    std::vector<std::string> history;
    std::string word;
  };
  for (const Case& c : std::vector<Case>{{{"<s>", "the"}, "company"},
                                         {{"the", "company"}, "said"},
                                         {{"company"}, "reported"},
                                         {{"five"}, "pct"},
                                         {{}, "loss"},
                                         {{}, "profit"}}) {
    auto side = [&](const LanguageModel& lm) {
      return lm.Index(c.word) == lm.oov_id() ? floor : Prob(lm, c.history, c.word);
    };
    EXPECT_NEAR(Prob(*mixed, c.history, c.word), 0.3 * side(*d) + 0.7 * side(*b), 1e-5) << c.word;
  }
  // Every context's distribution sums to one, up to the floors given to
  // words one side lacks.
  for (const std::vector<std::string>& h : std::vector<std::vector<std::string>>{
           {}, {"<s>"}, {"the"}, {"company"}, {"<s>", "the"}, {"the", "company"}, {"rose"}}) {
    EXPECT_NEAR(table.Mass(h), 1.0, 1e-4);
  }
}

TEST(LmMixerTest, WeightOutsideTheOpenIntervalIsRefused) {
  NgramTable t = TableOf(2, {{"a", "b"}});
  std::unique_ptr<LanguageModel> lm;
  ASSERT_TRUE(ModelFromTable(t, "t", &lm).ok());
  NgramTable out;
  EXPECT_FALSE(MixModels(t, *lm, t, 0, &out).ok());
  EXPECT_FALSE(MixModels(t, *lm, t, 1, &out).ok());
}

// A base model that knows numbers only in words.
constexpr const char* kBase = R"(\data\
ngram 1=7

\1-grams:
-1.0	<s>	0
-0.7	</s>
-0.8	fifty
-0.8	two
-0.9	he
-0.9	paid
-1.0	<unk>

\end\
)";

TEST(DomainLmTest, WordsAreSpelledAsTheDecoderSpellsThemForTheBase) {
  const std::string corpus = WriteTemp("corpus.jsonl",
                                       "{\"id\": \"1\", \"text\": \"He paid 52 pct, he said.\"}\n"
                                       "{\"id\": \"2\", \"text\": \"PCT rose.\\n\\nHe paid.\"}\n");
  DomainLmOptions o;
  o.base = WriteTemp("base.arpa", kBase);
  NgramTable table;
  DomainLmStats st;
  Status s = BuildDomainLm({corpus}, o, &table, &st, nullptr);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(st.documents, 2u);
  EXPECT_EQ(st.sentences, 3u);
  std::set<std::string> vocab(table.words.begin(), table.words.end());
  EXPECT_TRUE(vocab.count("pct"));    // new to the base: kept (lower case)
  EXPECT_TRUE(vocab.count("fifty"));  // "52" as the base spells it
  EXPECT_FALSE(vocab.count("52"));
  EXPECT_FALSE(vocab.count(","));  // punctuation is not read
  // Without a base the domain model reads the digits as they are.
  o.base.clear();
  ASSERT_TRUE(BuildDomainLm({corpus}, o, &table, &st, nullptr).ok());
  vocab = std::set<std::string>(table.words.begin(), table.words.end());
  EXPECT_TRUE(vocab.count("52"));
}

TEST(DomainLmTest, BadInputsGiveErrors) {
  NgramTable table;
  DomainLmOptions o;
  EXPECT_FALSE(BuildDomainLm({WriteTemp("empty.jsonl", "")}, o, &table, nullptr, nullptr).ok());
  EXPECT_FALSE(
      BuildDomainLm({WriteTemp("bad.jsonl", "not json\n")}, o, &table, nullptr, nullptr).ok());
  EXPECT_FALSE(BuildDomainLm({"/nonexistent/corpus.jsonl"}, o, &table, nullptr, nullptr).ok());
  // A compact base cannot be listed.
  const std::string arpa = WriteTemp("b.arpa", kBase);
  const std::string compact = testing_util::TempPath("b.ulm");
  ASSERT_TRUE(LanguageModel::Convert(arpa, compact).ok());
  o.base = compact;
  Status s = BuildDomainLm({WriteTemp("c.jsonl", "{\"id\":1,\"text\":\"he paid\"}\n")}, o, &table,
                           nullptr, nullptr);
  EXPECT_EQ(s.code(), Status::Code::kUnsupported) << s.ToString();
}

TEST(DomainLmTest, WrittenModelsLoadInBothFormats) {
  NgramTable table = TableOf(3, {{"the", "company", "said"}, {"profit", "rose"}});
  NgramTable copy = table;
  const std::string arpa = testing_util::TempPath("w.arpa");
  const std::string compact = testing_util::TempPath("w.ulm");
  ASSERT_TRUE(WriteLanguageModel(&table, arpa).ok());
  ASSERT_TRUE(WriteLanguageModel(&copy, compact).ok());
  std::unique_ptr<LanguageModel> a, c;
  ASSERT_TRUE(LanguageModel::Load(arpa, &a).ok());
  ASSERT_TRUE(LanguageModel::Load(compact, &c).ok());
  EXPECT_EQ(a->info().format, "arpa");
  EXPECT_EQ(c->info().format, "compact");
  EXPECT_NEAR(Prob(*a, {"the", "company"}, "said"), Prob(*c, {"the", "company"}, "said"), 1e-5);
}

}  // namespace
}  // namespace unspin
