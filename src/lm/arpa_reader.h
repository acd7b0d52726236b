// Reads ARPA backoff language models as KenLM and SRILM write them: a
// "\data\" header with "ngram N=count" lines, then "\N-grams:" sections of
// "prob<ws>w1 ... wN[<ws>backoff]" lines and "\end\". Fields may be separated
// by spaces or tabs. gzip and zstd compression are undone transparently.
#ifndef UNSPIN_LM_ARPA_READER_H_
#define UNSPIN_LM_ARPA_READER_H_

#include <string>

#include "lm/ngram_table.h"
#include "unspin/status.h"

namespace unspin {

// Fills *table with every n-gram of the file. Errors name the file and line.
Status ReadArpa(const std::string& path, NgramTable* table);

// Writes *table as ARPA text (6 decimals, tab separated, KenLM layout).
Status WriteArpa(const NgramTable& table, const std::string& path);

}  // namespace unspin

#endif  // UNSPIN_LM_ARPA_READER_H_
