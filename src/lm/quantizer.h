// Codebook: maps float values to small integer codes. Exact (one code per
// distinct value) when there are at most 2^16 distinct values, as in models
// that were quantised before (sphinx); otherwise 2^16 bins of equal population
// whose representative is the mean of their members.
#ifndef UNSPIN_LM_QUANTIZER_H_
#define UNSPIN_LM_QUANTIZER_H_

#include <cstdint>
#include <vector>

namespace unspin {

class Codebook {
 public:
  static constexpr uint32_t kMaxCodes = 1u << 16;

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
