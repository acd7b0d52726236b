#include "lm/quantizer.h"

#include <algorithm>

#include "lm/bit_packing.h"

namespace unspin {

Codebook::Codebook(std::vector<float> values) {
  std::sort(values.begin(), values.end());
  std::vector<uint32_t> counts;
  for (float v : values) {
    if (uniques_.empty() || uniques_.back() != v) {
      uniques_.push_back(v);
      counts.push_back(0);
    }
    ++counts.back();
  }
  if (uniques_.empty()) uniques_.push_back(0.0f), counts.push_back(1);
  code_of_.resize(uniques_.size());
  if (uniques_.size() <= kMaxCodes) {
    // The most common values get the lowest codes, so the entries a query
    // reads cluster in few cache lines of the table.
    std::vector<uint32_t> order(uniques_.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return counts[a] > counts[b]; });
    table_.resize(uniques_.size());
    for (uint32_t code = 0; code < order.size(); ++code) {
      table_[code] = uniques_[order[code]];
      code_of_[order[code]] = code;
    }
  } else {
    // Equal-population bins over the sorted values; a distinct value never
    // straddles two bins. Each bin decodes to the mean of its members.
    exact_ = false;
    const double per_bin = static_cast<double>(values.size()) / kMaxCodes;
    double sum = 0, filled = 0;
    uint64_t members = 0;
    for (size_t i = 0; i < uniques_.size(); ++i) {
      uint32_t code = static_cast<uint32_t>(table_.size());
      code_of_[i] = code;
      sum += static_cast<double>(uniques_[i]) * counts[i];
      members += counts[i];
      filled += counts[i];
      size_t remaining_unique = uniques_.size() - i - 1;
      size_t remaining_codes = kMaxCodes - table_.size() - 1;
      bool close = filled >= per_bin * (table_.size() + 1) || remaining_unique <= remaining_codes;
      if (close || i + 1 == uniques_.size()) {
        table_.push_back(static_cast<float>(sum / members));
        sum = 0;
        members = 0;
      }
    }
  }
  bits_ = std::max(1u, BitLength(table_.size() - 1));
}

uint32_t Codebook::Encode(float v) const {
  auto it = std::lower_bound(uniques_.begin(), uniques_.end(), v);
  if (it == uniques_.end()) --it;
  return code_of_[it - uniques_.begin()];
}

}  // namespace unspin
