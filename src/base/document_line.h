// Fast reading of the common JSON Lines record {"id": ..., "text": "..."}
// with simdjson's on-demand parser (several times faster than building a
// DOM). It only accepts the plain case; anything else (invalid JSON, a
// missing or non-string "text", trailing bytes) is left to the caller's
// general path, which also owns the error messages.
#ifndef UNSPIN_BASE_DOCUMENT_LINE_H_
#define UNSPIN_BASE_DOCUMENT_LINE_H_

#include <memory>
#include <string>
#include <string_view>

namespace unspin {

struct DocumentLine {
  std::string text;
  bool has_id = false;
  bool id_is_string = false;
  std::string id;  // the string when id_is_string, else the id's JSON text
};

class DocumentLineParser {
 public:
  DocumentLineParser();
  ~DocumentLineParser();
  DocumentLineParser(const DocumentLineParser&) = delete;
  DocumentLineParser& operator=(const DocumentLineParser&) = delete;

  // True when `line` is a JSON object whose "text" is a string; fills *out.
  bool TryParse(std::string_view line, DocumentLine* out);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace unspin

#endif  // UNSPIN_BASE_DOCUMENT_LINE_H_
