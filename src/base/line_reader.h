// LineReader: reads a text file line by line in bounded memory, decompressing
// zstd (.zst) and gzip (.gz) input transparently, detected by magic bytes.
#ifndef UNSPIN_BASE_LINE_READER_H_
#define UNSPIN_BASE_LINE_READER_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "unspin/status.h"

namespace unspin {

// A source of raw bytes. Read returns the number of bytes read (0 at end).
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual Status Read(char* buf, size_t cap, size_t* got) = 0;
};

// Opens `path` ("-" is standard input), decompressing zstd/gzip by magic.
Status OpenByteSource(const std::string& path, std::unique_ptr<ByteSource>* out);

// Splits in-memory text into lines without their "\n" (and a trailing
// "\r"); a final line without "\n" is included, an empty last piece is not.
std::vector<std::string_view> SplitLines(std::string_view text);

class LineReader {
 public:
  // Lines longer than `max_line_bytes` are an error (binary junk, wrong file).
  static constexpr size_t kDefaultMaxLine = 16u << 20;

  static Status Open(const std::string& path, std::unique_ptr<LineReader>* out,
                     size_t max_line_bytes = kDefaultMaxLine);

  // Sets *line to the next line without its "\n" (and a trailing "\r").
  // Returns false at end of input or on error; check status() afterwards.
  // The view is valid until the next call.
  bool Next(std::string_view* line);

  const Status& status() const { return status_; }
  // 1-based number of the line last returned.
  size_t line_number() const { return line_number_; }
  const std::string& path() const { return path_; }

 private:
  LineReader(std::string path, std::unique_ptr<ByteSource> src, size_t max_line);
  bool Fill();

  std::string path_;
  std::unique_ptr<ByteSource> src_;
  size_t max_line_;
  std::string buf_;
  size_t pos_ = 0;
  bool eof_ = false;
  size_t line_number_ = 0;
  Status status_;
};

}  // namespace unspin

#endif  // UNSPIN_BASE_LINE_READER_H_
