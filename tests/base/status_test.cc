#include "unspin/status.h"

#include <gtest/gtest.h>

namespace unspin {
namespace {

Status Fails() { return Status::Corruption("bad.bin: checksum mismatch"); }
Status Propagates() {
  UNSPIN_RETURN_IF_ERROR(Fails());
  return Status::Ok();
}

TEST(StatusTest, OkAndErrors) {
  EXPECT_TRUE(Status().ok());
  EXPECT_EQ(Status().ToString(), "OK");
  Status s = Fails();
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  EXPECT_EQ(s.message(), "bad.bin: checksum mismatch");
  EXPECT_EQ(s.ToString(), "corrupt: bad.bin: checksum mismatch");
}

TEST(StatusTest, CopyContextAndPropagation) {
  Status s = Propagates();
  Status copy = s;
  EXPECT_EQ(copy.message(), s.message());
  EXPECT_EQ(s.WithContext("loading").message(), "loading: bad.bin: checksum mismatch");
  EXPECT_TRUE(Status().WithContext("x").ok());
  copy = Status();
  EXPECT_TRUE(copy.ok());
}

}  // namespace
}  // namespace unspin
