// Model::Build: reads the language model and every inventory source, compiles
// the reverse index and writes the pack.
#include <sys/stat.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/file_util.h"
#include "base/section_file.h"
#include "lexicon/dictionary_reader.h"
#include "lexicon/inventory.h"
#include "lexicon/morphology.h"
#include "lexicon/reverse_index_builder.h"
#include "lexicon/thesaurus_reader.h"
#include "lm/compact_model.h"
#include "lm/lm_spelling.h"
#include "model/detector_sections.h"
#include "unspin/model.h"

namespace unspin {
namespace {

bool IsDirectory(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

struct SourceRecord {
  std::string name, kind, path;
  float weight;
  uint64_t relations;
};

}  // namespace

Status Model::Build(const ModelBuildOptions& opt, const std::string& out_path,
                    std::string* report) {
  auto t0 = std::chrono::steady_clock::now();
  std::ostringstream log;
  if (opt.lm.empty()) return Status::InvalidArgument("model build: no language model given (--lm)");
  if (!(opt.params.replace_rate > 0 && opt.params.replace_rate < 1)) {
    return Status::InvalidArgument("model build: --replace-rate must lie strictly between 0 and 1");
  }
  std::unique_ptr<LanguageModel> lm;
  UNSPIN_RETURN_IF_ERROR(LanguageModel::Load(opt.lm, &lm));
  log << "language model: " << opt.lm << " (" << lm->info().format << ", order " << lm->order()
      << ", " << lm->vocab_size() << " words)\n";

  Inventory inv;
  Morphology morph;
  std::vector<SourceRecord> records;
  std::string wordnet_dir = opt.morphology_dir;
  auto add_source = [&](const std::string& name, float weight, int* id) {
    *id = inv.AddSource(name, weight);
    if (*id < 0) return Status::InvalidArgument("model build: more than 32 inventory sources");
    return Status::Ok();
  };
  if (!opt.phrases.empty()) {
    int id;
    UNSPIN_RETURN_IF_ERROR(add_source("curated", opt.phrases_weight, &id));
    UNSPIN_RETURN_IF_ERROR(ReadSpinnerDictionary(opt.phrases, id, &inv));
    records.push_back({"curated", "phrases", opt.phrases, opt.phrases_weight, 0});
  }
  for (const std::string& arg : opt.thesauri) {
    std::string path;
    float weight;
    UNSPIN_RETURN_IF_ERROR(ParseWeightedPath(arg, 1.0f, &path, &weight));
    int id;
    ThesaurusStats st;
    if (IsDirectory(path)) {
      UNSPIN_RETURN_IF_ERROR(add_source("wordnet", weight, &id));
      UNSPIN_RETURN_IF_ERROR(ReadWordNet(path, id, &inv, &st));
      if (wordnet_dir.empty()) wordnet_dir = path;
      records.push_back({"wordnet", "wordnet", path, weight, 0});
    } else {
      UNSPIN_RETURN_IF_ERROR(add_source("mythes", weight, &id));
      UNSPIN_RETURN_IF_ERROR(ReadMythes(path, id, &inv, &st));
      records.push_back({"mythes", "mythes", path, weight, 0});
    }
    log << "thesaurus: " << path << " (" << st.senses << " senses, " << st.relations
        << " relations, " << st.antonyms_skipped << " antonyms skipped)\n";
  }
  for (const std::string& arg : opt.dictionaries) {
    std::string path;
    float weight;
    UNSPIN_RETURN_IF_ERROR(ParseWeightedPath(arg, 1.0f, &path, &weight));
    int id;
    UNSPIN_RETURN_IF_ERROR(add_source(BaseName(path), weight, &id));
    DictionaryStats st;
    UNSPIN_RETURN_IF_ERROR(ReadSpinnerDictionary(path, id, &inv, &st));
    records.push_back({BaseName(path), "dictionary", path, weight, 0});
    log << "dictionary: " << path << " (" << st.relations << " relations)\n";
  }
  if (inv.sources().empty()) {
    return Status::InvalidArgument(
        "model build: no inventory given (--thesaurus, --dict or --phrases)");
  }
  if (!wordnet_dir.empty()) {
    UNSPIN_RETURN_IF_ERROR(morph.LoadWordNetExceptions(wordnet_dir));
    log << "morphology: " << morph.irregular_count() << " irregular forms from " << wordnet_dir
        << "\n";
  } else {
    log << "morphology: regular rules only (no WordNet .exc lists given)\n";
  }

  ReverseIndexOptions ropt;
  ropt.max_candidates = opt.max_candidates;
  ropt.two_hop_weight = opt.two_hop_weight;
  ropt.two_hop_max = opt.two_hop_max;
  const LanguageModel* lmp = lm.get();
  ropt.original_filter = [lmp](std::string_view w) { return LmKnowsPhrase(*lmp, w); };
  ropt.original_log10_prior = [lmp](std::string_view w) { return LmPhraseLog10(*lmp, w); };
  ropt.prior_weight = opt.candidate_prior;
  ropt.reverse_weight = opt.reverse_weight;
  std::string index_image;
  ReverseIndexStats rs;
  UNSPIN_RETURN_IF_ERROR(BuildReverseIndex(&inv, morph, ropt, &index_image, &rs));
  log << "reverse index: " << rs.keys << " keys, " << rs.entries << " entries, " << rs.phrases
      << " phrases (" << rs.relations << " relations + " << rs.derived << " generalised + "
      << rs.reversed << " read backwards; " << rs.two_hop << " two-hop, " << rs.inflected
      << " inflected; " << rs.filtered << " dropped for words the LM lacks, " << rs.capped
      << " over the cap)\n";

  nlohmann::json params;
  params["format"] = "unspin model pack";
  params["replace_rate"] = opt.params.replace_rate;
  params["max_candidates"] = opt.max_candidates;
  params["candidate_prior"] = opt.candidate_prior;
  params["reverse_weight"] = opt.reverse_weight;
  params["two_hop"] = {{"weight", opt.two_hop_weight}, {"max", opt.two_hop_max}};
  params["lm"] = {{"path", opt.lm}, {"order", lm->order()}, {"vocabulary", lm->vocab_size()}};
  params["sources"] = nlohmann::json::array();
  for (size_t i = 0; i < records.size(); ++i) {
    params["sources"].push_back({{"name", records[i].name},
                                 {"kind", records[i].kind},
                                 {"path", records[i].path},
                                 {"weight", records[i].weight},
                                 {"relations", inv.sources()[i].relations}});
  }
  params["index"] = {{"keys", rs.keys}, {"entries", rs.entries}, {"phrases", rs.phrases}};
  params["irregular_forms"] = morph.irregular_count();

  std::string_view lm_image = CompactImageOf(*lm);
  SectionFileWriter writer;
  writer.Add("params", params.dump(2));
  writer.Add("lm", std::string(lm_image));
  writer.Add("lexicon", std::move(index_image));
  writer.Add("morphology", morph.Serialize());
  if (opt.detector_lm == opt.lm) {
    log << "detector LM: the pack's own\n";
  } else if (!opt.detector_lm.empty()) {
    std::unique_ptr<LanguageModel> detector_lm;
    UNSPIN_RETURN_IF_ERROR(LanguageModel::Load(opt.detector_lm, &detector_lm));
    std::string_view image = CompactImageOf(*detector_lm);
    if (image == lm_image) {
      log << "detector LM: the pack's own\n";
    } else {
      writer.Add(kDetectorLmSection, std::string(image));
      log << "detector LM: " << opt.detector_lm << " (" << detector_lm->vocab_size() << " words)\n";
    }
  }
  if (!opt.detector.empty()) {
    std::string json;
    UNSPIN_RETURN_IF_ERROR(ReadFileToString(opt.detector, &json));
    UNSPIN_RETURN_IF_ERROR(AddDetectorSections(json, opt.detector, &writer));
    log << "detector: " << opt.detector << "\n";
  }
  UNSPIN_RETURN_IF_ERROR(writer.Write(out_path));
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  log << "wrote " << out_path << " in " << static_cast<int>(secs * 10) / 10.0 << " s\n";
  if (report) *report = log.str();
  return Status::Ok();
}

}  // namespace unspin
