// ReverseIndex: channel arithmetic on a hand-made inventory, prefix closure,
// caps and filters, and corruption detection.
#include "lexicon/reverse_index.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "lexicon/reverse_index_builder.h"

namespace unspin {
namespace {

struct Built {
  std::string image;
  ReverseIndex index;
  ReverseIndexStats stats;
};

void Build(Inventory* inv, const ReverseIndexOptions& opt, Built* b) {
  Morphology morph;
  ASSERT_TRUE(BuildReverseIndex(inv, morph, opt, &b->image, &b->stats).ok());
  ASSERT_TRUE(ReverseIndex::Attach(b->image, "test", &b->index).ok());
}

ReverseIndexOptions Plain() {
  ReverseIndexOptions opt;
  opt.two_hop_weight = 0;
  opt.generalize_surface = false;
  return opt;
}

// Two dictionaries: A (weight 1) and B (weight 3).
void Fill(Inventory* inv) {
  int a = inv->AddSource("A", 1);
  int b = inv->AddSource("B", 3);
  inv->Add(a, "said", "stated", Pos::kAny, 1);
  inv->Add(a, "said", "reported", Pos::kAny, 1);
  inv->Add(a, "declared", "stated", Pos::kAny, 2);
  inv->Add(b, "said", "stated", Pos::kAny, 1);
  inv->Add(a, "because", "due to the fact that", Pos::kAny, 1);
}

TEST(ReverseIndex, ChannelIsSourceMixtureOfEntryShares) {
  Inventory inv;
  Fill(&inv);
  Built b;
  Build(&inv, Plain(), &b);
  uint32_t stated = b.index.Find("stated");
  ASSERT_NE(stated, ReverseIndex::kNoPhrase);
  auto e = b.index.Entries(stated);
  ASSERT_EQ(e.size(), 2u);
  // declared lists only "stated" in A: P = 1.
  EXPECT_EQ(b.index.Text(e[0].original), "declared");
  EXPECT_NEAR(e[0].log10_share, 0.0, 1e-6);
  EXPECT_EQ(e[0].sources, 1u);
  // said: A (prior 1/4) gives stated 1/2; B (prior 3/4) gives stated 1.
  EXPECT_EQ(b.index.Text(e[1].original), "said");
  EXPECT_NEAR(e[1].log10_share, std::log10(0.25 * 0.5 + 0.75 * 1.0), 1e-6);
  EXPECT_EQ(e[1].sources, 3u);
  auto r = b.index.Entries(b.index.Find("reported"));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_NEAR(r[0].log10_share, std::log10(0.25 * 0.5), 1e-6);
  EXPECT_EQ(r[0].pos, 0);
}

TEST(ReverseIndex, KeysArePrefixClosed) {
  Inventory inv;
  Fill(&inv);
  Built b;
  Build(&inv, Plain(), &b);
  for (const char* prefix : {"due", "due to", "due to the", "due to the fact"}) {
    uint32_t id = b.index.Find(prefix);
    ASSERT_NE(id, ReverseIndex::kNoPhrase) << prefix;
    EXPECT_TRUE(b.index.Entries(id).empty()) << prefix;
  }
  auto e = b.index.Entries(b.index.Find("due to the fact that"));
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(b.index.Text(e[0].original), "because");
  EXPECT_EQ(b.index.Find("due to a"), ReverseIndex::kNoPhrase);
  EXPECT_EQ(b.index.Find("fact"), ReverseIndex::kNoPhrase);
  EXPECT_EQ(b.index.key_count(), 3u);  // stated, reported, due to the fact that
}

TEST(ReverseIndex, LooseRelationsAloneDoNotGetFullMass) {
  Inventory inv;
  int s = inv.AddSource("thesaurus", 1);
  inv.Add(s, "nude mouse", "mouse", Pos::kNoun, 0.25f);  // a generic term, nothing else
  Built b;
  Build(&inv, Plain(), &b);
  auto e = b.index.Entries(b.index.Find("mouse"));
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NEAR(e[0].log10_share, std::log10(0.25), 1e-6);
  EXPECT_EQ(e[0].pos, static_cast<uint8_t>(Pos::kNoun));
}

TEST(ReverseIndex, TwoHopNeighboursAreWeakerAndFlagged) {
  Inventory inv;
  int s = inv.AddSource("t", 1);
  inv.Add(s, "begin", "start", Pos::kVerb, 1);
  inv.Add(s, "start", "commence", Pos::kVerb, 1);
  inv.Add(s, "start", "begin", Pos::kVerb, 1);
  ReverseIndexOptions opt = Plain();
  opt.two_hop_weight = 0.1;
  Built b;
  Build(&inv, opt, &b);
  auto e = b.index.Entries(b.index.Find("commence"));
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(b.index.Text(e[0].original), "start");
  EXPECT_EQ(e[0].flags, 0);
  EXPECT_EQ(b.index.Text(e[1].original), "begin");
  EXPECT_EQ(e[1].flags, kEntryTwoHop);
  // begin -> start (1) -> commence (1/2), times 0.1.
  EXPECT_NEAR(e[1].log10_share, std::log10(0.1 * 1.0 * 0.5), 1e-6);
  // No path back to the original itself.
  for (const IndexEntry& x : b.index.Entries(b.index.Find("begin"))) {
    EXPECT_NE(b.index.Text(x.original), "begin");
  }
}

TEST(ReverseIndex, CapAndFilterDropEntries) {
  Inventory inv;
  Fill(&inv);
  ReverseIndexOptions opt = Plain();
  opt.max_candidates = 1;
  Built capped;
  Build(&inv, opt, &capped);
  EXPECT_EQ(capped.index.Entries(capped.index.Find("stated")).size(), 1u);
  EXPECT_EQ(capped.stats.capped, 1u);

  Inventory inv2;
  Fill(&inv2);
  opt = Plain();
  opt.original_filter = [](std::string_view w) { return w != "declared"; };
  Built filtered;
  Build(&inv2, opt, &filtered);
  auto e = filtered.index.Entries(filtered.index.Find("stated"));
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(filtered.index.Text(e[0].original), "said");
  EXPECT_EQ(filtered.stats.filtered, 1u);
}

// "stated" has the shares declared 1 and said ~0.88 (above); a prior that
// makes "said" ten times as likely as "declared" ranks it first at weight 1
// (-0.06 - 1 against 0 - 2) but not at weight 0.01, and a cap of one then
// keeps it. The stored shares do not change.
TEST(ReverseIndex, PriorOrdersAndCapsCandidates) {
  auto prior = [](std::string_view w) { return w == "said" ? -1.0f : -2.0f; };
  for (double weight : {1.0, 0.01}) {
    const char* first = weight == 1.0 ? "said" : "declared";
    Inventory inv;
    Fill(&inv);
    ReverseIndexOptions opt = Plain();
    opt.original_log10_prior = prior;
    opt.prior_weight = weight;
    Built b;
    Build(&inv, opt, &b);
    auto e = b.index.Entries(b.index.Find("stated"));
    ASSERT_EQ(e.size(), 2u);
    EXPECT_EQ(b.index.Text(e[0].original), first) << weight;
    const IndexEntry& declared = b.index.Text(e[0].original) == "declared" ? e[0] : e[1];
    EXPECT_NEAR(declared.log10_share, 0.0, 1e-6);

    Inventory inv2;
    Fill(&inv2);
    opt.max_candidates = 1;
    Built capped;
    Build(&inv2, opt, &capped);
    auto c = capped.index.Entries(capped.index.Find("stated"));
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(capped.index.Text(c[0].original), first) << weight;
  }
}

// A two-hop entry is reversed only when every path to it has a leg read
// backwards: begin -> start is listed, start -> commence only the other way.
TEST(ReverseIndex, TwoHopThroughAReversedLegIsReversed) {
  Inventory inv;
  int s = inv.AddSource("t", 1);
  inv.Add(s, "begin", "start", Pos::kVerb, 1);
  inv.Add(s, "commence", "start", Pos::kVerb, 1);
  ReverseIndexOptions opt = Plain();
  opt.two_hop_weight = 0.1;
  opt.reverse_weight = 0.5;
  Built b;
  Build(&inv, opt, &b);
  bool found = false;
  for (const IndexEntry& e : b.index.Entries(b.index.Find("commence"))) {
    if (b.index.Text(e.original) != "begin") continue;
    found = true;  // begin -> start (listed) -> commence (start -> commence reversed)
    EXPECT_EQ(e.flags, kEntryTwoHop | kEntryReversed);
  }
  EXPECT_TRUE(found);
  // The relations as listed stay unflagged: "start" may stand for "begin" or
  // "commence".
  for (const IndexEntry& e : b.index.Entries(b.index.Find("start"))) {
    EXPECT_EQ(e.flags & kEntryReversed, 0) << b.index.Text(e.original);
  }
}

// A relation read backwards (a source lists "stated" under "said", so
// "said" may stand for "stated") joins only with reverse_weight, and not
// where the source already has it.
TEST(ReverseIndex, ReverseRelationsJoinWhereTheSourceLacksThem) {
  auto build = [](double reverse, Built* b) {
    Inventory inv;
    int a = inv.AddSource("A", 1);
    inv.Add(a, "said", "stated", Pos::kAny, 1);
    inv.Add(a, "big", "large", Pos::kAny, 1);
    inv.Add(a, "large", "big", Pos::kAny, 1);
    ReverseIndexOptions opt = Plain();
    opt.reverse_weight = reverse;
    Build(&inv, opt, b);
  };
  Built off, on;
  build(0, &off);
  build(0.5, &on);
  const uint32_t off_said = off.index.Find("said");  // an original, not a key
  EXPECT_TRUE(off_said == ReverseIndex::kNoPhrase || off.index.Entries(off_said).empty());
  const uint32_t said = on.index.Find("said");
  ASSERT_NE(said, ReverseIndex::kNoPhrase);
  auto e = on.index.Entries(said);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(on.index.Text(e[0].original), "stated");
  // "stated" has only the reversed entry, weight 0.5: below one full
  // synonym, so its share is 0.5.
  EXPECT_NEAR(e[0].log10_share, std::log10(0.5), 1e-6);
  // It is marked as read backwards (the detector's word evidence skips it);
  // the relation as listed is not.
  EXPECT_EQ(e[0].flags & kEntryReversed, kEntryReversed);
  auto listed = on.index.Entries(on.index.Find("stated"));
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].flags & kEntryReversed, 0);
  // big <-> large were both listed: shares stay whole, nothing is reversed.
  for (const Built* b : {&off, &on}) {
    auto big = b->index.Entries(b->index.Find("large"));
    ASSERT_EQ(big.size(), 1u);
    EXPECT_NEAR(big[0].log10_share, 0.0, 1e-6);
    EXPECT_EQ(big[0].flags & kEntryReversed, 0);
  }
}

TEST(ReverseIndex, SurfaceRelationsGeneraliseThroughMorphology) {
  Inventory inv;
  int s = inv.AddSource("d", 1);
  inv.AddLemma("say", Pos::kVerb);
  inv.AddLemma("state", Pos::kVerb);
  inv.AddLemma("state", Pos::kNoun);
  inv.AddLemma("condition", Pos::kNoun);
  inv.AddLemma("condition", Pos::kVerb);
  inv.Add(s, "said", "stated", Pos::kAny, 1);      // both verb past: say -> state (verb)
  inv.Add(s, "condition", "state", Pos::kAny, 1);  // noun or verb? ambiguous: not generalised
  Morphology morph;
  morph.AddIrregular(Pos::kVerb, "said", "say");
  ReverseIndexOptions opt = Plain();
  opt.generalize_surface = true;
  std::string image;
  ReverseIndexStats st;
  ASSERT_TRUE(BuildReverseIndex(&inv, morph, opt, &image, &st).ok());
  ReverseIndex ix;
  ASSERT_TRUE(ReverseIndex::Attach(image, "t", &ix).ok());
  EXPECT_EQ(st.derived, 1u);
  bool verb_say = false;
  for (const IndexEntry& e : ix.Entries(ix.Find("state"))) {
    if (ix.Text(e.original) == "say" && e.pos == static_cast<uint8_t>(Pos::kVerb)) verb_say = true;
    EXPECT_FALSE(ix.Text(e.original) == "condition" && e.pos != 0);
  }
  EXPECT_TRUE(verb_say);
}

TEST(ReverseIndex, CorruptImagesAreRejected) {
  Inventory inv;
  Fill(&inv);
  Built b;
  Build(&inv, Plain(), &b);
  ReverseIndex ix;
  std::string bad = b.image;
  bad[bad.size() / 2] ^= 0x40;
  Status s = ReverseIndex::Attach(bad, "pack", &ix);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("checksum"), std::string::npos) << s.message();
  s = ReverseIndex::Attach(std::string_view(b.image).substr(0, b.image.size() - 3), "pack", &ix);
  EXPECT_NE(s.message().find("truncated"), std::string::npos) << s.message();
  bad = b.image;
  bad[0] = 'X';
  EXPECT_NE(ReverseIndex::Attach(bad, "pack", &ix).message().find("magic"), std::string::npos);
  EXPECT_FALSE(ReverseIndex::Attach("", "pack", &ix).ok());
  // An index of the previous layout (untagged hash slots) is refused, not misread.
  bad = b.image;
  uint32_t old_version = kReverseIndexVersion - 1;
  std::memcpy(bad.data() + 8, &old_version, sizeof(old_version));
  s = ReverseIndex::Attach(bad, "pack", &ix);
  EXPECT_NE(s.message().find("rebuild"), std::string::npos) << s.message();
}

TEST(ReverseIndex, TaggedSlotsFindEveryKeyAndRejectAbsentOnes) {
  Inventory inv;
  Fill(&inv);
  Built b;
  Build(&inv, Plain(), &b);
  size_t found = 0;
  for (uint32_t id = 0; id < b.index.phrase_count(); ++id) {
    std::string_view text = b.index.Text(id);
    EXPECT_EQ(b.index.Find(text), id) << text;
    ++found;
  }
  EXPECT_GT(found, 0u);
  for (const char* absent : {"zzz", "said said", "", "x y z w"}) {
    EXPECT_EQ(b.index.Find(absent), ReverseIndex::kNoPhrase) << absent;
  }
}

}  // namespace
}  // namespace unspin
