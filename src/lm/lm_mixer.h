// Static linear interpolation of two backoff language models into one (as
// SRILM's `ngram -mix-lm -write-lm`): a general model and a domain model
// estimated from the user's own text (lm build).
//
// Contract: the mixed model holds the union of both models' n-grams and
// vocabularies; at every n-gram either model lists, its probability is
//   P(w | h) = weight * P_domain(w | h) + (1 - weight) * P_base(w | h),
// each side with its full backoff; elsewhere it backs off with weights
// recomputed so that each context's listed and backed-off mass sum to one.
// A word one model lacks gets kMixOovLog10 from it (its <unk> when it has one).
#ifndef UNSPIN_LM_LM_MIXER_H_
#define UNSPIN_LM_LM_MIXER_H_

#include "lm/ngram_table.h"
#include "unspin/status.h"

namespace unspin {

// log10 P of a word a mixed model's side does not know (the decoder's cost
// of a word its LM lacks).
inline constexpr float kMixOovLog10 = -7.0f;

// `base_lm` answers queries over `base` (ModelFromTable of a copy, or the
// file `base` was read from). REQUIRES: 0 < domain_weight < 1.
Status MixModels(const NgramTable& base, const LanguageModel& base_lm, const NgramTable& domain,
                 double domain_weight, NgramTable* out);

}  // namespace unspin

#endif  // UNSPIN_LM_LM_MIXER_H_
