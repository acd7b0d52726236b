// HTML pages as unspin reads them: the text a reader of the page sees, and
// the way back from that text to the page's bytes, so detect's spans,
// restore's edits and trace's substitutions carry offsets into the page and
// restore can write the page back with only the edited words changed.
#ifndef UNSPIN_HTML_H_
#define UNSPIN_HTML_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace unspin {

// One replacement of a byte range of HtmlText::text.
struct TextReplacement {
  uint64_t start = 0, end = 0;  // in HtmlText::text
  std::string text;             // plain text (escaped when written into the page)
};

struct HtmlText {
  // The page's text: its text nodes in document order with character
  // references decoded, the contents of script, style, template and similar
  // elements and of the head (but its title) left out. A block element
  // (p, div, li, h1, td, ...) is set apart by a blank line, so sentences end
  // where blocks do; <br> is a line break; inline elements (a, b, span, ...)
  // join the text around them.
  std::string text;

  // How `text` was read: runs of bytes copied from the page (verbatim),
  // decoded character references (a run of `text` from a longer run of the
  // page) and the line breaks set between blocks (from no byte of the page).
  struct Piece {
    uint64_t text_begin = 0, text_size = 0;
    uint64_t source_begin = 0, source_size = 0;
    bool verbatim = false;  // text_size == source_size and the bytes are equal
    // The text is known to come from these bytes: false in a text node of
    // broken markup whose decoded text could not be aligned with its page
    // bytes throughout (the pieces still cover it, more coarsely).
    bool exact = true;
  };
  std::vector<Piece> pieces;  // in order, covering `text` exactly

  // The bytes of the page that text[begin, end) was read from: begin <= end
  // <= text.size(). A range that starts or ends inside a decoded reference
  // takes all of it; a range over markup (an edit across "<b>...</b>")
  // includes the markup.
  std::pair<uint64_t, uint64_t> SourceRange(uint64_t begin, uint64_t end) const;

  // `page` (the HTML this was read from) with each replacement's text
  // written in place of the page's bytes for its range, escaped for HTML
  // (&, <, >): the whole of it where the first text of the range was, the
  // rest of the range's text removed, the markup between kept, so tags stay
  // balanced. `edits` are in order and do not overlap (restore's edits). An
  // edit is skipped when its range holds no byte of the page, or text gumbo
  // read from bytes that could not be aligned with it (in broken markup:
  // writing it would lose them); `applied`, when given, says which were
  // written.
  std::string Rewrite(std::string_view page, const std::vector<TextReplacement>& edits,
                      std::vector<bool>* applied = nullptr) const;
};

// Reads `page` as HTML5 (Debian's gumbo parser, which accepts any input:
// broken markup is read as browsers read it; bytes that are not UTF-8 come
// out as U+FFFD).
HtmlText ReadHtml(std::string_view page);

// Whether a file name says HTML (".html" or ".htm", any case).
bool LooksLikeHtmlPath(std::string_view path);

}  // namespace unspin

#endif  // UNSPIN_HTML_H_
