// Codebook: maps float values to small integer codes. Exact (one code per
// distinct value) when there are at most 2^20 distinct values, which covers
// models quantised before (sphinx: 2^16) and most ARPA files; otherwise 2^20
// bins of equal population whose representative is the mean of their members
// (for values spread over 7 log10 units, errors of a few 1e-6, at most a
// few 1e-5).
#ifndef UNSPIN_LM_QUANTIZER_H_
#define UNSPIN_LM_QUANTIZER_H_

#include <cstdint>
#include <vector>

namespace unspin {

class Codebook {
 public:
  static constexpr uint32_t kMaxCodes = 1u << 20;

  // Builds a codebook for `values` (which may be empty).
  explicit Codebook(std::vector<float> values);

  uint32_t Encode(float v) const;
  unsigned bits() const { return bits_; }
  bool exact() const { return exact_; }
  // The decoded value of each code.
  const std::vector<float>& table() const { return table_; }

 private:
  std::vector<float> uniques_;     // sorted distinct input values
  std::vector<uint32_t> code_of_;  // code of each distinct value
  std::vector<float> table_;
  unsigned bits_ = 0;
  bool exact_ = true;
};

}  // namespace unspin

#endif  // UNSPIN_LM_QUANTIZER_H_
