// Disguised words: look-alike letters of other scripts and hidden characters
// read as the Latin words they pass for, and only where they are disguises.
#include "text/disguise.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "unspin/text.h"

namespace unspin {
namespace {

std::vector<Token> Words(std::string_view text) {
  std::vector<Token> tokens, words;
  Tokenize(text, 0, &tokens);
  std::string joined;
  for (const Token& t : tokens) {
    joined.append(text.substr(t.begin, t.size));
    if (!t.is_space()) words.push_back(t);
  }
  EXPECT_EQ(joined, text) << "tokens must tile the text";
  return words;
}

// DisguisedWords over `words` (a sentence's non-space tokens).
std::vector<size_t> Disguised(const std::vector<Token>& words) {
  std::vector<const Token*> view;
  for (const Token& t : words) view.push_back(&t);
  std::vector<size_t> found;
  DisguisedWords(view, &found);
  return found;
}

TEST(Disguise, LookAlikeLettersInALatinWordReadAsLatin) {
  // "Shоwers" with a Cyrillic o, "сontinuеd" with a Cyrillic c and e.
  std::vector<Token> w = Words("Sh\u043ewers \u0441ontinu\u0435d today");
  ASSERT_EQ(w.size(), 3u);
  EXPECT_EQ(w[0].norm, "showers");
  EXPECT_EQ(w[0].disguise, Disguise::kMixed);
  EXPECT_EQ(w[0].shape, CaseShape::kTitle);
  EXPECT_EQ(w[1].norm, "continued");
  EXPECT_EQ(w[1].disguise, Disguise::kMixed);
  EXPECT_EQ(w[2].disguise, Disguise::kNone);
  // Upper-case look-alikes keep their case when undisguised.
  EXPECT_EQ(Undisguise("\u0421\u0415NTRAL"), "CENTRAL");
  EXPECT_EQ(Undisguise("Sh\u043ewers"), "Showers");
}

TEST(Disguise, HiddenCharactersInsideAWordAreDropped) {
  // A zero-width space splits no word and hides in none.
  std::vector<Token> w = Words("wo\u200Brd ex\u00ADample end\u200B, \u2060start \u200B.");
  ASSERT_EQ(w.size(), 7u);
  EXPECT_EQ(w[0].kind, TokenKind::kWord);
  EXPECT_EQ(w[0].norm, "word");
  EXPECT_EQ(w[0].disguise, Disguise::kMixed);
  // A soft hyphen is typography: read through, not a disguise.
  EXPECT_EQ(w[1].norm, "example");
  EXPECT_EQ(w[1].disguise, Disguise::kNone);
  // Before the first letter or after the last, it is the word's too.
  EXPECT_EQ(w[2].norm, "end");
  EXPECT_EQ(w[2].disguise, Disguise::kMixed);
  EXPECT_EQ(w[3].kind, TokenKind::kPunct);
  EXPECT_EQ(w[4].kind, TokenKind::kWord);
  EXPECT_EQ(w[4].norm, "start");
  EXPECT_EQ(w[4].disguise, Disguise::kMixed);
  // Touching no word, it is a token of its own.
  EXPECT_EQ(w[5].kind, TokenKind::kOther);
  EXPECT_EQ(w[6].kind, TokenKind::kPunct);
  EXPECT_EQ(Undisguise("wo\u200Brd"), "word");
}

TEST(Disguise, LongRunsOfHiddenCharactersKeepTokensUnderTheCap) {
  std::string word, hidden;
  for (int i = 0; i < 40000; ++i) word += "a\u200B";   // 160 KB: one word, cut
  for (int i = 0; i < 40000; ++i) hidden += "\u200B";  // touching no letter
  for (const std::string& text : {word, "x" + hidden + "y", hidden}) {
    std::vector<Token> tokens;
    Tokenize(text, 0, &tokens);
    uint64_t at = 0;
    for (const Token& t : tokens) {
      EXPECT_EQ(t.begin, at);
      EXPECT_LE(t.size, kMaxTokenBytes);
      at = t.end();
    }
    EXPECT_EQ(at, text.size());
  }
}

TEST(Disguise, WordsOfOtherScriptsAndAccentsAreLeftAlone) {
  // "привет" has letters that pass for none: an ordinary Russian word.
  std::vector<Token> w = Words("\u043f\u0440\u0438\u0432\u0435\u0442 caf\u00e9 na\u00efve");
  ASSERT_EQ(w.size(), 3u);
  EXPECT_EQ(w[0].disguise, Disguise::kNone);
  EXPECT_EQ(w[0].norm, "\u043f\u0440\u0438\u0432\u0435\u0442");
  EXPECT_EQ(Undisguise("\u043f\u0440\u0438\u0432\u0435\u0442"),
            "\u043f\u0440\u0438\u0432\u0435\u0442");
  EXPECT_EQ(w[1].norm, "caf\u00e9");
  EXPECT_EQ(w[1].disguise, Disguise::kNone);
  EXPECT_EQ(w[2].disguise, Disguise::kNone);
  EXPECT_EQ(Undisguise("caf\u00e9"), "caf\u00e9");
}

TEST(Disguise, GreekSymbolsOfScienceAreNoDisguise) {
  EXPECT_TRUE(
      Disguised(Words("NF-\u03baB binds ER\u03b1 when \u03c1 = 0.5 and \u03bd rises.")).empty());
}

TEST(Disguise, CompatibilityFormsReadAsTheirLetters) {
  // Fullwidth letters and a ligature (as PDF text has): read, not disguises.
  std::vector<Token> w = Words("\uff37\uff4f\uff52\uff44 \ufb01nd");
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0].norm, "word");
  EXPECT_EQ(w[0].disguise, Disguise::kNone);
  EXPECT_EQ(w[1].norm, "find");
}

TEST(Disguise, AWordOfLookAlikesOnlyIsADisguiseInLatinTextOnly) {
  // A Cyrillic "а" among English words is a disguised article...
  std::vector<Token> en = Words("It was \u0430 long day.");
  ASSERT_EQ(en[2].disguise, Disguise::kLookAlikeOnly);
  EXPECT_EQ(en[2].norm, "a");
  EXPECT_EQ(Disguised(en), std::vector<size_t>{2});
  // ... and the Russian word "а" ("and") among Russian words is not.
  std::vector<Token> ru = Words("\u043c\u044b \u0430 \u0432\u044b \u0434\u043e\u043c\u0430");
  ASSERT_EQ(ru[1].disguise, Disguise::kLookAlikeOnly);
  EXPECT_TRUE(Disguised(ru).empty());
  // A Cyrillic acronym quoted in English text is no disguise; a capital
  // Cyrillic "А" opening a sentence is.
  std::vector<Token> quoted = Words("\u0410 report by \u0422\u0410\u0421\u0421 said so.");
  ASSERT_EQ(quoted[3].disguise, Disguise::kLookAlikeOnly);
  EXPECT_EQ(Disguised(quoted), std::vector<size_t>{0});
  // A word mixing Latin letters and look-alikes counts in any sentence.
  EXPECT_EQ(Disguised(Words("\u043c\u044b \u0432\u044b Sh\u043ewers")), std::vector<size_t>{2});
}

TEST(Disguise, LookAlikeTableAnswersOnlyForItsLetters) {
  EXPECT_EQ(LatinLookAlike(0x0430), U'a');  // Cyrillic а
  EXPECT_EQ(LatinLookAlike(0x0420), U'P');  // Cyrillic Р
  EXPECT_EQ(LatinLookAlike(0x03BF), U'o');  // Greek ο
  EXPECT_EQ(LatinLookAlike(0x0251), 0u);    // IPA ɑ
  EXPECT_EQ(LatinLookAlike(0x03BA), 0u);    // Greek κ, a symbol in science
  EXPECT_EQ(LatinLookAlike(0x043F), 0u);    // Cyrillic п
  EXPECT_EQ(LatinLookAlike(0x0131), 0u);    // Turkish dotless ı
  EXPECT_EQ(LatinLookAlike(U'a'), 0u);
  EXPECT_TRUE(IsHiddenChar(0x200B));
  EXPECT_TRUE(IsHiddenChar(0xFEFF));
  EXPECT_FALSE(IsHiddenChar(U' '));
  EXPECT_FALSE(IsHiddenChar(0x0430));
}

}  // namespace
}  // namespace unspin
