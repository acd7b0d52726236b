// Choosing a spintax group's original: the LM in context, the first
// alternative's prior, earlier groups as chosen.
#include "decode/spintax_choice.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "tests/test_util.h"

namespace unspin {
namespace {

class SpintaxChoiceTest : public testing_util::DefaultPackTest {
 protected:
  // The chosen alternatives of the first sentence of `text`, space-separated.
  static std::string Chosen(const std::string& text) {
    std::unique_ptr<SentenceReader> reader = SentenceReader::FromString(text);
    Sentence s;
    EXPECT_TRUE(reader->Next(&s));
    std::vector<SpintaxChoice> choices;
    ChooseSpintax(model_->lm(), s, &choices);
    std::string out;
    for (const SpintaxChoice& c : choices) {
      EXPECT_EQ(c.lm_log10.size(), c.group.alternatives.size());
      EXPECT_EQ(c.prior_log10.size(), c.group.alternatives.size());
      out += (out.empty() ? "" : " ") + c.text;
    }
    return out;
  }
};

TEST_F(SpintaxChoiceTest, TheLanguageModelPicksInContext) {
  // The LM's preference outweighs the first alternative's prior.
  EXPECT_EQ(Chosen("Officials {stated|said} on Monday that it was over.\n"), "said");
  EXPECT_EQ(Chosen("Officials {said|stated} on Monday that it was over.\n"), "said");
  // The words after the group count: "the united states" beside "states".
  EXPECT_EQ(Chosen("He flew to the {United|Combined} States last week.\n"), "United");
  // Written as it is: the alternative's own case and inner spacing.
  EXPECT_EQ(Chosen("{A lot of|Many} people came.\n"), "Many");
}

TEST_F(SpintaxChoiceTest, TheFirstAlternativeWinsWhatTheModelCannotTell) {
  // Words the LM does not know score alike: the prior decides.
  EXPECT_EQ(Chosen("The {zqxwv|vwxqz} was here.\n"), "zqxwv");
  EXPECT_EQ(Chosen("The {vwxqz|zqxwv} was here.\n"), "vwxqz");
}

TEST_F(SpintaxChoiceTest, EarlierGroupsAreReadAsChosen) {
  // Two groups in a row: each scored after the one before as chosen.
  EXPECT_EQ(Chosen("The {Interior|Inside} {Ministry|Department} said so.\n"), "Interior Ministry");
}

}  // namespace
}  // namespace unspin
