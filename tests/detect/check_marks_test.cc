// check's marks: detector spans and restore edits united so the marked text
// agrees with the restored text.
#include "detect/check_marks.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace unspin {
namespace {

DetectSpan Span(const std::string& text, const std::string& word, const std::string& suggestion,
                const std::string& reason = "context") {
  DetectSpan s;
  s.start = text.find(word);
  s.end = s.start + word.size();
  s.text = word;
  s.suggestion = suggestion;
  s.reason = reason;
  return s;
}

RestoreEdit Edit(const std::string& text, const std::string& from, const std::string& to) {
  RestoreEdit e;
  e.start = text.find(from);
  e.end = e.start + from.size();
  e.from = from;
  e.to = to;
  return e;
}

std::string Marked(const std::string& text, const std::vector<CheckMark>& marks) {
  std::string out;
  size_t at = 0;
  for (const CheckMark& m : marks) {
    out += text.substr(at, m.start - at) + "[" + text.substr(m.start, m.end - m.start) + " -> " +
           m.suggestion + (m.restored ? "" : "?") + "]";
    at = m.end;
  }
  return out + text.substr(at);
}

TEST(CheckMarks, RestoreEditsReplaceTheDetectorsGuess) {
  const std::string t = "The study adopted greater than 500 people earlier than planned.";
  const std::vector<DetectSpan> spans = {Span(t, "adopted greater", "had better"),
                                         Span(t, "earlier", "other")};
  const std::vector<RestoreEdit> edits = {Edit(t, "adopted", "followed"),
                                          Edit(t, "greater than", "more than"),
                                          Edit(t, "earlier than", "before")};
  const auto marks = CheckMarks(t, spans, edits);
  EXPECT_EQ(Marked(t, marks),
            "The study [adopted greater than -> followed more than] 500 people [earlier than -> "
            "before] planned.");
  ASSERT_EQ(marks.size(), 2u);
  EXPECT_TRUE(marks[0].restored);
  EXPECT_EQ(marks[0].reason, "context");
}

TEST(CheckMarks, SpansRestoreLeftKeepTheirSuggestionAsTentative) {
  const std::string t = "Researchers stated the outcomes were shocking.";
  const auto marks = CheckMarks(t, {Span(t, "stated", "said"), Span(t, "outcomes", "results")},
                                {Edit(t, "stated", "said")});
  EXPECT_EQ(Marked(t, marks),
            "Researchers [stated -> said] the [outcomes -> results?] were shocking.");
  EXPECT_TRUE(marks[0].restored);
  EXPECT_FALSE(marks[1].restored);
}

TEST(CheckMarks, EditsOutsideEverySpanAreMarkedToo) {
  const std::string t = "The inside ministry stated it.";
  const auto marks = CheckMarks(t, {Span(t, "inside", "interior")},
                                {Edit(t, "inside", "Interior"), Edit(t, "stated", "said")});
  EXPECT_EQ(Marked(t, marks), "The [inside -> Interior] ministry [stated -> said] it.");
  ASSERT_EQ(marks.size(), 2u);
  EXPECT_EQ(marks[1].reason, "restore");
}

TEST(CheckMarks, OneEditJoinsTwoSpans) {
  const std::string t = "a lot of them";
  const auto marks = CheckMarks(t, {Span(t, "a lot", "many"), Span(t, "of", "")},
                                {Edit(t, "a lot of", "many of")});
  ASSERT_EQ(marks.size(), 1u);
  EXPECT_EQ(Marked(t, marks), "[a lot of -> many of] them");
}

TEST(CheckMarks, OverlappingSpansAreSkippedAndFlagsCarried) {
  const std::string t = "He s\xd0\xb0id so.";
  DetectSpan a = Span(t, "s\xd0\xb0id", "said", "disguise");
  DetectSpan b = a;  // starts before the first one ends: skipped
  b.reason = "context";
  const auto marks = CheckMarks(t, {a, b}, {});
  ASSERT_EQ(marks.size(), 1u);
  EXPECT_TRUE(marks[0].disguised);
  EXPECT_EQ(marks[0].suggestion, "said");
  EXPECT_FALSE(marks[0].restored);
}

TEST(CheckMarks, NothingToMark) {
  EXPECT_TRUE(CheckMarks("clean text", {}, {}).empty());
  const std::string t = "x y";
  RestoreEdit insert;  // an empty edit touching a span joins it
  insert.start = insert.end = 1;
  insert.to = " z";
  const auto marks = CheckMarks(t, {Span(t, "x", "w")}, {insert});
  ASSERT_EQ(marks.size(), 1u);
  EXPECT_EQ(marks[0].suggestion, "x z");
}

// Random spans and edits: marks come out sorted and disjoint, each span and
// edit lies inside one mark, and the text with the restored marks' wording
// put in is the text with every edit applied.
TEST(CheckMarks, RandomSpansAndEditsKeepTheContract) {
  std::mt19937 rng(7);
  for (int round = 0; round < 2000; ++round) {
    const size_t n = 1 + rng() % 40;
    std::string text;
    for (size_t i = 0; i < n; ++i) text += static_cast<char>('a' + rng() % 26);
    auto ranges = [&](bool allow_empty) {
      std::vector<std::pair<uint64_t, uint64_t>> out;
      for (uint64_t at = 0; at < n;) {
        const uint64_t start = at + rng() % 6;
        if (start > n) break;
        const uint64_t end = std::min<uint64_t>(n, start + (allow_empty ? 0 : 1) + rng() % 5);
        if (end < start || (!allow_empty && end == start)) break;
        out.emplace_back(start, end);
        at = end + (end == start ? 1 : 0);
      }
      return out;
    };
    std::vector<DetectSpan> spans;
    for (const auto& [b, e] : ranges(false)) {
      DetectSpan sp;
      sp.start = b;
      sp.end = e;
      sp.suggestion = "s";
      sp.reason = "context";
      spans.push_back(sp);
    }
    std::vector<RestoreEdit> edits;
    std::string restored;
    uint64_t at = 0;
    for (const auto& [b, e] : ranges(true)) {
      RestoreEdit ed;
      ed.start = b;
      ed.end = e;
      ed.to = std::string(1 + rng() % 3, 'X');
      restored += text.substr(at, b - at) + ed.to;
      at = e;
      edits.push_back(ed);
    }
    restored += text.substr(at);
    const std::vector<CheckMark> marks = CheckMarks(text, spans, edits);
    std::string rebuilt;
    at = 0;
    for (size_t i = 0; i < marks.size(); ++i) {
      const CheckMark& m = marks[i];
      ASSERT_LE(m.start, m.end);
      if (i > 0) {
        ASSERT_LE(marks[i - 1].end, m.start) << "round " << round;
      }
      rebuilt += text.substr(at, m.start - at) +
                 (m.restored ? m.suggestion : text.substr(m.start, m.end - m.start));
      at = m.end;
    }
    rebuilt += text.substr(at);
    EXPECT_EQ(rebuilt, restored) << "round " << round;
    auto inside = [&](uint64_t b, uint64_t e) {
      for (const CheckMark& m : marks) {
        if (m.start <= b && e <= m.end) return true;
      }
      return false;
    };
    for (const DetectSpan& sp : spans) EXPECT_TRUE(inside(sp.start, sp.end)) << "round " << round;
    for (const RestoreEdit& ed : edits) EXPECT_TRUE(inside(ed.start, ed.end)) << "round " << round;
    // A restored mark holds an edit; one that is not holds none (an empty
    // edit on the boundary of two marks belongs to either).
    for (const CheckMark& m : marks) {
      bool has_edit = false, holds_one = false;
      for (const RestoreEdit& ed : edits) {
        has_edit |= m.start <= ed.start && ed.end <= m.end;
        holds_one |= ed.start == ed.end ? m.start < ed.start && ed.start < m.end
                                        : m.start <= ed.start && ed.end <= m.end;
      }
      EXPECT_TRUE(m.restored ? has_edit : !holds_one) << "round " << round;
    }
  }
}

}  // namespace
}  // namespace unspin
