#include "base/line_reader.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include "tests/test_util.h"

namespace unspin {
namespace {

std::vector<std::string> Lines(const std::string& path, Status* status = nullptr,
                               size_t max_line = LineReader::kDefaultMaxLine) {
  std::unique_ptr<LineReader> r;
  std::vector<std::string> out;
  Status s = LineReader::Open(path, &r, max_line);
  if (!s.ok()) {
    if (status) *status = s;
    return out;
  }
  std::string_view line;
  while (r->Next(&line)) out.emplace_back(line);
  if (status) *status = r->status();
  return out;
}

TEST(LineReaderTest, PlainTextWithCrLfAndNoFinalNewline) {
  auto lines = Lines(testing_util::WriteTemp("a.txt", "one\r\ntwo\n\nthree"));
  EXPECT_EQ(lines, (std::vector<std::string>{"one", "two", "", "three"}));
}

TEST(LineReaderTest, LinesLongerThanTheBuffer) {
  std::string big(500000, 'q');
  auto lines = Lines(testing_util::WriteTemp("b.txt", big + "\nx\n"));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], big);
}

TEST(LineReaderTest, GzipAndZstdAreDecompressed) {
  std::string text;
  for (int i = 0; i < 50000; ++i) text += "line " + std::to_string(i) + "\n";
  std::string gz = testing_util::TempPath("c.txt.gz");
  gzFile f = gzopen(gz.c_str(), "wb");
  gzwrite(f, text.data(), static_cast<unsigned>(text.size()));
  gzclose(f);
  auto lines = Lines(gz);
  ASSERT_EQ(lines.size(), 50000u);
  EXPECT_EQ(lines[49999], "line 49999");
  std::string plain = testing_util::WriteTemp("d.txt", text);
  ASSERT_EQ(std::system(("zstd -q -f " + plain + " -o " + plain + ".zst").c_str()), 0);
  lines = Lines(plain + ".zst");
  ASSERT_EQ(lines.size(), 50000u);
  EXPECT_EQ(lines[123], "line 123");
}

TEST(LineReaderTest, TruncatedZstdIsAnError) {
  std::string text(300000, 'a');
  std::string plain = testing_util::WriteTemp("e.txt", text);
  ASSERT_EQ(std::system(("zstd -q -f " + plain + " -o " + plain + ".zst").c_str()), 0);
  std::string z = testing_util::ReadAll(plain + ".zst");
  std::string cut = testing_util::WriteTemp("cut.zst", z.substr(0, z.size() / 2));
  Status s;
  Lines(cut, &s);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("cut.zst"), std::string::npos) << s.message();
}

TEST(LineReaderTest, OverlongLineIsAnError) {
  Status s;
  Lines(testing_util::WriteTemp("f.bin", std::string(5000, 'x')), &s, 1000);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("line longer than 1000"), std::string::npos) << s.message();
}

TEST(LineReaderTest, MissingFile) {
  Status s;
  Lines("/nonexistent/x.txt", &s);
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
}

TEST(SplitLines, SplitsOnNewlinesAndDropsCarriageReturns) {
  EXPECT_EQ(SplitLines("a\nb\r\n\nc"), (std::vector<std::string_view>{"a", "b", "", "c"}));
  EXPECT_EQ(SplitLines("a\n"), (std::vector<std::string_view>{"a"}));
  EXPECT_TRUE(SplitLines("").empty());
}

}  // namespace
}  // namespace unspin
