// Reads the sphinx binary trie ("Trie Language Model") that Debian ships in
// pocketsphinx-en-us, as described in shared/docs/lm-sphinx-format.md: a
// backwards trie of bit-packed records with 16-bit quantised values in units
// of log base 1.0001. Every n-gram is enumerated, so the two misfiled trigrams
// of the Debian file are read as stored (as the reference ARPA has them).
#ifndef UNSPIN_LM_SPHINX_READER_H_
#define UNSPIN_LM_SPHINX_READER_H_

#include <string>
#include <string_view>

#include "lm/ngram_table.h"
#include "unspin/status.h"

namespace unspin {

inline constexpr std::string_view kSphinxMagic = "Trie Language Model";

// Parses a whole file image. `name` is used in error messages.
Status ParseSphinx(std::string_view bytes, const std::string& name, NgramTable* table);

// Maps and parses the file at `path`.
Status ReadSphinx(const std::string& path, NgramTable* table);

}  // namespace unspin

#endif  // UNSPIN_LM_SPHINX_READER_H_
