// Detection over sentences someone has decoded already (restore does, and
// gates its edits with the result), so the decoder runs once for both.
#ifndef UNSPIN_DETECT_DETECT_DECODED_H_
#define UNSPIN_DETECT_DETECT_DECODED_H_

#include <vector>

#include "decode/sentence_decoder.h"
#include "unspin/detector.h"

namespace unspin {

// As Detector::Detect on the sentences' text, given each sentence's decoding
// by a decoder that keeps edits of every positive margin, as the detector's
// does (restore's searches wider, 2 states of 16 against 2 of 8: the word
// model reads either alike, README Performance). The edits are read only
// when the detector's parameters read decoder evidence (restore's gate
// sets those); on local evidence only the sentences' words are. Offsets are
// absolute, as the sentences' are. REQUIRES: the decoder's LM is the one the
// detector reads (the pack's, or DetectOptions::pack_lm on a pack that keeps
// a detector LM, as restore's gate sets).
void DetectDecoded(const Detector& detector, const std::vector<Sentence>& sentences,
                   const std::vector<DecodedSentence>& decoded, DetectReport* out);

}  // namespace unspin

#endif  // UNSPIN_DETECT_DETECT_DECODED_H_
