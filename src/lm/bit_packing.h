// Reading and writing little-endian bit-packed fields of up to 57 bits.
// Arrays that are read this way carry 8 bytes of slack after their last
// record so that an unaligned 8-byte load never runs past the end.
#ifndef UNSPIN_LM_BIT_PACKING_H_
#define UNSPIN_LM_BIT_PACKING_H_

#include <cstdint>
#include <cstring>

namespace unspin {

inline uint64_t ReadBits(const uint8_t* base, uint64_t bit, unsigned width) {
  uint64_t word;
  std::memcpy(&word, base + (bit >> 3), sizeof(word));
  return (word >> (bit & 7)) & ((uint64_t{1} << width) - 1);
}

// REQUIRES: value < 2^width; the target bits are zero.
inline void WriteBits(uint8_t* base, uint64_t bit, unsigned width, uint64_t value) {
  uint64_t word;
  std::memcpy(&word, base + (bit >> 3), sizeof(word));
  word |= (value & ((uint64_t{1} << width) - 1)) << (bit & 7);
  std::memcpy(base + (bit >> 3), &word, sizeof(word));
}

// Number of binary digits of x: 0 for 0, floor(log2 x) + 1 otherwise.
inline unsigned BitLength(uint64_t x) {
  return x == 0 ? 0u : 64u - static_cast<unsigned>(__builtin_clzll(x));
}

}  // namespace unspin

#endif  // UNSPIN_LM_BIT_PACKING_H_
