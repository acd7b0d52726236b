#include "unspin/model.h"

#include <nlohmann/json.hpp>

#include "base/section_file.h"
#include "lexicon/lexicon_impl.h"
#include "lm/lm_spelling.h"
#include "model/detector_sections.h"

namespace unspin {

struct Model::Impl {
  std::shared_ptr<const SectionFile> file;
  std::unique_ptr<LanguageModel> lm;
  std::unique_ptr<LanguageModel> detector_lm;  // null: the detector uses lm
  std::unique_ptr<Lexicon> lexicon;
  std::string params_json;
  std::string detector_json;
  std::string detector_decoded_json;
};

Model::Model(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Model::~Model() = default;

Status Model::Open(const std::string& path, std::unique_ptr<Model>* out) {
  auto m = std::make_unique<Impl>();
  if (!FileExists(path)) {
    return Status::NotFound(path +
                            ": no such model pack; build one with ./scripts/build_model.sh "
                            "or 'unspin model build --out " +
                            path + "'");
  }
  if (!SectionFile::Sniff(path)) {
    return Status::InvalidArgument(path +
                                   ": not an unspin model pack (a language model file? "
                                   "pass it to 'unspin model build --lm')");
  }
  UNSPIN_RETURN_IF_ERROR(SectionFile::Open(path, &m->file));
  std::string_view lm_image, index_image, morph_text, params;
  UNSPIN_RETURN_IF_ERROR(m->file->Get("lm", &lm_image, /*verify=*/false));
  UNSPIN_RETURN_IF_ERROR(m->file->Get("lexicon", &index_image, /*verify=*/false));
  UNSPIN_RETURN_IF_ERROR(m->file->Get("morphology", &morph_text));
  UNSPIN_RETURN_IF_ERROR(m->file->Get("params", &params));
  UNSPIN_RETURN_IF_ERROR(LanguageModel::FromImage(lm_image, m->file, path, &m->lm));

  auto lex = std::make_unique<Lexicon::Impl>();
  lex->owner = m->file;
  auto layer = std::make_unique<Lexicon::Impl::Layer>();
  UNSPIN_RETURN_IF_ERROR(ReverseIndex::Attach(index_image, path, &layer->index));
  lex->layers.push_back(std::move(layer));
  Status s = lex->morphology.Parse(morph_text);
  if (!s.ok()) return s.WithContext(path);
  m->params_json.assign(params);
  // Optional sections: absent is fine (*found false), damaged is an error.
  // An LM image checks its own checksums (verify false).
  auto optional = [&](std::string_view name, bool verify, std::string_view* bytes, bool* found) {
    Status got = m->file->Get(name, bytes, verify);
    *found = got.ok();
    return got.code() == Status::Code::kNotFound ? Status::Ok() : got;
  };
  std::string_view detector, decoded, detector_lm;
  bool found = false;
  UNSPIN_RETURN_IF_ERROR(optional("detector", true, &detector, &found));
  if (found) m->detector_json.assign(detector);
  UNSPIN_RETURN_IF_ERROR(optional(kDetectorDecodedSection, true, &decoded, &found));
  if (found) m->detector_decoded_json.assign(decoded);
  UNSPIN_RETURN_IF_ERROR(optional(kDetectorLmSection, false, &detector_lm, &found));
  if (found) {
    UNSPIN_RETURN_IF_ERROR(LanguageModel::FromImage(detector_lm, m->file, path, &m->detector_lm));
  }
  try {
    nlohmann::json j = nlohmann::json::parse(m->params_json);
    lex->params.replace_rate = j.at("replace_rate").get<double>();
    // Packs built before the field existed ordered by the share alone.
    lex->prior_weight = j.value("candidate_prior", 0.0);
    lex->reverse_weight = j.value("reverse_weight", 0.0);
    for (const auto& src : j.at("sources")) lex->source_names.push_back(src.at("name"));
  } catch (const std::exception& e) {
    return Status::Corruption(path + ": bad params section: " + e.what());
  }
  if (!(lex->params.replace_rate > 0 && lex->params.replace_rate < 1)) {
    return Status::Corruption(path + ": replace_rate must lie strictly between 0 and 1");
  }
  const LanguageModel* lm = m->lm.get();
  lex->is_word = [lm](std::string_view w) { return LmKnowsPhrase(*lm, w); };
  lex->original_log10_prior = [lm](std::string_view w) { return LmPhraseLog10(*lm, w); };
  m->lexicon = std::make_unique<Lexicon>(std::move(lex));
  out->reset(new Model(std::move(m)));
  return Status::Ok();
}

const LanguageModel& Model::lm() const { return *impl_->lm; }
const LanguageModel& Model::detector_lm() const {
  return impl_->detector_lm ? *impl_->detector_lm : *impl_->lm;
}
bool Model::has_detector_lm() const { return impl_->detector_lm != nullptr; }
const Lexicon& Model::lexicon() const { return *impl_->lexicon; }
Lexicon* Model::mutable_lexicon() { return impl_->lexicon.get(); }
const std::string& Model::path() const { return impl_->file->path(); }
const std::string& Model::params_json() const { return impl_->params_json; }
const std::string& Model::detector_json() const { return impl_->detector_json; }
const std::string& Model::detector_decoded_json() const { return impl_->detector_decoded_json; }

Status Model::SetDetector(const std::string& in_path, const std::string& detector_json,
                          const std::string& out_path) {
  std::unique_ptr<Model> check;
  UNSPIN_RETURN_IF_ERROR(Open(in_path, &check));  // a valid pack
  std::shared_ptr<const SectionFile> file;
  UNSPIN_RETURN_IF_ERROR(SectionFile::Open(in_path, &file));
  SectionFileWriter writer;
  for (const std::string& name : file->names()) {
    if (name == "detector" || name == kDetectorDecodedSection) continue;
    std::string_view bytes;
    UNSPIN_RETURN_IF_ERROR(file->Get(name, &bytes));
    writer.Add(name, std::string(bytes));
  }
  UNSPIN_RETURN_IF_ERROR(AddDetectorSections(detector_json, out_path, &writer));
  check.reset();
  return writer.Write(out_path);
}
uint64_t Model::file_bytes() const { return impl_->file->size(); }

}  // namespace unspin
