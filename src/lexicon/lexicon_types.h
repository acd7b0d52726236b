// Vocabulary shared by the lexicon: parts of speech, inflections, sources;
// the normal form of phrases is the text layer's (text/phrase.h).
#ifndef UNSPIN_LEXICON_LEXICON_TYPES_H_
#define UNSPIN_LEXICON_LEXICON_TYPES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/phrase.h"  // NormalizePhrase, SplitPhrase: the lexicon's key forms
#include "unspin/lexicon.h"

namespace unspin {

const char* PosName(Pos pos);
const char* InflectionName(Inflection infl);
// Parses "noun", "verb", "adj", "adv", "any" (and the mythes "(noun)" forms).
bool ParsePos(std::string_view name, Pos* pos);

}  // namespace unspin

#endif  // UNSPIN_LEXICON_LEXICON_TYPES_H_
