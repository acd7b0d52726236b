// The model pack: one versioned, checksummed, memory-mapped file holding the
// language model, the compiled spinner inventory (reverse index), the
// morphology tables and the parameters. Built once, opened in milliseconds.
#ifndef UNSPIN_MODEL_H_
#define UNSPIN_MODEL_H_

#include <memory>
#include <string>
#include <vector>

#include "unspin/language_model.h"
#include "unspin/lexicon.h"
#include "unspin/status.h"

namespace unspin {

struct ModelBuildOptions {
  std::string lm;                         // ARPA, sphinx, compact or pack
  std::vector<std::string> thesauri;      // mythes .dat files or WordNet folders, PATH[@WEIGHT]
  std::vector<std::string> dictionaries;  // spinner dictionaries, PATH[@WEIGHT]
  std::string phrases;                    // the curated table (TSV), "" for none
  float phrases_weight = 2.0f;
  // Folder with WordNet's noun/verb/adj .exc lists; "" takes the first
  // WordNet thesaurus; without any, only regular inflection rules are used.
  std::string morphology_dir;
  LexiconParams params;
  size_t max_candidates = 96;  // per observed key
  // Candidates are kept and ordered by log10 channel share + this x the LM's
  // log10 probability of the original (0: by the share alone).
  double candidate_prior = 1.0;
  // Relations read backwards (a thesaurus lists B under A: B -> A) join at this
  // factor on their weight; 0 disables them.
  double reverse_weight = 0.3;
  double two_hop_weight = 0.1;  // factor on original -> X -> spun paths; 0 disables them
  size_t two_hop_max = 24;      // two-hop spun words kept per original
  std::string detector;         // detector parameters (JSON from `unspin detect train`), or ""
  // The LM the detector's parameters were fitted with, when `lm` is another
  // (a domain LM from `unspin lm build`): the detector reads its evidence
  // with it, so that its calibration holds. "" : the detector uses `lm`.
  std::string detector_lm;
};

class Model {
 public:
  ~Model();

  // Opens and validates a pack. Errors name the file and say what to do.
  static Status Open(const std::string& path, std::unique_ptr<Model>* out);

  // Builds a pack and writes it atomically to `out_path`. `report` receives
  // a human-readable account of what went in.
  static Status Build(const ModelBuildOptions& options, const std::string& out_path,
                      std::string* report);

  const LanguageModel& lm() const;
  // The LM the detector reads its evidence with: the pack's "detector_lm"
  // section when it has one (ModelBuildOptions::detector_lm), else lm().
  const LanguageModel& detector_lm() const;
  bool has_detector_lm() const;
  const Lexicon& lexicon() const;
  Lexicon* mutable_lexicon();
  const std::string& path() const;
  // The pack's parameters and build record, as JSON text.
  const std::string& params_json() const;
  // The detector's calibration (JSON), or "" when the pack has none.
  const std::string& detector_json() const;
  // The parameters the detector's JSON carries as "decoded" (fitted on a
  // decoder's edits, for restore's gate), stored as a section of their own so
  // that each reader parses only the set it uses; "" when there are none
  // (packs built before session 19 keep them nested in detector_json()).
  const std::string& detector_decoded_json() const;

  // Copies the pack at `in_path` to `out_path` (which may be the same file;
  // written atomically) with its detector sections set from `detector_json`
  // (its "decoded" member, if any, stored apart).
  static Status SetDetector(const std::string& in_path, const std::string& detector_json,
                            const std::string& out_path);
  uint64_t file_bytes() const;

  struct Impl;

 private:
  explicit Model(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace unspin

#endif  // UNSPIN_MODEL_H_
