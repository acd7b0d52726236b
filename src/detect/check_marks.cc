#include "detect/check_marks.h"

#include <algorithm>

namespace unspin {
namespace {

// Whether [start, end) meets the mark being grown: overlaps it, or (for an
// empty range, an insertion) touches it.
bool Meets(uint64_t start, uint64_t end, const CheckMark& mark) {
  if (start == end || mark.start == mark.end) return start <= mark.end && mark.start <= end;
  return start < mark.end && mark.start < end;
}

}  // namespace

std::vector<CheckMark> CheckMarks(std::string_view text, const std::vector<DetectSpan>& spans,
                                  const std::vector<RestoreEdit>& edits) {
  std::vector<CheckMark> marks;
  size_t si = 0, ei = 0;
  uint64_t last_span_end = 0;
  auto skip_overlapping_spans = [&] {
    while (si < spans.size() && spans[si].start < last_span_end) ++si;
  };
  skip_overlapping_spans();
  while (si < spans.size() || ei < edits.size()) {
    CheckMark mark;
    std::vector<const RestoreEdit*> inside;
    const bool span_first =
        ei == edits.size() || (si < spans.size() && spans[si].start <= edits[ei].start);
    if (span_first) {
      mark.start = spans[si].start;
      mark.end = spans[si].end;
    } else {
      mark.start = edits[ei].start;
      mark.end = edits[ei].end;
    }
    const DetectSpan* first_span = nullptr;
    // Grow the mark while a span or an edit meets it.
    for (bool grew = true; grew;) {
      grew = false;
      while (si < spans.size() && Meets(spans[si].start, spans[si].end, mark)) {
        const DetectSpan& sp = spans[si];
        if (!first_span) first_span = &sp;
        mark.disguised = mark.disguised || sp.reason == "disguise";
        mark.start = std::min(mark.start, sp.start);
        mark.end = std::max(mark.end, sp.end);
        last_span_end = sp.end;
        ++si;
        skip_overlapping_spans();
        grew = true;
      }
      while (ei < edits.size() && Meets(edits[ei].start, edits[ei].end, mark)) {
        inside.push_back(&edits[ei]);
        mark.start = std::min(mark.start, edits[ei].start);
        mark.end = std::max(mark.end, edits[ei].end);
        ++ei;
        grew = true;
      }
    }
    mark.reason = first_span ? first_span->reason : "restore";
    if (!inside.empty()) {
      mark.restored = true;
      uint64_t at = mark.start;
      for (const RestoreEdit* e : inside) {
        mark.suggestion.append(text.substr(at, e->start - at));
        mark.suggestion += e->to;
        at = e->end;
      }
      mark.suggestion.append(text.substr(at, mark.end - at));
    } else if (first_span) {
      mark.suggestion = first_span->suggestion;
    }
    marks.push_back(std::move(mark));
  }
  return marks;
}

}  // namespace unspin
