#include <gtest/gtest.h>

#include <algorithm>

#include "tests/test_util.h"
#include "unspin/text.h"

namespace unspin {
namespace {

std::vector<Sentence> ReadAllSentences(SentenceReader* r) {
  std::vector<Sentence> out;
  Sentence s;
  while (r->Next(&s)) out.push_back(s);
  EXPECT_TRUE(r->status().ok()) << r->status().ToString();
  return out;
}

std::string MakeText(size_t min_bytes) {
  const std::string para =
      "The Interior Ministry said on Tuesday that Mr. Smith of the U.S. embassy met "
      "officials on Aug. 9. “Thousands of arrests,” it said, “many of them arbitrary.” "
      "Prices rose 5.93 pct to 155,221 dlrs!\nShares were steady.\n\n";
  std::string text;
  while (text.size() < min_bytes) text += para;
  return text;
}

TEST(SentenceReaderTest, StreamTilesTheInputAndMatchesOneShotSplitting) {
  const std::string text = MakeText(600000);  // spans many 64 KiB chunks
  auto reader = SentenceReader::FromString(text);
  auto sentences = ReadAllSentences(reader.get());
  std::string joined;
  for (const Sentence& s : sentences) {
    EXPECT_EQ(s.begin, joined.size());
    ASSERT_FALSE(s.tokens.empty());
    EXPECT_EQ(s.tokens.front().begin, s.begin);
    EXPECT_EQ(s.tokens.back().end(), s.begin + s.text.size());
    joined += s.text;
  }
  EXPECT_EQ(joined, text);
  std::vector<Token> tok;
  Tokenize(text, 0, &tok);
  auto ranges = SplitSentences(text, 0, tok);
  EXPECT_EQ(ranges.size(), sentences.size());
}

TEST(SentenceReaderTest, FileInputAndEmptyInput) {
  const std::string text = MakeText(5000);
  std::string path = testing_util::WriteTemp("in.txt", text);
  std::unique_ptr<SentenceReader> r;
  ASSERT_TRUE(SentenceReader::Open(path, &r).ok());
  std::string joined;
  for (const Sentence& s : ReadAllSentences(r.get())) joined += s.text;
  EXPECT_EQ(joined, text);
  auto empty = SentenceReader::FromString("");
  EXPECT_TRUE(ReadAllSentences(empty.get()).empty());
  EXPECT_FALSE(SentenceReader::Open("/nonexistent/file.txt", &r).ok());
}

// The progress callback reports the bytes read so far, growing chunk by
// chunk up to the input's size (a compressed file: its text's size).
TEST(SentenceReaderTest, ReportsTheBytesReadAsItGoes) {
  const std::string text = MakeText(300000);
  std::string path = testing_util::WriteTemp("progress.txt", text);
  std::unique_ptr<SentenceReader> r;
  ASSERT_TRUE(SentenceReader::Open(path, &r).ok());
  std::vector<uint64_t> seen;
  r->set_progress([&seen](uint64_t bytes) { seen.push_back(bytes); });
  size_t sentences = 0;
  Sentence s;
  while (r->Next(&s)) {
    ++sentences;
    if (sentences == 1) {
      ASSERT_FALSE(seen.empty());  // a chunk was read to find the first sentence
      EXPECT_LT(seen.back(), text.size());
    }
  }
  ASSERT_GE(seen.size(), 3u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_LT(seen.front(), seen.back());
  EXPECT_EQ(seen.back(), text.size());
}

TEST(SentenceReaderTest, HugeLineWithoutSpacesStaysBounded) {
  std::string text(20u << 20, 'x');  // 20 MiB, one "word"
  auto reader = SentenceReader::FromString(text);
  Sentence s;
  size_t total = 0, largest = 0, count = 0;
  while (reader->Next(&s)) {
    total += s.text.size();
    largest = std::max(largest, s.text.size());
    ++count;
  }
  EXPECT_EQ(total, text.size());
  EXPECT_LE(largest, size_t{SplitOptions().max_bytes} + kMaxTokenBytes);
  EXPECT_GT(count, 100u);
}

TEST(SentenceReaderTest, CountsInvalidUtf8Once) {
  std::string text = MakeText(200000);
  text[1000] = '\xff';
  text[150000] = '\xfe';
  auto reader = SentenceReader::FromString(text);
  std::string joined;
  for (const Sentence& s : ReadAllSentences(reader.get())) joined += s.text;
  EXPECT_EQ(joined, text);
  EXPECT_EQ(reader->stats().invalid_bytes, 2u);
  EXPECT_EQ(reader->stats().first_invalid_offset, 1000u);
}

TEST(SentenceReaderTest, MultibyteCharactersAcrossChunkBoundaries) {
  std::string text;
  while (text.size() < 300000) text += "Ünïcödé 東京 😀 façade. ";
  auto reader = SentenceReader::FromString(text);
  std::string joined;
  for (const Sentence& s : ReadAllSentences(reader.get())) {
    for (const Token& t : s.tokens) EXPECT_FALSE(t.invalid_utf8) << t.begin;
    joined += s.text;
  }
  EXPECT_EQ(joined, text);
  EXPECT_EQ(reader->stats().invalid_bytes, 0u);
}

}  // namespace
}  // namespace unspin
