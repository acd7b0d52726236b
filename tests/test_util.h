// Helpers shared by the tests: temporary files and paths to shared data.
#ifndef UNSPIN_TESTS_TEST_UTIL_H_
#define UNSPIN_TESTS_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "unspin/model.h"

namespace unspin::testing_util {

// A fresh path under the test temp directory (unique per call): whatever an
// earlier run left there under a recycled process id is removed first.
inline std::string TempPath(const std::string& name) {
  static int counter = 0;
  std::string path = ::testing::TempDir() + "unspin_" + std::to_string(::getpid()) + "_" +
                     std::to_string(counter++) + "_" + name;
  std::error_code ignored;
  std::filesystem::remove_all(path, ignored);
  return path;
}

inline std::string WriteTemp(const std::string& name, std::string_view content) {
  std::string path = TempPath(name);
  std::ofstream out(path, std::ios::binary);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  return path;
}

inline std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// shared/data lives beside the repository (tests and evaluation only).
inline std::string SharedData(const std::string& rel) {
  return std::string(UNSPIN_SOURCE_DIR) + "/../shared/data/" + rel;
}

// The default model pack beside the binary under test (scripts/test.sh
// builds it before the tests run).
inline std::string DefaultPackPath() {
  std::string bin = UNSPIN_BINARY_PATH;
  return bin.substr(0, bin.rfind('/')) + "/en-us.unspin";
}

// A test suite that opens the default model pack once, as `model_`.
class DefaultPackTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Status s = Model::Open(DefaultPackPath(), &model_);
    ASSERT_TRUE(s.ok()) << s.message() << " (run ./scripts/build_model.sh first)";
  }
  static void TearDownTestSuite() { model_.reset(); }
  static inline std::unique_ptr<Model> model_;
};

// `text` with every `every`-th space-separated word disguised: its first
// "a", "e" or "o" written as the Cyrillic letter drawn alike. `count`, when
// given, receives how many words were disguised.
inline std::string DisguiseEveryNthWord(std::string_view text, size_t every,
                                        size_t* count = nullptr) {
  std::string out;
  size_t word = 0, disguised = 0;
  bool in_word = false, done = false;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n';
    if (!space && !in_word) {
      ++word;
      done = false;
    }
    in_word = !space;
    if (!space && !done && word % every == 0 && (c == 'a' || c == 'e' || c == 'o')) {
      out += c == 'a' ? "\u0430" : c == 'e' ? "\u0435" : "\u043e";
      done = true;
      ++disguised;
      continue;
    }
    out += c;
  }
  if (count != nullptr) *count = disguised;
  return out;
}

inline std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t b = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > b) out.push_back(s.substr(b, i - b));
  }
  return out;
}

}  // namespace unspin::testing_util

#endif  // UNSPIN_TESTS_TEST_UTIL_H_
