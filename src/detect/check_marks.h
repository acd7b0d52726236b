// The marks of `unspin check`'s text view: the detector's suspicious spans
// and restore's edits read together, so that what the marked text suggests
// agrees with the restored text printed below it.
#ifndef UNSPIN_DETECT_CHECK_MARKS_H_
#define UNSPIN_DETECT_CHECK_MARKS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "unspin/detector.h"
#include "unspin/restorer.h"

namespace unspin {

struct CheckMark {
  uint64_t start = 0, end = 0;  // byte offsets in the text
  // What the marked bytes read as restored when `restored`; otherwise the
  // detector's suggestion (a possible original restore did not adopt; may be
  // empty: suspicious, no better wording found).
  std::string suggestion;
  bool restored = false;
  // The reason of the first detector span inside ("restore" when only
  // restore's edits make the mark); `disguised`: a span inside is a disguise.
  std::string reason;
  bool disguised = false;
};

// Contract: `spans` and `edits` are sorted by start with byte offsets into
// `text` (a span starting before the previous one's end is skipped, as the
// detector never writes such); edits do not overlap. Every span and edit
// lands in exactly one mark: overlapping ones (an empty edit: one touching)
// are united, and a united region holding an edit suggests the region's text
// with those edits applied. Marks come out sorted and disjoint.
std::vector<CheckMark> CheckMarks(std::string_view text, const std::vector<DetectSpan>& spans,
                                  const std::vector<RestoreEdit>& edits);

}  // namespace unspin

#endif  // UNSPIN_DETECT_CHECK_MARKS_H_
