// Trace: immutable-word fingerprints, the on-disk index, tracing spun copies
// to their sources, and learning substitutions from the alignments.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "lexicon/dictionary_reader.h"
#include "tests/test_util.h"
#include "trace/fingerprint.h"
#include "trace/learner.h"
#include "trace/trace_index.h"
#include "unspin/model.h"
#include "unspin/text.h"

namespace unspin {
namespace {

using testing_util::TempPath;
using testing_util::WriteTemp;

const char* const kDocs[] = {
    "Acme Widgets of Toledo said on Monday that quarterly revenue rose to 41.5 mln dlrs, "
    "helped by orders from Boeing and Airbus, and that chief executive Harriet Quell would "
    "retire in June.",
    "The Interior Ministry said on Tuesday that 2,300 people were arrested in Karachi and "
    "Lahore after protests over fuel prices, many of them students from Punjab University.",
    "Wheat futures in Chicago fell 12 cents as rain in Kansas and Nebraska improved the "
    "outlook, traders at Cargill and Bunge said, while soybeans gained on Chinese demand.",
    "Norsk Hydro announced a 600 mln crown expansion of its Porsgrunn magnesium plant, citing "
    "demand from Volkswagen and Ford for lighter engine blocks through 1990.",
};

class TraceTest : public testing_util::DefaultPackTest {
 protected:
  std::string Corpus() {
    std::string jsonl;
    for (size_t i = 0; i < std::size(kDocs); ++i) {
      jsonl += "{\"id\": \"doc" + std::to_string(i) + "\", \"text\": \"" + kDocs[i] + "\"}\n";
    }
    return WriteTemp("corpus.jsonl", jsonl);
  }
};

TEST_F(TraceTest, ShinglesKeepOnlyWordsASpinnerCannotChange) {
  const Lexicon& lex = model_->lexicon();
  std::vector<uint64_t> a, b;
  ImmutableShingles(lex, "The Interior Ministry said Karachi and Lahore had 2,300 arrests.", &a);
  ImmutableShingles(lex, "The Inside Ministry stated Karachi as well as Lahore had 2,300 arrests.",
                    &b);
  EXPECT_FALSE(a.empty());
  EXPECT_EQ(a, b);  // only the names and the number survive, in order
  EXPECT_DOUBLE_EQ(SignatureSimilarity(MinHash(a), MinHash(b)), 1.0);
  // A spinner that expands "U.S." breaks no shingle: dotted abbreviations
  // are not immutable.
  ImmutableShingles(lex, "Karachi bought 2,300 tonnes of U.S. wheat from Cargill.", &a);
  ImmutableShingles(lex, "Karachi purchased 2,300 tonnes of UNITED STATES wheat from Cargill.", &b);
  EXPECT_EQ(a, b);
  std::vector<uint64_t> none;
  ImmutableShingles(lex, "the said and of", &none);
  EXPECT_TRUE(none.empty());
  EXPECT_DOUBLE_EQ(SignatureSimilarity(MinHash(none), MinHash(none)), 0.0);
}

TEST(TraceFingerprint, ADictionaryAddedLaterChangesWhatIsImmutable) {
  // Immutability is memoised per thread; the memo must follow the lexicon's
  // contents, not its address.
  std::unique_ptr<Model> model;
  ASSERT_TRUE(Model::Open(testing_util::DefaultPackPath(), &model).ok());
  std::vector<uint64_t> before, after;
  ImmutableShingles(model->lexicon(), "Zorblax Industries of Qatar", &before);
  ASSERT_TRUE(model->mutable_lexicon()
                  ->AddDictionary(WriteTemp("zorblax.tsv", "industries\tzorblax\t2\n"), 1.0f)
                  .ok());
  ImmutableShingles(model->lexicon(), "Zorblax Industries of Qatar", &after);
  EXPECT_LT(after.size(), before.size());  // "zorblax" may now be a spinner's word
}

TEST_F(TraceTest, CorpusIdsOfEveryJsonTypeAreKeptAndBadLinesNamed) {
  // String, number and object ids (the last goes through the general JSON
  // parser rather than the fast one); each document traces back to its id.
  std::string jsonl = std::string("{\"id\": \"s\", \"text\": \"") + kDocs[0] + "\"}\n" +
                      "{\"text\": \"" + kDocs[1] + "\", \"id\": 7}\n\n" +
                      "{\"id\": {\"k\": 1}, \"text\": \"" + kDocs[2] + "\"}\n";
  std::string dir = TempPath("typed_ids");
  ASSERT_TRUE(
      AddToIndex(model_->lexicon(), dir, WriteTemp("typed.jsonl", jsonl), true, nullptr).ok());
  std::unique_ptr<TraceIndex> ix;
  ASSERT_TRUE(TraceIndex::Open(dir, &ix).ok());
  const char* const want[] = {"s", "7", "{\"k\":1}"};
  for (int i = 0; i < 3; ++i) {
    std::vector<TraceMatch> m;
    ix->Trace(model_->lexicon(), kDocs[i], TraceOptions(), &m);
    ASSERT_FALSE(m.empty());
    EXPECT_EQ(m[0].id, want[i]);
  }
  Status s = AddToIndex(model_->lexicon(), TempPath("bad_ids"),
                        WriteTemp("bad.jsonl", "{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": 1}\n"),
                        true, nullptr);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("bad.jsonl:2"), std::string::npos) << s.message();
}

TEST_F(TraceTest, TracesASpunCopyToItsSourceWithSubstitutions) {
  std::string dir = TempPath("index");
  IndexStats st;
  ASSERT_TRUE(AddToIndex(model_->lexicon(), dir, Corpus(), true, &st).ok());
  EXPECT_EQ(st.documents, 4u);
  std::unique_ptr<TraceIndex> ix;
  ASSERT_TRUE(TraceIndex::Open(dir, &ix).ok());
  ASSERT_TRUE(ix->CheckLexicon(model_->lexicon()).ok());
  EXPECT_EQ(ix->stats().documents, 4u);
  std::string spun =
      "The Inside Ministry stated on Tuesday that 2,300 individuals were detained in Karachi "
      "and Lahore following protests over gas costs, a lot of them pupils from Punjab "
      "University.";
  std::vector<TraceMatch> m;
  ix->Trace(model_->lexicon(), spun, TraceOptions(), &m);
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].id, "doc1");
  EXPECT_GT(m[0].score, 0.5);
  bool said = false;
  for (const Substitution& s : m[0].substitutions) {
    EXPECT_EQ(spun.substr(s.spun_start, s.spun_end - s.spun_start), s.spun);
    EXPECT_EQ(std::string(kDocs[1]).substr(s.source_start, s.source_end - s.source_start),
              s.source);
    said |= s.spun == "stated" && s.source == "said";
  }
  EXPECT_TRUE(said);
  // The same copy disguised (look-alike letters in every other word, a
  // zero-width space in "Lahore") traces the same, with the same substitutions.
  std::string disguised = testing_util::DisguiseEveryNthWord(spun, 2);
  disguised.insert(disguised.find("Lahore") + 2, "\u200B");
  std::vector<TraceMatch> again;
  ix->Trace(model_->lexicon(), disguised, TraceOptions(), &again);
  ASSERT_FALSE(again.empty());
  EXPECT_EQ(again[0].id, "doc1");
  EXPECT_EQ(again[0].score, m[0].score);
  ASSERT_EQ(again[0].substitutions.size(), m[0].substitutions.size());
  for (size_t i = 0; i < m[0].substitutions.size(); ++i) {
    EXPECT_EQ(again[0].substitutions[i].source, m[0].substitutions[i].source);
    EXPECT_EQ(Undisguise(again[0].substitutions[i].spun), m[0].substitutions[i].spun);
  }
  m.clear();
  ix->Trace(model_->lexicon(),
            "Manchester United beat Arsenal 3-1 at Old Trafford on Saturday, with Rooney scoring "
            "twice.",
            TraceOptions(), &m);
  EXPECT_TRUE(m.empty());
}

// Passage mode: a text stitched from three sources finds each behind its
// own passage, scored by containment; a text too short for passages, or
// traced without the mode, lists none.
TEST_F(TraceTest, PassagesFindEachSourceOfAPatchwork) {
  std::string dir = TempPath("patchwork-index");
  IndexStats st;
  ASSERT_TRUE(AddToIndex(model_->lexicon(), dir, Corpus(), true, &st).ok());
  std::unique_ptr<TraceIndex> ix;
  ASSERT_TRUE(TraceIndex::Open(dir, &ix).ok());
  const std::string text = std::string(kDocs[0]) + " " + kDocs[2] + "\n\n" + kDocs[3] + "\n";
  TraceOptions whole;
  whole.threshold = 0;
  std::vector<TraceMatch> plain;
  ix->Trace(model_->lexicon(), text, whole, &plain);
  TraceOptions passages = whole;
  passages.passage_words = 20;  // each source is one sentence of 25 words or more
  std::vector<TraceMatch> m;
  ix->Trace(model_->lexicon(), text, passages, &m);
  for (size_t source : {0, 2, 3}) {
    const std::string id = "doc" + std::to_string(source);
    const TraceMatch* found = nullptr;
    for (const TraceMatch& x : m) found = x.id == id ? &x : found;
    ASSERT_NE(found, nullptr) << id;
    // Its sentence is its passage, all of it from the source.
    ASSERT_EQ(found->passages.size(), 1u) << id;
    const auto [start, end] = found->passages[0];
    EXPECT_NE(text.substr(start, end - start).find(kDocs[source]), std::string::npos) << id;
    // All of the passage is in the source: its containment, 1, weighed.
    EXPECT_DOUBLE_EQ(found->score, passages.passage_weight) << id;
    for (const TraceMatch& p : plain) {
      if (p.id == id) {
        EXPECT_LT(p.score, found->score) << id;
      }
      EXPECT_TRUE(p.passages.empty());
    }
  }
  // The source used nowhere has no passage of its own.
  for (const TraceMatch& x : m) {
    if (x.id == "doc1") {
      EXPECT_TRUE(x.passages.empty());
    }
  }
  passages.passage_words = 60;  // the text has fewer than 120 words: traced whole
  ix->Trace(model_->lexicon(), text, passages, &m);
  ASSERT_EQ(m.size(), plain.size());
  for (size_t i = 0; i < m.size(); ++i) {
    EXPECT_EQ(m[i].id, plain[i].id);
    EXPECT_EQ(m[i].score, plain[i].score);
    EXPECT_TRUE(m[i].passages.empty());
  }
}

// Sentences of names and numbers no lexicon knows (all immutable), the k-th
// from `seed`.
std::string NameSentences(int seed, int from, int count) {
  std::string out;
  for (int k = from; k < from + count; ++k) {
    const int n = seed * 1000 + k;
    out += "Zorblat" + std::to_string(n) + " of Quimby" + std::to_string(n * 7) + " reported " +
           std::to_string(n * 13) + " mln dlrs from Vexlor" + std::to_string(n * 3) +
           " and Trandle" + std::to_string(n * 11) + ". ";
  }
  return out;
}

// One tokenisation gives what ImmutableShingles gives for the text and for
// each of its passages.
TEST_F(TraceTest, PassageShinglesAreThoseOfThePassagesText) {
  const std::string text =
      NameSentences(3, 0, 40) + "\n\nThe U.S. said " + kDocs[1] + " " + NameSentences(4, 0, 7);
  std::vector<uint64_t> whole, expected;
  std::vector<std::vector<uint64_t>> passages;
  ImmutableShinglesOfPassages(model_->lexicon(), text, 60, &whole, &passages);
  ImmutableShingles(model_->lexicon(), text, &expected);
  EXPECT_EQ(whole, expected);
  const auto ranges = PassageRanges(text, 60);
  ASSERT_GE(ranges.size(), 3u);
  ASSERT_EQ(passages.size(), ranges.size());
  for (size_t k = 0; k < ranges.size(); ++k) {
    const auto [begin, end] = ranges[k];
    ImmutableShingles(model_->lexicon(), std::string_view(text).substr(begin, end - begin),
                      &expected);
    EXPECT_EQ(passages[k], expected) << k;
  }
  ImmutableShinglesOfPassages(model_->lexicon(), text, 0, &whole, &passages);
  EXPECT_TRUE(passages.empty());
}

// `index build --passages`: a source whose passage a query holds among much
// other text is found through its passages' postings; the setting is kept
// in the manifest and applies to every segment `index add` writes.
TEST_F(TraceTest, PassagePostingsFindASourceHoldingAPassageAmongMuchElse) {
  std::string jsonl = "{\"id\": \"long\", \"text\": \"" + NameSentences(1, 0, 150) + "\"}\n";
  for (size_t i = 0; i < std::size(kDocs); ++i) {
    jsonl += "{\"id\": \"doc" + std::to_string(i) + "\", \"text\": \"" + kDocs[i] + "\"}\n";
  }
  const std::string corpus = WriteTemp("long.jsonl", jsonl);
  const std::string plain_dir = TempPath("plain-index"), passage_dir = TempPath("passage-index");
  IndexStats plain_st, passage_st;
  ASSERT_TRUE(AddToIndex(model_->lexicon(), plain_dir, corpus, true, &plain_st).ok());
  ASSERT_TRUE(AddToIndex(model_->lexicon(), passage_dir, corpus, true, &passage_st, nullptr,
                         {.passage_words = 40})
                  .ok());
  EXPECT_EQ(plain_st.passage_words, 0u);
  EXPECT_EQ(passage_st.passage_words, 40u);
  EXPECT_GT(passage_st.index_bytes, plain_st.index_bytes);  // the passages' postings
  // A query: 8 of the source's 150 sentences amid 30 of a text never indexed.
  const std::string query =
      NameSentences(2, 0, 15) + NameSentences(1, 70, 8) + NameSentences(2, 15, 15);
  TraceOptions o;
  o.passage_words = 60;
  auto top_id = [&](const std::string& dir) {
    std::unique_ptr<TraceIndex> ix;
    EXPECT_TRUE(TraceIndex::Open(dir, &ix).ok());
    std::vector<TraceMatch> m;
    ix->Trace(model_->lexicon(), query, o, &m);
    return m.empty() ? std::string("(none)") : m[0].id;
  };
  // No LSH candidate in the plain index: the query shares 5% of the source.
  EXPECT_EQ(top_id(plain_dir), "(none)");
  EXPECT_EQ(top_id(passage_dir), "long");
  // index add keeps the index's passages.
  IndexStats added;
  ASSERT_TRUE(AddToIndex(model_->lexicon(), passage_dir, corpus, false, &added).ok());
  EXPECT_EQ(added.passage_words, 40u);
  EXPECT_EQ(added.index_bytes, passage_st.index_bytes);
  std::unique_ptr<TraceIndex> ix;
  ASSERT_TRUE(TraceIndex::Open(passage_dir, &ix).ok());
  EXPECT_EQ(ix->stats().passage_words, 40u);
}

// The substitutions as "spun -> source" strings, checking their offsets.
std::vector<std::string> Aligned(const Lexicon& lexicon, const std::string& spun,
                                 const std::string& source) {
  std::vector<std::string> out;
  for (const Substitution& s : AlignSubstitutions(lexicon, spun, source)) {
    EXPECT_EQ(spun.substr(s.spun_start, s.spun_end - s.spun_start), s.spun);
    EXPECT_EQ(source.substr(s.source_start, s.source_end - s.source_start), s.source);
    out.push_back(s.spun + " -> " + s.source);
  }
  return out;
}

TEST_F(TraceTest, InsertedWordsAreAlignedWithAnUnchangedNeighbour) {
  const Lexicon& lex = model_->lexicon();
  using V = std::vector<std::string>;
  // Nothing in the lexicon: the word after joins ("financial" alone would
  // replace nothing).
  EXPECT_EQ(Aligned(lex, "The financial savings rose.", "The savings rose."),
            V{"financial savings -> savings"});
  // At a sentence's end, the word before.
  EXPECT_EQ(Aligned(lex, "Prices rose sharply.", "Prices rose."), V{"rose sharply -> rose"});
  // The lexicon lists "by" for "by means of": the word before, not after.
  EXPECT_EQ(Aligned(lex, "It was paid by means of the fund.", "It was paid by the fund."),
            V{"by means of -> by"});
  // Dropped words likewise.
  EXPECT_EQ(Aligned(lex, "It was paid by the fund.", "It was paid by means of the fund."),
            V{"by -> by means of"});
}

TEST_F(TraceTest, RunsOfReplacedWordsSplitWhereTheLexiconKnowsThePieces) {
  const Lexicon& lex = model_->lexicon();
  using V = std::vector<std::string>;
  // The opcodes merge neighbours; the lexicon knows both relations.
  EXPECT_EQ(Aligned(lex, "The observation mentioned losses.", "The statement said losses."),
            (V{"observation -> statement", "mentioned -> said"}));
  // A piece it does not know stays whole beside one it knows.
  EXPECT_EQ(Aligned(lex, "The xqzv blorft mentioned losses.", "The big cat said losses."),
            (V{"xqzv blorft -> big cat", "mentioned -> said"}));
  // Nothing known: the run stays whole.
  EXPECT_EQ(Aligned(lex, "The xqzv blorft rose.", "The big cat rose."),
            V{"xqzv blorft -> big cat"});
}

// Each substitution names the unchanged words touching it (lower-cased
// lookup forms), none across punctuation or beside another substitution.
TEST_F(TraceTest, SubstitutionsNameTheirUnchangedNeighbours) {
  const std::string spun = "Officials stated at the port, quickly. Firm mentioned it.";
  const std::string source = "Officials said on the port, quickly. Agency said it.";
  const std::vector<Substitution> subs = AlignSubstitutions(model_->lexicon(), spun, source);
  std::vector<std::string> got;
  for (const Substitution& s : subs)
    got.push_back(s.word_before + "|" + s.spun + "|" + s.word_after);
  // "stated at" is one run of replaced words split in two: no unchanged
  // word between them; "Firm" starts a sentence after a full stop.
  EXPECT_EQ(got,
            (std::vector<std::string>{"officials|stated|", "|at|the", "|Firm|", "|mentioned|it"}));
}

TEST(TraceAlignment, APhraseTheLexiconKnowsWholeStaysWhole) {
  // The pieces are known too ("blorft" <- "big", "zqv" <- "cat"), but a
  // relation that covers the whole run is the better reading.
  std::unique_ptr<Model> model;
  ASSERT_TRUE(Model::Open(testing_util::DefaultPackPath(), &model).ok());
  ASSERT_TRUE(model->mutable_lexicon()
                  ->AddDictionary(WriteTemp("pieces.tsv",
                                            "big cat\tblorft zqv\t1\nbig\tblorft\t1\n"
                                            "cat\tzqv\t1\n"),
                                  1.0f)
                  .ok());
  EXPECT_EQ(Aligned(model->lexicon(), "The blorft zqv rose.", "The big cat rose."),
            std::vector<std::string>{"blorft zqv -> big cat"});
  ASSERT_TRUE(model->mutable_lexicon()
                  ->AddDictionary(WriteTemp("more.tsv", "small\tmrrp\t1\n"), 1.0f)
                  .ok());
  // A known piece beside it still splits off.
  EXPECT_EQ(Aligned(model->lexicon(), "The mrrp blorft zqv rose.", "The small big cat rose."),
            (std::vector<std::string>{"mrrp -> small", "blorft zqv -> big cat"}));
}

TEST_F(TraceTest, TheIndexIsTheSameWhateverTheThreadCount) {
  std::string corpus;
  for (int i = 0; i < 600; ++i) {  // several batches at one thread
    corpus += "{\"id\": \"d" + std::to_string(i) + "\", \"text\": \"" +
              kDocs[static_cast<size_t>(i) % std::size(kDocs)] + " Item " +
              std::to_string(i * 7919) + ".\"}\n";
  }
  std::string path = WriteTemp("many.jsonl", corpus);
  std::string one = TempPath("one-thread"), three = TempPath("three-threads");
  uint64_t reported = 0;
  ASSERT_TRUE(AddToIndex(model_->lexicon(), one, path, true, nullptr,
                         [&](uint64_t docs, uint64_t) { reported = docs; }, {.threads = 1})
                  .ok());
  EXPECT_EQ(reported, 600u);
  ASSERT_TRUE(
      AddToIndex(model_->lexicon(), three, path, true, nullptr, nullptr, {.threads = 3}).ok());
  EXPECT_EQ(testing_util::ReadAll(one + "/seg-000001.useg"),
            testing_util::ReadAll(three + "/seg-000001.useg"));
  // Texts are stored several to a compressed frame; each reads back whole.
  std::unique_ptr<TraceIndex> ix;
  ASSERT_TRUE(TraceIndex::Open(one, &ix).ok());
  for (uint32_t i = 0; i < 600; ++i) {
    ASSERT_EQ(ix->Text(0, i),
              std::string(kDocs[i % std::size(kDocs)]) + " Item " + std::to_string(i * 7919) + ".");
  }
}

TEST_F(TraceTest, LargeCorporaAreSplitIntoSegmentsTheSameWhateverTheThreadCount) {
  std::string corpus;
  for (int i = 0; i < 600; ++i) {
    corpus += "{\"id\": \"d" + std::to_string(i) + "\", \"text\": \"" +
              kDocs[static_cast<size_t>(i) % std::size(kDocs)] + " Item " +
              std::to_string(i * 7919) + ".\"}\n";
  }
  std::string path = WriteTemp("split.jsonl", corpus);
  std::string one = TempPath("split-one"), three = TempPath("split-three");
  IndexStats st;
  uint64_t reported = 0;
  ASSERT_TRUE(AddToIndex(model_->lexicon(), one, path, true, &st,
                         [&](uint64_t docs, uint64_t) { reported = docs; },
                         {.threads = 1, .segment_docs = 250})
                  .ok());
  EXPECT_EQ(st.documents, 600u);
  EXPECT_EQ(reported, 600u);
  EXPECT_GE(st.segments, 3u);  // segments end at the first frame end past 250
  ASSERT_TRUE(AddToIndex(model_->lexicon(), three, path, true, nullptr, nullptr,
                         {.threads = 3, .segment_docs = 250})
                  .ok());
  for (uint64_t k = 1; k <= st.segments; ++k) {
    char name[32];
    std::snprintf(name, sizeof(name), "/seg-%06llu.useg", static_cast<unsigned long long>(k));
    EXPECT_EQ(testing_util::ReadAll(one + name), testing_util::ReadAll(three + name)) << name;
  }
  std::unique_ptr<TraceIndex> ix;
  ASSERT_TRUE(TraceIndex::Open(one, &ix).ok());
  EXPECT_EQ(ix->stats().documents, 600u);
  EXPECT_EQ(ix->stats().segments, st.segments);
  // A document from the last segment is found and aligned.
  const std::string text =
      std::string(kDocs[599 % std::size(kDocs)]) + " Item " + std::to_string(599 * 7919) + ".";
  std::vector<TraceMatch> m;
  ix->Trace(model_->lexicon(), text, TraceOptions(), &m);
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].id, "d599");
}

TEST(TraceSimilarity, JaccardAndDiceOfSortedSets) {
  std::vector<uint64_t> a = {1, 2, 3, 4}, b = {3, 4, 5, 6}, none;
  EXPECT_DOUBLE_EQ(Jaccard(a, b), 2.0 / 6.0);
  EXPECT_DOUBLE_EQ(Dice(a, b), 4.0 / 8.0);
  EXPECT_DOUBLE_EQ(Jaccard(a, a), 1.0);
  EXPECT_DOUBLE_EQ(Dice(a, none), 0.0);
  EXPECT_DOUBLE_EQ(Jaccard(none, none), 0.0);
}

TEST_F(TraceTest, NearDuplicateSourcesAreSeparatedByTheirWording) {
  // Two sources with the same names and numbers in the same order; the spun
  // copy of the second must trace to the second, clearly ahead.
  const std::string first =
      "Karachi police said 2,300 people were held in Lahore after the fuel protests, and "
      "Punjab University closed.";
  const std::string second =
      "Officials in Karachi expect that 2,300 workers will be hired in Lahore next year as "
      "new factories open, while Punjab University expands.";
  std::string corpus =
      WriteTemp("near.jsonl", "{\"id\": \"first\", \"text\": \"" + first +
                                  "\"}\n{\"id\": \"second\", \"text\": \"" + second + "\"}\n");
  std::string dir = TempPath("near-index");
  ASSERT_TRUE(AddToIndex(model_->lexicon(), dir, corpus, true, nullptr).ok());
  std::unique_ptr<TraceIndex> ix;
  ASSERT_TRUE(TraceIndex::Open(dir, &ix).ok());
  std::vector<TraceMatch> m;
  ix->Trace(model_->lexicon(),
            "Officials in Karachi anticipate that 2,300 employees will be employed in Lahore "
            "subsequent year as new factories open, whilst Punjab University expands.",
            TraceOptions(), &m);
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].id, "second");
  if (m.size() > 1) {
    EXPECT_GT(m[0].score, m[1].score + 0.1);
  }
}

TEST_F(TraceTest, SegmentsAddUpAndTheManifestGuardsTheIndex) {
  std::string dir = TempPath("index2");
  ASSERT_TRUE(AddToIndex(model_->lexicon(), dir, Corpus(), true, nullptr).ok());
  EXPECT_FALSE(AddToIndex(model_->lexicon(), dir, Corpus(), true, nullptr).ok());  // exists
  // A folder of .txt files is a corpus too.
  std::string txt = TempPath("txt");
  std::filesystem::create_directories(txt);
  std::ofstream(txt + "/extra.txt") << "Zorblax Industries of Qatar bought 17 Zeppelins.";
  IndexStats st;
  ASSERT_TRUE(AddToIndex(model_->lexicon(), dir, txt, false, &st).ok());
  EXPECT_EQ(st.segments, 2u);
  std::unique_ptr<TraceIndex> ix;
  ASSERT_TRUE(TraceIndex::Open(dir, &ix).ok());
  EXPECT_EQ(ix->stats().documents, 5u);
  std::vector<TraceMatch> m;
  ix->Trace(model_->lexicon(), "Zorblax Industries of Qatar purchased 17 Zeppelins.",
            TraceOptions(), &m);
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].id, "extra.txt");
  // Damage a segment: opening fails with a clear error, the manifest is intact.
  std::string seg = dir + "/seg-000001.useg";
  std::string bytes = testing_util::ReadAll(seg);
  bytes[bytes.find("doc0doc1")] ^= 0x5a;  // inside the ids section
  std::ofstream(seg, std::ios::binary) << bytes;
  Status s = TraceIndex::Open(dir, &ix);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("seg-000001.useg"), std::string::npos) << s.message();
  EXPECT_FALSE(TraceIndex::Open(TempPath("nothing"), &ix).ok());
  // An index written by an older unspin (other fingerprints) must be rebuilt.
  std::string old_dir = TempPath("old-index");
  std::filesystem::create_directories(old_dir);
  std::ofstream(old_dir + "/MANIFEST")
      << "{\"format\": \"unspin trace index\", \"version\": 1, "
         "\"segments\": [], \"documents\": 0, \"lexicon_keys\": 1}";
  s = TraceIndex::Open(old_dir, &ix);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("rebuild"), std::string::npos) << s.message();
  EXPECT_FALSE(AddToIndex(model_->lexicon(), TempPath("no-index"), Corpus(), false, nullptr).ok());
}

TEST(SubstitutionLearner, CountsTraceAndSpinAlignments) {
  std::string trace = WriteTemp(
      "t.jsonl",
      "{\"id\": 1, \"matches\": [{\"id\": \"a\", \"substitutions\": [{\"spun\": \"stated\", "
      "\"source\": \"said\"}, {\"spun\": \"Inside\", \"source\": \"Interior\"}]}, {\"id\": \"b\", "
      "\"substitutions\": [{\"spun\": \"x\", \"source\": \"y\"}]}]}\n"
      "{\"id\": 2, \"matches\": []}\n");
  std::string spin =
      WriteTemp("s.jsonl", "{\"id\": 3, \"edits\": [{\"from\": \"said\", \"to\": \"stated\"}]}\n");
  SubstitutionLearner l;
  ASSERT_TRUE(l.AddFile(trace).ok());
  ASSERT_TRUE(l.AddFile(spin).ok());
  EXPECT_EQ(l.documents(), 3u);
  EXPECT_EQ(l.size(), 2u);  // only the best match counts
  std::string tsv = l.ToTsv();
  EXPECT_NE(tsv.find("said\tstated\t2\n"), std::string::npos) << tsv;
  EXPECT_NE(tsv.find("interior\tinside\t1\n"), std::string::npos) << tsv;
  // Restore knows the file for a learned dictionary by its first line.
  EXPECT_TRUE(IsLearnedDictionary(WriteTemp("learned.tsv", tsv)));
  EXPECT_FALSE(l.AddFile(WriteTemp("bad.jsonl", "{\"id\": 1}\n")).ok());
}

// With the traced copies' texts, learn adds how often each spun phrase
// occurs in them at all (replaced or not), for the spinner's rate.
TEST(SubstitutionLearner, CountsOccurrencesInTheTracedTexts) {
  std::string trace =
      WriteTemp("t2.jsonl",
                "{\"id\": \"q1\", \"matches\": [{\"id\": \"a\", \"substitutions\": [{\"spun\": "
                "\"stated\", \"source\": \"said\"}, {\"spun\": \"in the vicinity of\", \"source\": "
                "\"near\"}]}]}\n"
                "{\"id\": \"q2\", \"matches\": []}\n");
  std::string texts = WriteTemp(
      "texts.jsonl",
      "{\"id\": \"q1\", \"text\": \"He stated it. She Stated, in the vicinity of the port, "
      "that he stated nothing.\"}\n"
      "{\"id\": \"q2\", \"text\": \"Not traced: stated stated stated.\"}\n");
  SubstitutionLearner l;
  ASSERT_TRUE(l.AddFile(trace).ok());
  size_t kept = 0;
  ASSERT_TRUE(l.AddTexts(texts, &kept).ok());
  EXPECT_EQ(kept, 1u);  // only the copy the trace matched
  std::string tsv = l.ToTsv();
  EXPECT_NE(tsv.find("count<TAB>occurrences\n"), std::string::npos) << tsv;
  EXPECT_NE(tsv.find("said\tstated\t1\t3\n"), std::string::npos) << tsv;
  EXPECT_NE(tsv.find("near\tin the vicinity of\t1\t1\n"), std::string::npos) << tsv;
  EXPECT_FALSE(l.AddTexts(WriteTemp("notext.jsonl", "{\"id\": \"q1\"}\n")).ok());
  // Without texts: three columns, as before.
  SubstitutionLearner plain;
  ASSERT_TRUE(plain.AddFile(trace).ok());
  EXPECT_NE(plain.ToTsv().find("said\tstated\t1\n"), std::string::npos);
}

// A pair whose instances share a neighbour word becomes the widened pair
// when that phrase is replaced more often: "at the" (3 of 3) for "at" (3 of
// 9); "stated" (replaced at 2 of 2) stays as it is, though "that" follows it
// twice; a neighbour seen once widens nothing.
TEST(SubstitutionLearner, WidensAPairToTheSpinnersKey) {
  std::string subs;
  auto sub = [](const char* spun, const char* source, const char* before, const char* after) {
    std::string j = std::string("{\"spun\": \"") + spun + "\", \"source\": \"" + source + "\"";
    if (*before) j += std::string(", \"word_before\": \"") + before + "\"";
    if (*after) j += std::string(", \"word_after\": \"") + after + "\"";
    return j + "}";
  };
  const std::string trace = WriteTemp(
      "widen.jsonl", "{\"id\": \"q1\", \"matches\": [{\"id\": \"a\", \"substitutions\": [" +
                         sub("at", "on", "met", "the") + ", " + sub("at", "on", "", "the") + ", " +
                         sub("at", "on", "sat", "the") + ", " + sub("stated", "said", "", "that") +
                         ", " + sub("stated", "said", "he", "that") + ", " +
                         sub("within", "in", "", "a") + "]}]}\n");
  const std::string texts = WriteTemp(
      "widen_texts.jsonl",
      "{\"id\": \"q1\", \"text\": \"They met at the port. At the end, at the top. We stay at "
      "home at noon at once at last at work at rest. He stated that. She stated that. It is "
      "within a day.\"}\n");
  SubstitutionLearner l;
  ASSERT_TRUE(l.AddFile(trace).ok());
  ASSERT_TRUE(l.AddTexts(texts).ok());
  const std::string tsv = l.ToTsv();
  EXPECT_NE(tsv.find("on the\tat the\t3\t3\n"), std::string::npos) << tsv;
  EXPECT_EQ(tsv.find("on\tat\t"), std::string::npos) << tsv;  // every instance widened
  EXPECT_NE(tsv.find("said\tstated\t2\t2\n"), std::string::npos) << tsv;
  EXPECT_NE(tsv.find("in\twithin\t1\t1\n"), std::string::npos) << tsv;
  // Without the texts, no rates: nothing is widened.
  SubstitutionLearner plain;
  ASSERT_TRUE(plain.AddFile(trace).ok());
  EXPECT_NE(plain.ToTsv().find("on\tat\t3\n"), std::string::npos) << plain.ToTsv();
}

TEST(SubstitutionLearner, CountsOccurrencesInTheTextOfTracedPages) {
  std::string trace = WriteTemp("t3.jsonl",
                                "{\"id\": \"p1\", \"matches\": [{\"id\": \"a\", "
                                "\"substitutions\": [{\"spun\": \"stated\", \"source\": "
                                "\"said\"}]}]}\n");
  std::string pages =
      WriteTemp("pages.jsonl",
                "{\"id\": \"p1\", \"text\": \"<html><head><script>var stated = 1;</script>"
                "</head><body><p class=stated>He <b>stated</b> it.</p></body></html>\"}\n");
  SubstitutionLearner page, text;
  ASSERT_TRUE(page.AddFile(trace).ok());
  ASSERT_TRUE(page.AddTexts(pages, nullptr, /*html=*/true).ok());
  EXPECT_NE(page.ToTsv().find("said\tstated\t1\t1\n"), std::string::npos) << page.ToTsv();
  // Read as text, the script's and the attribute's "stated" count too.
  ASSERT_TRUE(text.AddFile(trace).ok());
  ASSERT_TRUE(text.AddTexts(pages).ok());
  EXPECT_NE(text.ToTsv().find("said\tstated\t1\t3\n"), std::string::npos) << text.ToTsv();
}

}  // namespace
}  // namespace unspin
