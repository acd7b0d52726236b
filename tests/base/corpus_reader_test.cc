#include "base/corpus_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/test_util.h"

namespace unspin {
namespace {

TEST(CorpusReaderTest, ReadsAFolderOfTextsAndPages) {
  const std::string dir = testing_util::TempPath("corpus_folder");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir + "/" + name) << text;
  };
  write("b.txt", "plain text");
  write("a.HTML", "<p>a page</p>");
  write("c.htm", "<p>another</p>");
  write("notes.md", "left out");
  std::vector<CorpusDocument> docs;
  ASSERT_TRUE(ReadCorpus(dir, [&](CorpusDocument&& d) {
                docs.push_back(std::move(d));
                return Status::Ok();
              }).ok());
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(docs[0].id, "a.HTML");
  EXPECT_TRUE(docs[0].html);
  EXPECT_EQ(docs[0].text, "<p>a page</p>");  // the reader's consumer reads the page
  EXPECT_EQ(docs[1].id, "b.txt");
  EXPECT_FALSE(docs[1].html);
  EXPECT_EQ(docs[2].id, "c.htm");
  EXPECT_TRUE(docs[2].html);
}

TEST(CorpusReaderTest, JsonlRecordsAreText) {
  const std::string path = testing_util::WriteTemp(
      "corpus.jsonl", "{\"id\": \"x\", \"text\": \"<p>kept as text</p>\"}\n");
  std::vector<CorpusDocument> docs;
  ASSERT_TRUE(ReadCorpus(path, [&](CorpusDocument&& d) {
                docs.push_back(std::move(d));
                return Status::Ok();
              }).ok());
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_FALSE(docs[0].html);
  EXPECT_EQ(docs[0].text, "<p>kept as text</p>");
}

}  // namespace
}  // namespace unspin
