// Which alternative of a spintax group ("{quick|fast|rapid}", text/spintax.h)
// was the original: detect suggests it and restore writes it.
#ifndef UNSPIN_DECODE_SPINTAX_CHOICE_H_
#define UNSPIN_DECODE_SPINTAX_CHOICE_H_

#include <string>
#include <vector>

#include "text/spintax.h"
#include "unspin/language_model.h"
#include "unspin/text.h"

namespace unspin {

struct SpintaxChoice {
  SpintaxGroup group;
  size_t chosen = 0;  // index into group.alternatives
  std::string text;   // the chosen alternative's bytes, as written
  // Per alternative: log10 of the LM over it and the (up to) two words after
  // the group, and its prior (the channel: spinning tools write the original
  // first, so the first alternative is twice as likely as each other one:
  // 2/(n+1) and 1/(n+1) of n alternatives).
  std::vector<double> lm_log10, prior_log10;
};

// The spintax groups of `s` with their originals, chosen left to right: each
// alternative scored by the LM after the words before the group (earlier
// groups as chosen) through the two words after it (a later group read as
// its first alternative), plus its prior; the best is chosen. Words the LM
// does not know cost the decoder's oov_log10.
void ChooseSpintax(const LanguageModel& lm, const Sentence& s, std::vector<SpintaxChoice>* out);

}  // namespace unspin

#endif  // UNSPIN_DECODE_SPINTAX_CHOICE_H_
