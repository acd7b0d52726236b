// A domain language model from the user's own text (an archive of the
// articles spinners copy): read through unspin's tokenizer, words as the
// decoder gives them to the LM, estimated with modified Kneser-Ney and, by
// default, mixed with a general model so that it still knows general English.
#ifndef UNSPIN_LM_DOMAIN_LM_H_
#define UNSPIN_LM_DOMAIN_LM_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "lm/ngram_table.h"
#include "unspin/status.h"

namespace unspin {

struct DomainLmOptions {
  int order = 3;
  // Highest-order n-grams seen fewer times are pruned (1: none).
  uint64_t min_count = 1;
  // The general model to mix with (ARPA or sphinx; empty: the domain model alone).
  std::string base;
  // The domain model's share of the mixture.
  double domain_weight = 0.5;
};

struct DomainLmStats {
  uint64_t documents = 0, sentences = 0, tokens = 0, text_bytes = 0;
  uint64_t domain_words = 0;  // the domain model's vocabulary
};

// Reads every corpus (JSONL {"id","text"}, a folder of .txt files, or "-";
// a folder's .html and .htm files are read as the text of the page),
// estimates the model and writes it to *out. With a base model, words are
// spelled as the decoder spells them for that model (a number or dotted
// abbreviation it knows in another spelling takes that spelling), so both
// sides of the mixture read text alike. `progress(documents, bytes)` is
// called now and then while reading (may be empty).
Status BuildDomainLm(const std::vector<std::string>& corpora, const DomainLmOptions& options,
                     NgramTable* out, DomainLmStats* stats,
                     const std::function<void(uint64_t, uint64_t)>& progress);

// Writes a model as ARPA text when `path` ends in ".arpa", else in the
// compact format; atomically either way.
Status WriteLanguageModel(NgramTable* table, const std::string& path);

}  // namespace unspin

#endif  // UNSPIN_LM_DOMAIN_LM_H_
