// The detector's parameters in a model pack: its own set in the "detector"
// section and, when its JSON carries a "decoded" member (the set fitted on a
// decoder's edits, which restore's gate reads), that member in a section of
// its own, so that each reader parses only the set it uses.
#ifndef UNSPIN_MODEL_DETECTOR_SECTIONS_H_
#define UNSPIN_MODEL_DETECTOR_SECTIONS_H_

#include <string_view>

#include "base/section_file.h"
#include "unspin/status.h"

namespace unspin {

inline constexpr const char* kDetectorDecodedSection = "detector_dec";
// The LM the detector reads evidence with, when not the pack's own (compact
// image; Model::detector_lm).
inline constexpr const char* kDetectorLmSection = "detector_lm";

// Adds `json` (a detector's parameters, JSON) to `writer` as the "detector"
// section and its "decoded" member, if any, as kDetectorDecodedSection.
// Fails when `json` is not a JSON object; `what` names it in the error.
Status AddDetectorSections(std::string_view json, std::string_view what, SectionFileWriter* writer);

}  // namespace unspin

#endif  // UNSPIN_MODEL_DETECTOR_SECTIONS_H_
