#include <gumbo.h>

#include <algorithm>
#include <memory>

#include "unspin/html.h"

namespace unspin {

namespace {

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

// Elements that set their text apart from the text around them.
bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
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
    case GUMBO_TAG_FOOTER:
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
    case GUMBO_TAG_NAV:
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

// Bytes in the UTF-8 sequence that starts with `lead` (1 for a stray byte).
size_t SequenceLength(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }

// Whether a page byte and a text byte agree (gumbo reads "\r" as "\n").
bool Same(char page, char text) { return page == text || (page == '\r' && text == '\n'); }

bool IsReferenceChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '#';
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
          if (e == raw.size()) return j + k == text.size();
          return j + k < text.size() && (raw[e] == '&' || Same(raw[e], text[j + k]));
        };
        size_t k = std::min(SequenceLength(static_cast<unsigned char>(text[j])), text.size() - j);
        if (!in_sync(k) && j + k < text.size()) {
          const size_t two = k + std::min(SequenceLength(static_cast<unsigned char>(text[j + k])),
                                          text.size() - j - k);
          if (in_sync(two)) k = two;
        }
        Decoded(offset + i, n, text.substr(j, k));
        i = e;
        j += k;
      } else if (c == '\r' && text[j] == '\n') {
        const size_t n = i + 1 < raw.size() && raw[i + 1] == '\n' ? 2 : 1;
        Decoded(offset + i, n, "\n");
        i += n;
        j += 1;
      } else if (c == text[j]) {
        Verbatim(offset + i, 1);
        ++i;
        ++j;
      } else {
        break;
      }
    }
    if (j < text.size()) Decoded(offset + i, raw.size() - i, text.substr(j));
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
    if (!p.empty() && p.back().verbatim && p.back().source_begin + p.back().source_size == source) {
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
      // Of the head, only the title is text of the page.
      if (tag == GUMBO_TAG_HEAD && ct != GUMBO_TAG_TITLE) continue;
    }
    if (child->type == GUMBO_NODE_COMMENT) continue;
    stack.push_back({child, 0});
  }
}

}  // namespace

HtmlText ReadHtml(std::string_view page) {
  HtmlText out;
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

std::string HtmlText::Rewrite(std::string_view page,
                              const std::vector<TextReplacement>& edits) const {
  // Each edit as replacements of page bytes: its text where its first page
  // bytes were, nothing for the rest.
  struct Op {
    uint64_t begin, end;
    const std::string* text;  // null: removed
  };
  std::vector<Op> ops;
  for (const TextReplacement& e : edits) {
    auto it = std::upper_bound(pieces.begin(), pieces.end(), e.start,
                               [](uint64_t x, const Piece& p) { return x < p.text_begin; });
    if (it != pieces.begin()) --it;
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
