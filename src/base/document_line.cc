#include "base/document_line.h"

#include <simdjson.h>

namespace unspin {

struct DocumentLineParser::State {
  simdjson::dom::parser parser;  // the DOM API dispatches to the CPU's best kernel
  std::string padded;            // the line followed by SIMDJSON_PADDING bytes
};

DocumentLineParser::DocumentLineParser() : state_(std::make_unique<State>()) {}
DocumentLineParser::~DocumentLineParser() = default;

bool DocumentLineParser::TryParse(std::string_view line, DocumentLine* out) {
  using namespace simdjson;
  State& s = *state_;
  s.padded.assign(line);
  s.padded.append(SIMDJSON_PADDING, '\0');
  dom::element doc;
  if (s.parser.parse(s.padded.data(), line.size(), false).get(doc)) return false;
  dom::object object;
  if (doc.get_object().get(object)) return false;
  bool has_text = false;
  out->has_id = false;
  out->id_is_string = false;
  // A repeated key keeps its last value, as nlohmann does.
  for (dom::key_value_pair field : object) {
    if (field.key == "text") {
      std::string_view text;
      if (field.value.get_string().get(text)) return false;
      out->text.assign(text);
      has_text = true;
    } else if (field.key == "id") {
      const dom::element& id = field.value;
      if (id.is_object() || id.is_array()) return false;  // rare: the general path
      out->has_id = true;
      out->id_is_string = id.is_string();
      if (out->id_is_string) {
        out->id.assign(std::string_view(id));
      } else {
        out->id = simdjson::minify(id);
      }
    }
  }
  return has_text;
}

}  // namespace unspin
