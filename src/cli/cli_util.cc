#include "cli/cli_util.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "base/corpus_reader.h"
#include "base/file_util.h"
#include "lexicon/dictionary_reader.h"
#include "text/text_check.h"

namespace unspin::cli {

int ReportError(const std::string& message) {
  std::fprintf(stderr, "unspin: error: %s\n", message.c_str());
  return kExitError;
}

const CLI::Validator& FiniteNumber() {
  static const CLI::Validator check(
      [](const std::string& value) -> std::string {
        double x = 0;
        if (!CLI::detail::lexical_cast(value, x) || !std::isfinite(x)) {
          return "must be a finite number, not " + value;
        }
        return "";
      },
      "FINITE");
  return check;
}

const CLI::Validator& PositiveNumber() {
  static const CLI::Validator check(
      [](const std::string& value) -> std::string {
        double x = 0;
        if (!CLI::detail::lexical_cast(value, x) || !(x > 0)) {
          return "must be a number above 0, not " + value;
        }
        return "";
      },
      "POSITIVE");
  return check;
}

int ReportError(const Status& s) { return ReportError(s.message()); }

std::string ExecutableDir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  return exe.parent_path().string();
}

std::vector<std::string> ModelSearchPath(const std::string& file_name, const std::string& env_var) {
  std::vector<std::string> paths;
  if (const char* env = std::getenv(env_var.c_str()); env != nullptr && *env != '\0') {
    paths.emplace_back(env);
  }
  std::string dir = ExecutableDir();
  if (!dir.empty()) {
    paths.push_back(dir + "/" + file_name);
    paths.push_back(
        (std::filesystem::path(dir) / "../share/unspin" / file_name).lexically_normal().string());
  }
  paths.push_back("/usr/local/share/unspin/" + file_name);
  return paths;
}

Status ResolveModelPath(const std::string& flag, const std::string& file_name,
                        const std::string& env_var, std::string* path) {
  if (!flag.empty()) {
    *path = flag;
    return Status::Ok();
  }
  if (const char* env = std::getenv(env_var.c_str()); env != nullptr && *env != '\0') {
    *path = env;  // an explicit choice: used even when missing, so the error names it
    return Status::Ok();
  }
  std::string tried;
  for (const std::string& p : ModelSearchPath(file_name, env_var)) {
    if (FileExists(p)) {
      *path = p;
      return Status::Ok();
    }
    tried += (tried.empty() ? "" : ", ") + p;
  }
  return Status::NotFound("no default model '" + file_name + "' (looked in " + tried +
                          "); build it with ./scripts/build_model.sh or pass --model FILE");
}

Status OpenModel(const std::string& flag, std::unique_ptr<Model>* model) {
  std::string path;
  UNSPIN_RETURN_IF_ERROR(ResolveModelPath(flag, kDefaultPackName, kPackEnv, &path));
  return Model::Open(path, model);
}

void AddModelFlags(CLI::App* cmd, ModelFlags* flags) {
  cmd->add_option("--model", flags->model,
                  "model pack (default: en-us.unspin via $UNSPIN_MODEL, next to the binary, or "
                  "/usr/local/share/unspin)");
  cmd->add_option("--dict", flags->dicts,
                  "extra spinner dictionary (a|b|c, word:syn,syn or TSV), PATH[@WEIGHT]; "
                  "repeatable; restore reads one 'unspin learn' wrote at @4 unless given a weight")
      ->allow_extra_args(false);
  cmd->add_option("--inventory-weight", flags->inventory_weight,
                  "multiplies the pack's own inventory's channel probabilities; below 1 trusts "
                  "--dict dictionaries more (default 1; restore's default is 0.1 with a "
                  "dictionary 'unspin learn' wrote, which knows the spinner being watched)")
      ->check(FiniteNumber())
      ->check(PositiveNumber());
}

Status LoadModel(const ModelFlags& flags, std::unique_ptr<Model>* model,
                 DictionaryReading reading) {
  std::unique_ptr<Model> m;
  UNSPIN_RETURN_IF_ERROR(OpenModel(flags.model, &m));
  bool learned = false;
  for (const std::string& arg : flags.dicts) {
    std::string path;
    float weight;
    UNSPIN_RETURN_IF_ERROR(ParseWeightedPath(arg, 1.0f, &path, &weight));
    if (reading == DictionaryReading::kRestore && IsLearnedDictionary(path)) {
      learned = true;
      if (path == arg) weight = kLearnedDictionaryWeight;  // no @WEIGHT given
    }
    UNSPIN_RETURN_IF_ERROR(m->mutable_lexicon()->AddDictionary(path, weight));
  }
  if (flags.inventory_weight > 0) {
    m->mutable_lexicon()->set_inventory_weight(static_cast<float>(flags.inventory_weight));
  } else if (learned) {
    m->mutable_lexicon()->set_inventory_weight(kLearnedInventoryWeight);
  }
  *model = std::move(m);
  return Status::Ok();
}

namespace {

// Whether any --dict is a dictionary `unspin learn` wrote.
bool HasLearnedDictionary(const ModelFlags& flags) {
  for (const std::string& arg : flags.dicts) {
    std::string path;
    float weight;
    if (ParseWeightedPath(arg, 1.0f, &path, &weight).ok() && IsLearnedDictionary(path)) {
      return true;
    }
  }
  return false;
}

}  // namespace

Status LoadRestoreModel(const ModelFlags& flags, std::unique_ptr<Model>* model) {
  model->reset();
  if (!HasLearnedDictionary(flags)) return Status::Ok();
  return LoadModel(flags, model, DictionaryReading::kRestore);
}

Status CheckTextInput(const std::string& input) {
  if (!IsCorpusFolder(input)) return Status::Ok();
  return Status::InvalidArgument(input +
                                 ": is a folder; --jsonl reads its .txt and .html files, one "
                                 "result line each");
}

Status ReadInputText(const std::string& input, std::string* text) {
  UNSPIN_RETURN_IF_ERROR(CheckTextInput(input));
  UNSPIN_RETURN_IF_ERROR(ReadFileToString(input, text));
  return CheckReadableText(*text, input);
}

bool StderrIsTerminal() { return ::isatty(STDERR_FILENO) == 1; }

void WarnInvalidUtf8(const std::string& input, const TokenizeStats& stats) {
  if (stats.invalid_bytes == 0) return;
  std::fprintf(stderr,
               "unspin: warning: %s: %llu invalid UTF-8 bytes (first at byte %llu), passed "
               "through untouched\n",
               input == "-" ? "stdin" : input.c_str(),
               static_cast<unsigned long long>(stats.invalid_bytes),
               static_cast<unsigned long long>(stats.first_invalid_offset));
}

}  // namespace unspin::cli
