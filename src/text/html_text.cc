#include <gumbo.h>

#include <algorithm>
#include <cstddef>
#include <memory>
#include <string>

#include "text/utf8.h"
#include "unspin/html.h"

namespace unspin {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }

// Elements whose content no reader sees as text of the page, or reads as
// the site's furniture around it rather than the page's own text (menus,
// side boxes, footers).
bool IsHidden(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_DATALIST:
      return true;
    default:
      return false;
  }
}

// Whether an element is the site's furniture by its ARIA role (navigation,
// contentinfo: a footer, complementary: a side box) or a class or id word
// that names one ("menu", "sidebar", "breadcrumb", "footer", ...), as the
// themes of sites that publish copies mark them without nav, aside or
// footer elements. Words are split at "-", "_" and white space, so
// "site-footer" and "main_menu" are furniture, "footnote" is not.
bool IsFurniture(const GumboElement& e) {
  static constexpr std::string_view kRoles[] = {"navigation", "contentinfo", "complementary"};
  static constexpr std::string_view kWords[] = {
      "nav",         "navbar", "navigation", "menu",   "menubar", "footer", "sidebar", "breadcrumb",
      "breadcrumbs", "cookie", "cookies",    "widget", "widgets", "share",  "sharing", "social"};
  auto value = [&](const char* name) {
    const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
    return a == nullptr ? std::string_view() : std::string_view(a->value);
  };
  const std::string_view role = value("role");
  if (std::find(std::begin(kRoles), std::end(kRoles), role) != std::end(kRoles)) return true;
  for (const char* name : {"class", "id"}) {
    const std::string_view v = value(name);
    size_t start = 0;
    for (size_t i = 0; i <= v.size(); ++i) {
      if (i < v.size() && v[i] != '-' && v[i] != '_' && !IsSpace(v[i])) continue;
      std::string word(v.substr(start, i - start));
      for (char& c : word) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      if (std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords)) return true;
      start = i + 1;
    }
  }
  return false;
}

// Elements that set their text apart from the text around them (of those
// IsHidden leaves out, none is listed).
bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL:
      return true;
    default:
      return false;
  }
}

// Bytes of the code point at text[i] (gumbo's text is UTF-8; 1 if not).
size_t CodePointBytes(std::string_view text, size_t i) {
  char32_t cp;
  return std::max<size_t>(1, DecodeUtf8(text, i, &cp));
}

// U+FFFD, which gumbo writes for bytes that are not UTF-8 (and NUL).
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Whether a page byte and a text byte agree (gumbo reads "\r" as "\n").
bool Same(char page, char text) { return page == text || (page == '\r' && text == '\n'); }

// Where the markup starting at raw[i] ends (i when none starts there): a
// tag ("<" and a letter, "/", "!" or "?", as the HTML tokenizer reads them)
// or a comment, several in a row. Inside a text node's page bytes they are
// markup gumbo ignored (an end tag of no open element) between runs of
// text it merged.
size_t SkipMarkup(std::string_view raw, size_t i) {
  while (i + 1 < raw.size() && raw[i] == '<') {
    const char c = raw[i + 1];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!letter && c != '/' && c != '!' && c != '?') break;
    const bool comment = raw.substr(i, 4) == "<!--";
    const size_t close = comment ? raw.find("-->", i + 4) : raw.find('>', i + 1);
    if (close == std::string_view::npos) break;
    i = close + (comment ? 3 : 1);
  }
  return i;
}

// Where markup gumbo ignored, starting at raw[i], ends (i when there is
// none), given that the text goes on with `next`: a "<" the text has too
// is markup only when the page goes on as the text does past it.
size_t MarkupBefore(std::string_view raw, size_t i, char next) {
  if (raw[i] != '<') return i;
  const size_t past = SkipMarkup(raw, i);
  if (past == i || next != '<') return past;
  return past < raw.size() && (raw[past] == '&' || Same(raw[past], next)) ? past : i;
}

// The shortest (page bytes, text bytes) past which `raw` and `text` agree
// again for a few bytes (or both end), each at most 16 bytes; (0, 0) when
// there is none.
std::pair<size_t, size_t> Resync(std::string_view raw, std::string_view text) {
  constexpr size_t kReach = 16, kAgree = 4;
  for (size_t total = 1; total <= 2 * kReach; ++total) {
    for (size_t di = 0; di <= std::min(total, kReach); ++di) {
      const size_t dj = total - di;
      if (dj > kReach || di > raw.size() || dj > text.size()) continue;
      const std::string_view a = raw.substr(di), b = text.substr(dj);
      const size_t n = std::min({kAgree, a.size(), b.size()});
      if ((n == 0 && a.empty() && b.empty()) ||
          (n > 0 && a.substr(0, n) == b.substr(0, n) && (n == kAgree || a.size() == b.size()))) {
        return {di, dj};
      }
    }
  }
  return {0, 0};
}

bool IsReferenceChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '#';
}

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Whether the character reference `ref` ("&...", ";" or not) can have been
// decoded to `text`: a numeric one to its code point (U+FFFD for none, any
// one code point for 0x80-0x9F, which browsers read as Windows-1252), a
// named one to characters that are not ASCII letters or digits.
bool ReferenceDecodesTo(std::string_view ref, std::string_view text) {
  if (text.empty()) return false;
  if (ref.size() < 2 || ref[1] != '#') {
    return std::none_of(text.begin(), text.end(), IsAsciiAlnum);
  }
  const bool hex = ref.size() > 2 && (ref[2] == 'x' || ref[2] == 'X');
  uint64_t cp = 0;
  size_t digits = 0;
  for (size_t i = hex ? 3 : 2; i < ref.size() && ref[i] != ';'; ++i, ++digits) {
    const char c = ref[i];
    int v = c >= '0' && c <= '9' ? c - '0' : -1;
    if (hex && c >= 'a' && c <= 'f') v = c - 'a' + 10;
    if (hex && c >= 'A' && c <= 'F') v = c - 'A' + 10;
    if (v < 0) return false;
    cp = std::min<uint64_t>(cp * (hex ? 16 : 10) + static_cast<uint64_t>(v), 0x110000);
  }
  if (digits == 0) return false;
  if (cp >= 0x80 && cp <= 0x9F) return CodePointBytes(text, 0) == text.size();
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return text == kReplacement;
  std::string expected;
  AppendUtf8(static_cast<char32_t>(cp), &expected);
  return text == expected;
}

// Appends to an HtmlText, keeping its pieces.
class Builder {
 public:
  Builder(std::string_view page, HtmlText* out) : page_(page), out_(out) {}

  // A blank line (2) or a line break (1) before the next text, if any text
  // came before.
  void Break(int lines) { pending_ = std::max(pending_, lines); }

  // The text node whose page bytes are `raw` (at `offset`) and whose decoded
  // text is `text`: verbatim runs where they agree, decoded references and
  // normalised line ends where they do not, the rest as one piece if the
  // two part ways otherwise (bytes gumbo replaced).
  // A node of white space only (`blank`) counts where it separates words:
  // after text, with no block boundary pending (not the indentation between
  // blocks, nor what comes before the first text).
  void Text(std::string_view raw, uint64_t offset, std::string_view text, bool blank) {
    if (text.empty()) return;
    if (blank) {
      const std::string& so_far = out_->text;
      if (pending_ != 0 || so_far.empty() || IsSpace(so_far.back())) return;
    }
    FlushBreak(offset);
    // Pieces of this node; `trusted` until the page and text fail to align.
    node_first_piece_ = out_->pieces.size();
    bool trusted = true;
    size_t i = 0, j = 0;
    while (i < raw.size() && j < text.size()) {
      const char c = raw[i];
      if (c == '&') {
        size_t e = i + 1;
        while (e < raw.size() && e - i <= 32 && IsReferenceChar(raw[e])) ++e;
        if (e < raw.size() && raw[e] == ';') ++e;
        const size_t n = e - i;
        if (text.substr(j, n) == raw.substr(i, n)) {  // not a reference gumbo decoded
          Verbatim(offset + i, n);
          i += n;
          j += n;
          continue;
        }
        // A reference decodes to one code point, a few to two: the second
        // is taken when the text only then goes on as the page does.
        auto in_sync = [&](size_t k) {
          // Past markup gumbo ignored, unless the text goes on with a "<".
          const size_t next = j + k < text.size() && text[j + k] == '<' ? e : SkipMarkup(raw, e);
          if (next == raw.size()) return j + k == text.size();
          return j + k < text.size() && (raw[next] == '&' || Same(raw[next], text[j + k]));
        };
        size_t k = CodePointBytes(text, j);
        // Numeric references are one code point; no reference is U+FFFD.
        const bool named = i + 1 < raw.size() && raw[i + 1] != '#';
        if (named && !in_sync(k) && j + k < text.size() && text.substr(j + k, 3) != kReplacement) {
          const size_t two = k + CodePointBytes(text, j + k);
          if (in_sync(two)) k = two;
        }
        trusted &= ReferenceDecodesTo(raw.substr(i, n), text.substr(j, k));
        Decoded(offset + i, n, text.substr(j, k));
        i = e;
        j += k;
      } else if (c == '\r' && text[j] == '\n') {
        const size_t n = i + 1 < raw.size() && raw[i + 1] == '\n' ? 2 : 1;
        Decoded(offset + i, n, "\n");
        i += n;
        j += 1;
      } else if (text.substr(j, 3) == kReplacement && static_cast<unsigned char>(c) >= 0x80) {
        // Bytes that are not UTF-8, read as U+FFFD: a stray byte, or the
        // start of a sequence with the continuation bytes it has.
        size_t n = 1;
        while (n < 4 && i + n < raw.size() &&
               (static_cast<unsigned char>(raw[i + n]) & 0xC0) == 0x80 &&
               text.substr(j + 3, 3) != kReplacement)
          ++n;
        Decoded(offset + i, n, kReplacement);
        i += n;
        j += 3;
      } else if (const size_t past = MarkupBefore(raw, i, text[j]); past != i) {
        i = past;  // markup gumbo ignored inside a run of text it kept as one node
      } else if (c == text[j]) {
        Verbatim(offset + i, 1);
        ++i;
        ++j;
      } else {
        // Bytes gumbo replaced (not UTF-8, NUL): the shortest runs of page
        // and text after which the two agree again make one piece.
        const auto [di, dj] = Resync(raw.substr(i), text.substr(j));
        if (di == 0 && dj == 0) break;
        trusted = false;
        Decoded(offset + i, di, text.substr(j, dj));
        i += di;
        j += dj;
      }
    }
    if (j < text.size()) {
      trusted = false;
      Decoded(offset + i, raw.size() - i, text.substr(j));
    }
    // A node that did not align is not known byte for byte.
    if (!trusted) {
      for (size_t p = node_first_piece_; p < out_->pieces.size(); ++p)
        out_->pieces[p].exact = false;
    }
  }

 private:
  void FlushBreak(uint64_t offset) {
    if (pending_ == 0) return;
    const int lines = pending_;
    pending_ = 0;
    if (out_->text.empty()) return;
    int have = 0;
    for (auto it = out_->text.rbegin(); it != out_->text.rend() && *it == '\n' && have < 2; ++it)
      ++have;
    if (have >= lines) return;
    Decoded(offset, 0, std::string(static_cast<size_t>(lines - have), '\n'));
  }
  void Verbatim(uint64_t source, uint64_t n) {
    std::vector<HtmlText::Piece>& p = out_->pieces;
    if (p.size() > node_first_piece_ && p.back().verbatim &&
        p.back().source_begin + p.back().source_size == source) {
      p.back().text_size += n;
      p.back().source_size += n;
    } else {
      p.push_back({out_->text.size(), n, source, n, true});
    }
    out_->text.append(page_.substr(source, n));
  }
  void Decoded(uint64_t source, uint64_t source_size, std::string_view text) {
    out_->pieces.push_back({out_->text.size(), text.size(), source, source_size, false});
    out_->text.append(text);
  }

 private:
  std::string_view page_;
  HtmlText* out_;
  size_t node_first_piece_ = 0;  // pieces merge within a text node only
  int pending_ = 0;
};

// The text of `root`'s subtree, in document order (an explicit stack: pages
// nest arbitrarily deep).
void Walk(const GumboNode* root, Builder* b) {
  struct Frame {
    const GumboNode* node;
    size_t next_child;
  };
  std::vector<Frame> stack = {{root, 0}};
  while (!stack.empty()) {
    Frame& f = stack.back();
    const GumboNode* n = f.node;
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT &&
        n->type != GUMBO_NODE_TEMPLATE) {
      if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
          n->type == GUMBO_NODE_CDATA) {
        const GumboText& t = n->v.text;
        b->Text(std::string_view(t.original_text.data, t.original_text.length), t.start_pos.offset,
                t.text, n->type == GUMBO_NODE_WHITESPACE);
      }
      stack.pop_back();
      continue;
    }
    const GumboVector& children =
        n->type == GUMBO_NODE_DOCUMENT ? n->v.document.children : n->v.element.children;
    const bool element = n->type == GUMBO_NODE_ELEMENT;
    const GumboTag tag = element ? n->v.element.tag : GUMBO_TAG_UNKNOWN;
    if (f.next_child == 0 && element) {
      if (tag == GUMBO_TAG_BR) b->Break(1);
      if (IsBlock(tag)) b->Break(2);
    }
    if (f.next_child >= children.length) {
      if (element && IsBlock(tag)) b->Break(2);
      stack.pop_back();
      continue;
    }
    const GumboNode* child = static_cast<const GumboNode*>(children.data[f.next_child++]);
    if (child->type == GUMBO_NODE_ELEMENT || child->type == GUMBO_NODE_TEMPLATE) {
      const GumboTag ct = child->v.element.tag;
      if (child->type == GUMBO_NODE_TEMPLATE || IsHidden(ct)) continue;
      if (IsFurniture(child->v.element)) continue;
      // Of the head, only the title is text of the page.
      if (tag == GUMBO_TAG_HEAD && ct != GUMBO_TAG_TITLE) continue;
    }
    if (child->type == GUMBO_NODE_COMMENT) continue;
    stack.push_back({child, 0});
  }
}

// Gumbo looks through the stack of open elements at every tag, so markup
// nested N elements deep costs it about N^2 (200,000 nested divs, 2 MB: two
// minutes; 20,000: half a second). Pages nested deeper than this are read
// with their markup blanked out (WithoutMarkup).
constexpr size_t kMaxNesting = 10000;

// A tag name's element, whatever its case (GUMBO_TAG_UNKNOWN if none).
GumboTag TagOf(std::string_view name) {
  return name.empty() ? GUMBO_TAG_UNKNOWN : gumbo_tagn_enum(name.data(), name.size());
}

// Elements that open no level: void ones and those the next sibling closes.
bool OpensNoLevel(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_AREA:
    case GUMBO_TAG_BASE:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_COL:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_META:
    case GUMBO_TAG_PARAM:
    case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_TRACK:
    case GUMBO_TAG_WBR:
    case GUMBO_TAG_BASEFONT:
    case GUMBO_TAG_BGSOUND:
    case GUMBO_TAG_FRAME:
    case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_P:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_OPTGROUP:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_COLGROUP:
    case GUMBO_TAG_RB:
    case GUMBO_TAG_RT:
    case GUMBO_TAG_RTC:
    case GUMBO_TAG_RP:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_BODY:
      return true;
    default:
      return false;
  }
}

// The length of the run of ASCII letters and digits at page[at...].
size_t NameLength(std::string_view page, size_t at) {
  size_t n = at;
  while (n < page.size() &&
         ((page[n] >= 'a' && page[n] <= 'z') || (page[n] >= 'A' && page[n] <= 'Z') ||
          (page[n] >= '0' && page[n] <= '9'))) {
    ++n;
  }
  return n - at;
}

// Calls visit(begin, end, name, closing, self_closing) for each tag of `page`
// in order, past comments, doctypes and the contents of script and style
// elements, and visit_raw(begin, end) for those (comments and raw contents).
template <typename Tag, typename Raw>
void ScanTags(std::string_view page, Tag visit, Raw visit_raw) {
  size_t i = 0;
  while ((i = page.find('<', i)) != std::string_view::npos) {
    if (page.substr(i, 4) == "<!--") {
      const size_t close = page.find("-->", i + 4);
      const size_t end = close == std::string_view::npos ? page.size() : close + 3;
      visit_raw(i, end);
      i = end;
      continue;
    }
    const bool closing = i + 1 < page.size() && page[i + 1] == '/';
    size_t n = i + (closing ? 2 : 1);
    const size_t name_begin = n;
    n += NameLength(page, n);
    const bool markup = n > name_begin || (!closing && i + 1 < page.size() &&
                                           (page[i + 1] == '!' || page[i + 1] == '?'));
    if (!markup) {
      ++i;
      continue;
    }
    const size_t gt = page.find('>', n);
    const size_t end = gt == std::string_view::npos ? page.size() : gt + 1;
    const std::string_view name = page.substr(name_begin, n - name_begin);
    const bool self_closing = end >= 2 && page[end - 2] == '/';
    visit(i, end, name, closing, self_closing);
    i = end;
    const GumboTag tag = TagOf(name);
    if (!closing && (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE)) {
      // Raw text up to the element's end tag, in any case.
      size_t at = i;
      for (;;) {
        at = page.find("</", at);
        if (at == std::string_view::npos) {
          at = page.size();
          break;
        }
        if (TagOf(page.substr(at + 2, NameLength(page, at + 2))) == tag) break;
        at += 2;
      }
      visit_raw(i, at);
      i = at;
    }
  }
}

// How deep the page's elements nest, counting only elements that open a
// level (OpensNoLevel) and matching end tags by count, not by name.
size_t NestingDepth(std::string_view page) {
  size_t depth = 0, deepest = 0;
  ScanTags(
      page,
      [&](size_t, size_t, std::string_view name, bool closing, bool self_closing) {
        if (name.empty() || OpensNoLevel(TagOf(name))) return;
        if (closing) {
          depth -= depth > 0 ? 1 : 0;
        } else if (!self_closing) {
          deepest = std::max(deepest, ++depth);
        }
      },
      [](size_t, size_t) {});
  return deepest;
}

// `page` with every tag, comment and script or style content replaced by
// spaces of the same length: the text stays at its offsets.
std::string WithoutMarkup(std::string_view page) {
  std::string flat(page);
  auto blank = [&](size_t begin, size_t end) {
    std::fill(flat.begin() + static_cast<std::ptrdiff_t>(begin),
              flat.begin() + static_cast<std::ptrdiff_t>(end), ' ');
  };
  ScanTags(
      page, [&](size_t begin, size_t end, std::string_view, bool, bool) { blank(begin, end); },
      blank);
  return flat;
}

}  // namespace

HtmlText ReadHtml(std::string_view page) {
  HtmlText out;
  // A page nested too deep for gumbo is read as its text without markup.
  std::string flat;
  if (NestingDepth(page) > kMaxNesting) {
    flat = WithoutMarkup(page);
    page = flat;
  }
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // parse errors are not reported: keep none
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> parsed(
      gumbo_parse_with_options(&options, page.data(), page.size()),
      [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
  if (!parsed) return out;
  Builder b(page, &out);
  Walk(parsed->document, &b);
  return out;
}

std::pair<uint64_t, uint64_t> HtmlText::SourceRange(uint64_t begin, uint64_t end) const {
  if (pieces.empty()) return {0, 0};
  // The piece holding text byte `at` (the last piece for the end of text).
  auto piece_at = [&](uint64_t at) {
    auto it = std::upper_bound(pieces.begin(), pieces.end(), at,
                               [](uint64_t x, const Piece& p) { return x < p.text_begin; });
    return it == pieces.begin() ? pieces.begin() : it - 1;
  };
  const Piece& first = *piece_at(begin);
  const uint64_t from =
      first.verbatim ? first.source_begin + (begin - first.text_begin) : first.source_begin;
  if (end <= begin) return {from, from};
  const Piece& last = *piece_at(end - 1);
  uint64_t to = last.verbatim ? last.source_begin + (end - last.text_begin)
                              : last.source_begin + last.source_size;
  return {from, std::max(from, to)};
}

namespace {

void AppendEscaped(std::string_view text, std::string* out) {
  for (char c : text) {
    switch (c) {
      case '&':
        *out += "&amp;";
        break;
      case '<':
        *out += "&lt;";
        break;
      case '>':
        *out += "&gt;";
        break;
      default:
        *out += c;
    }
  }
}

}  // namespace

std::string HtmlText::Rewrite(std::string_view page, const std::vector<TextReplacement>& edits,
                              std::vector<bool>* applied) const {
  // Each edit as replacements of page bytes: its text where its first page
  // bytes were, nothing for the rest.
  struct Op {
    uint64_t begin, end;
    const std::string* text;  // null: removed
  };
  std::vector<Op> ops;
  if (applied != nullptr) applied->assign(edits.size(), false);
  for (size_t k = 0; k < edits.size(); ++k) {
    const TextReplacement& e = edits[k];
    auto start = std::upper_bound(pieces.begin(), pieces.end(), e.start,
                                  [](uint64_t x, const Piece& p) { return x < p.text_begin; });
    if (start != pieces.begin()) --start;
    // Not over text of a node that did not align with its page bytes:
    // writing it could lose bytes of the page.
    bool clear = true;
    for (auto it = start; it != pieces.end() && it->text_begin < e.end; ++it) {
      const bool overlaps = it->text_begin + it->text_size > e.start && it->source_size > 0;
      clear &= !overlaps || it->exact;
    }
    if (!clear) continue;
    auto it = start;
    bool first = true;
    for (; it != pieces.end() && it->text_begin < e.end; ++it) {
      const uint64_t lo = std::max(e.start, it->text_begin);
      const uint64_t hi = std::min(e.end, it->text_begin + it->text_size);
      if (lo >= hi || it->source_size == 0) continue;
      Op op;
      if (it->verbatim) {
        op.begin = it->source_begin + (lo - it->text_begin);
        op.end = it->source_begin + (hi - it->text_begin);
      } else {
        op.begin = it->source_begin;
        op.end = it->source_begin + it->source_size;
      }
      op.text = first ? &e.text : nullptr;
      first = false;
      ops.push_back(op);
      if (applied != nullptr) (*applied)[k] = true;
    }
  }
  std::stable_sort(ops.begin(), ops.end(),
                   [](const Op& a, const Op& b) { return a.begin < b.begin; });
  std::string out;
  out.reserve(page.size());
  uint64_t at = 0;
  for (const Op& op : ops) {
    if (op.begin < at || op.end > page.size()) continue;  // overlaps one written already
    out.append(page.substr(at, op.begin - at));
    if (op.text != nullptr) AppendEscaped(*op.text, &out);
    at = op.end;
  }
  out.append(page.substr(at));
  return out;
}

bool LooksLikeHtmlPath(std::string_view path) {
  auto ends_with = [&](std::string_view suffix) {
    if (path.size() < suffix.size()) return false;
    std::string_view tail = path.substr(path.size() - suffix.size());
    return std::equal(tail.begin(), tail.end(), suffix.begin(), [](char a, char b) {
      return (a >= 'A' && a <= 'Z' ? a - 'A' + 'a' : a) == b;
    });
  };
  return ends_with(".html") || ends_with(".htm");
}

}  // namespace unspin
