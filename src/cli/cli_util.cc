#include "cli/cli_util.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "base/file_util.h"
#include "lexicon/dictionary_reader.h"

namespace unspin::cli {

int ReportError(const std::string& message) {
  std::fprintf(stderr, "unspin: error: %s\n", message.c_str());
  return kExitError;
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
    paths.push_back(dir + "/../share/unspin/" + file_name);
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

Status AddDictionaries(const std::vector<std::string>& args, Model* model) {
  for (const std::string& arg : args) {
    std::string path;
    float weight;
    UNSPIN_RETURN_IF_ERROR(ParseWeightedPath(arg, 1.0f, &path, &weight));
    UNSPIN_RETURN_IF_ERROR(model->mutable_lexicon()->AddDictionary(path, weight));
  }
  return Status::Ok();
}

bool StderrIsTerminal() { return ::isatty(STDERR_FILENO) == 1; }

}  // namespace unspin::cli
