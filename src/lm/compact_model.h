// The query side of the compact format: LanguageModel::Impl reads an image
// (memory-mapped or owned) in place.
#ifndef UNSPIN_LM_COMPACT_MODEL_H_
#define UNSPIN_LM_COMPACT_MODEL_H_

#include <memory>
#include <string>
#include <string_view>

#include "base/file_util.h"
#include "lm/compact_format.h"
#include "lm/hashed_level.h"
#include "unspin/language_model.h"

namespace unspin {

struct LanguageModel::Impl {
  struct Level {
    HashedLevel table;
    const float* prob = nullptr;
    const float* bo = nullptr;
    float Prob(const HashedLevel::Hit& h) const { return prob[table.ProbCode(h)]; }
    float Backoff(const HashedLevel::Hit& h) const { return bo[table.BackoffCode(h)]; }
  };

  // Points the fields at a validated image. `name` is used in errors.
  Status Attach(std::string_view image, const std::string& name);

  MappedFile file;                    // backing storage when mapped
  std::shared_ptr<const void> owner;  // backing storage when part of a larger image
  std::string owned;                  // backing storage when built in memory
  const CompactHeader* header = nullptr;
  const UnigramRecord* uni = nullptr;
  const uint32_t* vocab_offsets = nullptr;
  const char* vocab_strings = nullptr;
  const uint32_t* vocab_hash = nullptr;
  uint64_t hash_mask = 0;
  Level levels[kMaxOrder + 1];  // levels[n] for order n >= 2
  int order = 0;
  uint32_t vocab_size = 0;
  WordId oov = 0, bos = kNoWord, eos = kNoWord;
  float oov_log10 = kOovLog10;
  LmInfo info;
};

// Validates an image's header, size and checksums, then attaches `impl`.
Status AttachCompactImage(std::string_view image, const std::string& name,
                          LanguageModel::Impl* impl);

// The compact-format bytes behind a loaded model (whatever it was loaded
// from); valid while the model lives.
std::string_view CompactImageOf(const LanguageModel& lm);

}  // namespace unspin

#endif  // UNSPIN_LM_COMPACT_MODEL_H_
