// The fast JSON Lines record reader: it accepts the plain {"id","text"}
// record exactly as the general parser reads it, and declines everything
// else so that the general path (and its error messages) decides.
#include "base/document_line.h"

#include <gtest/gtest.h>

namespace unspin {
namespace {

TEST(DocumentLineTest, PlainRecordsAreRead) {
  DocumentLineParser p;
  DocumentLine d;
  ASSERT_TRUE(p.TryParse(R"({"id": "a1", "text": "Hello \"world\"\n\u00e9"})", &d));
  EXPECT_TRUE(d.has_id);
  EXPECT_TRUE(d.id_is_string);
  EXPECT_EQ(d.id, "a1");
  EXPECT_EQ(d.text, "Hello \"world\"\n\xC3\xA9");
  ASSERT_TRUE(p.TryParse(R"({"text":"x","id":17,"extra":[1,{"b":2}]})", &d));
  EXPECT_FALSE(d.id_is_string);
  EXPECT_EQ(d.id, "17");
  EXPECT_EQ(d.text, "x");
  ASSERT_TRUE(p.TryParse(R"({"text":"no id"})", &d));
  EXPECT_FALSE(d.has_id);
  // A repeated key keeps its last value, as the general parser does.
  ASSERT_TRUE(p.TryParse(R"({"text":"first","text":"second"})", &d));
  EXPECT_EQ(d.text, "second");
}

TEST(DocumentLineTest, AnythingElseIsDeclined) {
  DocumentLineParser p;
  DocumentLine d;
  EXPECT_FALSE(p.TryParse("", &d));
  EXPECT_FALSE(p.TryParse("not json", &d));
  EXPECT_FALSE(p.TryParse(R"(["text", "x"])", &d));
  EXPECT_FALSE(p.TryParse(R"({"id": "a"})", &d));
  EXPECT_FALSE(p.TryParse(R"({"text": 5})", &d));
  EXPECT_FALSE(p.TryParse(R"({"text": "x", "id": {"k": 1}})", &d));
  EXPECT_FALSE(p.TryParse(R"({"text": "x"} trailing)", &d));
  EXPECT_FALSE(p.TryParse(R"({"text": "x")", &d));
  EXPECT_FALSE(p.TryParse("{\"text\": \"\xff\xfe\"}", &d));  // invalid UTF-8
}

}  // namespace
}  // namespace unspin
