// Damaged model files of every format give a clear error naming the file
// and the problem, never a crash.
#include <gtest/gtest.h>
#include <xxhash.h>

#include <cstring>

#include "base/file_util.h"
#include "lm/compact_format.h"
#include "tests/test_util.h"
#include "unspin/language_model.h"

namespace unspin {
namespace {

using testing_util::ReadAll;
using testing_util::WriteTemp;

constexpr const char* kArpa =
    "\\data\\\nngram 1=3\nngram 2=1\n\n\\1-grams:\n-1 <s> -0.5\n-0.5 </s>\n-0.25 a -0.1\n\n"
    "\\2-grams:\n-0.2 <s> a\n\n\\end\\\n";

Status LoadBytes(const std::string& name, const std::string& bytes) {
  std::unique_ptr<LanguageModel> lm;
  return LanguageModel::Load(WriteTemp(name, bytes), &lm);
}

void ExpectError(const Status& s, const std::string& name_part, const std::string& problem) {
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find(name_part), std::string::npos) << s.message();
  EXPECT_NE(s.message().find(problem), std::string::npos) << s.message();
}

std::string CompactBytes() {
  std::string arpa = WriteTemp("ok.arpa", kArpa);
  std::string out = testing_util::TempPath("ok.ulm");
  EXPECT_TRUE(LanguageModel::Convert(arpa, out).ok());
  return ReadAll(out);
}

TEST(CorruptModelTest, CompactTruncated) {
  std::string b = CompactBytes();
  ExpectError(LoadBytes("cut.ulm", b.substr(0, b.size() - 100)), "cut.ulm", "truncated");
  ExpectError(LoadBytes("tiny.ulm", b.substr(0, 20)), "tiny.ulm", "truncated");
}

TEST(CorruptModelTest, CompactFlippedByteFailsChecksum) {
  std::string b = CompactBytes();
  b[b.size() / 2] ^= 0x5a;
  ExpectError(LoadBytes("flip.ulm", b), "flip.ulm", "checksum");
  std::string h = CompactBytes();
  h[60] ^= 0x01;  // inside the header
  Status s = LoadBytes("head.ulm", h);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("head.ulm"), std::string::npos);
}

TEST(CorruptModelTest, CompactNewerVersionNamesBothVersions) {
  std::string b = CompactBytes();
  b[8] = 9;  // version field
  Status s = LoadBytes("v9.ulm", b);
  ExpectError(s, "v9.ulm", "version 9");
  EXPECT_NE(s.message().find("version " + std::to_string(kCompactVersion)), std::string::npos);
}

// Rewrites both checksums so that a deliberate change passes the load-time
// checks and only the structural walk can find it.
void ResealCompact(std::string* b) {
  CompactHeader h;
  std::memcpy(&h, b->data(), sizeof(h));
  h.data_checksum = XXH3_64bits(b->data() + h.header_bytes, b->size() - h.header_bytes);
  h.header_checksum = 0;
  h.header_checksum = XXH3_64bits(&h, sizeof(h));
  std::memcpy(b->data(), &h, sizeof(h));
}

TEST(CorruptModelTest, DamagedTableIsFoundByVerify) {
  std::string b = CompactBytes();
  CompactHeader h;
  std::memcpy(&h, b.data(), sizeof(h));
  const LevelHeader& bigrams = h.levels[1];
  // Find the block holding the one bigram and claim one slot fewer.
  size_t block = 0;
  while ((b[bigrams.blocks_offset + block * 64] & 0x0F) == 0) ++block;
  b[bigrams.blocks_offset + block * 64] -= 1;
  ResealCompact(&b);
  std::unique_ptr<LanguageModel> lm;
  ASSERT_TRUE(LanguageModel::Load(WriteTemp("hole.ulm", b), &lm).ok());
  Status s = lm->Verify();
  ExpectError(s, "hole.ulm", "2-gram table");

  // A block claiming every slot: queries stay inside it, Verify names it.
  std::string full = CompactBytes();
  full[bigrams.blocks_offset] = static_cast<char>((full[bigrams.blocks_offset] & 0x80) | 0x0F);
  ResealCompact(&full);
  ASSERT_TRUE(LanguageModel::Load(WriteTemp("full.ulm", full), &lm).ok());
  LmState st = lm->BeginSentenceState(), next;
  EXPECT_LT(lm->Score(st, lm->Index("a"), &next).log10_prob, 0.0f);
  ExpectError(lm->Verify(), "full.ulm", "2-gram table");

  std::string wide = CompactBytes();
  std::memcpy(&h, wide.data(), sizeof(h));
  h.levels[1].tag_bits += 3;  // no longer what the table's shape implies
  std::memcpy(wide.data(), &h, sizeof(h));
  ResealCompact(&wide);
  ExpectError(LoadBytes("tags.ulm", wide), "tags.ulm", "2-gram table: tag width");
}

TEST(CorruptModelTest, SphinxTruncatedAndBadMagic) {
  std::string full = ReadAll("/usr/share/pocketsphinx/model/en-us/en-us.lm.bin");
  ASSERT_GT(full.size(), 1000000u) << "install pocketsphinx-en-us (./scripts/setup.sh)";
  ExpectError(LoadBytes("cut.lm.bin", full.substr(0, full.size() / 2)), "cut.lm.bin", "truncated");
  ExpectError(LoadBytes("hdr.lm.bin", full.substr(0, 30)), "hdr.lm.bin", "truncated");
  std::string bad = full.substr(0, 4096);
  bad[19] = 9;  // order 9
  ExpectError(LoadBytes("order.lm.bin", bad), "order.lm.bin", "order 9");
}

TEST(CorruptModelTest, SphinxDecreasingPointersAreRejected) {
  std::string full = ReadAll("/usr/share/pocketsphinx/model/en-us/en-us.lm.bin");
  ASSERT_GT(full.size(), 1000000u);
  // Unigram 100's child pointer (offset 786,468 + 12*100 + 8) set huge.
  size_t off = 786468 + 12 * 100 + 8;
  full[off + 3] = static_cast<char>(0x7f);
  ExpectError(LoadBytes("ptr.lm.bin", full), "ptr.lm.bin", "decrease");
}

TEST(CorruptModelTest, ArpaProblemsNameTheLine) {
  std::string text = kArpa;
  ExpectError(LoadBytes("cut.arpa", text.substr(0, text.size() - 30)), "cut.arpa", "truncated");
  std::string count = text;
  count.replace(count.find("ngram 2=1"), 9, "ngram 2=2");
  ExpectError(LoadBytes("count.arpa", count), "count.arpa", "promises 2");
  std::string num = text;
  num.replace(num.find("-0.25 a"), 5, "-x.25");
  ExpectError(LoadBytes("num.arpa", num), "num.arpa:8", "bad probability");
  std::string unknown = text;
  unknown.replace(unknown.find("-0.2 <s> a"), 10, "-0.2 <s> q");
  ExpectError(LoadBytes("word.arpa", unknown), "word.arpa", "'q' is not a unigram");
  std::string dup = text;
  dup.replace(dup.find("ngram 2=1"), 9, "ngram 2=2");
  dup.insert(dup.find("\n\n\\end"), "\n-0.3 <s> a");
  ExpectError(LoadBytes("dup.arpa", dup), "dup.arpa", "duplicate 2-gram '<s> a'");
}

TEST(CorruptModelTest, EmptyAndBinaryJunk) {
  ExpectError(LoadBytes("empty.lm", ""), "empty.lm", "empty file");
  std::string junk;
  for (int i = 0; i < 100000; ++i) junk.push_back(static_cast<char>((i * 7919) % 251));
  ExpectError(LoadBytes("junk.lm", junk), "junk.lm", "");
  std::unique_ptr<LanguageModel> lm;
  ExpectError(LanguageModel::Load("/nonexistent/model.ulm", &lm), "/nonexistent/model.ulm", "");
}

}  // namespace
}  // namespace unspin
