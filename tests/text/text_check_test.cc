#include "text/text_check.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace unspin {
namespace {

using std::string_literals::operator""s;

TEST(TextCheckTest, AcceptsTextWithAFewBadBytes) {
  EXPECT_TRUE(CheckReadableText("", "in.txt").ok());
  EXPECT_TRUE(CheckReadableText("The Inside Ministry stated.\r\n\tNext line.\f", "x").ok());
  // A Latin-1 name in UTF-8 text, an ANSI colour code, curly quotes.
  EXPECT_TRUE(
      CheckReadableText("Jos\xE9 said \x1B[1mhi\x1B[0m \xE2\x80\x9Cok\xE2\x80\x9D", "x").ok());
}

TEST(TextCheckTest, RefusesANulByteAndSaysWhere) {
  const Status s = CheckReadableText("abc\0def"s, "junk.bin");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(s.message().find("junk.bin: binary data"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("NUL byte at byte 3"), std::string::npos) << s.message();
}

TEST(TextCheckTest, NamesStandardInput) {
  const Status s = CheckReadableText("a\0"s, "-");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message().rfind("stdin: ", 0), 0u) << s.message();
}

TEST(TextCheckTest, RefusesUtf16AndUtf32WithHowToConvert) {
  const Status le16 = CheckReadableText("\xFF\xFEh\0i\0"s, "u16.txt");
  ASSERT_FALSE(le16.ok());
  EXPECT_NE(le16.message().find("UTF-16"), std::string::npos) << le16.message();
  EXPECT_NE(le16.message().find("iconv -f UTF-16 -t UTF-8"), std::string::npos);
  EXPECT_NE(CheckReadableText("\xFE\xFF\0h"s, "x").message().find("UTF-16"), std::string::npos);
  EXPECT_NE(CheckReadableText("\xFF\xFE\0\0h\0\0\0"s, "x").message().find("UTF-32"),
            std::string::npos);
  EXPECT_NE(CheckReadableText("\0\0\xFE\xFF"s, "x").message().find("UTF-32"), std::string::npos);
}

TEST(TextCheckTest, RefusesJunkWithoutNulBytes) {
  std::mt19937 rng(7);
  std::string junk;
  for (int i = 0; i < 4000; ++i) junk += static_cast<char>(1 + rng() % 255);
  const Status s = CheckReadableText(junk, "noise");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("control characters or invalid UTF-8"), std::string::npos)
      << s.message();
}

TEST(TextCheckTest, TheBoundaryIsAQuarterOfTheBytes) {
  // 25 bad bytes of 100 pass, 26 do not.
  std::string text(75, 'a');
  text += std::string(25, '\x01');
  EXPECT_TRUE(CheckReadableText(text, "x").ok());
  text[0] = '\x02';
  EXPECT_FALSE(CheckReadableText(text, "x").ok());
}

TEST(TextCheckTest, ReadsOnlyTheFirstBytes) {
  std::string text(kTextCheckBytes, 'a');
  text += std::string(1000, '\0');
  EXPECT_TRUE(CheckReadableText(text, "x").ok());
}

}  // namespace
}  // namespace unspin
