#include "lm/sphinx_reader.h"

#include <cmath>
#include <cstring>
#include <vector>

#include "base/file_util.h"
#include "lm/bit_packing.h"

namespace unspin {
namespace {

constexpr double kLog10Of1_0001 = 4.342727686266485e-05;
constexpr size_t kQuantBins = 65536;

float ToLog10(float units) {
  double v = static_cast<double>(units) * kLog10Of1_0001;
  if (std::fabs(v + 99.0) < 1e-4) v = -99.0;  // <s>: float32 rounding of -99
  return static_cast<float>(v);
}

class SphinxParser {
 public:
  SphinxParser(std::string_view bytes, const std::string& name) : b_(bytes), name_(name) {}

  Status Parse(NgramTable* table) {
    UNSPIN_RETURN_IF_ERROR(ReadHeader());
    UNSPIN_RETURN_IF_ERROR(LocateSections());
    UNSPIN_RETURN_IF_ERROR(ReadVocabulary(table));
    UNSPIN_RETURN_IF_ERROR(CheckRanges());
    Enumerate(table);
    return Status::Ok();
  }

 private:
  struct Level {  // one bit-packed array of order n >= 2
    const uint8_t* data = nullptr;
    const float* prob_table = nullptr;
    const float* bo_table = nullptr;  // null for the top order
    unsigned word_bits = 0, next_bits = 0, record_bits = 0;
    uint64_t real_count = 0;  // records actually present (from sentinels)
    uint64_t Word(uint64_t i) const { return ReadBits(data, i * record_bits, word_bits); }
    float Prob(uint64_t i) const {
      unsigned off = word_bits + (bo_table ? 16 : 0);
      return prob_table[ReadBits(data, i * record_bits + off, 16)];
    }
    float Backoff(uint64_t i) const {
      return bo_table ? bo_table[ReadBits(data, i * record_bits + word_bits, 16)] : 0.0f;
    }
    uint64_t Next(uint64_t i) const {
      return ReadBits(data, i * record_bits + word_bits + 32, next_bits);
    }
  };

  Status Corrupt(const std::string& what) const {
    return Status::Corruption(name_ + ": sphinx LM: " + what);
  }

  Status Need(size_t end, const char* what) const {
    if (end > b_.size()) {
      return Corrupt(std::string("file is truncated inside the ") + what + " (needs " +
                     std::to_string(end) + " bytes, has " + std::to_string(b_.size()) + ")");
    }
    return Status::Ok();
  }

  uint32_t U32(size_t off) const {
    uint32_t v;
    std::memcpy(&v, b_.data() + off, 4);
    return v;
  }

  Status ReadHeader() {
    if (b_.size() < kSphinxMagic.size() + 1 || b_.substr(0, kSphinxMagic.size()) != kSphinxMagic) {
      return Corrupt("missing 'Trie Language Model' magic");
    }
    pos_ = kSphinxMagic.size();
    order_ = static_cast<uint8_t>(b_[pos_++]);
    if (order_ < 2 || order_ > kMaxOrder) {
      return Corrupt("order " + std::to_string(order_) + " is outside 2.." +
                     std::to_string(kMaxOrder));
    }
    UNSPIN_RETURN_IF_ERROR(Need(pos_ + 4 * order_ + 4, "header"));
    for (int k = 0; k < order_; ++k, pos_ += 4) counts_[k] = U32(pos_);
    pos_ += 4;  // leftover quantiser-type marker
    if (counts_[0] == 0) return Corrupt("no unigrams");
    return Status::Ok();
  }

  Status LocateSections() {
    // Quantisation tables: (prob, backoff) for middle orders, then prob for top.
    size_t n_tables = 2 * (order_ - 2) + 1;
    UNSPIN_RETURN_IF_ERROR(Need(pos_ + n_tables * kQuantBins * 4, "quantisation tables"));
    for (int k = 2; k <= order_; ++k) {
      Level& lv = levels_[k];
      lv.prob_table = Table();
      if (k < order_) lv.bo_table = Table();
    }
    // Tables were decoded into tables_ storage; pos_ is past them now.
    uni_off_ = pos_;
    UNSPIN_RETURN_IF_ERROR(Need(uni_off_ + (size_t{counts_[0]} + 1) * 12, "unigram array"));
    pos_ = uni_off_ + (size_t{counts_[0]} + 1) * 12;
    unsigned word_bits = BitLength(counts_[0]);
    for (int k = 2; k <= order_; ++k) {
      Level& lv = levels_[k];
      lv.word_bits = word_bits;
      lv.next_bits = (k < order_) ? BitLength(counts_[k]) : 0;
      lv.record_bits = word_bits + 16 + (k < order_ ? 16 + lv.next_bits : 0);
      size_t bytes = ((uint64_t{counts_[k - 1]} + 1) * lv.record_bits + 7) / 8 + 8;
      UNSPIN_RETURN_IF_ERROR(Need(pos_ + bytes, "n-gram arrays"));
      lv.data = reinterpret_cast<const uint8_t*>(b_.data() + pos_);
      pos_ += bytes;
    }
    return Status::Ok();
  }

  const float* Table() {
    tables_.emplace_back(kQuantBins);
    std::vector<float>& t = tables_.back();
    for (size_t i = 0; i < kQuantBins; ++i, pos_ += 4) {
      float units;
      std::memcpy(&units, b_.data() + pos_, 4);
      t[i] = ToLog10(units);
    }
    return t.data();
  }

  Status ReadVocabulary(NgramTable* table) {
    UNSPIN_RETURN_IF_ERROR(Need(pos_ + 4, "vocabulary length"));
    uint32_t len = U32(pos_);
    pos_ += 4;
    UNSPIN_RETURN_IF_ERROR(Need(pos_ + len, "vocabulary"));
    std::string_view block = b_.substr(pos_, len);
    table->words.clear();
    table->words.reserve(counts_[0]);
    size_t start = 0;
    while (start < block.size()) {
      size_t nul = block.find('\0', start);
      if (nul == std::string_view::npos) return Corrupt("vocabulary word without a NUL");
      table->words.emplace_back(block.substr(start, nul - start));
      start = nul + 1;
    }
    if (table->words.size() != counts_[0]) {
      return Corrupt("vocabulary holds " + std::to_string(table->words.size()) +
                     " words, header says " + std::to_string(counts_[0]));
    }
    return Status::Ok();
  }

  uint32_t UniNext(uint64_t w) const { return U32(uni_off_ + w * 12 + 8); }
  float UniField(uint64_t w, int k) const {
    float v;
    std::memcpy(&v, b_.data() + uni_off_ + w * 12 + 4 * k, 4);
    return ToLog10(v);
  }

  // Checks that child pointers never decrease and stay inside the arrays,
  // and that every stored word id is a vocabulary id. Real counts come from
  // the sentinels (the Debian file's header overstates its bigram count).
  Status CheckRanges() {
    const uint64_t v = counts_[0];
    uint64_t prev = 0;
    for (uint64_t w = 0; w <= v; ++w) {
      uint64_t nx = UniNext(w);
      if (nx < prev) return Corrupt("unigram child pointers decrease at word " + std::to_string(w));
      prev = nx;
    }
    uint64_t real = UniNext(v);
    for (int k = 2; k <= order_; ++k) {
      Level& lv = levels_[k];
      if (real > counts_[k - 1]) {
        return Corrupt(std::to_string(k) + "-gram count " + std::to_string(real) +
                       " exceeds the header's " + std::to_string(counts_[k - 1]));
      }
      lv.real_count = real;
      for (uint64_t i = 0; i < real; ++i) {
        if (lv.Word(i) >= v)
          return Corrupt("word id out of range in a " + std::to_string(k) + "-gram");
      }
      if (k < order_) {
        uint64_t p = 0;
        for (uint64_t i = 0; i <= real; ++i) {
          uint64_t nx = lv.Next(i);
          if (nx < p) return Corrupt(std::to_string(k) + "-gram child pointers decrease");
          p = nx;
        }
        real = lv.Next(real);
      }
    }
    return Status::Ok();
  }

  // Walks the trie from each last word backwards, emitting n-grams in natural
  // (oldest word first) order.
  void Enumerate(NgramTable* table) {
    table->orders.assign(order_, NgramOrder());
    NgramOrder& uni = table->orders[0];
    uni.n = 1;
    for (uint64_t w = 0; w < counts_[0]; ++w) {
      uni.ids.push_back(static_cast<WordId>(w));
      uni.prob.push_back(UniField(w, 0));
      uni.backoff.push_back(UniField(w, 1));
    }
    for (int k = 2; k <= order_; ++k) {
      NgramOrder& ord = table->orders[k - 1];
      ord.n = k;
      ord.ids.reserve(levels_[k].real_count * k);
      ord.prob.reserve(levels_[k].real_count);
      ord.backoff.reserve(levels_[k].real_count);
    }
    WordId path[kMaxOrder];
    for (uint64_t w = 0; w < counts_[0]; ++w) {
      path[0] = static_cast<WordId>(w);
      Walk(table, 2, UniNext(w), UniNext(w + 1), path);
    }
  }

  void Walk(NgramTable* table, int k, uint64_t lo, uint64_t hi, WordId* path) {
    const Level& lv = levels_[k];
    NgramOrder& ord = table->orders[k - 1];
    for (uint64_t i = lo; i < hi; ++i) {
      path[k - 1] = static_cast<WordId>(lv.Word(i));
      for (int j = k - 1; j >= 0; --j) ord.ids.push_back(path[j]);  // oldest first
      ord.prob.push_back(lv.Prob(i));
      ord.backoff.push_back(lv.Backoff(i));
      if (k < order_) Walk(table, k + 1, lv.Next(i), lv.Next(i + 1), path);
    }
  }

  std::string_view b_;
  const std::string& name_;
  size_t pos_ = 0;
  int order_ = 0;
  uint32_t counts_[kMaxOrder] = {};
  size_t uni_off_ = 0;
  Level levels_[kMaxOrder + 1];
  std::vector<std::vector<float>> tables_;
};

}  // namespace

Status ParseSphinx(std::string_view bytes, const std::string& name, NgramTable* table) {
  NgramTable result;
  SphinxParser parser(bytes, name);
  UNSPIN_RETURN_IF_ERROR(parser.Parse(&result));
  *table = std::move(result);
  return Status::Ok();
}

Status ReadSphinx(const std::string& path, NgramTable* table) {
  MappedFile file;
  UNSPIN_RETURN_IF_ERROR(MappedFile::Open(path, &file));
  return ParseSphinx(file.view(), path, table);
}

}  // namespace unspin
