// Shared helpers for the unspin subcommands: error reporting, exit codes,
// default model discovery, terminal detection.
#ifndef UNSPIN_CLI_CLI_UTIL_H_
#define UNSPIN_CLI_CLI_UTIL_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "unspin/model.h"
#include "unspin/status.h"
#include "unspin/text.h"

namespace unspin::cli {

// Exit codes, documented in the README.
inline constexpr int kExitOk = 0;
inline constexpr int kExitSpun = 1;      // detect/check --exit-code: judged spun
inline constexpr int kExitError = 2;     // bad input, model or usage
inline constexpr int kExitInternal = 3;  // a bug: unexpected exception

// Debian's general English LM (pocketsphinx-en-us): the default pack's LM,
// the one the project's detector was fitted with, lm build's default base.
inline constexpr const char* kDebianLm = "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin";

// A CLI11 check for floating-point flags: refuses nan and infinities (nan
// passes every comparison, so a margin of nan would keep every edit).
const CLI::Validator& FiniteNumber();
// Accepts numbers above 0 ("must be a number above 0, not 0"; CLI11's own
// PositiveNumber names its range's upper end, DBL_MAX, in full).
const CLI::Validator& PositiveNumber();

// Prints "unspin: error: <status message>" on one line and returns kExitError.
int ReportError(const Status& s);
int ReportError(const std::string& message);

// The directory holding the running binary ("" when unknown).
std::string ExecutableDir();

// Where a default model file named `file_name` is searched, in order:
// $<env_var>, the binary's directory, <binary dir>/../share/unspin,
// /usr/local/share/unspin.
std::vector<std::string> ModelSearchPath(const std::string& file_name, const std::string& env_var);

// Resolves `flag` (used as-is when non-empty) or the first existing entry of
// the search path. The error says where it looked and how to build a model.
Status ResolveModelPath(const std::string& flag, const std::string& file_name,
                        const std::string& env_var, std::string* path);

bool StderrIsTerminal();

// "unspin: warning: INPUT: N invalid UTF-8 bytes (first at byte B), passed
// through untouched" when the reader met any.
void WarnInvalidUtf8(const std::string& input, const TokenizeStats& stats);

// An error naming a folder given where one text is read (the --jsonl modes
// read folders); Ok otherwise. ReadInputText checks it.
Status CheckTextInput(const std::string& input);

// Reads a command's whole input (FILE, "-" for standard input), refusing
// binary data and UTF-16/32 text with an error naming the input
// (text/text_check.h).
Status ReadInputText(const std::string& input, std::string* text);

// The default model pack: its file name and the variable that overrides it.
inline constexpr const char* kDefaultPackName = "en-us.unspin";
inline constexpr const char* kPackEnv = "UNSPIN_MODEL";

// Opens the pack named by `flag`, else the default pack from the search path.
Status OpenModel(const std::string& flag, std::unique_ptr<Model>* model);

// --model PACK, --dict PATH[@WEIGHT] (repeatable) and --inventory-weight W:
// every command that uses a model pack takes them.
struct ModelFlags {
  std::string model;
  std::vector<std::string> dicts;
  double inventory_weight = 0;  // 0: not given (LoadModel's default)
};

// How run-time dictionaries are read. kPlain: at the weights given (default
// 1), the pack's inventory at --inventory-weight (default 1); detection reads
// so (its calibration was fitted so). kRestore: a dictionary `unspin learn`
// wrote, given without @WEIGHT, is read at kLearnedDictionaryWeight and the
// inventory, unless --inventory-weight says otherwise, at
// kLearnedInventoryWeight: the learning loop's settings, chosen on copies held
// apart from the dev rows (README, Trace). Other dictionaries read as kPlain.
// restore, eval restore, candidates and the restore of check and serve read
// kRestore; everything else kPlain.
enum class DictionaryReading { kPlain, kRestore };
inline constexpr float kLearnedDictionaryWeight = 4;
inline constexpr float kLearnedInventoryWeight = 0.1f;

void AddModelFlags(CLI::App* cmd, ModelFlags* flags);

// Opens the pack (OpenModel), adds the run-time dictionaries and sets the
// inventory's weight, read as `reading` says.
Status LoadModel(const ModelFlags& flags, std::unique_ptr<Model>* model,
                 DictionaryReading reading = DictionaryReading::kPlain);

// For a command that detects and restores with one pack (check, serve): the
// pack as restore reads it when that differs from `LoadModel(flags, ...)`'s
// plain reading (a --dict is a dictionary `unspin learn` wrote), else null
// (restore then uses the plain model).
Status LoadRestoreModel(const ModelFlags& flags, std::unique_ptr<Model>* model);

// Loads each --fingerprints list (repeatable) into `target`, a Detector or a
// Restorer; their phrases add up.
template <typename T>
Status AddFingerprintLists(const std::vector<std::string>& paths, T* target) {
  for (const std::string& path : paths) UNSPIN_RETURN_IF_ERROR(target->AddFingerprints(path));
  return Status::Ok();
}

}  // namespace unspin::cli

#endif  // UNSPIN_CLI_CLI_UTIL_H_
