// Model packs: build from small files, open, use; damaged packs fail with
// clear errors; the LM section is usable wherever an LM is.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "base/file_util.h"
#include "tests/test_util.h"
#include "unspin/model.h"

namespace unspin {
namespace {

using testing_util::ReadAll;
using testing_util::TempPath;
using testing_util::WriteTemp;

constexpr const char* kArpa =
    "\\data\\\nngram 1=7\nngram 2=3\n\n"
    "\\1-grams:\n"
    "-1.0\t<s>\t-0.3\n-1.0\t</s>\n-0.8\tthey\t-0.2\n-1.2\tsaid\t-0.2\n-1.5\tstated\n"
    "-1.3\tglad\n-1.4\thappy\n\n"
    "\\2-grams:\n-0.3\t<s> they\n-0.2\tthey said\n-0.9\tthey stated\n\n\\end\\\n";

constexpr const char* kMythes = "UTF-8\nhappy|1\n(adj)|glad|content\nsay|1\n(verb)|state|tell\n";

class PackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    opt_.lm = WriteTemp("tiny.arpa", kArpa);
    opt_.thesauri = {WriteTemp("tiny.dat", kMythes)};
    std::string dict = WriteTemp("spins.tsv", "they\tthose people\n");
    dict_name_ = std::filesystem::path(dict).filename();
    opt_.dictionaries = {dict + "@2"};
    opt_.params.replace_rate = 0.25;
    path_ = TempPath("tiny.unspin");
    std::string report;
    Status s = Model::Build(opt_, path_, &report);
    ASSERT_TRUE(s.ok()) << s.message();
    EXPECT_NE(report.find("reverse index"), std::string::npos);
  }
  ModelBuildOptions opt_;
  std::string path_;
  std::string dict_name_;
};

TEST_F(PackTest, OpensWithLmLexiconAndParameters) {
  std::unique_ptr<Model> m;
  ASSERT_TRUE(Model::Open(path_, &m).ok());
  EXPECT_EQ(m->lm().order(), 2);
  EXPECT_EQ(m->lm().vocab_size(), 7u);
  LmState out;
  EXPECT_NEAR(m->lm().Score(m->lm().BeginSentenceState(), m->lm().Index("they"), &out).log10_prob,
              -0.3, 1e-4);
  EXPECT_DOUBLE_EQ(m->lexicon().params().replace_rate, 0.25);
  EXPECT_EQ(m->lexicon().source_names(), (std::vector<std::string>{"mythes", dict_name_}));
  // "glad" was spun from "happy" (an adjective the LM knows).
  bool happy = false;
  for (const Candidate& c : m->lexicon().LookupPhrase("glad")) happy |= c.text == "happy";
  EXPECT_TRUE(happy);
  // Originals the LM does not know are dropped: "content" is not in the vocabulary.
  for (const Candidate& c : m->lexicon().LookupPhrase("glad")) EXPECT_NE(c.text, "content");
  // Dictionary entries, multiword, with the dictionary's name as the source.
  bool they = false;
  for (const Candidate& c : m->lexicon().LookupPhrase("those people")) {
    if (c.text == "they") {
      they = true;
      EXPECT_EQ(m->lexicon().SourceList(c.sources), dict_name_);
      EXPECT_NEAR(c.channel_log10, std::log10(0.25), 1e-5);  // r * 1 (the only entry)
    }
  }
  EXPECT_TRUE(they);
  EXPECT_NE(m->params_json().find("\"replace_rate\""), std::string::npos);
}

TEST_F(PackTest, LanguageModelLoadsFromAPackAndConvertsOut) {
  std::unique_ptr<LanguageModel> lm;
  ASSERT_TRUE(LanguageModel::Load(path_, &lm).ok());
  EXPECT_EQ(lm->vocab_size(), 7u);
  std::string ulm = TempPath("out.ulm");
  ASSERT_TRUE(LanguageModel::Convert(path_, ulm).ok());
  std::unique_ptr<LanguageModel> again;
  ASSERT_TRUE(LanguageModel::Load(ulm, &again).ok());
  EXPECT_EQ(again->info().format, "compact");
}

TEST_F(PackTest, DamagedPacksFailWithClearErrors) {
  std::string bytes = ReadAll(path_);
  std::unique_ptr<Model> m;
  auto open = [&](const std::string& content) {
    return Model::Open(WriteTemp("bad.unspin", content), &m);
  };
  Status s = open(bytes.substr(0, bytes.size() - 100));
  EXPECT_NE(s.message().find("truncated"), std::string::npos) << s.message();
  std::string flipped = bytes;
  flipped[bytes.size() - 200] ^= 0x11;
  s = open(flipped);
  EXPECT_NE(s.message().find("checksum"), std::string::npos) << s.message();
  std::string version = bytes;
  version[8] = 9;
  s = open(version);
  EXPECT_NE(s.message().find("version"), std::string::npos) << s.message();
  s = open(bytes.substr(0, 20));
  EXPECT_FALSE(s.ok());
  s = Model::Open(opt_.lm, &m);
  EXPECT_NE(s.message().find("not an unspin model pack"), std::string::npos) << s.message();
  s = Model::Open(TempPath("missing.unspin"), &m);
  EXPECT_NE(s.message().find("build"), std::string::npos) << s.message();
  EXPECT_EQ(m, nullptr);
}

// Detector parameters go in as two sections, the set for a decoder's edits
// apart; a damaged one fails the open (it is not taken for an absent one),
// and parameters that are not a JSON object are refused.
TEST_F(PackTest, DetectorParametersAreStoredInTwoCheckedSections) {
  ModelBuildOptions o = opt_;
  o.detector =
      WriteTemp("detector.json", "{\"threshold\": 0.5, \"decoded\": {\"threshold\": 0.123456789}}");
  const std::string out = TempPath("with_detector.unspin");
  Status s = Model::Build(o, out, nullptr);
  ASSERT_TRUE(s.ok()) << s.message();
  std::unique_ptr<Model> m;
  ASSERT_TRUE(Model::Open(out, &m).ok());
  EXPECT_EQ(m->detector_json().find("decoded"), std::string::npos) << m->detector_json();
  EXPECT_NE(m->detector_json().find("0.5"), std::string::npos) << m->detector_json();
  EXPECT_NE(m->detector_decoded_json().find("0.123456789"), std::string::npos);
  std::string bytes = ReadAll(out);
  const size_t at = bytes.find("0.123456789");
  ASSERT_NE(at, std::string::npos);
  bytes[at + 5] ^= 0x01;
  s = Model::Open(WriteTemp("bad_detector.unspin", bytes), &m);
  EXPECT_NE(s.message().find("checksum"), std::string::npos) << s.message();
  o.detector = WriteTemp("list.json", "[1, 2]");
  const std::string never = TempPath("never_detector.unspin");
  s = Model::Build(o, never, nullptr);
  EXPECT_NE(s.message().find("not a JSON object"), std::string::npos) << s.message();
  EXPECT_FALSE(FileExists(never));
}

// A pack on another LM keeps the one its detector was fitted with; the
// same LM given again is not stored twice.
TEST_F(PackTest, DetectorLmIsKeptWhenItDiffers) {
  std::unique_ptr<Model> m;
  ASSERT_TRUE(Model::Open(path_, &m).ok());
  EXPECT_FALSE(m->has_detector_lm());
  EXPECT_EQ(&m->detector_lm(), &m->lm());
  ModelBuildOptions o = opt_;
  o.detector_lm = opt_.lm;  // the same model
  const std::string same = TempPath("same_detector_lm.unspin");
  ASSERT_TRUE(Model::Build(o, same, nullptr).ok());
  ASSERT_TRUE(Model::Open(same, &m).ok());
  EXPECT_FALSE(m->has_detector_lm());
  EXPECT_EQ(ReadAll(same).size(), ReadAll(path_).size());
  o.detector_lm = WriteTemp("tiny_copy.arpa", kArpa);  // the same model under another name
  ASSERT_TRUE(Model::Build(o, same, nullptr).ok());
  ASSERT_TRUE(Model::Open(same, &m).ok());
  EXPECT_FALSE(m->has_detector_lm());
  o.detector_lm = WriteTemp("general.arpa",
                            "\\data\\\nngram 1=4\n\n\\1-grams:\n-1.0\t<s>\t-0.3\n-1.0\t</s>\n"
                            "-0.5\tthey\n-0.7\twalked\n\n\\end\\\n");
  const std::string other = TempPath("other_detector_lm.unspin");
  ASSERT_TRUE(Model::Build(o, other, nullptr).ok());
  ASSERT_TRUE(Model::Open(other, &m).ok());
  ASSERT_TRUE(m->has_detector_lm());
  EXPECT_EQ(m->detector_lm().vocab_size(), 4u);
  EXPECT_NE(m->detector_lm().Index("walked"), m->detector_lm().oov_id());
  EXPECT_EQ(m->lm().Index("walked"), m->lm().oov_id());
  o.detector_lm = TempPath("missing.arpa");
  EXPECT_FALSE(Model::Build(o, TempPath("never.unspin"), nullptr).ok());
}

TEST_F(PackTest, BuildRejectsBadOptionsAndLeavesNoFile) {
  ModelBuildOptions o = opt_;
  std::string out = TempPath("never.unspin");
  o.thesauri = {"/nonexistent/th.dat"};
  EXPECT_FALSE(Model::Build(o, out, nullptr).ok());
  EXPECT_FALSE(FileExists(out));
  o = opt_;
  o.lm.clear();
  EXPECT_FALSE(Model::Build(o, out, nullptr).ok());
  o = opt_;
  o.thesauri.clear();
  o.dictionaries.clear();
  EXPECT_NE(Model::Build(o, out, nullptr).message().find("no inventory"), std::string::npos);
  o = opt_;
  o.params.replace_rate = 1.5;
  EXPECT_FALSE(Model::Build(o, out, nullptr).ok());
  EXPECT_FALSE(FileExists(out));
}

}  // namespace
}  // namespace unspin
