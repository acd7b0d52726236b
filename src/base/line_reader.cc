#include "base/line_reader.h"

#include <zlib.h>
#include <zstd.h>

#include <cstdio>
#include <cstring>
#include <vector>

#include "base/file_util.h"

namespace unspin {
namespace {

// gzip-or-plain source: zlib reads uncompressed files transparently.
class GzSource : public ByteSource {
 public:
  GzSource(gzFile f, std::string path) : f_(f), path_(std::move(path)) {}
  ~GzSource() override { gzclose(f_); }
  Status Read(char* buf, size_t cap, size_t* got) override {
    int n = gzread(f_, buf, static_cast<unsigned>(cap));
    if (n < 0) {
      int errnum = 0;
      const char* msg = gzerror(f_, &errnum);
      return Status::Corruption(path_ + ": " + (msg ? msg : "read failed"));
    }
    *got = static_cast<size_t>(n);
    return Status::Ok();
  }

 private:
  gzFile f_;
  std::string path_;
};

class ZstdSource : public ByteSource {
 public:
  ZstdSource(std::unique_ptr<ByteSource> raw, std::string path)
      : raw_(std::move(raw)), path_(std::move(path)), in_buf_(ZSTD_DStreamInSize()) {
    ds_ = ZSTD_createDStream();
    ZSTD_initDStream(ds_);
  }
  ~ZstdSource() override { ZSTD_freeDStream(ds_); }

  Status Read(char* buf, size_t cap, size_t* got) override {
    ZSTD_outBuffer out{buf, cap, 0};
    while (out.pos == 0) {
      if (in_.pos == in_.size) {
        size_t n = 0;
        UNSPIN_RETURN_IF_ERROR(raw_->Read(in_buf_.data(), in_buf_.size(), &n));
        if (n == 0) {
          if (!frame_done_) return Status::Corruption(path_ + ": truncated zstd stream");
          break;
        }
        in_ = ZSTD_inBuffer{in_buf_.data(), n, 0};
      }
      size_t r = ZSTD_decompressStream(ds_, &out, &in_);
      if (ZSTD_isError(r)) {
        return Status::Corruption(path_ + ": zstd: " + ZSTD_getErrorName(r));
      }
      frame_done_ = (r == 0);
    }
    *got = out.pos;
    return Status::Ok();
  }

 private:
  std::unique_ptr<ByteSource> raw_;
  std::string path_;
  std::vector<char> in_buf_;
  ZSTD_inBuffer in_{nullptr, 0, 0};
  ZSTD_DStream* ds_;
  bool frame_done_ = true;
};

// Raw bytes with a pushed-back prefix (the sniffed magic).
class PrefixedSource : public ByteSource {
 public:
  PrefixedSource(std::string prefix, std::unique_ptr<ByteSource> rest)
      : prefix_(std::move(prefix)), rest_(std::move(rest)) {}
  Status Read(char* buf, size_t cap, size_t* got) override {
    if (pos_ < prefix_.size()) {
      size_t n = std::min(cap, prefix_.size() - pos_);
      std::memcpy(buf, prefix_.data() + pos_, n);
      pos_ += n;
      *got = n;
      return Status::Ok();
    }
    return rest_->Read(buf, cap, got);
  }

 private:
  std::string prefix_;
  size_t pos_ = 0;
  std::unique_ptr<ByteSource> rest_;
};

bool IsZstdMagic(std::string_view head) {
  return head.size() >= 4 && static_cast<unsigned char>(head[0]) == 0x28 &&
         static_cast<unsigned char>(head[1]) == 0xB5 &&
         static_cast<unsigned char>(head[2]) == 0x2F && static_cast<unsigned char>(head[3]) == 0xFD;
}

}  // namespace

Status OpenByteSource(const std::string& path, std::unique_ptr<ByteSource>* out) {
  bool is_stdin = (path == "-");
  if (!is_stdin && !FileExists(path)) {
    if (IsFolder(path)) return Status::InvalidArgument(path + ": is a folder, not a file");
    return Status::NotFound(path + ": no such file");
  }
  gzFile f = is_stdin ? gzdopen(dup(0), "rb") : gzopen(path.c_str(), "rb");
  if (f == nullptr) return Status::IoError(path + ": cannot open");
  gzbuffer(f, 1 << 17);
  auto gz = std::make_unique<GzSource>(f, path);
  // Sniff 4 bytes: zlib passes zstd data through untouched, so detect it here.
  std::string head(4, '\0');
  size_t got = 0, total = 0;
  while (total < 4) {
    UNSPIN_RETURN_IF_ERROR(gz->Read(head.data() + total, 4 - total, &got));
    if (got == 0) break;
    total += got;
  }
  head.resize(total);
  std::unique_ptr<ByteSource> src = std::make_unique<PrefixedSource>(head, std::move(gz));
  if (IsZstdMagic(head)) src = std::make_unique<ZstdSource>(std::move(src), path);
  *out = std::move(src);
  return Status::Ok();
}

LineReader::LineReader(std::string path, std::unique_ptr<ByteSource> src, size_t max_line)
    : path_(std::move(path)), src_(std::move(src)), max_line_(max_line) {}

Status LineReader::Open(const std::string& path, std::unique_ptr<LineReader>* out,
                        size_t max_line_bytes) {
  std::unique_ptr<ByteSource> src;
  UNSPIN_RETURN_IF_ERROR(OpenByteSource(path, &src));
  out->reset(new LineReader(path, std::move(src), max_line_bytes));
  return Status::Ok();
}

bool LineReader::Fill() {
  if (pos_ > 0) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  size_t old = buf_.size();
  buf_.resize(old + (1 << 17));
  size_t got = 0;
  status_ = src_->Read(buf_.data() + old, 1 << 17, &got);
  buf_.resize(old + got);
  if (!status_.ok()) return false;
  if (got == 0) eof_ = true;
  return got > 0;
}

bool LineReader::Next(std::string_view* line) {
  if (!status_.ok()) return false;
  size_t scan_from = pos_;
  for (;;) {
    size_t nl = buf_.find('\n', scan_from);
    if (nl != std::string::npos) {
      size_t end = nl;
      if (end > pos_ && buf_[end - 1] == '\r') --end;
      *line = std::string_view(buf_).substr(pos_, end - pos_);
      pos_ = nl + 1;
      ++line_number_;
      return true;
    }
    if (buf_.size() - pos_ > max_line_) {
      status_ = Status::Corruption(path_ + ":" + std::to_string(line_number_ + 1) +
                                   ": line longer than " + std::to_string(max_line_) +
                                   " bytes (binary data or a wrong file? a document this "
                                   "long goes in a file of its own, which is streamed)");
      return false;
    }
    size_t scanned = buf_.size() - pos_;  // bytes known to hold no newline
    if (eof_ || !Fill()) {
      if (!status_.ok()) return false;
      if (pos_ >= buf_.size()) return false;
      size_t end = buf_.size();
      if (end > pos_ && buf_[end - 1] == '\r') --end;
      *line = std::string_view(buf_).substr(pos_, end - pos_);
      pos_ = buf_.size();
      ++line_number_;
      return true;
    }
    scan_from = pos_ + scanned;
  }
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

}  // namespace unspin
