// File helpers: memory-mapped reading, whole-file reading, atomic writing.
#ifndef UNSPIN_BASE_FILE_UTIL_H_
#define UNSPIN_BASE_FILE_UTIL_H_

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "unspin/status.h"

namespace unspin {

// A read-only memory mapping of a whole file. Movable, not copyable.
// The bytes stay valid until the object is destroyed.
class MappedFile {
 public:
  MappedFile() = default;
  ~MappedFile();
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  // Maps `path`. An empty file maps to size 0 and a null data pointer.
  static Status Open(const std::string& path, MappedFile* out);

  const char* data() const { return data_; }
  size_t size() const { return size_; }
  std::string_view view() const { return {data_, size_}; }

 private:
  void Reset();
  const char* data_ = nullptr;
  size_t size_ = 0;
};

// Reads the whole file (or standard input for "-") into *out.
Status ReadFileToString(const std::string& path, std::string* out);

// Reads the first `n` bytes of `path` (fewer if the file is shorter).
Status ReadFilePrefix(const std::string& path, size_t n, std::string* out);

// Writes `data` to `path` atomically: a temporary file beside it is written,
// flushed to disk and renamed over `path`. Readers see the old file or the
// new one, never a mix; on failure `path` is untouched.
Status WriteFileAtomically(const std::string& path, std::string_view data);
// The same for a file made of consecutive pieces (written without joining them).
Status WriteFileAtomically(const std::string& path, std::span<const std::string_view> pieces);

bool FileExists(const std::string& path);
// Whether `path` names a folder.
bool IsFolder(const std::string& path);

// The last component of a path ("dir/learned.tsv/" -> "learned.tsv").
std::string BaseName(const std::string& path);

}  // namespace unspin

#endif  // UNSPIN_BASE_FILE_UTIL_H_
