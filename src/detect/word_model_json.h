// Reading the detector's parameters with simdjson (the word model's trees
// are megabytes of JSON: a DOM parse keeps opening a pack fast).
#ifndef UNSPIN_DETECT_WORD_MODEL_JSON_H_
#define UNSPIN_DETECT_WORD_MODEL_JSON_H_

#include <simdjson.h>

#include <cstdint>

#include "unspin/detector.h"

namespace unspin::json_read {

// A JSON number as double / as an integer; throws std::runtime_error naming
// `what` when the element is something else (or not integral for Int).
double Number(simdjson::dom::element e, const char* what);
int64_t Int(simdjson::dom::element e, const char* what);

// The word model in `e` ({"base_margin", "threshold", "trees"}), checked and
// compiled; throws std::runtime_error (or simdjson_error) on anything malformed.
void ReadWordModel(simdjson::dom::element e, WordModel* out);

}  // namespace unspin::json_read

#endif  // UNSPIN_DETECT_WORD_MODEL_JSON_H_
