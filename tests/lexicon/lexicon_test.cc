// The lexicon of the default model pack (built by scripts/build_model.sh from
// Debian's packages before the tests run): the reverse-index cases the
// project promises, case handling, spans inside a sentence and run-time
// dictionaries.
#include "unspin/lexicon.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

#include "tests/test_util.h"
#include "unspin/model.h"

namespace unspin {
namespace {

std::string DefaultPack() { return testing_util::DefaultPackPath(); }

class DefaultLexiconTest : public testing_util::DefaultPackTest {
 protected:
  static std::vector<std::string> Texts(std::string_view phrase) {
    std::vector<std::string> out;
    for (const Candidate& c : model_->lexicon().LookupPhrase(phrase)) out.push_back(c.text);
    return out;
  }
  static bool Offers(std::string_view observed, const std::string& original) {
    std::vector<std::string> t = Texts(observed);
    return std::find(t.begin(), t.end(), original) != t.end();
  }
};

TEST_F(DefaultLexiconTest, OffersTheOriginalsSpinnersReplace) {
  const std::pair<const char*, const char*> kCases[] = {
      {"stated", "said"},
      {"Related", "associated"},
      {"1000's", "thousands"},
      {"utilized", "used"},
      {"commenced", "started"},
      {"due to the fact that", "because"},
      {"counterfeit", "artificial"},
      {"instructed", "told"},
      {"Inside", "interior"},
      {"approximately", "about"},
      {"nonetheless", "however"},
      {"utilizes", "uses"},
      {"commencing", "starting"},
      {"sufficient", "enough"},
  };
  for (const auto& [observed, original] : kCases) {
    EXPECT_TRUE(Offers(observed, original)) << observed << " -> " << original;
  }
}

TEST_F(DefaultLexiconTest, IdentityComesFirstAndIsNormalised) {
  std::vector<Candidate> c = model_->lexicon().LookupPhrase("  STATED ");
  ASSERT_FALSE(c.empty());
  EXPECT_TRUE(c[0].identity);
  EXPECT_EQ(c[0].text, "stated");
  EXPECT_NEAR(c[0].channel_log10, std::log10(1 - model_->lexicon().params().replace_rate), 1e-6);
  for (size_t i = 1; i < c.size(); ++i) {
    EXPECT_FALSE(c[i].identity);
    EXPECT_NE(c[i].text, "stated");
    EXPECT_LT(c[i].channel_log10, 0);
    EXPECT_NE(c[i].sources, 0u);
  }
  EXPECT_TRUE(Offers("STATED", "said"));
}

TEST_F(DefaultLexiconTest, InflectionIsCarriedToTheCandidate) {
  // Plural in, plural out; past in, past out.
  EXPECT_TRUE(Offers("difficulties", "problems"));
  EXPECT_FALSE(Offers("difficulties", "problem"));
  EXPECT_TRUE(Offers("commenced", "began"));
  EXPECT_FALSE(Offers("commenced", "begin"));
}

TEST_F(DefaultLexiconTest, LooksUpEverySpanStartingAtAToken) {
  std::vector<std::string_view> words = {"he", "took", "part", "in", "the", "talks"};
  std::vector<Candidate> c;
  model_->lexicon().Lookup(words, 1, &c);
  ASSERT_FALSE(c.empty());
  EXPECT_TRUE(c[0].identity);
  EXPECT_EQ(c[0].text, "took");
  bool participated = false;
  for (const Candidate& x : c) {
    EXPECT_GE(x.length, 1u);
    EXPECT_LE(x.length, Lexicon::kMaxSpanTokens);
    if (x.length == 2 && x.text == "participated") participated = true;
  }
  EXPECT_TRUE(participated);
  // Lengths never run past the end of the sentence.
  c.clear();
  model_->lexicon().Lookup(words, 5, &c);
  for (const Candidate& x : c) EXPECT_EQ(x.length, 1u);
  c.clear();
  model_->lexicon().Lookup(words, 6, &c);
  EXPECT_TRUE(c.empty());
}

// Lookup with limits returns exactly the candidates a caller applying the
// limits to the full answer would keep (one dictionary loaded), in order.
TEST_F(DefaultLexiconTest, LookupWithLimitsKeepsWhatTheLimitsPass) {
  std::vector<std::string_view> words = {"he", "took", "part", "in", "the", "talks"};
  for (uint32_t literal_only : {0u, 1u, 2u, 0x3fu}) {
    for (size_t cap : {size_t{1}, size_t{3}, size_t{24}}) {
      std::vector<Candidate> all, limited;
      model_->lexicon().Lookup(words, 1, &all);
      Lexicon::Limits limits;
      limits.max_per_length = cap;
      limits.literal_only_lengths = literal_only;
      model_->lexicon().Lookup(words, 1, limits, &limited);
      std::vector<std::pair<size_t, std::string>> want, got;
      std::vector<size_t> taken(Lexicon::kMaxSpanTokens + 1);
      bool morphological = false;
      for (const Candidate& c : all) {
        if (c.identity) continue;
        morphological |= c.pos != Pos::kAny;
        if ((literal_only >> (c.length - 1) & 1) && c.pos != Pos::kAny) continue;
        if (taken[c.length]++ < cap) want.emplace_back(c.length, c.text);
      }
      for (const Candidate& c : limited) {
        if (!c.identity) got.emplace_back(c.length, c.text);
      }
      EXPECT_EQ(got, want) << "cap " << cap << ", literal-only lengths " << literal_only;
      EXPECT_TRUE(limited.front().identity);
      if (literal_only == 0 && cap == 24) {
        EXPECT_TRUE(morphological);  // the filter had something to remove
      }
    }
  }
}

// LookupViews gives Lookup's candidates field for field, texts as views;
// equal text keys name equal texts, and only the identity has none.
TEST_F(DefaultLexiconTest, LookupViewsEqualsLookup) {
  std::vector<std::string_view> words = {"he", "took", "part", "in", "the", "talks"};
  std::map<uint64_t, std::string> text_of_key;
  size_t candidates = 0;
  for (size_t start = 0; start < words.size(); ++start) {
    Lexicon::Limits limits;
    limits.max_per_length = 24;
    std::vector<Candidate> copies;
    std::vector<CandidateView> views;
    model_->lexicon().Lookup(words, start, limits, &copies);
    model_->lexicon().LookupViews(words, start, limits, &views);
    ASSERT_EQ(copies.size(), views.size());
    candidates += copies.size() - 1;
    for (size_t i = 0; i < copies.size(); ++i) {
      const Candidate& c = copies[i];
      const CandidateView& v = views[i];
      EXPECT_EQ(c.text, v.text);
      EXPECT_EQ(c.length, v.length);
      EXPECT_EQ(c.channel_log10, v.channel_log10);
      EXPECT_EQ(c.sources, v.sources);
      EXPECT_EQ(c.identity, v.identity);
      EXPECT_EQ(c.two_hop, v.two_hop);
      EXPECT_EQ(c.reversed, v.reversed);
      EXPECT_EQ(c.pos, v.pos);
      EXPECT_EQ(c.inflection, v.inflection);
      EXPECT_EQ(c.text_key, v.text_key);
      EXPECT_EQ(c.text_key == 0, c.identity) << c.text;
      if (c.text_key != 0) {
        auto [it, fresh] = text_of_key.emplace(c.text_key, c.text);
        EXPECT_EQ(it->second, c.text);
      }
    }
  }
  EXPECT_GT(candidates, 24u);
}

TEST_F(DefaultLexiconTest, RunTimeDictionaryAddsCandidates) {
  std::unique_ptr<Model> model;
  ASSERT_TRUE(Model::Open(DefaultPack(), &model).ok());
  EXPECT_FALSE([&] {
    for (const Candidate& c : model->lexicon().LookupPhrase("sky boat")) {
      if (c.text == "airplane") return true;
    }
    return false;
  }());
  std::string dict = testing_util::WriteTemp("learned.tsv", "airplane\tsky boat\t3\n");
  ASSERT_TRUE(model->mutable_lexicon()->AddDictionary(dict, 1.0f).ok());
  bool found = false;
  for (const Candidate& c : model->lexicon().LookupPhrase("Sky Boat")) {
    if (c.text == "airplane") {
      found = true;
      EXPECT_EQ(model->lexicon().SourceList(c.sources), std::filesystem::path(dict).filename());
    }
  }
  EXPECT_TRUE(found);
  // Read backwards too, as the pack's sources are: "sky boat" may stand for
  // "airplane", and so "airplane" for "sky boat" (flagged, weaker).
  found = false;
  for (const Candidate& c : model->lexicon().LookupPhrase("airplane")) {
    if (c.text != "sky boat") continue;
    found = true;
    EXPECT_TRUE(c.reversed);
  }
  EXPECT_TRUE(found);
  EXPECT_FALSE(model->mutable_lexicon()->AddDictionary("/nonexistent.tsv", 1.0f).ok());
}

TEST_F(DefaultLexiconTest, DictionaryWeightScalesItsChannel) {
  auto channel_of = [](float weight) {
    std::unique_ptr<Model> model;
    EXPECT_TRUE(Model::Open(DefaultPack(), &model).ok());
    std::string dict = testing_util::WriteTemp("w.tsv", "airplane\tsky boat\t3\n");
    EXPECT_TRUE(model->mutable_lexicon()->AddDictionary(dict, weight).ok());
    for (const Candidate& c : model->lexicon().LookupPhrase("sky boat")) {
      if (c.text == "airplane") return static_cast<double>(c.channel_log10);
    }
    ADD_FAILURE() << "no candidate at weight " << weight;
    return 0.0;
  };
  const double base = channel_of(1.0f);
  EXPECT_NEAR(channel_of(4.0f) - base, std::log10(4.0), 1e-4);  // trusted more than the pack
  EXPECT_NEAR(channel_of(0.5f) - base, std::log10(0.5), 1e-4);
}

TEST_F(DefaultLexiconTest, InventoryWeightScalesOnlyThePacksOwnCandidates) {
  std::unique_ptr<Model> model;
  ASSERT_TRUE(Model::Open(DefaultPack(), &model).ok());
  std::string dict = testing_util::WriteTemp("iw.tsv", "airplane\tsky boat\t3\n");
  ASSERT_TRUE(model->mutable_lexicon()->AddDictionary(dict, 1.0f).ok());
  auto channel_of = [&](std::string_view observed, std::string_view original) {
    for (const Candidate& c : model->lexicon().LookupPhrase(observed)) {
      if (c.text == original) return static_cast<double>(c.channel_log10);
    }
    ADD_FAILURE() << "no candidate " << original << " for " << observed;
    return 0.0;
  };
  const double pack_before = channel_of("stated", "said");
  const double dict_before = channel_of("sky boat", "airplane");
  model->mutable_lexicon()->set_inventory_weight(0.1f);
  EXPECT_NEAR(channel_of("stated", "said") - pack_before, -1.0, 1e-4);
  EXPECT_NEAR(channel_of("sky boat", "airplane"), dict_before, 1e-6);
}

}  // namespace
}  // namespace unspin
