#include "base/file_util.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/test_util.h"

namespace unspin {
namespace {

TEST(FileUtilTest, AtomicWriteReplacesAndLeavesNoTemporary) {
  std::string path = testing_util::TempPath("atomic.bin");
  ASSERT_TRUE(WriteFileAtomically(path, "first").ok());
  ASSERT_TRUE(WriteFileAtomically(path, std::string(100000, 'z')).ok());
  EXPECT_EQ(testing_util::ReadAll(path), std::string(100000, 'z'));
  auto dir = std::filesystem::path(path).parent_path();
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    EXPECT_EQ(e.path().string().find(path + ".tmp"), std::string::npos) << e.path();
  }
}

TEST(FileUtilTest, AtomicWriteToMissingDirectoryFailsCleanly) {
  Status s = WriteFileAtomically("/nonexistent/dir/out.bin", "x");
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("/nonexistent/dir/out.bin"), std::string::npos);
}

TEST(FileUtilTest, MapAndRead) {
  std::string path = testing_util::WriteTemp("map.txt", "hello");
  MappedFile m;
  ASSERT_TRUE(MappedFile::Open(path, &m).ok());
  EXPECT_EQ(m.view(), "hello");
  MappedFile moved = std::move(m);
  EXPECT_EQ(moved.view(), "hello");
  EXPECT_EQ(MappedFile::Open("/nonexistent", &m).code(), Status::Code::kNotFound);
  std::string prefix;
  ASSERT_TRUE(ReadFilePrefix(path, 3, &prefix).ok());
  EXPECT_EQ(prefix, "hel");
  std::string empty = testing_util::WriteTemp("empty", "");
  ASSERT_TRUE(MappedFile::Open(empty, &m).ok());
  EXPECT_EQ(m.size(), 0u);
}

}  // namespace
}  // namespace unspin
