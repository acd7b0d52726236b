#include "lm/domain_lm.h"

#include <memory>
#include <string_view>

#include "base/corpus_reader.h"
#include "base/file_util.h"
#include "lm/arpa_reader.h"
#include "lm/compact_builder.h"
#include "lm/kneser_ney.h"
#include "lm/lm_mixer.h"
#include "lm/lm_spelling.h"
#include "unspin/html.h"
#include "unspin/language_model.h"
#include "unspin/text.h"

namespace unspin {

Status BuildDomainLm(const std::vector<std::string>& corpora, const DomainLmOptions& options,
                     NgramTable* out, DomainLmStats* stats,
                     const std::function<void(uint64_t, uint64_t)>& progress) {
  if (options.order < 1 || options.order > KneserNeyCounter::kMaxOrder) {
    return Status::InvalidArgument("--order must be 1 to " +
                                   std::to_string(KneserNeyCounter::kMaxOrder));
  }
  NgramTable base;
  std::unique_ptr<LanguageModel> base_lm;  // for spelling words as the decoder does
  if (!options.base.empty()) {
    UNSPIN_RETURN_IF_ERROR(ReadNgramTable(options.base, &base));
    UNSPIN_RETURN_IF_ERROR(ModelFromTable(base, options.base, &base_lm));
  }
  KneserNeyCounter counter(options.order, options.min_count);
  DomainLmStats st;
  std::vector<std::string> spelled;  // words of one sentence
  std::vector<std::string_view> views;
  Sentence s;
  for (const std::string& corpus : corpora) {
    Status status = ReadCorpus(corpus, [&](CorpusDocument&& d) {
      ++st.documents;
      st.text_bytes += d.text.size();
      if (d.html) d.text = ReadHtml(d.text).text;
      std::unique_ptr<SentenceReader> reader = SentenceReader::FromString(d.text);
      while (reader->Next(&s)) {
        spelled.clear();
        for (const Token& t : s.tokens) {
          if (t.kind == TokenKind::kSpace || !HasAlnum(t.norm)) continue;
          WordId ids[kMaxSpelledWords];
          const size_t n = base_lm ? SpellForLm(*base_lm, t.norm, ids) : 0;
          if (n == 0 || ids[0] == base_lm->oov_id()) {
            spelled.push_back(t.norm);
          } else {
            for (size_t k = 0; k < n; ++k) spelled.emplace_back(base_lm->Word(ids[k]));
          }
        }
        views.assign(spelled.begin(), spelled.end());
        counter.AddSentence(views);
      }
      if (progress && st.documents % 1000 == 0) progress(st.documents, st.text_bytes);
      return Status::Ok();
    });
    UNSPIN_RETURN_IF_ERROR(status);
  }
  st.sentences = counter.sentences();
  st.tokens = counter.tokens();
  st.domain_words = counter.vocabulary();
  if (st.tokens == 0) {
    return Status::InvalidArgument("the corpus holds no words to learn a language model from");
  }
  NgramTable domain;
  UNSPIN_RETURN_IF_ERROR(counter.Estimate(&domain));
  if (stats) *stats = st;
  if (options.base.empty()) {
    *out = std::move(domain);
    return Status::Ok();
  }
  return MixModels(base, *base_lm, domain, options.domain_weight, out);
}

Status WriteLanguageModel(NgramTable* table, const std::string& path) {
  if (path.size() >= 5 && path.compare(path.size() - 5, 5, ".arpa") == 0) {
    return WriteArpa(*table, path);
  }
  std::string image;
  UNSPIN_RETURN_IF_ERROR(BuildCompactImage(table, &image));
  return WriteFileAtomically(path, image);
}

}  // namespace unspin
