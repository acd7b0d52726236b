// The section container: what is added (owned or viewed) reads back byte
// for byte at aligned offsets, and a damaged section is caught.
#include "base/section_file.h"

#include <gtest/gtest.h>

#include "base/file_util.h"
#include "tests/test_util.h"

namespace unspin {
namespace {

TEST(SectionFileTest, OwnedAndViewedSectionsReadBack) {
  const std::string viewed(1000, 'v');
  SectionFileWriter w;
  w.Add("small", "abc");
  w.AddView("big", viewed);
  w.Add("empty", "");
  w.AddView("tail", "xyz");
  const std::string path = testing_util::TempPath("sections.bin");
  ASSERT_TRUE(w.Write(path).ok());
  std::shared_ptr<const SectionFile> f;
  ASSERT_TRUE(SectionFile::Open(path, &f).ok());
  std::string_view got;
  ASSERT_TRUE(f->Get("small", &got).ok());
  EXPECT_EQ(got, "abc");
  ASSERT_TRUE(f->Get("big", &got).ok());
  EXPECT_EQ(got, viewed);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(got.data()) % kSectionAlignment, 0u);
  ASSERT_TRUE(f->Get("empty", &got).ok());
  EXPECT_EQ(got, "");
  ASSERT_TRUE(f->Get("tail", &got).ok());
  EXPECT_EQ(got, "xyz");
  EXPECT_EQ(f->size() % kSectionAlignment, 0u);
}

TEST(SectionFileTest, DamagedSectionFailsItsChecksum) {
  SectionFileWriter w;
  w.AddView("data", "0123456789");
  const std::string path = testing_util::TempPath("damaged.bin");
  ASSERT_TRUE(w.Write(path).ok());
  std::string bytes = testing_util::ReadAll(path);
  bytes[bytes.find("0123456789") + 3] ^= 1;
  ASSERT_TRUE(WriteFileAtomically(path, bytes).ok());
  std::shared_ptr<const SectionFile> f;
  ASSERT_TRUE(SectionFile::Open(path, &f).ok());
  std::string_view got;
  Status s = f->Get("data", &got);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("damaged.bin"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace unspin
