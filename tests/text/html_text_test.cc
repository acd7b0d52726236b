#include <gtest/gtest.h>

#include <string>

#include "unspin/html.h"
#include "unspin/text.h"

namespace unspin {
namespace {

// The page bytes a text range came from.
std::string SourceOf(const HtmlText& h, std::string_view page, std::string_view needle) {
  const size_t at = h.text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  if (at == std::string::npos) return "";
  const auto [b, e] = h.SourceRange(at, at + needle.size());
  return std::string(page.substr(b, e - b));
}

TEST(HtmlTextTest, ReadsTheTextAReaderSees) {
  const std::string page =
      "<!DOCTYPE html><html><head><title>Floods</title><meta charset=utf-8>"
      "<script>var said = 'stated';</script><style>p { color: red }</style></head>"
      "<body><nav><a href=/>Home</a></nav><!-- a comment --><p>The <b>Interior</b> Ministry "
      "said.</p><p>Second one.</p><aside>Related stories</aside>"
      "<noscript>Enable scripts</noscript><footer>&copy; 2026</footer></body></html>";
  const HtmlText h = ReadHtml(page);
  // The site's menus, side boxes and footers are not the page's own text.
  EXPECT_EQ(h.text, "Floods\n\nThe Interior Ministry said.\n\nSecond one.");
}

TEST(HtmlTextTest, SiteFurnitureByRoleClassOrIdIsNotText) {
  const HtmlText h = ReadHtml(
      "<div id=\"main-menu\"><a>Home</a></div><div class=\"post\"><p>The story.</p>"
      "<p class=\"footnote\">A footnote.</p></div><div class=\"site-footer\">Copyright</div>"
      "<ul role=\"navigation\"><li>Links</li></ul><div class=\"Sidebar widget\">Recent</div>"
      "<div class=\"menu_item_text\">Menu</div><span class=\"shared\">kept</span>");
  EXPECT_EQ(h.text, "The story.\n\nA footnote.\n\nkept");
}

TEST(HtmlTextTest, BlocksEndSentencesInlineElementsDoNot) {
  const HtmlText h = ReadHtml(
      "<div>Shares rose<div>Bonds fell</div></div><p>A <a href=x>link</a> "
      "here<br>next line</p><ul><li>one</li><li>two</li></ul>");
  EXPECT_EQ(h.text, "Shares rose\n\nBonds fell\n\nA link here\nnext line\n\none\n\ntwo");
  std::vector<std::string> sentences;
  std::unique_ptr<SentenceReader> reader = SentenceReader::FromString(h.text);
  Sentence s;
  while (reader->Next(&s)) sentences.push_back(s.text);
  ASSERT_GE(sentences.size(), 4u);
  EXPECT_EQ(sentences[0].substr(0, 11), "Shares rose");
  EXPECT_EQ(sentences[1].substr(0, 10), "Bonds fell");
}

TEST(HtmlTextTest, IndentationBetweenBlocksIsNotText) {
  EXPECT_EQ(
      ReadHtml("\n  <div>\n    <p>one</p>\n    <p>two <b>bold</b> <i>words</i></p>\n  </div>\n")
          .text,
      "one\n\ntwo bold words");
}

TEST(HtmlTextTest, MapsTextBackToThePageBytes) {
  const std::string page = "<p class=\"x\">The <b>Inside</b> Ministry stated &amp; more.</p>";
  const HtmlText h = ReadHtml(page);
  EXPECT_EQ(h.text, "The Inside Ministry stated & more.");
  EXPECT_EQ(SourceOf(h, page, "Inside"), "Inside");
  EXPECT_EQ(SourceOf(h, page, "stated"), "stated");
  // A range over a decoded reference takes all of it; one over markup
  // includes the markup.
  EXPECT_EQ(SourceOf(h, page, "& more"), "&amp; more");
  EXPECT_EQ(SourceOf(h, page, "Inside Ministry"), "Inside</b> Ministry");
  // Every verbatim piece copies its page bytes.
  for (const HtmlText::Piece& p : h.pieces) {
    if (!p.verbatim) continue;
    EXPECT_EQ(h.text.substr(p.text_begin, p.text_size), page.substr(p.source_begin, p.source_size));
  }
}

TEST(HtmlTextTest, DecodesReferencesAndLineEnds) {
  const std::string page = "<p>caf&eacute; &#8212; AT&T &lt;b&gt;\r\nnext&nbsp;word &bogus; x</p>";
  const HtmlText h = ReadHtml(page);
  EXPECT_EQ(h.text, "caf\u00e9 \u2014 AT&T <b>\nnext\u00a0word &bogus; x");
  EXPECT_EQ(SourceOf(h, page, "caf\u00e9"), "caf&eacute;");
  EXPECT_EQ(SourceOf(h, page, "\u2014"), "&#8212;");
  EXPECT_EQ(SourceOf(h, page, "AT&T"), "AT&T");
  EXPECT_EQ(SourceOf(h, page, "<b>"), "&lt;b&gt;");
  EXPECT_EQ(SourceOf(h, page, "&bogus; x"), "&bogus; x");
  EXPECT_EQ(SourceOf(h, page, "word"), "word");
  // References side by side, and one decoding to two code points.
  const std::string two = "<p>a &lt;&gt; b &NotEqualTilde; c</p>";
  const HtmlText t = ReadHtml(two);
  EXPECT_EQ(SourceOf(t, two, "<>"), "&lt;&gt;");
  EXPECT_EQ(SourceOf(t, two, " c"), " c");
}

TEST(HtmlTextTest, RewriteChangesOnlyTheEditedWords) {
  const std::string page =
      "<html><body><p>The <b>Inside</b> Ministry stated &amp; the <i>Related</i> Press.</p>"
      "</body></html>";
  const HtmlText h = ReadHtml(page);
  auto at = [&](std::string_view w) { return static_cast<uint64_t>(h.text.find(w)); };
  std::vector<TextReplacement> edits = {
      {at("Inside"), at("Inside") + 6, "Interior"},
      {at("stated"), at("stated") + 6, "said <&>"},
      {at("Related Press"), at("Related Press") + 13, "Associated Press"},
  };
  EXPECT_EQ(h.Rewrite(page, edits),
            "<html><body><p>The <b>Interior</b> Ministry said &lt;&amp;&gt; &amp; the "
            "<i>Associated Press</i>.</p></body></html>");
  EXPECT_EQ(h.Rewrite(page, {}), page);
  // A stray end tag gumbo drops inside a run of text, and a byte that is not
  // UTF-8: the words around them are still written in place.
  const std::string broken = "<p>The Inside \xff Ministry</nav> stated &amp; it.</p>";
  const HtmlText b = ReadHtml(broken);
  EXPECT_EQ(b.text, "The Inside \xEF\xBF\xBD Ministry stated & it.");
  auto in_b = [&](std::string_view w) { return static_cast<uint64_t>(b.text.find(w)); };
  std::vector<bool> applied;
  EXPECT_EQ(b.Rewrite(broken,
                      {{in_b("Inside"), in_b("Inside") + 6, "Interior"},
                       {in_b("stated"), in_b("stated") + 6, "said"}},
                      &applied),
            "<p>The Interior \xff Ministry</nav> said &amp; it.</p>");
  EXPECT_EQ(applied, std::vector<bool>({true, true}));
}

TEST(HtmlTextTest, TakesAnyInput) {
  for (const std::string& page :
       {std::string(), std::string("plain text, no markup"), std::string("<p>unclosed <b>bold"),
        std::string("<<<>>>&&&;;;</p></div>"), std::string("bad \xff\xfe utf-8 <p>x</p>"),
        std::string(5000, '<'), std::string("a\0b<p>c</p>", 11)}) {
    const HtmlText h = ReadHtml(page);
    uint64_t covered = 0;
    for (const HtmlText::Piece& p : h.pieces) {
      EXPECT_EQ(p.text_begin, covered);
      covered += p.text_size;
      EXPECT_LE(p.source_begin + p.source_size, page.size());
    }
    EXPECT_EQ(covered, h.text.size());
    const auto [b, e] = h.SourceRange(0, h.text.size());
    EXPECT_LE(b, e);
    EXPECT_LE(e, page.size());
  }
  EXPECT_EQ(ReadHtml("plain text, no markup").text, "plain text, no markup");
}

// Pages pieced together at random from markup, references, text, line
// ends and stray bytes: the pieces cover the text, every range maps into the
// page, and rewriting any words keeps every byte outside them.
TEST(HtmlTextTest, RandomPagesKeepTheInvariants) {
  const char* const parts[] = {"<p>",     "</p>",     "<b>",      "</b>",        "<div class=x>",
                               "</div>",  "<br>",     "<script>", "</script>",   "<!--",
                               "-->",     "&amp;",    "&lt;",     "&#233;",      "&#x41;",
                               "&bogus;", "&",        "word ",    "said ",       "\r\n",
                               "\n\n",    "\xff",     "\xc3\xa9", "<table><td>", "</td>",
                               "<title>", "</title>", "<nav>",    "</nav>",      "  "};
  uint32_t seed = 12345;
  auto next = [&](uint32_t n) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 8) % n;
  };
  size_t total = 0, total_written = 0;
  for (int round = 0; round < 500; ++round) {
    std::string page;
    const uint32_t length = next(60);
    for (uint32_t i = 0; i < length; ++i) page += parts[next(std::size(parts))];
    const HtmlText h = ReadHtml(page);
    uint64_t covered = 0;
    for (const HtmlText::Piece& p : h.pieces) {
      ASSERT_EQ(p.text_begin, covered) << page;
      covered += p.text_size;
      ASSERT_LE(p.source_begin + p.source_size, page.size()) << page;
    }
    ASSERT_EQ(covered, h.text.size()) << page;
    ASSERT_EQ(h.Rewrite(page, {}), page);
    // Each occurrence of "word" replaced: the page's other bytes stay; an
    // edit over text that did not align with its page bytes is not written.
    std::vector<TextReplacement> edits;
    for (size_t at = h.text.find("word"); at != std::string::npos; at = h.text.find("word", at + 4))
      edits.push_back({at, at + 4, "W"});
    std::vector<bool> applied;
    const std::string out = h.Rewrite(page, edits, &applied);
    ASSERT_EQ(applied.size(), edits.size());
    size_t written = 0;
    for (size_t k = 0; k < edits.size(); ++k) {
      if (!applied[k]) continue;
      ++written;
      const auto [b, e] = h.SourceRange(edits[k].start, edits[k].end);
      EXPECT_EQ(page.substr(b, e - b), "word") << page;
    }
    EXPECT_EQ(out.size() + 3 * written, page.size()) << page;
    total += edits.size();
    total_written += written;
  }
  // Most pages of such soup still align.
  EXPECT_GT(total_written * 2, total);
}

TEST(HtmlTextTest, DeepNestingDoesNotExhaustTheStack) {
  std::string page;
  for (int i = 0; i < 200000; ++i) page += "<span>";
  page += "deep";
  EXPECT_EQ(ReadHtml(page).text, "deep");
}

// Closed elements nested deeper than gumbo reads in reasonable time (it
// looks through the open elements at every tag: 200,000 nested divs took
// two minutes) are read with the markup blanked out: the text is still the
// page's, without script or comments, and maps back to its bytes.
TEST(HtmlTextTest, PagesNestedTooDeepAreReadWithoutMarkup) {
  std::string page = "<html><head><script>var x = '<b>hidden</b>';</script></head><body>";
  for (int i = 0; i < 20001; ++i) page += "<div class=\"x\">";
  page += "The Inside <!-- no --><b>Ministry</b> stated.";
  for (int i = 0; i < 20001; ++i) page += "</div>";
  page += "</body></html>";
  const HtmlText h = ReadHtml(page);
  EXPECT_NE(h.text.find("The Inside"), std::string::npos);
  EXPECT_NE(h.text.find("Ministry"), std::string::npos);
  EXPECT_EQ(h.text.find("hidden"), std::string::npos);
  EXPECT_EQ(h.text.find("no"), std::string::npos);
  EXPECT_EQ(h.text.find("var"), std::string::npos);
  EXPECT_EQ(SourceOf(h, page, "Inside"), "Inside");
  const size_t at = h.text.find("Inside");
  const std::string out = h.Rewrite(page, {{at, at + 6, "Interior"}});
  std::string want = page;
  want.replace(page.find("Inside"), 6, "Interior");
  EXPECT_EQ(out, want);
}

// Tag names in any case: an upper-case script ends at its upper-case end
// tag (an end tag of another name does not end it), and upper-case void
// elements open no level.
TEST(HtmlTextTest, PagesNestedTooDeepReadTagNamesInAnyCase) {
  std::string page = "<HTML><BODY><SCRIPT>if (a </b) x = '</SCRIPTED>';</SCRIPT><P>Before";
  for (int i = 0; i < 20001; ++i) page += "<DIV><BR><IMG SRC=x>";
  page += "The Inside Ministry stated.";
  for (int i = 0; i < 20001; ++i) page += "</Div>";
  const HtmlText h = ReadHtml(page);
  EXPECT_NE(h.text.find("Before"), std::string::npos) << h.text.substr(0, 80);
  EXPECT_NE(h.text.find("The Inside Ministry stated."), std::string::npos);
  EXPECT_EQ(h.text.find("SCRIPTED"), std::string::npos);
  EXPECT_EQ(h.text.find("if (a"), std::string::npos);
  // Read by the guard's fallback, as its nesting asks (an upper-case script
  // once hid the rest of the page from the guard): the markup is blanked in
  // place, so the words keep their distance.
  EXPECT_GT(h.text.find("The Inside"), h.text.find("Before") + 20001 * 5);
}

TEST(HtmlTextTest, KnowsHtmlFileNames) {
  EXPECT_TRUE(LooksLikeHtmlPath("story.html"));
  EXPECT_TRUE(LooksLikeHtmlPath("dir/STORY.HTM"));
  EXPECT_FALSE(LooksLikeHtmlPath("story.txt"));
  EXPECT_FALSE(LooksLikeHtmlPath("html"));
}

}  // namespace
}  // namespace unspin
