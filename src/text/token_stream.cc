// SentenceReader: tokenises a buffer of input, emits the complete sentences
// and keeps the unfinished tail, so memory stays bounded by the buffer size
// plus one sentence (itself bounded by SplitOptions::max_tokens).
#include "base/line_reader.h"
#include "text/text_check.h"
#include "unspin/text.h"

namespace unspin {
namespace {

constexpr size_t kChunkBytes = 1 << 16;

// Number of leading bytes of s that end on a complete UTF-8 sequence, so a
// code point is never split between two reads.
size_t CompletePrefix(std::string_view s) {
  size_t n = s.size();
  for (size_t back = 1; back <= 3 && back <= n; ++back) {
    unsigned char c = static_cast<unsigned char>(s[n - back]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte: keep looking
    size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

}  // namespace

SentenceReader::SentenceReader() = default;
SentenceReader::~SentenceReader() = default;

Status SentenceReader::Open(const std::string& path, std::unique_ptr<SentenceReader>* out) {
  std::unique_ptr<SentenceReader> r(new SentenceReader());
  UNSPIN_RETURN_IF_ERROR(OpenByteSource(path, &r->src_));
  // The input's first bytes are read now, so binary data is refused before
  // anything is written.
  while (r->buf_.size() < kTextCheckBytes && r->Refill()) {
  }
  UNSPIN_RETURN_IF_ERROR(r->status_);
  UNSPIN_RETURN_IF_ERROR(CheckReadableText(r->buf_, path));
  *out = std::move(r);
  return Status::Ok();
}

std::unique_ptr<SentenceReader> SentenceReader::FromString(std::string_view text) {
  std::unique_ptr<SentenceReader> r(new SentenceReader());
  r->mem_ = text;
  return r;
}

// Appends up to kChunkBytes of input to buf_. Returns false at end of input.
bool SentenceReader::Refill() {
  if (eof_) return false;
  size_t got = 0;
  if (src_ == nullptr) {
    got = std::min(kChunkBytes, mem_.size());
    buf_.append(mem_.substr(0, got));
    mem_.remove_prefix(got);
  } else {
    size_t old = buf_.size();
    buf_.resize(old + kChunkBytes);
    status_ = src_->Read(buf_.data() + old, kChunkBytes, &got);
    buf_.resize(old + got);
    if (!status_.ok()) return false;
  }
  if (got == 0) eof_ = true;
  if (got > 0 && progress_) progress_(buf_base_ + buf_.size());
  return got > 0;
}

bool SentenceReader::Next(Sentence* s) {
  if (!status_.ok()) return false;
  for (;;) {
    // Emit a finished sentence if one is ready. The last range is final only
    // at end of input.
    if (have_ranges_ && next_range_ + (eof_ ? 0 : 1) < ranges_.size()) {
      const SentenceRange& r = ranges_[next_range_++];
      uint64_t begin = tokens_[r.begin].begin, end = tokens_[r.end - 1].end();
      s->begin = begin;
      s->text.assign(buf_, begin - buf_base_, end - begin);
      s->tokens.assign(std::make_move_iterator(tokens_.begin() + r.begin),
                       std::make_move_iterator(tokens_.begin() + r.end));
      for (const Token& t : s->tokens) {
        if (t.invalid_utf8 && t.begin >= counted_upto_) {
          if (stats_.invalid_bytes == 0) stats_.first_invalid_offset = t.begin;
          stats_.invalid_bytes += t.size;
        }
      }
      counted_upto_ = end;
      return true;
    }
    // Drop what was emitted, read more, and tokenise the pending bytes again.
    if (have_ranges_ && next_range_ > 0) {
      uint64_t keep_from = tokens_[ranges_[next_range_ - 1].end - 1].end();
      buf_.erase(0, keep_from - buf_base_);
      buf_base_ = keep_from;
    }
    bool more = Refill();
    if (!status_.ok()) return false;
    if (!more && buf_.empty()) return false;
    size_t usable = eof_ ? buf_.size() : CompletePrefix(buf_);
    std::string_view view(buf_.data(), usable);
    tokens_.clear();
    Tokenize(view, buf_base_, &tokens_, nullptr);
    // The last token may continue in the next chunk: hold it back.
    if (!eof_ && !tokens_.empty()) tokens_.pop_back();
    SplitOptions opts;
    opts.at_end_of_input = eof_;
    ranges_ = tokens_.empty() ? std::vector<SentenceRange>()
                              : SplitSentences(view, buf_base_, tokens_, opts);
    next_range_ = 0;
    have_ranges_ = true;
    if (eof_ && ranges_.empty()) return false;
  }
}

}  // namespace unspin
