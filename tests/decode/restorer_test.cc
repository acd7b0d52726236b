// Restore: a hermetic decoder test on a tiny model, then the default pack on
// the project's own example sentences and on hard input.
#include "unspin/restorer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <memory>
#include <thread>

#include "decode/decoder.h"
#include "decode/sentence_decoder.h"
#include "lexicon/lexicon_types.h"
#include "lm/word_counts.h"
#include "tests/test_util.h"
#include "unspin/detector.h"
#include "unspin/model.h"

namespace unspin {
namespace {

using testing_util::WriteTemp;

// Replays the edits on the input: must give the output exactly.
std::string Replay(std::string_view input, const RestoreResult& r) {
  std::string out;
  uint64_t at = 0;
  for (const RestoreEdit& e : r.edits) {
    EXPECT_LE(at, e.start);
    EXPECT_EQ(input.substr(e.start, e.end - e.start), e.from);
    out.append(input.substr(at, e.start - at));
    out += e.to;
    at = e.end;
  }
  out.append(input.substr(at));
  return out;
}

// A tiny pack: "they said no" is likely, "they stated no" not; `extra`
// unigram lines (log10 -3, backoff -0.3) add words; `dictionary` is the TSV.
std::unique_ptr<Model> TinyModel(const std::vector<std::string>& extra,
                                 const std::string& dictionary, const std::string& name,
                                 double candidate_prior = ModelBuildOptions{}.candidate_prior) {
  std::string unigrams =
      "-1.0\t<s>\t-0.5\n-1.0\t</s>\n-1.0\tthey\t-0.5\n-1.5\tsaid\t-0.3\n"
      "-3.0\tstated\t-0.3\n-1.2\tno\t-0.3\n";
  for (const std::string& w : extra) unigrams += "-3.0\t" + w + "\t-0.3\n";
  ModelBuildOptions o;
  o.candidate_prior = candidate_prior;
  o.reverse_weight = 0;  // each test's relations go only the way it lists them
  o.lm = WriteTemp(name + ".arpa", "\\data\\\nngram 1=" + std::to_string(6 + extra.size()) +
                                       "\nngram 2=5\n\n\\1-grams:\n" + unigrams +
                                       "\n\\2-grams:\n"
                                       "-0.2\t<s> they\n-0.1\tthey said\n-2.5\tthey stated\n"
                                       "-0.3\tsaid no\n-0.3\tstated no\n\n\\end\\\n");
  o.dictionaries = {WriteTemp(name + ".tsv", dictionary)};
  std::string pack = testing_util::TempPath(name + ".unspin");
  std::unique_ptr<Model> model;
  EXPECT_TRUE(Model::Build(o, pack, nullptr).ok());
  EXPECT_TRUE(Model::Open(pack, &model).ok());
  return model;
}

class TinyModelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    model_ = TinyModel({}, "said\tstated\n", "t");
    ASSERT_NE(model_, nullptr);
  }
  std::unique_ptr<Model> model_;
};

TEST_F(TinyModelTest, DecoderPrefersTheLikelyOriginal) {
  Decoder d(model_->lm(), model_->lexicon(), DecoderOptions{});
  std::vector<std::string_view> words = {"they", "stated", "no"};
  std::vector<DecodedEdit> edits;
  d.Decode(words, {true, true, true}, &edits);
  ASSERT_EQ(edits.size(), 1u);
  EXPECT_EQ(edits[0].begin, 1u);
  EXPECT_EQ(edits[0].end, 2u);
  EXPECT_EQ(edits[0].text, "said");
  EXPECT_GT(edits[0].margin, 1.0);
  // The exact margin (re-search with the span frozen) agrees here: no other
  // path competes.
  DecoderOptions exact;
  exact.exact_margin = true;
  std::vector<DecodedEdit> exact_edits;
  Decoder(model_->lm(), model_->lexicon(), exact).Decode(words, {true, true, true}, &exact_edits);
  ASSERT_EQ(exact_edits.size(), 1u);
  EXPECT_NEAR(exact_edits[0].margin, edits[0].margin, 1e-6);
  // Not editable, or a threshold above the margin: no edit.
  edits.clear();
  d.Decode(words, {true, false, true}, &edits);
  EXPECT_TRUE(edits.empty());
  DecoderOptions strict;
  strict.threshold = 100;
  edits.clear();
  Decoder(model_->lm(), model_->lexicon(), strict).Decode(words, {true, true, true}, &edits);
  EXPECT_TRUE(edits.empty());
}

// The LM log10 of a sentence of known words, end of sentence included.
double SentenceLog10(const LanguageModel& lm, const std::vector<std::string_view>& words) {
  LmState s = lm.BeginSentenceState(), t;
  double total = 0;
  for (std::string_view w : words) {
    total += lm.Score(s, lm.Index(w), &t).log10_prob;
    s = t;
  }
  return total + lm.Score(s, lm.eos_id(), &t).log10_prob;
}

// An edit's margin is the best path's score minus that of the same path with
// the edit's span kept as observed: the other edits' channel terms cancel, so
// it is the LM difference of the two sentences plus the edit's channel minus
// the observed words' (the first alternative), for an edit in the middle (the
// paths meet again after it) and at the end (they never meet: the end of
// sentence decides).
TEST_F(TinyModelTest, MarginsRescoreTheBestPathWithTheSpanKept) {
  const LanguageModel& lm = model_->lm();
  std::vector<std::string_view> words = {"they", "stated", "no", "they", "stated"};
  std::vector<DecodedEdit> edits;
  DecoderOptions o;
  o.alternatives = 1;
  Decoder(lm, model_->lexicon(), o).Decode(words, std::vector<bool>(words.size(), true), &edits);
  ASSERT_EQ(edits.size(), 2u);
  const std::vector<std::string_view> best = {"they", "said", "no", "they", "said"};
  const double best_lm = SentenceLog10(lm, best);
  for (const DecodedEdit& e : edits) {
    ASSERT_EQ(e.text, "said");
    std::vector<std::string_view> kept = best;
    kept[e.begin] = "stated";
    ASSERT_FALSE(e.alternatives.empty());
    const double observed_channel = e.alternatives[0].channel_log10;
    EXPECT_NEAR(e.margin, best_lm - SentenceLog10(lm, kept) + e.channel_log10 - observed_channel,
                1e-5)
        << "edit at " << e.begin;
  }
}

// Candidates the LM spells alike are one original: "us" and "u.s." (which
// the LM spells "us") merge into the dotted form, their channel
// probabilities added: with equal shares, twice the share of "said".
TEST(TinyDecoderTest, CandidatesSpelledAlikeMerge) {
  std::unique_ptr<Model> model =
      TinyModel({"us"}, "said\tstated\t1\nus\tstated\t1\nu.s.\tstated\t1\n", "m");
  ASSERT_NE(model, nullptr);
  DecoderOptions o;
  o.alternatives = 5;
  o.rarity_weight = 0;
  std::vector<std::string_view> words = {"they", "stated", "no"};
  std::vector<DecodedEdit> edits;
  Decoder(model->lm(), model->lexicon(), o).Decode(words, {true, true, true}, &edits);
  ASSERT_EQ(edits.size(), 1u);
  EXPECT_EQ(edits[0].text, "said");
  std::vector<std::string> texts;
  double dotted_channel = 0;
  for (const DecodedAlternative& a : edits[0].alternatives) {
    texts.push_back(a.text);
    if (a.text == "u.s.") dotted_channel = a.channel_log10;
  }
  EXPECT_EQ(texts, (std::vector<std::string>{"stated", "u.s."}));
  EXPECT_NEAR(dotted_channel, edits[0].channel_log10 + std::log10(2.0), 1e-4);
}

// The decoder memoises each candidate text's LM words by its lexicon key:
// every alternative's LM score is the LM's own for that word after "they",
// on a first and a repeated decoding, and after a dictionary added at run
// time brings texts whose keys are new (and the lexicon's stamp changes).
TEST(TinyDecoderTest, CandidateSpellingsStayRightAcrossDecodingsAndDictionaries) {
  std::unique_ptr<Model> model =
      TinyModel({"told", "claimed"}, "said\tstated\nclaimed\tstated\n", "k");
  ASSERT_NE(model, nullptr);
  const LanguageModel& lm = model->lm();
  DecoderOptions o;
  o.alternatives = 5;
  o.threshold = -100;
  Decoder decoder(lm, model->lexicon(), o);
  auto check = [&](const std::vector<std::string>& want) {
    std::vector<std::string_view> words = {"they", "stated", "no"};
    std::vector<DecodedEdit> edits;
    decoder.Decode(words, {true, true, true}, &edits);
    ASSERT_EQ(edits.size(), 1u);
    LmState after_they, scratch;
    lm.Score(lm.BeginSentenceState(), lm.Index("they"), &after_they);
    std::vector<std::string> texts = {edits[0].text};
    EXPECT_NEAR(edits[0].lm_log10,
                lm.Score(after_they, lm.Index(edits[0].text), &scratch).log10_prob, 1e-5);
    for (const DecodedAlternative& a : edits[0].alternatives) {
      if (a.text == "stated") continue;
      texts.push_back(a.text);
      EXPECT_NEAR(a.lm_log10, lm.Score(after_they, lm.Index(a.text), &scratch).log10_prob, 1e-5)
          << a.text;
    }
    std::sort(texts.begin(), texts.end());
    EXPECT_EQ(texts, want);
  };
  check({"claimed", "said"});
  check({"claimed", "said"});
  ASSERT_TRUE(model->mutable_lexicon()
                  ->AddDictionary(WriteTemp("k_more.tsv", "told\tstated\n"), 1.0f)
                  .ok());
  check({"claimed", "said", "told"});
  check({"claimed", "said", "told"});
}

// Spans starting at a position Decode's `wide` marks get wide_candidates:
// "said" is the second candidate original of "stated" here, out of reach
// with one candidate per span and in reach where widened.
TEST(DecoderWideTest, MarkedPositionsGetMoreCandidates) {
  // P(stated | told) = 1, P(stated | said) = 0.1: "told" ranks first when
  // candidates are ordered by the channel alone (no LM prior).
  std::unique_ptr<Model> model = TinyModel(
      {"told", "declared"}, "said\tstated\t1\nsaid\tdeclared\t9\ntold\tstated\t1\n", "w", 0.0);
  ASSERT_NE(model, nullptr);
  DecoderOptions narrow;
  narrow.max_candidates_per_span = 1;
  narrow.wide_candidates = 2;
  Decoder d(model->lm(), model->lexicon(), narrow);
  std::vector<std::string_view> words = {"they", "stated", "no"};
  const std::vector<bool> editable = {true, true, true};
  auto decode = [&](const std::vector<bool>* wide) {
    std::vector<DecodedEdit> edits;
    d.Decode(words, editable, &edits, nullptr, wide);
    std::string out;
    for (const DecodedEdit& e : edits) out += e.text + ";";
    return out;
  };
  EXPECT_EQ(decode(nullptr), "");  // "they told no" does not beat the words
  const std::vector<bool> elsewhere = {true, false, true}, here = {false, true, false};
  EXPECT_EQ(decode(&elsewhere), "");
  EXPECT_EQ(decode(&here), "said;");
}

// A dictionary added at run time orders its candidates as the pack was
// built: by the posterior (share + the LM's log10 prior; "said" at -1 - 1.5
// before "told" at 0 - 3) or, in a pack built with no prior, by the share.
// The order decides which candidates a per-span limit keeps.
TEST(DecoderWideTest, RunTimeDictionariesFollowThePacksCandidateOrder) {
  for (double prior : {1.0, 0.0}) {
    std::unique_ptr<Model> model =
        TinyModel({"told", "declared"}, "no\tthey\n", prior == 0 ? "o0" : "o1", prior);
    ASSERT_NE(model, nullptr);
    ASSERT_TRUE(model->mutable_lexicon()
                    ->AddDictionary(WriteTemp("order.tsv",
                                              "said\tstated\t1\nsaid\tdeclared\t9\n"
                                              "told\tstated\t1\n"),
                                    1.0f)
                    .ok());
    const std::vector<std::string_view> words = {"stated"};
    Lexicon::Limits first_only;
    first_only.max_per_length = 1;
    std::vector<Candidate> c;
    model->lexicon().Lookup(words, 0, first_only, &c);
    ASSERT_EQ(c.size(), 2u);  // the identity and the layer's first original
    EXPECT_EQ(c[1].text, prior == 0 ? "told" : "said") << prior;
  }
}

// A number spelled in several words is one quantity: a dictionary that
// offers "50" for "fifty" (trusted far above the observed words) replaces it
// on its own, never inside "fifty two" ("50 two"), before or after the run.
TEST(DecoderNumberTest, PartOfASpelledNumberIsNeverReplaced) {
  std::unique_ptr<Model> model = TinyModel({"fifty", "two", "people"}, "no\tthey\n", "num");
  ASSERT_NE(model, nullptr);
  ASSERT_TRUE(model->mutable_lexicon()
                  ->AddDictionary(WriteTemp("num.tsv", "50\tfifty\t1\n2\ttwo\t1\n"), 1000.0f)
                  .ok());
  Decoder d(model->lm(), model->lexicon(), DecoderOptions{});
  auto decode = [&](std::vector<std::string_view> words) {
    std::vector<DecodedEdit> edits;
    d.Decode(words, std::vector<bool>(words.size(), true), &edits);
    std::string out;
    for (const DecodedEdit& e : edits) out += std::to_string(e.begin) + ":" + e.text + " ";
    return out;
  };
  EXPECT_EQ(decode({"they", "said", "fifty", "people"}), "2:50 ");
  EXPECT_EQ(decode({"they", "said", "two", "people"}), "2:2 ");
  EXPECT_EQ(decode({"they", "said", "fifty", "two", "people"}), "");
  EXPECT_EQ(decode({"fifty", "two"}), "");
}

// A whole number of 10 or more spelled in words gains a candidate in digits
// at digits_prior: the LM reads "52" as "fifty two", so the prior alone
// decides. Never at the sentence's first word, inside a run, below 10, or
// with the prior at 0.
TEST(DecoderNumberTest, SpelledNumbersOfTenOrMoreGainDigits) {
  std::unique_ptr<Model> model =
      TinyModel({"fifty", "two", "people", "eleven", "a", "hundred", "one", "forty", "four", "and"},
                "no\tthey\n", "digits");
  ASSERT_NE(model, nullptr);
  auto decode = [&](double prior, std::vector<std::string_view> words) {
    DecoderOptions o;
    o.digits_prior = prior;
    std::vector<DecodedEdit> edits;
    Decoder(model->lm(), model->lexicon(), o)
        .Decode(words, std::vector<bool>(words.size(), true), &edits);
    std::string out;
    for (const DecodedEdit& e : edits) {
      out += std::to_string(e.begin) + "-" + std::to_string(e.end) + ":" + e.text + " ";
    }
    return out;
  };
  EXPECT_EQ(decode(1.5, {"they", "said", "fifty", "two", "people"}), "2-4:52 ");
  EXPECT_EQ(decode(1.5, {"they", "said", "eleven"}), "2-3:11 ");
  EXPECT_EQ(decode(1.5, {"they", "said", "one", "hundred", "forty", "four"}), "2-6:144 ");
  // "fifty" of "fifty and forty" is a number of its own, and so is "forty".
  EXPECT_EQ(decode(1.5, {"they", "said", "fifty", "and", "forty"}), "2-3:50 4-5:40 ");
  EXPECT_EQ(decode(0, {"they", "said", "fifty", "two", "people"}), "");
  EXPECT_EQ(decode(0.5, {"they", "said", "fifty", "two", "people"}), "");  // under the threshold
  EXPECT_EQ(decode(1.5, {"fifty", "two", "people", "said"}), "");  // the sentence's first word
  EXPECT_EQ(decode(1.5, {"they", "said", "two", "people"}), "");   // below 10
  EXPECT_EQ(decode(1.5, {"they", "said", "a", "people"}), "");
  // Only the whole run: not "hundred" without its "a".
  EXPECT_EQ(decode(1.5, {"they", "said", "a", "hundred"}), "2-4:100 ");
  // The hyphen of "forty-two" (punctuation, not editable) is inside the run;
  // a run the words around cut is not a number.
  auto decode_hyphen = [&](std::vector<std::string_view> words, std::vector<bool> editable) {
    DecoderOptions o;
    o.digits_prior = 1.5;
    std::vector<DecodedEdit> edits;
    Decoder(model->lm(), model->lexicon(), o).Decode(words, editable, &edits);
    std::string out;
    for (const DecodedEdit& e : edits) {
      out += std::to_string(e.begin) + "-" + std::to_string(e.end) + ":" + e.text + " ";
    }
    return out;
  };
  EXPECT_EQ(decode_hyphen({"they", "said", "forty", "-", "two"}, {true, true, true, false, true}),
            "2-5:42 ");
  EXPECT_EQ(decode_hyphen({"they", "said", "forty", "-", "two"}, {true, true, true, false, false}),
            "");
  // A range to digits ("forty-50") is a number and a figure.
  EXPECT_EQ(decode_hyphen({"they", "said", "forty", "-", "50"}, {true, true, true, false, false}),
            "2-3:40 ");
}

// A replacement whose new words occur elsewhere in the text gains the
// context bonus: "they told no" (2.6 below the observed words in log10) does
// not beat them on its own, nor with the bonus and a text without "told", but
// does with the bonus when "told" occurs around the sentence.
TEST(DecoderContextTest, OriginalsOccurringElsewhereGainTheBonus) {
  std::unique_ptr<Model> model = TinyModel({"told"}, "told\tstated\n", "ctx");
  ASSERT_NE(model, nullptr);
  std::vector<std::string_view> words = {"they", "stated", "no"};
  auto decode = [&](double bonus, const std::vector<std::string>& around) {
    DecoderOptions o;
    o.context_bonus = bonus;
    WordCounts context;
    context.Reserve(model->lm().vocab_size());
    for (const std::string& w : around) context.Add(model->lm().Index(w));
    std::vector<DecodedEdit> edits;
    Decoder(model->lm(), model->lexicon(), o)
        .Decode(words, {true, true, true}, &edits, nullptr, nullptr, &context);
    std::string out;
    for (const DecodedEdit& e : edits) out += e.text + ";";
    return out;
  };
  EXPECT_EQ(decode(5, {}), "");
  EXPECT_EQ(decode(5, {"they", "stated", "no"}), "");
  EXPECT_EQ(decode(0, {"told"}), "");
  EXPECT_EQ(decode(5, {"told"}), "told;");
}

// Pruning looks one word ahead: "decision" fits "tree" far better than
// "choice" or "quality" do, but on its own it scores worst of the three; with
// one state kept per position only the lookahead keeps it.
TEST(DecoderLookaheadTest, PruningKeepsWhatTheNextWordMakesLikely) {
  ModelBuildOptions b;
  b.lm = WriteTemp("ahead.arpa",
                   "\\data\\\nngram 1=6\nngram 2=1\n\n\\1-grams:\n"
                   "-1.0\t<s>\t-0.5\n-1.0\t</s>\n-2.0\tchoice\t-0.5\n-1.8\tquality\t-0.5\n"
                   "-2.4\tdecision\t-0.5\n-3.0\ttree\t-0.5\n\n\\2-grams:\n"
                   "-0.2\tdecision tree\n\n\\end\\\n");
  b.dictionaries = {WriteTemp("ahead.tsv", "decision\tchoice\nquality\tchoice\n")};
  const std::string pack = testing_util::TempPath("ahead.unspin");
  std::unique_ptr<Model> model;
  ASSERT_TRUE(Model::Build(b, pack, nullptr).ok());
  ASSERT_TRUE(Model::Open(pack, &model).ok());
  std::vector<std::string_view> words = {"choice", "tree"};
  auto decode = [&](size_t pool) {
    DecoderOptions o;
    o.beam = 1;
    o.lookahead_pool = pool;
    o.rarity_weight = 0;
    std::vector<DecodedEdit> edits;
    Decoder(model->lm(), model->lexicon(), o).Decode(words, {true, true}, &edits);
    std::string out;
    for (const DecodedEdit& e : edits) out += e.text + ";";
    return out;
  };
  EXPECT_EQ(decode(1), "");  // "choice" alone survives the first word
  EXPECT_EQ(decode(2), "");  // the two best by score: "choice", "quality"
  EXPECT_EQ(decode(3), "decision;");
}

TEST_F(TinyModelTest, RestorerCarriesCaseAndKeepsBytes) {
  RestoreOptions o;
  // The density gate, opened (no clean-text gate on a short text).
  o.use_detector = false;
  o.gate_density = 0;
  Restorer r(*model_, o);
  std::string input = "  They  Stated no!\n\n";
  RestoreResult out;
  r.Restore(input, &out);
  EXPECT_EQ(out.text, "  They  Said no!\n\n");
  ASSERT_EQ(out.edits.size(), 1u);
  EXPECT_EQ(out.edits[0].start, 8u);
  EXPECT_EQ(out.edits[0].end, 14u);
  EXPECT_GT(out.edits[0].confidence, 0.9);
  EXPECT_LE(out.edits[0].confidence, 1.0);
  EXPECT_EQ(Replay(input, out), out.text);
}

// The context counts the words the LM knows; unknown words, which all share
// the LM's OOV id (<unk> in a model that has it, as KenLM's do), are not
// counted as one word occurring many times.
TEST(CountWordsTest, CountsKnownWordsOnly) {
  std::unique_ptr<Model> model = TinyModel({"told", "<unk>"}, "told\tstated\n", "cw");
  ASSERT_NE(model, nullptr);
  const std::string text = "They told no. Zorblax told Quux.";
  std::unique_ptr<SentenceReader> reader = SentenceReader::FromString(text);
  std::vector<Sentence> sentences;
  Sentence s;
  while (reader->Next(&s)) sentences.push_back(std::move(s));
  WordCounts counts;
  CountWords(model->lm(), sentences, &counts);
  const LanguageModel& lm = model->lm();
  ASSERT_LT(lm.oov_id(), lm.vocab_size());  // <unk> is a word of this model
  EXPECT_EQ(counts.Count(lm.Index("told")), 2u);
  EXPECT_EQ(counts.Count(lm.Index("they")), 1u);
  EXPECT_EQ(counts.Count(lm.Index("no")), 1u);
  EXPECT_EQ(counts.Count(lm.oov_id()), 0u);
}

// The restorer gives the decoder its window as context: "told" in the next
// sentence makes "They told no" the restoration with a large enough bonus.
TEST(TinyRestorerContextTest, TheWindowIsTheContext) {
  std::unique_ptr<Model> model = TinyModel({"told"}, "told\tstated\n", "rctx");
  ASSERT_NE(model, nullptr);
  auto restore = [&](double bonus, std::string_view input) {
    RestoreOptions o;
    o.use_detector = false;
    o.gate_density = 0;
    o.context_bonus = bonus;
    RestoreResult out;
    Restorer(*model, o).Restore(input, &out);
    return out.text;
  };
  EXPECT_EQ(restore(0, "They stated no. Told."), "They stated no. Told.");
  EXPECT_EQ(restore(5, "They stated no. No."), "They stated no. No.");
  EXPECT_EQ(restore(5, "They stated no. Told."), "They told no. Told.");
}

class DefaultRestoreTest : public testing_util::DefaultPackTest {
 protected:
  static RestoreResult Run(std::string_view text, RestoreOptions o = RestoreOptions()) {
    RestoreResult r;
    Restorer(*model_, o).Restore(text, &r);
    EXPECT_EQ(Replay(text, r), r.text);
    return r;
  }
};

TEST_F(DefaultRestoreTest, RestoresTheProjectsOwnSpunExample) {
  // Spun by hand for this project, in the style of data/examples/news_spun.txt.
  RestoreResult r =
      Run("The Inside Ministry stated on Monday that hundreds of individuals were detained. "
          "Officials instructed The Related Press it was due to the fact that of the protests.\n");
  EXPECT_NE(r.text.find("Interior Ministry"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("said on Monday"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("told The Associated Press"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("because of the protests"), std::string::npos) << r.text;
}

// Known tortured phrases are replaced always, in a phrase on its own and in
// a longer text the detector's gate judges, inflected forms too, with the
// observed case; without the list they stay.
TEST_F(DefaultRestoreTest, KnownTorturedPhrasesAreRestored) {
  const std::string list = testing_util::WriteTemp(
      "restore_fp.tsv",
      "tortured\texpected\ncounterfeit consciousness\tartificial intelligence\n"
      "irregular woodland\trandom forest\n");
  Restorer with(*model_, RestoreOptions());
  ASSERT_TRUE(with.AddFingerprints(list).ok());
  const std::string text =
      "Counterfeit consciousness helps. In this paper we train irregular woodlands on the "
      "hospital records of many patients and compare them with counterfeit consciousness "
      "methods that other groups have used before.\n";
  RestoreResult r;
  with.Restore(text, &r);
  EXPECT_EQ(Replay(text, r), r.text);
  EXPECT_EQ(r.text.rfind("Artificial intelligence helps.", 0), 0u) << r.text;
  EXPECT_NE(r.text.find("train random forests on"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("with artificial intelligence methods"), std::string::npos) << r.text;
  for (const RestoreEdit& e : r.edits) {
    if (e.from.find("onsciousness") != std::string::npos) {
      EXPECT_EQ(e.confidence, 1.0);
    }
  }
  RestoreResult plain = Run(text);
  EXPECT_EQ(plain.text.find("artificial intelligence"), std::string::npos) << plain.text;
  EXPECT_FALSE(with.AddFingerprints(testing_util::TempPath("no_such_list.tsv")).ok());
}

// A short sentence on its own (under 8 words) is judged by the density gate
// at the phrase density: one edit in seven words no longer makes it look
// spun (at the documents' 0.05 it did, and a clean sentence lost a word),
// while an edit the word model backs still passes at the threshold.
TEST_F(DefaultRestoreTest, AShortSentenceNeedsDenseEditsOrTheWordModel) {
  const std::string clean = "Shares in the firm rose sharply.\n";
  RestoreOptions loose;
  loose.phrase_gate_density = 0.05;
  ASSERT_FALSE(Run(clean, loose).edits.empty()) << "the case this guards has gone: pick another";
  EXPECT_TRUE(Run(clean).edits.empty()) << Run(clean).text;
  RestoreOptions strict;
  strict.phrase_gate_density = 1;  // nothing short looks spun
  const RestoreResult backed = Run("The bank stated it would cut rates.\n", strict);
  for (const RestoreEdit& e : backed.edits) {
    EXPECT_GE(e.support, strict.support_probability) << e.from;
    EXPECT_GE(e.margin, strict.threshold) << e.from;
  }
  EXPECT_NE(backed.text.find("said"), std::string::npos) << backed.text;
}

// The margin the detector's gate asks of a kept edit in a judged window
// (`short_window`: of 8 to 49 words).
double GateNeeds(const RestoreOptions& o, const RestoreEdit& e, bool short_window) {
  return o.threshold + o.gate_offset + (short_window ? o.short_window_offset : 0) -
         o.support_weight * e.support - o.score_weight * e.window_score;
}

// Whether edits a and b (a first) touch: only spaces between them.
bool Beside(std::string_view text, const RestoreEdit& a, const RestoreEdit& b) {
  if (a.end > b.start) return false;
  const std::string_view gap = text.substr(a.end, b.start - a.end);
  return gap.find_first_not_of(' ') == std::string_view::npos;
}

// An edit right beside a kept one needs neighbour_discount less: the
// discount keeps every edit the plain gate keeps, and each edit it adds has
// a margin under what the gate asks but within the discount of it, and sits
// beside a kept edit. (Spun by hand; "Officials said" spun as "Officers
// stated".) The threshold is set from the gate's own reading, so that the
// edit with the least slack that sits beside an edit with more misses the
// plain gate by half the discount: a refitted gate moves the slacks, not
// what the discount does with them.
TEST_F(DefaultRestoreTest, EditsBesideKeptOnesNeedLessMargin) {
  const std::string spun =
      "Officers stated the govt would start talks with opposition leaders as a result of the "
      "unrest had already harm the financial system.\n";
  RestoreOptions d;
  ASSERT_GT(d.neighbour_discount, 0);
  RestoreOptions open = d;
  open.threshold = -100;
  open.neighbour_discount = 0;
  const RestoreResult all = Run(spun, open);
  double weakest = std::numeric_limits<double>::infinity();
  for (size_t k = 0; k + 1 < all.edits.size(); ++k) {
    const RestoreEdit& a = all.edits[k];
    const RestoreEdit& b = all.edits[k + 1];
    if (!Beside(spun, a, b)) continue;
    const double slack_a = a.margin - GateNeeds(d, a, true);
    const double slack_b = b.margin - GateNeeds(d, b, true);
    // The weaker of the two misses by half the discount; the stronger passes.
    if (std::abs(slack_a - slack_b) > d.neighbour_discount) {
      weakest = std::min(weakest, std::min(slack_a, slack_b));
    }
  }
  ASSERT_TRUE(std::isfinite(weakest)) << "no pair of touching edits with different slack";
  d.threshold += weakest + d.neighbour_discount / 2;
  RestoreOptions plain = d;
  plain.neighbour_discount = 0;
  const RestoreResult without = Run(spun, plain);
  const RestoreResult with = Run(spun, d);
  for (const RestoreEdit& e : without.edits) EXPECT_GE(e.margin, GateNeeds(d, e, true)) << e.from;
  ASSERT_GT(with.edits.size(), without.edits.size());
  size_t added = 0;
  for (size_t k = 0; k < with.edits.size(); ++k) {
    const RestoreEdit& e = with.edits[k];
    const bool plain_kept = std::any_of(without.edits.begin(), without.edits.end(),
                                        [&](const RestoreEdit& w) { return w.start == e.start; });
    if (plain_kept) continue;
    ++added;
    EXPECT_LT(e.margin, GateNeeds(d, e, true)) << e.from;
    EXPECT_GE(e.margin, GateNeeds(d, e, true) - d.neighbour_discount) << e.from;
    const bool beside = (k > 0 && Beside(spun, with.edits[k - 1], e)) ||
                        (k + 1 < with.edits.size() && Beside(spun, e, with.edits[k + 1]));
    EXPECT_TRUE(beside) << e.from;
  }
  EXPECT_EQ(added, with.edits.size() - without.edits.size());
}

// A learned dictionary's substitution rate (count / (occurrences + 1)) backs
// an edit as the word model's P(replaced) does, scaled by rate_scale and
// capped at 1: "said -> stated" learned 3 times in 3 occurrences (rate 0.75).
TEST_F(DefaultRestoreTest, LearnedRatesBackEditsScaled) {
  std::unique_ptr<Model> model;
  ASSERT_TRUE(Model::Open(testing_util::DefaultPackPath(), &model).ok());
  ASSERT_TRUE(model->mutable_lexicon()
                  ->AddDictionary(WriteTemp("rates.tsv", "said\tstated\t3\t3\n"), 1.0f)
                  .ok());
  const std::string spun =
      testing_util::ReadAll(std::string(UNSPIN_SOURCE_DIR) + "/data/examples/news_spun.txt");
  auto stated_support = [&](double scale) {
    RestoreOptions o;
    o.rate_scale = scale;
    RestoreResult r;
    Restorer(*model, o).Restore(spun, &r);
    double lowest = 2;
    for (const RestoreEdit& e : r.edits) {
      if (e.from == "stated" && e.to == "said") lowest = std::min(lowest, e.support);
    }
    return lowest;  // 2: no such edit
  };
  const double plain = stated_support(1.0), scaled = stated_support(1.5);
  EXPECT_GE(plain, 0.75);
  EXPECT_LE(plain, 1.0);
  EXPECT_DOUBLE_EQ(scaled, 1.0);
}

TEST_F(DefaultRestoreTest, TheDetectorsWordModelGatesEdits) {
  const std::string spun =
      testing_util::ReadAll(std::string(UNSPIN_SOURCE_DIR) + "/data/examples/news_spun.txt");
  const std::string original =
      testing_util::ReadAll(std::string(UNSPIN_SOURCE_DIR) + "/data/examples/news_original.txt");
  EXPECT_TRUE(Restorer(*model_, RestoreOptions()).gated_by_detector());
  RestoreOptions off;
  off.use_detector = false;
  EXPECT_FALSE(Restorer(*model_, off).gated_by_detector());
  // The word model's backing lowers the margin an edit needs: without it
  // fewer edits pass, and the default's edits include some it alone let in.
  RestoreResult gated = Run(spun);
  RestoreOptions unbacked;
  unbacked.support_weight = 0;
  RestoreResult strict = Run(spun, unbacked);
  EXPECT_GT(gated.edits.size(), strict.edits.size());
  EXPECT_GE(gated.edits.size(), 8u);
  // Every kept edit has the margin the gate asks for its support and the
  // window's score (less the neighbour discount at most), both reported and
  // probabilities.
  const RestoreOptions d;
  for (const RestoreEdit& e : gated.edits) {
    EXPECT_GE(e.support, 0.0);
    EXPECT_LE(e.support, 1.0);
    EXPECT_GE(e.window_score, 0.0);
    EXPECT_LE(e.window_score, 1.0);
    EXPECT_GE(e.margin, GateNeeds(d, e, false) - d.neighbour_discount)
        << e.from << " margin " << e.margin << " support " << e.support;
  }
  // A sentence on its own (8 words or more) is judged by the same gate, with
  // the short window's extra margin.
  const std::string sentence = spun.substr(0, spun.find(".\n") + 1);
  ASSERT_GE(std::count(sentence.begin(), sentence.end(), ' '), 8) << sentence;
  RestoreResult alone = Run(sentence);
  EXPECT_FALSE(alone.edits.empty()) << sentence;
  for (const RestoreEdit& e : alone.edits) {
    EXPECT_GE(e.margin, GateNeeds(d, e, true) - d.neighbour_discount)
        << e.from << " margin " << e.margin << " support " << e.support;
  }
  // The window's score counts: with its weight off, fewer edits pass.
  RestoreOptions no_score;
  no_score.score_weight = 0;
  EXPECT_GT(gated.edits.size(), Run(spun, no_score).edits.size());
  for (const RestoreEdit& e : Run(spun, off).edits) {
    EXPECT_EQ(e.support, -1.0);
    EXPECT_EQ(e.window_score, -1.0);
  }
  // --threshold stays the one knob: high enough, nothing is edited.
  RestoreOptions none;
  none.threshold = 1000;
  EXPECT_TRUE(Run(spun, none).edits.empty());
  // The original reads as clean: no edit.
  EXPECT_TRUE(Run(original).edits.empty());
}

// A window of 8 to 49 words (a sentence sent on its own) asks
// short_window_offset more margin of the fitted gate; a document's windows
// (50 words or more) do not.
TEST_F(DefaultRestoreTest, ShortWindowsAskMoreMargin) {
  const std::string spun =
      testing_util::ReadAll(std::string(UNSPIN_SOURCE_DIR) + "/data/examples/news_spun.txt");
  ASSERT_GE(std::count(spun.begin(), spun.end(), ' '), 60);
  const std::string sentence = spun.substr(0, spun.find(".\n") + 1);
  RestoreOptions none, huge;
  none.short_window_offset = 0;
  huge.short_window_offset = 1000;
  // The document: the offset changes nothing.
  const RestoreResult document = Run(spun, none), document_huge = Run(spun, huge);
  ASSERT_FALSE(document.edits.empty());
  EXPECT_EQ(document_huge.text, document.text);
  EXPECT_EQ(document_huge.edits.size(), document.edits.size());
  // The sentence: edits without the offset, none with a huge one, and at the
  // default only edits with the extra margin (less the neighbour discount).
  const RestoreResult alone = Run(sentence, none);
  ASSERT_FALSE(alone.edits.empty()) << sentence;
  const RestoreResult none_kept = Run(sentence, huge);
  EXPECT_TRUE(none_kept.edits.empty()) << none_kept.text;
  const RestoreOptions d;
  ASSERT_GT(d.short_window_offset, 0);
  const RestoreResult kept = Run(sentence);
  EXPECT_LE(kept.edits.size(), alone.edits.size());
  for (const RestoreEdit& e : kept.edits) {
    EXPECT_GE(e.margin, GateNeeds(d, e, true) - d.neighbour_discount) << e.from;
  }
}

// Clean sentences sent on their own (as to the HTTP API) are judged by the
// detector's gate like longer text: the density of strong edits alone called
// these spun and edited them ("several" -> "some", "firm" -> "company",
// "crude oil" -> "oil"). Written for this test.
TEST_F(DefaultRestoreTest, CleanSentencesOnTheirOwnStayAsTheyAre) {
  for (const char* clean : {
           "Heavy rain caused flooding in several villages and forced hundreds of families to "
           "leave their homes.",
           "The court ruled that the contract was valid and ordered the firm to pay damages.",
           "Prices for crude oil rose for a third day as traders worried about supplies from the "
           "region.",
       }) {
    RestoreResult r = Run(clean);
    EXPECT_EQ(r.text, clean);
    EXPECT_TRUE(r.edits.empty()) << clean << ": " << r.edits.front().from;
  }
}

TEST_F(DefaultRestoreTest, EmptyAndCleanInputStayAsTheyAre) {
  EXPECT_EQ(Run("").text, "");
  EXPECT_TRUE(Run("").edits.empty());
  std::string clean =
      "The company said on Monday that its profit rose 12 pct in the third quarter, helped by "
      "strong sales in the United States and Europe.\n\nShares rose 3.5 pct to 41 dlrs.\n";
  RestoreResult r = Run(clean);
  EXPECT_EQ(r.text, clean);
  EXPECT_TRUE(r.edits.empty());
}

TEST_F(DefaultRestoreTest, NumbersUrlsAcronymsAndBadBytesAreLeftAlone) {
  std::string text =
      "The U.S. IMF team stated 1,250 figures at http://example.com/stated, caf\xff stated.";
  RestoreOptions o;
  // The density gate, opened (no clean-text gate on a short text).
  o.use_detector = false;
  o.gate_density = 0;
  RestoreResult r = Run(text, o);
  for (const RestoreEdit& e : r.edits) {
    EXPECT_NE(e.from, "U.S.");
    EXPECT_NE(e.from, "IMF");
    EXPECT_EQ(e.from.find("http"), std::string::npos);
    EXPECT_EQ(e.from.find('\xff'), std::string::npos);
  }
  EXPECT_NE(r.text.find("http://example.com/stated"), std::string::npos);
  EXPECT_NE(r.text.find("caf\xff"), std::string::npos);
}

TEST_F(DefaultRestoreTest, HeadlinesInCapitalsKeepTheirCase) {
  RestoreOptions o;
  // The density gate, opened (no clean-text gate on a short text).
  o.use_detector = false;
  o.gate_density = 0;
  RestoreResult r = Run("OFFICIALS STATED ON MONDAY THAT THE TALKS FAILED\n", o);
  EXPECT_NE(r.text.find("SAID"), std::string::npos) << r.text;
}

TEST_F(DefaultRestoreTest, LongUpperCaseWordsAreEditableAndKeepTheirCase) {
  RestoreOptions o;
  // The density gate, opened (no clean-text gate on a short text).
  o.use_detector = false;
  o.gate_density = 0;
  // Not a headline: only one word is in capitals, and it is no acronym.
  // Any edit the decoder prefers passes (this is about editability, not
  // margins).
  o.threshold = 0;
  RestoreResult r = Run("The minister STATED that the talks would begin on Monday.\n", o);
  EXPECT_NE(r.text.find("SAID"), std::string::npos) << r.text;
}

// Numbers spelled out come back in digits; a capitalised number word past
// the sentence's first word is part of a name and stays.
TEST_F(DefaultRestoreTest, SpelledNumbersBecomeDigitsButNamesStay) {
  RestoreOptions o;
  o.use_detector = false;  // the density gate, opened
  o.gate_density = 0;
  RestoreResult r =
      Run("Members of the Group of Thirty met in Paris, and eleven more arrived on Monday.\n", o);
  EXPECT_NE(r.text.find("Group of Thirty"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find(" 11 more"), std::string::npos) << r.text;
  o.digits_prior = 0;
  r = Run("Members of the Group of Thirty met in Paris, and eleven more arrived on Monday.\n", o);
  EXPECT_NE(r.text.find("eleven more"), std::string::npos) << r.text;
}

TEST_F(DefaultRestoreTest, QuantitiesAreNeverChanged) {
  // The thesauri list "million" beside "billion"; a restorer must not
  // change a figure even when the language model prefers another one.
  RestoreOptions o;
  // The density gate, opened (no clean-text gate on a short text).
  o.use_detector = false;
  o.gate_density = 0;
  o.threshold = 0;
  RestoreResult r =
      Run("Italy assigned 3,500 billion lire of three-month bills and 7,098 billion lire of "
          "six-month paper, the central bank stated.\n",
          o);
  for (const RestoreEdit& e : r.edits) {
    EXPECT_EQ(NormalizePhrase(e.from).find("billion"), std::string::npos) << e.from;
  }
  EXPECT_NE(r.text.find("3,500 billion lire"), std::string::npos) << r.text;
}

TEST_F(DefaultRestoreTest, DroppingWordsOfAPhraseCostsTheTruncationPenalty) {
  // "crude oil" -> "oil" only drops a word: the language model always likes
  // the shorter text, so without the penalty the restorer shortens it.
  const std::string text = "Crude oil prices rose as traders bought crude oil futures.\n";
  RestoreOptions o;
  // The density gate, opened (no clean-text gate on a short text).
  o.use_detector = false;
  o.gate_density = 0;
  o.truncation_penalty = 0;
  EXPECT_EQ(Run(text, o).text.find("rude"), std::string::npos);  // shortened
  o.truncation_penalty = RestoreOptions().truncation_penalty;
  EXPECT_EQ(Run(text, o).text, text);
}

TEST_F(DefaultRestoreTest, StreamingEqualsInMemoryAndThreadsAgree) {
  std::string text;
  for (int i = 0; i < 60; ++i) {
    text += "The Inside Ministry stated that 1000's of individuals were detained. ";
    if (i % 7 == 0) text += "\n\n";
  }
  RestoreResult whole = Run(text);
  std::unique_ptr<SentenceReader> reader = SentenceReader::FromString(text);
  RestoreResult streamed;
  Restorer restorer(*model_, RestoreOptions());
  ASSERT_TRUE(restorer
                  .RestoreStream(reader.get(),
                                 [&](const RestoreResult& piece) {
                                   streamed.text += piece.text;
                                   streamed.edits.insert(streamed.edits.end(), piece.edits.begin(),
                                                         piece.edits.end());
                                 })
                  .ok());
  EXPECT_EQ(streamed.text, whole.text);
  EXPECT_EQ(streamed.edits.size(), whole.edits.size());
  EXPECT_NE(whole.text.find("Interior Ministry said that thousands of"), std::string::npos);
  RestoreResult a, b;
  std::thread t1([&] { restorer.Restore(text, &a); });
  std::thread t2([&] { restorer.Restore(text, &b); });
  t1.join();
  t2.join();
  EXPECT_EQ(a.text, whole.text);
  EXPECT_EQ(b.text, whole.text);
}

TEST_F(DefaultRestoreTest, ExplainListsTheObservedWordsFirst) {
  RestoreOptions o;
  o.alternatives = 3;
  // The density gate, opened (no clean-text gate on a short text).
  o.use_detector = false;
  o.gate_density = 0;
  RestoreResult r = Run("Officials instructed The Related Press about it.", o);
  ASSERT_FALSE(r.edits.empty());
  for (const RestoreEdit& e : r.edits) {
    ASSERT_FALSE(e.alternatives.empty());
    EXPECT_EQ(e.alternatives[0].text, NormalizePhrase(e.from));
    EXPECT_LE(e.alternatives.size(), 4u);
  }
}

// Spintax left in a text is replaced by one of its alternatives, written as
// it is (its own case), whatever the gate; the decoder leaves the
// alternatives' words alone, and notation in braces stays.
TEST_F(DefaultRestoreTest, SpintaxGroupsAreReplacedByAnAlternative) {
  const std::string text =
      "Officials {stated|said} on Monday that {Many|numerous} people were detained. "
      "The set {x | x > 0} is open.\n";
  RestoreResult r = Run(text);
  EXPECT_EQ(r.text.rfind("Officials said on Monday that Many people", 0), 0u) << r.text;
  EXPECT_NE(r.text.find("The set {x | x > 0} is open."), std::string::npos) << r.text;
  size_t groups = 0;
  for (const RestoreEdit& e : r.edits) {
    if (e.from.front() != '{') continue;
    ++groups;
    EXPECT_EQ(e.confidence, 1.0);
    EXPECT_EQ(e.alternatives.size(), 2u);  // every alternative, with its scores
  }
  EXPECT_EQ(groups, 2u);
}

// Restore's gate reads the parameters fitted on decoder evidence that the
// pack carries ("decoded"): restoring with them is restoring with a pack
// whose only parameters they are.
TEST_F(DefaultRestoreTest, TheGateReadsTheDecodedParameters) {
  ASSERT_FALSE(model_->detector_decoded_json().empty());
  const std::string copy = testing_util::TempPath("gate_decoded.unspin");
  ASSERT_TRUE(Model::SetDetector(model_->path(), model_->detector_decoded_json(), copy).ok());
  std::unique_ptr<Model> gate_only;
  ASSERT_TRUE(Model::Open(copy, &gate_only).ok());
  const std::string text =
      "The Inside Ministry stated on Monday that hundreds of individuals were detained. "
      "Officials instructed The Related Press it was due to the fact that of the protests.\n";
  RestoreResult a, b;
  Restorer(*model_, RestoreOptions()).Restore(text, &a);
  Restorer(*gate_only, RestoreOptions()).Restore(text, &b);
  EXPECT_EQ(a.text, b.text);
  ASSERT_EQ(a.edits.size(), b.edits.size());
  for (size_t i = 0; i < a.edits.size(); ++i) {
    EXPECT_DOUBLE_EQ(a.edits[i].support, b.edits[i].support);
    EXPECT_DOUBLE_EQ(a.edits[i].window_score, b.edits[i].window_score);
  }
}

// Disguised words are written as the Latin words they pass for, edits of
// confidence 1, unless the caller keeps them.
TEST_F(DefaultRestoreTest, DisguisedWordsAreWrittenUndisguised) {
  const std::string original =
      testing_util::ReadAll(std::string(UNSPIN_SOURCE_DIR) + "/data/examples/news_original.txt");
  size_t count = 0;
  const std::string text = testing_util::DisguiseEveryNthWord(original, 5, &count);
  ASSERT_GE(count, 10u);
  Restorer plain(*model_, RestoreOptions());
  RestoreResult clean;
  plain.Restore(original, &clean);
  ASSERT_TRUE(clean.edits.empty()) << "the example original needs no edit";
  RestoreResult r;
  plain.Restore(text, &r);
  EXPECT_EQ(r.text, original);
  EXPECT_EQ(Replay(text, r), r.text);
  EXPECT_EQ(r.edits.size(), count);
  for (const RestoreEdit& e : r.edits) EXPECT_EQ(e.confidence, 1.0);
  RestoreOptions keep;
  keep.undisguise = false;
  Restorer keeping(*model_, keep);
  keeping.Restore(text, &r);
  EXPECT_EQ(r.text, text);
  EXPECT_TRUE(r.edits.empty());
}

}  // namespace
}  // namespace unspin
