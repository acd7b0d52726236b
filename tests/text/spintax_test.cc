// Spintax groups left in a text: what is one and what is notation.
#include "text/spintax.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace unspin {
namespace {

// The groups of the first sentence of `text`, as "{alternative:tokens|...}@begin-end "
// (alternatives as their bytes and non-space token counts, begin/end in
// non-space tokens).
std::string Groups(const std::string& text) {
  std::unique_ptr<SentenceReader> reader = SentenceReader::FromString(text);
  Sentence s;
  EXPECT_TRUE(reader->Next(&s));
  std::vector<const Token*> words;  // the non-space tokens
  for (const Token& t : s.tokens) {
    if (!t.is_space()) words.push_back(&t);
  }
  std::vector<SpintaxGroup> groups;
  FindSpintax(words, &groups);
  std::string out;
  for (const SpintaxGroup& g : groups) {
    out += "{";
    for (size_t a = 0; a < g.alternatives.size(); ++a) {
      const SpintaxGroup::Alternative& alt = g.alternatives[a];
      if (a > 0) out += "|";
      out += text.substr(alt.start, alt.end - alt.start) + ":" + std::to_string(alt.tokens);
    }
    out += "}@" + std::to_string(g.begin) + "-" + std::to_string(g.end) + " ";
  }
  return out;
}

TEST(Spintax, FindsGroupsOfWordsAndPhrases) {
  EXPECT_EQ(Groups("We {really|truly} like the {quick brown|fast} fox.\n"),
            "{really:1|truly:1}@1-6 {quick brown:2|fast:1}@8-14 ");
  EXPECT_EQ(Groups("{Hello|Hi|Hey} there, {many| a lot of } people.\n"),
            "{Hello:1|Hi:1|Hey:1}@0-7 {many:1|a lot of:3}@9-16 ");
  EXPECT_EQ(Groups("A ({good|fine}) day, \"{yes|no}\" they said {don't|do not}.\n"),
            "{good:1|fine:1}@2-7 {yes:1|no:1}@11-16 {don't:1|do not:2}@19-25 ");
  // Numbers may be among an alternative's words.
  EXPECT_EQ(Groups("It took {2 years|two years} to build.\n"), "{2 years:2|two years:2}@2-9 ");
  // An alternative of numbers only beside one of words; a spaced hyphen.
  EXPECT_EQ(Groups("About {forty|40} {non - public|private} firms.\n"),
            "{forty:1|40:1}@1-6 {non - public:3|private:1}@6-13 ");
}

TEST(Spintax, LeavesNotationAndBrokenGroupsAlone) {
  EXPECT_EQ(Groups("The set {x | x > 0} is open.\n"), "");           // a symbol inside
  EXPECT_EQ(Groups("We write P{A|B} for it.\n"), "");                // glued to a word
  EXPECT_EQ(Groups("Take {a,b} and {0|1} and {x|y} now.\n"), "");    // no word of two letters
  EXPECT_EQ(Groups("Say {hello|} or {there} or {hi|hey.\n"), "");    // empty, one, unclosed
  EXPECT_EQ(Groups("Say {hello -|hi} or {- hello|hi} now.\n"), "");  // hyphens at an edge
  EXPECT_EQ(Groups("Too {one two three four five six seven eight nine|long} here.\n"), "");
  // Of nested groups, an inner one closed by its own brace.
  EXPECT_EQ(Groups("Say {hi|{hello|hey} you} now.\n"), "{hello:1|hey:1}@4-9 ");
  EXPECT_EQ(Groups("Say {hi|{hello|hey}} now.\n"), "");
  EXPECT_EQ(Groups("No braces at all.\n"), "");
}

}  // namespace
}  // namespace unspin
